"""The emulator's clock: real time until a test or a replay sets it."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone


def to_epoch(value: float | int | str | datetime) -> float:
    """Epoch seconds from a number, an ISO 8601 string or a datetime (naive = UTC)."""
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(text)
        except ValueError:
            pass
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.timestamp()
    raise ValueError(f"not a time: {value!r}")


def iso(epoch: float) -> str:
    """``2024-03-01T07:00:00Z`` for an epoch, as Strava writes UTC times."""
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Clock:
    """Emulated time. Real time by default; ``set`` pins it (frozen unless
    ``ticking``), ``advance`` moves it forward either way."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offset_s = 0.0
        self._frozen_at: float | None = None

    def now(self) -> float:
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return time.time() + self._offset_s

    def set(self, when: float | int | str | datetime, ticking: bool = False) -> float:
        epoch = to_epoch(when)
        with self._lock:
            if ticking:
                self._frozen_at = None
                self._offset_s = epoch - time.time()
            else:
                self._frozen_at = epoch
        return epoch

    def advance(self, seconds: float) -> float:
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += seconds
            else:
                self._offset_s += seconds
        return self.now()

    def reset(self) -> None:
        """Back to real time."""
        with self._lock:
            self._offset_s = 0.0
            self._frozen_at = None

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def describe(self) -> dict:
        now = self.now()
        return {"now": now, "iso": iso(now), "frozen": self.frozen}
