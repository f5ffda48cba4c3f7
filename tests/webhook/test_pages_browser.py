"""The runner's pages in a real browser (Debian's chromium driven by Playwright).

Connect with Strava on the landing page, authorize on the (emulated) Strava
page, see the notes on /me, then disconnect and delete everything.
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from connector import sample
from connector.emulator import EmulatorServer
from webhook import create_app, store
from webhook.db import migrate, open_db
from webhook.devtools.demo import CLIENT_ID, CLIENT_SECRET, _config, _listen, _serve
from webhook.services import Services
from webhook.worker import Worker

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api")

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing: .ci/run installs Debian's chromium for the page tests")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def live(tmp_path):
    """The emulator, the app under waitress and the worker, on loopback."""
    today = datetime.now(timezone.utc).date()
    emulator = EmulatorServer(client_id=CLIENT_ID, client_secret=CLIENT_SECRET).start()
    emulator.state.put_athlete(sample.ATHLETE)
    for activity in sample.sample_history(today):
        emulator.state.put_activity(activity)
    db_path = str(tmp_path / "pages.db")
    db = open_db(db_path)
    migrate(db)
    db.close()
    sock, url = _listen()
    services = Services(_config(db_path, emulator.url, url))
    server = _serve(create_app(services), sock)
    worker = Worker(services).start()
    sub_id = services.strava.create_subscription(services.config.webhook_url, services.config.verify_token)
    db = services.db()
    store.remember_subscription(db, sub_id, services.config.webhook_url, now=0)
    db.close()
    try:
        yield {"url": url, "emulator": emulator, "services": services, "today": today}
    finally:
        worker.stop()
        server.close()
        services.close()
        emulator.stop()


@pytest.fixture
def page(tmp_path):
    with playwright.sync_playwright() as p:
        # Playwright gives each launch a new empty profile of its own
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser.new_page()
        browser.close()


def test_connect_see_notes_and_delete_my_data(live, page, tmp_path):
    page.goto(live["url"] + "/")
    assert "Powered by Strava" in page.content()
    page.click("text=Connect with Strava")
    # the emulated Strava's authorize page, with every scope ticked
    page.wait_for_selector("text=Authorize application")
    page.click("button[value=authorize]")
    page.wait_for_url(live["url"] + "/me")
    assert page.inner_text("h1") == "Hi Sam"
    assert "Long run" in page.content()  # the backfilled history

    long_run = sample.sample_new_week(live["today"])[3]
    live["emulator"].state.put_activity(long_run)
    event = {"object_type": "activity", "aspect_type": "create", "object_id": long_run["id"],
             "owner_id": sample.ATHLETE_ID, "event_time": int(time.time())}
    assert live["emulator"].state.deliver(event)["delivered"]
    deadline = time.monotonic() + 10
    while "Rhomboid" not in (live["emulator"].state.get_activity(long_run["id"])["description"] or ""):
        assert time.monotonic() < deadline, "the note did not land"
        time.sleep(0.05)

    page.check("input[value=always]")
    page.click("text=Save")
    page.wait_for_url(live["url"] + "/me")
    assert page.is_checked("input[value=always]")
    db = live["services"].db()
    assert db.execute("SELECT note_mode FROM athletes").fetchone()[0] == "always"
    db.close()

    page.reload()
    note = page.locator(".note").first
    assert "longer than your longest of the last 30 days" in note.inner_text()
    assert "5/10" in page.inner_text("body")  # the soreness list
    page.screenshot(path=os.environ.get("RHOMBOID_SCREENSHOT", str(tmp_path / "me.png")), full_page=True)

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=Disconnect and delete my data")
    page.wait_for_selector("text=deleted everything")
    db = live["services"].db()
    assert db.execute("SELECT count(*) FROM athletes").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM activities").fetchone()[0] == 0
    db.close()
    page.goto(live["url"] + "/me")
    assert page.url == live["url"] + "/"  # signed out
