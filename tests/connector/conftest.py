"""Fixtures for connector tests: the Strava emulator on loopback, a stravalib
client pointed at it, and tiny callback servers that play the webhook receiver."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qsl, urlsplit

import pytest

from connector.emulator import EmulatorServer
from connector.transport import RecordingRateLimiter, strava_client

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample"
SAMPLE_ATHLETE_ID = 31415926
CLIENT_ID = "rhomboid-dev"
CLIENT_SECRET = "rhomboid-dev-secret"


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class Answer:
    status: int = 200
    body: Any = field(default_factory=dict)
    delay_s: float = 0.0


class CallbackServer:
    """A loopback HTTP server that records each request and answers with
    ``respond(received) -> Answer``. The default echoes the webhook handshake."""

    def __init__(self, respond: Callable[[Received], Answer] | None = None) -> None:
        self.respond = respond or echo_challenge("verify-me")
        self.received: list[Received] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                received = Received(self.command, parts.path, dict(parse_qsl(parts.query)), body)
                outer.received.append(received)
                answer = outer.respond(received)
                if answer.delay_s:
                    time.sleep(answer.delay_s)
                payload = json.dumps(answer.body).encode()
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the caller gave up waiting; that is the point of a slow answer

            do_GET = do_POST = do_PUT = do_DELETE = _handle

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def echo_challenge(verify_token: str) -> Callable[[Received], Answer]:
    """A receiver that passes Strava's handshake for ``verify_token`` and takes events."""

    def respond(received: Received) -> Answer:
        if received.method == "GET":
            if received.query.get("hub.verify_token") != verify_token:
                return Answer(403, {"error": "wrong verify token"})
            return Answer(200, {"hub.challenge": received.query.get("hub.challenge")})
        return Answer(200, {})

    return respond


@pytest.fixture
def callback_server():
    """Factory: ``callback_server(respond)`` starts a receiver, stopped after the test."""
    started: list[CallbackServer] = []

    def start(respond: Callable[[Received], Answer] | None = None) -> CallbackServer:
        server = CallbackServer(respond)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def emulator():
    """The Strava emulator on a free loopback port with the sample runner loaded."""
    with EmulatorServer(fixtures=[SAMPLE], callback_timeout_s=0.3) as server:
        yield server


@pytest.fixture
def quiet_stravalib(monkeypatch):
    # stravalib reads these at construction; a developer's real values must not
    # switch on its auto-refresh (which uses the real clock) during tests.
    monkeypatch.delenv("STRAVA_CLIENT_ID", raising=False)
    monkeypatch.delenv("STRAVA_CLIENT_SECRET", raising=False)
    monkeypatch.setenv("SILENCE_TOKEN_WARNINGS", "true")


@pytest.fixture
def make_client(emulator, quiet_stravalib):
    """Factory for real stravalib Clients talking to the emulator."""

    def make(access_token: str | None = None, rate_limiter: RecordingRateLimiter | None = None):
        return strava_client(emulator.url, access_token=access_token, rate_limiter=rate_limiter)

    return make


@pytest.fixture
def tokens(emulator):
    """Tokens for the sample athlete with the scopes Rhomboid asks for."""
    return emulator.state.issue_tokens(SAMPLE_ATHLETE_ID)


@pytest.fixture
def client(make_client, tokens):
    """A stravalib Client authorized as the sample athlete."""
    return make_client(tokens["access_token"])
