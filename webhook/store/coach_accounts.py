"""Coaches as people who sign in: accepting an invitation, one-time sign-in
links, and the coach's own settings.

A runner's invitation creates a coach row for the name and address the
runner typed (see :func:`webhook.store.coaches.add_coach`). Following the
invitation's e-mailed link proves the address is the coach's: from then on
the row is *verified*, and a later invitation to the same address, once
accepted, joins that same account rather than making a second one. So a
coach invited by three runners signs in once and sees all three, and no
runner can redirect another runner's alerts: channels are set by the coach
alone.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from webhook.db import epoch_s, write_transaction
from webhook.store.coaches import _EMAIL, _http_url, get_coach, link_for_invite


def accept_invitation(db: Database, invite_token: str, now: datetime | float) -> tuple[int, int] | None:
    """The coach accepts a standing invitation: ``(coach_id, athlete_id)``, or
    None when the invitation was withdrawn or already replaced.

    Accepting is the coach's consent and verifies their address; when that
    address already has a verified account, the invitation moves to it.
    """
    link = link_for_invite(db, invite_token)
    if link is None:
        return None
    athlete_id, coach_id = link["athlete_id"], link["coach_id"]
    coach = get_coach(db, coach_id)
    at = epoch_s(now)
    with write_transaction(db):
        account = _verified_account(db, coach["email"]) if coach and coach["email"] else None
        if account is not None and account != coach_id:
            db.execute(
                """
                INSERT INTO coach_links (athlete_id, coach_id, invited_at, consented_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (athlete_id, coach_id) DO UPDATE SET
                    consented_at = excluded.consented_at, revoked_at = NULL, invite_token = NULL
                """,
                [athlete_id, account, link["invited_at"], at],
            )
            db.execute("DELETE FROM coaches WHERE id = ?", [coach_id])
            coach_id = account
        else:
            db.execute(
                "UPDATE coach_links SET consented_at = COALESCE(consented_at, ?), invite_token = NULL "
                "WHERE athlete_id = ? AND coach_id = ?",
                [at, athlete_id, coach_id],
            )
            db.execute("UPDATE coaches SET verified_at = COALESCE(verified_at, ?) WHERE id = ?", [at, coach_id])
    return coach_id, athlete_id


def _verified_account(db: Database, email: str) -> int | None:
    row = db.execute(
        "SELECT id FROM coaches WHERE lower(email) = lower(?) AND verified_at IS NOT NULL ORDER BY id LIMIT 1",
        [email],
    ).fetchone()
    return row[0] if row else None


def coach_for_sign_in(db: Database, email: str) -> int | None:
    """The coach account a sign-in link for ``email`` is for, or None.

    Only an address that followed an invitation has an account.
    """
    email = (email or "").strip()
    if not _EMAIL.fullmatch(email):
        return None
    return _verified_account(db, email)


def new_sign_in(db: Database, coach_id: int, now: datetime | float) -> str:
    """A fresh single-use nonce for a coach's sign-in link."""
    nonce = secrets.token_urlsafe(18)
    with write_transaction(db):
        db.execute(
            "INSERT INTO coach_logins (nonce, coach_id, created_at) VALUES (?, ?, ?)",
            [nonce, coach_id, epoch_s(now)],
        )
    return nonce


def use_sign_in(db: Database, nonce: str, coach_id: int, now: datetime | float) -> bool:
    """Spend a sign-in nonce; False when it was used before or is unknown."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE coach_logins SET used_at = ? WHERE nonce = ? AND coach_id = ? AND used_at IS NULL",
            [epoch_s(now), nonce, coach_id],
        )
    return cursor.rowcount == 1


def update_settings(
    db: Database,
    coach_id: int,
    *,
    email: str | None,
    webhook_url: str | None,
    slack_url: str | None,
    timezone: str,
    digest_hour: int,
    quiet_hours: int,
) -> None:
    """Save a coach's channels and schedule; ValueError names what is wrong."""
    email = (email or "").strip() or None
    if email is not None and not _EMAIL.fullmatch(email):
        raise ValueError("The e-mail address does not look like one.")
    webhook_url = _http_url(webhook_url, "webhook URL")
    slack_url = _http_url(slack_url, "Slack webhook URL")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{timezone!r} is not a time zone (try Europe/London or Pacific/Auckland).") from None
    if not 0 <= digest_hour <= 23:
        raise ValueError("The digest hour must be between 0 and 23.")
    if not 0 <= quiet_hours <= 168:
        raise ValueError("The quiet period must be between 0 and 168 hours.")
    with write_transaction(db):
        db.execute(
            "UPDATE coaches SET email = ?, webhook_url = ?, slack_url = ?, timezone = ?, digest_hour = ?, "
            "quiet_hours = ? WHERE id = ?",
            [email, webhook_url, slack_url, timezone, digest_hour, quiet_hours, coach_id],
        )


def runner_shares_with(db: Database, coach_id: int, athlete_id: int) -> bool:
    """True while the runner shares with this coach (invited, accepted, not revoked)."""
    return db.execute(
        "SELECT 1 FROM coach_links WHERE coach_id = ? AND athlete_id = ? "
        "AND consented_at IS NOT NULL AND revoked_at IS NULL",
        [coach_id, athlete_id],
    ).fetchone() is not None
