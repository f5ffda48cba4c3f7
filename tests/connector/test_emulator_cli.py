"""``rhomboid emulator serve``: a real process on loopback, and clear errors."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

import requests
from click.testing import CliRunner

from connector.emulator.cli import emulator

from .conftest import SAMPLE, SAMPLE_ATHLETE_ID

RUN_CLI = "from connector.emulator.cli import emulator; emulator(prog_name='rhomboid emulator')"


def test_serve_prints_url_and_athletes_and_stops_on_ctrl_c():
    process = subprocess.Popen(
        [sys.executable, "-u", "-c", RUN_CLI, "serve", "--port", "0", "--quiet", str(SAMPLE)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = process.stdout.readline()
        assert first.startswith("Strava emulator on http://127.0.0.1:"), first + process.stderr.read()
        url = first.split()[3]
        assert f"athlete {SAMPLE_ATHLETE_ID} Maya Okafor: 5 activities, 6 events" in process.stdout.readline()
        state = requests.get(url + "/_admin/state", timeout=5).json()
        assert state["activities"] == 5
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Stopped." in out


def test_broken_fixture_is_one_line_and_exit_1(tmp_path):
    result = CliRunner().invoke(emulator, ["serve", "--port", "0", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot load fixture: {tmp_path / 'athlete.json'}: missing (every fixture needs athlete.json)"
    ]


def test_port_in_use_is_one_line_and_exit_1():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(emulator, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: port {port} on 127.0.0.1 is already in use (try --port)"


def test_commands_have_help():
    runner = CliRunner()
    assert "Strava emulator" in runner.invoke(emulator, ["--help"]).output
    serve_help = runner.invoke(emulator, ["serve", "--help"]).output
    assert "FIXTURE_PATHS" in serve_help and "--port" in serve_help and "RHOMBOID_STRAVA_URL" in serve_help


def test_the_cli_defaults_are_the_emulators_own():
    from connector.emulator import cli, state

    assert (cli.DEFAULT_CLIENT_ID, cli.DEFAULT_CLIENT_SECRET) == (state.DEFAULT_CLIENT_ID, state.DEFAULT_CLIENT_SECRET)
