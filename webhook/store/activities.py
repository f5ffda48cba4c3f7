"""Activities as fetched from Strava, and the raw payloads we may keep a while."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from datetime import date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from insights.activities import RUN_SPORTS, Activity
from webhook.db import epoch_s, write_transaction
from webhook.store._sql import dumps, local_iso, upsert

_ACTIVITY_FIELDS = (
    "moving_s", "elapsed_s", "average_heartrate", "max_heartrate", "perceived_exertion",
    "suffer_score", "average_speed", "name", "description", "private_note",
)


def upsert_activity(
    db: Database,
    athlete_id: int,
    activity: Activity,
    raw: Mapping[str, Any] | None,
    fetched_at: datetime | float,
) -> None:
    """Store the activity as fetched from Strava, replacing an older copy."""
    fetched = epoch_s(fetched_at)
    row = {
        "id": activity.id,
        "athlete_id": athlete_id,
        "sport_type": activity.sport_type,
        "start_local": local_iso(activity.start_local),
        "day": activity.day.isoformat(),
        "distance_km": activity.distance_km,
        **{name: getattr(activity, name) for name in _ACTIVITY_FIELDS},
        "raw_json": None if raw is None else dumps(raw),
        "fetched_at": fetched,
        "updated_at": fetched,
    }
    upsert(db, "activities", row, "(id)")


def get_activity(db: Database, activity_id: int) -> Activity | None:
    rows = list(db.query("SELECT * FROM activities WHERE id = ?", [activity_id]))
    return _activity(rows[0]) if rows else None


def activity_owner(db: Database, activity_id: int) -> int | None:
    row = db.execute("SELECT athlete_id FROM activities WHERE id = ?", [activity_id]).fetchone()
    return row[0] if row else None


_COLUMNS = ("id", "sport_type", "start_local", "distance_km", *_ACTIVITY_FIELDS)


def activities_for(
    db: Database,
    athlete_id: int,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    runs_only: bool = False,
) -> list[Activity]:
    """The athlete's activities in start order, optionally within local bounds.

    Bounds are inclusive: a ``date`` bound compares local days, a ``datetime``
    bound compares local start times.
    """
    where, params = ["athlete_id = ?"], [athlete_id]
    for bound, op in ((since, ">="), (until, "<=")):
        if bound is not None:
            column = "start_local" if isinstance(bound, datetime) else "day"
            where.append(f"{column} {op} ?")
            params.append(local_iso(bound))
    if runs_only:
        where.append(f"sport_type IN ({', '.join('?' for _ in RUN_SPORTS)})")
        params.extend(sorted(RUN_SPORTS))
    sql = f"SELECT {', '.join(_COLUMNS)} FROM activities WHERE {' AND '.join(where)} ORDER BY start_local, id"
    # plain tuples, not sqlite-utils' dict rows: every assessment reads a
    # year and a half of runs, and building a dict per row was its main cost
    return [_from_tuple(row) for row in db.conn.execute(sql, params)]


def _from_tuple(row: tuple) -> Activity:
    activity_id, sport_type, start_local, distance_km, *rest = row
    return Activity(
        id=activity_id,
        sport_type=sport_type,
        start_local=datetime.fromisoformat(start_local),
        distance_km=distance_km,
        **dict(zip(_ACTIVITY_FIELDS, rest)),
    )


def runs_until(
    db: Database, athlete_id: int, until: date | datetime, *, since: date | None = None
) -> list[Activity]:
    """The athlete's runs that started no later than ``until`` (the "known runs").

    For the load metrics, which read no run's words: name, description and
    private note are left empty (each assessment reads up to a year and a
    half of runs, and their descriptions hold our notes).
    """
    # bounds on the index's start_local rather than on day: a local ISO
    # start sorts after its own date and before the next one
    if isinstance(until, datetime):
        where, params = ["athlete_id = ?", "start_local <= ?"], [athlete_id, local_iso(until)]
    else:
        where, params = ["athlete_id = ?", "start_local < ?"], [athlete_id, (until + timedelta(days=1)).isoformat()]
    if since is not None:
        where.append("start_local >= ?")
        params.append(since.isoformat())
    sql = (f"SELECT {', '.join(_LOAD_COLUMNS)} FROM activities WHERE {' AND '.join(where)} "
           f"AND sport_type IN ({', '.join('?' for _ in RUN_SPORTS)}) ORDER BY start_local, id")
    new, names, parse = object.__new__, _LOAD_COLUMNS, datetime.fromisoformat
    runs = []
    for row in db.conn.execute(sql, [*params, *sorted(RUN_SPORTS)]):
        # the frozen dataclass's __init__ sets each field through
        # object.__setattr__, 60% of this loop's cost: fill it directly
        run = new(Activity)
        fields = run.__dict__
        fields.update(_LOAD_DEFAULTS)
        fields.update(zip(names, row))
        start = fields["start_local"] = parse(row[_START])
        # Activity.day is a cached_property, whose first read takes a lock:
        # a fifth of an assessment's own time went to it; fill the cache here
        fields["day"] = start.date()
        runs.append(run)
    return runs


_LOAD_COLUMNS = ("id", "sport_type", "start_local", "distance_km", *_ACTIVITY_FIELDS[:7])
_START = _LOAD_COLUMNS.index("start_local")
_LOAD_DEFAULTS = {"name": "", "description": "", "private_note": "", "visibility": None, "workout_type": None,
                  "extra": MappingProxyType({})}


def delete_activity(db: Database, activity_id: int) -> bool:
    """Forget an activity deleted on Strava, with its soreness report and note."""
    with write_transaction(db):
        db.execute("DELETE FROM soreness_reports WHERE activity_id = ?", [activity_id])
        db.execute("DELETE FROM notes WHERE activity_id = ?", [activity_id])
        return db.execute("DELETE FROM activities WHERE id = ?", [activity_id]).rowcount == 1


def purge_raw(db: Database, older_than: datetime | float) -> int:
    """Drop raw Strava payloads fetched before the cut-off; derived fields stay."""
    return db.execute(
        "UPDATE activities SET raw_json = NULL WHERE raw_json IS NOT NULL AND fetched_at < ?",
        [epoch_s(older_than)],
    ).rowcount


def _activity(row: dict) -> Activity:
    return Activity(
        id=row["id"],
        sport_type=row["sport_type"],
        start_local=datetime.fromisoformat(row["start_local"]),
        distance_km=row["distance_km"],
        **{name: row[name] for name in _ACTIVITY_FIELDS},
    )
