"""The event pipeline as an operator and an attacker meet it (issue 10), over real processes.

`rhomboid serve` and the emulator run as subprocesses; the outage is the
emulator's fault switch, the body limit a real POST, the deleted runner's
traces the raw bytes of the database files and the server's log.
"""

from __future__ import annotations

import http.client
import time
from datetime import timedelta

import requests

from tests.e2e.conftest import (
    ATHLETE_ID, BLOCK_END, SUBSCRIPTION_ID, WEBHOOK_SECRET, activity_event, connect_runner, history,
    make_activity, note_count, sample_athlete, wait_until,
)
from tests.e2e.test_access import deauthorization

OUTAGE_S = 8


def runner_world(emulator, make_app, now, **options):
    emulator.reset(activities=history(now))
    app = make_app(**options)
    emulator.subscribe(app.webhook_url)
    connect_runner(app)
    return app


def refused_so_far(emulator, fault_id: int, count: int) -> int:
    live = [f for f in emulator.admin("GET", "faults")["faults"] if f["id"] == fault_id]
    return count - live[0]["remaining"] if live else count


def test_a_strava_outage_kills_nothing_and_everything_resumes_within_60s(emulator, make_app, now):
    app = runner_world(emulator, make_app, now)
    runs = [make_activity(9_500_000_000 + n, now - timedelta(hours=2, minutes=n), km=6.0 + n % 3,
                          description="upper back sore, mild") for n in range(12)]
    for run in runs:
        emulator.put_activity(run)
    count = 100_000
    fault = emulator.admin("POST", "faults", {"status": 503, "count": count, "path_prefix": "/api/v3/activities"})
    for run in runs:
        assert emulator.deliver(activity_event(run["id"]))["delivered"]
    time.sleep(OUTAGE_S)

    # one probe at a time: 3 failures open the breaker, then a probe every 5-30 s
    calls = refused_so_far(emulator, fault["added"], count)
    assert calls <= 3 + OUTAGE_S // 5 + 1, f"{calls} calls to a failing Strava in {OUTAGE_S}s"
    assert app.query("SELECT count(*) FROM inbox WHERE status = 'dead'") == [(0,)]
    listing = app.cli("events", "--status", "pending")
    assert listing.returncode == 0, listing.stderr
    assert "waiting for Strava to answer again" in listing.stdout or "retry at" in listing.stdout, listing.stdout
    metrics = requests.get(f"{app.url}/metrics", timeout=5).text
    assert "rhomboid_strava_up 0.0" in metrics
    assert 'rhomboid_inbox_events{status="pending"}' in metrics

    emulator.admin("DELETE", "faults")
    back = time.monotonic()
    wait_until(lambda: app.query("SELECT count(*) FROM inbox WHERE status = 'done'") == [(len(runs),)], 60,
               interval_s=0.2, what="every waiting event to be processed once Strava answers")
    assert time.monotonic() - back < 60
    assert all(note_count(emulator.description(run["id"])) == 1 for run in runs)
    assert "rhomboid_strava_up 1.0" in requests.get(f"{app.url}/metrics", timeout=5).text


def test_a_body_over_64_kb_gets_413_and_nothing_is_stored(emulator, make_app, now):
    app = runner_world(emulator, make_app, now)
    event = activity_event(9_500_100_001) | {"subscription_id": SUBSCRIPTION_ID}
    padded = dict(event, updates={"title": "x" * 70_000})
    answer = app.post(padded)
    assert answer.status_code == 413 and "64 KB" in answer.json()["error"]

    # without a Content-Length (chunked): refused as it is read
    def chunks():
        yield b'{"object_type": "activity", "updates": {"title": "'
        for _ in range(40):
            yield b"y" * 4096
        yield b'"}}'
    chunked = requests.post(app.webhook_url, data=chunks(), headers={"Content-Type": "application/json"}, timeout=10)
    assert chunked.status_code == 413

    # a body far larger than any form: the server stops reading it
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    connection.putrequest("POST", f"/strava/webhook/{WEBHOOK_SECRET}")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(10 * 1024 * 1024))
    connection.endheaders()
    connection.send(b"{" + b" " * 65536)
    assert connection.getresponse().status == 413
    connection.close()

    assert app.query("SELECT count(*) FROM inbox") == [(0,)]
    assert app.post(event).json()["status"] == "queued"  # the server is fine
    # the 10 MB one was refused by waitress before the app saw it
    wait_until(lambda: 'rhomboid_events_refused_total{reason="too_large"} 2.0'
               in requests.get(f"{app.url}/metrics", timeout=5).text, 5, what="two refusals counted")


def test_a_deleted_runner_leaves_no_byte_in_the_database_files_or_the_log(emulator, make_app, now):
    app = runner_world(emulator, make_app, now)
    title = "Zanzibar hill repeats"
    run = make_activity(9_500_200_001, now - timedelta(hours=1), name=title,
                        description="upper back sore #upperback 5")
    emulator.put_activity(run)
    assert emulator.deliver(activity_event(run["id"]))["delivered"]
    wait_until(lambda: BLOCK_END in emulator.description(run["id"]), 10, what="the note")
    renamed = activity_event(run["id"], "update", updates={"title": title + " again"})
    assert emulator.deliver(renamed)["delivered"]
    wait_until(lambda: app.query("SELECT count(*) FROM inbox WHERE status = 'done'") == [(2,)], 10,
               what="the update")
    name = sample_athlete()["firstname"]
    needles = [str(ATHLETE_ID).encode(), name.encode(), title.encode(), str(run["id"]).encode()]
    files = [app.db_path, app.db_path.with_name(app.db_path.name + "-wal")]
    assert any(n in p.read_bytes() for p in files if p.exists() for n in needles), "the runner is there first"

    emulator.admin("POST", f"athletes/{ATHLETE_ID}/revoke")
    assert emulator.deliver(deauthorization(int(now.timestamp()) + 60))["delivered"]
    wait_until(lambda: app.query("SELECT count(*) FROM athletes") == [(0,)], 10, what="the deletion")
    wait_until(lambda: app.query("SELECT count(*) FROM inbox WHERE status IN ('pending', 'processing')") == [(0,)],
               5, what="the worker to finish")

    def traces() -> list[str]:
        return [f"{p.name}: {n.decode()}" for p in files if p.exists() for n in needles if n in p.read_bytes()]

    wait_until(lambda: traces() == [], 5, what=f"no trace of the runner in the files (last: {traces()})")
    log = app.process.log(tail=None)
    assert "Traceback" not in log
    for needle in (str(ATHLETE_ID), name, title):
        assert needle not in log, f"the server log names the runner: {needle}"
    assert "event " in log  # log lines name events instead


def test_the_embedded_worker_keeps_pace_with_a_stream_of_deliveries(emulator, make_app, now):
    app = runner_world(emulator, make_app, now)
    rate, seconds = 30, 3  # deliveries 33 ms apart: never the quiet spell the old worker waited for
    runs = [make_activity(9_500_300_000 + n, now - timedelta(minutes=n + 1), km=5.0 + n % 4)
            for n in range(rate * seconds)]
    emulator.put_activities(history(now) + runs)
    sent_at = []
    session = requests.Session()
    session.trust_env = False
    started = time.monotonic()
    for n, run in enumerate(runs):
        time.sleep(max(0.0, started + n / rate - time.monotonic()))
        body = activity_event(run["id"]) | {"subscription_id": SUBSCRIPTION_ID}
        answer = session.post(app.webhook_url, json=body, timeout=10)
        assert answer.status_code == 200 and answer.json()["status"] == "queued"
        sent_at.append(time.monotonic())
    finished = app.query("SELECT count(*) FROM inbox WHERE status = 'done'")[0][0]
    # the old worker slept up to 1 s per event while deliveries kept coming:
    # a handful of 90 done by the end of the stream
    assert finished >= len(runs) // 3, f"{finished} of {len(runs)} processed while they arrived"
    wait_until(lambda: app.query("SELECT count(*) FROM inbox WHERE status = 'done'") == [(len(runs),)], 20,
               what="the rest")


def test_a_burst_that_queues_for_threads_gives_one_log_line_not_one_per_request(emulator, make_app, now):
    """waitress logs every request that finds its threads busy; the summary keeps serve's log readable."""
    from concurrent.futures import ThreadPoolExecutor

    app = make_app(threads=1, worker=False)  # one thread: eight senders at once must queue
    stranger = activity_event(9_500_400_000) | {"owner_id": 4242, "subscription_id": SUBSCRIPTION_ID}

    def send(n: int) -> int:
        with requests.Session() as session:
            session.trust_env = False
            return [session.post(app.webhook_url, json=stranger | {"object_id": 9_500_400_000 + n * 40 + k},
                                 timeout=30).status_code for k in range(40)].count(200)

    started = time.monotonic()
    with ThreadPoolExecutor(8) as senders:
        answered = sum(senders.map(send, range(8)))
    minutes = (time.monotonic() - started) / 60
    assert answered == 320
    log = app.process.log(tail=None)
    assert log.count("Task queue depth") == 0, f"waitress's line per queued request: {log.count('Task queue depth')}"
    busy = [line for line in log.splitlines() if "waited for a free server thread" in line]
    assert busy, "the burst never queued, so this test showed nothing"
    assert len(busy) <= 1 + int(minutes), busy
