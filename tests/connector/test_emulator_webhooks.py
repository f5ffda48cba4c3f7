"""Push subscriptions and webhook delivery, over loopback, as Strava does them."""

from __future__ import annotations

import pytest
import requests
from stravalib import exc

from .conftest import CLIENT_ID, CLIENT_SECRET, SAMPLE_ATHLETE_ID, Answer, echo_challenge

LONG_RUN = 11003000105
CREATE = {"object_type": "activity", "object_id": LONG_RUN, "aspect_type": "create", "owner_id": SAMPLE_ATHLETE_ID}


def subscribe(emulator, receiver):
    return emulator.state.set_subscription(callback_url=receiver.url + "/strava/webhook/s3cret")


def test_subscription_lifecycle_with_stravalib(emulator, make_client, callback_server):
    receiver = callback_server(echo_challenge("verify-me"))
    client = make_client()
    callback = receiver.url + "/strava/webhook/s3cret"
    created = client.create_subscription(CLIENT_ID, CLIENT_SECRET, callback, verify_token="verify-me")
    assert created.id

    handshake = receiver.received[0]
    assert (handshake.method, handshake.path) == ("GET", "/strava/webhook/s3cret")
    assert handshake.query["hub.mode"] == "subscribe"
    assert handshake.query["hub.verify_token"] == "verify-me"
    assert handshake.query["hub.challenge"]

    listed = list(client.list_subscriptions(CLIENT_ID, CLIENT_SECRET))
    assert [(s.id, s.callback_url) for s in listed] == [(created.id, callback)]

    with pytest.raises(exc.Fault, match="already exists"):
        client.create_subscription(CLIENT_ID, CLIENT_SECRET, callback, verify_token="verify-me")
    with pytest.raises(exc.Fault):
        list(client.list_subscriptions(CLIENT_ID, "wrong-secret"))

    client.delete_subscription(created.id, CLIENT_ID, CLIENT_SECRET)
    assert list(client.list_subscriptions(CLIENT_ID, CLIENT_SECRET)) == []
    with pytest.raises(exc.ObjectNotFound):
        client.delete_subscription(created.id, CLIENT_ID, CLIENT_SECRET)


def test_subscription_needs_the_challenge_echoed(emulator, make_client, callback_server):
    client = make_client()
    wrong_token = callback_server(echo_challenge("another-token"))
    with pytest.raises(exc.Fault, match="callback"):
        client.create_subscription(CLIENT_ID, CLIENT_SECRET, wrong_token.url, verify_token="verify-me")
    no_echo = callback_server(lambda received: Answer(200, {"hub.challenge": "not-it"}))
    with pytest.raises(exc.Fault, match="challenge"):
        client.create_subscription(CLIENT_ID, CLIENT_SECRET, no_echo.url, verify_token="verify-me")
    slow = callback_server(lambda r: Answer(200, {"hub.challenge": r.query["hub.challenge"]}, delay_s=0.5))
    with pytest.raises(exc.Fault, match="callback"):  # the emulator's timeout is 0.3 s here
        client.create_subscription(CLIENT_ID, CLIENT_SECRET, slow.url, verify_token="verify-me")
    assert emulator.state.subscription is None


def test_delivery_retries_three_times_on_500(emulator, callback_server):
    receiver = callback_server(lambda received: Answer(500, {"error": "boom"}))
    subscription = subscribe(emulator, receiver)
    result = emulator.state.deliver(CREATE)
    assert result["delivered"] is False
    assert [a["status"] for a in result["attempts"]] == [500, 500, 500]
    assert len(receiver.received) == 3
    body = receiver.received[0].body
    assert body["subscription_id"] == subscription.id
    assert body["updates"] == {} and isinstance(body["event_time"], int)


def test_delivery_stops_after_a_200(emulator, callback_server):
    receiver = callback_server()
    subscribe(emulator, receiver)
    result = emulator.state.deliver(dict(CREATE, event_time=1710672526, subscription_id=120475))
    assert result["delivered"] is True
    assert [(a["status"], a["ok"]) for a in result["attempts"]] == [(200, True)]
    assert receiver.received[0].method == "POST"
    assert receiver.received[0].body == dict(CREATE, event_time=1710672526, subscription_id=120475, updates={})


def test_a_slow_answer_counts_as_failed(emulator, callback_server):
    answers = iter([Answer(200, {}, delay_s=0.6), Answer(200, {})])
    receiver = callback_server(lambda received: next(answers))
    subscribe(emulator, receiver)
    result = emulator.state.deliver(CREATE, timeout_s=0.3)
    assert [(a["ok"], a["error"]) for a in result["attempts"]] == [(False, "timeout"), (True, None)]
    assert result["delivered"] is True


def test_delivery_without_a_subscription_is_refused(emulator):
    answer = requests.post(emulator.url + "/_admin/deliver", json={"event": CREATE})
    assert answer.status_code == 409


def test_adopted_subscription_id_and_admin_delivery(emulator, callback_server):
    receiver = callback_server()
    adopted = requests.put(
        emulator.url + "/_admin/subscription", json={"id": 120475, "callback_url": receiver.url + "/hook"}
    ).json()
    assert adopted["id"] == 120475
    answer = requests.post(emulator.url + "/_admin/deliver", json={"event": CREATE, "attempts": 1}).json()
    assert answer["delivered"] is True
    assert answer["event"]["subscription_id"] == 120475
    assert receiver.received[-1].path == "/hook"


def test_apply_makes_the_strava_side_change_before_delivery(emulator, client, tokens, callback_server):
    seen = []

    def respond(received):
        # What the receiver would fetch at the moment it gets the event.
        seen.append(emulator.state.get_activity(received.body["object_id"]))
        return Answer(200, {})

    subscribe(emulator, callback_server(respond))
    update = dict(CREATE, aspect_type="update", updates={"title": "Long run #upperback 5", "private": "true"})
    assert emulator.state.deliver(update, apply=True)["applied"] == "updated"
    assert seen[-1]["name"] == "Long run #upperback 5" and seen[-1]["private"] is True

    assert emulator.state.deliver(dict(CREATE, aspect_type="delete"), apply=True)["applied"] == "deleted"
    assert seen[-1] is None
    with pytest.raises(exc.ObjectNotFound):
        client.get_activity(LONG_RUN)

    deauth = {"object_type": "athlete", "object_id": SAMPLE_ATHLETE_ID, "aspect_type": "update",
              "owner_id": SAMPLE_ATHLETE_ID, "updates": {"authorized": "false"}}
    assert emulator.state.deliver(deauth, apply=True)["applied"] == "revoked"
    with pytest.raises(exc.AccessUnauthorized):
        client.get_athlete()


def test_events_for_missing_activities_still_deliver(emulator, callback_server):
    subscribe(emulator, callback_server())
    result = emulator.state.deliver(dict(CREATE, aspect_type="update", object_id=1), apply=True)
    assert result["applied"] == "missing" and result["delivered"] is True
