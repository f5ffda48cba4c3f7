"""The coach's daily digest: when it is due, what it holds, and what it leaves out.

- **When.** Each coach chooses the hour in their own time zone
  (``/coach/settings``); the digest collects the items queued by the latest
  such hour at or before now. Daylight-saving changes move the UTC instant,
  never the coach's local hour.
- **Quiet period.** A coach may ask not to hear the same thing again about
  the same runner within some hours: a non-urgent item about a runner the
  coach had an alert of the same level about within the quiet period is left
  out (and recorded as such). Urgent alerts are never held back, and an
  urgent alert does not hide a later physio warning: that is news.
- **What.** One message per coach per channel, by runner; the e-mail carries
  each runner's chart (the same matplotlib figure as ``/me``) as a PNG.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from connector.alerts import Alert
from webhook.db import epoch_s

LEVEL_ORDER = ("info", "warning", "urgent")
DEFAULT_HOUR = 18
DISCLAIMER = "Rhomboid is a training companion, not a medical service: this is not medical advice."


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def digest_cutoff(now: datetime | float, digest_hour: int = DEFAULT_HOUR, tz: str | None = None) -> datetime:
    """The latest digest time at or before ``now``, at ``digest_hour`` on the
    clock of time zone ``tz`` (UTC by default), as an aware UTC datetime."""
    if not 0 <= digest_hour <= 23:
        raise ValueError(f"the digest hour must be 0-23, not {digest_hour!r}")
    local_zone = zone(tz)
    moment = datetime.fromtimestamp(epoch_s(now), timezone.utc).astimezone(local_zone)
    local = moment.replace(hour=digest_hour, minute=0, second=0, microsecond=0)
    if local > moment:
        local = (local - timedelta(days=1)).replace(hour=digest_hour)
    # normalise through UTC: a nonexistent local hour (spring forward) lands on a real instant
    return local.astimezone(timezone.utc)


def held_back(db, coach: dict, row: dict, now_s: int) -> bool:
    """True when the coach's quiet period covers this non-urgent item: an alert
    of the same level about the same runner went to this coach on this
    channel within the quiet period."""
    hours = int(coach.get("quiet_hours") or 0)
    if hours <= 0 or row["level"] == "urgent":
        return False
    found = db.execute(
        "SELECT 1 FROM outbox WHERE coach_id = ? AND athlete_id = ? AND channel = ? AND status = 'sent' "
        "AND level = ? AND sent_at > ? AND id != ? LIMIT 1",
        [row["coach_id"], row["athlete_id"], row["channel"], row["level"], now_s - hours * 3600, row["id"]],
    ).fetchone()
    return found is not None


def first_name(value) -> str:
    words = " ".join(str(value or "").split()).split(" ")
    return words[0] if words[0] else "Your runner"


def compose(coach: dict, channel: str, rows: list[dict], cutoff: datetime, charts: dict[int, bytes]) -> Alert | str:
    """One message for all of a coach's waiting items on a channel, by runner."""
    address = coach.get({"email": "email", "webhook": "webhook_url", "slack": "slack_url"}[channel])
    if not address:
        return f"the coach no longer has a {channel} address"
    level = max((row["level"] for row in rows), key=LEVEL_ORDER.index)
    by_runner: dict[int, list[dict]] = {}
    for row in rows:
        by_runner.setdefault(row["athlete_id"], []).append(row)
    names = [by_runner[a][0]["payload"].get("runner", {}).get("firstname") or "Your runner" for a in by_runner]
    local_day = cutoff.astimezone(zone(coach.get("timezone")))
    day = f"{local_day.day} {local_day:%B}"
    count = f"{len(rows)} update{'s' if len(rows) != 1 else ''}"
    subject = f"Rhomboid daily digest, {day}: {count} on {_join(names)}"
    greeting = f"Hi {first_name(coach.get('name')) if coach.get('name') else 'there'},"
    lines = [greeting, "", f"Here is how the runners who share with you are doing ({count}):"]
    for athlete_id, name in zip(by_runner, names):
        lines += ["", name]
        for row in by_runner[athlete_id]:
            lines.append(f"- {row['payload'].get('summary') or row['subject']}")
            note_text = (row["payload"].get("note_text") or "").strip()
            lines += [f"    {line}".rstrip() for line in note_text.splitlines()]
        if channel == "email" and athlete_id in charts:
            lines.append(f"    (attached: {name}'s weekly distance and soreness chart)")
    lines += ["", DISCLAIMER, "Each runner chose to share with you and can stop at any time."]
    payload = {
        "kind": "digest",
        "id": f"digest:{rows[0]['coach_id']}:{channel}:{cutoff.date().isoformat()}",
        "date": local_day.date().isoformat(),
        "items": [{**row["payload"], "level": row["level"]} for row in rows],
    }
    attachments = ()
    if channel == "email":
        attachments = tuple(
            (f"rhomboid-{_slug(name)}-{athlete_id}.png", "image/png", charts[athlete_id])
            for athlete_id, name in zip(by_runner, names) if athlete_id in charts
        )
    return Alert(to=address, channel=channel, level=level, subject=subject, body="\n".join(lines) + "\n",
                 payload=payload, attachments=attachments, signing_secret=coach.get("signing_secret"))


def runner_chart_png(db, athlete_id: int, today) -> bytes | None:
    """The runner's chart as on /me, as a PNG (None if the runner is gone)."""
    from webhook import charts, runner_view, store  # matplotlib only when a digest e-mail goes out

    athlete = store.get_athlete(db, athlete_id)
    if athlete is None:
        return None
    weeks, days, unit = runner_view.chart_data(db, athlete, today)
    return charts.runner_png(weeks, unit, days, today)


def _slug(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum()) or "runner"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
