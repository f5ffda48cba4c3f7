"""A sample runner for the demo: six weeks of history, then a week of new runs.

Deterministic and dated relative to ``today``, shaped exactly like Strava's
DetailedActivity and DetailedAthlete, so the demo exercises the same paths
as real data.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

ATHLETE_ID = 7100001
FIRST_ACTIVITY_ID = 14_200_000_000

ATHLETE = {
    "id": ATHLETE_ID,
    "resource_state": 3,
    "username": "sam_runs",
    "firstname": "Sam",
    "lastname": "Okafor",
    "city": "Leeds",
    "country": "United Kingdom",
    "sex": "F",
    "premium": False,
    "measurement_preference": "meters",
    "weight": 61.0,
    "created_at": "2019-03-02T09:12:44Z",
    "updated_at": "2026-10-01T18:00:00Z",
}

# (days before today, hour, km, min/km, avg HR, title, description)
NEW_WEEK = [
    (7, 7, 8.0, 6.0, 142, "Easy start", "Slow and chatty."),
    (6, 18, 8.2, 4.9, 171, "Tempo", "Went out too hard, shoulders up by my ears by the end."),
    (4, 7, 7.5, 6.1, 141, "Recovery jog", "Tight between my shoulder blades, 4/10. Long day at the desk."),
    (2, 8, 19.0, 6.0, 148, "Long run #upperback 5", "Longest in a while."),
    (1, 9, 6.0, 6.3, 150, "Shakeout", "Chest felt tight and I was short of breath on the hill, upper back sore too."),
]


def _activity(activity_id: int, day: date, hour: int, km: float, pace_min: float, hr: float | None,
              name: str, description: str | None, sport: str = "Run") -> dict:
    moving = int(km * pace_min * 60)
    start_local = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)
    start_utc = start_local.replace(tzinfo=timezone.utc)  # Europe/London in winter
    activity = {
        "id": activity_id,
        "resource_state": 3,
        "external_id": f"garmin_push_{activity_id}",
        "athlete": {"id": ATHLETE_ID, "resource_state": 1},
        "name": name,
        "description": description,
        "distance": round(km * 1000, 1),
        "moving_time": moving,
        "elapsed_time": moving + 45,
        "total_elevation_gain": round(km * 6.5, 1),
        "type": sport,
        "sport_type": sport,
        "start_date": start_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "start_date_local": start_local.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "timezone": "(GMT+00:00) Europe/London",
        "utc_offset": 0.0,
        "average_speed": round(km * 1000 / moving, 3),
        "max_speed": round(km * 1000 / moving * 1.35, 3),
        "has_heartrate": hr is not None,
        "trainer": False,
        "commute": False,
        "manual": False,
        "private": False,
        "visibility": "everyone",
        "device_name": "Garmin Forerunner 265",
        "private_note": None,
        "perceived_exertion": None,
    }
    if hr is not None:
        activity |= {
            "average_heartrate": float(hr),
            "max_heartrate": float(hr + 14),
            "suffer_score": round(moving / 60 * (hr - 100) / 40),
        }
    return activity


def sample_history(today: date) -> list[dict]:
    """Six weeks of steady running before the new week: 4 runs a week, long run on the new week's long-run day.

    The plan follows the days before ``today`` rather than the weekday, so the
    history (28 activities) and every note are the same whatever day it is.
    """
    rng = random.Random(42)
    activities, next_id = [], FIRST_ACTIVITY_ID
    # days_ago % 7 -> run; the new week's long run is 2 days ago, so the old long runs are 9, 16, ... days ago
    plan = {6: (7.0, "Easy run"), 4: (8.0, "Steady run"), 3: (6.0, "Lunch run"), 2: (14.0, "Long run")}
    for days_ago in range(49, 7, -1):
        day = today - timedelta(days=days_ago)
        slot = days_ago % 7
        if slot not in plan:
            if slot == 1 and rng.random() < 0.6:
                next_id += 1
                activities.append(_activity(next_id, day, 10, 32.0, 2.2, 128, "Weekend spin", None, "Ride"))
            continue
        km, name = plan[slot]
        km = round(km * rng.uniform(0.95, 1.05), 2)
        next_id += 1
        activities.append(_activity(next_id, day, 7, km, rng.uniform(5.8, 6.2), rng.uniform(138, 146), name, None))
    return activities


def sample_new_week(today: date) -> list[dict]:
    activities = []
    for index, (days_ago, hour, km, pace, hr, name, description) in enumerate(NEW_WEEK):
        day = today - timedelta(days=days_ago)
        activities.append(_activity(FIRST_ACTIVITY_ID + 900 + index, day, hour, km, pace, hr, name, description))
    return activities


COACH = {"name": "Coach Priya", "email": "priya@coach.example", "consented": True}
