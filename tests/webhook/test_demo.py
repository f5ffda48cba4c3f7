"""The demo runs the whole product over real HTTP and reports what landed."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from webhook.devtools.demo import run_demo


def _run(now: datetime) -> tuple[dict, str]:
    out: list[str] = []
    counts = run_demo(out.append, now=now)
    return counts, "\n".join(out)


def test_demo_connects_a_runner_and_writes_notes():
    counts, text = _run(datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc))  # a Monday morning
    assert counts["events"] == 5
    assert counts["noted"] == 4 and counts["skipped"] == 1
    assert "handshake reached" in text
    assert "backfill stored 28 activities" in text
    assert "19.0 km, 34% longer than your longest of the last 30 days (14.2 km)" in text
    shakeout = text[text.index("Shakeout"):]
    assert "emergency help now" in shakeout  # the urgent note, worded in proportion (chest pain: emergency)
    assert "coach alert (urgent)" in text and "daily digest" in text
    assert text.count("── Rhomboid ──") == 4


def _without_dates_and_ports(text: str) -> str:
    text = re.sub(r"\d{4}-\d{2}-\d{2}", "DATE", text)
    text = re.sub(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b",
                  "DAY", text)
    text = re.sub(r"127\.0\.0\.1:\d+", "HOST", text)
    text = re.sub(r"/tmp/\S+", "TMP", text)
    return re.sub(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", "WEEKDAY", text)


@pytest.mark.parametrize("now", [
    datetime(2026, 12, 1, 13, 0, tzinfo=timezone.utc),    # a Tuesday
    datetime(2027, 3, 7, 23, 50, tzinfo=timezone.utc),    # a Sunday just before midnight
])
def test_the_demo_tells_the_same_story_on_any_day(now):
    monday = _run(datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc))
    other = _run(now)
    assert other[0] == monday[0]
    assert _without_dates_and_ports(other[1]) == _without_dates_and_ports(monday[1])
