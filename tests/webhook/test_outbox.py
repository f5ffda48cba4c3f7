"""Coach alerts end to end: deciding, queueing and sending through a real SMTP
server (aiosmtpd) and a real HTTP receiver on loopback."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.connector.conftest import Answer, CallbackServer
from webhook import outbox, store

SAM = 1001
ALEX = 1002
MORNING = datetime(2025, 3, 3, 8, 0, tzinfo=timezone.utc)
DIGEST_TIME = datetime(2025, 3, 3, 18, 0, tzinfo=timezone.utc)
MAIL_FROM = "alerts@rhomboid.test"
TOKENS = {"access_token": "secret-access-token", "refresh_token": "secret-refresh-token", "expires_at": 2_000_000_000}


def no_jitter() -> float:
    return 0.0


URGENT = {
    "advice": ["urgent_care"],
    "flags": [],
    "metrics": {"week_km": 30.0},
    "soreness": {"reported": True, "severity": 6, "days_running": 1, "red_flags": ["chest_pain"]},
    "association": None,
    "text": "You mentioned: chest pain, pressure or tightness.\nPlease get emergency help now: call your local emergency "
            "number (999, 112 or 911).\nNot medical advice.",
}
DOCTOR_TODAY = {
    **URGENT,
    "soreness": {"reported": True, "severity": 4, "days_running": 1, "red_flags": ["numbness_or_weakness"]},
    "text": "Rhomboid has an urgent message for you today: https://rhomboid.test/me\nNot medical advice.",
}
PHYSIO = {
    "advice": ["see_physio", "reduce_load", "form"],
    "flags": [],
    "soreness": {"reported": True, "severity": 7, "days_running": 3, "red_flags": []},
    "text": "Please see a physio or GP: sore on 3 runs in a row.\nNot medical advice.",
}
SORE_AFTER_SPIKE = {
    "advice": ["reduce_load", "warmup", "form"],
    "flags": ["long_run_spike"],
    "soreness": {"reported": True, "severity": 4, "days_running": 1, "red_flags": []},
    "text": "This run: 16.0 km, 33% longer than your longest of the last 30 days.\nNot medical advice.",
}


@pytest.fixture
def http_receiver():
    """Factory for loopback HTTP receivers answering ``respond(received)``."""
    started: list[CallbackServer] = []

    def start(respond=lambda received: Answer(200, {})) -> CallbackServer:
        server = CallbackServer(respond)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def runners(db, cipher):
    for athlete_id, name in ((SAM, "Sam Runner"), (ALEX, "Alex")):
        store.save_athlete(db, {"id": athlete_id, "firstname": name}, TOKENS, "read", cipher, now=MORNING)


def coach_for(db, athlete_ids, name="Pat Coach", consent=True, **channels):
    coach = store.add_coach(db, name, now=MORNING, **channels)
    for athlete_id in athlete_ids:
        store.invite_coach(db, athlete_id, coach["id"], now=MORNING)
        if consent:
            store.consent(db, athlete_id, coach["id"], now=MORNING)
    return coach


def send_due(db, now, smtp_url=None, **options):
    options.setdefault("rand", no_jitter)
    return outbox.send_due(db, now, smtp_url, MAIL_FROM, **options)


def counts(sent=0, retrying=0, dead=0, dropped=0):
    return {"sent": sent, "retrying": retrying, "dead": dead, "dropped": dropped}


# -- deciding (pure) -------------------------------------------------------------------


ATHLETE = {"id": SAM, "firstname": "Sam", "access_token": "secret-access-token"}
PAT = {"id": 7, "name": "Pat Coach", "email": "pat@example.com", "webhook_url": None, "slack_url": None, "active": True}


@pytest.mark.parametrize(
    ("note", "level"),
    [
        (URGENT, "urgent"),
        ({**PHYSIO, "advice": ["urgent_care", "see_physio"]}, "urgent"),
        (PHYSIO, "warning"),
        (SORE_AFTER_SPIKE, "info"),
        ({**SORE_AFTER_SPIKE, "flags": []}, None),  # sore, but no spike
        ({**SORE_AFTER_SPIKE, "soreness": {"reported": None}}, None),  # spike, soreness unknown
        ({**SORE_AFTER_SPIKE, "soreness": {"reported": False}}, None),  # spike, explicitly fine
        ({"advice": ["warmup"], "flags": [], "soreness": None, "text": "x"}, None),
        (None, None),
    ],
)
def test_alert_level_follows_the_note(note, level):
    rows = outbox.alerts_for_note(ATHLETE, 42, note, [PAT])
    assert [r["level"] for r in rows] == ([level] if level else [])


def test_one_alert_per_consenting_coach_per_channel():
    everything = {**PAT, "id": 8, "webhook_url": "https://hooks.example.com/x", "slack_url": "https://hooks.slack.com/y"}
    stopped = {**PAT, "id": 9, "active": False}
    rows = outbox.alerts_for_note(ATHLETE, 42, PHYSIO, [PAT, everything, stopped])
    assert [(r["coach_id"], r["channel"], r["to"]) for r in rows] == [
        (7, "email", "pat@example.com"),
        (8, "email", "pat@example.com"),
        (8, "webhook", "https://hooks.example.com/x"),
        (8, "slack", "https://hooks.slack.com/y"),
    ]
    assert rows[0]["dedup_key"] == f"alert:{SAM}:42:7:email:warning"


def test_urgent_alert_text_is_short_kind_and_specific():
    [row] = outbox.alerts_for_note(ATHLETE, 42, URGENT, [PAT])
    assert row["subject"] == "Urgent: Sam was told to get emergency help now (activity 42)"
    body = row["body"]
    assert body.startswith("Hi Pat,\n")
    assert (
        "Sam reported chest pain, pressure or tightness with upper-back pain after their run (activity 42): "
        "Rhomboid told them to get emergency help now." in body
    )
    assert "Please check in with Sam now." in body
    # the kind of warning sign, never the note or the runner's words (a private note may hold them)
    assert "999" not in body and "You mentioned" not in body
    assert row["payload"]["note_text"] is None
    assert "not medical advice" in body
    assert "secret" not in json.dumps(row)
    assert row["payload"]["runner"] == {"id": SAM, "firstname": "Sam"}
    assert row["payload"]["activity_id"] == 42
    assert row["payload"]["reason"] == "urgent_care"
    assert row["payload"]["urgency"] == "emergency"


def test_an_urgent_alert_is_worded_in_proportion_as_the_runner_s_note_is():
    [row] = outbox.alerts_for_note(ATHLETE, 44, DOCTOR_TODAY, [PAT])
    assert row["subject"] == "Urgent: Sam was told to see a doctor today (activity 44)"
    assert ("Sam reported numbness, tingling or weakness with upper-back pain after their run (activity 44): "
            "Rhomboid told them to see a doctor today." in row["body"])
    assert "Please check in with Sam today." in row["body"]
    assert "emergency" not in row["body"].lower()
    assert row["payload"]["urgency"] == "doctor_today"
    assert row["level"] == "urgent"  # both levels alert at once


def test_info_alert_names_the_spike_and_the_soreness():
    [row] = outbox.alerts_for_note(ATHLETE, 43, SORE_AFTER_SPIKE, [PAT])
    assert row["subject"] == "Sam: upper-back soreness after a jump in load (activity 43)"
    assert "Sam reported upper-back soreness (4/10) after a run much longer than their recent longest (activity 43)." in row["body"]


# -- queueing ------------------------------------------------------------------------


def test_queueing_the_same_note_twice_queues_once(db, runners):
    coach_for(db, [SAM], email="pat@example.com", webhook_url="https://hooks.example.com/pat")
    first = outbox.queue_alerts(db, SAM, 42, URGENT, MORNING)
    again = outbox.queue_alerts(db, SAM, 42, URGENT, MORNING + timedelta(minutes=5))
    expected = [
        {"to": "pat@example.com", "channel": "email", "level": "urgent"},
        {"to": "https://hooks.example.com/pat", "channel": "webhook", "level": "urgent"},
    ]
    assert first == again == expected
    assert len(store.outbox_rows(db)) == 2


def test_a_note_without_cause_queues_nothing(db, runners):
    coach_for(db, [SAM], email="pat@example.com")
    assert outbox.queue_alerts(db, SAM, 42, {**SORE_AFTER_SPIKE, "flags": []}, MORNING) == []
    assert outbox.queue_alerts(db, 999, 42, URGENT, MORNING) == []  # unknown runner
    assert store.outbox_rows(db) == []


# -- sending -------------------------------------------------------------------------


def test_urgent_email_goes_at_once_and_only_to_consenting_coaches(db, runners, smtp_server):
    coach_for(db, [SAM], email="yes@example.com")
    coach_for(db, [SAM], name="Not Yet", email="no@example.com", consent=False)
    revoked = coach_for(db, [SAM], name="Former", email="former@example.com")
    store.revoke(db, SAM, revoked["id"], now=MORNING)

    queued = outbox.queue_alerts(db, SAM, 42, URGENT, MORNING)
    assert [a["to"] for a in queued] == ["yes@example.com"]
    assert send_due(db, MORNING, smtp_server.url) == counts(sent=1)

    [message] = smtp_server.messages
    assert message["To"] == "yes@example.com"
    assert message["Subject"] == "Urgent: Sam was told to get emergency help now (activity 42)"
    assert "Rhomboid told them to get emergency help now." in message.get_payload(decode=True).decode()
    [row] = store.outbox_rows(db)
    assert (row["status"], row["sent_at"], row["attempts"]) == ("sent", int(MORNING.timestamp()), 1)

    assert send_due(db, MORNING + timedelta(minutes=1), smtp_server.url) == counts()
    assert len(smtp_server.messages) == 1


def test_a_doctor_today_sign_reaches_the_coach_by_email_at_once_in_its_own_words(db, runners, smtp_server):
    coach_for(db, [SAM], email="pat@example.com")
    outbox.queue_alerts(db, SAM, 44, DOCTOR_TODAY, MORNING)
    assert send_due(db, MORNING, smtp_server.url) == counts(sent=1)
    [message] = smtp_server.messages
    body = message.get_payload(decode=True).decode()
    assert message["Subject"] == "Urgent: Sam was told to see a doctor today (activity 44)"
    assert "numbness, tingling or weakness" in body and "Rhomboid told them to see a doctor today." in body
    assert "emergency" not in body.lower() and "rhomboid.test/me" not in body


def test_webhook_and_slack_receive_json(db, runners, http_receiver):
    receiver = http_receiver()
    coach_for(db, [SAM], webhook_url=receiver.url + "/hook", slack_url=receiver.url + "/services/T/B/x")
    outbox.queue_alerts(db, SAM, 42, URGENT, MORNING)
    assert send_due(db, MORNING) == counts(sent=2)

    by_path = {r.path: r.body for r in receiver.received}
    hook = by_path["/hook"]
    assert (hook["level"], hook["subject"], hook["activity_id"]) == (
        "urgent", "Urgent: Sam was told to get emergency help now (activity 42)", 42
    )
    assert hook["runner"] == {"id": SAM, "firstname": "Sam"}
    assert hook["id"] == f"alert:{SAM}:42:1:webhook:urgent"
    assert "Rhomboid told them to get emergency help now." in hook["text"]
    assert hook["urgency"] == "emergency"
    assert "secret" not in json.dumps(hook)
    assert list(by_path["/services/T/B/x"]) == ["text"]
    assert "Urgent: Sam was told to get emergency help now" in by_path["/services/T/B/x"]["text"]


def test_a_500_is_retried_with_backoff_then_dead(db, runners, http_receiver):
    receiver = http_receiver(lambda received: Answer(500, {"error": "down"}))
    coach_for(db, [SAM], webhook_url=receiver.url + "/hook")
    outbox.queue_alerts(db, SAM, 42, URGENT, MORNING)

    t = MORNING
    assert send_due(db, t, max_attempts=3) == counts(retrying=1)
    [row] = store.outbox_rows(db)
    first_delay = row["next_attempt_at"] - int(t.timestamp())
    assert first_delay >= outbox.BACKOFF_BASE_S / 2
    assert (row["status"], row["attempts"]) == ("pending", 1)
    assert "HTTP 500" in row["last_error"]

    # not before the backoff is over
    assert send_due(db, t + timedelta(seconds=first_delay - 1), max_attempts=3) == counts()
    assert len(receiver.received) == 1

    t += timedelta(seconds=first_delay)
    assert send_due(db, t, max_attempts=3) == counts(retrying=1)
    [row] = store.outbox_rows(db)
    assert row["next_attempt_at"] - int(t.timestamp()) == 2 * first_delay  # exponential

    t = datetime.fromtimestamp(row["next_attempt_at"], timezone.utc)
    assert send_due(db, t, max_attempts=3) == counts(dead=1)
    [row] = store.outbox_rows(db)
    assert (row["status"], row["attempts"], row["sent_at"]) == ("dead", 3, None)
    assert row["last_error"].startswith("gave up after 3 attempts")
    assert len(receiver.received) == 3
    assert send_due(db, t + timedelta(days=1), max_attempts=3) == counts()


def test_jitter_spreads_retries(db, runners, http_receiver):
    receiver = http_receiver(lambda received: Answer(503, {}))
    coach_for(db, [SAM], webhook_url=receiver.url + "/hook")
    outbox.queue_alerts(db, SAM, 42, URGENT, MORNING)
    send_due(db, MORNING, rand=lambda: 0.999)
    [row] = store.outbox_rows(db)
    assert row["next_attempt_at"] - int(MORNING.timestamp()) == outbox.BACKOFF_BASE_S


def test_a_404_is_dead_at_once(db, runners, http_receiver):
    receiver = http_receiver(lambda received: Answer(404, {}))
    coach_for(db, [SAM], webhook_url=receiver.url + "/gone")
    outbox.queue_alerts(db, SAM, 42, URGENT, MORNING)
    assert send_due(db, MORNING) == counts(dead=1)
    [row] = store.outbox_rows(db)
    assert (row["status"], row["attempts"]) == ("dead", 1)
    assert "HTTP 404" in row["last_error"]
    assert send_due(db, MORNING + timedelta(hours=2)) == counts()
    assert len(receiver.received) == 1


def test_email_without_an_smtp_server_is_dead_with_a_clear_reason(db, runners):
    coach_for(db, [SAM], email="pat@example.com")
    outbox.queue_alerts(db, SAM, 42, URGENT, MORNING)
    assert send_due(db, MORNING, smtp_url=None) == counts(dead=1)
    assert "RHOMBOID_SMTP_URL" in store.outbox_rows(db)[0]["last_error"]


def test_revoking_before_sending_drops_the_alert(db, runners, smtp_server):
    coach = coach_for(db, [SAM], email="pat@example.com")
    outbox.queue_alerts(db, SAM, 43, PHYSIO, MORNING)
    store.revoke(db, SAM, coach["id"], now=MORNING + timedelta(hours=1))
    assert send_due(db, DIGEST_TIME, smtp_server.url) == counts()
    assert smtp_server.messages == []
    assert store.outbox_rows(db)[0]["status"] == "dead"


def test_a_sender_that_crashed_mid_send_is_retried_once_its_lease_ends(db, runners, smtp_server):
    coach_for(db, [SAM], email="pat@example.com")
    outbox.queue_alerts(db, SAM, 42, URGENT, MORNING)
    # another sender claimed the row and died before recording anything
    store.claim_outbox(db, now=MORNING, lease_s=outbox.LEASE_S, levels=("urgent",))

    assert send_due(db, MORNING + timedelta(seconds=10), smtp_server.url) == counts()
    assert smtp_server.messages == []
    after_lease = MORNING + timedelta(seconds=outbox.LEASE_S)
    assert send_due(db, after_lease, smtp_server.url) == counts(sent=1)
    assert len(smtp_server.messages) == 1
    assert store.outbox_rows(db)[0]["attempts"] == 2


# -- the daily digest ------------------------------------------------------------------


def test_non_urgent_alerts_wait_for_one_digest_and_urgent_ones_do_not(db, runners, smtp_server):
    coach_for(db, [SAM, ALEX], email="pat@example.com")
    outbox.queue_alerts(db, SAM, 43, PHYSIO, MORNING)
    outbox.queue_alerts(db, ALEX, 44, SORE_AFTER_SPIKE, MORNING + timedelta(hours=2))
    outbox.queue_alerts(db, SAM, 45, URGENT, MORNING + timedelta(hours=3))

    assert send_due(db, MORNING + timedelta(hours=3), smtp_server.url) == counts(sent=1)
    assert [m["Subject"] for m in smtp_server.messages] == [
        "Urgent: Sam was told to get emergency help now (activity 45)"
    ]
    # not before the digest hour
    assert send_due(db, DIGEST_TIME - timedelta(seconds=1), smtp_server.url) == counts()
    assert len(smtp_server.messages) == 1

    assert send_due(db, DIGEST_TIME, smtp_server.url) == counts(sent=1)
    assert len(smtp_server.messages) == 2
    digest = smtp_server.messages[1]
    assert digest["To"] == "pat@example.com"
    assert digest["Subject"] == "Rhomboid daily digest, 3 March: 2 updates on Sam and Alex"
    assert digest["X-Rhomboid-Level"] == "warning"
    parts = digest.get_payload()
    text = parts[0].get_payload(decode=True).decode().replace("\r\n", "\n")
    # each runner's chart rides along as a PNG, the same figure as on /me
    charts = [p for p in parts[1:] if p.get_content_type() == "image/png"]
    assert len(charts) == 2 and all(p.get_payload(decode=True).startswith(b"\x89PNG") for p in charts)
    assert "\nSam\n- Sam has upper-back soreness (7/10, 3 days running), noted on activity 43" in text
    assert "\nAlex\n- Alex reported upper-back soreness (4/10) after a run much longer" in text
    assert "Please see a physio or GP: sore on 3 runs in a row." in text
    assert "not medical advice" in text
    assert all(r["status"] == "sent" for r in store.outbox_rows(db))

    assert send_due(db, DIGEST_TIME + timedelta(hours=1), smtp_server.url) == counts()
    assert len(smtp_server.messages) == 2


def test_an_alert_after_the_digest_hour_waits_for_the_next_day(db, runners, smtp_server):
    coach_for(db, [SAM], email="pat@example.com")
    evening = DIGEST_TIME + timedelta(minutes=30)
    outbox.queue_alerts(db, SAM, 43, PHYSIO, evening)
    assert send_due(db, evening, smtp_server.url) == counts()
    assert send_due(db, DIGEST_TIME + timedelta(hours=23, minutes=59), smtp_server.url) == counts()
    assert send_due(db, DIGEST_TIME + timedelta(days=1), smtp_server.url) == counts(sent=1)
    assert smtp_server.messages[0]["Subject"] == "Rhomboid daily digest, 4 March: 1 update on Sam"


def test_digest_hour_is_a_parameter(db, runners, smtp_server):
    coach_for(db, [SAM], email="pat@example.com")
    outbox.queue_alerts(db, SAM, 43, PHYSIO, MORNING)
    assert send_due(db, MORNING + timedelta(hours=1), smtp_server.url, digest_hour=10) == counts()
    assert send_due(db, MORNING + timedelta(hours=2), smtp_server.url, digest_hour=10) == counts(sent=1)


def test_a_digest_goes_per_channel_as_one_webhook_post(db, runners, http_receiver, smtp_server):
    receiver = http_receiver()
    coach_for(db, [SAM], email="pat@example.com", webhook_url=receiver.url + "/hook")
    outbox.queue_alerts(db, SAM, 43, PHYSIO, MORNING)
    outbox.queue_alerts(db, SAM, 44, SORE_AFTER_SPIKE, MORNING + timedelta(hours=1))
    assert send_due(db, DIGEST_TIME, smtp_server.url) == counts(sent=2)

    assert len(smtp_server.messages) == 1
    [posted] = receiver.received
    body = posted.body
    assert (body["kind"], body["level"], body["date"]) == ("digest", "warning", "2025-03-03")
    assert [(i["activity_id"], i["level"]) for i in body["items"]] == [(43, "warning"), (44, "info")]
    assert body["id"].endswith(":webhook:2025-03-03")


def test_a_failing_digest_is_retried_as_one_message(db, runners, http_receiver):
    answers = iter([Answer(500, {}), Answer(200, {})])
    receiver = http_receiver(lambda received: next(answers))
    coach_for(db, [SAM, ALEX], webhook_url=receiver.url + "/hook")
    outbox.queue_alerts(db, SAM, 43, PHYSIO, MORNING)
    outbox.queue_alerts(db, ALEX, 44, SORE_AFTER_SPIKE, MORNING)

    assert send_due(db, DIGEST_TIME) == counts(retrying=1)
    retry_at = {r["next_attempt_at"] for r in store.outbox_rows(db)}
    assert len(retry_at) == 1
    assert send_due(db, datetime.fromtimestamp(retry_at.pop(), timezone.utc)) == counts(sent=1)
    assert [len(r.body["items"]) for r in receiver.received] == [2, 2]
