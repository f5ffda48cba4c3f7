"""End-to-end fixtures: the Strava emulator and ``rhomboid serve`` as real processes.

The datasette pattern: each server runs in a subprocess on a free loopback
port, the fixture waits until it answers, and teardown terminates it (and
kills it if it will not go). Tests talk to both over real HTTP only; the
database file is read directly, never through our code, to check what a
process left behind.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urljoin

import pytest
import requests

from connector.emulator.browser import AuthorizeForm

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "connector" / "data" / "sample"

CLIENT_ID = "424242"
CLIENT_SECRET = "e2e-client-secret"
WEBHOOK_SECRET = "e2e-webhook-path-7f3a"
VERIFY_TOKEN = "e2e-verify-token"
SECRET_KEY = "e2e-secret-key-0123456789abcdef"
ATHLETE_ID = 31415926
SUBSCRIPTION_ID = 777001

BLOCK_START = "── Rhomboid ──"  # insights.block's delimiters, spelled out: a test must
BLOCK_END = "── end Rhomboid ──"  # fail if what lands on Strava changes shape

START_TIMEOUT_S = 20
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """The parent environment without a developer's Strava or Rhomboid settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRAVA_", "RHOMBOID_"))}
    env["PYTHONUNBUFFERED"] = "1"
    env["SILENCE_TOKEN_WARNINGS"] = "true"
    env.update(extra)
    return env


def wait_until(check: Callable[[], Any], timeout_s: float, interval_s: float = 0.05, what: str = "condition"):
    """Poll ``check`` until it returns something truthy; fail the test after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval_s)
    pytest.fail(f"timed out after {timeout_s}s waiting for {what} (last: {last!r})")


class Process:
    """A server subprocess whose output goes to files (a full pipe would stall it)."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.name = name
        self.args = args
        self.env = env
        self.cwd = cwd
        self.log_path = cwd / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def spawn(self) -> "Process":
        log = open(self.log_path, "ab")
        self.popen = subprocess.Popen(self.args, env=self.env, cwd=self.cwd, stdout=log, stderr=log)
        log.close()
        return self

    def start(self, health_url: str) -> "Process":
        """Spawn, then wait until ``health_url`` answers 200."""
        self.spawn()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.popen.returncode}:\n{self.log()}")
            try:
                if requests.get(health_url, timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        self.terminate()
        raise RuntimeError(f"{self.name} did not answer {health_url} within {START_TIMEOUT_S}s:\n{self.log()}")

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill9(self) -> None:
        assert self.popen is not None
        os.kill(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def terminate(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        self.popen.terminate()
        try:
            self.popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(timeout=5)

    def log(self, tail: int | None = 6000) -> str:
        """What the process wrote to stdout and stderr (the last ``tail`` characters)."""
        try:
            return self.log_path.read_text(errors="replace")[-tail if tail else 0:]
        except FileNotFoundError:
            return ""


# -- the Strava world ----------------------------------------------------------


def sample_athlete() -> dict:
    return json.loads((SAMPLE / "athlete.json").read_text())


_TEMPLATE = json.loads((SAMPLE / "activities" / "11003000101.json").read_text())


def make_activity(activity_id: int, start: datetime, *, km: float = 6.0, name: str = "Morning Run",
                  description: str = "", owner_id: int = ATHLETE_ID) -> dict:
    """A DetailedActivity in Strava's shape (the sample fixture's, with new numbers)."""
    activity = copy.deepcopy(_TEMPLATE)
    pace_s_per_km = 370
    local = start.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    activity.update(
        id=activity_id,
        athlete={"id": owner_id, "resource_state": 1},
        name=name,
        description=description,
        distance=km * 1000.0,
        moving_time=int(km * pace_s_per_km),
        elapsed_time=int(km * pace_s_per_km) + 40,
        start_date=start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        start_date_local=local,
        average_speed=round(1000 / pace_s_per_km, 3),
        upload_id=activity_id + 1,
        upload_id_str=str(activity_id + 1),
        external_id=f"e2e_{activity_id}",
    )
    activity["map"] = dict(activity["map"], id=f"a{activity_id}")
    return activity


def history(now: datetime, days: int = 42, first_id: int = 9_100_000_000) -> list[dict]:
    """Easy runs every other day for ``days`` days before ``now``: the backfill's baseline."""
    runs = []
    for n, day in enumerate(range(days, 0, -2)):
        start = (now - timedelta(days=day)).replace(hour=7, minute=0, second=0, microsecond=0)
        runs.append(make_activity(first_id + n, start, km=6.0 + (n % 3)))
    return runs


class Emulator:
    """``rhomboid emulator serve`` in a subprocess, driven through its admin API."""

    def __init__(self, tmp: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.http = requests.Session()
        self.http.trust_env = False
        self.process = Process(
            "emulator",
            [PYTHON, "-m", "webhook.cli", "emulator", "serve", "--port", str(self.port),
             "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET, "--quiet"],
            clean_env(), tmp,
        )

    def start(self) -> "Emulator":
        self.process.start(f"{self.url}/_admin/state")
        return self

    def stop(self) -> None:
        self.http.close()
        self.process.terminate()

    def admin(self, method: str, path: str, body: Any = None, expect: int | tuple = (200, 201)) -> Any:
        answer = self.http.request(method, f"{self.url}/_admin/{path}", json=body, timeout=30)
        expected = (expect,) if isinstance(expect, int) else expect
        assert answer.status_code in expected, f"{method} /_admin/{path}: {answer.status_code} {answer.text}"
        return answer.json()

    def reset(self, athlete: dict | None = None, activities: list[dict] = ()) -> None:
        """A fresh world: one athlete, their activities, no subscription, limits out of the way."""
        self.admin("POST", "reset")
        self.admin("POST", "fixtures", {"athlete": athlete or sample_athlete(), "activities": list(activities)})
        # the e2e suite is about delivery and notes, not the rate budget
        self.admin("POST", "rate_limits", {"short": 10**6, "long": 10**7, "read_short": 10**6,
                                           "read_long": 10**7, "reset_usage": True})

    def put_activity(self, activity: dict) -> dict:
        return self.admin("PUT", f"activities/{activity['id']}", activity)

    def put_activities(self, activities: list[dict], athlete: dict | None = None) -> None:
        self.admin("POST", "fixtures", {"athlete": athlete or sample_athlete(), "activities": activities})

    def activity(self, activity_id: int) -> dict | None:
        answer = self.http.get(f"{self.url}/_admin/activities/{activity_id}", timeout=10)
        if answer.status_code == 404:
            return None
        answer.raise_for_status()
        return answer.json()

    def description(self, activity_id: int) -> str:
        return (self.activity(activity_id) or {}).get("description") or ""

    def subscribe(self, callback_url: str, subscription_id: int = SUBSCRIPTION_ID) -> dict:
        """Adopt a subscription without the handshake (the handshake has its own test)."""
        return self.admin("PUT", "subscription", {"id": subscription_id, "callback_url": callback_url,
                                                  "verify_token": VERIFY_TOKEN})

    def deliver(self, event: dict, **options: Any) -> dict:
        """Strava's delivery: POST to the subscription's callback, up to 3 attempts."""
        return self.admin("POST", "deliver", {"event": event, **options})


def activity_event(activity_id: int, aspect: str = "create", *, updates: dict | None = None,
                   event_time: int | None = None, owner_id: int = ATHLETE_ID) -> dict:
    return {"object_type": "activity", "object_id": activity_id, "aspect_type": aspect,
            "owner_id": owner_id, "updates": updates or {},
            "event_time": event_time if event_time is not None else int(time.time())}


# -- Rhomboid ------------------------------------------------------------------


class App:
    """``rhomboid serve`` (waitress, embedded worker) in a subprocess, with its own database."""

    def __init__(self, tmp: Path, emulator: Emulator, *, subscription_id: int | None = SUBSCRIPTION_ID,
                 worker: bool = True, threads: int | None = None) -> None:
        self.tmp = tmp
        self.emulator = emulator
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_path = tmp / "rhomboid.db"
        self.webhook_url = f"{self.url}/strava/webhook/{WEBHOOK_SECRET}"
        settings = dict(
            STRAVA_CLIENT_ID=CLIENT_ID, STRAVA_CLIENT_SECRET=CLIENT_SECRET,
            RHOMBOID_STRAVA_URL=emulator.url, RHOMBOID_BASE_URL=self.url, RHOMBOID_DB=str(self.db_path),
            RHOMBOID_WEBHOOK_SECRET=WEBHOOK_SECRET, RHOMBOID_VERIFY_TOKEN=VERIFY_TOKEN,
            RHOMBOID_SECRET_KEY=SECRET_KEY,
        )
        if subscription_id is not None:
            settings["RHOMBOID_SUBSCRIPTION_ID"] = str(subscription_id)
        self.env = clean_env(**settings)
        args = [PYTHON, "-m", "webhook.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if not worker:
            args.append("--no-worker")
        if threads is not None:
            args += ["--threads", str(threads)]
        self.process = Process("serve", args, self.env, tmp)

    def start(self) -> "App":
        self.process.start(f"{self.url}/healthz")
        return self

    def stop(self) -> None:
        self.process.terminate()

    def worker(self) -> Process:
        """``rhomboid worker`` on this database (not waited for: it serves no HTTP)."""
        return Process("worker", [PYTHON, "-m", "webhook.cli", "worker"], self.env, self.tmp).spawn()

    def cli(self, *args: str, env: dict[str, str] | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
        """Run ``rhomboid ARGS`` with the server's settings."""
        return subprocess.run([PYTHON, "-m", "webhook.cli", *args], env=env or self.env, cwd=self.tmp,
                              capture_output=True, text=True, timeout=timeout)

    def post(self, body: Any = None, *, data: bytes | str | None = None, path: str | None = None,
             headers: dict | None = None) -> requests.Response:
        url = f"{self.url}/strava/webhook/{path or WEBHOOK_SECRET}"
        if data is not None:
            return requests.post(url, data=data, headers=headers or {"Content-Type": "application/json"}, timeout=10)
        return requests.post(url, json=body, timeout=10)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read the database file directly (a fresh connection: sees every commit)."""
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def inbox(self, object_id: int) -> list[tuple]:
        return self.query("SELECT aspect_type, status, outcome, reason, attempts, last_error FROM inbox "
                          "WHERE object_id = ? ORDER BY id", (object_id,))


# -- connecting a runner through the real pages ------------------------------------


@dataclass
class Connection:
    browser: requests.Session
    authorize_page: requests.Response
    form: AuthorizeForm
    fields: list[tuple[str, str]] = field(default_factory=list)


def open_authorize_page(app: App) -> Connection:
    """Click "Connect with Strava": our /auth/strava redirects to the emulator's authorize page."""
    browser = requests.Session()
    browser.trust_env = False
    page = browser.get(f"{app.url}/auth/strava", timeout=10)
    assert page.status_code == 200, page.text
    assert page.url.startswith(f"{app.emulator.url}/oauth/authorize"), page.url
    form = AuthorizeForm()
    form.feed(page.text)
    assert form.action, "the authorize page has no form"
    return Connection(browser, page, form, list(form.fields))


def authorize(connection: Connection, *, untick: tuple[str, ...] = (), follow: bool = True) -> requests.Response:
    """Press "Authorize" with some scope boxes unticked."""
    fields = [(k, v) for k, v in connection.fields if not (k == "scope" and v in untick)]
    fields.append(("decision", "authorize"))
    return connection.browser.post(urljoin(connection.authorize_page.url, connection.form.action),
                                   data=fields, timeout=30, allow_redirects=follow)


def connect_runner(app: App, untick: tuple[str, ...] = ()) -> requests.Response:
    """The whole connection: our button, Strava's page, our callback; returns /me
    (``.connection.browser`` is the runner's browser, signed in)."""
    connection = open_authorize_page(app)
    landed = authorize(connection, untick=untick)
    landed.connection = connection
    assert landed.status_code == 200, landed.text
    assert landed.url.split("?")[0] == f"{app.url}/me", landed.url
    return landed


def note_count(description: str) -> int:
    return description.count(BLOCK_START)


def own_text(description: str) -> str:
    """The description before our block (what the runner wrote), by the delimiters alone."""
    start = description.find(BLOCK_START)
    if start < 0:
        return description
    before = description[:start]
    return before[:-2] if before.endswith("\n\n") else before


# -- fixtures ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    """One emulator process for the session; each world fixture resets it."""
    strava = Emulator(tmp_path_factory.mktemp("emulator")).start()
    yield strava
    strava.stop()


@pytest.fixture
def make_app(tmp_path_factory, emulator):
    """Factory: ``make_app(**options)`` starts ``rhomboid serve``; all are stopped after the test."""
    started: list[App] = []

    def make(**options: Any) -> App:
        app = App(tmp_path_factory.mktemp("app"), emulator, **options)
        started.append(app)
        return app.start()

    yield make
    for app in started:
        app.stop()


@pytest.fixture
def now() -> datetime:
    return datetime.now(timezone.utc)
