"""The runner's pages: landing with the Connect button, /me, settings, sign-out,
delete-my-data, health.

Every message on these pages comes from the server's own state (the stored
scope, the stored coaches), never from the URL: a link cannot put words in
Rhomboid's mouth.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for

from connector.oauth import scope_problem
from insights.notes import distance
from webhook import runner_view, store
from webhook.db import get_db

bp = Blueprint("pages", __name__)
URGENT_SHOWN_DAYS = 14  # an urgent message stays at the top of /me this long (as long as a check-in link lives)


def _services():
    return current_app.extensions["rhomboid"]


def signed_in_athlete() -> dict | None:
    """The runner of this browser's runner session, or None (the session is cleared
    when its runner is gone)."""
    athlete_id = session.get("athlete_id")
    if athlete_id is None:
        return None
    athlete = store.get_athlete(get_db(), athlete_id)
    if athlete is None:
        session.pop("athlete_id", None)
    return athlete


def can_write(athlete: dict) -> bool:
    return "activity:write" in (athlete.get("scope") or "").split(",")


@bp.get("/healthz")
def healthz():
    try:
        get_db().execute("SELECT 1").fetchone()
    except Exception as error:  # the database does not answer
        return jsonify(status="error", error=str(error)), 503
    return jsonify(status="ok")


@bp.get("/")
def landing():
    return render_template("landing.html", athlete_id=session.get("athlete_id"))


def render_me(athlete: dict, status: int = 200, problem: str | None = None, form: dict | None = None):
    """/me, with an optional ``problem`` the server itself found in a form just sent."""
    db = get_db()
    today = _services().clock().date()
    units = athlete.get("measurement_preference") or "meters"
    notes = runner_view.notes(db, athlete["id"])
    coaches = [c for c in store.coaches_for(db, athlete["id"], consented_only=False) if c["revoked_at"] is None]
    page = render_template(
        "me.html",
        athlete=athlete,
        distance=lambda km: distance(km, units),
        can_write=can_write(athlete),
        scope_problem=scope_problem(athlete.get("scope")),
        charts=runner_view.runner_charts(db, athlete, today),
        notes=notes,
        latest=notes[0] if notes else None,
        urgent=runner_view.urgent_messages(db, athlete["id"], today - timedelta(days=URGENT_SHOWN_DAYS)),
        coaches=coaches,
        problem=problem,
        form=form or {},
    )
    return page, status


@bp.get("/me")
def me():
    athlete = signed_in_athlete()
    if athlete is None:
        return redirect(url_for("pages.landing"))
    return render_me(athlete)


@bp.post("/me/settings")
def settings():
    """The runner's choice: a note only when it matters (auto), or on every activity."""
    athlete = signed_in_athlete()
    if athlete is None:
        return redirect(url_for("pages.landing"))
    mode = request.form.get("note_mode", "")
    if mode not in ("auto", "always"):
        return render_me(athlete, 400, problem="Choose when you want a note.")
    store.set_note_mode(get_db(), athlete["id"], mode, now=_services().clock())
    return redirect(url_for("pages.me"))


@bp.post("/me/signout")
def sign_out():
    session.pop("athlete_id", None)
    return redirect(url_for("pages.landing"))


@bp.post("/me/delete")
def delete_my_data():
    athlete = signed_in_athlete()
    if athlete is None:
        return render_template(
            "error.html", title="Nothing deleted",
            message="You are not signed in, so nothing was deleted. Sign in with Strava first, then choose "
                    "Disconnect and delete my data on your page.",
        ), 401
    if request.form.get("confirm") != "yes":
        return render_me(athlete, 400, problem="Tick the box to confirm that everything should be deleted.")
    athlete_id = athlete["id"]
    try:
        _services().strava.deauthorize(athlete_id)
    except Exception:  # revoke is best effort: our copy goes regardless
        current_app.logger.warning("could not revoke Strava access for athlete %s", athlete_id)
    store.delete_athlete(get_db(), athlete_id)
    session.pop("athlete_id", None)
    return render_template("deleted.html")
