"""The API v3 calls Rhomboid makes, through real stravalib, against the emulator."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
import stravalib
from stravalib import exc

from .conftest import SAMPLE, SAMPLE_ATHLETE_ID

SWAGGER = Path(stravalib.__file__).parent / "tests" / "resources" / "strava_swagger.json"
NOT_FOUND = {
    "message": "Record Not Found",
    "errors": [{"resource": "Activity", "field": "id", "code": "invalid"}],
}
LONG_RUN = 11003000105


def swagger_example(path: str) -> dict:
    paths = json.loads(SWAGGER.read_text())["paths"]
    example = paths[path]["get"]["responses"]["200"]["examples"]["application/json"]
    return example[0] if isinstance(example, list) else example


def raw_get(emulator, tokens, path, **params):
    return requests.get(
        emulator.url + "/api/v3" + path,
        params=params,
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
    )


def make_runs(emulator, count, first_start, owner=SAMPLE_ATHLETE_ID, first_id=50_000_000):
    for n in range(count):
        start = first_start + timedelta(hours=n)
        emulator.state.put_activity(
            {
                "id": first_id + n,
                "name": f"Run {n}",
                "sport_type": "Run",
                "type": "Run",
                "distance": 5000.0,
                "moving_time": 1500,
                "elapsed_time": 1550,
                "start_date": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "start_date_local": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "athlete": {"id": owner, "resource_state": 1},
            }
        )


def test_athlete_has_every_property_of_stravas_detailed_athlete(emulator, client, tokens):
    athlete = client.get_athlete()
    assert (athlete.id, athlete.firstname, athlete.measurement_preference) == (SAMPLE_ATHLETE_ID, "Maya", "meters")
    raw = raw_get(emulator, tokens, "/athlete").json()
    assert set(swagger_example("/athlete")) <= set(raw)


def test_detailed_activity_is_exactly_the_fixture_and_covers_the_swagger(emulator, client, tokens):
    loaded = json.loads((SAMPLE / "activities" / f"{LONG_RUN}.json").read_text())
    raw = raw_get(emulator, tokens, f"/activities/{LONG_RUN}").json()
    assert raw == loaded
    assert set(swagger_example("/activities/{id}")) <= set(raw)

    activity = client.get_activity(LONG_RUN)
    assert activity.private_note.startswith("rhomboids sore")
    assert (activity.average_heartrate, activity.perceived_exertion) == (157.4, 7)


def test_summary_activities_cover_the_swagger_and_hide_detail_fields(emulator, tokens):
    listed = raw_get(emulator, tokens, "/athlete/activities").json()
    assert [a["id"] for a in listed] == sorted([a["id"] for a in listed], reverse=True)
    summary = listed[0]
    assert set(swagger_example("/athlete/activities")) <= set(summary)
    assert summary["resource_state"] == 2
    assert summary["athlete"] == {"id": SAMPLE_ATHLETE_ID, "resource_state": 1}
    assert not {"description", "private_note", "perceived_exertion", "laps"} & set(summary)
    assert "polyline" not in summary["map"]


def test_get_activities_pages_newest_first(emulator, make_client, tokens):
    from connector.transport import RecordingRateLimiter

    make_runs(emulator, 445, datetime(2023, 1, 1, tzinfo=timezone.utc))
    limiter = RecordingRateLimiter()
    client = make_client(tokens["access_token"], rate_limiter=limiter)
    runs = list(client.get_activities())
    assert len(runs) == 450
    starts = [run.start_date for run in runs]
    assert starts == sorted(starts, reverse=True)
    assert runs[0].id == LONG_RUN
    assert limiter.last.short_usage == 3  # 200 + 200 + 50


def test_before_and_after_filter_by_start(emulator, client):
    after = datetime(2024, 3, 7, tzinfo=timezone.utc)
    before = datetime(2024, 3, 14, tzinfo=timezone.utc)
    ids = [a.id for a in client.get_activities(after=after, before=before)]
    assert ids == [11003000104, 11003000103, 11003000102]
    assert [a.id for a in client.get_activities(after=before)] == [LONG_RUN]
    assert [a.id for a in client.get_activities(limit=2)] == [LONG_RUN, 11003000104]


def test_per_page_is_capped_at_200(emulator, tokens):
    make_runs(emulator, 250, datetime(2023, 1, 1, tzinfo=timezone.utc))
    assert len(raw_get(emulator, tokens, "/athlete/activities", per_page=500).json()) == 200
    page_2 = raw_get(emulator, tokens, "/athlete/activities", per_page=200, page=2).json()
    assert len(page_2) == 55


def test_missing_and_foreign_activities_are_404(emulator, client):
    make_runs(emulator, 1, datetime(2024, 3, 1, tzinfo=timezone.utc), owner=999, first_id=777)
    for activity_id in (123, 777):
        with pytest.raises(exc.ObjectNotFound) as raised:
            client.get_activity(activity_id)
        assert raised.value.response.json() == NOT_FOUND
    with pytest.raises(exc.ObjectNotFound):
        client.update_activity(777, description="not mine")
    assert emulator.state.get_activity(777).get("description") is None


def test_private_activities_need_read_all(emulator, make_client):
    emulator.state.apply_updates(11003000101, {"private": "true"})
    everyone = make_client(emulator.state.issue_tokens(SAMPLE_ATHLETE_ID, "read,activity:read")["access_token"])
    with pytest.raises(exc.ObjectNotFound):
        everyone.get_activity(11003000101)
    assert 11003000101 not in [a.id for a in everyone.get_activities()]
    all_of_it = make_client(emulator.state.issue_tokens(SAMPLE_ATHLETE_ID)["access_token"])
    assert all_of_it.get_activity(11003000101).private is True


def test_update_activity_description_persists(emulator, client):
    text = "Long and slow.\n\n-- Rhomboid --\nEase off next week.\n-- end --"
    updated = client.update_activity(LONG_RUN, description=text)
    assert updated.description == text
    assert client.get_activity(LONG_RUN).description == text
    assert emulator.state.get_activity(LONG_RUN)["description"] == text
    assert emulator.state.get_activity(LONG_RUN)["private_note"].startswith("rhomboids")


def test_update_ignores_fields_strava_does_not_let_you_write(emulator, tokens):
    before = emulator.state.get_activity(LONG_RUN)
    answer = requests.put(
        f"{emulator.url}/api/v3/activities/{LONG_RUN}",
        json={
            "name": "Renamed", "commute": True, "sport_type": "TrailRun",
            "distance": 1.0, "private_note": "hacked", "perceived_exertion": 1, "private": True,
        },
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
    )
    assert answer.status_code == 200
    after = answer.json()
    assert (after["name"], after["commute"], after["sport_type"], after["type"]) == ("Renamed", True, "TrailRun", "Run")
    for field in ("distance", "private_note", "perceived_exertion", "private"):
        assert after[field] == before[field]
    assert emulator.state.get_activity(LONG_RUN) == after


def test_every_api_answer_carries_rate_limit_headers(emulator, tokens):
    first = raw_get(emulator, tokens, "/athlete")
    second = raw_get(emulator, tokens, "/activities/1")  # a 404 counts too
    assert first.headers["X-RateLimit-Limit"] == "200,2000"
    assert first.headers["X-ReadRateLimit-Limit"] == "100,1000"
    assert first.headers["X-RateLimit-Usage"] == "1,1"
    assert second.status_code == 404
    assert second.headers["X-RateLimit-Usage"] == "2,2"
    assert second.headers["X-ReadRateLimit-Usage"] == "2,2"


def test_over_the_limit_gives_429_until_the_window_turns(emulator, client):
    clock = emulator.state.clock
    clock.set("2024-03-18T10:14:58Z")
    emulator.state.rates.configure(read_short=2)
    client.get_athlete()
    client.get_athlete()
    with pytest.raises(exc.Fault, match="429") as raised:
        client.get_athlete()
    response = raised.value.response
    assert response.json() == {
        "message": "Rate Limit Exceeded",
        "errors": [{"resource": "Application", "field": "rate limit", "code": "exceeded"}],
    }
    assert response.headers["X-ReadRateLimit-Limit"] == "2,1000"
    assert response.headers["X-ReadRateLimit-Usage"] == "3,3"
    clock.advance(2)  # 10:15:00 starts a new 15-minute window; the day goes on
    client.get_athlete()
    assert emulator.state.rates.usage(clock.now()).read_long == 4


def test_daily_limit_resets_at_midnight_utc(emulator, client):
    clock = emulator.state.clock
    clock.set("2024-03-18T23:59:00Z")
    emulator.state.rates.configure(long=1)
    client.get_athlete()
    clock.advance(2 * 60)  # 00:01, a new day
    client.get_athlete()
    clock.advance(15 * 60)  # a new quarter, but the same day
    with pytest.raises(exc.Fault, match="429"):
        client.get_athlete()


def test_unknown_api_path_is_a_json_404(emulator, tokens):
    answer = raw_get(emulator, tokens, "/no/such/thing")
    assert answer.status_code == 404
    assert answer.json()["message"] == "Record Not Found"
