"""How fast the webhook acknowledges Strava's events, next to a bare Flask app.

Both servers run as their own processes on loopback, served the way
``rhomboid serve`` serves (waitress, the same thread count):

* ours: ``rhomboid serve`` itself, with the embedded worker, a Strava
  emulator, a subscription made through the real handshake and a runner
  connected through the real OAuth pages. Every event is valid and names a
  real activity of that runner, so each one is stored, wakes the worker, and
  the worker fetches the activity and writes a note while the senders go on;
* bare: a Flask app with one POST endpoint that answers 200 JSON.

N events go from 16 sender threads (a ``requests.Session`` each). The figures
are p50/p99 latency of the acknowledgement and throughput, and, because the
machine is shared and noisy, the ratios measured in the same run: our
throughput / bare throughput (target >= 0.8) and our p99 (target < 100 ms).

Both sides are measured in alternating rounds (ours, bare, ours, bare...),
so drift in a shared machine's load weighs on both alike; the figure is
the median of the rounds' ratios. While the bare app is measured, our
processes are frozen (SIGSTOP to each one's process group), so our
worker's backlog takes no CPU from it; our worker goes on writing notes
through every one of our rounds.

    python -m benchmarks.bench_ack [--events 2000] [--rounds 3] [--senders 16] [--worker embedded|separate|none]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

SERVE_THREADS = 8  # `rhomboid serve --threads` default
CLIENT_ID = "31337"
CLIENT_SECRET = "bench-client-secret"
WEBHOOK_SECRET = "bench-webhook-path"
ATHLETE_ID = 27182818
FIRST_ACTIVITY_ID = 8_800_000_000
SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "connector" / "data" / "sample"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[:4]} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer within {timeout_s}s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- the bare app (run in its own process with --bare PORT) ------------------------


def serve_bare(port: int) -> None:
    import waitress
    from flask import Flask, jsonify

    app = Flask("bare")

    @app.post("/hook")
    def hook():
        return jsonify(status="ok")

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    waitress.serve(app, host="127.0.0.1", port=port, threads=SERVE_THREADS, ident="bare")


def serve_strava(port: int) -> None:
    """The Strava emulator's app under plain waitress, in its own process."""
    import waitress

    from connector.emulator.app import create_app
    from connector.emulator.state import EmulatorState

    state = EmulatorState(CLIENT_ID, CLIENT_SECRET)
    waitress.serve(create_app(state), host="127.0.0.1", port=port, threads=SERVE_THREADS, ident="strava-emulator",
                   _quiet=True)


# -- the load --------------------------------------------------------------------


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Figures:
    name: str
    latencies_s: list[float]
    wall_s: float
    failures: int
    server_cpu_s: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies_s) / self.wall_s

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies_s)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def line(self) -> str:
        return (f"{self.name:<5} {len(self.latencies_s):>5} acks in {self.wall_s:6.2f} s  "
                f"{self.throughput:7.0f}/s  p50 {self.pct(0.50) * 1000:6.1f} ms  "
                f"p99 {self.pct(0.99) * 1000:6.1f} ms  max {max(self.latencies_s) * 1000:6.1f} ms  "
                f"server CPU {self.server_cpu_s / len(self.latencies_s) * 1000:.2f} ms/ack  "
                f"failures {self.failures}")


def fire(name: str, url: str, bodies: list[bytes], senders: int, server_pid: int) -> Figures:
    """POST every body from ``senders`` threads; each thread takes the next body until none is left."""
    lock = threading.Lock()
    cursor = iter(bodies)
    latencies: list[float] = []
    failures = [0]
    start = threading.Barrier(senders + 1)

    def send() -> None:
        mine: list[float] = []
        bad = 0
        with requests.Session() as session:
            session.trust_env = False
            start.wait()
            while True:
                with lock:
                    body = next(cursor, None)
                if body is None:
                    break
                began = time.perf_counter()
                answer = session.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=10)
                mine.append(time.perf_counter() - began)
                if answer.status_code != 200:
                    bad += 1
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    start.wait()
    began, cpu_before = time.perf_counter(), cpu_s(server_pid)
    for thread in threads:
        thread.join()
    wall_s = time.perf_counter() - began
    return Figures(name, latencies, wall_s, failures[0], cpu_s(server_pid) - cpu_before)


def event_bodies(count: int, first_id: int, subscription_id: int | None, runners: int = 1) -> list[bytes]:
    """Create events for the new runs: run ``n`` belongs to runner ``n % runners``."""
    now = int(time.time())
    return [json.dumps({"aspect_type": "create", "event_time": now, "object_id": first_id + n,
                        "object_type": "activity", "owner_id": ATHLETE_ID + n % runners,
                        "subscription_id": subscription_id, "updates": {}}).encode()
            for n in range(count)]


# -- our side: emulator, serve, subscription, connected runners ---------------------------


def strava_world(count: int, runners: int = 1) -> tuple[list[dict], list[dict], list[dict]]:
    """The runners, six weeks of history each, and ``count`` new runs for the events.

    One runner gets a new run an hour (every event is that runner's, and its
    history grows by 24 runs a day); several share the runs round robin, one
    a day each, as a club's runners would."""
    template = json.loads((SAMPLE / "activities" / "11003000101.json").read_text())
    base = json.loads((SAMPLE / "athlete.json").read_text())
    now = datetime.now(timezone.utc)
    athletes = [base | {"id": ATHLETE_ID + r, "firstname": f"Bench{r}" if runners > 1 else "Bench"}
                for r in range(runners)]

    def run(activity_id: int, owner: int, start: datetime, description: str) -> dict:
        return template | {
            "id": activity_id, "athlete": {"id": owner, "resource_state": 1},
            "start_date": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "start_date_local": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "description": description,
        }

    spacing = timedelta(hours=1) if runners == 1 else timedelta(days=1)
    per_runner = -(-count // runners)
    history = [run(FIRST_ACTIVITY_ID - 100 * (r + 1) + n, ATHLETE_ID + r,
                   now - spacing * per_runner - timedelta(days=40 - n), "")
               for r in range(runners) for n in range(0, 40, 2)]
    new = [run(FIRST_ACTIVITY_ID + n, ATHLETE_ID + n % runners, now - spacing * (per_runner - n // runners),
               "Upper back tight #upperback 3")
           for n in range(count)]
    return athletes, history, new


class Ours:
    def __init__(self, tmp: Path, count: int, worker: str = "embedded", runners: int = 1) -> None:
        self.tmp = tmp
        self.worker = worker
        self.count = count
        self.runners = runners
        self.strava_port, self.port = free_port(), free_port()
        self.strava_url = f"http://127.0.0.1:{self.strava_port}"
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("STRAVA_", "RHOMBOID_"))} | {
            "STRAVA_CLIENT_ID": CLIENT_ID, "STRAVA_CLIENT_SECRET": CLIENT_SECRET,
            "RHOMBOID_STRAVA_URL": self.strava_url, "RHOMBOID_BASE_URL": self.url,
            "RHOMBOID_DB": str(tmp / "bench.db"), "RHOMBOID_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "RHOMBOID_VERIFY_TOKEN": "bench-verify", "RHOMBOID_SECRET_KEY": "bench-secret-key-0123456789",
            "SILENCE_TOKEN_WARNINGS": "true",
        }
        self.processes: list[subprocess.Popen] = []
        self.subscription_id: int | None = None

    def _spawn(self, *args: str, log: str) -> subprocess.Popen:
        out = open(self.tmp / log, "ab")
        process = subprocess.Popen([sys.executable, "-m", "webhook.cli", *args], env=self.env, cwd=self.tmp,
                                   start_new_session=True,  # a group of its own: freeze() reaches its children
                                   stdout=out, stderr=out)
        out.close()
        self.processes.append(process)
        return process

    def start(self) -> "Ours":
        out = open(self.tmp / "emulator.log", "ab")
        emulator = self.emulator = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.bench_ack", "--strava", str(self.strava_port)],
            env=self.env, stdout=out, stderr=out, start_new_session=True)
        out.close()
        self.processes.append(emulator)
        wait_for(f"{self.strava_url}/_admin/state", emulator)
        athletes, history, new = strava_world(self.count, self.runners)
        admin = requests.Session()
        for athlete in athletes:
            admin.post(f"{self.strava_url}/_admin/fixtures", json={
                "athlete": athlete, "activities": [a for a in history if a["athlete"]["id"] == athlete["id"]]},
                timeout=60).raise_for_status()
        admin.post(f"{self.strava_url}/_admin/rate_limits", timeout=10, json={
            "short": 10**7, "long": 10**8, "read_short": 10**7, "read_long": 10**8}).raise_for_status()
        serve = self._spawn("serve", "--host", "127.0.0.1", "--port", str(self.port),
                            "--threads", str(SERVE_THREADS),
                            *([] if self.worker == "embedded" else ["--no-worker"]), log="serve.log")
        wait_for(f"{self.url}/healthz", serve)
        self.pid = serve.pid
        if self.worker == "separate":
            self._spawn("worker", log="worker.log")
        made = subprocess.run([sys.executable, "-m", "webhook.cli", "subscription", "create"], env=self.env,
                              cwd=self.tmp, capture_output=True, text=True, timeout=60)
        if made.returncode != 0:
            raise SystemExit(f"subscription create failed: {made.stderr}")
        self.subscription_id = admin.get(f"{self.strava_url}/_admin/subscription", timeout=10).json()["id"]

        from webhook.devtools.demo import connect_through_oauth

        for athlete in athletes:
            landed = connect_through_oauth(self.url, athlete["id"])
            if landed.status_code != 200 or not landed.url.startswith(f"{self.url}/me"):
                raise SystemExit(f"connecting runner {athlete['id']} failed: {landed.status_code} {landed.url}")
        # the new runs appear after the connection, as on Strava: the backfill did not see them
        for athlete in athletes:
            admin.post(f"{self.strava_url}/_admin/fixtures", json={
                "athlete": athlete, "activities": [a for a in new if a["athlete"]["id"] == athlete["id"]]},
                timeout=60).raise_for_status()
        return self

    def stop(self) -> None:
        for process in reversed(self.processes):
            stop(process)

    def inbox(self) -> dict[str, int]:
        import sqlite3

        conn = sqlite3.connect(self.env["RHOMBOID_DB"])
        try:
            return dict(conn.execute("SELECT status, count(*) FROM inbox GROUP BY status").fetchall())
        finally:
            conn.close()


def freeze(processes: list[subprocess.Popen], frozen: bool) -> None:
    """SIGSTOP (or SIGCONT) the processes' groups, children (a worker the
    server restarted too) included: a side that is not being measured must
    not take CPU from the side that is. Each was started in a session of
    its own, so its group is its own."""
    for process in processes:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGSTOP if frozen else signal.SIGCONT)
            except ProcessLookupError:
                pass


def _terminated(signum, frame) -> None:
    raise SystemExit(128 + signum)  # so the finally blocks thaw and stop every process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000, help="event POSTs per server and round (default 2000)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating rounds of ours then bare; the ratio is their median (default 3)")
    parser.add_argument("--senders", type=int, default=16, help="concurrent sender threads (default 16)")
    parser.add_argument("--warmup", type=int, default=100, help="untimed POSTs first (default 100)")
    parser.add_argument("--worker", choices=("embedded", "separate", "none"), default="embedded",
                        help="embedded (default, as `rhomboid serve`), separate (`serve --no-worker` plus "
                             "`rhomboid worker`), none (`serve --no-worker`: the receive path alone)")
    parser.add_argument("--bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--strava", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare:
        serve_bare(args.bare)
        return 0
    if args.strava:
        serve_strava(args.strava)
        return 0

    worker = {"embedded": "runs its embedded worker (fetch + note per event)",
              "separate": "runs with --no-worker, and `rhomboid worker` runs beside it (fetch + note per event)",
              "none": "runs with --no-worker and no worker anywhere (receive path only)"}[args.worker]
    print(f"{args.rounds} rounds of {args.events} valid event POSTs from {args.senders} sender threads, ours then "
          f"bare, the side not measured frozen (SIGSTOP); waitress with {SERVE_THREADS} threads; our server {worker}; "
          f"our worker goes on with the backlog of earlier rounds in each of ours", flush=True)
    signal.signal(signal.SIGTERM, _terminated)
    ratios, p99s, failures = [], [], 0
    with tempfile.TemporaryDirectory(prefix="rhomboid-bench-ack-") as tmp:
        total = args.warmup + args.events * args.rounds
        ours, port = Ours(Path(tmp), total, worker=args.worker), free_port()
        bare_server = subprocess.Popen([sys.executable, "-m", "benchmarks.bench_ack", "--bare", str(port)],
                                       start_new_session=True)
        try:
            ours.start()
            bodies = event_bodies(total, FIRST_ACTIVITY_ID, ours.subscription_id)
            hook, url = f"{ours.url}/strava/webhook/{WEBHOOK_SECRET}", f"http://127.0.0.1:{port}/hook"
            wait_for(f"http://127.0.0.1:{port}/healthz", bare_server)
            fire("warm", url, bodies[: args.warmup], args.senders, bare_server.pid)
            fire("warm", hook, bodies[: args.warmup], args.senders, ours.pid)
            for n in range(args.rounds):
                batch = bodies[args.warmup + n * args.events: args.warmup + (n + 1) * args.events]
                freeze([bare_server], True)
                strava_cpu_s, sender_cpu_s = cpu_s(ours.emulator.pid), time.process_time()
                mine = fire("ours", hook, batch, args.senders, ours.pid)
                strava_cpu_s = cpu_s(ours.emulator.pid) - strava_cpu_s
                sender_cpu_s = time.process_time() - sender_cpu_s
                statuses = ours.inbox()
                freeze([bare_server], False)
                freeze(ours.processes, True)
                bare_sender_cpu_s = time.process_time()
                bare = fire("bare", url, batch, args.senders, bare_server.pid)
                bare_sender_cpu_s = time.process_time() - bare_sender_cpu_s
                freeze(ours.processes, False)
                ratios.append(mine.throughput / bare.throughput)
                p99s.append(mine.pct(0.99) * 1000)
                failures += mine.failures + bare.failures
                print(f"round {n + 1}: ours/bare throughput {ratios[-1]:.2f}")
                print("  " + mine.line())
                print("  " + bare.line())
                print(f"  inbox when the senders finished: {statuses}")
                print(f"  other CPU per ack: senders {sender_cpu_s / args.events * 1000:.2f} ms (bare round "
                      f"{bare_sender_cpu_s / args.events * 1000:.2f} ms), Strava emulator during ours "
                      f"{strava_cpu_s / args.events * 1000:.2f} ms; load average {os.getloadavg()[0]:.2f}",
                      flush=True)
        finally:
            freeze(ours.processes + [bare_server], False)
            stop(bare_server)
            ours.stop()

    ratio, p99_ms = statistics.median(ratios), max(p99s)
    print(f"ours/bare throughput, median of {len(ratios)} rounds: {ratio:.2f} "
          f"(rounds {', '.join(f'{r:.2f}' for r in ratios)}; target >= 0.80: {'met' if ratio >= 0.8 else 'MISSED'})")
    print(f"our p99, worst round: {p99_ms:.1f} ms (target < 100 ms: {'met' if p99_ms < 100 else 'MISSED'})")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
