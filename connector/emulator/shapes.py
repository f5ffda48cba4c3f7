"""Strava's JSON shapes: error bodies and the summary views of stored objects."""

from __future__ import annotations

import copy
from typing import Any

# Keys Strava only shows on the detailed activity (GET /activities/{id}).
DETAIL_ONLY_KEYS = frozenset(
    {
        "description", "private_note", "perceived_exertion", "prefer_perceived_exertion",
        "calories", "segment_efforts", "splits_metric", "splits_standard", "laps",
        "best_efforts", "gear", "photos", "embed_token", "highlighted_kudosers",
        "available_zones", "similar_activities", "stats_visibility",
    }
)

# The athlete summary Strava attaches to an authorization_code token answer.
SUMMARY_ATHLETE_KEYS = (
    "id", "username", "firstname", "lastname", "bio", "city", "state", "country",
    "sex", "premium", "summit", "created_at", "updated_at", "badge_type_id",
    "weight", "profile_medium", "profile", "friend", "follower",
)


def error(message: str, resource: str, field: str, code: str) -> dict[str, Any]:
    return {"message": message, "errors": [{"resource": resource, "field": field, "code": code}]}


def not_found(resource: str = "Activity", field: str = "id") -> dict[str, Any]:
    return error("Record Not Found", resource, field, "invalid")


def authorization_error() -> dict[str, Any]:
    return error("Authorization Error", "Athlete", "access_token", "invalid")


def missing_scope(scope: str) -> dict[str, Any]:
    return error("Authorization Error", "AccessToken", f"{scope}_permission", "missing")


def bad_request(resource: str, field: str, code: str) -> dict[str, Any]:
    return error("Bad Request", resource, field, code)


def rate_limit_exceeded() -> dict[str, Any]:
    return error("Rate Limit Exceeded", "Application", "rate limit", "exceeded")


STATUS_BODIES = {
    429: rate_limit_exceeded,
    500: lambda: {"message": "Internal Server Error", "errors": []},
    502: lambda: {"message": "Bad Gateway", "errors": []},
    503: lambda: {"message": "Service Unavailable", "errors": []},
}


def body_for_status(status: int) -> dict[str, Any]:
    """The body an injected fault answers with."""
    make = STATUS_BODIES.get(status)
    return make() if make else {"message": "Error", "errors": []}


def summary_activity(detail: dict[str, Any]) -> dict[str, Any]:
    """The SummaryActivity view (GET /athlete/activities) of a DetailedActivity."""
    summary = {k: copy.deepcopy(v) for k, v in detail.items() if k not in DETAIL_ONLY_KEYS}
    summary["resource_state"] = 2
    athlete = detail.get("athlete") or {}
    summary["athlete"] = {"id": athlete.get("id"), "resource_state": 1}
    activity_map = detail.get("map")
    if isinstance(activity_map, dict):
        summary["map"] = {k: v for k, v in activity_map.items() if k != "polyline"}
        summary["map"]["resource_state"] = 2
    return summary


def summary_athlete(athlete: dict[str, Any]) -> dict[str, Any]:
    summary = {k: copy.deepcopy(athlete.get(k)) for k in SUMMARY_ATHLETE_KEYS}
    summary["resource_state"] = 2
    return summary


class StravaError(Exception):
    """An answer the emulator gives instead of a result: status and Strava's body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status}: {body.get('message')}")
        self.status = status
        self.body = body
