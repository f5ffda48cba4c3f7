"""The emulator's admin API (/_admin/) and its fault switches."""

from __future__ import annotations


import pytest
import requests
from stravalib import exc

from .conftest import SAMPLE, SAMPLE_ATHLETE_ID

LONG_RUN = 11003000105


def admin(emulator, method, path, **kwargs):
    return requests.request(method, f"{emulator.url}/_admin{path}", **kwargs)


def test_state_describes_the_world(emulator):
    state = admin(emulator, "GET", "/state").json()
    assert state["athletes"] == [
        {"id": SAMPLE_ATHLETE_ID, "name": "Maya Okafor", "activities": 5, "authorized_scopes": None}
    ]
    assert state["activities"] == 5 and state["subscription"] is None
    assert state["rate_limits"]["limit"] == [200, 2000]


def test_reset_then_load_by_path_and_inline(emulator):
    assert admin(emulator, "POST", "/reset").json()["activities"] == 0
    loaded = admin(emulator, "POST", "/fixtures", json={"path": str(SAMPLE)})
    assert loaded.status_code == 201
    assert loaded.json() == {"name": "sample", "athlete_id": SAMPLE_ATHLETE_ID, "activities": 5, "events": 6, "coaches": 0}
    inline = {
        "athlete": {"id": 5, "firstname": "Ines"},
        "activities": [{"id": 9, "name": "Jog", "start_date": "2024-01-01T08:00:00Z"}],
        "events": [{"object_type": "activity", "object_id": 9, "aspect_type": "create", "owner_id": 5, "event_time": 1}],
    }
    assert admin(emulator, "POST", "/fixtures", json=inline).json()["athlete_id"] == 5
    assert emulator.state.get_activity(9)["athlete"] == {"id": 5, "resource_state": 1}


def test_broken_fixtures_are_a_400_naming_the_file(emulator, tmp_path):
    (tmp_path / "athlete.json").write_text('{"id": 1,\n "firstname": }')
    answer = admin(emulator, "POST", "/fixtures", json={"path": str(tmp_path)})
    assert answer.status_code == 400
    assert "athlete.json:2:" in answer.json()["error"]
    answer = admin(emulator, "POST", "/fixtures", json={"athlete": {"id": 1}, "events": [{"object_id": 1}]})
    assert answer.status_code == 400 and "events[0]" in answer.json()["error"]


def test_activities_put_get_update_delete(emulator):
    put = admin(emulator, "PUT", "/activities/42", params={"owner_id": SAMPLE_ATHLETE_ID}, json={"name": "Track"})
    assert put.json()["athlete"]["id"] == SAMPLE_ATHLETE_ID
    assert admin(emulator, "GET", "/activities/42").json()["name"] == "Track"
    updated = admin(emulator, "POST", "/activities/42/updates", json={"title": "Track #ubp 4", "type": "Walk"})
    assert (updated.json()["name"], updated.json()["sport_type"]) == ("Track #ubp 4", "Walk")
    assert admin(emulator, "DELETE", "/activities/42").json() == {"deleted": 42}
    assert admin(emulator, "GET", "/activities/42").status_code == 404
    assert admin(emulator, "DELETE", "/activities/42").status_code == 404
    assert admin(emulator, "POST", "/activities", json={"id": 43}).status_code == 400  # no owner


def test_clock_set_and_advance(emulator):
    frozen = admin(emulator, "POST", "/clock", json={"now": "2024-03-17T09:00:00Z"}).json()
    assert frozen == {"now": 1710666000.0, "iso": "2024-03-17T09:00:00Z", "frozen": True}
    assert admin(emulator, "POST", "/clock", json={"advance_s": 90}).json()["iso"] == "2024-03-17T09:01:30Z"
    assert admin(emulator, "POST", "/clock", json={"reset": True}).json()["frozen"] is False


def test_tokens_and_revocation(emulator, make_client):
    issued = admin(emulator, "POST", "/tokens", json={"athlete_id": SAMPLE_ATHLETE_ID}).json()
    client = make_client(issued["access_token"])
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID
    assert admin(emulator, "POST", f"/athletes/{SAMPLE_ATHLETE_ID}/revoke").json()["revoked"] is True
    with pytest.raises(exc.AccessUnauthorized):
        client.get_athlete()


def test_next_requests_fail_with_the_chosen_status(emulator, client):
    added = admin(emulator, "POST", "/faults", json={"status": 503, "count": 2, "path_prefix": "/api/v3/activities"})
    assert added.status_code == 201
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID  # another path: unaffected
    for _ in range(2):
        with pytest.raises(exc.Fault, match="503"):
            client.get_activity(LONG_RUN)
    assert client.get_activity(LONG_RUN).id == LONG_RUN
    assert admin(emulator, "GET", "/faults").json()["faults"] == []


def test_fault_statuses_and_bodies(emulator, client):
    emulator.state.faults.add(429)
    emulator.state.faults.add(500)
    with pytest.raises(exc.Fault, match="429") as raised:
        client.get_athlete()
    assert raised.value.response.json()["message"] == "Rate Limit Exceeded"
    assert raised.value.response.headers["X-RateLimit-Usage"] == "201,1"  # as an overrun shows it
    assert raised.value.response.headers["X-ReadRateLimit-Usage"] == "101,1"
    with pytest.raises(exc.Fault, match="500"):
        client.get_athlete()
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID


def test_added_latency(emulator, client):
    admin(emulator, "POST", "/faults", json={"latency_s": 0.25})
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID  # slow, not failed (timeouts: test_strava)
    assert emulator.state.faults.latency_for("/api/v3/athlete") == 0.25
    admin(emulator, "DELETE", "/faults")
    assert emulator.state.faults.latency_for("/api/v3/athlete") == 0.0
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID


def test_force_expire_switch(emulator, client, tokens):
    admin(emulator, "POST", "/faults", json={"expire_tokens": True})
    with pytest.raises(exc.AccessUnauthorized):
        client.get_athlete()


def test_bad_admin_requests_say_why(emulator):
    assert admin(emulator, "POST", "/faults", json={"status": 200}).status_code == 400
    assert admin(emulator, "POST", "/faults", json={}).status_code == 400
    assert admin(emulator, "POST", "/rate_limits", json={"hourly": 5}).status_code == 400
    assert admin(emulator, "POST", "/deliver", json={}).status_code == 400
    answer = admin(emulator, "POST", "/fixtures", data="not json", headers={"Content-Type": "text/plain"})
    assert answer.status_code == 400 and "error" in answer.json()


def test_rate_limits_configurable_over_http(emulator, client):
    usage = admin(emulator, "POST", "/rate_limits", json={"short": 1, "reset_usage": True}).json()
    assert usage["limit"] == [1, 2000] and usage["usage"] == [0, 0]
    client.get_athlete()
    with pytest.raises(exc.Fault, match="429"):
        client.get_athlete()

