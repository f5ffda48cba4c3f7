"""Our note block in a description: the runner's text kept byte for byte."""

from __future__ import annotations

from hypothesis import given, strategies as st

from insights.block import BLOCK_END, BLOCK_START, readable_text, render_block, runner_text, split_block, with_block


def test_block_is_appended_after_the_runners_text():
    out = with_block("Easy run with Sam 🙂", "Warm up first.")
    assert out.startswith("Easy run with Sam 🙂\n\n" + BLOCK_START)
    assert runner_text(out) == "Easy run with Sam 🙂"


def test_block_is_replaced_not_duplicated():
    once = with_block("Tempo", "first note")
    twice = with_block(once, "second note")
    assert twice.count(BLOCK_START) == 1
    assert "second note" in twice and "first note" not in twice
    assert runner_text(twice) == "Tempo"


def test_empty_description_gets_just_the_block():
    assert with_block("", "note") == render_block("note")
    assert with_block(None, "note") == render_block("note")


def test_removing_the_block_restores_the_text():
    assert with_block(with_block("Hills\n\n", "x"), None) == "Hills\n\n"


def test_text_the_runner_added_after_our_block_is_kept():
    desc = with_block("Before", "note") + "\nadded later"
    own, block = split_block(desc)
    assert own == "Before\nadded later"
    assert block == render_block("note")


@given(st.text(), st.text(min_size=1).filter(lambda t: t.strip() and "──" not in t))
def test_runner_text_round_trips_byte_for_byte(own, note):
    own = own.replace("──", "--")
    desc = with_block(own, note)
    assert runner_text(desc) == own
    assert with_block(desc, note) == desc  # idempotent: nothing changes, no PUT needed


OLD = render_block("Upper back sore today (6/10).\nNot medical advice.")


def test_an_old_note_pasted_above_is_the_runners_text():
    own = f"Copied from Tuesday:\n{OLD}\nToday: easy 5k."
    desc = f"{own}\n\n{render_block('our note')}"  # the runner pasted above our block
    assert split_block(desc) == (own, render_block("our note"))
    again = with_block(desc, "newer note")
    assert again == f"{own}\n\n{render_block('newer note')}"
    assert with_block(again, "newer note") == again


def test_a_block_without_its_end_marker_is_no_block():
    broken = with_block("Easy 8k", "old note").replace(BLOCK_END, "") + "\nlegs great, see you Sunday"
    assert split_block(broken) == (broken, None)
    assert runner_text(broken) == broken
    desc = with_block(broken, "new note")
    assert desc == broken + "\n\n" + render_block("new note")
    assert runner_text(desc) == broken
    assert with_block(desc, None) == broken


def test_of_two_complete_blocks_only_the_last_is_replaced():
    desc = f"{OLD}\nmiddle words\n\n{render_block('current')}"
    out = with_block(desc, "replaced")
    assert out == f"{OLD}\nmiddle words\n\n{render_block('replaced')}"
    assert runner_text(out) == f"{OLD}\nmiddle words"


def test_no_block_words_are_read_as_the_runners():
    pasted = f"Copied:\n{OLD}\nToday fine."
    assert readable_text(f"{pasted}\n\n{render_block('note')}").split() == ["Copied:", "Today", "fine."]
    broken = with_block("Easy", "Upper back sore today (6/10).\nNot medical advice.").replace(BLOCK_END, "")
    assert readable_text(broken + "\n#upperback 2").split() == ["Easy", "#upperback", "2"]
    assert readable_text("no block here") == "no block here"
