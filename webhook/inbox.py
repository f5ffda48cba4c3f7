"""The durable inbox: Strava webhook events, stored before we answer 200.

The webhook endpoint only validates and enqueues, so it answers well inside
Strava's 2 seconds; the worker claims events and processes them. Every event
is kept until it is done, ignored or dead, so nothing is lost to a crash, a
Strava outage or an exhausted rate budget.

Life of an event::

    pending ──claim──▶ processing ──complete──▶ done | ignored
       ▲                   │ fail (backoff) ──▶ pending, or dead once the retry budget is spent
       └───────────────────┘ defer (rate budget, Strava down), reclaim_stuck (worker died)

Strava failures (5xx, timeouts) are retried on a *time* budget counted from
the event's first failure (``RHOMBOID_RETRY_HOURS``), so an outage of any
length up to the budget loses nothing. A crash of our own code is retried a
few times by count (``max_attempts``): a bug does not heal with time.

Strava retries deliveries and sends duplicates, so each event has a dedup
key and a second copy is acknowledged without being stored again.

``attempts`` counts claims: a worker that dies mid-event has still used an
attempt, so an event that crashes the worker every time ends up dead instead
of looping forever. A deferral gives its attempt back.

Claims and deferrals use the partial index ``inbox_due`` (pending events by
``next_attempt_at, id``): taking the next event, or moving every due event
to a later time, costs the same with 20,000 events waiting as with 10.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from webhook.db import epoch_s, write_transaction

STATUSES = ("pending", "processing", "done", "ignored", "dead")
MAX_ATTEMPTS = 8
BACKOFF_BASE_S = 5
BACKOFF_CAP_S = 3600
RETRY_FOR_S = 24 * 3600  # RHOMBOID_RETRY_HOURS' default
LEASE_S = 600  # a claim older than this belongs to a worker that died

_REQUIRED = {"object_type": str, "object_id": int, "aspect_type": str}


def dedup_key(event: Mapping[str, Any]) -> str:
    """The identity of a delivery: the same event sent twice has the same key."""
    parts = [
        _int_or_none(event.get("subscription_id")),
        event.get("object_type"),
        _int_or_none(event.get("object_id")),
        event.get("aspect_type"),
        _int_or_none(event.get("event_time")),
        event.get("updates") or {},
    ]
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def enqueue(
    db: Database,
    event: Mapping[str, Any],
    now: datetime | float,
    status: str = "pending",
    reason: str | None = None,
    *,
    commit: bool = True,
) -> tuple[int, bool]:
    """Store a webhook event; return ``(id, is_new)``.

    ``commit=False`` leaves the commit to the caller's open transaction (the
    receiver stores several events per commit); otherwise the event is
    stored in a transaction of its own (a savepoint inside a caller's).

    A duplicate delivery stores nothing and returns the first copy's id with
    ``is_new`` False. ``status='ignored'`` (with a reason) records an event
    we acknowledge but will not process, such as a foreign subscription.
    Raises ValueError for an event without the fields every Strava event has.
    """
    if not commit:
        return enqueue_many(db, [(event, now, status, reason)])[0]
    with write_transaction(db):  # rolls back on failure, never leaves a transaction open
        return enqueue_many(db, [(event, now, status, reason)])[0]


def enqueue_many(db: Database, events: list[tuple[Mapping[str, Any], datetime | float, str, str | None]]
                 ) -> list[tuple[int, bool]]:
    """Store several events in the caller's open transaction; ``(id, is_new)``
    for each, as :func:`enqueue` would answer them one after the other.

    One INSERT for them all: the receiver stores a burst's events in one
    commit, and a statement per event cost most of that commit's time. An
    event that is already stored, or that appears twice in ``events``, is
    stored once: the later copies answer the first one's id, not new.
    """
    if not events:
        return []
    rows = [_row(*event) for event in events]
    columns = tuple(rows[0])
    one = f"({', '.join('?' for _ in columns)})"
    inserted = dict((key, row_id) for row_id, key in db.conn.execute(
        f"INSERT INTO inbox ({', '.join(columns)}) VALUES {', '.join(one for _ in rows)} "
        "ON CONFLICT (dedup_key) DO NOTHING RETURNING id, dedup_key",
        [row[column] for row in rows for column in columns],
    ).fetchall())
    keys = [row["dedup_key"] for row in rows]
    missing = sorted(set(keys) - inserted.keys())
    existing = dict((key, row_id) for key, row_id in db.conn.execute(
        f"SELECT dedup_key, id FROM inbox WHERE dedup_key IN ({', '.join('?' for _ in missing)})", missing,
    ).fetchall()) if missing else {}
    answers, seen = [], set()
    for key in keys:
        if key in inserted and key not in seen:
            answers.append((inserted[key], True))
        else:
            answers.append((inserted.get(key) or existing[key], False))
        seen.add(key)
    return answers


def _row(event: Mapping[str, Any], now: datetime | float, status: str, reason: str | None) -> dict:
    """The inbox row of an event (raises ValueError as :func:`enqueue` says)."""
    if status not in ("pending", "ignored"):
        raise ValueError(f"an event is enqueued 'pending' or 'ignored', not {status!r}")
    _check(event)
    updates = event.get("updates") or {}
    received = epoch_s(now)
    return {
        "dedup_key": dedup_key(event),
        "subscription_id": _int_or_none(event.get("subscription_id")),
        "object_type": event["object_type"],
        "object_id": int(event["object_id"]),
        "aspect_type": event["aspect_type"],
        "owner_id": _int_or_none(event.get("owner_id")),
        "updates": _dumps(updates),
        "event_time": _int_or_none(event.get("event_time")),
        "received_at": received,
        "status": status,
        "next_attempt_at": received,
        "outcome": "ignored" if status == "ignored" else None,
        "reason": reason,
        "finished_at": received if status == "ignored" else None,
    }


def claim(
    db: Database,
    now: datetime | float,
    limit: int = 1,
    lease_s: int = LEASE_S,
    max_attempts: int = MAX_ATTEMPTS,
) -> list[dict]:
    """Take up to ``limit`` due events for processing, earliest due first
    (received order among events due at the same time).

    Safe against other workers: one statement marks the rows and returns
    them, so no two claims ever get the same event. Claims older than
    ``lease_s`` are first taken back from the worker that died holding them.
    """
    at = epoch_s(now)
    # Read first: an idle poll (every second) or the look after the last
    # event finds nothing, and must not take the write lock the webhook's
    # acks are waiting for.
    due, stuck = db.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM inbox INDEXED BY inbox_due WHERE status = 'pending' "
        "AND next_attempt_at <= :now), EXISTS (SELECT 1 FROM inbox INDEXED BY inbox_processing "
        "WHERE status = 'processing' AND claimed_at <= :cutoff)",
        {"now": at, "cutoff": at - lease_s},
    ).fetchone()
    if not due and not stuck:
        return []
    with write_transaction(db):
        if stuck:
            reclaim_stuck(db, at, older_than_s=lease_s, max_attempts=max_attempts)
        rows = db.execute(
            """
            UPDATE inbox SET status = 'processing', claimed_at = :now, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM inbox INDEXED BY inbox_due
                WHERE status = 'pending' AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id LIMIT :limit
            )
            RETURNING *
            """,
            {"now": at, "limit": limit},
        )
        columns = [d[0] for d in rows.description]
        claimed = [_event(dict(zip(columns, row))) for row in rows.fetchall()]
    return sorted(claimed, key=lambda event: event["id"])


def complete(db: Database, event_id: int, outcome: str, reason: str | None = None) -> bool:
    """Finish a claimed event with its outcome (noted, skipped, deleted, ignored, error).

    'ignored' files the event as ignored and 'error' (a permanent failure
    such as an activity Strava no longer has) as dead, where an operator can
    see and retry it; anything else is done. False if the event is no longer
    being processed (reclaimed, or deleted with its athlete).
    """
    status = {"ignored": "ignored", "error": "dead"}.get(outcome, "done")
    return _update(
        db,
        event_id,
        "status = ?, outcome = ?, reason = ?, finished_at = coalesce(claimed_at, received_at)",
        [status, outcome, reason],
        only="processing",
    )


def fail(
    db: Database,
    event_id: int,
    error: str,
    now: datetime | float,
    max_attempts: int = MAX_ATTEMPTS,
    *,
    retry_for_s: int | None = None,
    rand: Callable[[], float] = random.random,
) -> str | None:
    """Record a failed attempt; retry later, or give up.

    With ``retry_for_s`` (a Strava failure: 5xx, timeout) the event gives up
    once that many seconds have passed since its first failure, however many
    attempts that took; without it (our own code failed) after
    ``max_attempts`` attempts. The delay is exponential with full jitter
    (uniform between 0 and min(cap, base·2^(attempts−1))), so retries from
    an outage spread out instead of arriving together. Returns the new
    status ('pending' or 'dead'), or None if the event is not being processed.
    """
    at = epoch_s(now)
    with write_transaction(db):
        row = db.execute(
            "SELECT attempts, coalesce(failing_since, ?) FROM inbox WHERE id = ? AND status = 'processing'",
            [at, event_id],
        ).fetchone()
        if row is None:
            return None
        attempts, since = row
        if retry_for_s is not None:
            spent = at - since >= retry_for_s
            why = f"gave up after {_hours(at - since)} of Strava failing ({attempts} attempts): {error}"
        else:
            spent = attempts >= max_attempts
            why = f"gave up after {attempts} attempts: {error}"
        if spent:
            _update(
                db,
                event_id,
                "status = 'dead', last_error = ?, outcome = 'error', reason = ?, finished_at = ?, failing_since = ?",
                [error, why, at, since],
            )
            return "dead"
        delay = rand() * min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(attempts - 1, 0))
        retry_at = at + round(delay)
        _update(
            db,
            event_id,
            "status = 'pending', last_error = ?, next_attempt_at = ?, failing_since = ?, reason = ?",
            [error, retry_at, since if retry_for_s is not None else None, f"retry at {hhmm(retry_at)}: {error}"],
        )
        return "pending"


def defer(db: Database, event_id: int, until: datetime | float, reason: str) -> bool:
    """Put a claimed event back until ``until`` without using up an attempt
    (the rate budget is spent; nothing went wrong with the event)."""
    return _update(
        db,
        event_id,
        "status = 'pending', attempts = max(attempts - 1, 0), next_attempt_at = ?, reason = ?",
        [epoch_s(until), reason],
        only="processing",
    )


def defer_due(db: Database, event_id: int | None, until: datetime | float, reason: str) -> int:
    """The rate budget is spent: put the claimed event back and move every
    event due before ``until`` there too, in one statement; return how many
    waiting events moved.

    Claiming them one by one only to defer each again would cost a write
    per event for nothing (20,000 writes for a day's backlog).
    """
    at = epoch_s(until)
    with write_transaction(db):
        if event_id is not None:
            defer(db, event_id, at, reason)
        return db.execute(
            "UPDATE inbox INDEXED BY inbox_due SET next_attempt_at = ?, reason = ? "
            "WHERE status = 'pending' AND next_attempt_at < ?",
            [at, reason, at],
        ).rowcount


def resume_waiting(db: Database, now: datetime | float) -> int:
    """Strava answers again: every event backing off from a Strava failure is
    due now rather than at the end of its backoff; return how many."""
    at = epoch_s(now)
    return db.execute(
        "UPDATE inbox INDEXED BY inbox_due SET next_attempt_at = ?, reason = 'Strava answers again' "
        "WHERE status = 'pending' AND next_attempt_at > ? AND failing_since IS NOT NULL",
        [at, at],
    ).rowcount


def reclaim_stuck(
    db: Database,
    now: datetime | float,
    older_than_s: int = LEASE_S,
    max_attempts: int = MAX_ATTEMPTS,
) -> int:
    """Return events a crashed worker left 'processing' to 'pending' (or to
    'dead' once they have used every attempt); return how many."""
    at = epoch_s(now)
    with write_transaction(db):
        stuck = "status = 'processing' AND claimed_at <= :cutoff"
        dead = db.execute(
            f"""
            UPDATE inbox INDEXED BY inbox_processing SET status = 'dead', outcome = 'error', finished_at = :now,
                last_error = 'the worker stopped while processing this event',
                reason = 'gave up after ' || attempts || ' attempts: the worker kept stopping'
            WHERE {stuck} AND attempts >= :max_attempts
            """,
            {"now": at, "cutoff": at - older_than_s, "max_attempts": max_attempts},
        ).rowcount
        back = db.execute(
            f"UPDATE inbox INDEXED BY inbox_processing SET status = 'pending', next_attempt_at = :now WHERE {stuck}",
            {"now": at, "cutoff": at - older_than_s},
        ).rowcount
    return dead + back


def get_event(db: Database, event_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM inbox WHERE id = ?", [event_id]))
    return _event(rows[0]) if rows else None


def list_events(db: Database, status: str | None = None, limit: int = 50) -> list[dict]:
    """The most recent events first, optionally only those with ``status``."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: choose from {', '.join(STATUSES)}")
    where = "" if status is None else "WHERE status = :status"
    sql = f"SELECT * FROM inbox {where} ORDER BY id DESC LIMIT :limit"
    return [_event(row) for row in db.query(sql, {"status": status, "limit": limit})]


def status_counts(db: Database) -> dict[str, int]:
    """How many events are in each status (every status listed, zeros too)."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, count in db.execute("SELECT status, count(*) FROM inbox GROUP BY status"):
        counts[status] = count
    return counts


def retry(db: Database, event_id: int) -> bool:
    """Queue an event to be processed again now, with a fresh set of attempts.

    False for an unknown event or one being processed right now.
    """
    return _update(db, event_id, _RETRY, [], exclude="processing")


def retry_dead(db: Database) -> int:
    """Queue every dead event again; return how many."""
    return db.execute(f"UPDATE inbox SET {_RETRY} WHERE status = 'dead'").rowcount


# next_attempt_at 0 is "due at any time", so retrying needs no clock
_RETRY = (
    "status = 'pending', attempts = 0, next_attempt_at = 0, outcome = NULL, reason = NULL, "
    "failing_since = NULL, finished_at = NULL"
)


def _update(
    db: Database,
    event_id: int,
    assignments: str,
    params: list,
    *,
    only: str | None = None,
    exclude: str | None = None,
) -> bool:
    sql = f"UPDATE inbox SET {assignments} WHERE id = ?"
    params = [*params, event_id]
    if only is not None:
        sql += " AND status = ?"
        params.append(only)
    if exclude is not None:
        sql += " AND status != ?"
        params.append(exclude)
    return db.execute(sql, params).rowcount == 1


def _check(event: Mapping[str, Any]) -> None:
    if not isinstance(event, Mapping):
        raise ValueError("a webhook event is a JSON object")
    for name, kind in _REQUIRED.items():
        value = event.get(name)
        if kind is int and _int_or_none(value) is None:
            raise ValueError(f"event field {name!r} must be an integer, got {value!r}")
        if kind is str and (not isinstance(value, str) or not value):
            raise ValueError(f"event field {name!r} must be a non-empty string, got {value!r}")
    updates = event.get("updates")
    if updates is not None and not isinstance(updates, Mapping):
        raise ValueError(f"event field 'updates' must be an object, got {updates!r}")
    for name in ("owner_id", "subscription_id", "event_time"):
        value = event.get(name)
        if value is not None and _int_or_none(value) is None:
            raise ValueError(f"event field {name!r} must be an integer, got {value!r}")


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _event(row: dict) -> dict:
    """The stored event, with ``body``: Strava's POST body, rebuilt from the
    columns that hold each of its fields (stored once, not twice)."""
    updates = json.loads(row["updates"])
    body = {name: row[name] for name in _BODY_FIELDS}
    body["updates"] = updates
    return {**row, "updates": updates, "body": {k: v for k, v in body.items() if v is not None}}


_BODY_FIELDS = ("aspect_type", "event_time", "object_id", "object_type", "owner_id", "subscription_id")


def _hours(seconds: int) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds // 60} min"


def hhmm(at: int) -> str:
    """Epoch seconds as a UTC time a person reads in `rhomboid events`."""
    return datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
