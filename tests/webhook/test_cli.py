"""Every command has help text and is documented in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from webhook.cli import main

README = (Path(__file__).parents[2] / "README.md").read_text()


def commands(group: click.Group, prefix: str = "rhomboid"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


ALL = list(commands(main))


@pytest.mark.parametrize("path, command", ALL, ids=[p for p, _ in ALL])
def test_command_has_help(path, command):
    assert command.help and len(command.help.strip()) > 10, f"{path} has no help text"
    result = CliRunner().invoke(main, path.split()[1:] + ["--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


@pytest.mark.parametrize("path", [p for p, c in ALL if not isinstance(c, click.Group) or c.invoke_without_command])
def test_command_is_documented_in_the_readme(path):
    assert path in README, f"`{path}` is not in the README"


def test_a_missing_setting_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("STRAVA_CLIENT_ID", "STRAVA_CLIENT_SECRET", "RHOMBOID_VERIFY_TOKEN", "RHOMBOID_SECRET_KEY", "RHOMBOID_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: STRAVA_CLIENT_ID is not set: Client ID of your Strava API application."


def test_events_lists_and_retries_dead_events(tmp_path):
    from datetime import datetime, timezone

    from webhook import inbox
    from webhook.db import migrate, open_db

    path = str(tmp_path / "events.db")
    db = open_db(path)
    migrate(db)
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    event = {"object_type": "activity", "object_id": 7, "aspect_type": "create", "owner_id": 3,
             "subscription_id": 1, "event_time": 1_700_000_000, "updates": {}}
    event_id, _ = inbox.enqueue(db, event, now)
    inbox.claim(db, now)
    inbox.complete(db, event_id, "error", "the runner must reconnect to Strava")
    db.close()

    runner = CliRunner()
    listed = runner.invoke(main, ["events", "--db", path, "--status", "dead"])
    assert listed.exit_code == 0 and "activity/create 7" in listed.output and "must reconnect" in listed.output
    as_json = runner.invoke(main, ["events", "--db", path, "--json"])
    assert '"status": "dead"' in as_json.output
    retried = runner.invoke(main, ["events", "--db", path, "retry", "--dead"])
    assert retried.exit_code == 0 and "1 dead event(s) queued again" in retried.output
    assert "no events with status dead" in runner.invoke(main, ["events", "--db", path, "--status", "dead"]).output
    missing = runner.invoke(main, ["events", "--db", path, "retry", "999"])
    assert missing.exit_code == 1 and "no event 999" in missing.output
    neither = runner.invoke(main, ["events", "--db", path, "retry"])
    assert neither.exit_code == 2


HEAVY = ("flask", "stravalib", "sqlite_utils", "pandas", "waitress", "apscheduler", "matplotlib", "requests")


def test_help_loads_no_heavy_library():
    """`rhomboid --help` and every `rhomboid CMD --help` import only click and the standard library.

    Checked by what is imported, not by a stopwatch (benchmarks/bench_cli_startup.py has the timings).
    """
    script = f"""
import sys
from webhook.cli import main
paths = [[]]
def walk(group, prefix):
    for name, command in group.commands.items():
        paths.append(prefix + [name])
        if hasattr(command, "commands"):
            walk(command, prefix + [name])
walk(main, [])
for path in paths:
    try:
        main(path + ["--help"], prog_name="rhomboid")
    except SystemExit:
        pass
print("HEAVY", sorted(m for m in {HEAVY!r} if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "HEAVY []"
