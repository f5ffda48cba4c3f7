"""Strava's OAuth: the authorize page, the token endpoint, deauthorization."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, jsonify, redirect, render_template, request

from .api import bearer_token
from .app import emulator_state, request_values
from .shapes import StravaError, bad_request
from .tokens import parse_scopes

bp = Blueprint("oauth", __name__)

SCOPE_TEXT = {
    "read": "View data about your public profile (required)",
    "read_all": "View data about your private routes, segments, and events",
    "profile:read_all": "View your complete Strava profile",
    "profile:write": "Update your weight and Functional Threshold Power",
    "activity:read": "View data about your activities",
    "activity:read_all": "View data about your private activities",
    "activity:write": "Upload your activities and update their details",
}
YES = ("1", "true", "yes", "on")


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query, safe=",:")))


def _scopes_from_form(name: str) -> tuple[str, ...]:
    return parse_scopes([s for value in request.values.getlist(name) for s in value.split(",")])


def _choose_athlete(state) -> int:
    loaded = state.store.athlete_ids()
    wanted = request.values.get("athlete_id")
    if wanted:
        if not wanted.isdigit() or int(wanted) not in loaded:
            raise StravaError(400, bad_request("Athlete", "athlete_id", "invalid"))
        return int(wanted)
    if not loaded:
        raise StravaError(409, {"message": "No athlete is loaded in the emulator", "errors": []})
    return loaded[0]


@bp.route("/oauth/authorize", methods=["GET", "POST"])
def authorize():
    state = emulator_state()
    values = request.values
    state.check_client(values.get("client_id"), need_secret=False)
    redirect_uri = values.get("redirect_uri", "")
    if not urlsplit(redirect_uri).scheme:
        raise StravaError(400, bad_request("Application", "redirect_uri", "invalid"))
    if values.get("response_type", "code") != "code":
        raise StravaError(400, bad_request("Application", "response_type", "invalid"))
    asked = values.get("requested_scope") or ",".join(values.getlist("scope")) or "read,activity:read"
    requested = parse_scopes(asked)
    echo = {"state": values["state"]} if "state" in values else {}

    decision = values.get("decision")
    if decision is None and "approve" in values:
        decision = "authorize" if values["approve"].lower() in YES else "cancel"
    if decision is None:
        athletes = [state.store.athlete(i) for i in state.store.athlete_ids()]
        return render_template(
            "authorize.html", values=values, requested=requested, scope_text=SCOPE_TEXT,
            athletes=athletes, client_id=state.client_id,
        )
    if decision != "authorize":
        return redirect(_with_query(redirect_uri, echo | {"error": "access_denied"}))

    granted = _scopes_from_form("scope") if request.method == "POST" else requested
    granted = tuple(s for s in requested if s in granted or s == "read")
    athlete_id = _choose_athlete(state)
    code = state.authorize(athlete_id, granted, values.get("client_id"))
    return redirect(_with_query(redirect_uri, echo | {"code": code, "scope": ",".join(granted)}))


@bp.post("/oauth/token")
def token():
    state = emulator_state()
    values = request_values()
    grant_type = values.get("grant_type")
    if grant_type == "authorization_code":
        answer = state.exchange_code(
            values.get("client_id"), values.get("client_secret"), str(values.get("code", ""))
        )
    elif grant_type == "refresh_token":
        answer = state.refresh(
            values.get("client_id"), values.get("client_secret"), str(values.get("refresh_token", ""))
        )
    else:
        raise StravaError(400, bad_request("Token", "grant_type", "invalid"))
    return jsonify(answer)


# Strava documents POST /oauth/deauthorize (stravalib's own deauthorize()
# posts under /api/v3, which Strava does not document; we don't serve it, so
# a client using that path fails here as it would there).
@bp.post("/oauth/deauthorize")
def deauthorize():
    state = emulator_state()
    access_token = bearer_token()
    found = state.tokens.check(access_token)
    state.revoke_athlete(found.athlete_id)
    return jsonify({"access_token": access_token})
