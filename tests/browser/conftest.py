"""Real parts for the page tests: the Strava emulator, the app under waitress,
a real SMTP server (aiosmtpd) and Debian's chromium driven by Playwright.

Time is an argument everywhere: the app, the emulator and the links all run
on one fixed clock (``NOW``), never the wall clock, so these tests mean the
same on any day and under a faked clock.
"""

from __future__ import annotations

import email
import os
import re
import shutil
import socket
import time
from datetime import datetime, timezone
from email import policy
from pathlib import Path

import pytest

from connector import sample
from connector.emulator import EmulatorServer
from webhook import create_app, store
from webhook.config import load_config
from webhook.db import migrate, open_db
from webhook.devtools.demo import CLIENT_ID, CLIENT_SECRET, _listen, _serve
from webhook.services import Services
from webhook.worker import Worker

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api")
aiosmtpd = pytest.importorskip("aiosmtpd.controller")

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing: .ci/run installs Debian's chromium for the page tests")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NOW = datetime(2026, 11, 18, 9, 0, tzinfo=timezone.utc)  # a Wednesday morning
WIDTHS = {"desktop": (1280, 900), "phone": (375, 740)}
DOCS = Path(__file__).parents[2] / "docs"


class Clock:
    """The app's clock, set by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Mailbox:
    """Messages a real SMTP server on loopback received."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def wait_for(self, to: str, count: int = 1, timeout_s: float = 10) -> email.message.EmailMessage:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            found = [m for m in self.messages if m["To"] == to]
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.05)
        raise AssertionError(f"no e-mail #{count} to {to} arrived")

    @staticmethod
    def text(message) -> str:
        part = message.get_body(("plain",)) if message.is_multipart() else message
        return part.get_content()

    @classmethod
    def link(cls, message, path: str) -> str:
        found = re.search(r"https?://\S+" + re.escape(path) + r"\S+", cls.text(message))
        assert found, f"no {path} link in the e-mail"
        return found.group(0)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = aiosmtpd.Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    box.url = f"smtp://127.0.0.1:{controller.port}"
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def live(tmp_path, mailbox):
    """The emulator, the app under waitress and a worker on loopback, all on NOW."""
    clock = Clock(NOW)
    today = NOW.date()
    emulator = EmulatorServer(client_id=CLIENT_ID, client_secret=CLIENT_SECRET).start()
    emulator.state.clock.set(NOW.timestamp())
    emulator.state.put_athlete(sample.ATHLETE)
    for activity in sample.sample_history(today):
        emulator.state.put_activity(activity)
    db_path = str(tmp_path / "pages.db")
    db = open_db(db_path)
    migrate(db)
    db.close()
    sock, url = _listen()
    config = load_config({
        "STRAVA_CLIENT_ID": CLIENT_ID, "STRAVA_CLIENT_SECRET": CLIENT_SECRET,
        "RHOMBOID_VERIFY_TOKEN": "pages-verify-token", "RHOMBOID_SECRET_KEY": "pages-secret-key-for-tests",
        "RHOMBOID_WEBHOOK_SECRET": "pages-webhook-path", "RHOMBOID_BASE_URL": url, "RHOMBOID_DB": db_path,
        "RHOMBOID_STRAVA_URL": emulator.url, "RHOMBOID_SMTP_URL": mailbox.url,
        "RHOMBOID_MAIL_FROM": "rhomboid@pages.test",
    }, dotenv=None)
    services = Services(config, clock=clock)
    server = _serve(create_app(services), sock)
    worker = Worker(services)
    worker.acquire()  # the test runs the worker's steps itself, in order
    sub_id = services.strava.create_subscription(config.webhook_url, config.verify_token)
    db = services.db()
    store.remember_subscription(db, sub_id, config.webhook_url, now=NOW)
    db.close()
    world = World(url, emulator, services, worker, clock, mailbox)
    try:
        yield world
    finally:
        worker.stop()
        server.close()
        services.close()
        emulator.stop()


class World:
    def __init__(self, url, emulator, services, worker, clock, mailbox) -> None:
        self.url, self.emulator, self.services, self.worker = url, emulator, services, worker
        self.clock, self.mailbox = clock, mailbox
        self.today = clock.now.date()

    def deliver_new_week(self, upto: int | None = None) -> list[dict]:
        """The sample runner's new week arrives as webhook events, each processed."""
        runs = sample.sample_new_week(self.today)[:upto]
        for activity in runs:
            self.emulator.state.put_activity(activity)
            event = {"object_type": "activity", "aspect_type": "create", "object_id": activity["id"],
                     "owner_id": sample.ATHLETE_ID, "event_time": int(self.clock.now.timestamp())}
            assert self.emulator.state.deliver(event)["delivered"]
            while self.worker.process_next() is not None:
                pass
        return runs

    def db(self):
        return self.services.db()

    def query(self, sql: str, params=()) -> list[tuple]:
        db = self.db()
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()


@pytest.fixture
def browser():
    with playwright.sync_playwright() as p:
        # Playwright gives each launch a new empty profile of its own
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=list(WIDTHS))
def width(request):
    return request.param


def new_page(browser, width: str):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    return context.new_page()


def assert_no_sideways_scroll(page) -> None:
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], f"the page scrolls sideways at {page.viewport_size['width']} px: {overflow}"


def connect(page, world: World, allow_write: bool = True) -> None:
    """Connect with Strava from the landing page, through the emulated authorize page."""
    page.goto(world.url + "/")
    page.click("text=Connect with Strava")
    authorize(page, allow_write)
    page.wait_for_url(world.url + "/me")


def authorize(page, allow_write: bool = True) -> None:
    page.wait_for_selector("text=Authorize application")
    if not allow_write:
        page.uncheck("input[value='activity:write']")
    page.click("button[value=authorize]")


def screenshot(page, name: str, tmp_path: Path) -> Path:
    """Screenshots go to docs/ when RHOMBOID_SCREENSHOTS=docs (to refresh the README's)."""
    folder = DOCS if os.environ.get("RHOMBOID_SCREENSHOTS") == "docs" else tmp_path
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    return path
