"""The worker against the emulator: Strava failures defer or retry, nothing is lost or doubled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import no_long_sleeps

from connector.fixtures import load_fixture
from insights.block import BLOCK_START
from webhook import inbox, store
from webhook.devtools.replay import WEBHOOK_SECRET, Replayer
from webhook.worker import Worker, WorkerAlreadyRunning

from tests.webhook.conftest import SAMPLE



def post(world, event) -> int:
    world.set_clock(int(event["event_time"]))
    answer = world.client.post(f"/strava/webhook/{WEBHOOK_SECRET}", json=event).get_json()
    assert answer["status"] == "queued", answer
    return answer["id"]


def row(world, event_id) -> dict:
    db = world.services.db()
    try:
        return inbox.get_event(db, event_id)
    finally:
        db.close()


def description(world, activity_id) -> str:
    return world.emulator.state.get_activity(activity_id)["description"] or ""


def spike_event(world) -> dict:
    # the third create of the sample is a long-run spike tagged #upperback: it gets a note
    return world.fixture.events[2]


def test_a_429_defers_to_the_window_reset_without_sleeping(world):
    event = spike_event(world)
    event_id = post(world, event)
    world.emulator.state.faults.add(429, count=1, path_prefix="/api/v3/activities")
    with no_long_sleeps():  # deferred, not slept
        handled = world.worker.process_next()
    assert handled[1] is None
    deferred = row(world, event_id)
    assert deferred["status"] == "pending" and deferred["attempts"] == 0
    now = world.clock()
    reset = (now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0) + timedelta(minutes=15))
    assert deferred["next_attempt_at"] == int(reset.timestamp())
    assert world.worker.process_next() is None  # not due yet
    world.set_clock(int(reset.timestamp()) + 1)
    assert world.worker.process_next()[1].outcome == "noted"
    assert description(world, event["object_id"]).count(BLOCK_START) == 1


def test_5xx_is_retried_with_backoff_and_notes_once(world):
    event = spike_event(world)
    event_id = post(world, event)
    world.emulator.state.faults.add(503, count=2, path_prefix="/api/v3/activities")
    assert world.worker.process_next()[1] is None
    first = row(world, event_id)
    assert first["status"] == "pending" and first["attempts"] == 1 and "503" in first["last_error"]
    for _ in range(3):
        world.set_clock(row(world, event_id)["next_attempt_at"] + 1)
        handled = world.worker.process_next()
        if handled and handled[1] is not None:
            break
    assert row(world, event_id)["status"] == "done"
    assert description(world, event["object_id"]).count(BLOCK_START) == 1


def test_a_revoked_token_marks_the_runner_for_reconnection(world):
    event = spike_event(world)
    world.emulator.state.revoke_athlete(world.fixture.athlete_id)
    event_id = post(world, event)
    result = world.worker.process_next()[1]
    assert result.outcome == "error" and "reconnect" in result.reason
    assert row(world, event_id)["status"] == "dead"
    db = world.services.db()
    assert store.get_athlete(db, world.fixture.athlete_id)["needs_reconnect"]
    db.close()


def test_a_bug_keeps_the_event_for_retry(world, monkeypatch):
    import webhook.processing as processing

    def broken(*args, **kwargs):
        raise RuntimeError("assessment exploded")

    monkeypatch.setattr(processing, "assess", broken)
    event_id = post(world, spike_event(world))
    assert world.worker.process_next()[1] is None
    kept = row(world, event_id)
    assert kept["status"] == "pending" and "assessment exploded" in kept["last_error"]


def test_an_unchanged_note_is_not_written_again(world, monkeypatch):
    event = spike_event(world)
    post(world, event)
    world.worker.process_next()
    writes = []
    real = world.services.strava.update_description
    monkeypatch.setattr(world.services.strava, "update_description",
                        lambda *a, **k: writes.append(a) or real(*a, **k))
    again = dict(event, aspect_type="update", updates={"type": "Run"}, event_time=event["event_time"] + 60)
    post(world, again)
    assert world.worker.process_next()[1].outcome == "noted"
    assert writes == []  # same block: no PUT
    assert description(world, event["object_id"]).count(BLOCK_START) == 1


def test_raw_payloads_are_purged_after_the_retention_period(world):
    post(world, spike_event(world))
    world.worker.process_next()
    db = world.services.db()
    assert db.execute("SELECT count(*) FROM activities WHERE raw_json IS NOT NULL").fetchone()[0] > 0
    world.set_clock(int((world.clock() + timedelta(days=8)).timestamp()))
    assert world.worker.purge() > 0
    assert db.execute("SELECT count(*) FROM activities WHERE raw_json IS NOT NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM activities WHERE distance_km > 0").fetchone()[0] > 0
    db.close()


def test_only_one_worker_per_database(world):
    with pytest.raises(WorkerAlreadyRunning, match="already running"):
        Worker(world.services).acquire()


def test_a_backfill_postponed_at_connection_is_read_before_the_first_note(tmp_path):
    fixture = load_fixture(SAMPLE)
    with Replayer() as world:
        world.emulator.state.load_fixture(fixture)
        sub = fixture.events[0]["subscription_id"]
        world.emulator.state.set_subscription(sub, world.services.config.webhook_url, "x")
        world.emulator.state.faults.add(503, count=1, path_prefix="/api/v3/athlete/activities")
        world.connect(fixture, int(fixture.events[0]["event_time"]) - 60, sub)
        db = world.services.db()
        assert store.get_athlete(db, fixture.athlete_id)["backfilled_at"] is None
        assert db.execute("SELECT count(*) FROM activities").fetchone()[0] == 0
        event_id = post(world, fixture.events[2])
        assert world.worker.process_next()[1].outcome == "noted"
        assert store.get_athlete(db, fixture.athlete_id)["backfilled_at"] is not None
        # the history was read first: the spike is measured against earlier runs
        note = store.get_note(db, fixture.events[2]["object_id"])["note"]
        assert note["metrics"]["longest_run_change"] is not None
        assert row(world, event_id)["status"] == "done"
        db.close()


def test_urgent_alerts_reach_coaches_even_without_write_permission(world):
    from webhook.store import coaches

    db = world.services.db()
    now = world.clock()
    coach = coaches.add_coach(db, "Coach", email="coach@example.com", now=now)["id"]
    coaches.invite_coach(db, world.fixture.athlete_id, coach, now=now)
    coaches.consent(db, world.fixture.athlete_id, coach, now=now)
    db.execute("UPDATE athletes SET scope = 'read,activity:read_all' WHERE id = ?", [world.fixture.athlete_id])
    db.close()
    event = dict(spike_event(world))
    world.emulator.state.apply_updates(event["object_id"], {"title": "Chest pain and short of breath"})
    post(world, event)
    result = world.worker.process_next()[1]
    assert result.outcome == "skipped" and "activity:write" in result.reason
    assert result.alerts == [{"to": "coach@example.com", "channel": "email", "level": "urgent"}]
    assert BLOCK_START not in description(world, event["object_id"])


def test_event_status_needs_the_verify_token_as_well_as_the_path(world):
    event_id = post(world, spike_event(world))
    world.worker.process_next()
    url = f"/strava/webhook/{WEBHOOK_SECRET}/events/{event_id}"
    assert world.client.get(url).status_code == 403
    assert world.client.get(url, headers={"X-Rhomboid-Verify-Token": "wrong"}).status_code == 403
    answer = world.client.get(url, headers={"X-Rhomboid-Verify-Token": world.services.config.verify_token})
    assert answer.status_code == 200 and answer.get_json()["outcome"] == "noted"


def test_concurrent_deliveries_are_each_stored_once_before_their_200(world):
    """Group commit: many request threads, one writer; nothing lost or doubled."""
    from concurrent.futures import ThreadPoolExecutor

    base = dict(spike_event(world))
    events = [dict(base, event_time=base["event_time"] + n) for n in range(60)]

    def deliver(event):
        client = world.app.test_client()
        return client.post(f"/strava/webhook/{WEBHOOK_SECRET}", json=event).get_json()

    with ThreadPoolExecutor(max_workers=16) as pool:
        first = list(pool.map(deliver, events))
        again = list(pool.map(deliver, events))  # Strava's retries of the same events
    assert all(a["status"] == "queued" for a in first)
    assert all(a["status"] == "duplicate" for a in again)
    assert sorted(a["id"] for a in again) == sorted(a["id"] for a in first)
    db = world.services.db()
    stored = db.execute("SELECT count(*) FROM inbox WHERE status = 'pending'").fetchone()[0]
    db.close()
    assert stored == len(events)


def test_a_deauthorization_is_retried_until_strava_answers(world):
    athlete = world.fixture.athlete_id
    world.emulator.state.revoke_athlete(athlete)
    event = {"object_type": "athlete", "aspect_type": "update", "object_id": athlete, "owner_id": athlete,
             "subscription_id": world.fixture.events[0]["subscription_id"],
             "event_time": world.fixture.events[0]["event_time"] + 5, "updates": {"authorized": "false"}}
    event_id = post(world, event)
    world.emulator.state.faults.add(503, count=20)
    for _ in range(world.services.config.max_attempts + 3):  # well past the usual limit
        assert world.worker.process_next()[1] is None
        pending = row(world, event_id)
        assert pending["status"] == "pending"
        world.set_clock(pending["next_attempt_at"] + 1)
    world.emulator.state.faults.clear()
    world.set_clock(int(world.clock().timestamp()) + 31)  # past the circuit breaker's next probe
    assert world.worker.process_next()[1].outcome == "deleted"
    db = world.services.db()
    assert store.get_athlete(db, athlete) is None
    db.close()


def test_a_long_write_lock_gives_a_500_and_stores_nothing_half_way(world, monkeypatch):
    import sqlite3

    import webhook.receive as receive

    monkeypatch.setattr(receive, "BATCH_TRIES", 1)
    blocker = sqlite3.connect(world.services.config.db_path, timeout=0)
    blocker.execute("PRAGMA busy_timeout = 0")
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the busy timeout
    monkeypatch.setattr("webhook.db.BUSY_TIMEOUT_S", 0.2)
    event = dict(spike_event(world))
    world.set_clock(int(event["event_time"]))
    client = world.app.test_client()
    held = client.post(f"/strava/webhook/{WEBHOOK_SECRET}", json=event)
    assert held.status_code == 500  # Strava delivers it again
    blocker.rollback()
    blocker.close()
    again = client.post(f"/strava/webhook/{WEBHOOK_SECRET}", json=event).get_json()
    assert again["status"] == "queued"  # stored now, and nothing was left half-done
    other = dict(event, event_time=event["event_time"] + 1)
    assert client.post(f"/strava/webhook/{WEBHOOK_SECRET}", json=other).get_json()["status"] == "queued"
    db = world.services.db()
    assert db.execute("SELECT count(*) FROM inbox WHERE status = 'pending'").fetchone()[0] == 2
    db.close()
    assert world.worker.process_next()[1] is not None  # the worker can still write


def test_a_wake_that_finds_the_drain_busy_is_not_logged_but_other_skips_are(caplog):
    """A wake-up dropped because a drain is running is by design (the drain
    sees it); a skipped run of any other job is still worth a warning."""
    import logging
    import threading
    import time
    from datetime import datetime, timezone as tz

    from apscheduler.schedulers.background import BackgroundScheduler

    from webhook.worker import _scheduler_log

    release = threading.Event()
    scheduler = BackgroundScheduler(timezone=tz.utc, logger=_scheduler_log)
    for job_id in ("inbox", "alerts"):
        scheduler.add_job(release.wait, "interval", seconds=0.05, id=job_id, name=f"{job_id} job",
                          max_instances=1, next_run_time=datetime.now(tz.utc))
    with caplog.at_level(logging.WARNING, logger="apscheduler"):
        scheduler.start()
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and "alerts job" not in caplog.text:
                scheduler.wakeup()  # rather than its timed wait, which a faked clock (libfaketime) can stall
                time.sleep(0.01)
        finally:
            release.set()
            scheduler.shutdown(wait=True)
    skipped = [r.getMessage() for r in caplog.records if "maximum number of running" in r.getMessage()]
    assert skipped, "the busy alerts job was reported"
    assert any("alerts job" in m for m in skipped)
    assert not any("inbox job" in m for m in skipped)
