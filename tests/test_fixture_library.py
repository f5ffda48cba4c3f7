"""The fixture library under fixtures/: well-formed, Strava-shaped, and each scenario shows its point.

Each scenario is replayed by the real :class:`~webhook.devtools.replay.Replayer`
(the emulator, the webhook endpoint and the worker, as ``rhomboid replay``
runs them), so a scenario whose data drifted away from its story fails here.
``FIXTURES_DIR`` may point elsewhere (e.g. a fresh generator output).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from connector.fixtures import Fixture, load_fixture
from insights.activities import Activity, activity_from_strava
from insights.load import runs_only
from insights.soreness import activity_soreness
from webhook.devtools.replay import Replayer

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(os.environ.get("FIXTURES_DIR", ROOT / "fixtures"))
GENERATOR = ROOT / "fixtures" / "generate.py"
SCENARIOS = sorted(p.name for p in FIXTURES.iterdir() if (p / "athlete.json").is_file())

RUN_SPORTS = {"Run", "TrailRun", "VirtualRun"}
SPORTS = RUN_SPORTS | {"Ride", "Swim", "WeightTraining", "Walk"}
BACKFILL_DAYS = 90
SUBSCRIPTION_ID = 120475


def strava_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


def start_epoch(activity: dict) -> int:
    return int(strava_time(activity["start_date"]).replace(tzinfo=timezone.utc).timestamp())


@cache
def fixture(name: str) -> Fixture:
    return load_fixture(FIXTURES / name)


def own_activities(fx: Fixture) -> dict[int, dict]:
    return {i: a for i, a in fx.activities.items() if a["athlete"]["id"] == fx.athlete_id}


def history(fx: Fixture) -> list[dict]:
    """The activities no event names and the athlete owns: what the backfill finds."""
    named = {e["object_id"] for e in fx.events if e["object_type"] == "activity"}
    return [a for i, a in own_activities(fx).items() if i not in named]


# -- the real replay -------------------------------------------------------------


@dataclass
class Step:
    """One replayed event: its ``replay --json`` line and the activity as Strava had it afterwards."""

    event: dict
    outcome: str  # noted | skipped | deleted | ignored | error
    reason: str | None
    note: dict | None
    activity: Activity | None  # None when Strava no longer has it

    @property
    def flags(self) -> list[str]:
        return self.note["flags"] if self.note else []

    @property
    def advice(self) -> list[str]:
        return self.note["advice"] if self.note else []

    @property
    def soreness(self) -> dict:
        return self.note["soreness"] if self.note else {}

    @property
    def text(self) -> str:
        return self.note["text"] if self.note else ""


_REPLAYER: list[Replayer] = []


@pytest.fixture(scope="module", autouse=True)
def replayer():
    with Replayer() as replaying:
        _REPLAYER.append(replaying)
        yield replaying
        _REPLAYER.clear()
        replay.cache_clear()


@cache
def replay(name: str) -> tuple[Step, ...]:
    """Each event's outcome as `rhomboid replay` gives it."""
    (replaying,) = _REPLAYER
    steps = []
    for line in replaying.replay(fixture(name)):
        raw = replaying.emulator.state.get_activity(line.activity_id) if line.activity_id else None
        steps.append(Step(line.event, line.outcome, line.reason, line.note,
                          activity_from_strava(raw) if raw else None))
    return tuple(steps)


def assessed(name: str) -> list[Step]:
    """The steps that assessed an activity (noted or skipped)."""
    return [s for s in replay(name) if s.outcome in ("noted", "skipped")]


def step_for(name: str, activity_id: int, aspect: str = "create") -> Step:
    found = [s for s in replay(name) if s.event["object_id"] == activity_id and s.event["aspect_type"] == aspect
             and s.outcome in ("noted", "skipped")]
    assert found, f"{name}: no assessed {aspect} event for {activity_id}"
    return found[-1]


def by_title(name: str, text: str) -> dict:
    """The one activity of the scenario whose title contains ``text``."""
    found = [a for a in own_activities(fixture(name)).values() if text in a["name"]]
    assert len(found) == 1, f"{name}: {len(found)} activities titled with {text!r}"
    return found[0]


def coach_alerts_to(fx: Fixture) -> list[str]:
    """Where alerts may go: the consenting coaches' e-mail or webhook."""
    return [c["email"] or c["webhook_url"] for c in fx.coaches if c["consented"]]


# -- the library as a whole ---------------------------------------------------


def test_library_has_the_scenarios_the_suite_and_replay_rely_on():
    expected = {
        "distance_spike_soreness", "soreness_steady_load", "persistent_soreness_physio", "red_flags_urgent",
        "explicit_no", "duplicate_and_title_tag", "deauthorization", "runner_in_miles", "mixed_sports",
        "intensity_jump", "new_runner", "bad_events",
    }
    assert expected <= set(SCENARIOS)


def test_generator_output_matches_the_committed_files(tmp_path):
    """Regenerating gives these files byte for byte: edit generate.py, never the JSON."""
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(tmp_path)], check=True, capture_output=True)
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(
        p.relative_to(FIXTURES) for name in SCENARIOS for p in (FIXTURES / name).rglob("*")
        if p.is_file() and p.name != "expected.json"
    )
    assert fresh == committed
    changed = [str(p) for p in fresh if (tmp_path / p).read_bytes() != (FIXTURES / p).read_bytes()]
    assert changed == [], "run .venv/bin/python fixtures/generate.py"


def test_ids_are_unique_across_the_library():
    activity_ids, athlete_ids = {}, {}
    for name in SCENARIOS:
        fx = fixture(name)
        assert athlete_ids.setdefault(fx.athlete_id, name) == name, f"athlete {fx.athlete_id} reused"
        for activity_id in fx.activities:
            assert activity_ids.setdefault(activity_id, name) == name, f"activity {activity_id} in two scenarios"
    # events that name no file must not name another scenario's activity either
    for name in SCENARIOS:
        for ev in fixture(name).events:
            if ev["object_type"] == "activity" and ev["object_id"] not in fixture(name).activities:
                assert ev["object_id"] not in activity_ids


def test_library_stays_small():
    total = sum(p.stat().st_size for name in SCENARIOS for p in (FIXTURES / name).rglob("*.json*"))
    assert total < 2_000_000


def test_readme_has_a_paragraph_for_every_scenario():
    readme = (ROOT / "fixtures" / "README.md").read_text(encoding="utf-8")
    missing = [name for name in SCENARIOS if f"`{name}`" not in readme]
    assert missing == []


# -- every scenario: Strava's shapes ------------------------------------------

ATHLETE_KEYS = ("id", "username", "resource_state", "firstname", "lastname", "sex", "city", "country",
                "measurement_preference", "weight", "created_at", "updated_at", "shoes", "bikes")
ACTIVITY_KEYS = (
    "id", "resource_state", "athlete", "name", "distance", "moving_time", "elapsed_time", "total_elevation_gain",
    "type", "sport_type", "workout_type", "start_date", "start_date_local", "timezone", "utc_offset",
    "average_speed", "max_speed", "has_heartrate", "average_heartrate", "max_heartrate", "suffer_score",
    "perceived_exertion", "description", "private_note", "calories", "device_name", "manual", "trainer",
    "commute", "private", "visibility", "gear_id", "map", "start_latlng", "upload_id", "external_id",
)


@pytest.mark.parametrize("name", SCENARIOS)
def test_athlete_is_a_detailed_athlete(name):
    athlete = fixture(name).athlete
    assert [k for k in ATHLETE_KEYS if k not in athlete] == []
    assert athlete["resource_state"] == 3
    assert athlete["sex"] in ("M", "F")
    assert athlete["measurement_preference"] in ("meters", "feet")
    assert 40 <= athlete["weight"] <= 110
    assert strava_time(athlete["created_at"]) <= strava_time(athlete["updated_at"])


@pytest.mark.parametrize("name", SCENARIOS)
def test_activities_look_like_stravas(name):
    fx = fixture(name)
    for path in (FIXTURES / name / "activities").glob("*.json"):
        assert path.stem == str(json.loads(path.read_text())["id"]), f"{path} is not named after its id"
    for activity_id, a in fx.activities.items():
        where = f"{name}/{activity_id}"
        assert [k for k in ACTIVITY_KEYS if k not in a] == [], where
        assert a["resource_state"] == 3 and a["athlete"]["resource_state"] == 1, where
        assert 15_000_000_000 < activity_id < 20_000_000_000, where
        assert a["sport_type"] in SPORTS, where
        assert a["type"] == ("Run" if a["sport_type"] == "TrailRun" else a["sport_type"]), where
        assert isinstance(a["distance"], float) and a["distance"] >= 0, where
        assert 0 < a["moving_time"] <= a["elapsed_time"], where
        if a["distance"]:
            assert a["average_speed"] == pytest.approx(a["distance"] / a["moving_time"], abs=1e-3), where
            assert a["max_speed"] >= a["average_speed"], where
        # start_date is UTC; start_date_local is the wall clock, also written with a "Z"
        start, local = strava_time(a["start_date"]), strava_time(a["start_date_local"])
        assert local - start == timedelta(seconds=a["utc_offset"]), where
        assert isinstance(a["utc_offset"], float), where
        zone = a["timezone"].split(") ", 1)[1]
        aware = start.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))
        assert aware.utcoffset().total_seconds() == a["utc_offset"], where
        standard = aware.utcoffset() - aware.dst()
        hours, minutes = divmod(int(abs(standard.total_seconds())) // 60, 60)
        sign = "-" if standard.total_seconds() < 0 else "+"
        assert a["timezone"].startswith(f"(GMT{sign}{hours:02d}:{minutes:02d}) "), where
        assert 6 <= local.hour < 20, f"{where}: starts at {local:%H:%M} local"
        # heart rate only where a device recorded it
        assert a["has_heartrate"] == (a["average_heartrate"] is not None) == (a["max_heartrate"] is not None), where
        if a["has_heartrate"]:
            assert 80 <= a["average_heartrate"] <= a["max_heartrate"] <= 200, where
            assert a["device_name"] and not a["manual"], where
        else:
            assert a["suffer_score"] is None, where
        if a["manual"]:
            assert a["start_latlng"] == [] and a["upload_id"] is None and a["device_name"] is None, where
        assert a["private"] == (a["visibility"] == "only_me"), where
        assert a["map"]["id"] == f"a{activity_id}", where


@pytest.mark.parametrize("name", SCENARIOS)
def test_history_runs_are_realistic(name):
    runs = [a for a in history(fixture(name)) if a["sport_type"] in RUN_SPORTS]
    for a in runs:
        pace_min_km = a["moving_time"] / 60 / (a["distance"] / 1000)
        assert 4.0 <= pace_min_km <= 7.5, f"{name}/{a['id']}: {pace_min_km:.2f} min/km"
    with_hr = [a for a in runs if a["has_heartrate"]]
    if with_hr:
        easy = sorted(a["average_heartrate"] for a in with_hr)[len(with_hr) // 2]
        assert 130 <= easy <= 155, f"{name}: median run HR {easy}"
        assert 165 <= max(a["max_heartrate"] for a in with_hr) <= 195
        assert max(a["average_heartrate"] for a in with_hr) >= 155, f"{name}: no harder session"


@pytest.mark.parametrize("name", SCENARIOS)
def test_events_are_webhook_bodies(name):
    fx = fixture(name)
    times = [e["event_time"] for e in fx.events]
    assert fx.events and times == sorted(times), "events are delivered in time order"
    for ev in fx.events:
        assert list(ev) == ["aspect_type", "event_time", "object_id", "object_type", "owner_id",
                            "subscription_id", "updates"]
        assert ev["subscription_id"] == SUBSCRIPTION_ID
        assert ev["aspect_type"] in ("create", "update", "delete")
        assert all(isinstance(v, str) for v in ev["updates"].values()), "Strava sends update values as strings"
        if ev["aspect_type"] != "update":
            assert ev["updates"] == {}
        if ev["object_type"] == "athlete":
            assert ev["object_id"] == ev["owner_id"] == fx.athlete_id
            assert ev["updates"] == {"authorized": "false"}
            continue
        assert ev["object_type"] == "activity"
        assert set(ev["updates"]) <= {"title", "type", "private"}
        activity = fx.activities.get(ev["object_id"])
        if activity is None:
            continue  # deliberately missing: bad_events checks these
        assert activity["athlete"]["id"] == ev["owner_id"]
        ended = start_epoch(activity) + activity["elapsed_time"]
        assert ended < ev["event_time"] < ended + 24 * 3600, f"{ev} is not soon after the activity"


@pytest.mark.parametrize("name", SCENARIOS)
def test_history_comes_before_the_events_and_inside_the_backfill(name):
    fx = fixture(name)
    past = history(fx)
    named = [own_activities(fx)[e["object_id"]] for e in fx.events
             if e["object_type"] == "activity" and e["object_id"] in own_activities(fx)]
    first_event = fx.events[0]["event_time"]
    if name == "new_runner":
        assert past == []
        joined = strava_time(fx.athlete["created_at"]).replace(tzinfo=timezone.utc).timestamp()
        assert 0 < first_event - joined < 7 * 86400
        return
    starts = sorted(start_epoch(a) for a in past)
    assert starts[-1] < min(start_epoch(a) for a in named), "history ends before the first new activity"
    assert starts[0] >= first_event - BACKFILL_DAYS * 86400, "the backfill must see all of the history"
    assert starts[-1] - starts[0] >= 6 * 7 * 86400, "at least six weeks of history"
    runs = [a for a in past if a["sport_type"] in RUN_SPORTS]
    weeks = (starts[-1] - starts[0]) / (7 * 86400)
    assert 3 <= len(runs) / weeks <= 6.5, f"{len(runs) / weeks:.1f} runs a week"


@pytest.mark.parametrize("name", SCENARIOS)
def test_red_flags_only_where_they_are_the_point(name):
    for a in own_activities(fixture(name)).values():
        flags = activity_soreness(activity_from_strava(a)).red_flags
        if name == "red_flags_urgent" and a["name"] == "Cut short":
            assert set(flags) >= {"chest_pain", "breathless"}
        else:
            assert flags == (), f"{name}/{a['id']} mentions {flags}"


# -- each scenario shows what it is for ----------------------------------------

# What each event should come to, in delivery order (fixtures/README.md tells the story).
OUTCOMES = {
    "distance_spike_soreness": ["skipped", "skipped", "noted", "noted"],
    "soreness_steady_load": ["skipped", "noted", "noted"],
    "persistent_soreness_physio": ["noted"] * 7,
    "red_flags_urgent": ["skipped", "noted"],
    "explicit_no": ["skipped"] * 3,
    "duplicate_and_title_tag": ["skipped", "noted", "ignored", "ignored", "noted"],
    "deauthorization": ["skipped", "noted", "deleted"],
    "runner_in_miles": ["skipped", "skipped", "noted"],
    "mixed_sports": ["skipped"] * 4,
    "intensity_jump": ["skipped", "skipped", "noted", "skipped"],
    "new_runner": ["noted", "noted"],
    # the duplicate upload lifts the acute:chronic ratio only: context, no note
    "bad_events": ["skipped", "ignored", "ignored", "skipped", "skipped", "deleted", "skipped", "deleted", "ignored",
                   "skipped"],
    "coach_digest": ["noted"] * 3,
    "female_recurring": ["skipped", "noted", "noted"],
    "wrong_sport_type": ["noted", "skipped", "skipped", "skipped"],
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_event_comes_to_what_the_readme_says(name):
    assert name in OUTCOMES, f"add {name} to OUTCOMES and to fixtures/README.md"
    assert [s.outcome for s in replay(name)] == OUTCOMES[name]


def test_distance_spike_soreness():
    spike = step_for("distance_spike_soreness", by_title("distance_spike_soreness", "#upperback 5")["id"])
    assert spike.outcome == "noted" and "long_run_spike" in spike.flags
    assert spike.note["metrics"]["longest_run_change"] > 0.2
    assert spike.advice[0] == "reduce_load"
    assert spike.soreness["reported"] is True and spike.soreness["severity"] == 5
    before = [s for s in assessed("distance_spike_soreness") if s.activity.start_local < spike.activity.start_local]
    assert before and all(s.outcome == "skipped" for s in before)


def test_soreness_steady_load():
    steps = assessed("soreness_steady_load")
    assert all(s.flags == [] for s in steps), [s.flags for s in steps]
    sore = [s for s in steps if s.soreness.get("reported") is True and activity_soreness(s.activity).sore]
    assert len(sore) == 1
    step = sore[0]
    assert "shoulder blades" in step.activity.description and "#upperback" not in step.activity.name
    assert step.outcome == "noted" and step.soreness["severity"] == 4
    assert {"form", "mobility_strength"} <= set(step.advice)
    assert "At 4/10: shorter, easier runs" in step.text  # the pain-monitoring model
    assert "reduce_load" not in step.advice and "see_physio" not in step.advice


def test_persistent_soreness_physio():
    steps = assessed("persistent_soreness_physio")
    assert len(steps) == 7
    days = [s.activity.day for s in steps]
    assert all((b - a).days == 1 for a, b in zip(days, days[1:])), "one run a day for a week"
    assert all(s.soreness["reported"] is True for s in steps)
    waking = [s for s in steps if "worse_on_waking" in activity_soreness(s.activity).qualifiers]
    assert len(waking) >= 3
    assert "see_physio" not in steps[0].advice
    assert steps[-1].advice[0] == "see_physio"
    assert steps[-1].soreness["days_running"] >= 7


def test_red_flags_urgent():
    fx = fixture("red_flags_urgent")
    warning = step_for("red_flags_urgent", by_title("red_flags_urgent", "Cut short")["id"])
    assert warning.advice == ["urgent_care"]
    assert set(warning.soreness["red_flags"]) >= {"chest_pain", "breathless"}
    assert len(fx.coaches) == 2
    assert coach_alerts_to(fx) == ["fiona.baird@example.com"]
    assert [c["consented"] for c in fx.coaches].count(False) == 1
    urgent = [s for s in replay("red_flags_urgent") if s.outcome == "noted"]
    assert urgent and urgent[-1] is warning


def test_explicit_no():
    steps = assessed("explicit_no")
    assert len(steps) == 3
    for s in steps:
        assert s.outcome == "skipped" and s.note is None
        assert activity_soreness(s.activity).sore is False, "each run says the upper back is fine"


def test_duplicate_and_title_tag():
    fx = fixture("duplicate_and_title_tag")
    update = fx.events[-1]
    assert update["aspect_type"] == "update"
    long_run = fx.activities[update["object_id"]]
    lines = (FIXTURES / "duplicate_and_title_tag" / "events.jsonl").read_text().splitlines()
    creates = [line for line in lines if f'"object_id": {long_run["id"]}' in line and '"create"' in line]
    assert len(creates) == 3 and len(set(creates)) == 1, "one create, delivered three times"
    assert lines[-4:-1] == creates, "delivered back to back"
    assert update["updates"]["title"] == long_run["name"] + " #upperback 4"
    assert "#upperback" not in long_run["name"], "the file holds the original title"
    outcomes = [s.outcome for s in replay("duplicate_and_title_tag") if s.event["object_id"] == long_run["id"]]
    assert outcomes == ["noted", "ignored", "ignored", "noted"]
    first, edited = step_for("duplicate_and_title_tag", long_run["id"]), step_for(
        "duplicate_and_title_tag", long_run["id"], "update")
    assert first.soreness["reported"] is None and "long_run_spike" in first.flags
    assert edited.soreness["severity"] == 4


def test_deauthorization():
    fx = fixture("deauthorization")
    *activity_events, last = fx.events
    assert last == {
        "aspect_type": "update", "event_time": last["event_time"], "object_id": fx.athlete_id,
        "object_type": "athlete", "owner_id": fx.athlete_id, "subscription_id": SUBSCRIPTION_ID,
        "updates": {"authorized": "false"},
    }
    assert len(activity_events) >= 2 and all(e["object_type"] == "activity" for e in activity_events)
    assert replay("deauthorization")[-1].outcome == "deleted"
    assert any(s.outcome == "noted" for s in replay("deauthorization")), "there is something to delete"


def test_runner_in_miles():
    fx = fixture("runner_in_miles")
    assert fx.athlete["measurement_preference"] == "feet"
    spike = [s for s in assessed("runner_in_miles") if s.soreness.get("reported") is True]
    assert len(spike) == 1
    step = spike[0]
    assert "long_run_spike" in step.flags and step.outcome == "noted"
    assert "13.1 mi" in step.text and " km" not in step.text


def test_mixed_sports():
    fx = fixture("mixed_sports")
    sports = {a["sport_type"] for a in history(fx)}
    assert {"Ride", "Swim", "WeightTraining", "TrailRun", "Run"} <= sports
    steps = assessed("mixed_sports")
    ride = next(s for s in steps if s.activity.sport_type == "Ride")
    run = next(s for s in steps if s.activity.is_run)
    assert ride.activity.distance_km > 150 and (run.activity.day - ride.activity.day).days == 1
    # counted as running, the ride would dwarf every run of the last 30 days
    month = [r for r in runs_only([activity_from_strava(a) for a in history(fx)])
             if 1 <= (run.activity.day - r.day).days <= 30]
    assert ride.activity.distance_km > 1.1 * max(r.distance_km for r in month)
    assert run.outcome == "skipped", "no running spike: the ride does not count"
    assert all(s.outcome == "skipped" for s in steps if not s.activity.is_run)


def test_intensity_jump():
    steps = assessed("intensity_jump")
    race = next(s for s in steps if s.activity.name == "Cardiff Bay 10K")
    assert "intensity_spike" in race.flags and "long_run_spike" not in race.flags
    assert race.activity.average_heartrate and race.activity.workout_type == 1
    assert "After a race" in race.text and "reduce_load" not in race.advice  # recovery, not "a jump"
    assert race.outcome == "noted"
    assert [s for s in steps if s is not race and "intensity_spike" in s.flags] == []


def test_new_runner():
    fx = fixture("new_runner")
    assert not any(a["has_heartrate"] for a in fx.activities.values()), "a phone records no heart rate"
    first = assessed("new_runner")[0]
    assert first.outcome == "noted"
    assert first.soreness["reported"] is True and first.soreness["severity"] == 2
    metrics = first.note["metrics"]
    assert metrics["week_change"] is None and metrics["acwr"] is None and metrics["longest_run_change"] is None


def test_bad_events():
    fx = fixture("bad_events")
    steps = replay("bad_events")
    missing = [e for e in fx.events if e["object_type"] == "activity" and e["object_id"] not in fx.activities]
    assert {e["aspect_type"] for e in missing} == {"create", "update"}
    foreign = [e for e in fx.events if e["owner_id"] != fx.athlete_id]
    assert len(foreign) == 1 and fx.activities[foreign[0]["object_id"]]["athlete"]["id"] == foreign[0]["owner_id"]
    deletes = [i for i, e in enumerate(fx.events) if e["aspect_type"] == "delete"]
    assert len(deletes) == 2
    for i in deletes:
        assert any(e["aspect_type"] == "create" and e["object_id"] == fx.events[i]["object_id"]
                   for e in fx.events[:i]), "each deleted activity was created first"
    outcomes = [s.outcome for s in steps]
    assert outcomes.count("ignored") == 3 and outcomes.count("deleted") == 2
    assert steps[-1].outcome in ("noted", "skipped"), "replay goes on after the bad events"
    # the deleted activities are gone from Strava and from what Rhomboid counts
    (replaying,) = _REPLAYER
    db = replaying.services.db()
    try:
        stored = {row[0] for row in db.execute("SELECT id FROM activities WHERE athlete_id = ?", [fx.athlete_id])}
    finally:
        db.close()
    for i in deletes:
        gone = fx.events[i]["object_id"]
        assert steps[i].activity is None and gone not in stored


def test_coach_digest():
    fx = fixture("coach_digest")
    assert len(coach_alerts_to(fx)) == 2 == len(fx.coaches)
    steps = assessed("coach_digest")
    assert any(s.soreness.get("reported") is True for s in steps)
    assert all(s.outcome == "noted" and "urgent_care" not in s.advice for s in steps)


def test_female_recurring():
    fx = fixture("female_recurring")
    assert fx.athlete["sex"] == "F"
    past = [activity_soreness(activity_from_strava(a)) for a in history(fx)]
    assert sum(r.sore is True for r in past) >= 3 and sum(r.sore is False for r in past) >= 3
    last = assessed("female_recurring")[-1]
    assert last.note["association"] is not None and last.note["association"]["relative_risk"] > 1.2
    assert "long_run_spike" in last.flags and "sports bra" in last.text


def test_wrong_sport_type():
    fx = fixture("wrong_sport_type")
    mistake_id = fx.events[0]["object_id"]
    assert fx.events[1]["updates"] == {"type": "Ride"} and fx.events[1]["object_id"] == mistake_id
    assert fx.activities[mistake_id]["sport_type"] == "Run", "the file holds what the watch uploaded"
    as_run = step_for("wrong_sport_type", mistake_id)
    fixed = step_for("wrong_sport_type", mistake_id, "update")
    assert "long_run_spike" in as_run.flags
    assert fixed.activity.sport_type == "Ride" and fixed.outcome == "skipped"
    later = [s for s in assessed("wrong_sport_type") if s.event["object_id"] != mistake_id]
    assert later and all("long_run_spike" not in s.flags for s in later)
    assert {"private": "true"} in [e["updates"] for e in fx.events]
