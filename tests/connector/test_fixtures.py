"""Loading fixture directories; errors name the file and the line."""

from __future__ import annotations

import json
import shutil

import pytest

from connector.fixtures import Fixture, FixtureError, fixture_from_data, load_fixture

from .conftest import SAMPLE, SAMPLE_ATHLETE_ID


@pytest.fixture
def scenario(tmp_path):
    """A writable copy of the sample fixture."""
    target = tmp_path / "scenario"
    shutil.copytree(SAMPLE, target)
    return target


def test_sample_loads(scenario):
    fixture = load_fixture(scenario)
    assert isinstance(fixture, Fixture)
    assert fixture.path == scenario and fixture.name == "scenario"
    assert fixture.athlete_id == SAMPLE_ATHLETE_ID
    assert sorted(fixture.activities) == [11003000101, 11003000102, 11003000103, 11003000104, 11003000105]
    assert fixture.activities[11003000103]["distance"] == 12040.0
    assert [e["aspect_type"] for e in fixture.events] == ["create"] * 5 + ["update"]
    assert fixture.coaches == []


def test_optional_files_may_be_missing_and_blank_lines_are_skipped(scenario):
    shutil.rmtree(scenario / "activities")
    (scenario / "events.jsonl").write_text("\n" + (SAMPLE / "events.jsonl").read_text() + "\n\n")
    (scenario / "coaches.json").write_text(json.dumps([{"name": "Sam", "email": "sam@example.com", "consented": True}]))
    (scenario / "expected.json").write_text("this is not read")
    fixture = load_fixture(scenario)
    assert fixture.activities == {} and len(fixture.events) == 6
    assert fixture.coaches[0]["email"] == "sam@example.com"


def test_not_a_directory(tmp_path):
    with pytest.raises(FixtureError, match="not a fixture directory"):
        load_fixture(tmp_path / "nowhere")


def test_missing_athlete(scenario):
    (scenario / "athlete.json").unlink()
    with pytest.raises(FixtureError, match=r"athlete\.json: missing"):
        load_fixture(scenario)


def test_bad_json_names_file_line_and_column(scenario):
    path = scenario / "activities" / "11003000103.json"
    path.write_text('{\n  "id": 11003000103,\n  "name": "Long" "run"\n}\n')
    with pytest.raises(FixtureError) as raised:
        load_fixture(scenario)
    assert str(raised.value).startswith(f"{path}:3:18: invalid JSON")


def test_athlete_without_id(scenario):
    (scenario / "athlete.json").write_text('{"firstname": "Maya"}')
    with pytest.raises(FixtureError, match=r"athlete\.json: the athlete needs an integer \"id\""):
        load_fixture(scenario)


def test_activity_must_have_an_id_and_ids_are_unique(scenario):
    (scenario / "activities" / "copy.json").write_text((scenario / "activities" / "11003000101.json").read_text())
    with pytest.raises(FixtureError, match="activity id 11003000101 is also in"):
        load_fixture(scenario)
    (scenario / "activities" / "copy.json").write_text("[1, 2]")
    with pytest.raises(FixtureError, match=r"copy\.json: an activity must be a JSON object"):
        load_fixture(scenario)


@pytest.mark.parametrize(
    "line, message",
    [
        ("[1, 2, 3]", "events.jsonl:3: an event must be a JSON object"),
        ('{"object_type": "activity", "object_id": 1}', "events.jsonl:3: event lacks required keys: aspect_type, owner_id, event_time"),
        ('{"object_type": ', "events.jsonl:3:17: invalid JSON"),
    ],
)
def test_bad_event_lines_name_the_line(scenario, line, message):
    good = (SAMPLE / "events.jsonl").read_text().splitlines()
    (scenario / "events.jsonl").write_text("\n".join(good[:2] + [line] + good[2:]) + "\n")
    with pytest.raises(FixtureError) as raised:
        load_fixture(scenario)
    assert str(raised.value).startswith(str(scenario / message.split(":")[0]))
    assert message in str(raised.value)


def test_event_for_a_missing_activity_is_not_a_load_error(scenario):
    event = {"object_type": "activity", "object_id": 1, "aspect_type": "create", "owner_id": 2, "event_time": 3}
    (scenario / "events.jsonl").write_text(json.dumps(event) + "\n")
    assert load_fixture(scenario).events == [event]


def test_coaches_must_be_a_list_of_objects(scenario):
    (scenario / "coaches.json").write_text('{"name": "Sam"}')
    with pytest.raises(FixtureError, match=r"coaches\.json: coaches must be a JSON list"):
        load_fixture(scenario)


def test_inline_fixture():
    fixture = fixture_from_data({"athlete": {"id": 7}, "activities": {"1": {"id": 1}}, "events": []})
    assert fixture.path is None and fixture.name == "<inline>" and list(fixture.activities) == [1]
    with pytest.raises(FixtureError, match=r"activities\[0\]: the activity needs an integer"):
        fixture_from_data({"athlete": {"id": 7}, "activities": [{"name": "x"}]})
    with pytest.raises(FixtureError, match="athlete"):
        fixture_from_data({"activities": []})
