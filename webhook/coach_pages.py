"""The coach's pages: the dashboard, one runner's detail, settings and leaving.

A coach sees only runners who consented and have not revoked; any other
runner's page is a 404, the same answer as for a runner who does not exist,
so ids cannot be probed. What is shown is Rhomboid's own words and numbers
(notes as posted, flags, advice levels, charts), never the words of a
runner's private note.
"""

from __future__ import annotations

import json
from datetime import timedelta

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from webhook import charts, runner_view, store
from webhook.coach_access import signed_in_coach
from webhook.db import epoch_s, get_db

bp = Blueprint("coach_pages", __name__, url_prefix="/coach")

TREND_DAYS = 28
URGENT_OPEN_DAYS = 7


def _services():
    return current_app.extensions["rhomboid"]


def _coach_or_login():
    coach = signed_in_coach()
    if coach is None:
        return None, redirect(url_for("coach_access.login"))
    return coach, None


def _urgent_rows(db, coach_id: int, athlete_id: int, since_s: int) -> list[dict]:
    """Urgent alerts of the last days about this runner, one per activity."""
    seen, out = set(), []
    for (payload,) in db.execute(
        "SELECT payload FROM outbox WHERE coach_id = ? AND athlete_id = ? AND level = 'urgent' "
        "AND created_at >= ? AND status != 'dead' ORDER BY created_at DESC",
        [coach_id, athlete_id, since_s],
    ):
        data = json.loads(payload or "{}")
        if data.get("activity_id") in seen:
            continue
        seen.add(data.get("activity_id"))
        out.append({"summary": data.get("summary") or "Warning signs reported"})
    return out


@bp.get("")
def dashboard():
    coach, response = _coach_or_login()
    if response is not None:
        return response
    db = get_db()
    now = _services().clock()
    today = now.date()
    rows = []
    for runner in store.runners_for(db, coach["id"]):
        athlete = store.get_athlete(db, runner["id"])
        last = db.execute(
            "SELECT name, day, sport_type FROM activities WHERE athlete_id = ? ORDER BY start_local DESC LIMIT 1",
            [runner["id"]],
        ).fetchone()
        notes = runner_view.notes(db, runner["id"], limit=1)
        reports = store.soreness_for(db, runner["id"], since=today - timedelta(days=TREND_DAYS))
        trend = charts.soreness_svg(charts.soreness_series(reports, today, TREND_DAYS), today, TREND_DAYS,
                                    salt=f"t{runner['id']}", small=True)
        rows.append({
            "athlete": athlete,
            "last": {"name": last[0], "day": last[1], "sport": last[2]} if last else None,
            "note": notes[0] if notes else None,
            "trend": trend,
            "urgent": _urgent_rows(db, coach["id"], runner["id"], epoch_s(now) - URGENT_OPEN_DAYS * 86400),
        })
    return render_template("coach_dashboard.html", coach=coach, rows=rows)


@bp.get("/runners/<int:athlete_id>")
def runner(athlete_id: int):
    coach, response = _coach_or_login()
    if response is not None:
        return response
    db = get_db()
    if not store.runner_shares_with(db, coach["id"], athlete_id):
        abort(404)
    athlete = store.get_athlete(db, athlete_id)
    today = _services().clock().date()
    return render_template(
        "coach_runner.html", coach=coach, athlete=athlete,
        charts=runner_view.runner_charts(db, athlete, today), notes=runner_view.notes(db, athlete_id, limit=20),
    )


@bp.post("/runners/<int:athlete_id>/leave")
def leave(athlete_id: int):
    """The coach stops coaching this runner: the same as the runner removing them."""
    coach, response = _coach_or_login()
    if response is not None:
        return response
    store.revoke(get_db(), athlete_id, coach["id"], _services().clock())
    return redirect(url_for("coach_pages.settings"))


@bp.get("/settings")
def settings():
    coach, response = _coach_or_login()
    if response is not None:
        return response
    return _settings_page(coach)


def _settings_page(coach: dict, problem: str | None = None, status: int = 200, form: dict | None = None):
    db = get_db()
    return render_template(
        "coach_settings.html", coach=coach, form=form or coach, problem=problem,
        runners=store.runners_for(db, coach["id"]), hours=range(24),
    ), status


@bp.post("/settings")
def save_settings():
    coach, response = _coach_or_login()
    if response is not None:
        return response
    form = {name: request.form.get(name, "").strip() for name in
            ("email", "webhook_url", "slack_url", "timezone", "digest_hour", "quiet_hours")}
    try:
        digest_hour, quiet_hours = int(form["digest_hour"] or -1), int(form["quiet_hours"] or -1)
    except ValueError:
        return _settings_page(coach, "The digest hour and quiet period are whole numbers.", 400, form)
    if not (form["email"] or form["webhook_url"] or form["slack_url"]):
        return _settings_page(coach, "Keep at least one channel, or alerts have nowhere to go.", 400, form)
    try:
        store.update_settings(
            get_db(), coach["id"], email=form["email"], webhook_url=form["webhook_url"], slack_url=form["slack_url"],
            timezone=form["timezone"] or "UTC", digest_hour=digest_hour, quiet_hours=quiet_hours,
        )
    except ValueError as error:
        message = str(error)
        return _settings_page(coach, message[0].upper() + message[1:], 400, form)
    return redirect(url_for("coach_pages.settings"))
