"""Normalising Strava's DetailedActivity: JSON and stravalib's model."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import stravalib
from stravalib import model

from insights.activities import activity_from_strava

RESOURCES = Path(stravalib.__file__).parent / "tests" / "resources"


def detailed_json() -> dict:
    return {
        "id": 12345678987654321,
        "name": "Lunch Run #upperback 4",
        "distance": 10234.5,
        "moving_time": 3120,
        "elapsed_time": 3300,
        "sport_type": "TrailRun",
        "type": "Run",
        "start_date": "2026-11-02T11:30:00Z",
        "start_date_local": "2026-11-02T12:30:00Z",
        "average_heartrate": 151.2,
        "max_heartrate": 176.0,
        "average_speed": 3.28,
        "perceived_exertion": 6,
        "suffer_score": 58,
        "description": "Felt ok",
        "private_note": "tight traps",
    }


def test_json_dict_is_normalised():
    a = activity_from_strava(detailed_json())
    assert a.id == 12345678987654321
    assert a.sport_type == "TrailRun" and a.is_run
    assert a.start_local == datetime(2026, 11, 2, 12, 30)  # local wall clock, not UTC
    assert a.distance_km == pytest.approx(10.2345)
    assert a.moving_s == 3120 and a.minutes == pytest.approx(52)
    assert a.average_heartrate == 151.2 and a.perceived_exertion == 6 and a.suffer_score == 58
    assert a.private_note == "tight traps"


def test_missing_fields_are_normal():
    a = activity_from_strava({"id": 1, "start_date_local": "2026-11-02T07:00:00Z", "type": "Ride"})
    assert a.sport_type == "Ride" and not a.is_run
    assert a.distance_km == 0 and a.average_heartrate is None and a.minutes is None
    assert a.description == "" and a.name == ""


def test_an_activity_without_id_or_date_is_an_error():
    with pytest.raises(ValueError, match="id"):
        activity_from_strava({"start_date_local": "2026-11-02T07:00:00Z"})
    with pytest.raises(ValueError, match="start_date_local"):
        activity_from_strava({"id": 3})


def test_stravalib_model_is_normalised_like_the_json():
    raw = detailed_json()
    parsed = model.DetailedActivity.model_validate(raw)
    a, b = activity_from_strava(parsed), activity_from_strava(raw)
    for field in ("id", "sport_type", "start_local", "moving_s", "elapsed_s", "average_heartrate", "name"):
        assert getattr(a, field) == getattr(b, field), field
    assert a.distance_km == pytest.approx(b.distance_km)


def test_stravalibs_own_sample_activity():
    raw = json.loads((RESOURCES / "activity.3.json").read_text())
    a = activity_from_strava(model.DetailedActivity.model_validate(raw))
    assert a.id == raw["id"] and a.distance_km == pytest.approx(raw["distance"] / 1000)
