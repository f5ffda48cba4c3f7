"""Whole assessments: soreness state, escalation, association, post or skip, and the notes.

The note texts are snapshot tests: each representative case is written to
``snapshots/<case>.txt`` and reviewed as a runner would read it. Run with
``UPDATE_SNAPSHOTS=1`` to rewrite them after a deliberate change, then read
the diff.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from insights.assess import AthleteProfile, assess, should_post
from insights.history import SorenessEntry
from insights.soreness import SorenessReport, parse_soreness
from tests.insights.conftest import day, make_run

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"


def base_history(weeks: int = 6, hr: float | None = 142.0):
    """A steady runner: 4 runs a week (8, 6, 8 km and a 13 km long run)."""
    runs, n = [], 0
    for w in range(weeks):
        for offset, km in ((1, 8), (3, 6), (4, 8), (6, 13)):
            n += 1
            runs.append(make_run(n, day(w * 7 + offset), km, hr=hr, max_hr=182 if hr else None))
    return runs


def tagged(runs, entries_from=0):
    """SorenessEntry for every run whose title says something."""
    out = []
    for r in runs[entries_from:]:
        report = parse_soreness(r.name)
        if report.reported or report.red_flags:
            out.append(SorenessEntry(r.day, report, r.id, r.start_local))
    return out


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        path.write_text(text + "\n")
    assert path.exists(), f"no snapshot {path.name}: read the note, then UPDATE_SNAPSHOTS=1"
    assert text + "\n" == path.read_text(), f"note changed: compare with {path}"
    assert len(text) < 700, f"{name}: {len(text)} characters is too long for a phone"
    assert "Not medical advice" in text
    assert "caused" not in text.lower()


def test_spike_with_soreness():
    runs = base_history()
    new = make_run(100, day(43), 16.5, hr=146, max_hr=182, name="Long run #upperback 5")
    a = assess(new, runs + [new], tagged(runs))
    assert a.outcome == "noted"
    assert "long_run_spike" in a.flags
    assert a.advice[:2] == ["reduce_load", "warmup"] and "form" in a.advice
    assert a.soreness.as_dict() == {"reported": True, "severity": 5, "days_running": 1, "red_flags": []}
    assert "16.5 km" in a.text and "27% longer" in a.text and "13.0 km" in a.text
    check_snapshot("spike_with_soreness", a.text)


def test_soreness_with_steady_load():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy 8", description="Tight between my shoulder blades again, 4/10")
    a = assess(new, runs + [new], tagged(runs))
    assert a.flags == ()
    assert a.outcome == "noted"
    # 4/10 on the pain-monitoring model: shorter, easier runs, and why
    assert a.advice == ["form", "mobility_strength", "recovery"]
    assert "At 4/10: shorter, easier runs" in a.text
    assert "jump" not in a.text
    check_snapshot("soreness_steady_load", a.text)


def test_persistent_soreness_worse_on_waking_sends_to_physio():
    runs = base_history(5)
    entries = []
    n = 200
    for k in range(7):  # sore every day for a week, runs on some days
        d = day(36 + k)
        report = parse_soreness(f"#upperback {3 + (k > 3)} stiff, worse when I wake up")
        entries.append(SorenessEntry(d, report, None, datetime.combine(d, datetime.min.time())))
    new = make_run(n, day(43), 7, hr=140, max_hr=182, name="Shuffle #upperback 4", description="Stiff upper back, worse when I wake up")
    a = assess(new, runs + [new], entries)
    assert a.advice[0] == "see_physio"
    assert a.soreness.days_running == 8
    assert "sore_7_of_14" in a.soreness.physio_reasons
    assert "physio" in a.text.lower()
    check_snapshot("persistent_physio", a.text)


def test_red_flags_give_urgent_care_and_no_training_cues():
    runs = base_history()
    new = make_run(100, day(43), 10, hr=150, max_hr=182, name="Ouch #upperback 6", description="Chest felt tight and I was short of breath")
    a = assess(new, runs + [new], tagged(runs))
    assert a.outcome == "noted"
    assert a.advice == ["urgent_care"]
    assert set(a.soreness.today.red_flags) >= {"chest_pain", "breathless"}
    text = a.text.lower()
    assert "emergency help now" in text and "emergency number" in text
    for cue in ("warm up", "shoulders", "twice a week", "build back", "easy"):
        assert cue not in text
    check_snapshot("red_flags_urgent", a.text)


def test_red_flags_alone_are_enough_to_post():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="Felt pins and needles in my left arm")
    a = assess(new, runs + [new], [])
    assert a.outcome == "noted" and a.advice == ["urgent_care"]


def test_explicit_no_with_steady_load_is_skipped():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy, no upper back pain today")
    a = assess(new, runs + [new], tagged(runs))
    assert a.outcome == "skipped" and a.text is None and a.note() is None
    assert a.soreness.today.sore is False


def test_explicit_no_after_recent_soreness_is_noted_kindly():
    runs = base_history()
    sore_day = runs[-2]
    entries = [SorenessEntry(sore_day.day, parse_soreness("#upperback 4"), sore_day.id, sore_day.start_local)]
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="Recovery jog #upperback 0")
    a = assess(new, runs + [new], entries)
    assert a.outcome == "noted" and a.soreness.as_dict()["reported"] is False
    assert a.advice == ["mobility_strength"]
    check_snapshot("explicit_no_after_soreness", a.text)


def test_runner_in_miles_sees_miles():
    runs = base_history()
    new = make_run(100, day(43), 16.5, hr=146, max_hr=182, name="Long one #ubp 3")
    a = assess(new, runs + [new], [], AthleteProfile(measurement_preference="feet"))
    assert "10.3 mi" in a.text and "8.1 mi" in a.text and " km" not in a.text
    assert a.note()["metrics"]["week_km"] == 43.5  # metrics stay km
    check_snapshot("miles", a.text)


def test_brand_new_runner_with_no_history():
    new = make_run(1, day(0), 5, name="First run ever! #upperback 2")
    a = assess(new, [new], [])
    assert a.outcome == "noted"
    m = a.note()["metrics"]
    assert m == {"week_km": 5.0, "prev_week_km": 0.0, "week_change": None, "acwr": None, "longest_run_change": None}
    assert a.flags == ()
    check_snapshot("no_history", a.text)


def test_steady_untagged_run_is_skipped_unless_always():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182)
    assert assess(new, runs + [new], []).outcome == "skipped"
    always = assess(new, runs + [new], [], AthleteProfile(note_mode="always"))
    assert always.outcome == "noted" and "Not medical advice" in always.text


def test_intensity_jump_at_the_same_distance():
    runs = base_history()
    new = make_run(100, day(43), 8, minutes=38, hr=171, max_hr=184, name="Tempo #upperback 3")
    a = assess(new, runs + [new], tagged(runs))
    assert a.flags == ("intensity_spike",)
    assert {"form", "breathing"} <= set(a.advice)
    assert "above your 28-day average" in a.text
    check_snapshot("intensity_jump", a.text)


def test_sports_bra_is_named_only_for_women_with_recurring_soreness():
    runs = base_history()
    earlier = runs[-3]
    entries = [SorenessEntry(earlier.day, parse_soreness("#upperback 3"), earlier.id, earlier.start_local)]
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="#upperback 4")
    female = assess(new, runs + [new], entries, AthleteProfile(sex="F"))
    male = assess(new, runs + [new], entries, AthleteProfile(sex="M"))
    first_time = assess(new, runs + [new], [], AthleteProfile(sex="F"))
    assert "sports bra" in female.text
    assert "sports bra" not in male.text and "sports bra" not in first_time.text


def test_three_sore_runs_in_a_row_escalate():
    runs = base_history()
    last3 = runs[-2:]
    entries = [SorenessEntry(r.day, parse_soreness("#upperback 2"), r.id, r.start_local) for r in last3]
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="#upperback 2")
    a = assess(new, runs + [new], entries)
    assert "three_runs_in_a_row" in a.soreness.physio_reasons and a.advice[0] == "see_physio"


def test_rising_severity_and_severe_escalate():
    runs = base_history()
    r1, r2 = runs[-3], runs[-1]
    entries = [
        SorenessEntry(r1.day, parse_soreness("#upperback 2"), r1.id, r1.start_local),
        SorenessEntry(r2.day, parse_soreness("#upperback 4"), r2.id, r2.start_local),
    ]
    new = make_run(100, day(44), 8, hr=141, max_hr=182, name="#upperback 6")
    assert "rising_severity" in assess(new, runs + [new], entries).soreness.physio_reasons
    severe = replace(new, name="#upperback 8")
    assert "severe" in assess(severe, runs + [severe], []).soreness.physio_reasons


def test_soreness_still_there_after_rest_escalates():
    runs = base_history()
    last = runs[-1]
    entries = [SorenessEntry(last.day, parse_soreness("#upperback 4"), last.id, last.start_local)]
    new = make_run(100, last.day + timedelta(days=3), 6, hr=141, max_hr=182, name="#upperback 4")
    a = assess(new, runs + [new], entries)
    assert "after_rest" in a.soreness.physio_reasons


def test_recent_soreness_alone_posts_a_check_in_prompt():
    runs = base_history()
    last = runs[-1]
    entries = [SorenessEntry(last.day, parse_soreness("#upperback 3"), last.id, last.start_local)]
    new = make_run(100, day(43), 8, hr=141, max_hr=182)
    a = assess(new, runs + [new], entries)
    assert a.outcome == "noted" and a.soreness.today.sore is None
    assert "#upperback" in a.text


def test_old_soreness_does_not_post():
    runs = base_history()
    old = runs[5]
    entries = [SorenessEntry(old.day, parse_soreness("#upperback 3"), old.id, old.start_local)]
    new = make_run(100, day(43), 8, hr=141, max_hr=182)
    assert assess(new, runs + [new], entries).outcome == "skipped"


def test_stored_answer_for_the_same_activity_is_replaced_by_its_current_text():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy")
    stale = [SorenessEntry(new.day, parse_soreness("#upperback 6"), new.id, new.start_local)]
    assert assess(new, runs + [new], stale).soreness.today.sore is None


def _long_run_jumps() -> list:
    """Ten steady weeks, but in weeks 3, 5, 7 and 9 the long run jumps (>10% over the 30 days before)."""
    runs, n = [], 0
    jumps = {3: 15, 5: 17, 7: 19, 9: 21}
    for w in range(10):
        for offset, km in ((1, 8), (3, 6), (4, 8), (6, jumps.get(w, 13))):
            n += 1
            runs.append(make_run(n, day(w * 7 + offset), km, hr=142, max_hr=182))
    return runs


def test_association_needs_three_of_each_and_speaks_of_association():
    runs = _long_run_jumps()
    entries = [SorenessEntry(day(w * 7 + 7), SorenessReport(True, 4)) for w in (3, 5, 7, 9)]
    entries += [SorenessEntry(day(w * 7 + 4), SorenessReport(False, 0)) for w in (2, 4, 6, 8)]
    new = make_run(999, day(71), 8, hr=141, max_hr=182, name="Easy")
    a = assess(new, runs + [new], entries)
    assoc = a.note()["association"]
    assert assoc == {
        "sore_after_spike": 4,
        "not_sore_after_spike": 0,
        "sore_otherwise": 0,
        "not_sore_otherwise": 4,
        "relative_risk": 9.0,
        "window_days": 3,
    }
    assert "associated with load jumps" in a.text
    check_snapshot("association", a.text)
    # with only two "no" answers there is nothing to say
    fewer = entries[:4] + entries[4:6]
    assert assess(new, runs + [new], fewer).association is None


def test_sore_days_only_a_private_note_told_of_do_not_move_the_public_association():
    """The association line is in the public description: its counts come
    from public answers. Private-note sore days still count for the runner's
    own record (the note's JSON), as every private answer does."""
    runs = _long_run_jumps()
    public = [SorenessEntry(day(w * 7 + 7), SorenessReport(True, 4), source="title") for w in (3, 5, 7, 9)]
    public += [SorenessEntry(day(w * 7 + 4), SorenessReport(False, 0), source="title") for w in (2, 4, 6, 8)]
    # sore, privately, on two days far from any jump
    private = [SorenessEntry(day(w * 7 + 5), SorenessReport(True, 4), private=True, source="private_note")
               for w in (2, 6)]
    new = make_run(999, day(71), 8, hr=141, max_hr=182, name="Easy")

    told_privately = assess(new, runs + [new], public + private)
    public_only = assess(new, runs + [new], public)
    assert told_privately.note()["association"]["sore_otherwise"] == 2  # the runner's own record
    assert public_only.note()["association"]["sore_otherwise"] == 0
    assert told_privately.text == public_only.text


def test_should_post_rule():
    from insights.history import SorenessState

    quiet = SorenessState(SorenessReport(None), 0, None, 0, ())
    assert should_post((), quiet, "auto") == (False, "steady load and no soreness reported")
    assert should_post(("week_spike",), quiet, "auto")[0]
    assert should_post((), quiet, "always")[0]
    assert should_post((), replace(quiet, today=SorenessReport(None, red_flags=("fever",))), "auto")[0]
    assert should_post((), replace(quiet, recent_sore_day=day(1)), "auto")[0]


def test_past_flags_give_the_same_assessment_as_recomputing():
    runs = _long_run_jumps()
    entries = [SorenessEntry(day(w * 7 + 7), SorenessReport(True, 4)) for w in (3, 5, 7, 9)]
    entries += [SorenessEntry(day(w * 7 + 4), SorenessReport(False, 0)) for w in (2, 4, 6, 8)]
    past = {r.id: assess(r, runs, entries).flags for r in runs}
    new = make_run(999, day(71), 8, hr=141, max_hr=182, name="Easy")
    assert assess(new, runs + [new], entries, past_flags=past) == assess(new, runs + [new], entries)


def test_stiffness_on_waking_for_days_escalates_but_not_on_the_first_day():
    runs = base_history()
    first = make_run(100, day(43), 7, hr=140, max_hr=182, name="#upperback 3", description="Upper back stiff, worse when I wake up")
    assert "morning_stiffness" not in assess(first, runs + [first], []).soreness.physio_reasons
    entries = [SorenessEntry(day(41 + k), parse_soreness("#upperback 3 worse when I wake up")) for k in range(2)]
    a = assess(first, runs + [first], entries)
    assert "morning_stiffness" in a.soreness.physio_reasons
    assert "worse on waking, and it keeps coming back" in a.text


def _sore(run, text="#upperback 4"):
    return SorenessEntry(run.day, parse_soreness(text), run.id, run.start_local)


def _check_in(n, text="#upperback 4"):
    d = day(n)
    return SorenessEntry(d, parse_soreness(text), None, datetime.combine(d, datetime.min.time()) + timedelta(hours=20))


def test_sore_again_after_three_rest_days_escalates():
    before = make_run(1, day(0), 8, hr=142, max_hr=182)
    new = make_run(2, day(4), 8, hr=142, max_hr=182, name="#upperback 4")
    a = assess(new, [before, new], [_sore(before)])
    assert "after_rest" in a.soreness.physio_reasons
    assert "still there after rest" in a.text


def test_sore_check_ins_on_rest_days_then_sore_again_escalates():
    before = make_run(1, day(0), 8, hr=142, max_hr=182)
    new = make_run(2, day(3), 8, hr=142, max_hr=182, name="#upperback 4")
    a = assess(new, [before, new], [_sore(before), _check_in(1), _check_in(2)])
    assert "after_rest" in a.soreness.physio_reasons


@pytest.mark.parametrize(("rest_days", "escalates"), [(0, False), (1, False), (2, True)])
def test_after_rest_needs_two_full_rest_days(rest_days, escalates):
    before = make_run(1, day(0), 8, hr=142, max_hr=182)
    new = make_run(2, day(1 + rest_days), 8, hr=142, max_hr=182, name="#upperback 4")
    a = assess(new, [before, new], [_sore(before)])
    assert ("after_rest" in a.soreness.physio_reasons) is escalates


def test_after_rest_needs_soreness_before_the_break_and_nothing_fine_since():
    before = make_run(1, day(0), 8, hr=142, max_hr=182)
    new = make_run(2, day(4), 8, hr=142, max_hr=182, name="#upperback 4")
    assert "after_rest" not in assess(new, [before, new], []).soreness.physio_reasons
    # it went away during the rest and came back: not "still there"
    fine_between = [_sore(before), _check_in(2, "#upperback 0")]
    assert "after_rest" not in assess(new, [before, new], fine_between).soreness.physio_reasons
    # soreness more than 14 days ago is not what is still there
    old = make_run(1, day(0), 8, hr=142, max_hr=182)
    late = make_run(2, day(15), 8, hr=142, max_hr=182, name="#upperback 4")
    assert "after_rest" not in assess(late, [old, late], [_sore(old)]).soreness.physio_reasons


def test_rising_severity_is_not_reset_by_a_gap_of_a_few_days():
    runs = [make_run(1, day(0), 8, hr=142, max_hr=182), make_run(2, day(5), 8, hr=142, max_hr=182)]
    new = make_run(3, day(10), 8, hr=142, max_hr=182, name="#upperback 6")
    entries = [_sore(runs[0], "#upperback 2"), _sore(runs[1], "#upperback 4")]
    a = assess(new, [*runs, new], entries)
    assert "rising_severity" in a.soreness.physio_reasons
    # unrated sore days and "fine" days in between are not among the 3 rated reports
    between = entries + [_check_in(3, "upper back sore"), _check_in(7, "#upperback 0")]
    assert "rising_severity" in assess(new, [*runs, new], between).soreness.physio_reasons


@pytest.mark.parametrize("severities", [(2, 4, 4), (4, 2, 6), (5, 4, 3)])
def test_rising_severity_must_rise_strictly(severities):
    runs = [make_run(1, day(0), 8, hr=142, max_hr=182), make_run(2, day(2), 8, hr=142, max_hr=182)]
    new = make_run(3, day(4), 8, hr=142, max_hr=182, name=f"#upperback {severities[2]}")
    entries = [_sore(runs[0], f"#upperback {severities[0]}"), _sore(runs[1], f"#upperback {severities[1]}")]
    assert "rising_severity" not in assess(new, [*runs, new], entries).soreness.physio_reasons


def test_rising_severity_counts_only_the_last_14_days():
    runs = [make_run(1, day(0), 8, hr=142, max_hr=182), make_run(2, day(10), 8, hr=142, max_hr=182)]
    new = make_run(3, day(15), 8, hr=142, max_hr=182, name="#upperback 6")
    entries = [_sore(runs[0], "#upperback 2"), _sore(runs[1], "#upperback 4")]
    assert "rising_severity" not in assess(new, [*runs, new], entries).soreness.physio_reasons


def _steady_answers():
    """3 sore and 3 fine answers, all well after base_history's early spikes (its days 6 to 11)."""
    sore = [SorenessEntry(day(d), SorenessReport(True, 4)) for d in (17, 24, 31)]
    fine = [SorenessEntry(day(d), SorenessReport(False, 0)) for d in (19, 26, 33)]
    return sore + fine


def test_acwr_alone_is_no_exposure_in_the_association():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="#upperback 3")
    entries = _steady_answers()
    plain = assess(new, runs + [new], entries).association
    assert plain is not None and plain.sore_after_spike == 0
    # an earlier assessment stored acwr_high for the runs before each sore day: still no spike day
    past = {r.id: ("acwr_high",) if r.day in (day(15), day(22), day(29)) else () for r in runs}
    a = assess(new, runs + [new], entries, past_flags=past)
    assert a.association == plain


def test_a_spike_earlier_the_same_day_exposes_today():
    runs = base_history()
    morning = make_run(100, day(43), 8, minutes=38, hr=171, max_hr=184, hour=7)
    evening = make_run(101, day(43), 6, hr=141, max_hr=182, hour=18, name="#upperback 4")
    history = runs + [morning, evening]
    assert assess(morning, history, []).flags == ("intensity_spike",)
    a = assess(evening, history, _steady_answers())
    assert not {"long_run_spike", "week_spike", "intensity_spike"} & set(a.flags)
    assert (a.association.sore_after_spike, a.association.sore_otherwise) == (1, 3)


def test_todays_acwr_alone_is_no_spike_day():
    from insights.assess import _spike_day_checker

    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182)
    is_spike_day = _spike_day_checker(runs + [new], new, ("acwr_high",), None, 182.0, {}, {})
    assert not is_spike_day(day(43))
    assert _spike_day_checker(runs + [new], new, ("acwr_high", "week_spike"), None, 182.0, {}, {})(day(43))


def test_red_flags_only_in_the_private_note_are_not_named_in_the_public_note():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy 8k",
                   private_note="chest felt tight, numbness in left arm")
    a = assess(new, runs + [new], [], me_url="https://rhomboid.example/me")
    assert a.advice == ["urgent_care"]
    assert set(a.note()["soreness"]["red_flags"]) == {"chest_pain", "numbness_or_weakness"}  # not public
    text = a.text.lower()
    for private in ("chest", "numbness", "tingling", " arm", "you mentioned", "private", "doctor", "emergency"):
        assert private not in text
    assert "urgent message for you today: https://rhomboid.example/me" in text and "not medical advice" in text
    # the full message waits on the runner's page
    assert "chest pain" in a.private_text and "emergency help now" in a.private_text
    check_snapshot("red_flags_private", a.text)


@pytest.mark.parametrize("visibility", ["everyone", "followers_only", None])
def test_a_public_activity_never_shows_private_red_flags(visibility):
    runs = base_history()
    new = replace(make_run(100, day(43), 8, hr=141, max_hr=182, name="Feverish today", private_note="chest tight"),
                  visibility=visibility)
    text = assess(new, runs + [new], []).text.lower()
    assert "fever" not in text and "chest" not in text and "private" not in text
    assert "urgent message" in text


def test_an_only_me_activity_gets_the_full_urgent_note():
    runs = base_history()
    new = replace(make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy", private_note="chest tight"),
                  visibility="only_me")
    a = assess(new, runs + [new], [])
    assert "You mentioned: chest pain, pressure or tightness." in a.text and a.private_text is None


def test_soreness_only_in_the_private_note_is_not_quoted_in_the_public_note():
    runs = base_history()
    words = "Upper back aches at night, 6/10"
    private = make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy 8", private_note=words)
    public = replace(private, private_note="", description=words)
    a, same = assess(private, runs + [private], []), assess(public, runs + [public], [])
    # the private note still drives the advice and the escalation
    assert a.advice == same.advice and a.advice[0] == "see_physio"
    assert a.soreness.physio_reasons == same.soreness.physio_reasons == ("night_or_rest",)
    assert a.note()["soreness"] == same.note()["soreness"] == {
        "reported": True, "severity": 6, "days_running": 1, "red_flags": []}
    assert "Thanks for letting Rhomboid know how your upper back is." in a.text
    for quoted in ("6/10", "night", "aches", "sore today", "rated"):
        assert quoted not in a.text
    assert "6/10" in same.text and "night" in same.text
    check_snapshot("soreness_private", a.text)


def test_a_private_rating_is_not_shown_beside_a_public_tag():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="#upperback 3",
                   private_note="sharp pain in my upper back, 8/10")
    a = assess(new, runs + [new], [])
    assert {"severe", "breath_or_sharp"} <= set(a.soreness.physio_reasons)
    assert "Upper back sore today (3/10)" in a.text
    assert "8/10" not in a.text and "sharp" not in a.text and "physio or GP about your upper back." in a.text and "private" not in a.text
