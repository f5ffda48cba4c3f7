"""The runner's access: deauthorizing leaves nothing behind, revoked or expired tokens."""

from __future__ import annotations

import sqlite3

from datetime import timedelta

from tests.e2e.conftest import (
    ATHLETE_ID, SUBSCRIPTION_ID, activity_event, connect_runner, history, make_activity, note_count, wait_until,
)


def deauthorization(event_time: int) -> dict:
    return {"object_type": "athlete", "object_id": ATHLETE_ID, "aspect_type": "update",
            "owner_id": ATHLETE_ID, "updates": {"authorized": "false"}, "event_time": event_time}


def rows_naming(db_path, needles: list[str]) -> list[tuple[str, tuple]]:
    """Every row of every table (ours and SQLite's) with a value that contains a needle."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert {"athletes", "activities", "notes", "soreness_reports", "inbox"} <= set(tables)
        found = []
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                text = " ".join(v.decode(errors="replace") if isinstance(v, bytes) else str(v) for v in row)
                if any(needle in text for needle in needles):
                    found.append((table, row))
        return found
    finally:
        conn.close()


def test_deauthorization_deletes_every_row_naming_the_athlete(emulator, make_app, now):
    backfilled = history(now)
    emulator.reset(activities=backfilled)
    app = make_app()
    emulator.subscribe(app.webhook_url)
    connect_runner(app)
    run = make_activity(9_400_000_001, now - timedelta(hours=1), description="Upper back sore #upperback 5")
    emulator.put_activity(run)
    assert emulator.deliver(activity_event(run["id"]))["delivered"]
    wait_until(lambda: note_count(emulator.description(run["id"])), 5, what="the note")
    needles = [str(ATHLETE_ID), "Maya"] + [str(a["id"]) for a in backfilled + [run]]
    assert len(rows_naming(app.db_path, needles)) > len(backfilled), "the runner's data is there to delete"

    # unsigned, so a forged deauthorization (Strava still takes our tokens) deletes nothing
    forged = emulator.deliver(deauthorization(int(now.timestamp())))
    assert forged["delivered"]
    wait_until(lambda: app.query("SELECT status, reason FROM inbox WHERE object_type = 'athlete'")
               == [("ignored", "deauthorization not confirmed by Strava")], 5, what="the forged event")
    assert app.query("SELECT count(*) FROM athletes") == [(1,)]

    emulator.admin("POST", f"athletes/{ATHLETE_ID}/revoke")
    real = emulator.deliver(deauthorization(int(now.timestamp()) + 60))
    assert real["delivered"]
    wait_until(lambda: app.query("SELECT count(*) FROM athletes") == [(0,)], 5, what="the athlete row to go")
    wait_until(lambda: app.query("SELECT count(*) FROM inbox WHERE status IN ('pending', 'processing')") == [(0,)],
               5, what="the worker to finish")
    assert rows_naming(app.db_path, needles) == []

    # Strava retries and late events keep coming for a while: acknowledged, and still nothing kept
    for late in (deauthorization(int(now.timestamp()) + 60), activity_event(run["id"], "update",
                                                                            updates={"title": "late"})):
        answer = emulator.deliver(late)
        assert answer["delivered"]
        assert app.post(late | {"subscription_id": SUBSCRIPTION_ID}).json()["status"] == "ignored"
    assert rows_naming(app.db_path, needles) == []
    assert app.process.running()
    assert "Traceback" not in app.process.log()


def test_access_revoked_without_an_event_asks_the_runner_to_reconnect(emulator, make_app, now):
    emulator.reset(activities=history(now))
    app = make_app()
    emulator.subscribe(app.webhook_url)
    browser = connect_runner(app).connection.browser
    emulator.admin("POST", f"athletes/{ATHLETE_ID}/revoke")

    run = make_activity(9_400_000_002, now - timedelta(hours=1), description="#upperback 4")
    emulator.put_activity(run)
    assert emulator.deliver(activity_event(run["id"]))["delivered"]
    wait_until(lambda: app.inbox(run["id"]) and app.inbox(run["id"])[0][1] == "dead", 5, what="the event to fail")
    reason = app.inbox(run["id"])[0][3]
    assert "reconnect" in reason
    assert app.query("SELECT needs_reconnect FROM athletes") == [(1,)]
    me = browser.get(f"{app.url}/me", timeout=10)
    assert "Strava no longer accepts Rhomboid's access" in me.text and "Reconnect" in me.text
    dead = app.cli("events", "--status", "dead")
    assert str(run["id"]) in dead.stdout and "reconnect" in dead.stdout

    # reconnecting and retrying the dead event gets the note written
    connect_runner(app)
    assert app.query("SELECT needs_reconnect FROM athletes") == [(0,)]
    retried = app.cli("events", "retry", "--dead")
    assert retried.returncode == 0 and "1 dead event(s) queued again" in retried.stdout
    wait_until(lambda: note_count(emulator.description(run["id"])), 5, what="the note after reconnecting")


def app_done(app, activity_id: int) -> bool:
    rows = app.inbox(activity_id)
    return bool(rows) and all(r[1] in ("done", "ignored", "dead") for r in rows)


def test_tokens_strava_expired_early_are_refreshed_and_the_note_lands(emulator, make_app, now):
    emulator.reset(activities=history(now))
    app = make_app()
    emulator.subscribe(app.webhook_url)
    connect_runner(app)
    before = app.query("SELECT access_token, refresh_token, expires_at FROM athletes")[0]
    assert emulator.admin("POST", "tokens/expire")["expired"] >= 1
    run = make_activity(9_400_000_003, now - timedelta(hours=1), description="Traps tight #upperback 3")
    emulator.put_activity(run)
    assert emulator.deliver(activity_event(run["id"]))["delivered"]
    wait_until(lambda: app_done(app, run["id"]), 5, what="the event to be processed")
    assert app.inbox(run["id"])[0][1:3] == ("done", "noted")
    after = app.query("SELECT access_token, refresh_token, expires_at FROM athletes")[0]
    assert after[0] != before[0] and after[1] != before[1], "the rotated tokens were saved"
    assert note_count(emulator.description(run["id"])) == 1
