"""End to end at a steady delivery rate: acks stay fast while notes keep pace.

``rhomboid serve`` and the Strava emulator run as real processes (the setup
of :mod:`benchmarks.bench_ack`: a subscription through the handshake,
runners connected through the OAuth pages, one new run per event). Events
are delivered at a steady rate (default 30/s, a busy hour's peak for a large
club) by a pool of senders keeping to a schedule, and the inbox is watched
until every event is done.

The events come from 30 runners with a run a day each, as a club's would,
and then from one runner with a run an hour: every event is then that
runner's, processed strictly in order, and the history each assessment reads
grows by 24 runs and reports a day (a stress case, not a runner).

Figures: ack p50/p99 (target p99 <= 100 ms), notes per second over the
delivery window against the delivery rate (target >= 0.9x), and event→note
latency p50/p99 (target p99 <= 2 s), with ``serve``'s own worker process or
a separate ``rhomboid worker``.

    python -m benchmarks.bench_pipeline [--rate 30] [--seconds 20] [--worker embedded|separate] [--runners 30 1]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from benchmarks.bench_ack import FIRST_ACTIVITY_ID, WEBHOOK_SECRET, Ours, event_bodies


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(rate: float, seconds: float, worker: str, runners: int) -> dict:
    count = int(rate * seconds)
    with tempfile.TemporaryDirectory(prefix="rhomboid-bench-pipeline-") as tmp:
        ours = Ours(Path(tmp), count, worker=worker, runners=runners).start()
        try:
            bodies = event_bodies(count, FIRST_ACTIVITY_ID, ours.subscription_id, runners)
            url = f"{ours.url}/strava/webhook/{WEBHOOK_SECRET}"
            local = threading.local()
            sent_at: dict[int, float] = {}
            acks: list[float] = []
            failures = [0]

            def send(body: bytes, due: float) -> None:
                session = getattr(local, "session", None)
                if session is None:
                    session = local.session = requests.Session()
                    session.trust_env = False
                time.sleep(max(0.0, due - time.perf_counter()))
                began = time.perf_counter()
                answer = session.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=10)
                acks.append(time.perf_counter() - began)
                if answer.status_code != 200 or answer.json().get("status") != "queued":
                    failures[0] += 1
                    return
                sent_at[answer.json()["id"]] = began

            done_at: dict[int, float] = {}
            watching = threading.Event()

            def watch() -> None:
                conn = sqlite3.connect(f"file:{ours.env['RHOMBOID_DB']}?mode=ro", uri=True, timeout=5)
                try:
                    while not watching.is_set():
                        now = time.perf_counter()
                        for (event_id,) in conn.execute(
                                "SELECT id FROM inbox WHERE status IN ('done', 'ignored', 'dead')"):
                            done_at.setdefault(event_id, now)
                        time.sleep(0.02)
                finally:
                    conn.close()

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
            start = time.perf_counter() + 0.2
            with ThreadPoolExecutor(max_workers=16) as pool:
                for n, body in enumerate(bodies):
                    pool.submit(send, body, start + n / rate)
            deadline = time.perf_counter() + 60
            while len([i for i in sent_at if i in done_at]) < len(sent_at) and time.perf_counter() < deadline:
                time.sleep(0.05)
            watching.set()
            watcher.join()
            statuses = ours.inbox()
        finally:
            ours.stop()
    latencies = [done_at[i] - sent_at[i] for i in sent_at if i in done_at]
    window = max(done_at[i] for i in sent_at if i in done_at) - min(sent_at.values())
    return {
        "worker": worker, "runners": runners, "events": count, "rate": rate, "failures": failures[0], "statuses": statuses,
        "ack_p50_ms": pct(acks, 0.5) * 1000, "ack_p99_ms": pct(acks, 0.99) * 1000,
        "notes_per_s": len(latencies) / window, "note_p50_s": pct(latencies, 0.5), "note_p99_s": pct(latencies, 0.99),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=30, help="events per second (default 30)")
    parser.add_argument("--seconds", type=float, default=20, help="how long to deliver (default 20)")
    parser.add_argument("--worker", choices=("embedded", "separate", "both"), default="both")
    parser.add_argument("--runners", type=int, nargs="+", default=[30, 1],
                        help="runners the events come from, one run a day each (default: 30, then 1 runner "
                             "with a run an hour, whose history grows by 24 runs a day)")
    args = parser.parse_args(argv)
    workers = ("embedded", "separate") if args.worker == "both" else (args.worker,)
    for runners in args.runners:
        for worker in workers:
            report(run(args.rate, args.seconds, worker, runners))
    return 0


def report(f: dict) -> None:
    ratio = f["notes_per_s"] / f["rate"]
    print(f"{f['worker']:<9} {f['runners']:>2} runner(s), {f['events']} events at {f['rate']:.0f}/s: "
          f"ack p50 {f['ack_p50_ms']:.1f} ms p99 {f['ack_p99_ms']:.1f} ms "
          f"({'met' if f['ack_p99_ms'] <= 100 else 'MISSED'} <= 100); "
          f"notes {f['notes_per_s']:.1f}/s = {ratio:.2f}x delivery ({'met' if ratio >= 0.9 else 'MISSED'} >= 0.9); "
          f"event->note p50 {f['note_p50_s']:.2f} s p99 {f['note_p99_s']:.2f} s "
          f"({'met' if f['note_p99_s'] <= 2 else 'MISSED'} <= 2 s); failures {f['failures']}; {f['statuses']}")

if __name__ == "__main__":
    sys.exit(main())
