"""What happens to one webhook event: fetch, store, assess, write the note.

Each event ends with an outcome — ``noted``, ``skipped``, ``deleted``,
``ignored`` or ``error`` — and a reason a person can read. Strava failures
are not outcomes: a 429 or a low budget defers the event, a 5xx or timeout
retries it with backoff, and neither loses it.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from connector.logs import subject
from connector.strava import ActivityGone, NeedsReconnect, Rejected
from insights.activities import activity_from_strava
from insights.assess import AthleteProfile, assess
from insights.block import split_block, with_block
from insights.history import SorenessEntry
from insights.association import LOOKBACK_DAYS, WINDOW_DAYS
from insights.load import EWMA_WARMUP_DAYS
from insights.soreness import PRIVATE_SOURCES
from webhook import links, outbox, store
from webhook.connect import backfill
from webhook.services import Services
from webhook.store import pipeline

log = logging.getLogger(__name__)


@dataclass
class Result:
    outcome: str  # noted | skipped | deleted | ignored | error
    reason: str | None = None
    activity_id: int | None = None
    description: str | None = None  # the description on Strava after this event
    note: dict | None = None
    alerts: list[dict] = field(default_factory=list)


def process_event(services: Services, db, event: dict) -> Result:
    """Handle one inbox event. Strava errors other than the ones mapped to an
    outcome here propagate, so the worker can defer or retry the event."""
    kind = (event.get("object_type"), event.get("aspect_type"))
    if kind[0] == "athlete":
        return _athlete_event(services, db, event)
    if kind[0] != "activity":
        return Result("ignored", f"unknown object_type {kind[0]!r}")
    athlete_id = int(event["owner_id"])
    activity_id = int(event["object_id"])
    athlete = store.get_athlete(db, athlete_id)
    if athlete is None:
        return Result("ignored", "unknown athlete", activity_id)
    if kind[1] == "delete":
        return _delete_activity(services, db, athlete_id, activity_id)
    if kind[1] not in ("create", "update"):
        return Result("ignored", f"unknown aspect_type {kind[1]!r}", activity_id)
    try:
        return assess_and_note(services, db, athlete, activity_id)
    except ActivityGone:
        # gone from Strava: our copy must not count in any metric either
        if store.activity_owner(db, activity_id) == athlete_id:
            store.delete_activity(db, activity_id)
        return Result("ignored", "activity not found on Strava (deleted, private or never there)", activity_id)
    except NeedsReconnect as error:
        store.mark_needs_reconnect(db, athlete_id, now=services.clock())
        return Result("error", f"the runner must reconnect to Strava: {error}", activity_id)
    except Rejected as error:
        return Result("error", f"Strava refused the request: {error}", activity_id)


def _delete_activity(services: Services, db, athlete_id: int, activity_id: int) -> Result:
    """Remove an activity only once Strava confirms it is gone (404): the
    event is unsigned, and a forged delete must not erase a runner's run."""
    owner = store.activity_owner(db, activity_id)
    if owner is not None and owner != athlete_id:
        return Result("ignored", "activity belongs to another athlete", activity_id)
    try:
        services.strava.get_activity(athlete_id, activity_id)
    except ActivityGone:
        store.delete_activity(db, activity_id)
        return Result("deleted", None, activity_id)
    except NeedsReconnect as error:
        store.mark_needs_reconnect(db, athlete_id, now=services.clock())
        return Result("error", f"the runner must reconnect to Strava: {error}", activity_id)
    except Rejected as error:
        return Result("error", f"Strava refused the request: {error}", activity_id)
    return Result("ignored", "delete not confirmed: the activity is still on Strava", activity_id)


def _athlete_event(services: Services, db, event: dict) -> Result:
    athlete_id = int(event["object_id"])
    updates = event.get("updates") or {}
    if str(updates.get("authorized", "")).lower() != "false":
        return Result("ignored", "athlete update without deauthorization")
    if store.get_athlete(db, athlete_id) is None:
        return Result("ignored", "unknown athlete")
    # The event is unsigned: only Strava refusing our tokens proves it.
    if not services.strava.confirm_deauthorized(athlete_id):
        return Result("ignored", "deauthorization not confirmed by Strava")
    store.delete_athlete(db, athlete_id)
    return Result("deleted", "runner disconnected: all of their data was deleted")


def profile_of(athlete: dict) -> AthleteProfile:
    return AthleteProfile(
        id=athlete["id"],
        firstname=athlete.get("firstname"),
        sex=athlete.get("sex"),
        measurement_preference=athlete.get("measurement_preference") or "meters",
        note_mode=athlete.get("note_mode") or "auto",
        max_heartrate=athlete.get("max_heartrate"),
    )


def _entries(db, athlete_id: int, since, starts: dict[int, datetime]) -> list[SorenessEntry]:
    # a private note or a check-in counts, but a public note names none of its signs
    return [
        SorenessEntry(day, report, activity_id, starts.get(activity_id) if activity_id is not None else None,
                      private=source in PRIVATE_SOURCES, source=source)
        for day, activity_id, source, report in store.soreness_answers(db, athlete_id, since=since)
    ]


def _past_flags(db, athlete_id: int, since) -> dict[int, tuple[str, ...]]:
    """The spike flags earlier assessments found (a skipped run had none), for
    runs the association can still look at, so it need not assess them again."""
    return {
        activity_id: _flags(flags)
        for activity_id, flags in db.conn.execute(
            "SELECT n.activity_id, n.flags FROM notes n JOIN activities a ON a.id = n.activity_id "
            "WHERE n.athlete_id = ? AND a.day >= ?",
            [athlete_id, since.isoformat()],
        )
    }


@functools.lru_cache(maxsize=64)
def _flags(stored: str | None) -> tuple[str, ...]:
    """Stored flags as a tuple: a year of notes holds a handful of distinct lists."""
    return tuple(json.loads(stored or "[]"))


def _urgent_at(db, athlete_id: int, since) -> list[datetime]:
    """When this runner's earlier activities that got an urgent note started (for the follow-up line)."""
    return [
        datetime.fromisoformat(start)
        for (start,) in db.conn.execute(
            "SELECT a.start_local FROM notes n JOIN activities a ON a.id = n.activity_id "
            "WHERE n.athlete_id = ? AND a.day >= ? AND n.advice LIKE '%\"urgent_care\"%'",
            [athlete_id, since.isoformat()],
        )
    ]


def assess_and_note(services: Services, db, athlete: dict, activity_id: int) -> Result:
    """Fetch the activity (never trust the payload), assess it, write our block."""
    now = services.clock()
    athlete_id = athlete["id"]
    if athlete.get("backfilled_at") is None:
        # the backfill at connection failed (rate limit, Strava down): the
        # first note needs the history, so read it now or defer this event
        backfill(services, db, athlete_id, now)
    raw = services.strava.get_activity(athlete_id, activity_id)
    owner = (raw.get("athlete") or {}).get("id")
    if owner is not None and int(owner) != athlete_id:
        return Result("ignored", "activity belongs to another athlete", activity_id)
    activity = activity_from_strava(raw)
    store.upsert_activity(db, athlete_id, activity, raw, fetched_at=now)
    store.record_activity_soreness(db, athlete_id, activity, now)

    oldest = activity.day - timedelta(days=LOOKBACK_DAYS + WINDOW_DAYS + 31)
    # older runs cannot change the numbers (see insights.load.EWMA_WARMUP_DAYS)
    runs = store.runs_until(db, athlete_id, activity.start_local,
                            since=activity.day - timedelta(days=EWMA_WARMUP_DAYS + 31))
    starts = {r.id: r.start_local for r in runs}
    entries = _entries(db, athlete_id, oldest, starts)
    config = services.config
    assessment = assess(
        activity, runs, entries, profile_of(athlete), past_flags=_past_flags(db, athlete_id, oldest),
        urgent_at=_urgent_at(db, athlete_id, activity.day - timedelta(days=8)),
        me_url=f"{config.base_url}/me",
        # insights decides whether the note asks (after a spike with no report, never on an urgent note)
        checkin_url=links.checkin_url(config.base_url, config.secret_key, athlete_id, activity_id, now,
                                      current=split_block(raw.get("description"))[1]),  # an unexpired link is kept
    )
    note = assessment.note()
    text = assessment.text

    description = raw.get("description") or ""
    wanted = with_block(description, text)
    if assessment.text is None and split_block(description)[1] is None:
        wanted = description
    outcome, reason = assessment.outcome, assessment.reason
    if wanted != description:
        if "activity:write" not in (athlete.get("scope") or ""):
            outcome, reason = "skipped", "cannot write notes: the runner did not grant activity:write"
        else:
            updated = services.strava.update_description(athlete_id, activity_id, wanted)
            description = updated.get("description", wanted)
            pipeline.count(db, pipeline.NOTES_WRITTEN)
    store.save_note(db, athlete_id, activity_id, outcome=outcome, posted_at=now, note=note,
                    private_text=assessment.private_text)
    alerts: list[dict] = []
    if note is not None:
        # coaches hear about it even when the note could not be written:
        # an urgent alert must not depend on the runner's write permission
        alerts = outbox.queue_alerts(db, athlete_id, activity_id, note, now)
    log.info("%s: activity %s %s (%s)", subject(), activity_id, outcome, reason or "-")
    return Result(outcome, reason, activity_id, description or None, note, alerts)
