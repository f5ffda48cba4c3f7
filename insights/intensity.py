"""How hard a session was, against the athlete's own recent sessions.

Each run gets one intensity value from the best measure it has, in this order:

1. ``hr`` — Banister's TRIMP per minute from heart-rate reserve
   (HRr = (avg HR − rest HR) / (max HR − rest HR), weighted
   0.64·e^(1.92·HRr) for men, 0.86·e^(1.67·HRr) for women; Banister 1991).
   Max HR is the athlete's own (profile, else the highest ``max_heartrate``
   of their recent runs), else 190; rest HR defaults to 60.
2. ``rpe`` — Strava's perceived exertion (session-RPE, Foster 2001, per minute).
3. ``relative_effort`` — Strava's relative effort (suffer score) per minute.
4. ``pace`` — average speed.

We compare *per minute*: a long easy run has more total load than a tempo
run but is not more intense, and distance jumps have their own flags. A
session is an ``intensity_spike`` when its value is more than
``SPIKE_RATIO[measure]`` times the mean of the same measure over the athlete's
runs in the previous 28 days (D−28 … D−1), with at least ``MIN_BASELINE``
such runs, *and* at least 5% above the hardest of them: a runner's weekly
tempo is their routine, not a jump. Sessions measured differently are never
compared.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Sequence

from insights.activities import Activity

REST_HR = 60.0
DEFAULT_MAX_HR = 190.0
BASELINE_DAYS = 28
MIN_BASELINE = 3
SPIKE_RATIO = {"hr": 1.25, "rpe": 1.3, "relative_effort": 1.4, "pace": 1.08}
NEW_HIGH = 1.05  # and at least 5% above the hardest session of those 28 days
MEASURE_LABELS = {
    "hr": "heart-rate load per minute",
    "rpe": "perceived exertion",
    "relative_effort": "relative effort per minute",
    "pace": "average pace",
}


@dataclass(frozen=True)
class Intensity:
    measure: str | None  # hr | rpe | relative_effort | pace | None
    value: float | None
    baseline: float | None  # mean of the same measure over the previous 28 days
    baseline_runs: int
    recent_high: float | None = None  # the hardest of those sessions

    @property
    def change(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline - 1

    @property
    def spike(self) -> bool:
        if self.measure is None or self.change is None or self.baseline_runs < MIN_BASELINE:
            return False
        # well above the average *and* harder than anything lately: the weekly
        # tempo of a runner who does one every week is routine, not a jump
        above_high = self.recent_high is None or self.value > self.recent_high * NEW_HIGH
        return self.change + 1 > SPIKE_RATIO[self.measure] and above_high


def trimp_per_minute(avg_hr: float, max_hr: float, sex: str | None, rest_hr: float = REST_HR) -> float | None:
    if max_hr <= rest_hr:
        return None
    reserve = min(max((avg_hr - rest_hr) / (max_hr - rest_hr), 0.0), 1.0)
    if (sex or "").upper().startswith("F"):
        return reserve * 0.86 * math.exp(1.67 * reserve)
    return reserve * 0.64 * math.exp(1.92 * reserve)


def session_value(run: Activity, max_hr: float, sex: str | None) -> tuple[str, float] | None:
    """(measure, value) from the best measure this run has, or None."""
    minutes = run.minutes
    if run.average_heartrate and minutes:
        value = trimp_per_minute(run.average_heartrate, max_hr, sex)
        if value is not None:
            return "hr", value
    if run.perceived_exertion and minutes:
        return "rpe", float(run.perceived_exertion)
    if run.suffer_score and minutes:
        return "relative_effort", run.suffer_score / minutes
    if run.average_speed:
        return "pace", run.average_speed
    return None


def athlete_max_hr(runs: Sequence[Activity], profile_max_hr: float | None) -> float:
    """The athlete's max HR: their profile's, else the highest seen (if plausible), else 190."""
    if profile_max_hr and profile_max_hr > REST_HR + 40:
        return float(profile_max_hr)
    seen = max((r.max_heartrate for r in runs if r.max_heartrate), default=None)
    if seen and 140 <= seen <= 230:
        return float(seen)
    return DEFAULT_MAX_HR


def assess_intensity(
    runs: Sequence[Activity],
    activity: Activity,
    *,
    sex: str | None = None,
    max_hr: float | None = None,
    cache: dict[int, tuple[str, float] | None] | None = None,
) -> Intensity:
    """The session's intensity against the previous 28 days (``runs`` sorted by start).

    ``cache`` memoises session values by run id across calls that share one
    ``max_hr``: assessing many runs of one history then costs little more
    than assessing one.
    """
    if not activity.is_run:
        return Intensity(None, None, None, 0)
    day_start = datetime.combine(activity.day, time.min)
    lo = bisect_left(runs, day_start - timedelta(days=BASELINE_DAYS), key=lambda a: a.start_local)
    hi = bisect_left(runs, day_start, lo, key=lambda a: a.start_local)
    recent = runs[lo:hi]
    max_hr_used = athlete_max_hr([*recent, activity], max_hr)
    cache = {} if cache is None else cache

    def value_of(run: Activity) -> tuple[str, float] | None:
        if run.id not in cache:
            cache[run.id] = session_value(run, max_hr_used, sex)
        return cache[run.id]

    own = value_of(activity)
    if own is None:
        return Intensity(None, None, None, 0)
    measure, value = own
    same = []
    for run in recent:
        other = value_of(run)
        if other is not None and other[0] == measure:
            same.append(other[1])
    baseline = sum(same) / len(same) if same else None
    return Intensity(measure, value, baseline, len(same), max(same) if same else None)
