"""Connecting a runner's Strava account: the authorize link, the callback, the code exchange.

The flow: send the browser to :func:`authorization_url` with a fresh
:func:`new_state`; Strava sends it back to our redirect URI, where
:func:`parse_callback` checks the state and yields the code and the scope the
runner actually granted (they can untick boxes); :func:`exchange_code` turns
the code into a :class:`Grant`. If a scope we need is missing,
:func:`scope_problem` says so in words a runner understands.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import requests
from connector import _stravalib  # noqa: F401 (first: keeps the process's warning settings)
from stravalib import exc

from connector.strava import Tokens, TransientError, strava_api, strava_message
from connector.transport import RedirectingAdapter, is_real_strava, strava_session

log = logging.getLogger(__name__)

REQUIRED_SCOPES = ("read", "activity:read_all", "activity:write")

# Strava's authorize page labels each scope with a checkbox; these are its words.
SCOPE_LABELS = {
    "read": "View data about your public profile (required)",
    "activity:read_all": "View data about your private activities",
    "activity:write": "Upload your activities from Rhomboid to Strava",
}

CANNOT_WRITE = (
    "Rhomboid can read your runs but cannot write notes: reconnect and leave "
    f"'{SCOPE_LABELS['activity:write']}' ticked."
)
CANNOT_READ = (
    "Rhomboid cannot read your runs: reconnect and leave "
    f"'{SCOPE_LABELS['activity:read_all']}' ticked."
)
CANNOT_READ_OR_WRITE = (
    "Rhomboid can neither read your runs nor write notes: reconnect and leave "
    f"'{SCOPE_LABELS['activity:read_all']}' and '{SCOPE_LABELS['activity:write']}' ticked."
)


class AuthorizationFailed(Exception):
    """The connection to Strava did not complete; the message is for the runner."""


class AuthorizationDenied(AuthorizationFailed):
    """The runner pressed Cancel on Strava's authorize page."""


@dataclass(frozen=True)
class Grant:
    """What a completed connection gives us: who the athlete is, tokens, granted scope."""

    athlete: dict[str, Any]
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: int
    scope: frozenset[str]

    @property
    def athlete_id(self) -> int:
        return int(self.athlete["id"])

    @property
    def tokens(self) -> Tokens:
        return Tokens(self.access_token, self.refresh_token, self.expires_at)

    @property
    def missing_scopes(self) -> set[str]:
        return missing_scopes(self.scope)


@dataclass(frozen=True)
class Callback:
    code: str
    scope: str


def new_state() -> str:
    """An unguessable value for OAuth's ``state``: keep it in the session, compare on return."""
    return secrets.token_urlsafe(32)


def parse_scope(scope: str | Iterable[str] | None) -> frozenset[str]:
    """Scopes from Strava's ``"read,activity:read_all"`` (or a list of them)."""
    if scope is None:
        return frozenset()
    items = scope.replace(" ", ",").split(",") if isinstance(scope, str) else scope
    return frozenset(item.strip() for item in items if item and item.strip())


def missing_scopes(scope: str | Iterable[str] | None) -> set[str]:
    """The required scopes the grant lacks."""
    return set(REQUIRED_SCOPES) - parse_scope(scope)


def scope_problem(scope: str | Iterable[str] | None) -> str | None:
    """What the runner must do when a needed scope was unticked; None when all is granted."""
    missing = missing_scopes(scope)
    cannot_read = bool(missing & {"read", "activity:read_all"})
    cannot_write = "activity:write" in missing
    if cannot_read and cannot_write:
        return CANNOT_READ_OR_WRITE
    if cannot_read:
        return CANNOT_READ
    if cannot_write:
        return CANNOT_WRITE
    return None


def authorization_url(
    client_id: str | int,
    redirect_uri: str,
    state: str,
    strava_url: str | None = None,
    *,
    approval_prompt: str = "auto",
) -> str:
    """Where the "Connect with Strava" button sends the browser.

    stravalib always builds a www.strava.com address; with ``strava_url`` set
    to the emulator the same path and query go to the emulator instead.
    """
    with requests.Session() as unused:  # building a URL sends nothing
        url = strava_api(unused).authorization_url(
            client_id=client_id,  # type: ignore[arg-type]
            redirect_uri=redirect_uri,
            approval_prompt=approval_prompt,  # type: ignore[arg-type]
            scope=list(REQUIRED_SCOPES),  # type: ignore[arg-type]
            state=state,
        )
    if not is_real_strava(strava_url):
        assert strava_url is not None
        url = RedirectingAdapter(strava_url).rewrite(url)
    return url


def parse_callback(params: Mapping[str, str], expected_state: str) -> Callback:
    """The code and granted scope from Strava's redirect to us, once ``state`` checks out."""
    state = params.get("state") or ""
    if not expected_state or not hmac.compare_digest(state.encode(), expected_state.encode()):
        raise AuthorizationFailed(
            "This Strava sign-in link has expired or was already used. Please connect again."
        )
    if params.get("error"):
        if params["error"] == "access_denied":
            raise AuthorizationDenied(
                "You cancelled the connection to Strava, so Rhomboid cannot see your runs. "
                "Connect again whenever you like."
            )
        raise AuthorizationFailed(f"Strava did not connect your account ({params['error']}). Please try again.")
    code = params.get("code")
    if not code:
        raise AuthorizationFailed("Strava sent no authorization code. Please connect again.")
    return Callback(code=code, scope=params.get("scope") or "")


def exchange_code(
    client_id: str | int,
    client_secret: str,
    code: str,
    granted_scope: str,
    strava_url: str | None = None,
) -> Grant:
    """Trade the callback's code for tokens and the athlete's profile.

    ``granted_scope`` is the ``scope`` of the redirect: the token answer does
    not say what was granted. The token answer carries only a summary of the
    athlete, without ``measurement_preference``, so the detailed athlete is
    fetched with the new token; if that fetch fails the summary is kept
    (the code is spent and the connection must not be lost for it).
    """
    with strava_session(strava_url) as session:
        api = strava_api(session)
        try:
            info, athlete = api.exchange_code_for_token(
                client_id=client_id,  # type: ignore[arg-type]
                client_secret=client_secret,
                code=code,
                return_athlete=True,
            )
        except exc.Fault as error:
            status = error.response.status_code if error.response is not None else None
            if status is not None and status >= 500:
                raise TransientError(f"Strava answered {status} to the code exchange") from None
            log.warning("code exchange refused: %s %s", status, strava_message(error.response))
            raise AuthorizationFailed(
                "Strava did not accept this sign-in (it may have expired). Please connect again."
            ) from None
        except (requests.RequestException, ValueError) as error:
            raise TransientError(f"the code exchange failed: {type(error).__name__}") from None
        profile = dict(athlete or {})
        try:
            detailed = api.get("/athlete")
        except (requests.RequestException, ValueError) as error:
            log.warning(
                "a runner connected, but the profile fetch failed (%s); keeping the summary",
                type(error).__name__,
            )
        else:
            if isinstance(detailed, dict):
                profile.update(detailed)
    if profile.get("id") is None:
        raise AuthorizationFailed("Strava did not say which athlete connected. Please connect again.")
    grant = Grant(
        athlete=profile,
        access_token=info["access_token"],
        refresh_token=info["refresh_token"],
        expires_at=int(info["expires_at"]),
        scope=parse_scope(granted_scope),
    )
    log.info("a runner connected with scope %s", ",".join(sorted(grant.scope)))
    return grant
