"""The one place that talks to Strava's API, through stravalib.

:class:`StravaConnector` reads and writes an athlete's activities with tokens
from a :class:`~connector.tokens.TokenStore`, refreshing them (one refresh per
athlete at a time) before they expire, and keeps Strava's rate limits with a
:class:`~connector.ratelimit.RateBudget`: when the budget runs low a call is
not made and :class:`Deferred` says when to try again. Nothing here sleeps.

What comes back is the JSON Strava sent, as plain dicts: a stored payload is
then exactly what Strava said, and :func:`insights.activities.activity_from_strava`
reads it directly.

Every failure is a :class:`~connector.errors.StravaError` a caller can act on
(see :mod:`connector.errors`); those exceptions, :class:`~connector.tokens.Tokens`
and :class:`~connector.tokens.TokenStore` are importable from here too.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, TypeVar

import requests
from connector import _stravalib  # noqa: F401 (first: keeps the process's warning settings)
from stravalib import exc
from stravalib.protocol import ApiV3

# The exceptions, strava_message and the token types are part of this module's interface too.
from connector.errors import (
    ActivityGone,
    Deferred,
    NeedsReconnect,
    Rejected,
    StravaError,
    TransientError,
    about_application,
    missing_permission,
    no_answer,
    refusal,
    strava_message,
)
from connector.breaker import CircuitBreaker, StravaUnavailable  # noqa: F401 (importable from here too)
from connector.logs import subject
from connector.ratelimit import RateBudget, utc
from connector.tokens import Tokens, TokenStore, expires_soon
from connector.transport import DEFAULT_TIMEOUT, strava_session

log = logging.getLogger(__name__)

PAGE_SIZE = 200  # the most Strava returns per page of /athlete/activities

T = TypeVar("T")


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
        breaker: CircuitBreaker | None = None,
    ) -> None:
        self.client_id = client_id
        self._client_secret = client_secret
        self.strava_url = strava_url
        self.tokens = token_store
        self.budget = budget
        self.breaker = breaker or CircuitBreaker()
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
            # Strava documents POST /oauth/deauthorize at the site root, not
            # under /api/v3 where stravalib's own deauthorize() posts
            self._call(athlete_id, "deauthorize", lambda api: api.post("https://www.strava.com/oauth/deauthorize"))
        except NeedsReconnect:
            log.info("%s: already deauthorized on Strava", subject())

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
        now = self.clock()
        self.budget.record(response.headers, now)
        if response.status_code < 500:  # Strava answered (a 5xx is counted in _failure)
            if self.breaker.answered(now):
                log.warning("Strava answers again")

    def _check_budget(self, what: str, athlete_id: int | None) -> None:
        retry_at = self.budget.check(self.clock())
        if retry_at is not None:
            log.info("%s: %s deferred until %s (rate budget)", subject(), what, retry_at)
            raise Deferred(retry_at, "Strava rate budget nearly used")

    def _call(
        self,
        athlete_id: int,
        what: str,
        request: Callable[[ApiV3], T],
        activity_id: int | None = None,
    ) -> T:
        self._check_budget(what, athlete_id)
        self.breaker.enter(self.clock())
        try:
            return self._attempt(athlete_id, what, request, activity_id)
        finally:
            self.breaker.leave()

    def _attempt(
        self,
        athlete_id: int,
        what: str,
        request: Callable[[ApiV3], T],
        activity_id: int | None,
    ) -> T:
        tokens = self._fresh_tokens(athlete_id)
        for attempt in (1, 2):
            try:
                return request(strava_api(self._session, tokens.access_token))
            except exc.AccessUnauthorized as error:
                missing = missing_permission(error.response)
                if attempt == 1 and not missing:
                    # Strava may expire a token before the expires_at it gave
                    # (clock skew, a revoked session): one forced refresh
                    # tells that apart from a runner who disconnected.
                    log.info("%s: %s got 401; refreshing the token once", subject(), what)
                    tokens = self._refresh_after_401(athlete_id, tokens)
                    continue
                detail = f"the {missing} permission was not granted" if missing else "401 Unauthorized"
                log.warning("%s: %s refused: %s", subject(), what, detail)
                raise NeedsReconnect(athlete_id, detail) from None
            except exc.ObjectNotFound as error:
                if activity_id is None:
                    raise self._failure(error, what, athlete_id) from None
                log.info("%s: activity %s not on Strava (%s)", subject(), activity_id, what)
                raise ActivityGone(athlete_id, activity_id) from None
            except (requests.RequestException, ValueError) as error:
                raise self._failure(error, what, athlete_id, activity_id) from None
        raise AssertionError("unreachable: the second attempt returns or raises")

    def _app_call(self, what: str, request: Callable[[ApiV3], T]) -> T:
        self._check_budget(what, None)
        self.breaker.enter(self.clock())
        try:
            return request(strava_api(self._session))
        except (requests.RequestException, ValueError) as error:
            raise self._failure(error, what, None) from None
        finally:
            self.breaker.leave()

    def _failure(
        self,
        error: Exception,
        what: str,
        athlete_id: int | None,
        activity_id: int | None = None,
    ) -> StravaError:
        """The connector's exception for a stravalib or requests error."""
        context = subject() if athlete_id is not None else "application"
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
            self.breaker.failed(self.clock(), f"HTTP {status}")
            return TransientError(f"Strava answered {status} to {what} ({context}): {strava_message(response)}")
        if status is not None:
            message = refusal(error, what, context, status)
            log.error("%s", message)
            return Rejected(message, status)
        detail = no_answer(error)
        log.warning("%s: %s failed: Strava %s", context, what, detail)
        self.breaker.failed(self.clock(), detail)
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

    def _refresh_after_401(self, athlete_id: int, refused: Tokens) -> Tokens:
        with self._lock_for(athlete_id):
            current = self._load(athlete_id)
            if current.access_token != refused.access_token:
                return current  # another thread refreshed meanwhile
            return self._refresh(athlete_id, current)

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
            if status in (400, 401, 403) and not about_application(error.response):
                current = self.tokens.load(athlete_id)
                if (
                    current is not None
                    and current.refresh_token != tokens.refresh_token
                    and not expires_soon(current, self.clock())
                ):
                    # Another process refreshed first and our refresh token was
                    # the old one: use what it saved.
                    log.info("%s: tokens were refreshed elsewhere meanwhile; using those", subject())
                    return current
                log.warning("%s: Strava refused the token refresh (%s)", subject(), status)
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
            log.exception("%s: could not save refreshed tokens", subject())
            raise
        log.info(
            "%s: tokens refreshed, access token expires %s",
            subject(),
            datetime.fromtimestamp(fresh.expires_at, timezone.utc).isoformat(),
        )
        return fresh
