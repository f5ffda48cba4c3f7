"""The pinned load metrics on hand-computed histories, and ACWR against pandas."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from insights.load import assess_load, known_runs, runs_only
from tests.insights.conftest import day, make_run


def test_week_and_previous_week_on_hand_computed_history():
    runs = [
        make_run(1, day(0), 5),  # D-13: previous week
        make_run(2, day(6), 7),  # D-7: previous week
        make_run(3, day(7), 4),  # D-6: this week
        make_run(4, day(10), 6),
        make_run(5, day(13), 10),  # D
    ]
    m = assess_load(runs, runs[-1])
    assert m.week_km == pytest.approx(20.0)
    assert m.prev_week_km == pytest.approx(12.0)
    assert m.week_change == pytest.approx(20 / 12 - 1)
    assert "week_spike" in m.flags  # +67% > 30%


def test_week_change_is_null_without_a_previous_week():
    runs = [make_run(1, day(10), 5), make_run(2, day(12), 8)]
    m = assess_load(runs, runs[-1])
    assert m.prev_week_km == 0
    assert m.week_change is None
    assert "week_spike" not in m.flags


def test_longest_run_change_uses_days_d_minus_30_to_d_minus_1():
    runs = [
        make_run(1, day(0), 20),  # D-31: too old to count
        make_run(2, day(1), 10),  # D-30: counts
        make_run(3, day(20), 8),
        make_run(4, day(31), 12),  # D
    ]
    m = assess_load(runs, runs[-1])
    assert m.longest_recent_km == 10
    assert m.longest_run_change == pytest.approx(0.2)
    assert "long_run_spike" in m.flags


def test_a_run_earlier_the_same_day_is_not_the_longest_before():
    runs = [make_run(1, day(0), 5), make_run(2, day(5), 8, hour=6), make_run(3, day(5), 6, hour=18)]
    m = assess_load(runs, runs[-1])
    assert m.longest_recent_km == 5  # D-1 and earlier only
    assert m.week_km == pytest.approx(19)  # but both runs of D count toward the week


def test_long_run_spike_threshold_is_strictly_above_ten_percent():
    runs = [make_run(1, day(0), 10), make_run(2, day(7), 11)]
    assert "long_run_spike" not in assess_load(runs, runs[-1]).flags
    runs = [make_run(1, day(0), 10), make_run(2, day(7), 11.01)]
    assert "long_run_spike" in assess_load(runs, runs[-1]).flags


def test_longest_run_change_is_null_with_no_run_in_the_last_30_days():
    runs = [make_run(1, day(0), 10), make_run(2, day(40), 5)]
    assert assess_load(runs, runs[-1]).longest_run_change is None


def test_other_sports_never_count_toward_running_distance():
    history = [
        make_run(1, day(0), 10),
        make_run(2, day(3), 40, sport="Ride"),
        make_run(3, day(5), 2, sport="Swim"),
        make_run(4, day(6), 8, sport="TrailRun"),
        make_run(5, day(7), 12, sport="VirtualRun"),
    ]
    runs = runs_only(history)
    assert [r.id for r in runs] == [1, 4, 5]
    m = assess_load(runs, runs[-1])
    assert m.week_km == pytest.approx(20)  # day 1..7: trail 8 + virtual 12
    assert m.longest_recent_km == 10


def test_a_ride_is_assessed_against_runs_but_has_no_single_run_spike():
    runs = runs_only([make_run(1, day(0), 10), make_run(2, day(1), 5)])
    ride = make_run(9, day(2), 60, sport="Ride")
    m = assess_load(runs, ride)
    assert m.week_km == pytest.approx(15)
    assert m.longest_run_change is None


def test_reassessing_an_old_activity_never_uses_later_runs():
    runs = [make_run(i, day(i), 5 + i % 3) for i in range(40)]
    old = runs[20]
    alone = assess_load(runs[:21], old)
    with_future = assess_load(runs, old)
    assert alone == with_future


def test_the_activity_is_counted_even_when_missing_from_history():
    history = [make_run(1, day(0), 5)]
    new = make_run(2, day(1), 6)
    assert assess_load(history, new).week_km == pytest.approx(11)
    assert known_runs(history + [new], new)[-1] is new


def test_acwr_is_null_with_fewer_than_28_days_of_history():
    runs = [make_run(i, day(i), 5) for i in range(27)]
    assert assess_load(runs, runs[-1]).acwr is None  # days 0..26: 27 days
    runs.append(make_run(27, day(27), 5))
    assert assess_load(runs, runs[-1]).acwr is not None


def test_acwr_on_a_constant_load_is_one():
    runs = [make_run(i, day(i), 5) for i in range(60)]
    assert assess_load(runs, runs[-1]).acwr == pytest.approx(1.0)


def test_acwr_hand_computed_on_a_short_series():
    # 28 days: 10 km on day 0, rest until day 27, 10 km on day 27.
    runs = [make_run(1, day(0), 10), make_run(2, day(27), 10)]
    a, c = 10.0, 10.0
    for k in range(1, 28):
        x = 10.0 if k == 27 else 0.0
        a = a + 0.25 * (x - a)
        c = c + (2 / 29) * (x - c)
    m = assess_load(runs, runs[-1])
    assert m.acwr == pytest.approx(a / c, rel=1e-12)
    assert m.acwr == pytest.approx(1.169, abs=1e-3)
    assert "acwr_high" not in m.flags


def test_acwr_high_after_a_jump_from_a_steady_base():
    runs = [make_run(i, day(i), 5) for i in range(0, 35, 2)]
    runs += [make_run(100 + i, day(35 + i), 12) for i in range(4)]
    m = assess_load(runs, runs[-1])
    assert m.acwr > 1.3 and "acwr_high" in m.flags


def _pandas_acwr(runs, upto_day):
    first = runs[0].day
    index = pd.date_range(first, upto_day, freq="D")
    daily = pd.Series(0.0, index=index)
    for r in runs:
        if r.day <= upto_day:
            daily[pd.Timestamp(r.day)] += r.distance_km
    acute = daily.ewm(span=7, adjust=False).mean().iloc[-1]
    chronic = daily.ewm(span=28, adjust=False).mean().iloc[-1]
    return acute / chronic


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_acwr_matches_pandas_ewm_on_a_realistic_history(seed):
    rng = random.Random(seed)
    runs, n = [], 0
    for d in range(0, 900):
        if rng.random() < 0.55:
            n += 1
            runs.append(make_run(n, day(d), round(rng.uniform(3, 25), 2), hour=rng.choice([6, 12, 18])))
            if rng.random() < 0.1:  # a double day
                n += 1
                runs.append(make_run(n, day(d), 4.0, hour=20))
    for target in (runs[30], runs[len(runs) // 2], runs[-1]):
        ours = assess_load(runs, target).acwr
        if (target.day - runs[0].day).days + 1 < 28:
            assert ours is None
            continue
        # pandas sees the whole of the target's day, so compare on the day's last run
        same_day = [r for r in runs if r.day == target.day]
        ours = assess_load(runs, same_day[-1]).acwr
        assert ours == pytest.approx(_pandas_acwr(runs, target.day), rel=1e-9)


def test_acwr_after_a_long_break_matches_pandas():
    runs = [make_run(i, day(i), 8) for i in range(100)]
    runs.append(make_run(500, day(900), 10))  # back after two years off
    assert assess_load(runs, runs[-1]).acwr == pytest.approx(_pandas_acwr(runs, day(900)), rel=1e-9)


def test_metrics_dict_is_always_km_and_rounded():
    runs = [make_run(1, day(0), 20), make_run(2, day(7), 30)]
    d = assess_load(runs, runs[-1]).as_dict()
    assert set(d) == {"week_km", "prev_week_km", "week_change", "acwr", "longest_run_change"}
    assert d["week_km"] == 30.0 and d["prev_week_km"] == 20.0
    assert d["week_change"] == 0.5 and d["longest_run_change"] == 0.5 and d["acwr"] is None
