"""Strava's webhook endpoint: the handshake, and events stored before the 200.

The endpoint is unsigned, so it defends itself: a secret path segment, a
constant-time verify-token check, a body over 64 KB refused with 413 before
it is read (a Strava event is under 1 KB), events for another subscription or
an unknown athlete acknowledged and not stored at all (only counted, by
reason, for /metrics), and the payload never trusted (the worker re-fetches
the activity). Everything that can go wrong with a body gets a 400 with a
JSON error, never a 500.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import queue
import sqlite3
import threading
from collections import Counter

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from webhook import db as db_module
from webhook import inbox, store
from webhook.db import get_db, open_db
from webhook.store import pipeline

log = logging.getLogger(__name__)
bp = Blueprint("strava_webhook", __name__)

OBJECT_TYPES = ("activity", "athlete")
ASPECT_TYPES = ("create", "update", "delete")
# SQLite stores signed 64-bit integers: a bigger id can be neither stored nor looked up
MAX_ID = 2**63 - 1
MAX_BODY_BYTES = 64 * 1024  # a Strava event is under 1 KB
REFUSED = {"foreign_subscription": "event for another subscription", "unknown_owner": "unknown athlete"}


def _services():
    return current_app.extensions["rhomboid"]


def _check_secret(secret: str) -> None:
    expected = _services().config.webhook_secret
    if not hmac.compare_digest(secret.encode(), expected.encode()):
        abort(404)


@bp.get("/strava/webhook/<secret>")
def handshake(secret: str):
    _check_secret(secret)
    token = request.args.get("hub.verify_token", "")
    challenge = request.args.get("hub.challenge")
    if request.args.get("hub.mode") != "subscribe" or challenge is None:
        return jsonify(error="expected hub.mode=subscribe with a hub.challenge"), 400
    if not hmac.compare_digest(token.encode(), _services().config.verify_token.encode()):
        log.warning("subscription handshake with a wrong verify token")
        return jsonify(error="verify token does not match"), 403
    return jsonify({"hub.challenge": challenge})


def _bad(message: str):
    log.warning("rejected webhook body: %s", message)
    _receiving().refuse("malformed")
    return jsonify(error=message), 400


def _too_large():
    _receiving().refuse("too_large")
    return jsonify(error=f"body over {MAX_BODY_BYTES // 1024} KB: a Strava event is under 1 KB"), 413


def validate_event(body) -> str | None:
    """What is wrong with an event body, or None."""
    if not isinstance(body, dict):
        return "body must be a JSON object"
    for key in ("object_type", "aspect_type"):
        if not isinstance(body.get(key), str):
            return f"{key} must be a string"
    if body["object_type"] not in OBJECT_TYPES:
        return f"object_type must be one of {', '.join(OBJECT_TYPES)}"
    if body["aspect_type"] not in ASPECT_TYPES:
        return f"aspect_type must be one of {', '.join(ASPECT_TYPES)}"
    for key in ("object_id", "owner_id", "event_time", "subscription_id"):
        value = body.get(key)
        if key == "subscription_id" and value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ID:
            return f"{key} must be a non-negative 64-bit integer"
    if not isinstance(body.get("updates", {}), dict):
        return "updates must be an object"
    return None


class _Receiving:
    """Per app: one writer thread that checks and stores every event.

    Every received event must be durable before its 200. Committing each one
    from its own request thread serialises the threads on SQLite's single
    write lock; instead they hand their events to one writer, which stores
    whatever has queued up in one transaction and then releases them all
    (group commit). Under a burst many events share a commit; alone, an event
    waits for nobody. The writer commits with synchronous=FULL: an
    acknowledged event survives even a power cut, and one fsync per batch
    is cheap (a replay, whose events come from files, skips it: see
    ``Services.durable_acks``). Whether an event is ours to keep (our
    subscription, one of our runners) is read in the same transaction, once
    per batch: a read of its own per request cost a fifth of a burst. The
    writer stops after a quiet spell and when the app's services close.
    """

    def __init__(self, db_path: str, durable: bool = True, subscription_id: int | None = None) -> None:
        self.db_path = db_path
        self.durable = durable
        self.subscription_id = subscription_id  # RHOMBOID_SUBSCRIPTION_ID, else the stored one
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        # guards starting and stopping the writer *and* every put, so an
        # idle writer can never exit with an event still queued
        self._start = threading.Lock()

    def store(self, event: dict, now, status: str, reason: str | None) -> tuple[str | None, int | None, bool]:
        """Store ``event`` durably if it is ours to keep: (None, inbox id, is_new),
        or (why it was refused, None, False) for another subscription's event
        or an athlete who is not our runner. The check and the insert share
        the writer's transaction, so a runner deleted meanwhile cannot slip in."""
        item = _Pending((event, now, status, reason))
        self._submit(item)
        if not item.done.wait(timeout=WRITE_TIMEOUT_S):
            raise TimeoutError("the inbox writer did not store the event in time")
        if item.error is not None:
            raise item.error
        return item.result

    def refuse(self, reason: str) -> None:
        """Count an event we answered but did not store; written with the
        next batch, and not waited for (nothing is acknowledged on it)."""
        self._submit(_Refused(reason))

    def _submit(self, item) -> None:
        with self._start:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_forever, name="inbox-writer", daemon=True)
                self._writer.start()
            self._queue.put(item)

    def close(self) -> None:
        with self._start:
            writer = self._writer
            if writer is not None and writer.is_alive():
                self._queue.put(_STOP)
        if writer is not None:
            writer.join(timeout=5)

    def _write_forever(self) -> None:
        db = open_db(self.db_path)
        if self.durable:
            db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA busy_timeout = 0")  # waits in _first_in_line instead
        try:
            while True:
                try:
                    first = self._queue.get(timeout=IDLE_EXIT_S)
                except queue.Empty:
                    with self._start:
                        if self._queue.empty():
                            self._writer = None
                            return
                    continue
                batch, stop = [], first is _STOP
                if not stop:
                    batch.append(first)
                while not stop and len(batch) < MAX_BATCH:
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is _STOP:
                        stop = True
                    else:
                        batch.append(item)
                if batch:
                    self._write(db, batch)
                if stop:
                    return
        finally:
            db.close()

    def _write(self, db, items: list) -> None:
        refused = Counter(item.reason for item in items if isinstance(item, _Refused))
        batch: list[_Pending] = [item for item in items if isinstance(item, _Pending)]
        error: Exception | None = None
        for _ in range(BATCH_TRIES):
            if db.conn.in_transaction:  # never build on a transaction a failure left open
                db.conn.rollback()
            try:
                with _first_in_line(db):
                    results = self._admit(db, batch)
                    for reason, n in refused.items():
                        pipeline.count(db, pipeline.EVENTS_REFUSED, reason, n)
            except sqlite3.OperationalError as failure:  # locked past the busy timeout: try again
                error = failure
                continue
            except Exception as failure:  # cannot happen to a validated event; keep the others
                error = failure
                break
            for item, result in zip(batch, results):
                item.result = result
                item.done.set()
            return
        if not isinstance(error, sqlite3.OperationalError):
            for reason, n in refused.items():
                try:
                    pipeline.count(db, pipeline.EVENTS_REFUSED, reason, n)
                except sqlite3.Error:
                    log.warning("could not count %d refused event(s)", n)
            for item in batch:  # one by one, each in its own transaction
                try:
                    with _first_in_line(db):
                        [item.result] = self._admit(db, [item])
                except Exception as failure:
                    item.error = failure
                item.done.set()
            return
        log.error("could not store %d received event(s): %s; they answer 500 and Strava retries",
                  len(batch), error)
        for item in batch:  # not stored: the 500 makes Strava deliver it again
            item.error = error
            item.done.set()

    def _admit(self, db, batch: list) -> list[tuple[str | None, int | None, bool]]:
        """Inside the write transaction: store each event that is ours, count
        the others by reason (they are acknowledged, never stored). Two reads
        per batch, not per event: the subscription and which owners are ours."""
        if not batch:  # only refusals counted in this batch
            return []
        subscription = self.subscription_id
        if subscription is None:
            row = db.conn.execute("SELECT id FROM subscription ORDER BY created_at DESC LIMIT 1").fetchone()
            subscription = row[0] if row else None
        owners = sorted({item.args[0]["owner_id"] for item in batch})
        ours = {athlete_id for (athlete_id,) in db.conn.execute(
            f"SELECT id FROM athletes WHERE id IN ({', '.join('?' for _ in owners)})", owners)}
        results, refused, keep = [], Counter(), []
        for item in batch:
            event = item.args[0]
            if subscription is not None and event.get("subscription_id") != subscription:
                # whoever sends it, it is not ours to keep
                results.append(("foreign_subscription", None, False))
            elif event["owner_id"] not in ours:
                # not a runner of ours, or one who left: after a deauthorization
                # Strava still retries and sends late events, and storing them
                # would keep rows naming a runner whose data we must delete
                results.append(("unknown_owner", None, False))
            else:
                results.append(None)
                keep.append(item.args)
                continue
            refused[results[-1][0]] += 1
        stored = iter(inbox.enqueue_many(db, keep))
        results = [result or (None, *next(stored)) for result in results]
        for reason, n in refused.items():
            pipeline.count(db, pipeline.EVENTS_REFUSED, reason, n)
        return results


@contextlib.contextmanager
def _first_in_line(db):
    """A write transaction that takes the lock the moment it is free.

    SQLite's busy handler sleeps in growing steps (1, 2, 5, 10, 15, 20, 25,
    25, 50... ms) while another connection writes. The worker's
    transactions last a millisecond or two, so an ack could sleep 25 ms
    for a lock released long before: asking again every half millisecond
    keeps acks fast while the worker writes notes beside them.
    """
    db_module.when_unlocked(lambda: db.conn.execute("BEGIN IMMEDIATE"), LOCK_POLL_S)
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise


LOCK_POLL_S = 0.0005
WRITE_TIMEOUT_S = 30
MAX_BATCH = 128
BATCH_TRIES = 3
IDLE_EXIT_S = 30
_STOP = object()


class _Refused:
    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Pending:
    __slots__ = ("args", "done", "result", "error")

    def __init__(self, args: tuple) -> None:
        self.args = args
        self.done = threading.Event()
        self.result: tuple[int, bool] | None = None
        self.error: Exception | None = None


def _receiving() -> _Receiving:
    extensions = current_app.extensions
    found = extensions.get("rhomboid.receive")
    if found is None:
        services = extensions["rhomboid"]
        created = _Receiving(current_app.config["RHOMBOID_DB"], services.durable_acks, services.config.subscription_id)
        found = extensions.setdefault("rhomboid.receive", created)
        if found is created:
            extensions["rhomboid"].on_close(found.close)
    return found


@bp.post("/strava/webhook/<secret>")
def receive(secret: str):
    _check_secret(secret)
    # checked before a byte of the body is read; the limit also stops a
    # chunked body (no Content-Length) as it is read
    request.max_content_length = MAX_BODY_BYTES
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        return _too_large()
    try:
        body = request.get_json(silent=True, force=True)
    except RequestEntityTooLarge:
        return _too_large()
    except RecursionError:  # nesting too deep for the JSON parser: not a Strava event
        body = None
    if body is None:
        return _bad("body is not valid JSON")
    problem = validate_event(body)
    if problem:
        return _bad(problem)
    services = _services()
    refused, event_id, is_new = _receiving().store(body, services.clock(), "pending", None)
    if refused is not None:  # acknowledged (Strava would only retry), not stored
        return jsonify(status="ignored", id=None, reason=REFUSED[refused])
    if not is_new:
        return jsonify(status="duplicate", id=event_id)
    services.wake_worker()
    return jsonify(status="queued", id=event_id, reason=None)


@bp.get("/strava/webhook/<secret>/events/<int:event_id>")
def event_status(secret: str, event_id: int):
    """What became of one received event (for `rhomboid replay --target`).

    Behind the webhook's secret path *and* the verify token (header
    ``X-Rhomboid-Verify-Token``): the answer holds note text and coach
    addresses, so the path alone is not enough."""
    _check_secret(secret)
    token = request.headers.get("X-Rhomboid-Verify-Token", "")
    if not hmac.compare_digest(token.encode(), _services().config.verify_token.encode()):
        return jsonify(error="X-Rhomboid-Verify-Token does not match"), 403
    db = get_db()
    row = inbox.get_event(db, event_id)
    if row is None:
        return jsonify(error=f"no event {event_id}"), 404
    answer = {k: row.get(k) for k in ("id", "status", "outcome", "reason", "last_error", "attempts")}
    answer["note"], answer["alerts"] = None, []
    if row["object_type"] == "activity" and row["status"] == "done":
        saved = store.get_note(db, row["object_id"])
        answer["note"] = saved["note"] if saved else None
        answer["alerts"] = _alerts_for(db, row["object_id"])
    return jsonify(answer)


def _alerts_for(db, activity_id: int) -> list[dict]:
    rows = db.query(
        """SELECT c.email, c.webhook_url, c.slack_url, o.channel, o.level FROM outbox o
           JOIN coaches c ON c.id = o.coach_id
           WHERE json_extract(o.payload, '$.activity_id') = ? ORDER BY o.id""",
        [activity_id],
    )
    alerts = []
    for row in rows:
        to = {"email": row["email"], "webhook": row["webhook_url"], "slack": row["slack_url"]}.get(row["channel"])
        alerts.append({"to": to, "channel": row["channel"], "level": row["level"]})
    return alerts
