"""Is this runner's soreness associated with their load spikes?

From answered days only (an untagged day is unknown, not "not sore"): a day is
*after a spike* when one of the runner's runs on that day or the 3 days before
had a spike flag. We count sore / not-sore answers after spikes and otherwise,
and give a relative risk smoothed by adding ½ to each cell (Haldane–Anscombe),
so a single answer cannot swing it to zero or infinity. Below 3 sore and 3
not-sore answers there is no association object at all.

The note *claims* an association (``Association.claimed``) only when at least
3 answered days fall within 3 days after a spike, at least 3 fall otherwise,
and the relative risk is above 1.5; otherwise it says nothing about it (with no
spike days at all, the ½-smoothing alone would give a relative risk of 1.5).

This is an association in one person's diary, never a cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Mapping

from insights.soreness import SorenessReport

WINDOW_DAYS = 3
MIN_ANSWERS = 3
LOOKBACK_DAYS = 365  # the last year of answers: the runner's current pattern
MIN_PER_GROUP = 3  # answered days after a spike, and otherwise, before a claim
CLAIM_RELATIVE_RISK = 1.5
EXPOSURE_FLAGS = frozenset({"long_run_spike", "week_spike", "intensity_spike"})


@dataclass(frozen=True)
class Association:
    sore_after_spike: int
    fine_after_spike: int
    sore_otherwise: int
    fine_otherwise: int

    @property
    def relative_risk(self) -> float:
        exposed = (self.sore_after_spike + 0.5) / (self.sore_after_spike + self.fine_after_spike + 1)
        other = (self.sore_otherwise + 0.5) / (self.sore_otherwise + self.fine_otherwise + 1)
        return exposed / other

    @property
    def claimed(self) -> bool:
        """Enough answers on both sides, and clearly more soreness after spikes."""
        exposed = self.sore_after_spike + self.fine_after_spike
        other = self.sore_otherwise + self.fine_otherwise
        return (exposed >= MIN_PER_GROUP and other >= MIN_PER_GROUP
                and self.relative_risk > CLAIM_RELATIVE_RISK)

    def as_dict(self) -> dict:
        return {
            "sore_after_spike": self.sore_after_spike,
            "not_sore_after_spike": self.fine_after_spike,
            "sore_otherwise": self.sore_otherwise,
            "not_sore_otherwise": self.fine_otherwise,
            "relative_risk": round(self.relative_risk, 2),
            "window_days": WINDOW_DAYS,
        }


def associate(
    answers: Mapping[date, SorenessReport],
    is_spike_day: Callable[[date], bool],
    today: date,
) -> Association | None:
    """Counts and smoothed relative risk, or None with too few answers.

    ``answers`` holds one combined answer per day; ``is_spike_day(day)`` tells
    whether a run that day had a spike flag. It is asked only about the days
    that matter, so the caller can assess them lazily.
    """
    first = today - timedelta(days=LOOKBACK_DAYS)
    answered = {d: r.sore for d, r in answers.items() if r.sore is not None and first <= d <= today}
    if sum(1 for s in answered.values() if s) < MIN_ANSWERS:
        return None
    if sum(1 for s in answered.values() if not s) < MIN_ANSWERS:
        return None
    cells = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    for day, sore in answered.items():
        exposed = any(is_spike_day(day - timedelta(days=k)) for k in range(WINDOW_DAYS + 1))
        cells[(exposed, sore)] += 1
    return Association(
        sore_after_spike=cells[(True, True)],
        fine_after_spike=cells[(True, False)],
        sore_otherwise=cells[(False, True)],
        fine_otherwise=cells[(False, False)],
    )
