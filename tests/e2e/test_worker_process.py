"""`rhomboid serve` runs its worker as a child process: it wakes it for every
event, restarts it when it dies, takes it down with it, and never leaves two
workers on one database."""

from __future__ import annotations

import os
import signal
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.e2e.conftest import BLOCK_END, activity_event, connect_runner, history, make_activity, wait_until

FIRST_ID = 9_600_000_000


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (read from /proc: nothing of ours)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def worker_of(app) -> int:
    return wait_until(lambda: children(app.process.pid), 20, what="the server's worker process")[0]


def noted(emulator, activity_id: int) -> bool:
    return BLOCK_END in (emulator.description(activity_id) or "")


def test_a_killed_worker_is_restarted_and_the_next_event_gets_its_note(emulator, make_app):
    now = datetime.now(timezone.utc)
    emulator.reset(activities=history(now))
    app = make_app()
    emulator.subscribe(app.webhook_url)
    connect_runner(app)
    first = worker_of(app)
    assert os.getpriority(os.PRIO_PROCESS, first) > os.getpriority(os.PRIO_PROCESS, app.process.pid), \
        "the worker gives way to the server's requests"

    os.kill(first, signal.SIGKILL)
    run = make_activity(FIRST_ID, now - timedelta(hours=1), description="upper back tight #upperback 4")
    emulator.put_activity(run)
    assert emulator.deliver(activity_event(run["id"]))["delivered"], "the server answers with its worker down"

    second = wait_until(lambda: [p for p in children(app.process.pid) if p != first], 30,
                        what="a new worker process")[0]
    wait_until(lambda: noted(emulator, run["id"]), 60, what="the note written by the restarted worker")
    # the restarted worker stays: a later event is its work too, at once
    later = make_activity(FIRST_ID + 1, now - timedelta(minutes=30), description="still tight #upperback 3")
    emulator.put_activity(later)
    assert emulator.deliver(activity_event(later["id"]))["delivered"]
    wait_until(lambda: noted(emulator, later["id"]), 30, what="the next note from the same restarted worker")
    log = app.process.log(tail=None)
    assert f"the worker process {first} exited with signal SIGKILL" in log
    assert log.count("exited with") == 1, log[-3000:]
    assert app.process.running() and alive(second)
    assert children(app.process.pid) == [second]


def test_the_worker_goes_when_the_server_is_killed_and_a_new_server_starts_cleanly(emulator, make_app):
    emulator.reset(activities=history(datetime.now(timezone.utc)))
    app = make_app()
    worker = worker_of(app)

    app.process.kill9()
    wait_until(lambda: not alive(worker), 10, what="the orphaned worker to die with its server")
    lone = app.worker()  # the lock is free: a separate worker starts at once
    try:
        wait_until(lambda: "worker running for" in lone.log(), 20, what="a separate worker to start")
    finally:
        lone.terminate()
    app.start()  # and so does a server with its own worker
    assert alive(worker_of(app))


def test_sigterm_stops_the_server_and_its_worker(emulator, make_app):
    emulator.reset(activities=history(datetime.now(timezone.utc)))
    app = make_app()
    worker = worker_of(app)

    app.process.popen.send_signal(signal.SIGTERM)
    assert app.process.popen.wait(timeout=30) == 0
    assert not alive(worker)
    assert "starting it again" not in app.process.log(tail=None), "a stop is not a crash"
