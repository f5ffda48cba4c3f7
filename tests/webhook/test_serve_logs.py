"""The server's log under a burst: one line a minute about busy threads, not one per request."""

from __future__ import annotations

import logging

import pytest

from webhook.serve_logs import BusyThreadsSummary, summarise_busy_threads


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def queue_log(caplog):
    """waitress's own queue logger with a summary on it (a fake clock), and what reached the log."""
    clock = Clock()
    logger = logging.getLogger("tests.waitress.queue")
    summary = BusyThreadsSummary(every_s=60, clock=clock)
    logger.addFilter(summary)
    caplog.set_level(logging.WARNING, logger=logger.name)
    yield logger, clock, caplog
    logger.removeFilter(summary)


def lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records]


def test_a_burst_of_queued_requests_gives_one_line_not_one_per_request(queue_log):
    logger, clock, caplog = queue_log
    for n in range(500):  # what waitress logs as 500 requests in a burst find every thread busy
        logger.warning("Task queue depth is %d", 1 + n % 7)
        clock.now += 0.01
    assert len(lines(caplog)) == 1
    assert "waited for a free server thread" in lines(caplog)[0]


def test_the_next_line_a_minute_later_counts_what_waited_and_the_deepest_queue(queue_log):
    logger, clock, caplog = queue_log
    logger.warning("Task queue depth is %d", 2)
    for depth in (3, 9, 4):
        clock.now += 10
        logger.warning("Task queue depth is %d", depth)
    clock.now += 31  # 61 s after the first line
    logger.warning("Task queue depth is %d", 1)
    first, second = lines(caplog)
    assert "queue depth 2" in first
    assert second.startswith("4 request(s) waited") and "the longest queue: 9" in second
    assert "--threads" in second


def test_other_waitress_lines_are_never_held_back(queue_log):
    logger, clock, caplog = queue_log
    logger.warning("Task queue depth is %d", 1)
    logger.warning("Task queue depth is %d", 2)
    logger.warning("%d thread(s) still running", 3)
    assert lines(caplog)[-1] == "3 thread(s) still running"
    assert len(lines(caplog)) == 2


def test_installing_it_twice_keeps_one_filter():
    logger = logging.getLogger("waitress.queue")
    before = list(logger.filters)
    try:
        first = summarise_busy_threads()
        assert summarise_busy_threads() is first
        assert sum(isinstance(f, BusyThreadsSummary) for f in logger.filters) == 1
    finally:
        logger.filters[:] = before
