"""Every fixture in the library replays to its expected.json.

``expected.json`` holds the ``replay --json`` lines of the fixture. After a
deliberate change to the notes, regenerate with ``UPDATE_EXPECTED=1`` and
read the diff as a runner would.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from webhook.devtools.replay import Replayer

LIBRARY = Path(__file__).parents[1] / "fixtures"
SCENARIOS = sorted(p for p in LIBRARY.iterdir() if (p / "athlete.json").exists())
UPDATE = os.environ.get("UPDATE_EXPECTED") == "1"


@pytest.fixture(scope="module")
def replayer():
    with Replayer() as replaying:
        yield replaying


def test_the_library_has_at_least_twelve_scenarios():
    assert len(SCENARIOS) >= 12


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_fixture_replays_to_expected(replayer, scenario):
    lines = [line.as_json() for line in replayer.replay(scenario)]
    expected_path = scenario / "expected.json"
    if UPDATE:
        expected_path.write_text(json.dumps(lines, indent=2, ensure_ascii=False) + "\n")
    assert expected_path.exists(), f"{scenario.name} has no expected.json: review its replay, then UPDATE_EXPECTED=1"
    expected = json.loads(expected_path.read_text())
    assert len(lines) == len(expected), "a different number of events"
    for number, (got, want) in enumerate(zip(lines, expected), 1):
        assert got == want, f"{scenario.name}: event {number} ({want['event']}) differs"
    for line in lines:
        if line["note"]:
            assert len(line["note"]["text"]) < 800, "a note too long for a phone"


def test_the_readme_example_note_is_what_replay_writes():
    readme = (LIBRARY.parent / "README.md").read_text()
    lines = json.loads((LIBRARY / "distance_spike_soreness" / "expected.json").read_text())
    noted = next(line for line in lines if line["note"])
    assert noted["description"] in readme
