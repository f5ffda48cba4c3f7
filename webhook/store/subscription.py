"""The push subscription this app holds with Strava (one per application)."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from webhook.db import epoch_s, write_transaction


def remember_subscription(db: Database, subscription_id: int, callback_url: str, *, now: datetime | float) -> None:
    """Store the subscription Strava created (or a fixture adopts), replacing any other."""
    with write_transaction(db):
        db.execute("DELETE FROM subscription")
        db.execute(
            "INSERT INTO subscription (id, callback_url, created_at) VALUES (?, ?, ?)",
            [subscription_id, callback_url, epoch_s(now)],
        )


def forget_subscription(db: Database) -> None:
    """No subscription any more: events are then accepted for any subscription id."""
    with write_transaction(db):
        db.execute("DELETE FROM subscription")
