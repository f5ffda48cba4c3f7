"""Coach alerts as a coach would meet them: the digest at their own hour in
their own time zone, the quiet period, repeated soreness without a spike,
signed webhooks, and never a runner's own words in an urgent alert."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from insights.activities import activity_from_strava
from webhook import outbox, store

SAM = 2001
NIGHT = datetime(2026, 11, 16, 9, 0, tzinfo=timezone.utc)  # 22:00 in Auckland (NZDT, UTC+13)
TOKENS = {"access_token": "a", "refresh_token": "r", "expires_at": 2_000_000_000}
SORE_AFTER_SPIKE = {
    "advice": ["reduce_load"], "flags": ["long_run_spike"],
    "soreness": {"reported": True, "severity": 4, "days_running": 1, "red_flags": []},
    "text": "This run: 16.0 km, 33% longer than your longest of the last 30 days.\nNot medical advice.",
}
SORE_NO_SPIKE = {**SORE_AFTER_SPIKE, "flags": [], "advice": ["form"], "text": "Upper back sore today (3/10)."}


@pytest.fixture
def sam(db, cipher):
    store.save_athlete(db, {"id": SAM, "firstname": "Sam"}, TOKENS, "read", cipher, now=NIGHT)


def coach(db, **settings):
    found = store.add_coach(db, "Aroha Ngata", email="aroha@example.com", now=NIGHT)
    store.invite_coach(db, SAM, found["id"], NIGHT)
    store.consent(db, SAM, found["id"], NIGHT)
    if settings:
        store.update_settings(db, found["id"], email="aroha@example.com", webhook_url=settings.get("webhook_url"),
                              slack_url=None, timezone=settings.get("timezone", "UTC"),
                              digest_hour=settings.get("digest_hour", 18), quiet_hours=settings.get("quiet_hours", 0))
    return store.get_coach(db, found["id"])


def run(db, activity_id: int, day: date, title: str) -> None:
    activity = activity_from_strava({
        "id": activity_id, "athlete": {"id": SAM}, "name": title, "sport_type": "Run", "type": "Run",
        "start_date_local": f"{day.isoformat()}T07:00:00Z", "start_date": f"{day.isoformat()}T07:00:00Z",
        "distance": 8000.0, "moving_time": 2800, "elapsed_time": 2900,
    })
    store.upsert_activity(db, SAM, activity, None, fetched_at=NIGHT)
    store.record_activity_soreness(db, SAM, activity, NIGHT)


def send(db, now, smtp_url=None):
    return outbox.send_due(db, now, smtp_url, "alerts@rhomboid.test", rand=lambda: 0.0)


def test_the_digest_goes_at_the_coachs_hour_in_their_time_zone(db, sam, smtp_server):
    coach(db, timezone="Pacific/Auckland", digest_hour=7)
    run(db, 11, date(2026, 11, 16), "Long run #upperback 4")
    outbox.queue_alerts(db, SAM, 11, SORE_AFTER_SPIKE, NIGHT)
    seven_am_auckland = datetime(2026, 11, 16, 18, 0, tzinfo=timezone.utc)
    assert send(db, seven_am_auckland - timedelta(minutes=1), smtp_server.url)["sent"] == 0
    assert send(db, seven_am_auckland, smtp_server.url)["sent"] == 1
    [digest] = smtp_server.messages
    assert digest["Subject"].startswith("Rhomboid daily digest, 17 November")  # the coach's own date


def test_soreness_on_three_of_seven_days_reaches_the_digest_without_a_spike(db, sam):
    coach(db)
    for number, day in enumerate((date(2026, 11, 12), date(2026, 11, 14)), 1):
        run(db, number, day, "Easy #upperback 3")
        assert outbox.queue_alerts(db, SAM, number, SORE_NO_SPIKE, NIGHT) == []  # one or two days: nothing yet
    run(db, 3, date(2026, 11, 16), "Easy #upperback 3")
    alerts = outbox.queue_alerts(db, SAM, 3, SORE_NO_SPIKE, NIGHT)
    assert alerts == [{"to": "aroha@example.com", "channel": "email", "level": "info"}]
    [row] = store.outbox_rows(db)
    assert "on 3 of the last 7 days" in row["payload"]["summary"]
    # an explicit "fine" today is not a reason to write to the coach
    run(db, 4, date(2026, 11, 17), "Easy #upperback 0")
    assert outbox.queue_alerts(db, SAM, 4, {**SORE_NO_SPIKE, "soreness": {"reported": False}}, NIGHT) == []


def test_the_quiet_period_leaves_out_a_repeat_about_the_same_runner(db, sam, smtp_server):
    coach(db, quiet_hours=48)
    run(db, 21, date(2026, 11, 16), "Long run #upperback 4")
    outbox.queue_alerts(db, SAM, 21, SORE_AFTER_SPIKE, NIGHT)
    first_digest = datetime(2026, 11, 16, 18, 0, tzinfo=timezone.utc)
    assert send(db, first_digest, smtp_server.url)["sent"] == 1
    run(db, 22, date(2026, 11, 17), "Long run again #upperback 4")
    outbox.queue_alerts(db, SAM, 22, SORE_AFTER_SPIKE, first_digest + timedelta(hours=1))
    counts = send(db, first_digest + timedelta(days=1), smtp_server.url)
    assert counts["sent"] == 0 and counts["quiet"] == 1
    assert len(smtp_server.messages) == 1
    # after the quiet period the coach hears again
    run(db, 23, date(2026, 11, 19), "Long run #upperback 5")
    outbox.queue_alerts(db, SAM, 23, SORE_AFTER_SPIKE, first_digest + timedelta(days=2, hours=1))
    assert send(db, first_digest + timedelta(days=3), smtp_server.url)["sent"] == 1


class Receiver:
    """A coach's webhook endpoint that keeps the raw body and headers."""

    def __init__(self) -> None:
        self.received: list[tuple[dict, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/rhomboid"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_webhooks_are_signed_per_standard_webhooks(db, sam):
    receiver = Receiver()
    try:
        found = coach(db, webhook_url=receiver.url)
        run(db, 31, date(2026, 11, 16), "Shakeout")
        urgent = {"advice": ["urgent_care"], "flags": [],
                  "soreness": {"reported": True, "severity": 6, "days_running": 1, "red_flags": ["chest_pain"]},
                  "text": "You mentioned: crushing pain behind my breastbone. Get emergency help now."}
        outbox.queue_alerts(db, SAM, 31, urgent, NIGHT)
        assert send(db, NIGHT)["sent"] == 1  # the webhook (no SMTP server here: the e-mail is dead)
    finally:
        receiver.server.shutdown()
    [(headers, body)] = receiver.received
    assert {"webhook-id", "webhook-timestamp", "webhook-signature"} <= set(headers)
    assert headers["webhook-id"] == f"alert:{SAM}:31:{found['id']}:webhook:urgent"
    # the coach verifies with the secret shown in their settings, through the reference library
    payload = Webhook(found["signing_secret"]).verify(body, headers)
    assert payload["level"] == "urgent"
    assert "chest pain" in payload["summary"]  # the kind of warning sign
    assert "breastbone" not in body.decode()  # never the words
    tampered = body.replace(b"urgent", b"info!!")
    with pytest.raises(WebhookVerificationError):
        Webhook(found["signing_secret"]).verify(tampered, headers)
