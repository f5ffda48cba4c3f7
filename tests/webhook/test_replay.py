"""Replay over the emulator: the JSON lines, bad events, broken fixtures, export round trip."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from connector.fixtures import load_fixture
from insights.block import BLOCK_START
from webhook.cli import main
from webhook.replay import replay_paths

SAMPLE = Path(__file__).parents[1] / "connector" / "data" / "sample"


def run_cli(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def test_replay_json_lines_follow_the_contract():
    result = run_cli("replay", "--json", str(SAMPLE))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == len(load_fixture(SAMPLE).events)
    for line in lines:
        assert set(line) == {"event", "outcome", "reason", "activity_id", "description", "note", "alerts"}
        assert set(line["event"]) == {"object_type", "aspect_type", "object_id", "owner_id"}
        assert line["outcome"] in {"noted", "skipped", "deleted", "ignored", "error"}
        if line["note"]:
            assert set(line["note"]) == {"advice", "flags", "metrics", "soreness", "association", "text"}
            assert line["note"]["text"] in line["description"]
            assert line["description"].count(BLOCK_START) == 1
    noted = [line for line in lines if line["outcome"] == "noted"]
    assert noted, "the sample has spikes and soreness: some notes must be written"


def test_readable_report_shows_the_notes():
    result = run_cli("replay", str(SAMPLE))
    assert result.exit_code == 0
    assert "noted" in result.output and "Not medical advice" in result.output


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "scenario"
    shutil.copytree(SAMPLE, target)
    return target


def test_bad_events_do_not_stop_the_replay(tmp_path):
    fixture = _copy(tmp_path)
    events = (fixture / "events.jsonl").read_text().splitlines()
    first = json.loads(events[0])
    unknown = dict(first, object_id=999, event_time=first["event_time"] + 1)
    foreign = dict(first, owner_id=4242, event_time=first["event_time"] + 2)
    (fixture / "events.jsonl").write_text("\n".join([json.dumps(unknown), json.dumps(foreign), *events]) + "\n")
    lines = [line.as_json() for line in replay_paths([str(fixture)])]
    assert lines[0]["outcome"] in ("ignored", "error") and "not found" in lines[0]["reason"]
    assert lines[1]["outcome"] == "ignored" and lines[1]["reason"] == "unknown athlete"
    assert len(lines) == len(events) + 2
    assert any(line["outcome"] == "noted" for line in lines[2:])


def test_duplicate_delivery_is_ignored_and_a_delete_removes_the_activity(tmp_path):
    fixture = _copy(tmp_path)
    events = (fixture / "events.jsonl").read_text().splitlines()
    first = json.loads(events[0])
    delete = dict(first, aspect_type="delete", updates={}, event_time=first["event_time"] + 5)
    (fixture / "events.jsonl").write_text("\n".join([events[0], events[0], json.dumps(delete)]) + "\n")
    lines = [line.as_json() for line in replay_paths([str(fixture)])]
    assert [l["outcome"] for l in lines][1:] == ["ignored", "deleted"]
    assert lines[1]["reason"] == "duplicate"
    assert lines[2]["description"] is None  # gone from the emulated Strava


def test_a_broken_fixture_names_the_file_and_line(tmp_path):
    fixture = _copy(tmp_path)
    with (fixture / "events.jsonl").open("a") as handle:
        handle.write("{not json\n")
    result = CliRunner().invoke(main, ["replay", str(fixture)])
    assert result.exit_code != 0
    assert "events.jsonl:" in result.output and "Traceback" not in result.output


def test_export_round_trips_to_the_same_notes(tmp_path):
    db = tmp_path / "replay.db"
    first = {l.activity_id: l.description for l in replay_paths([str(SAMPLE)], db_path=str(db))}
    athlete_id = load_fixture(SAMPLE).athlete_id
    out = tmp_path / "exported"
    result = run_cli("fixtures", "export", str(athlete_id), str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    exported = load_fixture(out)
    text = (out / "athlete.json").read_text() + "".join(p.read_text() for p in (out / "activities").iterdir())
    assert "access_token" not in text and "refresh_token" not in text and BLOCK_START not in text
    for private in ("polyline", "start_latlng", "end_latlng", "embed_token"):
        assert private not in text, private
    originals = {a["id"]: a.get("private_note") for a in load_fixture(SAMPLE).activities.values()}
    for activity in exported.activities.values():
        if originals.get(activity["id"]):  # the runner's words never leave; their meaning does
            assert activity.get("private_note") != originals[activity["id"]]
    again = {l.activity_id: l.description for l in replay_paths([str(out)])}
    assert again == first
    assert len(exported.events) == len(load_fixture(SAMPLE).events)


def test_export_of_an_unknown_athlete_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["fixtures", "export", "1", str(tmp_path / "x"), "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 1 and "no athlete 1" in result.output
