"""*Download my data*: everything Rhomboid stores about the signed-in runner, as JSON.

Top-level keys: ``athlete`` (with Strava's ``firstname``), ``activities``,
``reports`` (each with its ``source``: title, description, private_note or
checkin, and ``severity``), ``notes`` and ``coaches``. Tokens are never in it:
they are Rhomboid's keys to Strava, not facts about the runner.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from flask import Blueprint, Response, redirect, url_for

from webhook import store
from webhook.db import get_db
from webhook.pages import signed_in_athlete

bp = Blueprint("me_export", __name__)

_ATHLETE_FIELDS = ("id", "firstname", "sex", "measurement_preference", "scope", "note_mode",
                   "max_heartrate", "connected_at", "updated_at", "backfilled_at")


def _iso(epoch: int | None) -> str | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, timezone.utc).isoformat()


def export(db, athlete_id: int) -> dict:
    athlete = store.get_athlete(db, athlete_id)
    activities = []
    for row in db.query("SELECT * FROM activities WHERE athlete_id = ? ORDER BY start_local", [athlete_id]):
        row = dict(row)
        raw = row.pop("raw_json")
        row["strava"] = json.loads(raw) if raw else None
        row["fetched_at"], row["updated_at"] = _iso(row["fetched_at"]), _iso(row["updated_at"])
        activities.append(row)
    reports = [
        {
            "day": r["day"].isoformat(),
            "activity_id": r["activity_id"],
            "source": r["source"],  # title, description, private_note or checkin, as stored
            "sore": r["sore"],
            "severity": r["severity"],
            "qualifiers": r["qualifiers"],
            "red_flags": r["red_flags"],
            "reported_at": _iso(r["reported_at"]),
        }
        for r in store.soreness_for(db, athlete_id)
    ]
    notes = []
    for row in db.query("SELECT * FROM notes WHERE athlete_id = ? ORDER BY posted_at", [athlete_id]):
        row = dict(row)
        for name in ("advice", "flags", "metrics", "soreness", "association"):
            row[name] = json.loads(row[name]) if row[name] else None
        row["posted_at"] = _iso(row["posted_at"])
        notes.append(row)
    coaches = [
        {"name": c["name"], "email": c["email"], "invited_at": _iso(c["invited_at"]),
         "accepted_at": _iso(c["consented_at"]), "removed_at": _iso(c["revoked_at"])}
        for c in store.coaches_for(db, athlete_id, consented_only=False)
    ]
    return {
        "athlete": {
            **{name: athlete.get(name) for name in _ATHLETE_FIELDS},
            **{name: _iso(athlete.get(name)) for name in ("connected_at", "updated_at", "backfilled_at")},
        },
        "activities": activities,
        "reports": reports,
        "notes": notes,
        "coaches": coaches,
    }


@bp.get("/me/export")
def download():
    athlete = signed_in_athlete()
    if athlete is None:
        return redirect(url_for("pages.landing"))
    body = json.dumps(export(get_db(), athlete["id"]), indent=2, ensure_ascii=False)
    return Response(
        body + "\n",
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="rhomboid-{athlete["id"]}.json"',
                 "Cache-Control": "no-store"},
    )
