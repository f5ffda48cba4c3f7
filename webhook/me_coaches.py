"""The runner's coaches, from /me: invite one by name and e-mail, remove one.

Inviting is the runner's consent; the coach gets an e-mail with a signed
link (7 days) to ``/coach/accept/<signed>``, and accepting is the coach's.
Removing ends the coach's access at once and drops alerts still queued for
them about this runner.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, request, url_for

from webhook import links, mail, store
from webhook.db import get_db
from webhook.pages import render_me, signed_in_athlete

bp = Blueprint("me_coaches", __name__)


def invitation_email(runner: str, coach: str, url: str) -> tuple[str, str]:
    subject = f"{runner} invites you to follow their running on Rhomboid"
    body = (
        f"Hi {coach},\n\n"
        f"{runner} uses Rhomboid, which watches their Strava runs for jumps in load and upper-back soreness, "
        f"and would like you to get alerts when they need attention, and to see their charts and notes.\n\n"
        f"Accept the invitation (the link works for 7 days):\n{url}\n\n"
        f"If you do not know {runner}, ignore this e-mail: nothing is shared until you accept, and "
        f"{runner} can stop sharing at any time.\n"
    )
    return subject, body


@bp.post("/me/coaches")
def invite():
    athlete = signed_in_athlete()
    if athlete is None:
        return redirect(url_for("pages.landing"))
    services = current_app.extensions["rhomboid"]
    name = " ".join(request.form.get("name", "").split())[:80]
    email = request.form.get("email", "").strip()
    form = {"name": name, "email": email}
    if not name:
        return render_me(athlete, 400, problem="Give your coach's name.", form=form)
    db = get_db()
    now = services.clock()
    try:
        coach = store.add_coach(db, name, email=email or None, now=now)
    except ValueError:
        coach = None
    if coach is None or not coach["email"]:
        return render_me(athlete, 400, problem="Give your coach's e-mail address, like coach@example.com.", form=form)
    token = store.invite_coach(db, athlete["id"], coach["id"], now)
    config = services.config
    signed = links.sign(config.secret_key, links.COACH_INVITE, token, now)
    url = f"{config.base_url}{url_for('coach_access.accept', signed=signed)}"
    subject, body = invitation_email(athlete.get("firstname") or "A runner", name, url)
    problem = mail.send_now(config, coach["email"], subject, body)
    if problem is not None:
        store.revoke(db, athlete["id"], coach["id"], now)
        return render_me(athlete, 502, problem=f"The invitation e-mail could not be sent ({problem}). Try again later.",
                         form=form)
    return redirect(url_for("pages.me") + "#coaches")


@bp.post("/me/coaches/<int:coach_id>/remove")
def remove(coach_id: int):
    athlete = signed_in_athlete()
    if athlete is None:
        return redirect(url_for("pages.landing"))
    services = current_app.extensions["rhomboid"]
    store.revoke(get_db(), athlete["id"], coach_id, services.clock())
    return redirect(url_for("pages.me") + "#coaches")
