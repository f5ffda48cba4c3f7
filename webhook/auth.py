"""Connect with Strava: OAuth with ``state``, the granted scope stored and explained."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from connector import oauth
from connector.strava import StravaError
from webhook.connect import connect_athlete, try_backfill
from webhook.db import get_db

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _services():
    return current_app.extensions["rhomboid"]


@bp.get("/strava")
def start():
    config = _services().config
    state = oauth.new_state()
    session["oauth_state"] = state
    return redirect(oauth.authorization_url(config.strava_client_id, config.redirect_uri, state, config.strava_url))


@bp.get("/strava/callback")
def callback():
    services = _services()
    config = services.config
    expected = session.pop("oauth_state", "")
    try:
        answer = oauth.parse_callback(request.args, expected)
        grant = oauth.exchange_code(
            config.strava_client_id, config.strava_client_secret, answer.code, answer.scope, config.strava_url
        )
    except oauth.AuthorizationFailed as error:
        return render_template("error.html", title="Not connected", message=str(error)), 400
    except StravaError:
        message = "Strava did not answer in time. Please try connecting again in a minute."
        return render_template("error.html", title="Not connected", message=message), 502
    db = get_db()
    now = services.clock()
    athlete = connect_athlete(services, db, grant, now)
    try_backfill(services, db, athlete["id"], now)
    session.clear()
    session["athlete_id"] = athlete["id"]
    problem = oauth.scope_problem(grant.scope)
    return redirect(url_for("pages.me", problem=problem) if problem else url_for("pages.me"))
