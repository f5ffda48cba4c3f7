"""Connecting a runner: store the grant, then read their recent history.

Used by the OAuth callback and by replay, so a replayed runner is connected
exactly the way a real one is. If the backfill cannot run at connection
time (rate limit, Strava down), the athlete stays marked as not backfilled
and the worker reads the history before the runner's first note.
"""

from __future__ import annotations

import logging
from datetime import datetime

from connector.logs import subject
from connector.oauth import Grant
from connector.strava import StravaError
from insights.activities import activity_from_strava
from webhook import store
from webhook.services import Services

log = logging.getLogger(__name__)

BACKFILL_DAYS = 90


def connect_athlete(services: Services, db, grant: Grant, now: datetime) -> dict:
    """Save the athlete and their tokens; return the stored athlete."""
    athlete = store.save_athlete(
        db, grant.athlete, grant.tokens, ",".join(sorted(grant.scope)), services.cipher, now=now
    )
    log.info("a runner connected (scope %s)", athlete["scope"])
    return athlete


def backfill(services: Services, db, athlete_id: int, now: datetime, days: int = BACKFILL_DAYS) -> int:
    """Store the last ``days`` of activities (summaries, and the soreness their
    titles report) so the first note has a baseline; return how many.

    Raises the connector's StravaError (Deferred, TransientError, ...): the
    caller decides whether to retry now or later.
    """
    summaries = services.strava.backfill(athlete_id, now, days=days)
    stored = 0
    for summary in summaries:
        owner = (summary.get("athlete") or {}).get("id")
        if owner is not None and int(owner) != athlete_id:
            continue
        try:
            activity = activity_from_strava(summary)
        except ValueError as error:
            log.warning("%s: skipped a backfilled activity: %s", subject(), error)
            continue
        # a summary has no description: keep a fuller copy fetched earlier
        if store.get_activity(db, activity.id) is None:
            store.upsert_activity(db, athlete_id, activity, summary, fetched_at=now)
            store.record_activity_soreness(db, athlete_id, activity, now)
            stored += 1
    store.mark_backfilled(db, athlete_id, now=now)
    log.info("%s: backfilled %d activities", subject(), stored)
    return stored


def try_backfill(services: Services, db, athlete_id: int, now: datetime) -> int | None:
    """Backfill now if Strava lets us; otherwise leave it to the worker."""
    try:
        return backfill(services, db, athlete_id, now)
    except StravaError as error:
        log.warning("backfill for a new runner postponed (%s): the worker reads the history "
                    "before the first note", error)
        return None
