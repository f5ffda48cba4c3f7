"""Errors a user can meet on the command line: one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from click.testing import CliRunner

from connector.emulator import EmulatorServer
from webhook.cli import main

SETTINGS = {
    "STRAVA_CLIENT_ID": "12345",
    "STRAVA_CLIENT_SECRET": "s3cret-of-the-app",
    "RHOMBOID_VERIFY_TOKEN": "verify-me",
    "RHOMBOID_SECRET_KEY": "0123456789abcdef0123",
    "RHOMBOID_WEBHOOK_SECRET": "hook-path-secret",
}


def one_error_line(result) -> str:
    """The single line a failed command printed, after checking there is only one."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    return lines[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def configured(monkeypatch, tmp_path):
    """A working directory and settings with a database that can be opened."""
    monkeypatch.chdir(tmp_path)
    for name, value in SETTINGS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("RHOMBOID_DB", str(tmp_path / "rhomboid.db"))
    return tmp_path


@pytest.fixture
def unopenable(tmp_path) -> str:
    return str(tmp_path / "no-such-directory" / "rhomboid.db")


@pytest.mark.parametrize("args", [
    ["events", "--db", "{db}"],
    ["events", "--db", "{db}", "retry", "1"],
    ["events", "retry", "--dead", "--db", "{db}"],
    ["fixtures", "export", "7", "{out}", "--db", "{db}"],
    ["worker", "--db", "{db}"],
    ["serve", "--db", "{db}", "--port", "0"],
    ["migrate", "--db", "{db}"],
], ids=lambda args: " ".join(a for a in args if "{" not in a))
def test_a_database_that_cannot_be_opened_is_one_line(configured, unopenable, args):
    args = [a.format(db=unopenable, out=configured / "out") for a in args]
    line = one_error_line(CliRunner().invoke(main, args))
    assert line == f"Error: cannot open the database {unopenable}: unable to open database file"


def test_a_file_that_is_not_a_database_is_one_line(configured):
    not_a_db = configured / "notes.txt"
    not_a_db.write_text("this is not SQLite " * 100)
    line = one_error_line(CliRunner().invoke(main, ["events", "--db", str(not_a_db)]))
    assert line.startswith(f"Error: cannot open the database {not_a_db}: file is not a database")


@pytest.mark.parametrize("args, what", [
    (["subscription", "view"], "list subscriptions"),
    (["subscription", "delete"], "list subscriptions"),
    (["subscription", "delete", "5"], "delete subscription 5"),
    (["subscription", "create"], "create the subscription"),
])
def test_strava_unreachable_is_one_line_and_not_called_a_refusal(configured, monkeypatch, args, what):
    nobody = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    monkeypatch.setenv("RHOMBOID_STRAVA_URL", nobody)
    line = one_error_line(CliRunner().invoke(main, args))
    assert line.startswith(f"Error: cannot reach Strava at {nobody} to {what}: ")
    assert "could not connect" in line and "refused" not in line.lower()


def test_strava_refusing_the_subscription_says_refused(configured, monkeypatch):
    with EmulatorServer(client_id=SETTINGS["STRAVA_CLIENT_ID"], client_secret="another-secret") as strava:
        monkeypatch.setenv("RHOMBOID_STRAVA_URL", strava.url)
        line = one_error_line(CliRunner().invoke(main, ["subscription", "view"]))
    assert line.startswith("Error: Strava refused to list subscriptions: ")


def test_serve_on_a_taken_port_is_one_line(configured):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--no-worker"])
    line = one_error_line(result)
    assert line == f"Error: port {port} on 127.0.0.1 is already in use (try --port)"


def test_a_broken_dotenv_is_one_line(configured, monkeypatch):
    monkeypatch.delenv("RHOMBOID_DB")
    (configured / ".env").write_text("RHOMBOID_DB=x.db\nthis is not a setting\n")
    line = one_error_line(CliRunner().invoke(main, ["events"]))
    assert line == "Error: .env:2: expected KEY=VALUE"


def test_the_real_console_script_prints_one_line_to_stderr(configured, unopenable):
    """The same through a real process: no traceback on stderr, exit status 1."""
    done = subprocess.run([sys.executable, "-m", "webhook.cli", "events", "--db", unopenable],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == f"Error: cannot open the database {unopenable}: unable to open database file"
