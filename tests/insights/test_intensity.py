"""Session intensity against the athlete's own baseline of the same measure."""

from __future__ import annotations

import math

import pytest

from insights.intensity import assess_intensity, athlete_max_hr, session_value, trimp_per_minute
from tests.insights.conftest import day, make_run


def easy_weeks(hr=140.0, **kw):
    """Four weeks of easy 8 km runs at 6 min/km, every other day."""
    return [make_run(i, day(i * 2), 8, hr=hr, max_hr=185, **kw) for i in range(14)]


def test_trimp_per_minute_follows_banister():
    reserve = (150 - 60) / (190 - 60)
    assert trimp_per_minute(150, 190, "M") == pytest.approx(reserve * 0.64 * math.exp(1.92 * reserve))
    assert trimp_per_minute(150, 190, "F") == pytest.approx(reserve * 0.86 * math.exp(1.67 * reserve))


def test_measure_falls_back_from_heart_rate_to_rpe_to_relative_effort_to_pace():
    hr = make_run(1, day(0), 8, hr=150, rpe=5, suffer=40)
    rpe = make_run(2, day(0), 8, rpe=5, suffer=40)
    suffer = make_run(3, day(0), 8, suffer=40)
    pace = make_run(4, day(0), 8)
    assert [session_value(r, 190, None)[0] for r in (hr, rpe, suffer, pace)] == [
        "hr", "rpe", "relative_effort", "pace",
    ]


def test_a_hard_session_at_the_same_distance_is_a_spike():
    runs = easy_weeks()
    tempo = make_run(99, day(28), 8, minutes=40, hr=172, max_hr=185)
    i = assess_intensity(runs + [tempo], tempo)
    assert i.measure == "hr" and i.baseline_runs == 14
    assert i.spike and i.change > 0.25


def test_an_easy_long_run_is_not_an_intensity_spike():
    runs = easy_weeks()
    long = make_run(99, day(28), 20, hr=142, max_hr=185)
    assert not assess_intensity(runs + [long], long).spike


def test_measures_are_never_mixed():
    # baseline has heart rate; today's run has only perceived exertion: nothing to compare
    runs = easy_weeks()
    today = make_run(99, day(28), 8, minutes=40, rpe=9)
    i = assess_intensity(runs + [today], today)
    assert i.measure == "rpe" and i.baseline_runs == 0 and not i.spike


def test_rpe_spike_against_rpe_baseline():
    runs = [make_run(i, day(i * 2), 8, rpe=4) for i in range(10)]
    hard = make_run(99, day(21), 8, rpe=8)
    assert assess_intensity(runs + [hard], hard).spike


def test_pace_spike_needs_a_clearly_faster_run():
    runs = [make_run(i, day(i * 2), 8, minutes=48) for i in range(10)]
    slightly = make_run(98, day(21), 8, minutes=46)  # 4% faster
    much = make_run(99, day(21), 8, minutes=40)  # 20% faster
    assert not assess_intensity(runs + [slightly], slightly).spike
    assert assess_intensity(runs + [much], much).spike


def test_no_spike_without_three_baseline_sessions():
    runs = [make_run(1, day(0), 8, hr=130), make_run(2, day(2), 8, hr=130)]
    hard = make_run(3, day(4), 8, hr=180)
    assert assess_intensity(runs + [hard], hard).baseline_runs == 2
    assert not assess_intensity(runs + [hard], hard).spike


def test_baseline_is_the_previous_28_days_only():
    old = [make_run(i, day(i), 8, hr=175) for i in range(5)]  # hard, but long ago
    recent = [make_run(10 + i, day(40 + i * 2), 8, hr=135) for i in range(5)]
    today = make_run(99, day(52), 8, minutes=40, hr=170)
    i = assess_intensity(old + recent + [today], today)
    assert i.baseline_runs == 5 and i.spike


def test_max_hr_from_profile_then_history_then_default():
    runs = [make_run(1, day(0), 8, hr=140, max_hr=178)]
    assert athlete_max_hr(runs, 195) == 195
    assert athlete_max_hr(runs, None) == 178
    assert athlete_max_hr([make_run(1, day(0), 8)], None) == 190


def test_non_runs_have_no_intensity():
    ride = make_run(1, day(0), 40, sport="Ride", hr=150)
    assert assess_intensity([], ride).measure is None


def test_a_weekly_tempo_is_routine_not_a_spike():
    runs = []
    for week in range(4):
        runs += [make_run(week * 10 + k, day(week * 7 + k * 2), 8, hr=140, max_hr=185) for k in range(3)]
        runs.append(make_run(week * 10 + 5, day(week * 7 + 6), 8, minutes=40, hr=168, max_hr=185))
    tempo = make_run(99, day(34), 8, minutes=40, hr=168, max_hr=185)
    i = assess_intensity(sorted(runs + [tempo], key=lambda r: r.start_local), tempo)
    assert i.change > 0.25  # well above the mean of mostly easy runs...
    assert not i.spike  # ...but no harder than the tempos before it
    race = make_run(100, day(34), 8, minutes=36, hr=178, max_hr=188)
    assert assess_intensity(sorted(runs + [race], key=lambda r: r.start_local), race).spike
