"""Note text details a runner would act on: the numbers in the advice and the words about soreness."""

from __future__ import annotations

import pytest

from insights.guidance import Comeback, LoadGuidance
from insights.history import SorenessState
from insights.intensity import Intensity
from insights.load import LoadMetrics
from insights.notes import NoteContext, render_note
from insights.soreness import SorenessReport

NO_INTENSITY = Intensity(measure=None, value=None, baseline=None, baseline_runs=0)
QUIET = SorenessState(SorenessReport(None), 0, None, 0, ())


def metrics(week_km: float, prev_week_km: float, longest_run_change: float | None = None,
            four_week_km: float | None = None) -> LoadMetrics:
    change = week_km / prev_week_km - 1 if prev_week_km else None
    return LoadMetrics(week_km, prev_week_km, change, longest_run_change, 13.0 if longest_run_change else None,
                       None, None, None, four_week_km)


def note(m: LoadMetrics, flags: tuple[str, ...], state: SorenessState = QUIET, units: str = "meters",
         guidance: LoadGuidance | None = None) -> str:
    if guidance is None:
        longest = m.longest_recent_km
        guidance = LoadGuidance(longest * 1.1 if longest else None, longest, m.four_week_km, None)
    return render_note(distance_km=16.5, metrics=m, intensity=NO_INTENSITY, flags=flags, state=state,
                       advice=["reduce_load"], association=None, guidance=guidance,
                       context=NoteContext(units=units))


@pytest.mark.parametrize(("week_km", "prev_week_km", "four_week_km", "flags", "target"), [
    (48.6, 34.8, 36.0, ("week_spike",), "next week around 36.0 km, your 4-week average"),
    (40.0, 35.0, 34.0, ("long_run_spike",), "next week around 34.0 km"),
    # a taper or a holiday week is no reason to aim lower than the usual week
    (12.0, 8.0, 30.0, ("week_spike",), "next week around 30.0 km"),
])
def test_next_week_aims_for_the_four_week_average(week_km, prev_week_km, four_week_km, flags, target):
    text = note(metrics(week_km, prev_week_km, 0.27 if "long_run_spike" in flags else None, four_week_km), flags)
    assert target in text
    assert "under 8.0 km" not in text and "under 12.0 km" not in text


def test_next_long_run_is_capped_at_ten_percent_over_the_30_day_longest():
    text = note(metrics(40.0, 35.0, 0.27, 34.0), ("long_run_spike",))
    assert "next long run at most 14.3 km (10% over 13.0 km)" in text


def test_reduce_load_cap_is_in_the_runners_units():
    text = note(metrics(48.6, 34.8, 0.27, 36.0), ("week_spike", "long_run_spike"), units="feet")
    assert "next week around 22.4 mi" in text and "at most 8.9 mi (10% over 8.1 mi)" in text
    assert " km" not in text


def test_a_return_after_a_break_starts_near_half_the_usual_week():
    back = LoadGuidance(None, None, 8.0, Comeback(days_off=36, before_week_km=32.0))
    text = note(metrics(8.0, 0.0, None, 2.0), ("week_spike",), guidance=back)
    assert "Back after 5 weeks off: start near 16.0 km a week (half your 32.0 km before the break)" in text
    assert "3–6 weeks" in text and "next week around" not in text


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
