"""Strava's API v3, the part Rhomboid uses: athlete, activities, push subscriptions."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from .app import emulator_state, request_values
from .shapes import StravaError, bad_request, missing_scope
from .tokens import AccessToken

bp = Blueprint("api", __name__, url_prefix="/api/v3")

READ_ACTIVITIES = ("activity:read", "activity:read_all")


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.values.get("access_token")


def authenticated(*any_of_scopes: str) -> AccessToken:
    """The caller's live token; 401 unless it has one of ``any_of_scopes``."""
    token = emulator_state().tokens.check(bearer_token())
    if any_of_scopes and not set(any_of_scopes) & set(token.scopes):
        raise StravaError(401, missing_scope(any_of_scopes[0]))
    return token


def int_arg(name: str, default: int | None = None) -> int | None:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(float(raw))
    except ValueError:
        raise StravaError(400, bad_request("Activity", name, "invalid")) from None


@bp.get("/athlete")
def athlete():
    token = authenticated()
    found = emulator_state().store.athlete(token.athlete_id)
    if found is None:
        raise StravaError(404, {"message": "Record Not Found", "errors": [
            {"resource": "Athlete", "field": "id", "code": "invalid"}]})
    return jsonify(found)


@bp.get("/athlete/activities")
def athlete_activities():
    token = authenticated(*READ_ACTIVITIES)
    found = emulator_state().store.list_for(
        token.athlete_id,
        before=int_arg("before"),
        after=int_arg("after"),
        page=int_arg("page", 1),
        per_page=int_arg("per_page", 30),
        include_private="activity:read_all" in token.scopes,
    )
    return jsonify(found)


@bp.get("/activities/<int:activity_id>")
def get_activity(activity_id: int):
    token = authenticated(*READ_ACTIVITIES)
    found = emulator_state().store.owned(
        token.athlete_id, activity_id, include_private="activity:read_all" in token.scopes
    )
    return jsonify(found)


@bp.put("/activities/<int:activity_id>")
def update_activity(activity_id: int):
    token = authenticated("activity:write")
    return jsonify(emulator_state().store.update(token.athlete_id, activity_id, request_values()))


@bp.post("/push_subscriptions")
def create_subscription():
    values = request_values()
    subscription = emulator_state().create_subscription(
        values.get("client_id"),
        values.get("client_secret"),
        str(values.get("callback_url", "")),
        values.get("verify_token"),
    )
    return jsonify({"id": subscription.id}), 201


@bp.get("/push_subscriptions")
def list_subscriptions():
    state = emulator_state()
    state.check_client(request.args.get("client_id"), request.args.get("client_secret"))
    subscription = state.subscription
    return jsonify([subscription.as_json()] if subscription else [])


@bp.delete("/push_subscriptions/<int:subscription_id>")
def delete_subscription(subscription_id: int):
    state = emulator_state()
    values = request_values()
    state.check_client(values.get("client_id"), values.get("client_secret"))
    state.webhooks.delete(subscription_id)
    return "", 204
