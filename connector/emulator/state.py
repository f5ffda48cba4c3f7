"""The emulated Strava's whole world, and the Python API the admin routes wrap.

In-process users (tests, replay) call these methods directly; the HTTP admin
API under ``/_admin/`` is a thin JSON layer over the same calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from connector.fixtures import Fixture, fixture_from_data, load_fixture

from .activities import ActivityStore, as_bool
from .clock import Clock
from .faults import FaultSwitches
from .limits import RateLimiter
from .shapes import StravaError, summary_athlete
from .tokens import SCOPES, TokenStore, client_error, parse_scopes
from .webhooks import DEFAULT_ATTEMPTS, DEFAULT_TIMEOUT_S, Subscription, Webhooks

DEFAULT_CLIENT_ID = "rhomboid-dev"
DEFAULT_CLIENT_SECRET = "rhomboid-dev-secret"
DEFAULT_SCOPES = ("read", "activity:read_all", "activity:write")


def _application_id(client_id: str) -> int:
    # Strava's application_id is the numeric client id; a word id gets a stand-in.
    return int(client_id) if str(client_id).isdigit() else 1


class EmulatorState:
    """Athletes, activities, tokens, the subscription, the clock, limits and faults."""

    def __init__(
        self,
        client_id: str | int = DEFAULT_CLIENT_ID,
        client_secret: str = DEFAULT_CLIENT_SECRET,
        callback_timeout_s: float = DEFAULT_TIMEOUT_S,
        delivery_attempts: int = DEFAULT_ATTEMPTS,
    ) -> None:
        self.client_id = str(client_id)
        self.client_secret = client_secret
        self.clock = Clock()
        self.rates = RateLimiter()
        self.faults = FaultSwitches()
        self.store = ActivityStore()
        self.tokens = TokenStore(self.clock.now)
        self.webhooks = Webhooks(
            self.clock.now, _application_id(self.client_id), callback_timeout_s, delivery_attempts
        )
        self.fixtures: list[Fixture] = []

    # -- fixtures and the world ----------------------------------------

    def load_fixture(self, source: Fixture | str | Path | Mapping[str, Any]) -> Fixture:
        """Add a fixture's athlete and activities (a directory path, a Fixture or a body)."""
        if isinstance(source, Fixture):
            fixture = source
        elif isinstance(source, Mapping):
            fixture = fixture_from_data(source)
        else:
            fixture = load_fixture(source)
        self.store.put_athlete(fixture.athlete)
        self.store.put_many(fixture.activities.values(), owner_id=fixture.athlete_id)
        self.fixtures.append(fixture)
        return fixture

    def put_athlete(self, athlete: Mapping[str, Any]) -> dict[str, Any]:
        return self.store.put_athlete(athlete)

    def put_activity(self, activity: Mapping[str, Any], owner_id: int | None = None) -> dict[str, Any]:
        """Add or replace an activity (``owner_id`` fills a missing ``athlete``)."""
        return self.store.put(activity, owner_id)

    def get_activity(self, activity_id: int) -> dict[str, Any] | None:
        return self.store.get(activity_id)

    def delete_activity(self, activity_id: int) -> bool:
        return self.store.delete(activity_id)

    def apply_updates(self, activity_id: int, updates: Mapping[str, Any]) -> dict[str, Any]:
        """An update event's change on Strava's side: title→name, type, private."""
        return self.store.apply_updates(activity_id, updates)

    def apply_event(self, event: Mapping[str, Any]) -> str:
        """Make the change an event reports, as Strava does before it sends the event.

        Returns what happened: updated, deleted, revoked, missing or unchanged.
        """
        object_type, aspect = event.get("object_type"), event.get("aspect_type")
        updates = event.get("updates") or {}
        if object_type == "activity" and aspect == "update":
            if self.store.get(event["object_id"]) is None:
                return "missing"
            self.apply_updates(event["object_id"], updates)
            return "updated"
        if object_type == "activity" and aspect == "delete":
            return "deleted" if self.delete_activity(event["object_id"]) else "missing"
        if object_type == "athlete" and "authorized" in updates and not as_bool(updates["authorized"]):
            self.revoke_athlete(int(event["owner_id"]))
            return "revoked"
        return "unchanged"

    # -- OAuth -----------------------------------------------------------

    def check_client(self, client_id: Any, client_secret: Any = None, need_secret: bool = True) -> None:
        if str(client_id or "") != self.client_id:
            raise client_error("client_id")
        if need_secret and str(client_secret or "") != self.client_secret:
            raise client_error("client_secret")

    def authorize(self, athlete_id: int, scopes: Any = DEFAULT_SCOPES, client_id: Any = None) -> str:
        """The code the authorize page would put in the redirect."""
        if self.store.athlete(athlete_id) is None:
            raise ValueError(f"no athlete {athlete_id} in the emulator")
        return self.tokens.new_code(int(athlete_id), parse_scopes(scopes), str(client_id or self.client_id))

    def exchange_code(self, client_id: Any, client_secret: Any, code: str) -> dict[str, Any]:
        self.check_client(client_id, client_secret)
        athlete_id, _, answer = self.tokens.redeem_code(code, str(client_id))
        athlete = self.store.athlete(athlete_id) or {"id": athlete_id}
        return answer | {"athlete": summary_athlete(athlete)}

    def refresh(self, client_id: Any, client_secret: Any, refresh_token: str) -> dict[str, Any]:
        self.check_client(client_id, client_secret)
        return self.tokens.refresh(refresh_token)

    def issue_tokens(self, athlete_id: int, scopes: Any = DEFAULT_SCOPES) -> dict[str, Any]:
        """Tokens for an athlete without the authorize page (tests, replay)."""
        if self.store.athlete(athlete_id) is None:
            raise ValueError(f"no athlete {athlete_id} in the emulator")
        return self.tokens.issue(int(athlete_id), parse_scopes(scopes))

    def revoke_athlete(self, athlete_id: int) -> bool:
        """Deauthorize: every token the athlete granted stops working."""
        return self.tokens.revoke(int(athlete_id))

    def expire_tokens(self) -> int:
        """Force every access token to be expired now."""
        return self.tokens.expire_all()

    # -- webhooks ----------------------------------------------------------

    def create_subscription(self, client_id: Any, client_secret: Any, callback_url: str,
                            verify_token: str | None) -> Subscription:
        self.check_client(client_id, client_secret)
        return self.webhooks.create(callback_url, verify_token)

    def set_subscription(self, subscription_id: int | None = None, callback_url: str | None = None,
                         verify_token: str | None = None) -> Subscription:
        """Create or change the subscription without the handshake."""
        return self.webhooks.adopt(subscription_id, callback_url, verify_token)

    @property
    def subscription(self) -> Subscription | None:
        return self.webhooks.subscription

    def event_body(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """A webhook body in Strava's shape, filling subscription_id, event_time, updates."""
        subscription = self.webhooks.subscription
        body = {
            "aspect_type": event.get("aspect_type"),
            "event_time": int(event.get("event_time") or self.clock.now()),
            "object_id": event.get("object_id"),
            "object_type": event.get("object_type"),
            "owner_id": event.get("owner_id"),
            "subscription_id": event.get("subscription_id") or (subscription.id if subscription else None),
            "updates": event.get("updates") or {},
        }
        return body | {k: v for k, v in event.items() if k not in body}

    def deliver(self, event: Mapping[str, Any], *, apply: bool = False, callback_url: str | None = None,
                attempts: int | None = None, timeout_s: float | None = None) -> dict[str, Any]:
        """POST an event to the subscription's callback as Strava would.

        With ``apply``, the change the event reports is made first (see
        :meth:`apply_event`). Returns ``{"delivered", "attempts", "event", ...}``.
        """
        missing = [k for k in ("object_type", "object_id", "aspect_type", "owner_id") if k not in event]
        if missing:
            raise ValueError(f"event lacks required keys: {', '.join(missing)}")
        body = self.event_body(event)
        applied = self.apply_event(body) if apply else None
        result = self.webhooks.deliver(body, callback_url, attempts, timeout_s)
        return result | {"applied": applied}

    # -- the rest ----------------------------------------------------------

    def reset(self) -> None:
        """Forget everything: world, tokens, subscription, faults, usage, clock."""
        self.store.clear()
        self.tokens.clear()
        self.webhooks.clear()
        self.faults.clear()
        self.rates.reset()
        self.clock.reset()
        self.fixtures.clear()

    def athletes(self) -> list[dict[str, Any]]:
        found = []
        for athlete_id in self.store.athlete_ids():
            athlete = self.store.athlete(athlete_id) or {}
            found.append(
                {
                    "id": athlete_id,
                    "name": " ".join(filter(None, [athlete.get("firstname"), athlete.get("lastname")])),
                    "activities": self.store.count(athlete_id),
                    "authorized_scopes": list(self.tokens.scopes_of(athlete_id) or []) or None,
                }
            )
        return found

    def describe(self) -> dict[str, Any]:
        subscription = self.webhooks.subscription
        return {
            "client_id": self.client_id,
            "athletes": self.athletes(),
            "activities": self.store.count(),
            "subscription": subscription.as_json() if subscription else None,
            "clock": self.clock.describe(),
            "rate_limits": self.rates.usage(self.clock.now()).as_dict(),
            **self.faults.describe(),
        }


__all__ = ["EmulatorState", "StravaError", "SCOPES", "DEFAULT_SCOPES"]
