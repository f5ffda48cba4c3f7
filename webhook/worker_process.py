"""The worker of ``rhomboid serve``: a child process beside the server.

Writing a note is CPU work in Python (Strava's JSON, the assessment). As a
thread of the server it competed with the request threads for the GIL, so
every acknowledgement could wait behind a note. As a child process it has
an interpreter of its own, and it runs at a lower CPU priority (nice
:data:`NICE`): under a burst the machine answers Strava first and writes
notes in the gaps, and at a steady rate there is CPU for both.

- **Wake-ups.** The server writes a byte to the child's stdin for every new
  event; the child wakes its drain at once (it also polls, as a separate
  ``rhomboid worker`` does). The pipe never blocks the server: a full pipe
  means a wake-up is already waiting.
- **One life.** The child dies with the server: Linux kills it when its
  parent dies (``PR_SET_PDEATHSIG``), and end of file on stdin stops it
  anywhere else. A killed child loses nothing: its events are taken back by
  the next worker (see :meth:`webhook.worker.Worker.acquire`).
- **Restarts.** The server restarts a child that died (a crash, ``kill -9``)
  after a growing pause (1 s doubling to 60 s), and says so in its log.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time

log = logging.getLogger(__name__)

NICE = 10
RESTART_FIRST_S = 1.0
RESTART_MAX_S = 60.0
STOP_WAIT_S = 15.0
START_TIMEOUT_S = 60.0
_PR_SET_PDEATHSIG = 1


def lock_path(db_path: str) -> str:
    """The file whose lock proves a worker is alive for the database at ``db_path``."""
    return f"{os.path.abspath(db_path)}.worker.lock"


def worker_running(db_path: str) -> bool:
    """Whether a worker holds the lock for this database now."""
    try:
        handle = open(lock_path(db_path), "a+")
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


class WorkerDidNotStart(RuntimeError):
    """The worker process exited, or hung, before it was running."""


class WorkerProcess:
    """Starts, wakes, restarts and stops ``rhomboid worker --child`` for a server."""

    def __init__(self, db_path: str, *, verbose: bool = False, env: dict[str, str] | None = None) -> None:
        self.db_path = db_path
        self.verbose = verbose
        self.env = env
        self.restarts = 0
        self.start_timeout_s = START_TIMEOUT_S
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._supervisor: threading.Thread | None = None

    def start(self) -> "WorkerProcess":
        """Start the worker and wait until it holds the lock and runs (so the
        server answers no event before a worker can take it); raise
        :class:`WorkerDidNotStart` if it exits or hangs instead."""
        try:
            self._spawn()
        except BaseException:
            self.stop()
            raise
        self._supervisor = threading.Thread(target=self._supervise, name="worker-supervisor", daemon=True)
        self._supervisor.start()
        return self

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None else None

    def _spawn(self) -> None:
        """Start a worker process and wait for its ready byte; raise
        :class:`WorkerDidNotStart` if it exits or hangs first."""
        ready_read, ready_write = os.pipe()
        try:
            args = [sys.executable, "-m", "webhook.cli", "worker", "--child", f"{os.getpid()}:{ready_write}",
                    "--db", self.db_path]
            if self.verbose:
                args.append("--verbose")
            try:
                process = subprocess.Popen(args, stdin=subprocess.PIPE, env=self.env, pass_fds=(ready_write,))
            finally:
                os.close(ready_write)
            os.set_blocking(process.stdin.fileno(), False)
            with self._lock:
                stale = process if self._stopping.is_set() else None
                if stale is None:
                    self._process = process
            if stale is not None:  # stop() ran meanwhile: this one must not outlive it
                _end(stale)
                return
            if not _ready(ready_read, self.start_timeout_s):
                if self._stopping.is_set():
                    return  # stopped while it started: stop() ends it
                if process.poll() is None:
                    process.kill()
                    process.wait()
                    raise WorkerDidNotStart(f"the worker process did not start within {self.start_timeout_s:.0f} s")
                raise WorkerDidNotStart(f"the worker process did not start ({_exit_text(process.returncode)})")
        finally:
            os.close(ready_read)

    def wake(self) -> None:
        """Tell the worker an event is waiting (cheap, never blocks)."""
        with self._lock:
            process = self._process
            if process is None or process.stdin is None:
                return
            try:
                os.write(process.stdin.fileno(), b"\x01")
            except BlockingIOError:
                pass  # the pipe is full: the worker has wake-ups waiting already
            except (BrokenPipeError, OSError):
                pass  # the worker is gone: the supervisor restarts it, and it polls

    def _supervise(self) -> None:
        pause = RESTART_FIRST_S
        while True:
            with self._lock:
                process = self._process
            if process is None or self._stopping.is_set():
                return
            started = time.monotonic()
            code = process.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started > RESTART_MAX_S:
                pause = RESTART_FIRST_S  # it had been running well: restart promptly
            log.error("the worker process %s exited with %s; starting it again in %.0f s", process.pid,
                      _exit_text(code), pause)
            if self._stopping.wait(pause):
                return
            pause = min(pause * 2, RESTART_MAX_S)
            try:
                self._spawn()
                self.restarts += 1
            except Exception:  # cannot fork, or it would not start: try again after the pause
                log.exception("could not start the worker process again")

    def stop(self) -> None:
        """Let the worker finish the event in hand, then end it."""
        self._stopping.set()
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            _end(process)


def _end(process: subprocess.Popen) -> None:
    """End of file on its stdin, then a wait; a kill if it will not go."""
    try:
        process.stdin.close()  # the worker stops after the event in hand
    except OSError:
        pass
    try:
        process.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        log.warning("the worker process %s did not stop within %.0f s; killing it", process.pid, STOP_WAIT_S)
        process.kill()
        process.wait()


def _ready(fd: int, timeout_s: float) -> bool:
    """Whether the child wrote its ready byte within ``timeout_s`` (end of file: it exited)."""
    ready, _, _ = select.select([fd], [], [], timeout_s)
    return bool(ready) and os.read(fd, 1) == b"1"


def _exit_text(code: int) -> str:
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"status {code}"


# -- the child's side ------------------------------------------------------------


def parse_child(value: str) -> tuple[int, int]:
    """``--child PID:FD``: the server's process id, and the pipe to say "ready" on."""
    pid, _, fd = value.partition(":")
    return int(pid), int(fd)


def say_ready(fd: int) -> None:
    """Tell the server this worker runs (it may have stopped waiting: then nobody listens)."""
    try:
        os.write(fd, b"1")
    except OSError:
        pass
    finally:
        os.close(fd)


def become_child(parent_pid: int) -> None:
    """In the child: die with the parent, and step back behind the server's requests."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable; end of file on stdin stops the worker", exc_info=True)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        raise SystemExit(0)
    # Ctrl-C reaches the whole process group: the server stops us itself
    # (end of file on stdin), so an interrupt cannot look like a crash to restart
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        os.nice(NICE)
    except OSError:
        pass


def listen_for_wakes(wake, stop: threading.Event) -> threading.Thread:
    """Call ``wake`` for every byte on stdin; set ``stop`` at end of file."""

    def read() -> None:
        fd = sys.stdin.fileno()
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError as error:
                if error.errno == errno.EINTR:
                    continue
                chunk = b""
            if not chunk:
                stop.set()
                return
            wake()

    thread = threading.Thread(target=read, name="worker-wakes", daemon=True)
    thread.start()
    return thread
