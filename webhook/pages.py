"""The runner's pages: landing with the Connect button, /me, delete-my-data, health."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for

from insights.notes import distance
from webhook import store
from webhook.db import get_db

bp = Blueprint("pages", __name__)

FLAG_LABELS = {
    "long_run_spike": "long-run jump",
    "week_spike": "weekly jump",
    "acwr_high": "acute:chronic high",
    "intensity_spike": "intensity jump",
}


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


def _notes(db, athlete_id: int, limit: int = 30) -> list[dict]:
    rows = db.query(
        """
        SELECT a.id, a.name, a.sport_type, a.day, a.distance_km, n.outcome, n.text, n.flags, n.advice
        FROM activities a LEFT JOIN notes n ON n.activity_id = a.id
        WHERE a.athlete_id = ? ORDER BY a.start_local DESC LIMIT ?
        """,
        [athlete_id, limit],
    )
    out = []
    for row in rows:
        row["flags"] = json.loads(row["flags"]) if row["flags"] else []
        row["advice"] = json.loads(row["advice"]) if row["advice"] else []
        out.append(row)
    return out


@bp.get("/me")
def me():
    athlete_id = session.get("athlete_id")
    if athlete_id is None:
        return redirect(url_for("pages.landing"))
    db = get_db()
    athlete = store.get_athlete(db, athlete_id)
    if athlete is None:
        session.clear()
        return redirect(url_for("pages.landing"))
    units = athlete.get("measurement_preference") or "meters"
    return render_template(
        "me.html",
        athlete=athlete,
        distance=lambda km: distance(km, units),
        flag_labels=FLAG_LABELS,
        activities=_notes(db, athlete_id),
        soreness=store.soreness_for(db, athlete_id)[-30:],
        problem=request.args.get("problem"),
    )


@bp.post("/me/settings")
def settings():
    """The runner's choice: a note only when it matters (auto), or on every activity."""
    athlete_id = session.get("athlete_id")
    if athlete_id is None:
        return redirect(url_for("pages.landing"))
    mode = request.form.get("note_mode", "")
    if mode not in ("auto", "always"):
        return render_template("error.html", title="Not saved", message="Choose when you want a note."), 400
    services = current_app.extensions["rhomboid"]
    store.set_note_mode(get_db(), athlete_id, mode, now=services.clock())
    return redirect(url_for("pages.me"))


@bp.post("/me/delete")
def delete_my_data():
    athlete_id = session.get("athlete_id")
    if athlete_id is not None:
        services = current_app.extensions["rhomboid"]
        try:
            services.strava.deauthorize(athlete_id)
        except Exception:  # revoke is best effort: our copy goes regardless
            current_app.logger.warning("could not revoke Strava access for %s", athlete_id)
        store.delete_athlete(get_db(), athlete_id)
    session.clear()
    return render_template("deleted.html")
