"""What we learn and say about activities: soreness reports and notes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from insights.activities import Activity
from insights.soreness import activity_soreness

from webhook.db import epoch_s
from webhook.store._sql import dumps, loads, upsert

_NOTE_FIELDS = ("advice", "flags", "metrics", "soreness", "association")


def save_soreness(
    db: Database,
    athlete_id: int,
    *,
    day: date,
    source: str,
    sore: bool,
    reported_at: datetime | float,
    severity: int | None = None,
    qualifiers: Iterable[str] = (),
    red_flags: Iterable[str] = (),
    activity_id: int | None = None,
) -> int:
    """Record a soreness report, replacing the previous one for the same
    activity (source 'activity') or the same day (source 'checkin')."""
    if source not in ("activity", "checkin"):
        raise ValueError(f"soreness source must be 'activity' or 'checkin', not {source!r}")
    if (source == "activity") != (activity_id is not None):
        raise ValueError("an 'activity' report needs an activity_id, a 'checkin' must not have one")
    target = (
        "(activity_id) WHERE activity_id IS NOT NULL"
        if source == "activity"
        else "(athlete_id, day, source) WHERE source = 'checkin'"
    )
    row = {
        "athlete_id": athlete_id,
        "activity_id": activity_id,
        "day": day.isoformat(),
        "source": source,
        "sore": int(bool(sore)),
        "severity": severity,
        "qualifiers": dumps(list(qualifiers)),
        "red_flags": dumps(list(red_flags)),
        "reported_at": epoch_s(reported_at),
    }
    return upsert(db, "soreness_reports", row, target)


def clear_activity_soreness(db: Database, activity_id: int) -> bool:
    """The runner removed the tag from an activity: its report goes too."""
    return db.execute(
        "DELETE FROM soreness_reports WHERE activity_id = ?", [activity_id]
    ).rowcount == 1


def soreness_for(
    db: Database, athlete_id: int, *, since: date | None = None, until: date | None = None
) -> list[dict]:
    """The athlete's reports by day, as plain values (day a date, sore a bool,
    qualifiers and red_flags lists)."""
    where, params = ["athlete_id = ?"], [athlete_id]
    if since is not None:
        where.append("day >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("day <= ?")
        params.append(until.isoformat())
    sql = (
        f"SELECT * FROM soreness_reports WHERE {' AND '.join(where)} "
        "ORDER BY day, reported_at, id"
    )
    return [
        {
            **row,
            "day": date.fromisoformat(row["day"]),
            "sore": bool(row["sore"]),
            "qualifiers": json.loads(row["qualifiers"]),
            "red_flags": json.loads(row["red_flags"]),
        }
        for row in db.query(sql, params)
    ]


def save_note(
    db: Database,
    athlete_id: int,
    activity_id: int,
    *,
    outcome: str,
    posted_at: datetime | float,
    note: Mapping[str, Any] | None = None,
    hash: str | None = None,
    private_text: str | None = None,
) -> None:
    """Record what we decided for an activity: the note object (advice,
    flags, metrics, soreness, association, text) or None when skipped.
    ``hash`` defaults to the SHA-256 of the note text. ``private_text`` is
    the full urgent message when the posted text only points to it: for the
    runner's own eyes (``/me``), never a coach's."""
    text = None if note is None else note.get("text")
    if hash is None and text is not None:
        hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    note = note or {}
    values = {
        "activity_id": activity_id,
        "athlete_id": athlete_id,
        "outcome": outcome,
        "text": text,
        "hash": hash,
        "advice": dumps(list(note.get("advice") or [])),
        "flags": dumps(list(note.get("flags") or [])),
        "metrics": dumps(dict(note.get("metrics") or {})),
        "soreness": None if note.get("soreness") is None else dumps(note["soreness"]),
        "association": None if note.get("association") is None else dumps(note["association"]),
        "posted_at": epoch_s(posted_at),
        "private_text": private_text,
    }
    upsert(db, "notes", values, "(activity_id)")


def get_note(db: Database, activity_id: int) -> dict | None:
    """``{activity_id, athlete_id, outcome, hash, posted_at, note}`` where
    ``note`` is the note object as saved (None for a skipped activity)."""
    rows = list(db.query("SELECT * FROM notes WHERE activity_id = ?", [activity_id]))
    if not rows:
        return None
    row = rows[0]
    note = None
    if row["text"] is not None:
        note = {name: loads(row[name]) for name in _NOTE_FIELDS}
        note["text"] = row["text"]
    return {
        "activity_id": row["activity_id"],
        "athlete_id": row["athlete_id"],
        "outcome": row["outcome"],
        "hash": row["hash"],
        "posted_at": row["posted_at"],
        "note": note,
    }


def record_activity_soreness(db: Database, athlete_id: int, activity: Activity, now: datetime | float) -> None:
    """Store what the activity's own text says about the upper back (or clear it)."""
    report = activity_soreness(activity)
    clear_activity_soreness(db, activity.id)
    if report.sore is not None:
        save_soreness(
            db, athlete_id, day=activity.day, source="activity", sore=report.sore,
            reported_at=now, severity=report.severity, qualifiers=sorted(report.qualifiers),
            red_flags=report.red_flags, activity_id=activity.id,
        )
