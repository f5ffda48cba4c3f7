"""The one scheduler process: works the inbox, purges old data, sends alerts.

Exactly one worker runs per database. It holds an exclusive lock on
``<db>.worker.lock`` for its whole life, so a second ``rhomboid worker`` (or a
second ``serve`` with its worker process) refuses to start instead of
double-processing. Because the lock proves no other worker is alive, events
left 'processing' by a killed worker are taken back at start-up.

The drain stops, rather than claiming event after event only to put each
back, when Strava cannot be asked: the rate budget is spent (every due event
is moved to the window's reset in one statement) or Strava keeps failing
(the circuit breaker lets one probe through at a time; when Strava answers
again, the events backing off from its failures are due at once).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from datetime import datetime, timezone
from typing import IO

from apscheduler.schedulers.background import BackgroundScheduler

from connector.breaker import StravaUnavailable
from connector.logs import about
from connector.strava import Deferred, StravaError
from webhook import inbox, retention
from webhook.processing import Result, process_event
from webhook.services import Services
from webhook.store import pipeline
from webhook.worker_process import lock_path

log = logging.getLogger(__name__)

POLL_S = 0.25  # a separate worker hears of new events only by polling; an idle poll is one read, no lock
FOREVER_S = 100 * 365 * 86400  # a deauthorization is retried until Strava answers (backoff capped at 1 h)
PURGE_EVERY_S = 3600
BUDGET_SAVE_S = 5  # /metrics may lag the budget by this much; saving per event would cost a write each
ALERTS_EVERY_S = 30


class _WakeSkipped(logging.Filter):
    """A wake-up that finds the inbox job's instances busy is dropped on
    purpose: the drain that runs sees ``_wanted`` and takes the new event
    (or the next poll does, within POLL_S). It is not a problem to log."""

    def filter(self, record: logging.LogRecord) -> bool:
        job = record.args[0] if isinstance(record.args, tuple) and record.args else None
        return not (getattr(job, "id", None) == "inbox" and "maximum number of running" in str(record.msg))


_scheduler_log = logging.getLogger("apscheduler.scheduler.rhomboid")
_scheduler_log.addFilter(_WakeSkipped())


class WorkerAlreadyRunning(RuntimeError):
    pass


class Worker:
    def __init__(self, services: Services, *, poll_s: float = POLL_S) -> None:
        self.services = services
        self.poll_s = poll_s
        self._lock_file: IO | None = None
        self._scheduler: BackgroundScheduler | None = None
        self._drain_lock = threading.Lock()
        self._wanted = threading.Event()
        self._stopping = threading.Event()  # stop(): no new event is claimed
        self._wake_sent = threading.Event()  # wake() asked the scheduler for a drain that has not begun
        self._paused_until: datetime | None = None  # Strava cannot be asked before this
        self._seen_recoveries = 0
        self._saved_health: tuple | None = None
        self._saved_budget: dict | None = None
        self._budget_saved_at: datetime | None = None

    # -- life cycle -----------------------------------------------------------

    def acquire(self, wait_s: float = 0) -> None:
        """Take the one-worker-per-database lock and recover a crashed worker's events.

        ``wait_s``: how long to wait for a worker that is stopping (a
        server's restarted worker process) before refusing to start."""
        path = lock_path(self.services.config.db_path)
        handle = open(path, "a+")
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                handle.close()
                raise WorkerAlreadyRunning(
                    f"another Rhomboid worker is already running for {self.services.config.db_path} "
                    f"(lock {path}); run one worker per database"
                ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._lock_file = handle
        db = self.services.db()
        try:
            back = inbox.reclaim_stuck(
                db, self.services.clock(), older_than_s=0, max_attempts=self.services.config.max_attempts
            )
        finally:
            db.close()
        if back:
            log.warning("took back %d event(s) a stopped worker was processing", back)

    def start(self, wait_s: float = 0) -> "Worker":
        """Acquire the lock and start the scheduler in background threads."""
        self.acquire(wait_s)
        scheduler = BackgroundScheduler(timezone=timezone.utc, logger=_scheduler_log)
        # two instances: a poll that fires during a long drain returns at once
        # (see drain) instead of being logged as a skipped run every second
        scheduler.add_job(self.drain, "interval", seconds=self.poll_s, id="inbox",
                          max_instances=2, coalesce=True, next_run_time=datetime.now(timezone.utc))
        scheduler.add_job(self.purge, "interval", seconds=PURGE_EVERY_S, id="purge",
                          max_instances=1, coalesce=True, next_run_time=datetime.now(timezone.utc))
        scheduler.add_job(self.send_alerts, "interval", seconds=ALERTS_EVERY_S, id="alerts",
                          max_instances=1, coalesce=True)
        scheduler.start()
        self._scheduler = scheduler
        self.services.wake_worker = self.wake
        return self

    def wake(self) -> None:
        """Run the inbox job now rather than at its next poll.

        Called for every event received, so it must be cheap: while a drain
        runs, the drain itself picks the new event up (see :meth:`drain`).
        """
        self._wanted.set()
        if self._drain_lock.locked() or self._wake_sent.is_set():
            return  # a drain runs, or one is on its way: it will see _wanted
        self._wake_sent.set()
        if self._scheduler is not None and self._scheduler.running:
            try:
                self._scheduler.modify_job("inbox", next_run_time=datetime.now(timezone.utc))
            except Exception:  # the scheduler is shutting down
                log.debug("wake ignored", exc_info=True)

    def stop(self) -> None:
        """Finish the event in hand (not the whole backlog), then stop."""
        self._stopping.set()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    # -- jobs -----------------------------------------------------------------

    def drain(self) -> int:
        """Process due events until none is left; return how many were handled.

        One drain at a time. A drain or wake() that finds another drain
        running leaves ``_wanted`` set and returns: the running drain either
        claims after that event was stored or, seeing ``_wanted``, looks again.
        """
        handled = 0
        self._wake_sent.clear()
        self._wanted.set()
        while self._wanted.is_set():
            if not self._drain_lock.acquire(blocking=False):
                return handled
            try:
                self._wanted.clear()
                while not self.paused() and not self._stopping.is_set():
                    if self.process_next() is None:
                        break
                    handled += 1
            finally:
                self._drain_lock.release()
        return handled

    def paused(self) -> bool:
        """True while Strava cannot be asked: the budget is spent, or Strava
        is failing and the next probe is not due. Events stay where they are."""
        now = self.services.clock()
        if self._paused_until is not None and now < self._paused_until:
            return True
        self._paused_until = None
        return self.services.breaker.blocked_until(now) is not None

    def process_next(self) -> tuple[dict, Result | None] | None:
        """Claim and handle one due event: (event, result), or None when idle.

        The result is None when the event was deferred or will be retried.
        """
        db = self.services.thread_db()
        now = self.services.clock()
        claimed = inbox.claim(db, now, limit=1, max_attempts=self.services.config.max_attempts)
        if not claimed:
            return None
        event = claimed[0]
        return event, self._handle(db, event)

    def _handle(self, db, event: dict) -> Result | None:
        with about(f"event {event['id']}"):
            try:
                return self._process(db, event)
            finally:
                self._note_strava_state(db)

    def _process(self, db, event: dict) -> Result | None:
        now = self.services.clock()
        event_id = event["id"]
        try:
            result = process_event(self.services, db, event)
        except StravaUnavailable as error:
            # not tried: the event waits for the probe without spending anything
            inbox.defer(db, event_id, error.retry_at, f"waiting for Strava: {error}")
            self._paused_until = error.retry_at
            return None
        except Deferred as error:
            moved = inbox.defer_due(db, event_id, error.retry_at, f"rate limit: {error}")
            self._paused_until = error.retry_at
            log.info("event %s and %d waiting event(s) deferred until %s (rate limit)",
                     event_id, moved, error.retry_at.isoformat())
            return None
        except StravaError as error:  # 5xx, timeout: retried on the time budget
            status = inbox.fail(db, event_id, str(error), now, retry_for_s=self._retry_for_s(event))
            log.warning("event %s failed (%s), now %s", event_id, error, status)
            return None
        except Exception as error:  # a bug: keep the event for a few retries, log with context
            log.exception("event %s (%s %s %s) crashed", event_id, event.get("object_type"),
                          event.get("aspect_type"), event.get("object_id"))
            inbox.fail(db, event_id, f"{type(error).__name__}: {error}", now, self.services.config.max_attempts)
            return None
        inbox.complete(db, event_id, result.outcome, result.reason)
        return result

    def _retry_for_s(self, event: dict) -> int:
        """A deauthorization is retried until Strava answers: Strava sends it
        once, and giving up would keep a runner's data we must delete."""
        updates = event.get("updates") or {}
        if event.get("object_type") == "athlete" and str(updates.get("authorized", "")).lower() == "false":
            return FOREVER_S
        return self.services.config.retry_hours * 3600

    def _note_strava_state(self, db) -> None:
        """After each event: resume what waited on a Strava that answers again,
        and save the breaker's and the budget's state for other processes
        (only when it changed: this runs for every event)."""
        now = self.services.clock()
        health = self.services.breaker.health()
        if health.recoveries != self._seen_recoveries:
            self._seen_recoveries = health.recoveries
            resumed = inbox.resume_waiting(db, now)
            log.warning("Strava answers again: %d waiting event(s) resume now", resumed)
        key = (health.state, health.since, health.next_probe_at)
        if key != self._saved_health:
            pipeline.save_strava_health(db, health.state, health.since, health.next_probe_at,
                                        health.last_error, now)
            self._saved_health = key
        if self._budget_saved_at is None or abs((now - self._budget_saved_at).total_seconds()) >= BUDGET_SAVE_S:
            windows = self.services.budget.windows(now)
            if windows != self._saved_budget:
                pipeline.save_rate_budget(db, windows, now)
                self._saved_budget, self._budget_saved_at = windows, now

    def purge(self) -> int:
        """Delete what is past its retention: raw payloads, finished events, sent alerts."""
        config = self.services.config
        db = self.services.db()
        try:
            purged = retention.purge(db, self.services.clock(), config.raw_retention_days,
                                     config.inbox_retention_days)
        finally:
            db.close()
        if purged.total:
            log.info("purged %d raw Strava payload(s), %d inbox event(s), %d coach alert(s)",
                     purged.raw_payloads, purged.inbox, purged.outbox)
        return purged.total

    def send_alerts(self) -> dict:
        from webhook import outbox

        db = self.services.db()
        try:
            config = self.services.config
            return outbox.send_due(db, self.services.clock(), config.smtp_url, config.mail_from,
                                   max_attempts=config.max_attempts)
        finally:
            db.close()
