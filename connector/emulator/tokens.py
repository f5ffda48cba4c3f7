"""OAuth for the emulated Strava: authorization codes, access and refresh tokens.

As on Strava: an authorization code works once; access tokens live 6 hours
(in emulated time); every refresh returns a new refresh token and the old one
dies at once; deauthorization revokes everything the athlete granted.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Callable, Iterable

from .shapes import StravaError, authorization_error, bad_request, error

ACCESS_TOKEN_LIFETIME_S = 6 * 60 * 60
CODE_LIFETIME_S = 10 * 60
SCOPES = (
    "read", "read_all", "profile:read_all", "profile:write",
    "activity:read", "activity:read_all", "activity:write",
)


def parse_scopes(raw: str | Iterable[str] | None) -> tuple[str, ...]:
    """Scopes from "a,b", "a b" or a list, de-duplicated in Strava's order."""
    if raw is None:
        return ()
    items = raw.replace(" ", ",").split(",") if isinstance(raw, str) else list(raw)
    wanted = {item.strip() for item in items if item and item.strip()}
    unknown = wanted - set(SCOPES)
    if unknown:
        raise StravaError(400, bad_request("Authorize", "scope", "invalid"))
    return tuple(scope for scope in SCOPES if scope in wanted)


def _new_token() -> str:
    return secrets.token_hex(20)


@dataclass
class AccessToken:
    athlete_id: int
    scopes: tuple[str, ...]
    expires_at: int


@dataclass
class Code:
    athlete_id: int
    scopes: tuple[str, ...]
    client_id: str
    expires_at: float


class TokenStore:
    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._codes: dict[str, Code] = {}
        self._access: dict[str, AccessToken] = {}
        self._refresh: dict[str, tuple[int, tuple[str, ...]]] = {}

    def new_code(self, athlete_id: int, scopes: tuple[str, ...], client_id: str) -> str:
        code = _new_token()
        with self._lock:
            self._codes[code] = Code(athlete_id, scopes, str(client_id), self._now() + CODE_LIFETIME_S)
        return code

    def redeem_code(self, code: str, client_id: str) -> tuple[int, tuple[str, ...], dict]:
        """Use up ``code``: (athlete_id, scopes, token answer)."""
        with self._lock:
            found = self._codes.pop(code or "", None)
        if found is None or found.client_id != str(client_id) or found.expires_at < self._now():
            raise StravaError(400, bad_request("AuthorizationCode", "code", "invalid"))
        return found.athlete_id, found.scopes, self.issue(found.athlete_id, found.scopes)

    def issue(self, athlete_id: int, scopes: tuple[str, ...]) -> dict:
        """Fresh tokens for an athlete; any earlier refresh token dies."""
        access, refresh = _new_token(), _new_token()
        now = int(self._now())
        expires_at = now + ACCESS_TOKEN_LIFETIME_S
        with self._lock:
            # Forget tokens long dead, so a long-running emulator stays small.
            stale_before = now - ACCESS_TOKEN_LIFETIME_S
            for token in [t for t, a in self._access.items() if a.expires_at < stale_before]:
                del self._access[token]
            for token, (owner, _) in list(self._refresh.items()):
                if owner == athlete_id:
                    del self._refresh[token]
            self._access[access] = AccessToken(athlete_id, scopes, expires_at)
            self._refresh[refresh] = (athlete_id, scopes)
        return {
            "token_type": "Bearer",
            "access_token": access,
            "expires_at": expires_at,
            "expires_in": ACCESS_TOKEN_LIFETIME_S,
            "refresh_token": refresh,
        }

    def refresh(self, refresh_token: str) -> dict:
        with self._lock:
            found = self._refresh.pop(refresh_token or "", None)
        if found is None:
            raise StravaError(400, bad_request("RefreshToken", "refresh_token", "invalid"))
        athlete_id, scopes = found
        return self.issue(athlete_id, scopes)

    def check(self, access_token: str | None) -> AccessToken:
        """The live token behind a Bearer value, or a 401 as Strava answers it."""
        with self._lock:
            found = self._access.get(access_token or "")
        if found is None or found.expires_at <= self._now():
            raise StravaError(401, authorization_error())
        return found

    def scopes_of(self, athlete_id: int) -> tuple[str, ...] | None:
        with self._lock:
            for owner, scopes in self._refresh.values():
                if owner == athlete_id:
                    return scopes
        return None

    def revoke(self, athlete_id: int) -> bool:
        """Kill every token of ``athlete_id``; True if there was any."""
        with self._lock:
            access = [t for t, a in self._access.items() if a.athlete_id == athlete_id]
            refresh = [t for t, (owner, _) in self._refresh.items() if owner == athlete_id]
            for token in access:
                del self._access[token]
            for token in refresh:
                del self._refresh[token]
            for code in [c for c, v in self._codes.items() if v.athlete_id == athlete_id]:
                del self._codes[code]
        return bool(access or refresh)

    def expire_all(self) -> int:
        """Make every access token expired now (refresh tokens keep working)."""
        now = int(self._now())
        with self._lock:
            for token in self._access.values():
                token.expires_at = min(token.expires_at, now)
            return len(self._access)

    def clear(self) -> None:
        with self._lock:
            self._codes.clear()
            self._access.clear()
            self._refresh.clear()


def client_error(field: str) -> StravaError:
    if field == "client_secret":
        return StravaError(401, error("Authorization Error", "Application", "client_secret", "invalid"))
    return StravaError(400, bad_request("Application", field, "invalid"))
