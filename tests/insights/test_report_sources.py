"""Answers carry their source: an activity's texts are separate answers that make one per activity."""

from __future__ import annotations

from datetime import date, datetime

from insights.activities import activity_from_strava
from insights.history import SorenessEntry, soreness_state
from insights.soreness import NO_REPORT, SorenessReport, field_reports


def _run(activity_id: int, day: int, **fields):
    start = f"2026-11-{day:02d}T07:00:00Z"
    return activity_from_strava({
        "id": activity_id, "athlete": {"id": 2}, "name": "Run", "sport_type": "Run", "start_date_local": start,
        "start_date": start, "distance": 8000.0, "moving_time": 2800, "visibility": "everyone", **fields})


def test_each_text_of_an_activity_is_read_on_its_own():
    run = _run(1, 16, name="Long run #upperback 5", description="Windy.\n\n── Rhomboid ──\nupper back sore\n"
               "── end Rhomboid ──", private_note="worse on a deep breath")
    texts = field_reports(run)
    assert texts["title"] == SorenessReport(True, 5)
    assert texts["description"] == NO_REPORT  # our block is never the runner's report
    assert texts["private_note"].qualifiers == {"worse_on_deep_breath"}


def test_a_private_note_s_public_part_is_nothing_a_check_in_s_keeps_its_rating():
    report = SorenessReport(True, 7, frozenset({"sharp"}), ("fever",))
    note = SorenessEntry(date(2026, 11, 16), report, 1, None, private=True, source="private_note")
    checkin = SorenessEntry(date(2026, 11, 16), report, None, None, private=True, source="checkin")
    assert note.public_part().report == NO_REPORT
    assert checkin.public_part().report == SorenessReport(True, 7)


def test_an_activity_s_texts_make_one_answer_for_runs_in_a_row():
    runs = [_run(n, 14 + n) for n in (1, 2, 3)]
    entries = []
    for run in runs:  # sore in the title, a qualifier only (sore unknown) in the private note
        at = datetime.combine(run.day, datetime.min.time())
        entries.append(SorenessEntry(run.day, SorenessReport(True, 3), run.id, at, source="title"))
        entries.append(SorenessEntry(run.day, SorenessReport(None, None, frozenset({"worse_on_waking"})), run.id,
                                     at, private=True, source="private_note"))
    state = soreness_state(runs[-1], runs, entries)
    assert "three_runs_in_a_row" in state.physio_reasons
