"""Who a log line is about: the webhook event being handled, never the runner.

Logs outlive a runner's deletion (they are shipped, rotated, kept), so they
name events by inbox id and never a runner's name or athlete id. The worker
sets the event with :func:`about`; the connector's messages start with
:func:`subject`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_subject: ContextVar[str] = ContextVar("rhomboid_log_subject", default="")


def subject() -> str:
    """``event 123`` while an event is handled, else ``a runner``."""
    return _subject.get() or "a runner"


@contextlib.contextmanager
def about(label: str) -> Iterator[None]:
    token = _subject.set(label)
    try:
        yield
    finally:
        _subject.reset(token)
