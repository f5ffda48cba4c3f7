"""How a coach gets in: accepting a runner's invitation, and one-time e-mail sign-in.

A coach needs no Strava account. The coach's session is a cookie of its own
(``rhomboid_coach``, signed with its own salt), separate from the runner's
session: signing in as one never makes a browser the other, and signing
out of one leaves the other alone.

- ``/coach/accept/<signed>``: the invitation link (7 days). GET only shows
  it (mail scanners follow links); accepting is a POST, the coach's consent.
- ``/coach/login``: asks for the address and e-mails a link (15 minutes,
  single use) if the address has a coach account; the page says the same
  either way, so it cannot be used to find out who coaches here.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from webhook import links, mail, store
from webhook.db import get_db

bp = Blueprint("coach_access", __name__, url_prefix="/coach")

COOKIE = "rhomboid_coach"
SESSION_DAYS = 30


def _services():
    return current_app.extensions["rhomboid"]


def _cookie_signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_services().config.secret_key, salt="rhomboid-coach-session")


def signed_in_coach() -> dict | None:
    """The coach of this browser's coach session, or None."""
    if "coach" in g:
        return g.coach
    g.coach = None
    token = request.cookies.get(COOKIE)
    if token:
        try:
            coach_id = _cookie_signer().loads(token, max_age=SESSION_DAYS * 86400)
        except BadSignature:
            coach_id = None
        if isinstance(coach_id, int):
            g.coach = store.get_coach(get_db(), coach_id)
    return g.coach


def _signed_in(response, coach_id: int):
    """Start the coach's session on ``response``."""
    https = _services().config.base_url.startswith("https://")
    response.set_cookie(
        COOKIE, _cookie_signer().dumps(coach_id), max_age=int(timedelta(days=SESSION_DAYS).total_seconds()),
        httponly=True, secure=https, samesite="Lax", path="/",
    )
    return response


def _invalid(title: str, message: str, status: int):
    return render_template("error.html", title=title, message=message, retry=False), status


@bp.get("/accept/<signed>")
def accept(signed: str):
    invite = _invitation(signed)
    if isinstance(invite, tuple):
        return invite
    runner = store.get_athlete(get_db(), invite["athlete_id"])
    coach = store.get_coach(get_db(), invite["coach_id"])
    return render_template("coach_accept.html", signed=signed, runner=runner, coach=coach)


@bp.post("/accept/<signed>")
def accept_post(signed: str):
    invite = _invitation(signed)
    if isinstance(invite, tuple):
        return invite
    accepted = store.accept_invitation(get_db(), invite["token"], _services().clock())
    if accepted is None:
        return _invalid("Invitation withdrawn", "This invitation is no longer open.", 410)
    return _signed_in(redirect(url_for("coach_pages.dashboard")), accepted[0])


def _invitation(signed: str) -> dict | tuple:
    services = _services()
    try:
        token = links.unsign(services.config.secret_key, links.COACH_INVITE, signed, services.clock())
    except links.LinkInvalid as error:
        if error.expired:
            return _invalid("Invitation expired", "This invitation is more than 7 days old. Ask the runner to "
                                                  "invite you again from their page.", 410)
        return _invalid("Invitation not valid", "This invitation link is not valid.", 404)
    link = store.link_for_invite(get_db(), str(token))
    if link is None:
        return _invalid("Invitation withdrawn", "This invitation is no longer open: the runner removed it, or "
                                                "it was already accepted. Sign in to see your runners.", 410)
    return {**link, "token": str(token)}


@bp.get("/login")
def login():
    return render_template("coach_login.html", sent=False)


@bp.post("/login")
def login_post():
    services = _services()
    email = request.form.get("email", "").strip()
    db = get_db()
    coach_id = store.coach_for_sign_in(db, email)
    if coach_id is not None:
        url = sign_in_url(services.config, db, coach_id, services.clock())
        mail.send_now(
            services.config, email, "Your Rhomboid sign-in link",
            f"Sign in to Rhomboid's coach pages (the link works once, for 15 minutes):\n{url}\n\n"
            "If you did not ask for it, ignore this e-mail.\n",
        )
    return render_template("coach_login.html", sent=True)


@bp.get("/login/<signed>")
def sign_in(signed: str):
    """Follow the e-mailed link: it signs the coach in once, then never again."""
    payload = _login_payload(signed)
    services = _services()
    if payload is None or not store.use_sign_in(get_db(), payload[1], payload[0], services.clock()):
        return _invalid("Sign-in link not valid", "This sign-in link has expired or was already used. "
                                                  "Ask for a new one.", 410)
    return _signed_in(redirect(url_for("coach_pages.dashboard")), payload[0])


def sign_in_url(config, db, coach_id: int, now) -> str:
    """A fresh one-time sign-in link for a coach (e-mailed, or printed by the demo)."""
    nonce = store.new_sign_in(db, coach_id, now)
    signed = links.sign(config.secret_key, links.COACH_LOGIN, [coach_id, nonce], now)
    return f"{config.base_url}/coach/login/{signed}"


def _login_payload(signed: str) -> tuple[int, str] | None:
    services = _services()
    try:
        coach_id, nonce = links.unsign(services.config.secret_key, links.COACH_LOGIN, signed, services.clock())
    except (links.LinkInvalid, ValueError, TypeError):
        return None
    return int(coach_id), str(nonce)


@bp.post("/signout")
def sign_out():
    response = redirect(url_for("coach_access.login"))
    response.delete_cookie(COOKIE, path="/")
    return response
