"""What the app, the worker and replay share: settings, the clock, Strava.

One object built at start-up and handed to the Flask app and the worker,
so tests and replay can swap the clock or point Strava at the emulator
without touching module globals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from connector.crypto import TokenCipher
from connector.ratelimit import RateBudget
from connector.strava import StravaConnector, Tokens
from webhook import store
from webhook.config import Config
from webhook.db import open_db


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class DbTokenStore:
    """The connector's TokenStore over the database: a connection per call,
    so it is safe from whichever thread the connector runs in."""

    def __init__(self, db_path: str, cipher: TokenCipher, clock: Callable[[], datetime]) -> None:
        self.db_path = db_path
        self.cipher = cipher
        self.clock = clock

    def load(self, athlete_id: int) -> Tokens | None:
        db = open_db(self.db_path)
        try:
            tokens = store.athlete_tokens(db, athlete_id, self.cipher)
        finally:
            db.close()
        if tokens is None:
            return None
        return Tokens(tokens.access_token, tokens.refresh_token, int(tokens.expires_at))

    def save(self, athlete_id: int, tokens: Tokens) -> None:
        db = open_db(self.db_path)
        try:
            store.save_tokens(
                db, athlete_id, tokens.access_token, tokens.refresh_token, tokens.expires_at,
                self.cipher, now=self.clock(),
            )
        finally:
            db.close()


@dataclass
class Services:
    config: Config
    clock: Callable[[], datetime] = utc_now
    budget: RateBudget = field(default_factory=RateBudget)
    wake_worker: Callable[[], None] = lambda: None

    def __post_init__(self) -> None:
        self.cipher = TokenCipher(self.config.secret_key)
        self._strava: StravaConnector | None = None

    def db(self):
        """A new connection: the caller closes it (one per request or job)."""
        return open_db(self.config.db_path)

    @property
    def strava(self) -> StravaConnector:
        if self._strava is None:
            self._strava = StravaConnector(
                self.config.strava_client_id,
                self.config.strava_client_secret,
                self.config.strava_url,
                DbTokenStore(self.config.db_path, self.cipher, self.clock),
                self.budget,
                clock=self.clock,
            )
        return self._strava

    def close(self) -> None:
        if self._strava is not None:
            self._strava.close()
            self._strava = None
