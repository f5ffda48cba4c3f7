"""An athlete's Strava tokens, where the connector keeps them, and when they need a refresh.

:class:`~connector.strava.StravaConnector` refreshes tokens itself, by its injected clock, and
saves the new pair through a :class:`TokenStore` before using it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from connector.ratelimit import utc

REFRESH_MARGIN = timedelta(minutes=10)


@dataclass(frozen=True)
class Tokens:
    """An athlete's Strava tokens; ``expires_at`` is the access token's expiry, epoch seconds."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: int


def expires_soon(tokens: Tokens, now: datetime, margin: timedelta = REFRESH_MARGIN) -> bool:
    """True when the access token expires within ``margin`` of ``now``.

    Reads attributes only, so a store may hand back its own token record.
    """
    return int(tokens.expires_at) - utc(now).timestamp() <= margin.total_seconds()


class TokenStore(Protocol):
    """Where the connector keeps tokens. ``save`` must write both tokens in one
    transaction: Strava kills the old refresh token the moment it issues a new one."""

    def load(self, athlete_id: int) -> Tokens | None: ...

    def save(self, athlete_id: int, tokens: Tokens) -> None: ...
