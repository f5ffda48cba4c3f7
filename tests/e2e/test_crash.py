"""Crash safety: a server killed with SIGKILL mid-stream loses no acknowledged event and
writes no note twice; one worker per database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.e2e.conftest import (
    App, BLOCK_END, activity_event, connect_runner, history, make_activity, note_count, wait_until,
)

EVENTS = 200
FIRST_ID = 9_500_000_000


def test_kill_9_mid_stream_then_restart_gives_every_activity_exactly_one_note(emulator, make_app):
    now = datetime.now(timezone.utc)
    emulator.reset(activities=history(now))
    app = make_app()
    emulator.subscribe(app.webhook_url)
    connect_runner(app)

    runs = [make_activity(FIRST_ID + n, now - timedelta(hours=EVENTS - n), km=5.0 + n % 4,
                          description=f"Run {n}: upper back tight #upperback {2 + n % 3}")
            for n in range(EVENTS)]
    emulator.put_activities(runs)
    # slow Strava down a little so the kill lands while the worker is mid-stream
    emulator.admin("POST", "faults", {"latency_s": 0.01, "path_prefix": "/api/v3/activities"})

    def noted() -> int:
        return sum(1 for r in runs if BLOCK_END in emulator.description(r["id"]))

    delivered = [emulator.deliver(activity_event(r["id"]))["delivered"] for r in runs]
    assert all(delivered), "every event was acknowledged before the crash"
    assert app.query("SELECT count(*) FROM inbox") == [(EVENTS,)]
    # events arriving while the worker drains are its next work, not a scheduling conflict
    assert "maximum number of running instances" not in app.process.log(tail=None)

    landed_before = wait_until(lambda: (n := app.query("SELECT count(*) FROM notes WHERE outcome = 'noted'")[0][0])
                               >= 20 and n, 30, interval_s=0.01, what="some notes to land")
    app.process.kill9()
    at_kill = noted()
    assert at_kill < EVENTS, "the kill must land before the last note"
    assert at_kill >= landed_before - 1

    emulator.admin("DELETE", "faults")
    app.start()  # same database, same port, embedded worker takes back what was in flight
    # poll the database, not the emulator: the worker needs the emulator's attention more
    wait_until(lambda: app.query("SELECT count(*) FROM inbox WHERE status != 'done'") == [(0,)], 60,
               interval_s=0.25, what="every event to be done")
    descriptions = {r["id"]: emulator.description(r["id"]) for r in runs}
    assert {note_count(d) for d in descriptions.values()} == {1}, "exactly one block each"
    for run in runs:
        assert descriptions[run["id"]].startswith(run["description"] + "\n\n")
    assert noted() == EVENTS
    dead = app.cli("events", "--status", "dead")
    assert dead.returncode == 0, dead.stderr
    assert dead.stdout.strip() == "no events with status dead"


def test_a_second_worker_on_the_same_database_refuses_to_start(tmp_path, emulator):
    app = App(tmp_path, emulator)
    first = app.worker()
    try:
        wait_until(lambda: "worker running for" in first.log(), 20, what="the first worker to start")
        second = app.cli("worker", timeout=30)
        assert second.returncode != 0
        lines = [line for line in second.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, second.stderr
        assert "another Rhomboid worker is already running" in lines[0]
        assert str(app.db_path) in lines[0]
        assert first.running(), "the first worker is unharmed"

        serve = app.cli("serve", "--port", str(app.port), timeout=30)
        assert serve.returncode != 0
        assert "--no-worker" in serve.stderr.strip().splitlines()[-1]
    finally:
        first.terminate()
    assert first.popen.returncode == 0, first.log()

