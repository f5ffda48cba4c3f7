"""What the connector raises, and how Strava's error answers read.

Every failure is one of four exceptions a caller can act on:

* :class:`NeedsReconnect` -- Strava refused the athlete's tokens (401, revoked,
  refresh refused, a missing permission): stop, ask the runner to reconnect.
* :class:`ActivityGone` -- the activity does not exist (any more) or is hidden.
* :class:`Deferred` -- rate limit reached or nearly so: retry at ``retry_at``.
* :class:`TransientError` -- Strava or the network failed (5xx, timeout):
  retry with backoff.

and :class:`Rejected` for a request Strava will never accept as sent (another
4xx, such as a bad subscription callback or wrong client credentials).
All are :class:`StravaError`, and all are importable from :mod:`connector.strava` too.
"""

from __future__ import annotations

import re
from datetime import datetime

import requests
from connector import _stravalib  # noqa: F401 (first: keeps the process's warning settings)
from stravalib import exc


class StravaError(Exception):
    """Base of every error the connector raises."""


class NeedsReconnect(StravaError):
    """Strava no longer accepts the athlete's tokens: the athlete must reconnect."""

    def __init__(self, athlete_id: int | None, detail: str) -> None:
        # no athlete id in the text: it is logged, and logs outlive a runner's deletion
        super().__init__(f"Strava refused access ({detail}); the athlete must reconnect")
        self.athlete_id = athlete_id
        self.detail = detail


class ActivityGone(StravaError):
    """The activity is not on Strava (deleted, private, or never existed)."""

    def __init__(self, athlete_id: int, activity_id: int) -> None:
        super().__init__(f"activity {activity_id} is not on Strava (404)")
        self.athlete_id = athlete_id
        self.activity_id = activity_id


class Deferred(StravaError):
    """Not now: Strava's rate limit is reached or nearly so. Retry at ``retry_at``."""

    def __init__(self, retry_at: datetime, reason: str) -> None:
        super().__init__(f"{reason}; retry at {retry_at:%Y-%m-%d %H:%M:%S} UTC")
        self.retry_at = retry_at
        self.reason = reason


class TransientError(StravaError):
    """Strava or the network failed (5xx, timeout, refused connection); retry with backoff."""


class Rejected(StravaError):
    """Strava refused the request as sent (a 4xx other than 401/404/429)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


# -- reading Strava's error answers ------------------------------------------------


def _body(response: requests.Response | None) -> dict:
    try:
        body = response.json() if response is not None else None
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _strava_errors(response: requests.Response | None) -> list[dict]:
    errors = _body(response).get("errors")
    errors = [errors] if isinstance(errors, dict) else errors if isinstance(errors, list) else []
    return [e for e in errors if isinstance(e, dict)]


def strava_message(response: requests.Response | None) -> str:
    """Strava's error body as one short line: ``Record Not Found (Activity id invalid)``."""
    if response is None:
        return "no response"
    details = ", ".join(
        " ".join(str(e[k]) for k in ("resource", "field", "code") if e.get(k))
        for e in _strava_errors(response)
    )
    message = str(_body(response).get("message") or f"HTTP {response.status_code}")
    return f"{message} ({details})" if details else message


def about_application(response: requests.Response | None) -> bool:
    """True when Strava's error blames our client id/secret, not the athlete."""
    return any(e.get("resource") == "Application" for e in _strava_errors(response))


def missing_permission(response: requests.Response | None) -> str | None:
    """The permission (scope) Strava says the athlete did not grant, if that is the complaint."""
    for error in _strava_errors(response):
        field_name = str(error.get("field") or "")
        if error.get("code") == "missing" and field_name.endswith("_permission"):
            return field_name.removesuffix("_permission")
    return None


def refusal(error: Exception, what: str, context: str, status: int) -> str:
    """Why Strava refused ``what`` with a 4xx: our application's credentials, or the request itself."""
    response = getattr(error, "response", None)
    if about_application(response) or isinstance(error, exc.ApplicationInactive):
        detail = str(error) if isinstance(error, exc.ApplicationInactive) else strava_message(response)
        return f"Strava refused our application's credentials for {what}: {detail}"
    return f"Strava refused {what} ({context}) with {status}: {strava_message(response)}"


def no_answer(error: Exception) -> str:
    """What happened when Strava gave no answer we could read: ``timed out``, ``could not connect``..."""
    if isinstance(error, requests.Timeout):
        return "timed out"
    if isinstance(error, requests.ConnectionError):
        return "could not connect"
    if isinstance(error, ValueError):
        return "answered something that is not JSON"
    # requests puts the URL, query and all, into connection errors; the
    # subscription calls carry the client secret there.
    return re.sub(r"\?[^\s'\")]*", "?…", f"{type(error).__name__}: {error}")
