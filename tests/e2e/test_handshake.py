"""The webhook endpoint over real HTTP: Strava's subscription handshake and hostile bodies."""

from __future__ import annotations

import json

import pytest
import requests

from tests.e2e.conftest import ATHLETE_ID, VERIFY_TOKEN, WEBHOOK_SECRET, activity_event


@pytest.fixture(scope="module")
def world(emulator, tmp_path_factory):
    """A server with no subscription id configured: it uses the one `subscription create` stores."""
    from tests.e2e.conftest import App

    emulator.reset()
    app = App(tmp_path_factory.mktemp("handshake"), emulator, subscription_id=None).start()
    yield app
    app.stop()


def handshake(app, token: str, path: str = WEBHOOK_SECRET, challenge: str = "abc123") -> requests.Response:
    return requests.get(f"{app.url}/strava/webhook/{path}", timeout=5, params={
        "hub.mode": "subscribe", "hub.challenge": challenge, "hub.verify_token": token})


def test_subscription_create_passes_stravas_validation(world, emulator):
    wrong = world.cli("subscription", "create", env=world.env | {"RHOMBOID_VERIFY_TOKEN": "not-the-token"})
    assert wrong.returncode == 1
    assert wrong.stderr.strip().startswith("Error: Strava refused to create the subscription: ")
    assert len(wrong.stderr.strip().splitlines()) == 1
    assert "Traceback" not in wrong.stderr
    assert emulator.admin("GET", "subscription") is None

    made = world.cli("subscription", "create")
    assert made.returncode == 0, made.stderr
    held = emulator.admin("GET", "subscription")
    assert held["callback_url"] == world.webhook_url
    assert made.stdout.strip() == f"subscription {held['id']} created for {world.webhook_url}"
    assert world.query("SELECT id, callback_url FROM subscription") == [(held["id"], world.webhook_url)]

    # the stored id is the one the endpoint now insists on
    foreign = world.post(activity_event(1, owner_id=ATHLETE_ID) | {"subscription_id": held["id"] + 1})
    assert foreign.status_code == 200
    assert foreign.json()["status"] == "ignored"
    assert foreign.json()["reason"] == "event for another subscription"

    viewed = world.cli("subscription", "view")
    assert viewed.returncode == 0, viewed.stderr
    assert f"subscription {held['id']}: {world.webhook_url}" in viewed.stdout


def test_handshake_echoes_the_challenge_and_refuses_a_wrong_token(world):
    good = handshake(world, VERIFY_TOKEN, challenge="c-42")
    assert good.status_code == 200
    assert good.json() == {"hub.challenge": "c-42"}

    wrong = handshake(world, "wrong-token")
    assert wrong.status_code == 403
    assert "error" in wrong.json()
    assert handshake(world, "").status_code == 403


def test_another_path_is_404(world):
    assert handshake(world, VERIFY_TOKEN, path="not-the-secret").status_code == 404
    assert world.post(activity_event(1), path="not-the-secret").status_code == 404
    assert world.post(activity_event(1), path=WEBHOOK_SECRET + "x").status_code == 404
    assert requests.post(f"{world.url}/strava/webhook", json=activity_event(1), timeout=5).status_code in (404, 405)


VALID = {"object_type": "activity", "object_id": 1, "aspect_type": "create", "owner_id": ATHLETE_ID,
         "subscription_id": 5, "event_time": 1_700_000_000, "updates": {}}

MALFORMED = {
    "not JSON": b"object_type=activity&object_id=1",
    "truncated JSON": b'{"object_type": "activity", ',
    "empty body": b"",
    "JSON null": b"null",
    "a list": json.dumps([VALID]).encode(),
    "a string": b'"activity"',
    "a number": b"42",
    "not UTF-8": b'{"object_type": "\xff\xfe"}',
    "missing object_id": json.dumps({k: v for k, v in VALID.items() if k != "object_id"}).encode(),
    "missing owner_id": json.dumps({k: v for k, v in VALID.items() if k != "owner_id"}).encode(),
    "missing aspect_type": json.dumps({k: v for k, v in VALID.items() if k != "aspect_type"}).encode(),
    "object_id as text": json.dumps(VALID | {"object_id": "abc"}).encode(),
    "object_id as float": json.dumps(VALID | {"object_id": 1.5}).encode(),
    "object_id as bool": json.dumps(VALID | {"object_id": True}).encode(),
    "object_id negative": json.dumps(VALID | {"object_id": -3}).encode(),
    "object_id beyond 64 bits": json.dumps(VALID | {"object_id": 2**70}).encode(),
    "owner_id beyond 64 bits": json.dumps(VALID | {"owner_id": 2**64}).encode(),
    "event_time beyond 64 bits": json.dumps(VALID | {"event_time": 10**30}).encode(),
    "subscription_id beyond 64 bits": json.dumps(VALID | {"subscription_id": 2**63}).encode(),
    "unknown object_type": json.dumps(VALID | {"object_type": "route"}).encode(),
    "aspect_type as number": json.dumps(VALID | {"aspect_type": 1}).encode(),
    "updates as a list": json.dumps(VALID | {"updates": ["title"]}).encode(),
    "NaN event_time": b'{"object_type": "activity", "object_id": 1, "aspect_type": "create", '
                      b'"owner_id": 1, "event_time": NaN}',
    # under the 64 KB limit, yet too deep for the JSON parser
    "deeply nested": b'{"updates": ' + b"[" * 30_000 + b"]" * 30_000 + b"}",
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_body_is_a_400_with_a_json_error(world, body):
    answer = world.post(data=body)
    assert answer.status_code == 400, answer.text[:500]
    assert answer.headers["Content-Type"].startswith("application/json")
    assert isinstance(answer.json()["error"], str) and answer.json()["error"]


def test_the_server_survives_the_malformed_bodies(world):
    assert world.process.running()
    assert requests.get(f"{world.url}/healthz", timeout=5).json() == {"status": "ok"}
    stored = world.query("SELECT count(*) FROM inbox WHERE status = 'pending'")[0][0]
    assert stored == 0, "a malformed body must never reach the inbox"
    assert "Traceback" not in world.process.log()
