"""Connecting a runner through the real pages: our button, Strava's authorize page, our callback."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import requests

from tests.e2e.conftest import (
    ATHLETE_ID, activity_event, authorize, connect_runner, history, make_activity, note_count,
    open_authorize_page, wait_until,
)


@pytest.fixture
def world(emulator, make_app, now):
    """Six weeks of easy runs on the emulated Strava, plus one run too old for the backfill."""
    recent = history(now)
    old = make_activity(9_000_000_001, now - timedelta(days=120), km=10.0, name="Ancient run")
    emulator.reset(activities=recent + [old])
    app = make_app()
    emulator.subscribe(app.webhook_url)
    return app, recent, old


def test_connect_stores_the_grant_and_backfills_recent_history(world):
    app, recent, old = world
    me = connect_runner(app)
    assert "Hi Maya" in me.text
    assert "reconnect" not in me.text.lower()

    rows = app.query("SELECT id, firstname, scope, measurement_preference, needs_reconnect FROM athletes")
    assert rows == [(ATHLETE_ID, "Maya", "activity:read_all,activity:write,read", "meters", 0)]
    # tokens are stored encrypted: what the file holds is no use to anyone who reads it
    access, refresh = app.query("SELECT access_token, refresh_token FROM athletes")[0]
    assert access and refresh and access != refresh
    assert requests.get(f"{app.emulator.url}/api/v3/athlete", timeout=5,
                        headers={"Authorization": f"Bearer {access}"}).status_code == 401

    stored = {r[0] for r in app.query("SELECT id FROM activities WHERE athlete_id = ?", (ATHLETE_ID,))}
    assert stored == {a["id"] for a in recent}, "the backfill stores the last 90 days, nothing older"
    assert old["id"] not in stored
    # the runner's page shows the history: each recent week's km in the weekly chart
    weeks: dict[str, float] = {}
    for activity in recent:
        day = date.fromisoformat(activity["start_date_local"][:10])
        monday = (day - timedelta(days=day.weekday())).isoformat()
        weeks[monday] = weeks.get(monday, 0.0) + activity["distance"] / 1000
    for monday in sorted(weeks)[-3:]:
        assert f'id="week-{monday}-{weeks[monday]:.1f}km"' in me.text


def test_a_tampered_state_is_refused_with_a_clear_page(world):
    app, _, _ = world
    connection = open_authorize_page(app)
    back = authorize(connection, follow=False)
    assert back.status_code in (302, 303)
    callback = back.headers["Location"]
    assert callback.startswith(f"{app.url}/auth/strava/callback")
    parts = urlsplit(callback)
    query = dict(parse_qsl(parts.query))
    query["state"] = query["state"][::-1]
    tampered = urlunsplit(parts._replace(query=urlencode(query)))

    page = connection.browser.get(tampered, timeout=10)
    assert page.status_code == 400
    assert "Not connected" in page.text
    assert "expired or was already used" in page.text
    assert "Try connecting again" in page.text
    assert app.query("SELECT count(*) FROM athletes") == [(0,)]
    assert app.query("SELECT count(*) FROM activities") == [(0,)]

    # the real callback cannot be replayed after a refusal either: the state is spent
    again = connection.browser.get(callback, timeout=10)
    assert again.status_code == 400
    assert app.query("SELECT count(*) FROM athletes") == [(0,)]


def test_an_unticked_write_scope_is_explained_and_no_note_is_written(world, emulator, now):
    app, _, _ = world
    me = connect_runner(app, untick=("activity:write",))
    assert "cannot write notes" in me.text
    assert "Upload your activities from Rhomboid to Strava" in me.text
    assert app.query("SELECT scope FROM athletes") == [("activity:read_all,read",)]

    run = make_activity(9_200_000_001, now - timedelta(hours=2), km=8.0,
                        description="Shoulder blades ached. #upperback 6")
    emulator.put_activity(run)
    assert emulator.deliver(activity_event(run["id"]))["delivered"]
    wait_until(lambda: app.query("SELECT outcome FROM notes WHERE activity_id = ?", (run["id"],)),
               10, what="the event to be processed")
    assert emulator.description(run["id"]) == "Shoulder blades ached. #upperback 6"
    assert note_count(emulator.description(run["id"])) == 0
    assert app.inbox(run["id"])[0][:4] == ("create", "done", "skipped",
                                           "cannot write notes: the runner did not grant activity:write")
