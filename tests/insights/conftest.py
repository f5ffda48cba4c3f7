"""Small builders for activity histories."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from insights.activities import Activity


def make_run(
    id: int,
    day: date,
    km: float,
    *,
    hour: int = 7,
    sport: str = "Run",
    minutes: float | None = None,
    hr: float | None = None,
    max_hr: float | None = None,
    rpe: float | None = None,
    suffer: float | None = None,
    name: str = "Morning Run",
    description: str = "",
    private_note: str = "",
) -> Activity:
    minutes = km * 6 if minutes is None else minutes  # 6 min/km unless told
    return Activity(
        id=id,
        sport_type=sport,
        start_local=datetime.combine(day, datetime.min.time()) + timedelta(hours=hour),
        distance_km=km,
        moving_s=int(minutes * 60),
        elapsed_s=int(minutes * 60) + 30,
        average_heartrate=hr,
        max_heartrate=max_hr,
        perceived_exertion=rpe,
        suffer_score=suffer,
        average_speed=(km * 1000 / (minutes * 60)) if minutes else None,
        name=name,
        description=description,
        private_note=private_note,
    )


@pytest.fixture
def run():
    return make_run


D0 = date(2026, 6, 1)  # a Monday


def day(n: int) -> date:
    return D0 + timedelta(days=n)
