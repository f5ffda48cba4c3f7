"""Fault switches: make the next requests fail or slow down, on purpose."""

from __future__ import annotations

import itertools
import threading
from dataclasses import asdict, dataclass


@dataclass
class Fault:
    id: int
    status: int
    remaining: int  # requests still to fail
    path_prefix: str | None = None

    def matches(self, path: str) -> bool:
        return self.path_prefix is None or path.startswith(self.path_prefix)


@dataclass
class Latency:
    seconds: float
    path_prefix: str | None = None

    def matches(self, path: str) -> bool:
        return self.path_prefix is None or path.startswith(self.path_prefix)


class FaultSwitches:
    """Queued failing answers and added latency for non-admin requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._faults: list[Fault] = []
        self._latency: Latency | None = None

    def add(self, status: int, count: int = 1, path_prefix: str | None = None) -> Fault:
        """The next ``count`` requests (under ``path_prefix``) answer ``status``."""
        status, count = int(status), int(count)
        if not 400 <= status <= 599:
            raise ValueError(f"fault status must be 4xx or 5xx, not {status}")
        if count < 1:
            raise ValueError("fault count must be at least 1")
        with self._lock:
            fault = Fault(next(self._ids), status, count, path_prefix or None)
            self._faults.append(fault)
            return fault

    def take(self, path: str) -> int | None:
        """The status this request must fail with, using up one fault; or None."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(path):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault.status
        return None

    def set_latency(self, seconds: float, path_prefix: str | None = None) -> None:
        """Delay every matching request by ``seconds`` (0 switches it off)."""
        seconds = float(seconds)
        if seconds < 0:
            raise ValueError("latency must not be negative")
        with self._lock:
            self._latency = Latency(seconds, path_prefix or None) if seconds else None

    def latency_for(self, path: str) -> float:
        with self._lock:
            latency = self._latency
        return latency.seconds if latency and latency.matches(path) else 0.0

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._latency = None

    def describe(self) -> dict:
        with self._lock:
            return {
                "faults": [asdict(fault) for fault in self._faults],
                "latency": asdict(self._latency) if self._latency else None,
            }
