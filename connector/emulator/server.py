"""Serve the emulator over real HTTP on loopback, in a background thread."""

from __future__ import annotations

import logging
import socket
import threading
from pathlib import Path
from typing import Any, Iterable, Mapping

import waitress
from waitress import wasyncore

from connector.fixtures import Fixture

from .app import create_app
from .state import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, EmulatorState


class WaitressServer:
    """waitress serving the emulator on a socket we bound ourselves.

    waitress keeps HTTP/1.1 connections alive, as Strava does; werkzeug's
    development server closes every connection, which made each stravalib
    call pay for a new socket and thread.
    """

    def __init__(self, app: Any, listener: socket.socket, threads: int = 8) -> None:
        self.host, self.port = listener.getsockname()[:2]
        self._stopping = False
        self._loop_done = threading.Event()
        self._loop_done.set()  # not serving yet
        self._server = waitress.create_server(
            app, sockets=[listener], threads=threads, ident="strava-emulator",
            clear_untrusted_proxy_headers=True,
        )

    def serve_forever(self, poll_interval: float = 0.05) -> None:
        """waitress's own loop, polling in ``poll_interval`` steps so that
        shutdown() returns promptly (waitress's ``asyncore_loop_timeout`` is a
        whole number of seconds; 0 would spin a core)."""
        self._stopping = False
        self._loop_done.clear()
        server = self._server
        try:
            while not self._stopping and server._map:
                wasyncore.loop(timeout=poll_interval, map=server._map, use_poll=True, count=1)
        except (OSError, ValueError):  # closed from another thread while polling
            pass
        finally:
            self._loop_done.set()

    def shutdown(self) -> None:
        """Stop serving, closing kept-alive connections too (as webtest's
        StopableWSGIServer does)."""
        self._stopping = True
        self._loop_done.wait(timeout=2)  # the loop thread leaves within one poll
        server = self._server
        while server._map:
            for channel in list(server._map.values()):
                try:
                    channel.handle_close()
                except Exception:  # already closing
                    server._map.pop(getattr(channel, "_fileno", None), None)
        server.task_dispatcher.shutdown()

    def server_close(self) -> None:
        self.shutdown()


def build_server(
    state: EmulatorState, host: str = "127.0.0.1", port: int = 0, quiet: bool = True
) -> WaitressServer:
    """The emulator's HTTP server for ``state``; raises OSError if the port is taken."""
    if quiet:
        logging.getLogger("waitress").setLevel(logging.ERROR)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host, port), family=family)
    # waitress sets TCP_NODELAY only on sockets it binds itself; accepted
    # sockets inherit it from the listener. Without it Nagle holds back each
    # response's second write until the client's delayed ACK.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.setblocking(False)
    return WaitressServer(create_app(state), listener)


def server_url(server: WaitressServer) -> str:
    host = server.host
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{server.port}"


class EmulatorServer:
    """The Strava emulator on a loopback port, for tests and the demo.

    ``with EmulatorServer(fixtures=["tests/connector/data/sample"]) as strava:``
    gives ``strava.url`` (point ``strava_session`` at it) and ``strava.state``
    (the Python admin API). Port 0 picks a free port.
    """

    def __init__(
        self,
        fixtures: Iterable[Fixture | str | Path | Mapping[str, Any]] = (),
        host: str = "127.0.0.1",
        port: int = 0,
        client_id: str | int = DEFAULT_CLIENT_ID,
        client_secret: str = DEFAULT_CLIENT_SECRET,
        callback_timeout_s: float = 2.0,
        quiet: bool = True,
    ) -> None:
        self.state = EmulatorState(client_id, client_secret, callback_timeout_s=callback_timeout_s)
        for fixture in fixtures:
            self.state.load_fixture(fixture)
        self._server = build_server(self.state, host, port, quiet)
        self.url = server_url(self._server)
        self._thread: threading.Thread | None = None

    def start(self) -> "EmulatorServer":
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},  # so stop() returns promptly
                name=f"strava-emulator {self.url}", daemon=True
            )
            self._thread.start()
            logging.getLogger(__name__).debug("Strava emulator on %s", self.url)
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> "EmulatorServer":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
