"""Our note block in a description: the runner's text kept byte for byte."""

from __future__ import annotations

from hypothesis import given, strategies as st

from insights.block import BLOCK_START, render_block, runner_text, split_block, with_block


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
