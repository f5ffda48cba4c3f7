"""Replay recorded webhook fixtures against the local Strava emulator.

In-process (the default): the emulator serves the fixture over real HTTP,
the app receives each event through its real endpoint, and the worker
processes it at once, with the clock set to the event's ``event_time``. The
athlete is connected (with the backfill) just before the first event;
updates, deletes and deauthorizations are applied to the emulated Strava
before the event is delivered, as on Strava the change comes first.

Each event gives one result line in the shape the design pins for
``rhomboid replay --json``.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from connector import oauth
from connector.emulator import EmulatorServer
from connector.fixtures import Fixture, load_fixture
from webhook import create_app, inbox, store
from webhook.config import Config, load_config
from webhook.connect import connect_athlete, try_backfill
from webhook.db import migrate, open_db
from webhook.services import Services
from webhook.worker import Worker

log = logging.getLogger(__name__)

CLIENT_ID = "1"
CLIENT_SECRET = "rhomboid-replay-secret"
WEBHOOK_SECRET = "replay-webhook"
VERIFY_TOKEN = "replay-verify"
SCOPES = ("read", "activity:read_all", "activity:write")


class Clock:
    """The replay's clock: the current event's time (aware UTC)."""

    def __init__(self) -> None:
        self.now = datetime(2020, 1, 1, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def replay_config(db_path: str, strava_url: str) -> Config:
    """Settings for an in-process replay: the emulator as Strava, no mail, few retries."""
    return load_config({
        "STRAVA_CLIENT_ID": CLIENT_ID,
        "STRAVA_CLIENT_SECRET": CLIENT_SECRET,
        "RHOMBOID_VERIFY_TOKEN": VERIFY_TOKEN,
        "RHOMBOID_SECRET_KEY": "replay-secret-key-not-for-production",
        "RHOMBOID_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "RHOMBOID_DB": db_path,
        "RHOMBOID_STRAVA_URL": strava_url,
        "RHOMBOID_MAX_ATTEMPTS": "3",
    }, dotenv=None)


def event_summary(event: dict) -> dict:
    return {k: event.get(k) for k in ("object_type", "aspect_type", "object_id", "owner_id")}


@dataclass
class Line:
    """One replayed event, as printed by ``replay --json``."""

    event: dict
    outcome: str
    reason: str | None
    activity_id: int | None
    description: str | None
    note: dict | None
    alerts: list[dict]

    def as_json(self) -> dict:
        return {
            "event": event_summary(self.event),
            "outcome": self.outcome,
            "reason": self.reason,
            "activity_id": self.activity_id,
            "description": self.description,
            "note": self.note,
            "alerts": self.alerts,
        }


class Replayer:
    """An emulator, an app and a worker sharing one database and one clock."""

    def __init__(self, db_path: str | None = None) -> None:
        self._tmp = None
        if db_path is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="rhomboid-replay-")
            db_path = str(Path(self._tmp.name) / "replay.db")
        self.clock = Clock()
        self.emulator = EmulatorServer(client_id=CLIENT_ID, client_secret=CLIENT_SECRET).start()
        # replay is about notes, not rate limits: an effectively unlimited budget
        self.emulator.state.rates.configure(short=10**6, long=10**7, read_short=10**6, read_long=10**7)
        # nothing to survive a power cut for: the events come from files
        self.services = Services(replay_config(db_path, self.emulator.url), clock=self.clock, durable_acks=False)
        db = open_db(db_path)
        migrate(db)
        db.close()
        self.app = create_app(self.services)
        self.client = self.app.test_client()
        self.worker = Worker(self.services)
        self.worker.acquire()

    def close(self) -> None:
        self.worker.stop()
        self.services.close()
        self.emulator.stop()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> "Replayer":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- one fixture --------------------------------------------------------

    def replay(self, fixture: Fixture | str | Path) -> Iterator[Line]:
        """Replay one fixture, yielding a line per event as it is processed."""
        if not isinstance(fixture, Fixture):
            fixture = load_fixture(fixture)
        state = self.emulator.state
        state.reset()
        state.rates.configure(short=10**6, long=10**7, read_short=10**6, read_long=10**7, reset_usage=True)
        state.load_fixture(fixture)
        if not fixture.events:
            return
        first = fixture.events[0]
        subscription_id = next((e.get("subscription_id") for e in fixture.events if e.get("subscription_id")), None)
        state.set_subscription(subscription_id, f"{self.services.config.webhook_url}", VERIFY_TOKEN)
        self.connect(fixture, int(first["event_time"]) - 60, subscription_id)
        for event in fixture.events:
            yield self._deliver(event)

    def set_clock(self, epoch: int) -> None:
        self.clock.now = datetime.fromtimestamp(epoch, timezone.utc)
        self.emulator.state.clock.set(epoch)

    def connect(self, fixture: Fixture, at: int, subscription_id: int | None) -> None:
        self.set_clock(at)
        db = self.services.db()
        try:
            store.delete_athlete(db, fixture.athlete_id)  # a clean start for this runner
            if subscription_id is not None:
                store.remember_subscription(db, subscription_id, self.services.config.webhook_url, now=at)
            else:
                store.forget_subscription(db)
            code = self.emulator.state.authorize(fixture.athlete_id, SCOPES)
            grant = oauth.exchange_code(CLIENT_ID, CLIENT_SECRET, code, ",".join(SCOPES), self.emulator.url)
            connect_athlete(self.services, db, grant, self.clock())
            try_backfill(self.services, db, fixture.athlete_id, self.clock())
            self._add_coaches(db, fixture)
        finally:
            db.close()

    def _add_coaches(self, db, fixture: Fixture) -> None:
        if not fixture.coaches:
            return
        from webhook.store import coaches

        now = self.clock()
        for coach in fixture.coaches:
            coach_id = coaches.add_coach(
                db, coach.get("name") or "Coach", email=coach.get("email"),
                webhook_url=coach.get("webhook_url"), slack_url=coach.get("slack_url"), now=now,
            )["id"]
            coaches.invite_coach(db, fixture.athlete_id, coach_id, now=now)
            if coach.get("consented"):
                coaches.consent(db, fixture.athlete_id, coach_id, now=now)

    def _deliver(self, event: dict) -> Line:
        state = self.emulator.state
        self.set_clock(int(event["event_time"]))
        body = state.event_body(event)
        state.apply_event(body)
        response = self.client.post(f"/strava/webhook/{WEBHOOK_SECRET}", json=body)
        answer = response.get_json(silent=True) or {}
        activity_id = int(body["object_id"]) if body.get("object_type") == "activity" else None
        if response.status_code != 200:
            return self._line(body, "error", answer.get("error") or f"HTTP {response.status_code}", activity_id)
        if answer.get("status") == "duplicate":
            return self._line(body, "ignored", "duplicate", activity_id)
        if answer.get("status") == "ignored":
            return self._line(body, "ignored", answer.get("reason"), activity_id)
        result = None
        while True:
            handled = self.worker.process_next()
            if handled is None:
                break
            handled_event, outcome = handled
            if handled_event["id"] == answer.get("id"):
                result = outcome
        if result is None:
            db = self.services.db()
            try:
                row = inbox.get_event(db, answer["id"])
            finally:
                db.close()
            reason = (row or {}).get("last_error") or (row or {}).get("reason") or "not processed"
            return self._line(body, "error", reason, activity_id)
        return self._line(body, result.outcome, result.reason, result.activity_id or activity_id,
                          note=result.note, alerts=result.alerts)

    def _line(self, event: dict, outcome: str, reason: str | None, activity_id: int | None,
              note: dict | None = None, alerts: list | None = None) -> Line:
        description = None
        if activity_id is not None:
            current = self.emulator.state.get_activity(activity_id)
            description = (current or {}).get("description") if current else None
        return Line(event, outcome, reason, activity_id, description, note, alerts or [])


def replay_paths(paths: list[str], db_path: str | None = None,
                 on_line: Callable[[Fixture, Line], None] | None = None) -> list[Line]:
    """Replay fixtures in order in one process; returns every line."""
    fixtures = [load_fixture(p) for p in paths]  # a broken fixture fails before anything runs
    lines: list[Line] = []
    with Replayer(db_path) as replayer:
        for fixture in fixtures:
            for line in replayer.replay(fixture):
                lines.append(line)
                if on_line:
                    on_line(fixture, line)
    return lines
