"""A circuit breaker for Strava: while it fails, one probe at a time.

When Strava answers 5xx or times out several times in a row, every waiting
event would otherwise spend its own attempts (and the rate budget) on an
outage. The breaker *opens* instead: calls are refused at once with
:class:`StravaUnavailable` until the next probe is due, then exactly one call
goes through as the probe. An answer (anything but a 5xx or no answer at
all) closes the breaker and everything resumes; another failure keeps it
open and the probes space out, but never more than ``max_probe_s`` apart, so
work resumes within that time of Strava answering again.

Like :class:`~connector.ratelimit.RateBudget` it never sleeps and never
reads a clock: callers pass ``now``. It is per process and thread-safe.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from connector.errors import Deferred

FAILURES_TO_OPEN = 3  # in a row: one activity Strava keeps failing must not stop the others
FIRST_PROBE_S = 5.0
MAX_PROBE_S = 30.0  # Strava back up → everything resumes within this (plus one poll)
PROBE_TIMEOUT_S = 60.0  # a probe that never reported back is forgotten after this


class StravaUnavailable(Deferred):
    """Strava keeps failing: no call now; the next probe is at ``retry_at``."""


@dataclass(frozen=True)
class Health:
    """What the breaker knows: ``up`` or ``down`` since when, the next probe."""

    state: str
    since: datetime | None
    next_probe_at: datetime | None
    last_error: str | None
    recoveries: int  # how many times Strava came back; grows by one per outage


class CircuitBreaker:
    def __init__(
        self,
        *,
        failures_to_open: int = FAILURES_TO_OPEN,
        first_probe_s: float = FIRST_PROBE_S,
        max_probe_s: float = MAX_PROBE_S,
    ) -> None:
        self.failures_to_open = failures_to_open
        self.first_probe_s = first_probe_s
        self.max_probe_s = max_probe_s
        self._lock = threading.Lock()
        self._failures = 0
        self._open_since: datetime | None = None
        self._probe_at: datetime | None = None
        self._interval_s = first_probe_s
        self._probe: tuple[int, datetime] | None = None  # (thread id, started) of the call in flight
        self._last_error: str | None = None
        self._recoveries = 0

    def blocked_until(self, now: datetime) -> datetime | None:
        """None when a call may be tried at ``now``, else when to look again."""
        with self._lock:
            return self._blocked(now)

    def _blocked(self, now: datetime) -> datetime | None:
        if self._open_since is None:
            return None
        if self._probe is not None:
            started = self._probe[1]
            if now - started < timedelta(seconds=PROBE_TIMEOUT_S):
                return max(now, self._probe_at or now) + timedelta(seconds=1)
            self._probe = None  # its thread died or forgot to report back
        if self._probe_at is not None and now < self._probe_at:
            return self._probe_at
        return None

    def enter(self, now: datetime) -> None:
        """Before a call: raise StravaUnavailable while open, unless this call
        may be the one probe (then it is marked as such)."""
        with self._lock:
            blocked = self._blocked(now)
            if blocked is not None:
                raise StravaUnavailable(blocked, f"Strava is failing ({self._last_error}); next probe")
            if self._open_since is not None:
                self._probe = (threading.get_ident(), now)

    def leave(self) -> None:
        """After a call, whatever happened: a probe that got no verdict (it
        failed before reaching Strava) frees the slot for the next one."""
        with self._lock:
            if self._probe is not None and self._probe[0] == threading.get_ident():
                self._probe = None

    def answered(self, now: datetime) -> bool:
        """Strava answered (not a 5xx); True when this closed an open breaker."""
        with self._lock:
            self._failures = 0
            if self._open_since is None:
                return False
            self._open_since = self._probe_at = self._probe = None
            self._interval_s = self.first_probe_s
            self._recoveries += 1
            return True

    def failed(self, now: datetime, error: str) -> None:
        """Strava answered 5xx, or nothing in time."""
        with self._lock:
            self._failures += 1
            self._last_error = error
            if self._open_since is None:
                if self._failures < self.failures_to_open:
                    return
                self._open_since = now
                self._interval_s = self.first_probe_s
            elif self._probe is not None:
                self._interval_s = min(self._interval_s * 2, self.max_probe_s)
            self._probe = None
            self._probe_at = now + timedelta(seconds=self._interval_s)

    def health(self) -> Health:
        with self._lock:
            down = self._open_since is not None
            return Health(
                "down" if down else "up",
                self._open_since,
                self._probe_at if down else None,
                self._last_error,
                self._recoveries,
            )
