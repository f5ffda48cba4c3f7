"""``rhomboid replay --target``: the same fixture driven through a running server."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import note_count

FIXTURE = Path(__file__).parents[2] / "fixtures" / "duplicate_and_title_tag"


def test_replay_against_a_running_server(emulator, make_app):
    emulator.reset()
    app = make_app()
    emulator.subscribe(app.webhook_url)
    done = app.cli("replay", "--json", "--target", app.url, "--emulator", emulator.url, str(FIXTURE), timeout=120)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    events = (FIXTURE / "events.jsonl").read_text().splitlines()
    assert len(lines) == len(events)
    outcomes = [line["outcome"] for line in lines]
    assert outcomes[2:4] == ["ignored", "ignored"] and lines[2]["reason"] == "duplicate"
    last = lines[-1]
    assert last["outcome"] == "noted" and last["note"]["soreness"]["reported"] is True
    assert note_count(last["description"]) == 1
    assert note_count(emulator.description(last["activity_id"])) == 1


def test_replay_target_without_a_subscription_is_a_clear_error(emulator, make_app):
    emulator.reset()
    app = make_app()
    done = app.cli("replay", "--target", app.url, "--emulator", emulator.url, str(FIXTURE))
    assert done.returncode == 1
    assert "no push subscription" in done.stderr and "Traceback" not in done.stderr
