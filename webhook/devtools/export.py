"""Turn what the database holds about a runner into a replayable fixture.

So a production problem can become a regression test: the athlete, their
activities (the raw Strava JSON while it is kept, else rebuilt from the
derived fields), and the webhook events we received, in order. Tokens are
never exported; neither are locations or embed tokens (see KEPT_FIELDS).
Strava's ids and the runner's name are replaced by stand-ins (a real id
leads to the runner's public profile); a private note, and the words of an
activity only the runner can see, are replaced by standard words that mean
the same to Rhomboid (see stand_in); our own note block is stripped from
descriptions (replay writes it again); coach emails and URLs are replaced
by placeholders.

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
from webhook import inbox, store


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
    private = stand_in(activity.get("private_note") or row.get("private_note"))
    if private:
        kept["private_note"] = private
    if kept.get("description"):
        kept["description"] = runner_text(kept["description"]) or None
    if kept.get("private") or kept.get("visibility") == "only_me":
        # only the runner sees this activity: its words stay with them too
        kept["name"] = stand_in(kept.get("name")) or "Run"
        kept["description"] = stand_in(kept.get("description"))
    return kept


QUALIFIER_WORDS = {
    "worse_on_waking": "worse when I wake up",
    "worse_on_deep_breath": "worse on a deep breath",
    "sharp": "sharp",
    "night_or_rest": "worse at night",
    "not_eased_by_rest": "rest doesn't help",
}


def stand_in(private_note: str | None) -> str | None:
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


SYNTHETIC_ATHLETE_ID = 1_000_001
FIRST_SYNTHETIC_ACTIVITY_ID = 2_000_000_001
SYNTHETIC_SUBSCRIPTION_ID = 1


class _Ids:
    """Real Strava ids to stand-ins, the same everywhere in one export: a real
    id leads straight to the runner's public profile and activity maps."""

    def __init__(self) -> None:
        self.activities: dict[int, int] = {}

    def activity(self, real: int) -> int:
        if real not in self.activities:
            self.activities[real] = FIRST_SYNTHETIC_ACTIVITY_ID + len(self.activities)
        return self.activities[real]


def _event(body: dict, ids: _Ids, private_ids: set[int]) -> dict:
    """The event rebuilt from the fields Strava sends, with stand-in ids."""
    athlete_event = body.get("object_type") == "athlete"
    updates = dict(body.get("updates") or {})
    if "title" in updates and body.get("object_id") in private_ids:
        updates["title"] = stand_in(updates["title"]) or "Run"
    return {
        "object_type": body.get("object_type"),
        "aspect_type": body.get("aspect_type"),
        "object_id": SYNTHETIC_ATHLETE_ID if athlete_event else ids.activity(int(body["object_id"])),
        "owner_id": SYNTHETIC_ATHLETE_ID,
        "subscription_id": SYNTHETIC_SUBSCRIPTION_ID,
        "event_time": body.get("event_time"),
        "updates": updates,
    }


def export_fixture(db, athlete_id: int) -> Fixture:
    athlete = store.get_athlete(db, athlete_id)
    if athlete is None:
        raise ExportError(f"no athlete {athlete_id} in the database")
    profile = {
        "id": SYNTHETIC_ATHLETE_ID,
        "resource_state": 3,
        "firstname": "Runner",
        "lastname": "",
        "sex": athlete.get("sex"),
        "measurement_preference": athlete.get("measurement_preference") or "meters",
    }
    ids = _Ids()
    activities, private_ids = {}, set()
    for row in db.query("SELECT * FROM activities WHERE athlete_id = ? ORDER BY start_local, id", [athlete_id]):
        activity = _activity_json(row)
        if activity.get("private") or activity.get("visibility") == "only_me":
            private_ids.add(row["id"])
        activity["id"] = ids.activity(row["id"])
        activity["athlete"] = {"id": SYNTHETIC_ATHLETE_ID, "resource_state": 1}
        activity.pop("external_id", None)
        activities[activity["id"]] = activity
    events = [
        _event(inbox.get_event(db, row["id"])["body"], ids, private_ids)
        for row in db.query("SELECT id FROM inbox WHERE owner_id = ? ORDER BY id", [athlete_id])
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
