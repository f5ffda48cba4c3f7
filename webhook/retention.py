"""Retention: what the worker deletes, and when.

Raw Strava payloads go after ``RHOMBOID_RAW_RETENTION_DAYS`` (the derived
numbers stay); done and ignored inbox events and sent coach alerts after
``RHOMBOID_INBOX_RETENTION_DAYS``; dead ones after 30 days, time enough for
an operator to see and retry them. The inbox and outbox hold runners' words
(titles in ``updates``, note summaries in alerts), so "no longer than
needed" applies to them as much as to the payloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from webhook import store
from webhook.db import epoch_s, write_transaction

DEAD_KEEP_DAYS = 30


@dataclass(frozen=True)
class Purged:
    raw_payloads: int
    inbox: int
    outbox: int

    @property
    def total(self) -> int:
        return self.raw_payloads + self.inbox + self.outbox


def purge(db: Database, now: datetime, raw_days: int, keep_days: int, dead_days: int = DEAD_KEEP_DAYS) -> Purged:
    """Delete everything past its retention at ``now``; return how much went."""
    raw = store.purge_raw(db, now - timedelta(days=raw_days))
    events = purge_inbox(db, now, keep_days, dead_days)
    return Purged(raw, events, purge_outbox(db, now, keep_days, dead_days))


def purge_inbox(db: Database, now: datetime | float, keep_days: int, dead_keep_days: int = DEAD_KEEP_DAYS) -> int:
    """Delete done and ignored events older than ``keep_days`` and dead ones
    older than ``dead_keep_days`` (counted from when they finished); return
    how many. Their words (titles in ``updates``) are the runner's."""
    at = epoch_s(now)
    with write_transaction(db):
        finished = db.execute(
            "DELETE FROM inbox WHERE status IN ('done', 'ignored') AND finished_at < ?",
            [at - keep_days * 86400],
        ).rowcount
        dead = db.execute(
            "DELETE FROM inbox WHERE status = 'dead' AND finished_at < ?", [at - dead_keep_days * 86400]
        ).rowcount
    return finished + dead


def purge_outbox(db: Database, now: datetime | float, keep_days: int, dead_days: int = DEAD_KEEP_DAYS) -> int:
    """Sent coach alerts older than ``keep_days`` and dead ones older than
    ``dead_days`` (by when they were queued)."""
    at = epoch_s(now)
    with write_transaction(db):
        sent = db.execute(
            "DELETE FROM outbox WHERE status = 'sent' AND sent_at < ?", [at - keep_days * 86400]
        ).rowcount
        dead = db.execute(
            "DELETE FROM outbox WHERE status = 'dead' AND created_at < ?", [at - dead_days * 86400]
        ).rowcount
    return sent + dead
