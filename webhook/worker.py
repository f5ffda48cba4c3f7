"""The one scheduler process: works the inbox, purges raw payloads, sends alerts.

Exactly one worker runs per database. It holds an exclusive lock on
``<db>.worker.lock`` for its whole life, so a second ``rhomboid worker`` (or a
second ``serve`` with the embedded worker) refuses to start instead of
double-processing. Because the lock proves no other worker is alive, events
left 'processing' by a killed worker are taken back at start-up.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
import threading
from datetime import datetime, timedelta, timezone
from typing import IO

from apscheduler.schedulers.background import BackgroundScheduler

from connector.strava import Deferred, StravaError, TransientError
from webhook import inbox, store
from webhook.processing import Result, process_event
from webhook.services import Services

log = logging.getLogger(__name__)

POLL_S = 1.0
RECEIVING_QUIET_S = 0.05  # no delivery for this long: the burst is over
YIELD_STEP_S = 0.01
MAX_YIELD_S = 1.0  # per event
UNLIMITED_ATTEMPTS = 2**31  # the backoff is capped (1 h), so this retries hourly
PURGE_EVERY_S = 3600
ALERTS_EVERY_S = 30


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

    # -- life cycle -----------------------------------------------------------

    def acquire(self) -> None:
        """Take the one-worker-per-database lock and recover a crashed worker's events."""
        path = f"{os.path.abspath(self.services.config.db_path)}.worker.lock"
        handle = open(path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
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

    def start(self) -> "Worker":
        """Acquire the lock and start the scheduler in background threads."""
        self.acquire()
        scheduler = BackgroundScheduler(timezone=timezone.utc)
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
        if self._drain_lock.locked():
            return
        if self._scheduler is not None and self._scheduler.running:
            try:
                self._scheduler.modify_job("inbox", next_run_time=datetime.now(timezone.utc))
            except Exception:  # the scheduler is shutting down
                log.debug("wake ignored", exc_info=True)

    def stop(self) -> None:
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
        self._wanted.set()
        while self._wanted.is_set():
            if not self._drain_lock.acquire(blocking=False):
                return handled
            try:
                self._wanted.clear()
                while True:
                    self._yield_to_receiving()
                    if self.process_next() is None:
                        break
                    handled += 1
            finally:
                self._drain_lock.release()
        return handled

    def _yield_to_receiving(self) -> None:
        """In the embedded worker, let a burst of webhook deliveries be
        acknowledged first: Strava wants each 200 within 2 s, while a note may
        land a moment later. At most MAX_YIELD_S per event, so a stream of
        deliveries slows notes to one a second but never stops them; Strava's
        own rate limit (two calls per event, 100 calls per 15 minutes) keeps
        sustained processing far below that anyway."""
        waited = 0.0
        while waited < MAX_YIELD_S and time.monotonic() - self.services.last_received < RECEIVING_QUIET_S:
            time.sleep(YIELD_STEP_S)
            waited += YIELD_STEP_S

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
        now = self.services.clock()
        try:
            result = process_event(self.services, db, event)
        except Deferred as error:
            inbox.defer(db, event["id"], error.retry_at, f"rate limit: {error}")
            log.info("event %s deferred until %s", event["id"], error.retry_at.isoformat())
            return None
        except (TransientError, StravaError) as error:
            status = inbox.fail(db, event["id"], str(error), now, self._attempts_for(event))
            log.warning("event %s failed (%s), now %s", event["id"], error, status)
            return None
        except Exception as error:  # a bug: keep the event for retry, log with context
            log.exception("event %s (%s %s %s) crashed", event["id"], event.get("object_type"),
                          event.get("aspect_type"), event.get("object_id"))
            inbox.fail(db, event["id"], f"{type(error).__name__}: {error}", now, self.services.config.max_attempts)
            return None
        inbox.complete(db, event["id"], result.outcome, result.reason)
        return result

    def _attempts_for(self, event: dict) -> int:
        """A deauthorization is retried until Strava answers: Strava sends it
        once, and giving up would keep a runner's data we must delete."""
        updates = event.get("updates") or {}
        if event.get("object_type") == "athlete" and str(updates.get("authorized", "")).lower() == "false":
            return UNLIMITED_ATTEMPTS
        return self.services.config.max_attempts

    def purge(self) -> int:
        """Drop raw Strava payloads older than the retention period."""
        now = self.services.clock()
        cutoff = now - timedelta(days=self.services.config.raw_retention_days)
        db = self.services.db()
        try:
            purged = store.purge_raw(db, cutoff)
        finally:
            db.close()
        if purged:
            log.info("purged %d raw Strava payload(s) fetched before %s", purged, cutoff.isoformat())
        return purged

    def send_alerts(self) -> dict:
        from webhook import outbox

        db = self.services.db()
        try:
            config = self.services.config
            return outbox.send_due(db, self.services.clock(), config.smtp_url, config.mail_from,
                                   max_attempts=config.max_attempts)
        finally:
            db.close()
