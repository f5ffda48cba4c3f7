"""The one place that talks to Strava's API, through stravalib.

:class:`StravaConnector` reads and writes an athlete's activities with tokens
from a :class:`TokenStore`, refreshing them (one refresh per athlete at a time)
before they expire, and keeps Strava's rate limits with a
:class:`~connector.ratelimit.RateBudget`: when the budget runs low a call is
not made and :class:`Deferred` says when to try again. Nothing here sleeps.

What comes back is the JSON Strava sent, as plain dicts: a stored payload is
then exactly what Strava said, and :func:`insights.activities.activity_from_strava`
reads it directly.

Every failure is one of four exceptions a caller can act on:

* :class:`NeedsReconnect` -- Strava refused the athlete's tokens (401, revoked,
  refresh refused, a missing permission): stop, ask the runner to reconnect.
* :class:`ActivityGone` -- the activity does not exist (any more) or is hidden.
* :class:`Deferred` -- rate limit reached or nearly so: retry at ``retry_at``.
* :class:`TransientError` -- Strava or the network failed (5xx, timeout):
  retry with backoff.

and :class:`Rejected` for a request Strava will never accept as sent (another
4xx, such as a bad subscription callback or wrong client credentials).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Protocol, TypeVar

import requests
from stravalib import exc
from stravalib.protocol import ApiV3

from connector.ratelimit import RateBudget, utc
from connector.transport import DEFAULT_TIMEOUT, strava_session

log = logging.getLogger(__name__)

REFRESH_MARGIN = timedelta(minutes=10)
PAGE_SIZE = 200  # the most Strava returns per page of /athlete/activities

T = TypeVar("T")


# -- errors ---------------------------------------------------------------------


class StravaError(Exception):
    """Base of every error the connector raises."""


class NeedsReconnect(StravaError):
    """Strava no longer accepts the athlete's tokens: the athlete must reconnect."""

    def __init__(self, athlete_id: int | None, detail: str) -> None:
        who = f"athlete {athlete_id}" if athlete_id is not None else "the athlete"
        super().__init__(f"Strava refused access for {who} ({detail}); the athlete must reconnect")
        self.athlete_id = athlete_id
        self.detail = detail


class ActivityGone(StravaError):
    """The activity is not on Strava (deleted, private, or never existed)."""

    def __init__(self, athlete_id: int, activity_id: int) -> None:
        super().__init__(f"activity {activity_id} of athlete {athlete_id} is not on Strava (404)")
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


# -- tokens ---------------------------------------------------------------------


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


# -- stravalib ------------------------------------------------------------------


class _Api(ApiV3):
    """stravalib's protocol layer without its own token refresh.

    stravalib refreshes expired tokens by itself when ``STRAVA_CLIENT_ID`` and
    ``STRAVA_CLIENT_SECRET`` are in the environment, judging expiry by the
    wall clock and keeping the rotated refresh token only in memory. We refresh
    ourselves, by the injected clock, and persist first.
    """

    def _check_credentials(self) -> None:
        self.client_id = None
        self.client_secret = None


def _no_rate_limiter(headers: Any, method: Any) -> None:
    """stravalib's limiters sleep until the window resets; our RateBudget defers instead."""


def strava_api(session: requests.Session, access_token: str | None = None) -> ApiV3:
    """A stravalib protocol object on ``session`` (see :func:`connector.transport.strava_session`)."""
    return _Api(access_token=access_token, requests_session=session, rate_limiter=_no_rate_limiter)


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


def _about_application(response: requests.Response | None) -> bool:
    """True when Strava's error blames our client id/secret, not the athlete."""
    return any(e.get("resource") == "Application" for e in _strava_errors(response))


def _missing_permission(response: requests.Response | None) -> str | None:
    for error in _strava_errors(response):
        field_name = str(error.get("field") or "")
        if error.get("code") == "missing" and field_name.endswith("_permission"):
            return field_name.removesuffix("_permission")
    return None


def _redact(text: str) -> str:
    # requests puts the URL, query and all, into connection errors; the
    # subscription calls carry the client secret there.
    return re.sub(r"\?[^\s'\")]*", "?…", text)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


# -- the connector -------------------------------------------------------------


class StravaConnector:
    """Strava's API for Rhomboid: activities, athletes, the push subscription.

    ``clock`` returns the current time as an aware UTC datetime; it decides
    token expiry and the rate budget's windows. One connector is shared by
    every thread of a process.
    """

    def __init__(
        self,
        client_id: str | int,
        client_secret: str,
        strava_url: str | None,
        token_store: TokenStore,
        budget: RateBudget,
        clock: Callable[[], datetime] = _utc_now,
        *,
        timeout: Any = DEFAULT_TIMEOUT,
    ) -> None:
        self.client_id = client_id
        self._client_secret = client_secret
        self.strava_url = strava_url
        self.tokens = token_store
        self.budget = budget
        self.clock = clock
        self._session = strava_session(strava_url, timeout=timeout)
        self._session.hooks["response"].append(self._record_rates)
        self._locks: dict[int, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> "StravaConnector":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    # -- athlete calls --------------------------------------------------------

    def get_athlete(self, athlete_id: int) -> dict:
        """The authenticated athlete (DetailedAthlete) as Strava sent it."""
        return self._call(athlete_id, "get athlete", lambda api: api.get("/athlete"))

    def get_activity(self, athlete_id: int, activity_id: int) -> dict:
        """One DetailedActivity as Strava sent it; ActivityGone if there is none."""
        return self._call(
            athlete_id,
            "get activity",
            lambda api: api.get("/activities/{id}", id=activity_id),
            activity_id=activity_id,
        )

    def list_activities(
        self, athlete_id: int, after: datetime, before: datetime | None = None
    ) -> list[dict]:
        """SummaryActivity dicts that started after ``after`` (and before ``before``), newest first.

        Reads pages of 200 until a short page; each page is one call, checked
        against the budget, so a Deferred can interrupt a long listing.
        """
        found: list[dict] = []
        params = {
            "after": int(utc(after).timestamp()),
            "before": int(utc(before).timestamp()) if before is not None else None,
            "per_page": PAGE_SIZE,
        }
        page = 1
        while True:
            batch = self._call(
                athlete_id,
                f"list activities (page {page})",
                lambda api, page=page: api.get("/athlete/activities", page=page, **params),
            )
            found.extend(batch)
            if len(batch) < PAGE_SIZE:
                return found
            page += 1

    def backfill(self, athlete_id: int, now: datetime, days: int = 90) -> list[dict]:
        """The athlete's activities of the last ``days`` days up to ``now``, newest first."""
        return self.list_activities(athlete_id, after=utc(now) - timedelta(days=days), before=utc(now))

    def update_description(self, athlete_id: int, activity_id: int, description: str) -> dict:
        """Replace the activity's whole description; returns the updated DetailedActivity."""
        return self._call(
            athlete_id,
            "update description",
            lambda api: api.put(
                "/activities/{activity_id}", activity_id=activity_id, body={"description": description}
            ),
            activity_id=activity_id,
        )

    def confirm_deauthorized(self, athlete_id: int) -> bool:
        """True when Strava refuses the athlete's tokens (or we hold none).

        Deauthorization events are unsigned; ask Strava before deleting anything.
        """
        try:
            self.get_athlete(athlete_id)
        except NeedsReconnect:
            return True
        return False

    def deauthorize(self, athlete_id: int) -> None:
        """Revoke our access on Strava (the runner disconnects from our side).

        An athlete whose tokens Strava already refuses counts as done.
        """
        try:
            self._call(athlete_id, "deauthorize", lambda api: api.post("oauth/deauthorize"))
        except NeedsReconnect:
            log.info("athlete %s: already deauthorized on Strava", athlete_id)

    # -- the push subscription (application level) -------------------------------

    def create_subscription(self, callback_url: str, verify_token: str) -> int:
        """Create the app's push subscription; Strava validates ``callback_url`` first."""
        answer = self._app_call(
            "create subscription",
            lambda api: api.post(
                "/push_subscriptions",
                data={
                    "client_id": self.client_id,
                    "client_secret": self._client_secret,
                    "callback_url": callback_url,
                    "verify_token": verify_token,
                },
            ),
        )
        return int(answer["id"])

    def list_subscriptions(self) -> list[dict]:
        """The app's push subscriptions (Strava allows one)."""
        return self._app_call(
            "list subscriptions",
            lambda api: api.get(
                "/push_subscriptions", client_id=self.client_id, client_secret=self._client_secret
            ),
        )

    def delete_subscription(self, subscription_id: int) -> None:
        self._app_call(
            "delete subscription",
            lambda api: api.delete(
                "/push_subscriptions/{id}",
                id=subscription_id,
                data={"client_id": self.client_id, "client_secret": self._client_secret},
            ),
        )

    # -- plumbing -------------------------------------------------------------

    def _record_rates(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self.budget.record(response.headers, self.clock())

    def _check_budget(self, what: str, athlete_id: int | None) -> None:
        retry_at = self.budget.check(self.clock())
        if retry_at is not None:
            log.info("athlete %s: %s deferred until %s (rate budget)", athlete_id, what, retry_at)
            raise Deferred(retry_at, "Strava rate budget nearly used")

    def _call(
        self,
        athlete_id: int,
        what: str,
        request: Callable[[ApiV3], T],
        activity_id: int | None = None,
    ) -> T:
        self._check_budget(what, athlete_id)
        tokens = self._fresh_tokens(athlete_id)
        try:
            return request(strava_api(self._session, tokens.access_token))
        except exc.AccessUnauthorized as error:
            missing = _missing_permission(error.response)
            detail = f"the {missing} permission was not granted" if missing else "401 Unauthorized"
            log.warning("athlete %s: %s refused: %s", athlete_id, what, detail)
            raise NeedsReconnect(athlete_id, detail) from None
        except exc.ObjectNotFound as error:
            if activity_id is None:
                raise self._failure(error, what, athlete_id) from None
            log.info("athlete %s: activity %s not on Strava (%s)", athlete_id, activity_id, what)
            raise ActivityGone(athlete_id, activity_id) from None
        except (requests.RequestException, ValueError) as error:
            raise self._failure(error, what, athlete_id, activity_id) from None

    def _app_call(self, what: str, request: Callable[[ApiV3], T]) -> T:
        self._check_budget(what, None)
        try:
            return request(strava_api(self._session))
        except (requests.RequestException, ValueError) as error:
            raise self._failure(error, what, None) from None

    def _failure(
        self,
        error: Exception,
        what: str,
        athlete_id: int | None,
        activity_id: int | None = None,
    ) -> StravaError:
        """The connector's exception for a stravalib or requests error."""
        context = f"athlete {athlete_id}" if athlete_id is not None else "application"
        if activity_id is not None:
            context += f", activity {activity_id}"
        response = getattr(error, "response", None)
        status = response.status_code if isinstance(error, exc.Fault) and response is not None else None
        if status == 429:
            retry_at = self.budget.retry_time(self.clock())
            self.budget.exhausted_until(retry_at)
            log.warning("%s: %s hit Strava's rate limit; deferred until %s", context, what, retry_at)
            return Deferred(retry_at, "Strava answered 429 Too Many Requests")
        if status is not None and status >= 500:
            log.warning("%s: %s failed: Strava answered %s %s", context, what, status, strava_message(response))
            return TransientError(f"Strava answered {status} to {what} ({context}): {strava_message(response)}")
        if status is not None:
            if _about_application(response) or isinstance(error, exc.ApplicationInactive):
                detail = str(error) if isinstance(error, exc.ApplicationInactive) else strava_message(response)
                message = f"Strava refused our application's credentials for {what}: {detail}"
            else:
                message = f"Strava refused {what} ({context}) with {status}: {strava_message(response)}"
            log.error("%s", message)
            return Rejected(message, status)
        if isinstance(error, requests.Timeout):
            detail = "timed out"
        elif isinstance(error, requests.ConnectionError):
            detail = "could not connect"
        elif isinstance(error, ValueError):
            detail = "answered something that is not JSON"
        else:
            detail = _redact(f"{type(error).__name__}: {error}")
        log.warning("%s: %s failed: Strava %s", context, what, detail)
        return TransientError(f"{what} ({context}): Strava {detail}")

    # -- tokens ---------------------------------------------------------------

    def _lock_for(self, athlete_id: int) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(athlete_id, threading.Lock())

    def _load(self, athlete_id: int) -> Tokens:
        tokens = self.tokens.load(athlete_id)
        if tokens is None:
            raise NeedsReconnect(athlete_id, "no tokens stored")
        return tokens

    def _fresh_tokens(self, athlete_id: int) -> Tokens:
        """Tokens good for at least REFRESH_MARGIN, refreshing them if need be."""
        tokens = self._load(athlete_id)
        if not expires_soon(tokens, self.clock()):
            return tokens
        with self._lock_for(athlete_id):
            # Another thread may have refreshed while this one waited.
            tokens = self._load(athlete_id)
            if not expires_soon(tokens, self.clock()):
                return tokens
            return self._refresh(athlete_id, tokens)

    def _refresh(self, athlete_id: int, tokens: Tokens) -> Tokens:
        api = strava_api(self._session)
        try:
            answer = api.refresh_access_token(
                client_id=self.client_id,  # type: ignore[arg-type]
                client_secret=self._client_secret,
                refresh_token=tokens.refresh_token,
            )
        except exc.Fault as error:
            status = error.response.status_code if error.response is not None else None
            if status in (400, 401, 403) and not _about_application(error.response):
                current = self.tokens.load(athlete_id)
                if (
                    current is not None
                    and current.refresh_token != tokens.refresh_token
                    and not expires_soon(current, self.clock())
                ):
                    # Another process refreshed first and our refresh token was
                    # the old one: use what it saved.
                    log.info("athlete %s: tokens were refreshed elsewhere meanwhile; using those", athlete_id)
                    return current
                log.warning("athlete %s: Strava refused the token refresh (%s)", athlete_id, status)
                raise NeedsReconnect(athlete_id, "the token refresh was refused") from None
            raise self._failure(error, "token refresh", athlete_id) from None
        except (requests.RequestException, ValueError) as error:
            raise self._failure(error, "token refresh", athlete_id) from None
        fresh = Tokens(
            access_token=answer["access_token"],
            refresh_token=answer["refresh_token"],
            expires_at=int(answer["expires_at"]),
        )
        try:
            self.tokens.save(athlete_id, fresh)
        except Exception:
            # Strava has already killed the old refresh token; without this
            # save the athlete will have to reconnect.
            log.exception("athlete %s: could not save refreshed tokens", athlete_id)
            raise
        log.info(
            "athlete %s: tokens refreshed, access token expires %s",
            athlete_id,
            datetime.fromtimestamp(fresh.expires_at, timezone.utc).isoformat(),
        )
        return fresh
