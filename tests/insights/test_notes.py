"""Note text details a runner would act on: the numbers in the advice and the words about soreness."""

from __future__ import annotations

import pytest

from insights.history import SorenessState
from insights.intensity import Intensity
from insights.load import LoadMetrics
from insights.notes import render_note
from insights.soreness import SorenessReport

NO_INTENSITY = Intensity(measure=None, value=None, baseline=None, baseline_runs=0)
QUIET = SorenessState(SorenessReport(None), 0, None, 0, ())


def metrics(week_km: float, prev_week_km: float, longest_run_change: float | None = None) -> LoadMetrics:
    change = week_km / prev_week_km - 1 if prev_week_km else None
    return LoadMetrics(week_km, prev_week_km, change, longest_run_change, 13.0 if longest_run_change else None,
                       None, None, None)


def note(m: LoadMetrics, flags: tuple[str, ...], state: SorenessState = QUIET, units: str = "meters") -> str:
    return render_note(distance_km=16.5, metrics=m, intensity=NO_INTENSITY, flags=flags, state=state,
                       advice=["reduce_load"], association=None, units=units)


@pytest.mark.parametrize(("week_km", "prev_week_km", "flags", "cap"), [
    (48.6, 34.8, ("week_spike",), "under 34.8 km"),  # the spike week is no ceiling
    (40.0, 35.0, ("long_run_spike",), "under 35.0 km"),
    (30.0, 35.0, ("long_run_spike",), "under 30.0 km"),  # already below last week: keep it below
    (20.0, 0.0, ("long_run_spike",), "under 20.0 km"),  # no week before to go by
])
def test_reduce_load_caps_next_week_at_the_week_before_the_spike(week_km, prev_week_km, flags, cap):
    text = note(metrics(week_km, prev_week_km, 0.27 if "long_run_spike" in flags else None), flags)
    assert f"keep next week {cap}" in text


def test_reduce_load_cap_is_in_the_runners_units():
    text = note(metrics(48.6, 34.8), ("week_spike",), units="feet")
    assert "keep next week under 21.6 mi" in text


def test_sore_answers_with_a_day_between_are_not_called_days_running():
    from datetime import date

    from insights.assess import assess
    from insights.history import SorenessEntry
    from tests.insights.conftest import make_run

    first = make_run(1, date(2026, 6, 17), 8, name="#upperback 3")
    second = make_run(2, date(2026, 6, 19), 8, name="#upperback 4")
    entries = [SorenessEntry(first.day, SorenessReport(True, 3), first.id, first.start_local)]
    a = assess(second, [first, second], entries)
    assert a.note()["soreness"]["days_running"] == 2  # the contract's field keeps its name
    assert "days running" not in a.text
    assert "Upper back sore today (4/10), 2 sore reports in a row." in a.text
