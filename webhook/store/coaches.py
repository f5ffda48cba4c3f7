"""Coaches, the runner's links to them, and the outbox of coach alerts.

A runner invites a coach (``invite_coach``) and expressly consents
(``consent``) before the coach sees anything; ``revoke`` ends it at once and
drops alerts still waiting for that coach. A link is active while
``consented_at`` is set and ``revoked_at`` is null.

Outbox rows are the durable queue behind :mod:`webhook.outbox`: queued once
(a unique ``dedup_key``), claimed atomically before sending, then ``sent`` or,
after failures, ``dead``. A claim is a lease: it pushes ``next_attempt_at``
ahead, so a sender that dies mid-send leaves the row to be retried once the
lease runs out instead of losing it, and no two senders claim the same row.
"""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from webhook.db import epoch_s, write_transaction
from webhook.store._sql import dumps, loads

_COACH_COLUMNS = (
    "c.id, c.name, c.email, c.webhook_url, c.slack_url, c.created_at, c.verified_at, "
    "c.timezone, c.digest_hour, c.quiet_hours, c.signing_secret"
)
_ACTIVE = "l.consented_at IS NOT NULL AND l.revoked_at IS NULL"
_EMAIL = re.compile(r"[^@\s,;<>\"]+@[^@\s,;<>\"]+")
CHANNEL_COLUMNS = {"email": "email", "webhook": "webhook_url", "slack": "slack_url"}


# -- coaches and links ----------------------------------------------------------


def new_signing_secret() -> str:
    """A Standard Webhooks signing secret: ``whsec_`` and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def add_coach(
    db: Database,
    name: str,
    email: str | None = None,
    webhook_url: str | None = None,
    slack_url: str | None = None,
    *,
    now: datetime | float,
) -> dict:
    """Create a coach with the channels they want alerts on; return the coach.

    Every call makes a new coach: matching coaches by email would let one
    runner change where another runner's alerts go.
    """
    email = (email or "").strip() or None
    if email is not None and not _EMAIL.fullmatch(email):
        raise ValueError(f"coach email {email!r} is not an email address")
    webhook_url = _http_url(webhook_url, "webhook URL")
    slack_url = _http_url(slack_url, "Slack webhook URL")
    row = {
        "name": (name or "").strip(),
        "email": email,
        "webhook_url": webhook_url,
        "slack_url": slack_url,
        "created_at": epoch_s(now),
        "signing_secret": new_signing_secret(),
    }
    coach_id = next(
        db.query(
            "INSERT INTO coaches (name, email, webhook_url, slack_url, created_at, signing_secret) "
            "VALUES (:name, :email, :webhook_url, :slack_url, :created_at, :signing_secret) RETURNING id",
            row,
        )
    )["id"]
    return get_coach(db, coach_id)


def get_coach(db: Database, coach_id: int) -> dict | None:
    rows = list(db.query(f"SELECT {_COACH_COLUMNS} FROM coaches c WHERE c.id = ?", [coach_id]))
    return rows[0] if rows else None


def invite_coach(db: Database, athlete_id: int, coach_id: int, now: datetime | float) -> str:
    """Invite a coach to a runner; return the invite token for the coach's link.

    Inviting again while the invite stands returns the same token. After a
    revoke, a new invite starts over: a new token, and the runner must
    consent again.
    """
    with write_transaction(db):
        link = db.execute(
            "SELECT invite_token, revoked_at FROM coach_links WHERE athlete_id = ? AND coach_id = ?",
            [athlete_id, coach_id],
        ).fetchone()
        if link is not None and link[1] is None and link[0]:
            return link[0]
        token = secrets.token_urlsafe(24)
        db.execute(
            """
            INSERT INTO coach_links (athlete_id, coach_id, invite_token, invited_at)
            VALUES (:athlete, :coach, :token, :now)
            ON CONFLICT (athlete_id, coach_id) DO UPDATE SET
                invite_token = excluded.invite_token,
                invited_at = excluded.invited_at,
                consented_at = CASE WHEN revoked_at IS NULL THEN consented_at END,
                revoked_at = NULL
            """,
            {"athlete": athlete_id, "coach": coach_id, "token": token, "now": epoch_s(now)},
        )
    return token


def link_for_invite(db: Database, token: str) -> dict | None:
    """The link an invite token belongs to (while it stands), or None."""
    if not token:
        return None
    rows = list(
        db.query(
            "SELECT athlete_id, coach_id, invited_at, consented_at, revoked_at "
            "FROM coach_links WHERE invite_token = ? AND revoked_at IS NULL",
            [token],
        )
    )
    return rows[0] if rows else None


def consent(db: Database, athlete_id: int, coach_id: int, now: datetime | float) -> bool:
    """Record the runner's express consent to share with an invited coach.

    False when the coach was never invited or the invite was revoked (invite
    again first): consent is given to a standing invitation, nothing else.
    """
    cursor = db.execute(
        "UPDATE coach_links SET consented_at = COALESCE(consented_at, ?) "
        "WHERE athlete_id = ? AND coach_id = ? AND revoked_at IS NULL",
        [epoch_s(now), athlete_id, coach_id],
    )
    return cursor.rowcount > 0


def revoke(db: Database, athlete_id: int, coach_id: int, now: datetime | float) -> bool:
    """End a coach's access to a runner now; False if there was no link.

    The invite token dies with it, and alerts still waiting for this coach
    about this runner are dropped, never sent.
    """
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE coach_links SET revoked_at = ?, invite_token = NULL "
            "WHERE athlete_id = ? AND coach_id = ? AND revoked_at IS NULL",
            [epoch_s(now), athlete_id, coach_id],
        )
        db.execute(
            "UPDATE outbox SET status = 'dead', last_error = 'the runner withdrew consent' "
            "WHERE athlete_id = ? AND coach_id = ? AND status = 'pending'",
            [athlete_id, coach_id],
        )
    return cursor.rowcount > 0


def coaches_for(db: Database, athlete_id: int, consented_only: bool = True) -> list[dict]:
    """A runner's coaches with their link (``invited_at``, ``consented_at``,
    ``revoked_at``, ``active``); by default only those the runner consented to
    and has not revoked."""
    where = f" AND {_ACTIVE}" if consented_only else ""
    rows = db.query(
        f"""
        SELECT {_COACH_COLUMNS}, l.invited_at, l.consented_at, l.revoked_at
        FROM coach_links l JOIN coaches c ON c.id = l.coach_id
        WHERE l.athlete_id = ?{where}
        ORDER BY c.id
        """,
        [athlete_id],
    )
    return [{**r, "active": r["consented_at"] is not None and r["revoked_at"] is None} for r in rows]


def runners_for(db: Database, coach_id: int) -> list[dict]:
    """The runners who consented to share with this coach (and have not revoked)."""
    return list(
        db.query(
            f"""
            SELECT a.id, a.firstname, a.measurement_preference, l.consented_at
            FROM coach_links l JOIN athletes a ON a.id = l.athlete_id
            WHERE l.coach_id = ? AND {_ACTIVE}
            ORDER BY a.firstname, a.id
            """,
            [coach_id],
        )
    )


def _http_url(url: str | None, what: str) -> str | None:
    url = (url or "").strip() or None
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"coach {what} must be an http(s) URL")
    return url


# -- the outbox -----------------------------------------------------------------


def queue_outbox(db: Database, rows: Iterable[dict], *, now: datetime | float) -> list[tuple[int, bool]]:
    """Insert alert rows (athlete_id, coach_id, channel, level, subject, body,
    payload, dedup_key); return ``(id, is_new)`` per row. A row whose
    dedup_key is already queued (or sent) is not queued again."""
    at = epoch_s(now)
    results = []
    with write_transaction(db):
        for row in rows:
            values = {**row, "payload": dumps(row.get("payload") or {}), "created_at": at, "next_attempt_at": at}
            inserted = db.execute(
                """
                INSERT INTO outbox (athlete_id, coach_id, channel, level, subject, body, payload,
                                    dedup_key, created_at, next_attempt_at)
                VALUES (:athlete_id, :coach_id, :channel, :level, :subject, :body, :payload,
                        :dedup_key, :created_at, :next_attempt_at)
                ON CONFLICT (dedup_key) DO NOTHING RETURNING id
                """,
                values,
            ).fetchone()
            if inserted is not None:
                results.append((inserted[0], True))
            else:
                existing = db.execute("SELECT id FROM outbox WHERE dedup_key = ?", [row["dedup_key"]]).fetchone()
                results.append((existing[0], False))
    return results


def drop_unconsented(db: Database) -> int:
    """Mark dead the waiting alerts whose runner no longer shares with the coach."""
    with write_transaction(db):
        cursor = db.execute(
            """
            UPDATE outbox SET status = 'dead', last_error = 'the runner withdrew consent'
            WHERE status = 'pending' AND athlete_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM coach_links l
                WHERE l.athlete_id = outbox.athlete_id AND l.coach_id = outbox.coach_id AND
                """
            + _ACTIVE
            + ")",
        )
    return cursor.rowcount


def claim_outbox(
    db: Database,
    *,
    now: datetime | float,
    lease_s: int,
    levels: Sequence[str],
    created_by: datetime | float | None = None,
    limit: int = 100,
    coach_id: int | None = None,
) -> list[dict]:
    """Claim due pending rows of ``levels`` (created no later than
    ``created_by``) for sending: one UPDATE marks and returns them, so no two
    senders get the same row. Each claim uses an attempt and leases the row
    for ``lease_s``.
    """
    at = epoch_s(now)
    params: dict[str, Any] = {"now": at, "until": at + lease_s, "limit": limit}
    level_marks = ", ".join(f":level{i}" for i in range(len(levels)))
    params.update({f"level{i}": level for i, level in enumerate(levels)})
    eligible = f"status = 'pending' AND level IN ({level_marks})"
    if created_by is not None:
        eligible += " AND created_at <= :created_by"
        params["created_by"] = epoch_s(created_by)
    if coach_id is not None:
        eligible += " AND coach_id = :coach_id"
        params["coach_id"] = coach_id
    due = f"SELECT id FROM outbox WHERE {eligible} AND next_attempt_at <= :now ORDER BY id LIMIT :limit"
    with write_transaction(db):
        cursor = db.execute(
            f"""
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :until
            WHERE id IN ({due})
            RETURNING *
            """,
            params,
        )
        columns = [d[0] for d in cursor.description]
        claimed = [dict(zip(columns, row)) for row in cursor.fetchall()]
    for row in claimed:
        row["payload"] = loads(row["payload"])
    return sorted(claimed, key=lambda row: row["id"])


def mark_outbox_sent(db: Database, ids: Sequence[int], *, now: datetime | float) -> None:
    _update_outbox(db, ids, "status = 'sent', sent_at = ?, last_error = NULL", [epoch_s(now)])


def mark_outbox_retry(db: Database, ids: Sequence[int], error: str, *, next_attempt_at: datetime | float) -> None:
    _update_outbox(db, ids, "status = 'pending', last_error = ?, next_attempt_at = ?", [error, epoch_s(next_attempt_at)])


def mark_outbox_dead(db: Database, ids: Sequence[int], error: str) -> None:
    _update_outbox(db, ids, "status = 'dead', last_error = ?", [error])


def outbox_rows(
    db: Database,
    *,
    athlete_id: int | None = None,
    coach_id: int | None = None,
    status: str | None = None,
) -> list[dict]:
    """Outbox rows, oldest first, with the coach's name (for the CLI and pages)."""
    clauses, params = [], []
    for column, value in (("o.athlete_id", athlete_id), ("o.coach_id", coach_id), ("o.status", status)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = [
        dict(r)
        for r in db.query(
            f"SELECT o.*, c.name AS coach_name FROM outbox o LEFT JOIN coaches c ON c.id = o.coach_id "
            f"{where} ORDER BY o.id",
            params,
        )
    ]
    for row in rows:
        row["payload"] = loads(row["payload"])
    return rows


def _update_outbox(db: Database, ids: Sequence[int], assignments: str, params: list) -> None:
    if not ids:
        return
    marks = ", ".join("?" for _ in ids)
    with write_transaction(db):
        db.execute(f"UPDATE outbox SET {assignments} WHERE id IN ({marks})", [*params, *ids])
