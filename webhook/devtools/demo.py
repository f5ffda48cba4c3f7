"""``rhomboid demo``: the whole product over real HTTP on loopback, in one command.

A Strava emulator, the web app (waitress) and the worker start with a
temporary database; the push subscription is created through the real
handshake; a sample runner connects through the real OAuth pages (the
backfill reads six weeks of history); then a week of new runs arrives as
webhook events, and each note is printed as it lands on the runner's
activity, with every coach alert.
"""

from __future__ import annotations

import json
import logging
import socket
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin

import requests
import waitress

from connector import sample
from connector.emulator import EmulatorServer
from connector.emulator.browser import AuthorizeForm
from insights.block import split_block
from webhook import create_app, inbox, store
from webhook.config import Config, load_config
from webhook.db import migrate, open_db
from webhook.services import Services
from webhook.worker import Worker

CLIENT_ID = "1"
CLIENT_SECRET = "rhomboid-demo-secret"
NOTE_TIMEOUT_S = 20
DIGEST_HOUR = 18  # webhook.outbox's default


class CoachInbox:
    """A coach's webhook endpoint on loopback that records what arrives."""

    def __init__(self) -> None:
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                received.append(json.loads(body or b"{}"))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/rhomboid"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _listen(host: str = "127.0.0.1", port: int = 0) -> tuple[socket.socket, str]:
    """Bind first, so the app's base URL (and webhook callback) is known before it starts."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    return sock, f"http://{host}:{sock.getsockname()[1]}"


def _serve(app, sock: socket.socket):
    server = waitress.create_server(app, sockets=[sock], threads=4, ident="rhomboid")

    def run() -> None:
        try:
            server.run()
        except OSError:  # its sockets closed under its loop when the demo ends: nothing to report
            if sock.fileno() != -1:
                raise

    threading.Thread(target=run, name="demo-app", daemon=True).start()
    return server


def connect_through_oauth(app_url: str, athlete_id: int | None = None) -> requests.Response:
    """Click "Connect with Strava", then "Authorize" on the emulator's page
    (as ``athlete_id`` when the emulator holds several athletes)."""
    with requests.Session() as browser:
        page = browser.get(f"{app_url}/auth/strava", timeout=10)
        page.raise_for_status()
        form = AuthorizeForm()
        form.feed(page.text)
        fields = form.fields + [("decision", "authorize")]
        if athlete_id is not None:
            fields = [f for f in fields if f[0] != "athlete_id"] + [("athlete_id", str(athlete_id))]
        return browser.post(urljoin(page.url, form.action), data=fields, timeout=30)


def run_demo(echo: Callable[[str], None] = print, serve: bool = False, port: int = 8700,
             now: datetime | None = None, stop: threading.Event | None = None) -> dict:
    """Run the demo as of ``now`` (default: the real time); return counts of what happened.

    The emulated Strava, the app and the worker share one clock that starts at
    ``now`` and ticks, so a test that passes a fixed ``now`` sees the same
    history, the same notes and the same digest on any day. With ``serve``
    the pages stay up until Ctrl-C (or ``stop`` is set), and three lines give
    a link each: ``runner:``, ``coach:`` and ``check-in:``.
    """
    logging.getLogger("waitress").setLevel(logging.ERROR)
    tmp = tempfile.TemporaryDirectory(prefix="rhomboid-demo-")
    db_path = str(Path(tmp.name) / "demo.db")
    coach = CoachInbox()
    emulator = EmulatorServer(client_id=CLIENT_ID, client_secret=CLIENT_SECRET).start()
    emulator.state.clock.set(now or datetime.now(timezone.utc), ticking=True)

    def clock() -> datetime:
        return datetime.fromtimestamp(emulator.state.clock.now(), timezone.utc)

    today = clock().date()
    emulator.state.put_athlete(sample.ATHLETE)
    for activity in sample.sample_history(today):
        emulator.state.put_activity(activity)

    db = open_db(db_path)
    migrate(db)
    db.close()
    holder: dict = {}
    app_server = None
    try:
        sock, app_url = _listen(port=port if serve else 0)
        services = Services(_config(db_path, emulator.url, app_url), clock=clock)
        app_server = _serve(create_app(services), sock)
        worker = Worker(services).start()
        holder["worker"] = worker
        echo(f"Strava emulator  {emulator.url}")
        echo(f"Rhomboid         {app_url}   (database {db_path})")

        sub_id = services.strava.create_subscription(services.config.webhook_url, services.config.verify_token)
        _remember_subscription(services, sub_id)
        echo(f"Push subscription {sub_id} created: Strava's handshake reached {services.config.webhook_url}")

        landed = connect_through_oauth(app_url)
        stored = _count(services, "SELECT count(*) FROM activities")
        echo(f"{sample.ATHLETE['firstname']} connected through the OAuth pages "
             f"({landed.status_code} at {landed.url.split('?')[0]}); backfill stored {stored} activities "
             f"from the last six weeks.")
        _add_coach(services, coach.url)
        echo(f"{sample.COACH['name']} was invited and {sample.ATHLETE['firstname']} consented to share alerts.\n")

        counts = {"events": 0, "noted": 0, "skipped": 0, "alerts": 0}
        for activity in sample.sample_new_week(today):
            emulator.state.put_activity(activity)
            event = {"object_type": "activity", "aspect_type": "create", "object_id": activity["id"],
                     "owner_id": sample.ATHLETE_ID, "event_time": int(clock().timestamp())}
            delivery = emulator.state.deliver(event)
            counts["events"] += 1
            row = _wait_processed(services, event)
            description = (emulator.state.get_activity(activity["id"]) or {}).get("description") or ""
            own, block = split_block(description)
            km = activity["distance"] / 1000
            echo(f"── {activity['start_date_local'][:10]}  {activity['name']} ({km:.1f} km) "
                 f"— webhook {'delivered' if delivery.get('delivered') else 'NOT delivered'}, "
                 f"{row['outcome'] if row else 'still queued'}")
            if block:
                counts["noted"] += 1
                echo(description)
            else:
                counts["skipped"] += 1
                echo(f"   no note: {row['reason'] if row else 'not processed in time'}")
            before = len(coach.received)
            worker.send_alerts()
            for alert in coach.received[before:]:
                counts["alerts"] += 1
                echo(f"   → coach alert ({alert.get('level')}): {alert.get('subject')}")
            echo("")
        digest = _flush_digest(services, coach)
        for alert in digest:
            counts["alerts"] += 1
            echo(f"→ daily digest to the coach (due at {DIGEST_HOUR}:00 UTC, sent now for the demo): "
                 f"{alert.get('subject')}")
        echo(f"Done: {counts['events']} webhook events, {counts['noted']} notes written, "
             f"{counts['skipped']} skipped, {counts['alerts']} coach alert(s) sent.")
        if serve:
            runner_url, coach_url, checkin_url = _page_links(services, app_url, emulator)
            echo(f"\nPages (Ctrl-C to stop; the emulated Strava is at {emulator.url}/_admin/state):")
            echo(f"runner: {runner_url}")
            echo(f"coach: {coach_url}")
            echo(f"check-in: {checkin_url}")
            stop = stop or threading.Event()
            try:
                while not stop.wait(1):
                    pass
            except KeyboardInterrupt:
                pass
        return counts
    finally:
        if "worker" in holder:
            holder["worker"].stop()
        if app_server is not None:
            app_server.close()
        emulator.stop()
        coach.close()
        tmp.cleanup()


def _config(db_path: str, strava_url: str, base_url: str) -> Config:
    """The demo's settings: the emulator as Strava, the app on its loopback port."""
    return load_config({
        "STRAVA_CLIENT_ID": CLIENT_ID,
        "STRAVA_CLIENT_SECRET": CLIENT_SECRET,
        "RHOMBOID_VERIFY_TOKEN": "demo-verify-token",
        "RHOMBOID_SECRET_KEY": "demo-secret-key-not-for-production",
        "RHOMBOID_WEBHOOK_SECRET": "demo-webhook-path",
        "RHOMBOID_BASE_URL": base_url,
        "RHOMBOID_DB": db_path,
        "RHOMBOID_STRAVA_URL": strava_url,
        "RHOMBOID_MAX_ATTEMPTS": "5",
    }, dotenv=None)


def _remember_subscription(services: Services, sub_id: int) -> None:
    db = services.db()
    try:
        store.remember_subscription(db, sub_id, services.config.webhook_url, now=services.clock())
    finally:
        db.close()


def _count(services: Services, sql: str) -> int:
    db = services.db()
    try:
        return db.execute(sql).fetchone()[0]
    finally:
        db.close()


def _add_coach(services: Services, webhook_url: str) -> None:
    from webhook.store import coaches

    db = services.db()
    try:
        now = services.clock()
        coach_id = coaches.add_coach(db, sample.COACH["name"], email=None, webhook_url=webhook_url, now=now)["id"]
        token = coaches.invite_coach(db, sample.ATHLETE_ID, coach_id, now=now)
        store.accept_invitation(db, token, now)  # as if the coach had followed the invitation e-mail
    finally:
        db.close()


def _page_links(services: Services, app_url: str, emulator) -> tuple[str, str, str]:
    """Links ready to open: the runner's sign-in (one click on the emulated
    Strava's Authorize), the coach's one-time sign-in, and a check-in."""
    import re

    from webhook import links
    from webhook.coach_access import sign_in_url

    db = services.db()
    try:
        now = services.clock()
        coach_id = db.execute("SELECT coach_id FROM coach_links WHERE athlete_id = ?", [sample.ATHLETE_ID]).fetchone()[0]
        coach_url = sign_in_url(services.config, db, coach_id, now)
    finally:
        db.close()
    checkin_url = None
    for activity in sample.sample_new_week(now.date()):
        found = re.search(r"How is your upper back\? (\S+)", emulator.state.get_activity(activity["id"])["description"] or "")
        if found:
            checkin_url = found.group(1)
            break
    if checkin_url is None:  # no note asked: a check-in for the latest run all the same
        latest = sample.sample_new_week(now.date())[-1]["id"]
        config = services.config
        checkin_url = links.checkin_url(config.base_url, config.secret_key, sample.ATHLETE_ID, latest, now)
    return f"{app_url}/auth/strava?next=/me", coach_url, checkin_url


def _wait_processed(services: Services, event: dict) -> dict | None:
    deadline = time.monotonic() + NOTE_TIMEOUT_S
    while time.monotonic() < deadline:
        db = services.db()
        try:
            rows = [r for r in inbox.list_events(db, limit=20) if r["object_id"] == event["object_id"]]
        finally:
            db.close()
        if rows and rows[0]["status"] in ("done", "ignored", "dead"):
            return rows[0]
        time.sleep(0.05)
    return None


def _flush_digest(services: Services, coach: CoachInbox) -> list[dict]:
    """Send the day's digest now rather than at the digest hour, so the demo shows it."""
    from webhook import outbox

    before = len(coach.received)
    db = services.db()
    try:
        # as if the digest hour had come: the next digest (today's, or
        # tomorrow's if today's has gone out) is sent now
        now = services.clock()
        due = now.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
        if due <= now:
            due += timedelta(days=1)
        outbox.send_due(db, due, None, services.config.mail_from, digest_hour=DIGEST_HOUR)
    finally:
        db.close()
    return coach.received[before:]
