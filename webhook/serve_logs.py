"""The server's log stays readable under load.

waitress logs ``Task queue depth is N`` every time a request finds all its
threads busy. Under a burst of Strava events that is one line per request:
thousands a minute, burying every line an operator needs, and each one is
formatted and written while the request waits. :class:`BusyThreadsSummary`
lets the first through at once, then at most one line a minute that says how
many requests waited and how deep the queue got. A queue that shows up
minute after minute means more ``--threads`` or another node (see
docs/operations.md); the inbox backlog itself is in ``/metrics``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

QUEUE_LOGGER = "waitress.queue"
_WAITRESS_MESSAGE = "Task queue depth is %d"
FIRST = ("a request waited for a free server thread (queue depth %d); "
         "from now on this is summarised at most once a minute")
SUMMARY = ("%d request(s) waited for a free server thread (the longest queue: %d) since the last such line; "
           "if this repeats every minute, raise --threads or add a node")


class BusyThreadsSummary(logging.Filter):
    """One line per ``every_s`` seconds in place of waitress's line per queued request."""

    def __init__(self, every_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.every_s = every_s
        self._clock = clock
        self._lock = threading.Lock()
        self._last: float | None = None
        self._waited = self._deepest = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != _WAITRESS_MESSAGE or not record.args:
            return True  # another waitress line: not ours to hold back
        depth = record.args[0] if isinstance(record.args, tuple) else 0
        with self._lock:
            self._waited += 1
            self._deepest = max(self._deepest, depth if isinstance(depth, int) else 0)
            now = self._clock()
            if self._last is not None and now - self._last < self.every_s:
                return False
            if self._last is None:
                record.msg, record.args = FIRST, (self._deepest,)
            else:
                record.msg, record.args = SUMMARY, (self._waited, self._deepest)
            self._last, self._waited, self._deepest = now, 0, 0
            return True


def summarise_busy_threads(every_s: float = 60.0) -> BusyThreadsSummary:
    """Install the summary on waitress's queue logger (once) and return it."""
    logger = logging.getLogger(QUEUE_LOGGER)
    for existing in logger.filters:
        if isinstance(existing, BusyThreadsSummary):
            return existing
    summary = BusyThreadsSummary(every_s)
    logger.addFilter(summary)
    return summary
