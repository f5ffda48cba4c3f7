"""What the app, the worker and replay share: settings, the clock, Strava.

One object built at start-up and handed to the Flask app and the worker,
so tests and replay can swap the clock or point Strava at the emulator
without touching module globals.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from connector.breaker import CircuitBreaker
from connector.crypto import TokenCipher
from connector.ratelimit import RateBudget
from connector.strava import StravaConnector, Tokens
from webhook import store
from webhook.config import Config
from webhook.db import open_db


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class DbTokenStore:
    """The connector's TokenStore over the database.

    Each thread gets its own connection (sqlite connections are never shared
    across threads), kept open for the thread's life: the connector loads
    tokens before every call. Saves commit at once, so the rotated refresh
    token is durable before the new access token is used.
    """

    def __init__(self, db_path: str, cipher: TokenCipher, clock: Callable[[], datetime]) -> None:
        self.db_path = db_path
        self.cipher = cipher
        self.clock = clock
        self._local = threading.local()

    def _db(self):
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_db(self.db_path)
        return db

    def load(self, athlete_id: int) -> Tokens | None:
        tokens = store.athlete_tokens(self._db(), athlete_id, self.cipher)
        if tokens is None:
            return None
        return Tokens(tokens.access_token, tokens.refresh_token, int(tokens.expires_at))

    def save(self, athlete_id: int, tokens: Tokens) -> None:
        db = self._db()
        with db.conn:
            store.save_tokens(
                db, athlete_id, tokens.access_token, tokens.refresh_token, tokens.expires_at,
                self.cipher, now=self.clock(),
            )


@dataclass
class Services:
    config: Config
    clock: Callable[[], datetime] = utc_now
    budget: RateBudget = field(default_factory=RateBudget)
    breaker: CircuitBreaker = field(default_factory=CircuitBreaker)
    wake_worker: Callable[[], None] = lambda: None
    # acknowledged events survive a power cut (the receiver fsyncs each
    # commit); a throwaway replay database turns it off
    durable_acks: bool = True

    def __post_init__(self) -> None:
        self.cipher = TokenCipher(self.config.secret_key)
        self._strava: StravaConnector | None = None
        # Closing the last connection to a WAL database checkpoints and fsyncs
        # it; with one connection per request or job that would be every
        # close. One idle connection held for the process's life avoids it
        # (SQLite still checkpoints automatically as the WAL grows).
        self._anchor = open_db(self.config.db_path) if self.config.db_path != ":memory:" else None
        self._local = threading.local()
        self._opened: list = []
        self._strava_lock = threading.Lock()
        self._closers: list[Callable[[], None]] = []

    def db(self):
        """A new connection: the caller closes it (one per request or job)."""
        return open_db(self.config.db_path)

    def thread_db(self):
        """This thread's own long-lived connection, for loops such as the
        worker's: never shared across threads, never closed by the caller."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_db(self.config.db_path)
            self._opened.append(db)
        return db

    @property
    def strava(self) -> StravaConnector:
        """The one connector of this process (one refresh lock per athlete)."""
        with self._strava_lock:
            if self._strava is None:
                self._strava = self._connector()
            return self._strava

    def _connector(self) -> StravaConnector:
        return StravaConnector(
            self.config.strava_client_id,
            self.config.strava_client_secret,
            self.config.strava_url,
            DbTokenStore(self.config.db_path, self.cipher, self.clock),
            self.budget,
            clock=self.clock,
            breaker=self.breaker,
        )

    def on_close(self, closer: Callable[[], None]) -> None:
        """Run ``closer`` when these services close (the receiver's writer thread)."""
        self._closers.append(closer)

    def close(self) -> None:
        for closer in self._closers:
            closer()
        self._closers.clear()
        if self._strava is not None:
            self._strava.close()
            self._strava = None
        for db in self._opened:
            try:
                db.close()
            except Exception:  # opened by a thread that has gone: sqlite refuses, the OS reclaims it
                pass
        self._opened.clear()
        if self._anchor is not None:
            self._anchor.close()
            self._anchor = None
