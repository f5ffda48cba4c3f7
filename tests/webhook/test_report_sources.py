"""Each soreness report remembers which text it came from: the title, the description, the
private note, or a check-in.

Through the whole pipeline (replay: emulator, webhook, store, worker), as a runner and their
coach would notice it: what a private note says counts toward the advice, but it never shows in
the public note of *another* activity (the same day's second run, a later run's "down from N/10"),
nor in a coach's alert; ``/me/export`` says where each report came from; and a second assessment
of an unchanged activity does not rewrite its description (the check-in link stays the same).
"""

from __future__ import annotations

import copy
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from webhook.devtools.replay import Replayer
from webhook.store import pipeline

ROOT = Path(__file__).parents[2]
TEMPLATE = ROOT / "fixtures" / "new_runner"
ATHLETE = 196540873
SUBSCRIPTION = 120475


def _scenario(tmp_path: Path, runs: list[dict], coaches: list[dict] | None = None) -> Path:
    """A fixture from ``new_runner``'s athlete and first activity, with ``runs`` in its place: each
    ``{"id", "start" (local ISO), ...fields to change}``, created 2 hours after it starts."""
    target = tmp_path / "scenario"
    target.mkdir()
    shutil.copy(TEMPLATE / "athlete.json", target / "athlete.json")
    template = json.loads(sorted((TEMPLATE / "activities").glob("*.json"))[0].read_text())
    (target / "activities").mkdir()
    events = []
    for run in runs:
        activity = copy.deepcopy(template)
        fields = dict(run)
        start = datetime.fromisoformat(fields.pop("start"))
        activity.update({"start_date_local": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                         "start_date": (start - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                         "description": "", "private_note": "", "visibility": "everyone", "private": False})
        activity.update(fields)
        (target / "activities" / f"{activity['id']}.json").write_text(json.dumps(activity))
        at = (start - timedelta(hours=2)).replace(tzinfo=timezone.utc) + timedelta(hours=2)
        events.append({"aspect_type": "create", "event_time": int(at.timestamp()), "object_id": activity["id"],
                       "object_type": "activity", "owner_id": ATHLETE, "subscription_id": SUBSCRIPTION,
                       "updates": {}})
    (target / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    if coaches:
        (target / "coaches.json").write_text(json.dumps(coaches))
    return target


COACH = [{"name": "Fiona Baird", "email": "fiona@example.com", "webhook_url": "https://hooks.example.net/fiona",
          "consented": True}]


def _outbox(replayer: Replayer, activity_id: int) -> list[dict]:
    db = replayer.services.db()
    try:
        return [dict(r) for r in db.query("SELECT level, subject, body, payload FROM outbox WHERE dedup_key LIKE ?",
                                          [f"alert:{ATHLETE}:{activity_id}:%"])]
    finally:
        db.close()


# -- 1. a red flag in one run's private note, a second public run the same day -----------------


def test_a_red_flag_in_another_run_s_private_note_is_not_named_in_a_public_note(tmp_path):
    scenario = _scenario(tmp_path, [
        {"id": 1001, "start": "2026-10-06T06:30:00", "name": "Morning jog",
         "private_note": "upper back sore, chest felt tight and short of breath"},
        {"id": 1002, "start": "2026-10-06T18:00:00", "name": "Evening shakeout #upperback 2"},
    ], COACH)
    with Replayer() as replaying:
        first, second = [line.as_json() for line in replaying.replay(scenario)]
        alerts = _outbox(replaying, 1002)
    assert second["outcome"] == "noted"
    assert second["note"]["advice"] == ["urgent_care"]  # it still counts: the runner is told to get checked
    public = second["description"]
    assert "Rhomboid has an urgent message for you today: " in public and "/me" in public
    for private in ("chest", "breath", "tight", "emergency", "private"):
        assert private not in public.lower(), private
    # the coach hears it is urgent, with the kind of sign, never the runner's words
    assert alerts and {a["level"] for a in alerts} == {"urgent"}
    for alert in alerts:
        for words in ("felt tight", "short of breath", "upper back sore"):
            assert words not in alert["body"] and words not in alert["payload"]


def test_qualifiers_from_another_run_s_private_note_stay_out_of_the_public_note_and_the_coach_warning(tmp_path):
    scenario = _scenario(tmp_path, [
        {"id": 1001, "start": "2026-10-06T06:30:00", "name": "Morning jog",
         "private_note": "upper back sore, sharp pain, worse on a deep breath"},
        {"id": 1002, "start": "2026-10-06T18:00:00", "name": "Evening shakeout #upperback 3"},
    ], COACH)
    with Replayer() as replaying:
        first, second = [line.as_json() for line in replaying.replay(scenario)]
        alerts = _outbox(replaying, 1002)
    assert "see_physio" in second["note"]["advice"]  # sharp, worse on a deep breath: it counts
    public = second["description"]
    assert "about your upper back." in public and "private" not in public
    assert "sharp" not in public.lower() and "deep breath" not in public.lower()
    assert alerts and {a["level"] for a in alerts} == {"warning"}
    for alert in alerts:
        for words in ("sharp", "deep breath"):
            assert words not in alert["body"].lower() and words not in alert["payload"].lower(), words


# -- 2. a rating given only in a private note is not quoted on a later public note -------------


def test_a_rating_given_only_in_a_private_note_is_not_quoted_two_days_later(tmp_path):
    scenario = _scenario(tmp_path, [
        {"id": 1001, "start": "2026-10-06T06:30:00", "name": "Tuesday easy", "private_note": "#upperback 7"},
        {"id": 1002, "start": "2026-10-08T06:30:00", "name": "Thursday tempo #upperback 4"},
    ])
    with Replayer() as replaying:
        first, second = [line.as_json() for line in replaying.replay(scenario)]
    assert "7/10" not in (first["description"] or "")  # already so: the run's own private note
    public = second["description"]
    assert "Upper back sore today (4/10)" in public
    assert "7/10" not in public and "Tuesday" not in public


def test_a_public_rating_is_still_compared_with_a_later_one(tmp_path):
    scenario = _scenario(tmp_path, [
        {"id": 1001, "start": "2026-10-06T06:30:00", "name": "Tuesday easy #upperback 6"},
        {"id": 1002, "start": "2026-10-08T06:30:00", "name": "Thursday tempo #upperback 4"},
    ])
    with Replayer() as replaying:
        lines = [line.as_json() for line in replaying.replay(scenario)]
    assert "Down from 6/10 on Tuesday" in lines[1]["description"]


# -- 3. /me/export says where each report came from --------------------------------------------


def _export(world) -> dict:
    with world.client.session_transaction() as session:
        session["athlete_id"] = world.fixture.athlete_id
    response = world.client.get("/me/export")
    assert response.status_code == 200
    return response.get_json(force=True)


def _deliver_all(world) -> list:
    return [world._deliver(event) for event in world.fixture.events]


def test_the_export_lists_one_report_per_text_with_its_source(world):
    _deliver_all(world)
    reports = {(r["activity_id"], r["source"]): r for r in _export(world)["reports"]}
    # the Sunday long run: "upper back a bit tight afterwards, 3/10" in the private note only
    assert {k[1] for k in reports if k[0] == 11003000103} == {"private_note"}
    assert reports[(11003000103, "private_note")]["severity"] == 3
    # the last long run: "#upperback 5" added to the title, "rhomboids sore, 5/10, worse on a deep breath"
    assert {k[1] for k in reports if k[0] == 11003000105} == {"title", "private_note"}
    assert reports[(11003000105, "title")]["severity"] == 5
    assert reports[(11003000105, "title")]["qualifiers"] == []
    assert reports[(11003000105, "private_note")]["qualifiers"] == ["worse_on_deep_breath"]


def test_a_tag_removed_from_the_title_removes_that_report(world):
    _deliver_all(world)
    last = dict(world.fixture.events[-1], event_time=world.fixture.events[-1]["event_time"] + 600,
                updates={"title": "Long run"})
    assert world._deliver(last).outcome in ("noted", "skipped")
    sources = {r["source"] for r in _export(world)["reports"] if r["activity_id"] == 11003000105}
    assert sources == {"private_note"}


# -- 4. an unchanged activity assessed again keeps its description (and its check-in link) ----


def _notes_written(replayer: Replayer) -> int:
    db = replayer.services.db()
    try:
        return sum(pipeline.counters(db, pipeline.NOTES_WRITTEN).values())
    finally:
        db.close()


def test_a_title_change_that_changes_nothing_rewrites_no_description(tmp_path):
    scenario = ROOT / "fixtures" / "wrong_sport_type"  # its spike without a report asks for a check-in
    with Replayer() as replaying:
        first = next(iter(replaying.replay(scenario)))  # the long run: a spike, no report
        assert "How is your upper back? " in first.description
        before, written = first.description, _notes_written(replaying)
        current = replaying.emulator.state.get_activity(first.activity_id)
        later = int(first.event["event_time"]) + 3 * 3600
        # the runner renames the run three hours later: nothing Rhomboid says changes
        again = replaying._deliver(dict(first.event, aspect_type="update", event_time=later,
                                        updates={"title": current["name"] + " (felt good)"}))
        assert again.outcome == "noted"
        assert again.description == before  # the same link, not one signed three hours later
        assert _notes_written(replaying) == written  # and no PUT to Strava


def test_a_sore_day_only_a_private_note_told_of_is_not_named_on_a_later_public_note(tmp_path):
    scenario = _scenario(tmp_path, [
        {"id": 1001, "start": "2026-10-06T06:30:00", "name": "Tuesday easy", "private_note": "#upperback 4"},
        {"id": 1002, "start": "2026-10-08T06:30:00", "name": "Thursday tempo"},
    ])
    with Replayer() as replaying:
        first, second = [line.as_json() for line in replaying.replay(scenario)]
    public = second["description"]
    assert second["outcome"] == "noted"  # soreness in the last 7 days still calls for a note
    assert "How is your upper back? Add #upperback 0-10 to the title." in public  # it asks
    assert "Tuesday" not in public and "was sore" not in public and "4/10" not in public  # without telling
