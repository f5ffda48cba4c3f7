"""Shared test fixtures. Package-specific fixtures live in each tests/<package>/conftest.py."""

import contextlib
import threading
import time

LONG_SLEEP_S = 0.5


@contextlib.contextmanager
def no_long_sleeps():
    """Fail if the code under test sleeps (on this thread) for LONG_SLEEP_S or more.

    "Deferred, not slept" is a property of what the code does, not of how
    long the machine took, so it is checked by watching ``time.sleep``
    rather than a stopwatch: a loaded machine cannot make it flake.
    """
    real_sleep, me, long_sleeps = time.sleep, threading.get_ident(), []

    def watching(seconds):
        if threading.get_ident() == me and seconds >= LONG_SLEEP_S:
            long_sleeps.append(seconds)
            raise AssertionError(f"slept {seconds} s on the caller's thread")
        real_sleep(seconds)

    time.sleep = watching
    try:
        yield long_sleeps
    finally:
        time.sleep = real_sleep
    assert not long_sleeps, f"slept instead of deferring: {long_sleeps}"
