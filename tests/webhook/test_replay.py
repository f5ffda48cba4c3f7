"""Replay over the emulator: the JSON lines, bad events, broken fixtures, export round trip."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from connector.fixtures import load_fixture
from insights.block import BLOCK_START
from webhook.cli import main
from webhook.devtools.replay import replay_paths

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
    assert [line["outcome"] for line in lines][1:] == ["ignored", "deleted"]
    assert lines[1]["reason"] == "duplicate"
    assert lines[2]["description"] is None  # gone from the emulated Strava


def test_a_broken_fixture_names_the_file_and_line(tmp_path):
    fixture = _copy(tmp_path)
    with (fixture / "events.jsonl").open("a") as handle:
        handle.write("{not json\n")
    result = CliRunner().invoke(main, ["replay", str(fixture)])
    assert result.exit_code != 0
    assert "events.jsonl:" in result.output and "Traceback" not in result.output


def _final_notes(lines) -> list:
    """Each activity's description after its last event, in order of first appearance."""
    finals: dict = {}
    for line in lines:
        finals[line.activity_id] = line.description
    return list(finals.values())


def test_export_round_trips_to_the_same_notes(tmp_path):
    db = tmp_path / "replay.db"
    first = _final_notes(replay_paths([str(SAMPLE)], db_path=str(db)))
    original = load_fixture(SAMPLE)
    out = tmp_path / "exported"
    result = run_cli("fixtures", "export", str(original.athlete_id), str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    exported = load_fixture(out)
    again = _final_notes(replay_paths([str(out)]))
    # the same final note on every activity (an intermediate one may differ:
    # the database keeps only an activity's latest title)
    assert again == first
    assert len(exported.events) == len(original.events)

    text = "".join(p.read_text() for p in out.rglob("*") if p.is_file())
    for secret in ("access_token", "refresh_token", BLOCK_START, "polyline", "start_latlng", "end_latlng",
                   "embed_token", original.athlete.get("firstname") or "?"):
        assert secret not in text, secret
    for real_id in [original.athlete_id, *original.activities]:
        assert str(real_id) not in text, f"real Strava id {real_id} exported"
    private_words = [a.get("private_note") for a in original.activities.values() if a.get("private_note")]
    assert private_words and not any(words in text for words in private_words)


def test_export_of_an_unknown_athlete_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["fixtures", "export", "1", str(tmp_path / "x"), "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 1 and "no athlete 1" in result.output


def test_export_keeps_only_the_meaning_of_a_private_activitys_words(tmp_path):
    import sqlite3

    from webhook.db import open_db
    from webhook.devtools.export import export_fixture

    db_path = tmp_path / "replay.db"
    replay_paths([str(SAMPLE)], db_path=str(db_path))
    conn = sqlite3.connect(db_path)
    activity_id, raw = conn.execute("SELECT id, raw_json FROM activities WHERE raw_json IS NOT NULL LIMIT 1").fetchone()
    activity = json.loads(raw)
    activity.update(private=True, visibility="only_me", name="Date with Alex, #upperback 4",
                    description="Felt rough after the party at Jo's")
    conn.execute("UPDATE activities SET raw_json = ? WHERE id = ?", [json.dumps(activity), activity_id])
    conn.commit()
    conn.close()
    db = open_db(db_path)
    fixture = export_fixture(db, load_fixture(SAMPLE).athlete_id)
    db.close()
    private = [a for a in fixture.activities.values() if a.get("private")]
    assert len(private) == 1
    assert private[0]["name"] == "#upperback 4." and private[0]["description"] is None
    assert "Alex" not in json.dumps(fixture.activities) + json.dumps(fixture.events)
