"""Through the whole pipeline (replay: emulator, store, worker): a red flag only in the private note of a
public activity, and the follow-up line on the runner's next note.

Built from the ``new_runner`` fixture (her first two runs, two days apart) with the words changed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from webhook.devtools.replay import Replayer

SOURCE = Path(__file__).parents[1] / "fixtures" / "new_runner"


def _fixture(tmp_path: Path, first: dict, second: dict) -> Path:
    target = tmp_path / "scenario"
    shutil.copytree(SOURCE, target)
    (target / "expected.json").unlink()
    files = sorted((target / "activities").glob("*.json"))
    for path, changes in zip(files, (first, second)):
        activity = json.loads(path.read_text())
        activity.update(changes)
        path.write_text(json.dumps(activity))
    return target


def test_a_private_red_flag_on_a_public_run_shows_only_a_pointer_then_a_follow_up(tmp_path):
    scenario = _fixture(
        tmp_path,
        {"name": "Easy 5k", "description": "", "visibility": "everyone", "private": False,
         "private_note": "chest felt tight on the climb, had to walk"},
        {"name": "Easy again #upperback 2", "description": ""},
    )
    with Replayer() as replaying:
        first, second = [line.as_json() for line in replaying.replay(scenario)]
    assert first["outcome"] == "noted" and first["note"]["advice"] == ["urgent_care"]
    public = first["description"]
    assert "Rhomboid has an urgent message for you today: " in public and "/me" in public
    for private in ("chest", "tight", "walk", "private", "emergency", "doctor"):
        assert private not in public.lower()
    # the next note, two days later, opens by asking her to make sure she has been checked
    assert second["note"]["text"].splitlines()[0].startswith("Rhomboid sent you an urgent message on ")
    assert "make sure you have been checked before you train hard" in second["note"]["text"]


def test_an_only_me_run_gets_the_full_urgent_note(tmp_path):
    scenario = _fixture(
        tmp_path,
        {"name": "Easy 5k", "description": "", "visibility": "only_me", "private": True,
         "private_note": "lost 4 kg without trying, upper back sore"},
        {"name": "Easy again", "description": ""},
    )
    with Replayer() as replaying:
        first = next(line.as_json() for line in replaying.replay(scenario))
    assert "You mentioned: unexplained weight loss." in first["description"]
    assert "see a doctor today" in first["description"] and "emergency help now" not in first["description"]
