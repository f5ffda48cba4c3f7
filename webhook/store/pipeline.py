"""The pipeline's own state, shared between processes through the database.

The web process serves ``/metrics`` and ``rhomboid events`` runs on its own,
while the worker holds the rate budget and the circuit breaker in memory:
so the worker writes what they know here, and counters (events refused,
notes written) are rows rather than in-process numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlite_utils import Database

from webhook.db import epoch_s

NOTES_WRITTEN = "notes_written"
EVENTS_REFUSED = "events_refused"  # by reason: too_large, malformed, unknown_owner, foreign_subscription
REFUSAL_REASONS = ("too_large", "malformed", "unknown_owner", "foreign_subscription")


def count(db: Database, name: str, label: str = "", by: int = 1) -> None:
    """Add ``by`` to the counter ``name{label}`` (autocommits unless in a transaction)."""
    db.execute(
        "INSERT INTO counters (name, label, value) VALUES (?, ?, ?) "
        "ON CONFLICT (name, label) DO UPDATE SET value = value + excluded.value",
        [name, label, by],
    )


def counters(db: Database, name: str) -> dict[str, int]:
    """Every label of counter ``name`` and its value."""
    return dict(db.execute("SELECT label, value FROM counters WHERE name = ?", [name]).fetchall())


def save_strava_health(
    db: Database,
    state: str,
    since: datetime | None,
    next_probe_at: datetime | None,
    last_error: str | None,
    now: datetime | float,
) -> None:
    """What the worker's circuit breaker says about Strava ('up' or 'down')."""
    db.execute(
        "INSERT INTO strava_health (id, state, since, next_probe_at, last_error, updated_at) "
        "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, "
        "since = excluded.since, next_probe_at = excluded.next_probe_at, "
        "last_error = excluded.last_error, updated_at = excluded.updated_at",
        [
            state,
            None if since is None else epoch_s(since),
            None if next_probe_at is None else epoch_s(next_probe_at),
            last_error,
            epoch_s(now),
        ],
    )


def strava_health(db: Database) -> dict | None:
    """The last state the worker saved, or None if it never saw Strava fail."""
    rows = list(db.query("SELECT state, since, next_probe_at, last_error, updated_at FROM strava_health"))
    return rows[0] if rows else None


def save_rate_budget(db: Database, windows: Mapping[str, Mapping[str, int | None]], now: datetime | float) -> None:
    """Strava's rate windows as the worker's budget last saw them, per kind
    ('overall', 'read'): limits, usage and when each window resets."""
    for kind, window in windows.items():
        db.execute(
            "UPDATE rate_budget SET short_limit = :short_limit, short_usage = :short_usage, "
            "short_resets_at = :short_resets_at, daily_limit = :daily_limit, daily_usage = :daily_usage, "
            "daily_resets_at = :daily_resets_at, updated_at = :now WHERE kind = :kind",
            {**window, "now": epoch_s(now), "kind": kind},
        )


def rate_budget_left(db: Database, now: datetime | float) -> dict[str, int]:
    """Calls left in the 15-minute and daily windows (the tighter of overall
    and read); a window that has reset since it was saved is whole again."""
    at = epoch_s(now)
    left = {"15min": None, "daily": None}
    for row in db.query("SELECT * FROM rate_budget"):
        for window, prefix in (("15min", "short"), ("daily", "daily")):
            limit, used, resets = row[f"{prefix}_limit"], row[f"{prefix}_usage"], row[f"{prefix}_resets_at"]
            value = limit if resets is None or resets <= at else limit - used
            left[window] = value if left[window] is None else min(left[window], value)
    return {k: v or 0 for k, v in left.items()}
