"""What we learn and say about activities: soreness reports and notes."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from insights.activities import Activity
from insights.soreness import SOURCES, SorenessReport, combine_reports, field_reports

from webhook.db import epoch_s, write_transaction
from webhook.store._sql import dumps, loads, upsert

_NOTE_FIELDS = ("advice", "flags", "metrics", "soreness", "association")


def save_soreness(
    db: Database,
    athlete_id: int,
    *,
    day: date,
    source: str,
    sore: bool | None,
    reported_at: datetime | float,
    severity: int | None = None,
    qualifiers: Iterable[str] = (),
    red_flags: Iterable[str] = (),
    activity_id: int | None = None,
) -> int:
    """Record a soreness report, replacing the previous one from the same text
    of the same activity (source 'title', 'description' or 'private_note') or
    the same day's check-in (source 'checkin').

    ``sore`` is None for a text that adds only a qualifier or a warning sign to
    what another text of the activity said (never for a check-in)."""
    if source not in SOURCES:
        raise ValueError(f"soreness source must be one of {', '.join(SOURCES)}, not {source!r}")
    if (source == "checkin") == (activity_id is not None):
        raise ValueError("an activity's report needs an activity_id, a 'checkin' must not have one")
    if sore is None and source == "checkin":
        raise ValueError("a check-in says sore or not sore")
    target = (
        "(activity_id, source) WHERE activity_id IS NOT NULL"
        if source != "checkin"
        else "(athlete_id, day, source) WHERE source = 'checkin'"
    )
    row = {
        "athlete_id": athlete_id,
        "activity_id": activity_id,
        "day": day.isoformat(),
        "source": source,
        "sore": None if sore is None else int(bool(sore)),
        "severity": severity,
        "qualifiers": dumps(list(qualifiers)),
        "red_flags": dumps(list(red_flags)),
        "reported_at": epoch_s(reported_at),
    }
    return upsert(db, "soreness_reports", row, target)


def clear_activity_soreness(db: Database, activity_id: int) -> bool:
    """The runner removed the tag from an activity: its reports go too."""
    return db.execute(
        "DELETE FROM soreness_reports WHERE activity_id = ?", [activity_id]
    ).rowcount > 0


def soreness_for(
    db: Database, athlete_id: int, *, since: date | None = None, until: date | None = None
) -> list[dict]:
    """The athlete's reports by day, as plain values (day a date, sore a bool,
    or None for a text that only adds to another text's report, qualifiers
    and red_flags lists), each with its ``source``."""
    where, params = ["athlete_id = ?"], [athlete_id]
    if since is not None:
        where.append("day >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("day <= ?")
        params.append(until.isoformat())
    columns = ("id", "athlete_id", "activity_id", "day", "source", "sore", "severity", "qualifiers", "red_flags",
               "reported_at")
    sql = (
        f"SELECT {', '.join(columns)} FROM soreness_reports WHERE {' AND '.join(where)} "
        "ORDER BY day, reported_at, id"
    )
    # plain tuples and cached parses: every assessment reads a year of these
    reports = []
    for row in db.conn.execute(sql, params):
        report = dict(zip(columns, row))
        report["day"] = _day(report["day"])
        report["sore"] = None if report["sore"] is None else bool(report["sore"])
        report["qualifiers"] = list(_json_list(report["qualifiers"]))
        report["red_flags"] = list(_json_list(report["red_flags"]))
        reports.append(report)
    return reports


def soreness_answers(
    db: Database, athlete_id: int, *, since: date
) -> list[tuple[date, int | None, str, SorenessReport]]:
    """(day, activity_id, source, report) of each of the athlete's reports
    from ``since`` on, in day order: what an assessment reads, a year of it,
    so plain tuples and reports built once per distinct answer."""
    return [
        (_day(day), activity_id, source, _report(sore, severity, qualifiers, red_flags))
        for day, activity_id, source, sore, severity, qualifiers, red_flags in db.conn.execute(
            "SELECT day, activity_id, source, sore, severity, qualifiers, red_flags FROM soreness_reports "
            "WHERE athlete_id = ? AND day >= ? ORDER BY day, reported_at, id",
            [athlete_id, since.isoformat()],
        )
    ]


@functools.lru_cache(maxsize=1024)
def _report(sore: int | None, severity: int | None, qualifiers: str | None, red_flags: str | None
            ) -> SorenessReport:
    return SorenessReport(
        sore=None if sore is None else bool(sore),
        severity=severity,
        qualifiers=frozenset(_json_list(qualifiers)),
        red_flags=_json_list(red_flags),
    )


def sore_days_between(db: Database, athlete_id: int, first: date, last: date) -> int:
    """How many days from ``first`` to ``last`` have a sore report."""
    return db.execute(
        "SELECT count(DISTINCT day) FROM soreness_reports WHERE athlete_id = ? AND day BETWEEN ? AND ? AND sore = 1",
        [athlete_id, first.isoformat(), last.isoformat()],
    ).fetchone()[0]


@functools.lru_cache(maxsize=1024)
def _day(text: str) -> date:
    return date.fromisoformat(text)


@functools.lru_cache(maxsize=256)
def _json_list(text: str | None) -> tuple:
    """A stored JSON list, parsed once: a runner's reports repeat a handful of them."""
    return tuple(json.loads(text or "[]"))


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
    """Store what each of the activity's texts says about the upper back, one
    report per text (title, description, private note), replacing all of the
    activity's earlier ones: a tag removed from the title takes its report
    with it. Nothing is stored when no text says sore or not sore."""
    texts = field_reports(activity)
    said = combine_reports(texts.values()).sore is not None
    with write_transaction(db):
        clear_activity_soreness(db, activity.id)
        for source, report in texts.items():
            if not said or (report.sore is None and not report.qualifiers and not report.red_flags):
                continue
            save_soreness(
                db, athlete_id, day=activity.day, source=source, sore=report.sore,
                reported_at=now, severity=report.severity, qualifiers=sorted(report.qualifiers),
                red_flags=report.red_flags, activity_id=activity.id,
            )
