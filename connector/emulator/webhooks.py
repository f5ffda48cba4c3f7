"""The push subscription and webhook delivery, done the way Strava does them.

Creating a subscription sends the validation GET to the callback and needs the
challenge echoed (HTTP 200) within the timeout. Delivering an event POSTs the
JSON body; an attempt fails unless the answer is 200 within the timeout, and
Strava makes up to three attempts. No lock is held while the callback runs,
because the callback may well call the emulator back.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import requests

from .clock import iso
from .shapes import StravaError, bad_request

DEFAULT_TIMEOUT_S = 2.0
DEFAULT_ATTEMPTS = 3
FIRST_SUBSCRIPTION_ID = 120000


@dataclass
class Subscription:
    id: int
    application_id: int
    callback_url: str
    verify_token: str | None
    created_at: float
    updated_at: float

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "resource_state": 2,
            "application_id": self.application_id,
            "callback_url": self.callback_url,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
        }


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # a loopback callback must never go through a proxy
    return session


def validate_callback(callback_url: str, verify_token: str | None, timeout_s: float) -> None:
    """Strava's subscription handshake; raises StravaError(400) when it fails."""
    challenge = secrets.token_urlsafe(12)
    params = {"hub.mode": "subscribe", "hub.challenge": challenge, "hub.verify_token": verify_token or ""}
    started = time.monotonic()
    try:
        with _session() as session:
            answer = session.get(callback_url, params=params, timeout=timeout_s)
    except requests.RequestException:
        raise StravaError(
            400, bad_request("PushSubscription", "callback url", "GET to callback URL does not return 200")
        ) from None
    if answer.status_code != 200 or time.monotonic() - started > timeout_s:
        raise StravaError(
            400, bad_request("PushSubscription", "callback url", "GET to callback URL does not return 200")
        )
    try:
        echoed = answer.json().get("hub.challenge")
    except (ValueError, AttributeError):
        echoed = None
    if echoed != challenge:
        raise StravaError(
            400, bad_request("PushSubscription", "callback url", "callback URL did not echo hub.challenge")
        )


def post_event(
    callback_url: str, body: Mapping[str, Any], attempts: int, timeout_s: float, retry_delay_s: float = 0.0
) -> dict[str, Any]:
    """POST ``body`` up to ``attempts`` times until one gets 200 within ``timeout_s``."""
    tries: list[dict[str, Any]] = []
    with _session() as session:
        for number in range(1, attempts + 1):
            if number > 1 and retry_delay_s:
                time.sleep(retry_delay_s)
            started = time.monotonic()
            status, problem, reply = None, None, None
            try:
                answer = session.post(callback_url, json=dict(body), timeout=timeout_s)
                status = answer.status_code
                try:
                    reply = answer.json()
                except ValueError:
                    reply = None
            except requests.Timeout:
                problem = "timeout"
            except requests.RequestException as exc:
                problem = type(exc).__name__
            elapsed = time.monotonic() - started
            if status is not None and elapsed > timeout_s:
                problem = "timeout"
            ok = status == 200 and problem is None
            if not ok and problem is None:
                problem = f"HTTP {status}"
            tries.append(
                {"attempt": number, "status": status, "ok": ok, "elapsed_s": round(elapsed, 3), "error": problem,
                 "response": reply}
            )
            if ok:
                break
    return {"delivered": tries[-1]["ok"], "attempts": tries, "callback_url": callback_url, "event": dict(body)}


class Webhooks:
    """The app's one push subscription (Strava allows one per application)."""

    def __init__(
        self,
        now: Callable[[], float],
        application_id: int,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        attempts: int = DEFAULT_ATTEMPTS,
        retry_delay_s: float = 0.0,
    ) -> None:
        self._now = now
        self._lock = threading.Lock()
        self.application_id = application_id
        self.timeout_s = timeout_s
        self.attempts = attempts
        self.retry_delay_s = retry_delay_s
        self._next_id = FIRST_SUBSCRIPTION_ID
        self.subscription: Subscription | None = None

    def _already_exists(self) -> StravaError:
        return StravaError(400, bad_request("PushSubscription", "", "already exists"))

    def create(self, callback_url: str, verify_token: str | None) -> Subscription:
        if not callback_url:
            raise StravaError(400, bad_request("PushSubscription", "callback_url", "missing"))
        if self.subscription is not None:
            raise self._already_exists()
        validate_callback(callback_url, verify_token, self.timeout_s)
        with self._lock:
            if self.subscription is not None:  # another create won meanwhile
                raise self._already_exists()
            now = self._now()
            self._next_id += 1
            self.subscription = Subscription(
                self._next_id, self.application_id, callback_url, verify_token, now, now
            )
            return self.subscription

    def delete(self, subscription_id: int) -> None:
        with self._lock:
            if self.subscription is None or self.subscription.id != int(subscription_id):
                raise StravaError(404, {"message": "Resource Not Found", "errors": []})
            self.subscription = None

    def adopt(
        self, subscription_id: int | None = None, callback_url: str | None = None, verify_token: str | None = None
    ) -> Subscription:
        """Set the subscription directly (no handshake): replay adopts a fixture's id."""
        with self._lock:
            now = self._now()
            current = self.subscription
            if current is None:
                if not callback_url:
                    raise ValueError("no subscription yet: give a callback_url")
                self._next_id += 1
                current = Subscription(self._next_id, self.application_id, callback_url, verify_token, now, now)
            if subscription_id is not None:
                current.id = int(subscription_id)
            if callback_url:
                current.callback_url = callback_url
            if verify_token is not None:
                current.verify_token = verify_token
            current.updated_at = now
            self.subscription = current
            return current

    def deliver(
        self,
        body: Mapping[str, Any],
        callback_url: str | None = None,
        attempts: int | None = None,
        timeout_s: float | None = None,
    ) -> dict[str, Any]:
        url = callback_url or (self.subscription.callback_url if self.subscription else None)
        if not url:
            raise StravaError(409, {"message": "No push subscription to deliver to", "errors": []})
        return post_event(
            url,
            body,
            attempts=self.attempts if attempts is None else max(1, int(attempts)),
            timeout_s=self.timeout_s if timeout_s is None else float(timeout_s),
            retry_delay_s=self.retry_delay_s,
        )

    def clear(self) -> None:
        with self._lock:
            self.subscription = None
