"""Turn what the database holds about a runner into a replayable fixture.

So a production problem can become a regression test: the athlete, their
activities (the raw Strava JSON while it is kept, else rebuilt from the
derived fields), and the webhook events we received, in order. Tokens are
never exported; neither are locations or embed tokens (see KEPT_FIELDS), and
a private note is replaced by standard words that mean the same to Rhomboid
(see private_note_stand_in); our own note block is stripped from descriptions (replay
writes it again); coach emails and URLs are replaced by placeholders.

Activities carry their latest title: the database keeps no earlier one, so
an activity whose title was updated shows the new title from its create
event on. Final notes are the same; an intermediate one may differ.
"""

from __future__ import annotations

import json
from datetime import datetime

from connector.fixtures import Fixture
from insights.block import runner_text
from insights.soreness import RED_FLAG_LABELS, parse_soreness
from webhook import store


class ExportError(Exception):
    pass


# What a fixture keeps of an activity: the fields Rhomboid reads and the ones
# that make it look like Strava's. Everything else (map polylines, start and
# end coordinates, embed tokens, photos, segment efforts, the private note)
# can locate or identify the runner and is dropped.
KEPT_FIELDS = (
    "id", "resource_state", "external_id", "name", "description", "distance", "moving_time",
    "elapsed_time", "total_elevation_gain", "type", "sport_type", "workout_type", "start_date",
    "start_date_local", "timezone", "utc_offset", "average_speed", "max_speed", "has_heartrate",
    "average_heartrate", "max_heartrate", "suffer_score", "perceived_exertion", "calories",
    "trainer", "commute", "manual", "private", "visibility", "device_name",
)


def _activity_json(row: dict) -> dict:
    if row.get("raw_json"):
        activity = json.loads(row["raw_json"])
    else:
        start = datetime.fromisoformat(row["start_local"]).strftime("%Y-%m-%dT%H:%M:%SZ")
        activity = {
            "id": row["id"],
            "resource_state": 3,
            "athlete": {"id": row["athlete_id"], "resource_state": 1},
            "name": row["name"],
            "description": row["description"],
            "distance": round(row["distance_km"] * 1000, 1),
            "moving_time": row["moving_s"],
            "elapsed_time": row["elapsed_s"],
            "type": row["sport_type"],
            "sport_type": row["sport_type"],
            "start_date": start,
            "start_date_local": start,
            "average_speed": row["average_speed"],
            "average_heartrate": row["average_heartrate"],
            "max_heartrate": row["max_heartrate"],
            "has_heartrate": row["average_heartrate"] is not None,
            "perceived_exertion": row["perceived_exertion"],
            "suffer_score": row["suffer_score"],
        }
    kept = {key: activity[key] for key in KEPT_FIELDS if key in activity}
    kept["athlete"] = {"id": row["athlete_id"], "resource_state": 1}
    stand_in = private_note_stand_in(activity.get("private_note") or row.get("private_note"))
    if stand_in:
        kept["private_note"] = stand_in
    if kept.get("description"):
        kept["description"] = runner_text(kept["description"]) or None
    return kept


QUALIFIER_WORDS = {
    "worse_on_waking": "worse when I wake up",
    "worse_on_deep_breath": "worse on a deep breath",
    "sharp": "sharp",
    "night_or_rest": "worse at night",
    "not_eased_by_rest": "rest doesn't help",
}


def private_note_stand_in(private_note: str | None) -> str | None:
    """The private note's meaning for Rhomboid, in standard words, not the runner's.

    Replay must see the same soreness report, qualifiers and red flags as the
    original, but the runner's private words stay private.
    """
    if not private_note:
        return None
    report = parse_soreness(private_note)
    parts = []
    if report.sore is not None:
        severity = report.severity if report.severity is not None else ("" if report.sore else 0)
        parts.append(f"#upperback {severity}".strip())
    parts += [QUALIFIER_WORDS[q] for q in sorted(report.qualifiers)]
    parts += [RED_FLAG_LABELS[f] for f in report.red_flags]
    return ". ".join(parts) + "." if parts else None


def export_fixture(db, athlete_id: int) -> Fixture:
    athlete = store.get_athlete(db, athlete_id)
    if athlete is None:
        raise ExportError(f"no athlete {athlete_id} in the database")
    profile = {
        "id": athlete_id,
        "resource_state": 3,
        "firstname": athlete.get("firstname") or "Runner",
        "lastname": "",
        "sex": athlete.get("sex"),
        "measurement_preference": athlete.get("measurement_preference") or "meters",
    }
    activities = {
        row["id"]: _activity_json(row)
        for row in db.query("SELECT * FROM activities WHERE athlete_id = ? ORDER BY start_local", [athlete_id])
    }
    events = [
        json.loads(row["body"])
        for row in db.query("SELECT body FROM inbox WHERE owner_id = ? ORDER BY id", [athlete_id])
    ]
    coaches = []
    for number, row in enumerate(
        db.query(
            """SELECT c.*, l.consented_at, l.revoked_at FROM coaches c
               JOIN coach_links l ON l.coach_id = c.id WHERE l.athlete_id = ? ORDER BY c.id""",
            [athlete_id],
        ),
        1,
    ):
        coaches.append({
            "name": f"Coach {number}",
            "email": f"coach{number}@example.invalid" if row.get("email") else None,
            "webhook_url": f"http://127.0.0.1:9/coach{number}" if row.get("webhook_url") else None,
            "consented": bool(row["consented_at"]) and not row["revoked_at"],
        })
    return Fixture(path=None, athlete=profile, activities=activities, events=events, coaches=coaches)
