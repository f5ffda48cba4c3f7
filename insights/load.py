"""Running load around one activity: the pinned metrics and their flags.

Definitions (design, "Load metrics"): days are the athlete's local dates; only
Run, TrailRun and VirtualRun count; for an activity A on day D the *known runs*
are the runs that started no later than A, so re-assessing an old activity
never uses later runs.

* ``week_km`` — km of known runs dated D−6 … D
* ``prev_week_km`` — km of runs dated D−13 … D−7
* ``week_change`` — week_km / prev_week_km − 1; None when prev_week_km is 0
* ``longest_run_change`` — A's km / the longest run dated D−30 … D−1, minus 1;
  None when there is none (Frandsen et al. 2025, BJSM: the single-run spike)
* ``four_week_km`` — km of known runs dated D−27 … D, divided by 4: the
  runner's usual week, which load guidance aims for (never merely the last,
  possibly short, week)
* ``acwr`` — EWMA of daily running km, acute span 7 over chronic span 28
  (λ = 2/(N+1), first value seeds, rest days count as 0; the same numbers as
  ``pandas.Series.ewm(span=N, adjust=False)``), acute/chronic on D; None when
  fewer than 28 days lie between the first known run day and D (inclusive).

Speed: ``runs`` must be sorted by start time, and every window is found by
bisection, so an assessment touches only the days it needs. The EWMA starts
at most ``EWMA_WARMUP_DAYS`` before D: the weight left on anything older is
(27/29)^548 < 1e-17, below double precision, so the numbers are the same as
the full-history EWMA while a runner's tenth year costs what their second did.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Sequence

from insights.activities import Activity

LONG_RUN_SPIKE = 0.10
WEEK_SPIKE = 0.30
ACWR_HIGH = 1.3
ACUTE_SPAN = 7
CHRONIC_SPAN = 28
EWMA_WARMUP_DAYS = 548

SPIKE_FLAGS = ("long_run_spike", "week_spike", "acwr_high", "intensity_spike")
# "more than 10%" means more than 10% as a runner counts it: 11 km after 10 km
# is exactly 10%, although 11/10 - 1 is 0.10000000000000009 in binary floats.
_EPSILON = 1e-9


def _above(value: float | None, threshold: float) -> bool:
    return value is not None and value > threshold + _EPSILON


@dataclass(frozen=True)
class LoadMetrics:
    week_km: float
    prev_week_km: float
    week_change: float | None
    longest_run_change: float | None
    longest_recent_km: float | None  # the run that longest_run_change compares against
    acwr: float | None
    acute_km: float | None
    chronic_km: float | None
    four_week_km: float | None = None  # the 4-week average weekly distance (D−27 … D) / 4

    @property
    def flags(self) -> tuple[str, ...]:
        found = []
        if _above(self.longest_run_change, LONG_RUN_SPIKE):
            found.append("long_run_spike")
        if _above(self.week_change, WEEK_SPIKE):
            found.append("week_spike")
        if _above(self.acwr, ACWR_HIGH):
            found.append("acwr_high")
        return tuple(found)

    def as_dict(self) -> dict:
        """The ``metrics`` object of the note contract (always km)."""
        return {
            "week_km": round(self.week_km, 2),
            "prev_week_km": round(self.prev_week_km, 2),
            "week_change": _round(self.week_change, 3),
            "acwr": _round(self.acwr, 3),
            "longest_run_change": _round(self.longest_run_change, 3),
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _start_key(activity: Activity) -> datetime:
    return activity.start_local


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def runs_only(activities: Sequence[Activity]) -> list[Activity]:
    """The running activities, sorted by start: the input every metric expects."""
    return sorted((a for a in activities if a.is_run), key=_start_key)


def known_runs(runs: Sequence[Activity], activity: Activity) -> Sequence[Activity]:
    """Runs that started no later than ``activity`` (``runs`` sorted by start)."""
    return runs[: bisect_right(runs, activity.start_local, key=_start_key)]


def km_between(runs: Sequence[Activity], first: date, last: date, hi: int | None = None) -> float:
    """km of the runs among ``runs[:hi]`` dated first … last inclusive (``runs`` sorted by start)."""
    return _km(_between(runs, first, last, len(runs) if hi is None else hi))


def _between(runs: Sequence[Activity], first: date, last: date, hi: int) -> Sequence[Activity]:
    """Runs among ``runs[:hi]`` dated first … last inclusive (``runs`` sorted by start)."""
    lo = bisect_left(runs, _day_start(first), 0, hi, key=_start_key)
    end = bisect_left(runs, _day_start(last + timedelta(days=1)), lo, hi, key=_start_key)
    return runs[lo:end]


def _with_activity(runs: Sequence[Activity], activity: Activity) -> tuple[Sequence[Activity], int]:
    """``runs`` guaranteed to hold ``activity`` when it is a run, and the end of its known runs."""
    end = bisect_right(runs, activity.start_local, key=_start_key)
    if not activity.is_run:
        return runs, end
    index = end - 1
    while index >= 0 and runs[index].start_local == activity.start_local:
        if runs[index].id == activity.id:
            return runs, end
        index -= 1
    # rare: the caller passed history without the activity itself
    merged = sorted([*runs[:end], activity], key=_start_key)
    return merged, len(merged)


def _km(runs: Sequence[Activity]) -> float:
    return float(sum(r.distance_km for r in runs))


def ewma_ratio(runs: Sequence[Activity], day: date, hi: int | None = None) -> tuple[float, float, float] | None:
    """(acwr, acute, chronic) on ``day`` from ``runs[:hi]``, or None when too young."""
    hi = len(runs) if hi is None else hi
    if hi == 0:
        return None
    first_day = runs[0].day
    if (day - first_day).days + 1 < CHRONIC_SPAN:
        return None
    start = max(first_day, day - timedelta(days=EWMA_WARMUP_DAYS))
    daily = [0.0] * ((day - start).days + 1)  # km by day, start … day; a rest day is 0
    for run in _between(runs, start, day, hi):
        daily[(run.day - start).days] += run.distance_km
    alpha_a = 2.0 / (ACUTE_SPAN + 1)
    alpha_c = 2.0 / (CHRONIC_SPAN + 1)
    acute = chronic = daily[0]
    for km in daily[1:]:
        acute += alpha_a * (km - acute)
        chronic += alpha_c * (km - chronic)
    if chronic <= 0:
        return None
    return acute / chronic, acute, chronic


def assess_load(runs: Sequence[Activity], activity: Activity, *, with_acwr: bool = True) -> LoadMetrics:
    """The load metrics for ``activity`` given the athlete's runs sorted by start.

    ``runs`` may include runs after ``activity`` (they are ignored) and may or
    may not include ``activity`` itself; non-runs must already be filtered out
    (see :func:`runs_only`). ``with_acwr=False`` skips the EWMA and the 4-week
    average when only the spike flags matter.
    """
    runs, hi = _with_activity(runs, activity)
    day = activity.day
    week_km = _km(_between(runs, day - timedelta(days=6), day, hi))
    prev_week_km = _km(_between(runs, day - timedelta(days=13), day - timedelta(days=7), hi))
    week_change = week_km / prev_week_km - 1 if prev_week_km > 0 else None

    before = _between(runs, day - timedelta(days=30), day - timedelta(days=1), hi)
    longest_recent = max((r.distance_km for r in before), default=None)
    if activity.is_run and longest_recent:
        longest_run_change = activity.distance_km / longest_recent - 1
    else:
        longest_run_change = None

    four_week_km = _km(_between(runs, day - timedelta(days=27), day, hi)) / 4 if with_acwr else None
    ratio = ewma_ratio(runs, day, hi) if with_acwr else None
    acwr, acute, chronic = ratio if ratio else (None, None, None)
    return LoadMetrics(
        week_km=week_km,
        prev_week_km=prev_week_km,
        week_change=week_change,
        longest_run_change=longest_run_change,
        longest_recent_km=longest_recent,
        acwr=acwr,
        acute_km=acute,
        chronic_km=chronic,
        four_week_km=four_week_km,
    )
