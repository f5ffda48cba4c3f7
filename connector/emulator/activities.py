"""Athletes and their activities, as the emulated Strava holds them."""

from __future__ import annotations

import copy
import threading
from typing import Any, Iterable, Mapping

from .clock import to_epoch
from .shapes import StravaError, bad_request, not_found, summary_activity

# What PUT /activities/{id} may change (Strava's UpdatableActivity); the rest is ignored.
UPDATABLE_FIELDS = (
    "name", "type", "sport_type", "description", "gear_id", "trainer", "commute", "hide_from_home",
)
BOOLEAN_FIELDS = frozenset({"trainer", "commute", "hide_from_home", "private"})

# New sport types and the legacy ``type`` Strava reports alongside them.
LEGACY_TYPES = {
    "TrailRun": "Run",
    "MountainBikeRide": "Ride",
    "GravelRide": "Ride",
    "EMountainBikeRide": "EBikeRide",
    "VirtualRow": "Rowing",
}

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 30


def as_bool(value: Any) -> bool:
    """Strava's events send booleans as the strings "true"/"false"."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def start_epoch(activity: Mapping[str, Any]) -> float:
    try:
        return to_epoch(activity.get("start_date") or 0)
    except ValueError:
        return 0.0


def owner_of(activity: Mapping[str, Any]) -> int | None:
    athlete = activity.get("athlete")
    if isinstance(athlete, Mapping) and athlete.get("id") is not None:
        return int(athlete["id"])
    return None


class ActivityStore:
    """Thread-safe athletes and activities. Everything returned is a copy."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._athletes: dict[int, dict[str, Any]] = {}
        self._activities: dict[int, dict[str, Any]] = {}

    # -- athletes --------------------------------------------------------

    def put_athlete(self, athlete: Mapping[str, Any]) -> dict[str, Any]:
        stored = copy.deepcopy(dict(athlete))
        with self._lock:
            self._athletes[int(stored["id"])] = stored
        return copy.deepcopy(stored)

    def athlete(self, athlete_id: int) -> dict[str, Any] | None:
        with self._lock:
            found = self._athletes.get(int(athlete_id))
            return copy.deepcopy(found) if found else None

    def athlete_ids(self) -> list[int]:
        with self._lock:
            return list(self._athletes)

    # -- activities ------------------------------------------------------

    def put(self, activity: Mapping[str, Any], owner_id: int | None = None) -> dict[str, Any]:
        """Add or replace an activity; ``owner_id`` fills a missing ``athlete``."""
        stored = copy.deepcopy(dict(activity))
        if stored.get("id") is None:
            raise ValueError("an activity needs an id")
        if owner_of(stored) is None:
            if owner_id is None:
                raise ValueError(f"activity {stored['id']} has no athlete and no owner was given")
            stored["athlete"] = {"id": int(owner_id), "resource_state": 1}
        with self._lock:
            self._activities[int(stored["id"])] = stored
        return copy.deepcopy(stored)

    def put_many(self, activities: Iterable[Mapping[str, Any]], owner_id: int | None = None) -> int:
        count = 0
        for activity in activities:
            self.put(activity, owner_id)
            count += 1
        return count

    def get(self, activity_id: int) -> dict[str, Any] | None:
        with self._lock:
            found = self._activities.get(int(activity_id))
            return copy.deepcopy(found) if found else None

    def delete(self, activity_id: int) -> bool:
        with self._lock:
            return self._activities.pop(int(activity_id), None) is not None

    def count(self, owner_id: int | None = None) -> int:
        with self._lock:
            if owner_id is None:
                return len(self._activities)
            return sum(1 for a in self._activities.values() if owner_of(a) == owner_id)

    def apply_updates(self, activity_id: int, updates: Mapping[str, Any]) -> dict[str, Any]:
        """Apply a webhook event's ``updates`` (title, type, private) to the activity."""
        with self._lock:
            activity = self._activities.get(int(activity_id))
            if activity is None:
                raise StravaError(404, not_found())
            if "title" in updates:
                activity["name"] = updates["title"]
            if "type" in updates:
                activity["type"] = activity["sport_type"] = updates["type"]
            if "private" in updates:
                activity["private"] = as_bool(updates["private"])
            return copy.deepcopy(activity)

    # -- the API's view --------------------------------------------------

    def owned(self, athlete_id: int, activity_id: int, include_private: bool) -> dict[str, Any]:
        """The activity as GET /activities/{id} shows it to ``athlete_id``, else 404."""
        with self._lock:
            activity = self._activities.get(int(activity_id))
            if (
                activity is None
                or owner_of(activity) != athlete_id
                or (activity.get("private") and not include_private)
            ):
                raise StravaError(404, not_found())
            return copy.deepcopy(activity)

    def update(self, athlete_id: int, activity_id: int, fields: Mapping[str, Any]) -> dict[str, Any]:
        """PUT /activities/{id}: change only Strava's updatable fields."""
        self.owned(athlete_id, activity_id, include_private=True)
        changes = {k: v for k, v in fields.items() if k in UPDATABLE_FIELDS and v is not None}
        for key in BOOLEAN_FIELDS & changes.keys():
            changes[key] = as_bool(changes[key])
        if "sport_type" in changes:
            # In a request with both, Strava ignores the deprecated ``type``.
            changes["type"] = LEGACY_TYPES.get(changes["sport_type"], changes["sport_type"])
        elif "type" in changes:
            changes["sport_type"] = changes["type"]
        with self._lock:
            activity = self._activities.get(int(activity_id))
            if activity is None:  # deleted meanwhile
                raise StravaError(404, not_found())
            activity.update(changes)
            return copy.deepcopy(activity)

    def list_for(
        self,
        athlete_id: int,
        *,
        before: float | None = None,
        after: float | None = None,
        page: int = 1,
        per_page: int = DEFAULT_PER_PAGE,
        include_private: bool = True,
    ) -> list[dict[str, Any]]:
        """GET /athlete/activities: SummaryActivity objects, newest first."""
        if page < 1 or per_page < 1:
            raise StravaError(400, bad_request("Activity", "page", "invalid"))
        per_page = min(per_page, MAX_PER_PAGE)
        with self._lock:
            chosen = [
                a
                for a in self._activities.values()
                if owner_of(a) == athlete_id
                and (include_private or not a.get("private"))
                and (before is None or start_epoch(a) < before)
                and (after is None or start_epoch(a) > after)
            ]
            chosen.sort(key=lambda a: (start_epoch(a), a["id"]), reverse=True)
            window = chosen[(page - 1) * per_page : page * per_page]
            return [summary_activity(a) for a in window]

    def clear(self) -> None:
        with self._lock:
            self._athletes.clear()
            self._activities.clear()
