"""RateBudget: Strava's windows, the reserve, 429s. Pure arithmetic, time as an argument."""

import threading
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connector.ratelimit import (
    RateBudget,
    next_quarter_hour,
    next_utc_midnight,
    quarter_start,
)

UTC = timezone.utc


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def headers(usage=(0, 0), read_usage=(0, 0), limit=(200, 2000), read_limit=(100, 1000)) -> dict:
    return {
        "X-RateLimit-Limit": f"{limit[0]},{limit[1]}",
        "X-RateLimit-Usage": f"{usage[0]},{usage[1]}",
        "X-ReadRateLimit-Limit": f"{read_limit[0]},{read_limit[1]}",
        "X-ReadRateLimit-Usage": f"{read_usage[0]},{read_usage[1]}",
    }


@pytest.mark.parametrize(
    "now, expected",
    [
        ("2024-03-10T10:07:30", "2024-03-10T10:15:00"),
        ("2024-03-10T10:00:00", "2024-03-10T10:15:00"),
        ("2024-03-10T10:14:59.999", "2024-03-10T10:15:00"),
        ("2024-03-10T10:15:00", "2024-03-10T10:30:00"),
        ("2024-03-10T10:44:10", "2024-03-10T10:45:00"),
        ("2024-03-10T23:50:00", "2024-03-11T00:00:00"),
        ("2024-12-31T23:45:00", "2025-01-01T00:00:00"),
    ],
)
def test_next_quarter_hour(now, expected):
    assert next_quarter_hour(at(now)) == at(expected)


def test_windows_are_utc_whatever_zone_now_is_in():
    # 11:07 in UTC+01:00 is 10:07 UTC; 00:30 in UTC-05:00 is already 05:30 UTC
    plus_one = timezone(timedelta(hours=1))
    assert next_quarter_hour(datetime(2024, 3, 10, 11, 7, tzinfo=plus_one)) == at("2024-03-10T10:15:00")
    minus_five = timezone(timedelta(hours=-5))
    assert next_utc_midnight(datetime(2024, 3, 10, 20, 30, tzinfo=minus_five)) == at("2024-03-12T00:00:00")


def test_next_utc_midnight():
    assert next_utc_midnight(at("2024-03-10T10:07:30")) == at("2024-03-11T00:00:00")
    assert next_utc_midnight(at("2024-03-10T00:00:00")) == at("2024-03-11T00:00:00")
    assert next_utc_midnight(at("2024-02-29T23:59:59")) == at("2024-03-01T00:00:00")


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)))
def test_next_quarter_hour_is_the_next_window_boundary(now):
    boundary = next_quarter_hour(now)
    assert now < boundary <= now + timedelta(minutes=15)
    assert boundary.minute % 15 == 0 and boundary.second == 0 and boundary.microsecond == 0
    assert quarter_start(now) <= now < boundary


def test_naive_times_are_refused():
    budget = RateBudget()
    with pytest.raises(ValueError, match="timezone-aware"):
        budget.check(datetime(2024, 3, 10, 10, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        budget.record(headers(), datetime(2024, 3, 10, 10, 0))


def test_a_fresh_budget_allows_calls():
    assert RateBudget().check(at("2024-03-10T10:07:30")) is None


def test_keeps_a_reserve_of_short_window_calls():
    budget = RateBudget(reserve=5)
    now = at("2024-03-10T10:07:30")
    budget.record(headers(usage=(94, 500), read_usage=(94, 500)), now)
    assert budget.check(now) is None  # 6 left
    budget.record(headers(usage=(95, 501), read_usage=(95, 501)), now)
    assert budget.check(now) == at("2024-03-10T10:15:00")  # 5 left: kept in hand


def test_the_read_budget_binds_before_the_overall_one():
    budget = RateBudget(reserve=5)
    now = at("2024-03-10T10:07:30")
    # overall 120/200 is fine, but read 96/100 leaves only 4
    budget.record(headers(usage=(120, 300), read_usage=(96, 200)), now)
    assert budget.remaining(now).short == 4
    assert budget.check(now) == at("2024-03-10T10:15:00")


def test_a_new_quarter_hour_starts_from_zero():
    budget = RateBudget(reserve=5)
    budget.record(headers(usage=(99, 500), read_usage=(99, 500)), at("2024-03-10T10:14:00"))
    assert budget.check(at("2024-03-10T10:14:30")) == at("2024-03-10T10:15:00")
    assert budget.check(at("2024-03-10T10:15:00")) is None
    assert budget.remaining(at("2024-03-10T10:15:00")).short == 100
    assert budget.remaining(at("2024-03-10T10:15:00")).daily == 500


def test_daily_budget_gone_defers_to_midnight():
    budget = RateBudget()
    now = at("2024-03-10T10:07:30")
    budget.record(headers(usage=(3, 2000), read_usage=(3, 1000)), now)
    assert budget.check(now) == at("2024-03-11T00:00:00")
    assert budget.check(at("2024-03-10T23:59:59")) == at("2024-03-11T00:00:00")
    assert budget.check(at("2024-03-11T00:00:00")) is None


def test_limits_come_from_the_headers():
    budget = RateBudget(reserve=2)
    now = at("2024-03-10T10:07:30")
    budget.record(headers(usage=(7, 7), read_usage=(7, 7), limit=(600, 30000), read_limit=(10, 1000)), now)
    assert budget.remaining(now).short == 3
    assert budget.check(now) is None
    budget.record(headers(usage=(8, 8), read_usage=(8, 8), limit=(600, 30000), read_limit=(10, 1000)), now)
    assert budget.check(now) == at("2024-03-10T10:15:00")


def test_tiny_limits_still_let_a_call_through():
    budget = RateBudget(reserve=5)
    now = at("2024-03-10T10:07:30")
    budget.record(headers(usage=(1, 1), read_usage=(1, 1), limit=(3, 100), read_limit=(3, 100)), now)
    assert budget.check(now) is None
    budget.record(headers(usage=(2, 2), read_usage=(2, 2), limit=(3, 100), read_limit=(3, 100)), now)
    assert budget.check(now) == at("2024-03-10T10:15:00")


def test_out_of_order_responses_keep_the_highest_usage():
    budget = RateBudget(reserve=5)
    now = at("2024-03-10T10:07:30")
    budget.record(headers(usage=(96, 600), read_usage=(96, 600)), now)
    budget.record(headers(usage=(90, 590), read_usage=(90, 590)), now)  # an older answer, late
    assert budget.remaining(now).short == 4
    # a straggler from the previous window changes nothing
    budget.record(headers(usage=(150, 590), read_usage=(99, 590)), at("2024-03-10T09:59:59"))
    assert budget.remaining(now).short == 4


def test_responses_without_rate_headers_are_ignored():
    budget = RateBudget()
    now = at("2024-03-10T10:07:30")
    budget.record({"Content-Type": "application/json"}, now)
    budget.record({"X-RateLimit-Usage": "garbage", "X-RateLimit-Limit": "200,2000"}, now)
    assert budget.remaining(now).short == 100


def test_overall_headers_alone_are_enough():
    budget = RateBudget(reserve=5)
    now = at("2024-03-10T10:07:30")
    budget.record({"X-RateLimit-Limit": "200,2000", "X-RateLimit-Usage": "196,400"}, now)
    assert budget.check(now) == at("2024-03-10T10:15:00")


def test_after_a_429_no_calls_until_the_retry_time():
    budget = RateBudget()
    now = at("2024-03-10T10:07:30")
    budget.record(headers(usage=(50, 60), read_usage=(50, 60)), now)
    retry_at = budget.retry_time(now)
    assert retry_at == at("2024-03-10T10:15:00")
    budget.exhausted_until(retry_at)
    assert budget.check(now) == retry_at
    assert budget.check(at("2024-03-10T10:14:59")) == retry_at
    assert budget.check(at("2024-03-10T10:15:00")) is None


def test_a_429_with_the_day_used_up_waits_for_midnight():
    budget = RateBudget()
    now = at("2024-03-10T10:07:30")
    budget.record(headers(usage=(10, 1001), read_usage=(10, 1001)), now)
    assert budget.retry_time(now) == at("2024-03-11T00:00:00")


def test_exhausted_until_never_moves_earlier():
    budget = RateBudget()
    budget.exhausted_until(at("2024-03-11T00:00:00"))
    budget.exhausted_until(at("2024-03-10T10:15:00"))
    assert budget.check(at("2024-03-10T10:20:00")) == at("2024-03-11T00:00:00")


def test_concurrent_records_keep_the_highest_usage():
    budget = RateBudget(reserve=0)
    now = at("2024-03-10T10:07:30")
    start = threading.Barrier(8, timeout=60)

    def feed(offset: int) -> None:
        start.wait()
        for usage in range(offset, 100, 8):
            budget.record(headers(usage=(usage, usage), read_usage=(usage, usage)), now)

    threads = [threading.Thread(target=feed, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert budget.remaining(now).short == 100 - 99
