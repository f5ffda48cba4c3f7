"""Athletes: profile, settings and their encrypted Strava tokens."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from connector.crypto import TokenCipher
from webhook.db import epoch_s, write_transaction
from webhook.store._sql import get, plain, upsert

log = logging.getLogger(__name__)

_ATHLETE_COLUMNS = (
    "id, firstname, sex, measurement_preference, scope, expires_at, note_mode, "
    "max_heartrate, needs_reconnect, connected_at, updated_at, backfilled_at"
)


@dataclass(frozen=True)
class Tokens:
    """An athlete's decrypted Strava tokens (kept out of reprs and logs)."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: int


def save_athlete(
    db: Database,
    profile: Any,
    tokens: Any,
    scope: str | Iterable[str],
    cipher: TokenCipher,
    *,
    now: datetime | float,
) -> dict:
    """Create or refresh an athlete after OAuth; return the stored athlete.

    ``profile`` is Strava's athlete (a dict or stravalib model), ``tokens``
    the token response (``access_token``, ``refresh_token``, ``expires_at``),
    ``scope`` the scope Strava says was granted. A reconnect keeps the
    runner's settings and the original ``connected_at``.
    """
    athlete_id = int(get(profile, "id"))
    preference = plain(get(profile, "measurement_preference"))
    row = {
        "id": athlete_id,
        "firstname": plain(get(profile, "firstname")) or "",
        "sex": plain(get(profile, "sex")) or None,
        "measurement_preference": preference if preference in ("meters", "feet") else "meters",
        "scope": scope if isinstance(scope, str) else ",".join(scope),
        "access_token": cipher.encrypt(str(get(tokens, "access_token"))),
        "refresh_token": cipher.encrypt(str(get(tokens, "refresh_token"))),
        "expires_at": int(get(tokens, "expires_at")),
        "needs_reconnect": 0,
        "connected_at": epoch_s(now),
        "updated_at": epoch_s(now),
    }
    upsert(db, "athletes", row, "(id)", keep=("connected_at",))
    return get_athlete(db, athlete_id)


def get_athlete(db: Database, athlete_id: int) -> dict | None:
    """The athlete's profile and settings (never their tokens), or None."""
    rows = list(db.query(f"SELECT {_ATHLETE_COLUMNS} FROM athletes WHERE id = ?", [athlete_id]))
    return _athlete(rows[0]) if rows else None


def list_athletes(db: Database) -> list[dict]:
    return [_athlete(r) for r in db.query(f"SELECT {_ATHLETE_COLUMNS} FROM athletes ORDER BY id")]


def athlete_tokens(db: Database, athlete_id: int, cipher: TokenCipher) -> Tokens | None:
    """Decrypted tokens, or None for an unknown athlete.

    Raises :class:`connector.crypto.TokenDecryptError` if the secret key changed.
    """
    rows = list(
        db.query(
            "SELECT access_token, refresh_token, expires_at FROM athletes WHERE id = ?",
            [athlete_id],
        )
    )
    if not rows or rows[0]["access_token"] is None or rows[0]["refresh_token"] is None:
        return None
    row = rows[0]
    return Tokens(
        access_token=cipher.decrypt(row["access_token"]),
        refresh_token=cipher.decrypt(row["refresh_token"]),
        expires_at=int(row["expires_at"] or 0),
    )


def save_tokens(
    db: Database,
    athlete_id: int,
    access: str,
    refresh: str,
    expires_at: int,
    cipher: TokenCipher,
    *,
    now: datetime | float,
) -> bool:
    """Store refreshed tokens; False if the athlete is gone.

    One UPDATE writes both tokens together, so a rotated refresh token (the
    old one is dead the moment Strava issues it) is never half-saved. A
    successful refresh also means the athlete no longer needs to reconnect.
    """
    cursor = db.execute(
        """
        UPDATE athletes SET access_token = ?, refresh_token = ?, expires_at = ?,
            needs_reconnect = 0, updated_at = ?
        WHERE id = ?
        """,
        [
            cipher.encrypt(access),
            cipher.encrypt(refresh),
            int(expires_at),
            epoch_s(now),
            athlete_id,
        ],
    )
    return cursor.rowcount == 1


def mark_backfilled(db: Database, athlete_id: int, *, now: datetime | float) -> bool:
    """The runner's recent history has been read (see webhook.connect.backfill)."""
    return db.execute(
        "UPDATE athletes SET backfilled_at = ? WHERE id = ?", [epoch_s(now), athlete_id]
    ).rowcount == 1


def mark_needs_reconnect(db: Database, athlete_id: int, *, now: datetime | float) -> bool:
    """Strava refused our tokens: stop using them until the runner reconnects."""
    return _update_athlete(db, athlete_id, "needs_reconnect = 1", [], now)


def set_note_mode(db: Database, athlete_id: int, mode: str, *, now: datetime | float) -> bool:
    """'auto' posts a note only when there is something to say; 'always' on every activity."""
    if mode not in ("auto", "always"):
        raise ValueError(f"note mode must be 'auto' or 'always', not {mode!r}")
    return _update_athlete(db, athlete_id, "note_mode = ?", [mode], now)


def set_max_heartrate(
    db: Database, athlete_id: int, bpm: int | None, *, now: datetime | float
) -> bool:
    if bpm is not None and not 100 <= bpm <= 250:
        raise ValueError(f"a maximum heart rate of {bpm} bpm is not plausible")
    return _update_athlete(db, athlete_id, "max_heartrate = ?", [bpm], now)


def delete_athlete(db: Database, athlete_id: int) -> dict[str, int]:
    """Delete every row naming the athlete, in one transaction.

    Returns the number of rows deleted per table. Coaches themselves stay:
    they are the coach's data, only the links to this runner go. Foreign keys
    would cascade most of this; deleting explicitly also covers the inbox
    (which has no foreign key) and a connection opened without them.
    """
    deletions = (
        ("soreness_reports", "athlete_id = :id"),
        ("notes", "athlete_id = :id"),
        ("outbox", "athlete_id = :id"),
        ("coach_links", "athlete_id = :id"),
        ("activities", "athlete_id = :id"),
        ("inbox", "owner_id = :id OR (object_type = 'athlete' AND object_id = :id)"),
        ("athletes", "id = :id"),
    )
    nested = db.conn.in_transaction
    with write_transaction(db):
        deleted = {
            table: db.execute(f"DELETE FROM {table} WHERE {where}", {"id": athlete_id}).rowcount
            for table, where in deletions
        }
    if not nested:
        forget_on_disk(db)
    return deleted


CHECKPOINT_TRIES = 20


def forget_on_disk(db: Database) -> bool:
    """Make deleted rows unrecoverable from the files: True when done.

    Connections zero deleted content (``secure_delete``, see webhook.db), but
    the WAL still holds the pages as they were before the delete until a
    checkpoint copies the new ones into the database and TRUNCATE empties
    it. A reader in the middle of a query can hold the old pages a moment,
    so the checkpoint is tried again briefly.
    """
    for _ in range(CHECKPOINT_TRIES):
        busy, _log, _copied = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return True
        time.sleep(0.05)
    log.warning("the WAL could not be emptied after a runner's deletion; the next checkpoint will")
    return False


def _update_athlete(
    db: Database, athlete_id: int, assignment: str, params: list, now: datetime | float
) -> bool:
    cursor = db.execute(
        f"UPDATE athletes SET {assignment}, updated_at = ? WHERE id = ?",
        [*params, epoch_s(now), athlete_id],
    )
    return cursor.rowcount == 1


def _athlete(row: dict) -> dict:
    return {**row, "needs_reconnect": bool(row["needs_reconnect"])}
