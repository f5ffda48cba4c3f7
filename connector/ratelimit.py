"""Our own Strava rate budget: decide to defer work instead of sleeping.

Strava counts requests per application in two windows: 15 minutes (reset at
:00/:15/:30/:45 UTC) and one day (reset at midnight UTC). Two budgets share
those windows: *overall* (200 / 15 min, 2,000 / day) and *read*, for every
non-upload call (100 / 15 min, 1,000 / day). Every response tells us where we
stand (``X-RateLimit-Limit/Usage``, ``X-ReadRateLimit-Limit/Usage``), so the
budget keeps no request counter of its own: it remembers the highest usage
Strava reported for the current windows.

:class:`RateBudget` is in memory and per process. It never sleeps and never
reads a clock: the caller passes ``now`` (an aware datetime) every time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Mapping

from connector.transport import rate_usage_from_headers

QUARTER = timedelta(minutes=15)

# Strava's published default limits; the headers of each response override them.
SHORT_LIMIT = 200
DAILY_LIMIT = 2000
READ_SHORT_LIMIT = 100
READ_DAILY_LIMIT = 1000
DEFAULT_RESERVE = 5


def utc(now: datetime) -> datetime:
    """``now`` in UTC; a naive datetime is refused because its zone is a guess."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"time must be timezone-aware, got naive {now!r}")
    return now.astimezone(timezone.utc)


def quarter_start(now: datetime) -> datetime:
    """Start of the 15-minute window holding ``now`` (UTC)."""
    now = utc(now)
    return now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)


def next_quarter_hour(now: datetime) -> datetime:
    """When Strava's 15-minute window after ``now`` begins (UTC)."""
    return quarter_start(now) + QUARTER


def next_utc_midnight(now: datetime) -> datetime:
    """When Strava's daily window after ``now`` begins (UTC)."""
    today = utc(now).date()
    return datetime.combine(today + timedelta(days=1), time(0), tzinfo=timezone.utc)


@dataclass(frozen=True)
class Remaining:
    """Calls left in the current windows, the tighter of overall and read."""

    short: int
    daily: int


class RateBudget:
    """Thread-safe view of Strava's rate limits, fed by response headers.

    ``check(now)`` answers None when a call may go ahead, or the time to try
    again: the next quarter-hour once only ``reserve`` short-window calls are
    left (kept in hand so work already under way can finish), the next UTC
    midnight once the daily budget is gone, or the time set by
    ``exhausted_until`` after Strava answered 429.
    """

    def __init__(
        self,
        *,
        short_limit: int = SHORT_LIMIT,
        daily_limit: int = DAILY_LIMIT,
        read_short_limit: int = READ_SHORT_LIMIT,
        read_daily_limit: int = READ_DAILY_LIMIT,
        reserve: int = DEFAULT_RESERVE,
    ) -> None:
        if reserve < 0:
            raise ValueError("reserve must not be negative")
        self.reserve = reserve
        self._lock = threading.Lock()
        self._limits = [short_limit, daily_limit, read_short_limit, read_daily_limit]
        # usage in the windows below: overall short, overall daily, read short, read daily
        self._usage = [0, 0, 0, 0]
        self._quarter: datetime | None = None
        self._day: date | None = None
        self._blocked_until: datetime | None = None

    def record(self, headers: Mapping[str, str], now: datetime) -> None:
        """Take in the usage one response reported at ``now``; ignores responses without it."""
        found = rate_usage_from_headers(headers)
        quarter, day = quarter_start(now), utc(now).date()
        if found is None:
            return
        with self._lock:
            self._limits = [
                found.short_limit,
                found.long_limit,
                self._limits[2] if found.read_short_limit is None else found.read_short_limit,
                self._limits[3] if found.read_long_limit is None else found.read_long_limit,
            ]
            # Responses to concurrent calls can arrive in any order; within a
            # window usage only grows, so the highest figure is the true one.
            if self._quarter is None or quarter > self._quarter:
                self._quarter = quarter
                self._usage[0] = self._usage[2] = 0
            if quarter == self._quarter:
                self._usage[0] = max(self._usage[0], found.short_usage)
                self._usage[2] = max(self._usage[2], found.read_short_usage or 0)
            if self._day is None or day > self._day:
                self._day = day
                self._usage[1] = self._usage[3] = 0
            if day == self._day:
                self._usage[1] = max(self._usage[1], found.long_usage)
                self._usage[3] = max(self._usage[3], found.read_long_usage or 0)

    def remaining(self, now: datetime) -> Remaining:
        """Calls left at ``now`` in the 15-minute and daily windows."""
        quarter, day = quarter_start(now), utc(now).date()
        with self._lock:
            return self._remaining(quarter, day)

    def _remaining(self, quarter: datetime, day: date) -> Remaining:
        short_limit, daily_limit, read_short_limit, read_daily_limit = self._limits
        short_used, daily_used, read_short_used, read_daily_used = self._usage
        if quarter != self._quarter:
            short_used = read_short_used = 0
        if day != self._day:
            daily_used = read_daily_used = 0
        return Remaining(
            short=min(short_limit - short_used, read_short_limit - read_short_used),
            daily=min(daily_limit - daily_used, read_daily_limit - read_daily_used),
        )

    def windows(self, now: datetime) -> dict[str, dict[str, int]]:
        """Limits, usage and reset times (epoch s) per kind, 'overall' and
        'read', for the windows holding ``now``: what /metrics shows."""
        quarter, day = quarter_start(now), utc(now).date()
        with self._lock:
            limits, usage = list(self._limits), list(self._usage)
            if quarter != self._quarter:
                usage[0] = usage[2] = 0
            if day != self._day:
                usage[1] = usage[3] = 0
        short_resets = int(next_quarter_hour(now).timestamp())
        daily_resets = int(next_utc_midnight(now).timestamp())
        return {
            kind: {
                "short_limit": limits[i], "short_usage": usage[i], "short_resets_at": short_resets,
                "daily_limit": limits[i + 1], "daily_usage": usage[i + 1], "daily_resets_at": daily_resets,
            }
            for kind, i in (("overall", 0), ("read", 2))
        }

    def check(self, now: datetime) -> datetime | None:
        """None if a call may be made at ``now``, else when to try again."""
        now = utc(now)
        quarter, day = quarter_start(now), now.date()
        with self._lock:
            if self._blocked_until is not None and now < self._blocked_until:
                return self._blocked_until
            left = self._remaining(quarter, day)
            # With tiny limits (tests, a throttled app) a full reserve could
            # leave nothing to spend; never keep more than half in hand.
            reserve = min(self.reserve, min(self._limits[0], self._limits[2]) // 2)
        if left.daily <= 0:
            return next_utc_midnight(now)
        if left.short <= reserve:
            return next_quarter_hour(now)
        return None

    def retry_time(self, now: datetime) -> datetime:
        """When a call Strava refused with 429 at ``now`` may be tried again.

        Midnight UTC if the refusal's headers show a daily budget used up,
        else the next quarter-hour.
        """
        left = self.remaining(now)
        return next_utc_midnight(now) if left.daily <= 0 else next_quarter_hour(now)

    def exhausted_until(self, retry_at: datetime) -> None:
        """Strava answered 429: make no calls before ``retry_at``."""
        retry_at = utc(retry_at)
        with self._lock:
            if self._blocked_until is None or retry_at > self._blocked_until:
                self._blocked_until = retry_at
