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


def safe_next(target: str | None) -> str | None:
    """Where to land after signing in: only our own check-in page or /me."""
    if target and (target == "/me" or target.startswith("/checkin/")) and "//" not in target and "\\" not in target:
        return target
    return None


@bp.get("/strava")
def start():
    config = _services().config
    state = oauth.new_state()
    session["oauth_state"] = state
    landing = safe_next(request.args.get("next"))
    if landing:
        session["after_sign_in"] = landing
    else:
        session.pop("after_sign_in", None)
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
    landing = safe_next(session.pop("after_sign_in", None))
    session.clear()  # a new runner session: nothing of an earlier one carries over
    session["athlete_id"] = athlete["id"]
    # a missing activity:write is shown by /me from the stored scope, on every visit
    return redirect(landing or url_for("pages.me"))
