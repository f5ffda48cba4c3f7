"""The soreness check-in: ``/checkin/<signed>`` for one activity of one runner.

The link is signed (itsdangerous, 14 days) for the athlete and the activity,
so it can sit in a public Strava note: it opens nothing without the runner's
own session. With no session the runner signs in with Strava and comes back
to the form. An answer is a soreness report with source ``checkin`` for the
activity's day; the activity is then assessed again through the same path as
a webhook event (:func:`webhook.processing.assess_and_note`), which replaces
its note block on Strava.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from connector.strava import StravaError
from insights.soreness import QUALIFIERS, RED_FLAGS
from webhook import links, store
from webhook.db import get_db
from webhook.pages import signed_in_athlete

bp = Blueprint("checkin", __name__)

QUALIFIER_QUESTIONS = {
    "worse_on_waking": "It is worse when I wake up",
    "worse_on_deep_breath": "It hurts more when I take a deep breath",
    "sharp": "It is sharp or stabbing",
    "night_or_rest": "It hurts at night or when I am resting",
    "not_eased_by_rest": "Rest does not ease it",
}
RED_FLAG_QUESTIONS = {
    "chest_pain": "Pain, pressure or tightness in my chest",
    "breathless": "I get short of breath more easily than usual",
    "radiating_pain": "The pain spreads to my arm, jaw or neck",
    "sweating_or_nausea": "I sweat or feel sick with the pain",
    "coughing_blood": "I have coughed up blood",
    "numbness_or_weakness": "Numbness, tingling or weakness in my arms or legs",
    "fever": "I have a fever or feel feverish",
    "after_fall": "The pain started after a fall or a crash",
    "weight_loss": "I have lost weight without trying",
}
assert set(QUALIFIER_QUESTIONS) == set(QUALIFIERS) and set(RED_FLAG_QUESTIONS) == set(RED_FLAGS)


def _services():
    return current_app.extensions["rhomboid"]


def _open(signed: str):
    """(athlete_id, activity) for a valid link, or a response that says why not."""
    services = _services()
    try:
        athlete_id, activity_id = links.unsign(services.config.secret_key, links.CHECKIN, signed, services.clock())
    except (links.LinkInvalid, ValueError, TypeError) as error:
        expired = getattr(error, "expired", False)
        message = ("This check-in link is more than 14 days old. Your next note after a jump in load brings a new one."
                   if expired else "This check-in link is not valid.")
        return None, (render_template("error.html", title="Check-in link not valid", message=message, retry=False),
                      410 if expired else 404)
    athlete = signed_in_athlete()
    if athlete is None:
        return None, redirect(url_for("auth.start", next=url_for("checkin.form", signed=signed)))
    activity = store.get_activity(get_db(), int(activity_id))
    if athlete["id"] != int(athlete_id) or activity is None or store.activity_owner(get_db(), activity.id) != athlete["id"]:
        message = "This check-in belongs to another Strava account (or its activity was deleted)."
        return None, (render_template("error.html", title="Not your check-in", message=message, retry=False), 403)
    return (athlete, activity), None


def _render(signed: str, activity, answer: dict, problem: str | None = None, status: int = 200):
    return render_template(
        "checkin.html", signed=signed, activity=activity, answer=answer, problem=problem,
        qualifiers=QUALIFIER_QUESTIONS, red_flags=RED_FLAG_QUESTIONS,
    ), status


@bp.get("/checkin/<signed>")
def form(signed: str):
    opened, response = _open(signed)
    if response is not None:
        return response
    return _render(signed, opened[1], {})


@bp.post("/checkin/<signed>")
def submit(signed: str):
    opened, response = _open(signed)
    if response is not None:
        return response
    athlete, activity = opened
    sore = request.form.get("sore")
    answer = {
        "sore": sore,
        "severity": request.form.get("severity", "").strip(),
        "qualifiers": [q for q in request.form.getlist("qualifier") if q in QUALIFIERS],
        "red_flags": [f for f in request.form.getlist("red_flag") if f in RED_FLAGS],
    }
    if sore not in ("yes", "no"):
        return _render(signed, activity, answer, "Say whether your upper back is sore.", 400)
    severity = None
    if answer["severity"]:
        try:
            severity = int(answer["severity"])
        except ValueError:
            severity = -1
        if not 0 <= severity <= 10:
            return _render(signed, activity, answer, "Rate it from 0 (nothing) to 10 (the worst you can imagine).", 400)
    services = _services()
    db = get_db()
    now = services.clock()
    store.save_soreness(
        db, athlete["id"], day=activity.day, source="checkin", sore=sore == "yes" and severity != 0,
        severity=severity if sore == "yes" else 0, qualifiers=answer["qualifiers"] if sore == "yes" else [],
        red_flags=answer["red_flags"], reported_at=now,
    )
    from webhook.processing import assess_and_note  # the worker's own path, so both write the same note

    try:
        assess_and_note(services, db, athlete, activity.id)
    except StravaError as error:  # the answer is kept; the next event of this runner assesses again
        current_app.logger.warning("check-in for activity %s saved, note not updated: %s", activity.id, error)
    return redirect(url_for("checkin.thanks", signed=signed))


@bp.get("/checkin/<signed>/thanks")
def thanks(signed: str):
    opened, response = _open(signed)
    if response is not None:
        return response
    athlete, activity = opened
    saved = store.get_note(get_db(), activity.id)
    note = (saved or {}).get("note")
    answered = any(r["source"] == "checkin" for r in store.soreness_for(get_db(), athlete["id"], since=activity.day,
                                                                          until=activity.day))
    return render_template("checkin_done.html", activity=activity, note=note, answered=answered)
