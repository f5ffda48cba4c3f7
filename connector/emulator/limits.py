"""Strava's rate limits, counted in emulated time.

Two budgets, each with a 15-minute window (aligned to :00/:15/:30/:45 UTC) and
a daily one (reset at midnight UTC): *overall* (every API request) and *read*
(every non-upload request; the emulator has no uploads, so all of them).
Requests over a limit still count, as on Strava, and get a 429.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

QUARTER_S = 15 * 60
DAY_S = 24 * 60 * 60


@dataclass(frozen=True)
class Limits:
    short: int = 200
    long: int = 2000
    read_short: int = 100
    read_long: int = 1000


@dataclass(frozen=True)
class Usage:
    short: int
    long: int
    read_short: int
    read_long: int
    limits: Limits

    @property
    def exceeded(self) -> bool:
        return (
            self.short > self.limits.short
            or self.long > self.limits.long
            or self.read_short > self.limits.read_short
            or self.read_long > self.limits.read_long
        )

    def short_exhausted(self) -> "Usage":
        """This usage as a 15-minute overrun would show it (for an injected 429)."""
        return replace(
            self,
            short=max(self.short, self.limits.short + 1),
            read_short=max(self.read_short, self.limits.read_short + 1),
        )

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": f"{self.limits.short},{self.limits.long}",
            "X-RateLimit-Usage": f"{self.short},{self.long}",
            "X-ReadRateLimit-Limit": f"{self.limits.read_short},{self.limits.read_long}",
            "X-ReadRateLimit-Usage": f"{self.read_short},{self.read_long}",
        }

    def as_dict(self) -> dict:
        return {
            "usage": [self.short, self.long],
            "read_usage": [self.read_short, self.read_long],
            "limit": [self.limits.short, self.limits.long],
            "read_limit": [self.limits.read_short, self.limits.read_long],
        }


class _Window:
    """A counter that starts again whenever its window key changes."""

    def __init__(self, length_s: int) -> None:
        self.length_s = length_s
        self.key = -1
        self.count = 0

    def value(self, now: float) -> int:
        return self.count if int(now // self.length_s) == self.key else 0

    def add(self, now: float) -> int:
        key = int(now // self.length_s)
        if key != self.key:
            self.key, self.count = key, 0
        self.count += 1
        return self.count


class RateLimiter:
    def __init__(self, limits: Limits | None = None) -> None:
        self._lock = threading.Lock()
        self.limits = limits or Limits()
        self._reset_windows()

    def _reset_windows(self) -> None:
        self._short, self._long = _Window(QUARTER_S), _Window(DAY_S)
        self._read_short, self._read_long = _Window(QUARTER_S), _Window(DAY_S)

    def count(self, now: float, read: bool = True) -> Usage:
        """Count one request at ``now`` and return the usage including it."""
        with self._lock:
            self._short.add(now)
            self._long.add(now)
            if read:
                self._read_short.add(now)
                self._read_long.add(now)
            return self._usage(now)

    def usage(self, now: float) -> Usage:
        with self._lock:
            return self._usage(now)

    def _usage(self, now: float) -> Usage:
        return Usage(
            self._short.value(now),
            self._long.value(now),
            self._read_short.value(now),
            self._read_long.value(now),
            self.limits,
        )

    def configure(self, reset_usage: bool = False, **limits: int) -> Limits:
        """Change some limits (short, long, read_short, read_long)."""
        unknown = set(limits) - set(Limits.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown rate limit(s): {', '.join(sorted(unknown))}")
        with self._lock:
            current = self.limits.__dict__ | {k: int(v) for k, v in limits.items()}
            self.limits = Limits(**current)
            if reset_usage:
                self._reset_windows()
            return self.limits

    def reset(self) -> None:
        with self._lock:
            self.limits = Limits()
            self._reset_windows()
