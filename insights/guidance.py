"""Load guidance that is never absurd: the next long run, the next week, a return after a break.

The design's rules ("Advice codes and when to escalate"):

* the next long run: at most 10% over the longest run of the 30 days before
  this one (Frandsen et al. 2025: a single run more than 10% over that is the
  spike with the strongest running-specific evidence);
* the next week: around the runner's 4-week average weekly distance (km of
  runs dated D−27 … D, divided by 4), never below it merely because this or
  last week was short (a taper, a holiday);
* after 28 or more days without a run: start near half of the 4-week average
  before the break and build back over 3–6 weeks. This holds while the return
  is recent (``BUILD_UP_DAYS``), since the 4-week average is then still low
  from the break itself;
* the pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007): soreness
  of 3/10 or less that settles by the next morning and is not rising allows
  running to go on; 4–6/10 means shorter, easier runs; 7/10 or more, or
  rising, means stop and get assessed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Sequence

from insights.activities import Activity
from insights.load import LoadMetrics, km_between, known_runs

LONG_RUN_STEP = 0.10
BREAK_DAYS = 28  # whole days without a run that make a break
BUILD_UP_DAYS = 42  # the 3–6 weeks after a return during which the return guidance applies
EASY_SEVERITY = 3  # pain-monitoring model: up to 3/10 may go on
STOP_SEVERITY = 7  # 7/10 or more: stop and get assessed


@dataclass(frozen=True)
class Comeback:
    """A return after a break: how long it was and the runner's usual week before it."""

    days_off: int  # whole days without a run before the return
    before_week_km: float  # the 4-week average weekly km before the break

    @property
    def start_week_km(self) -> float:
        return self.before_week_km / 2


@dataclass(frozen=True)
class LoadGuidance:
    long_run_cap_km: float | None  # 10% over the longest run of the 30 days before; None without one
    longest_recent_km: float | None
    week_target_km: float | None  # the 4-week average; None with no runs in the last 4 weeks
    comeback: Comeback | None


def _comeback(runs: Sequence[Activity], activity: Activity) -> Comeback | None:
    """The latest break of ``BREAK_DAYS``+ whole days whose return falls in the last ``BUILD_UP_DAYS``."""
    known = known_runs(runs, activity)
    if activity.is_run and all(r.id != activity.id for r in known[-3:]):
        known = sorted([*known, activity], key=lambda a: a.start_local)
    first_recent = datetime.combine(activity.day - timedelta(days=BUILD_UP_DAYS - 1), time.min)
    lo = max(1, bisect_left(known, first_recent, key=lambda a: a.start_local))
    for index in range(len(known) - 1, lo - 1, -1):
        before, after = known[index - 1], known[index]
        days_off = (after.day - before.day).days - 1
        if days_off >= BREAK_DAYS:
            last = before.day
            km = km_between(known, last - timedelta(days=27), last, index)
            return Comeback(days_off, km / 4) if km > 0 else None
    return None


def load_guidance(runs: Sequence[Activity], activity: Activity, metrics: LoadMetrics) -> LoadGuidance:
    """What to aim for next, from the runner's own history (``runs`` sorted by start)."""
    longest = metrics.longest_recent_km
    four_week = metrics.four_week_km
    return LoadGuidance(
        long_run_cap_km=longest * (1 + LONG_RUN_STEP) if longest else None,
        longest_recent_km=longest,
        week_target_km=four_week if four_week else None,
        comeback=_comeback(runs, activity) if activity.is_run else None,
    )


def pain_band(severity: int | None, rising: bool) -> str | None:
    """The pain-monitoring model's band: "go_on", "easier" or "stop"; None without a rating."""
    if rising or (severity is not None and severity >= STOP_SEVERITY):
        return "stop"
    if severity is None or severity == 0:
        return None
    return "go_on" if severity <= EASY_SEVERITY else "easier"
