"""Which alert a note calls for, and its words: pure, no I/O.

========  ==========================================================
urgent    the note's advice has ``urgent_care`` (red flags)
warning   the advice has ``see_physio``
info      soreness reported together with a spike flag, or soreness
          reported on 3 or more of the last 7 days
========  ==========================================================

and nothing otherwise. Each coach the runner consented to gets one alert per
channel they have (email, webhook, Slack). An urgent alert names the kind of
warning sign and, in proportion as the runner's note does (insights.urgent),
whether Rhomboid told them to get emergency help now or to see a doctor today;
never the runner's words or the note (which may repeat what only the private
note or a check-in said).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from insights.soreness import RED_FLAG_LABELS
from insights.urgent import ACTIONS, urgency
from webhook.digest import DISCLAIMER

REPEATED_SORE_DAYS = 3  # of the last 7: worth a coach's look even without a spike
CHANNEL_FIELDS = {"email": "email", "webhook": "webhook_url", "slack": "slack_url"}

_SPIKES = {
    "long_run_spike": "a run much longer than their recent longest",
    "week_spike": "a big jump in weekly distance",
    "intensity_spike": "a much harder session than usual",
    "acwr_high": "a high recent load compared with their usual",
}
_NEXT_STEP = {
    "emergency": "Please check in with {name} now.",
    "urgent": "Please check in with {name} today.",
    "warning": "You may want to check in with {name} and ease their plan.",
    "info": "Worth keeping an eye on; Rhomboid suggested easing off and building back gradually.",
}


def alert_level(note: Mapping[str, Any] | None, sore_days: int = 0) -> str | None:
    """The alert a note calls for: 'urgent', 'warning', 'info' or None.

    ``sore_days`` is how many of the last 7 days (the note's day included)
    had a sore report."""
    if not note:
        return None
    advice = note.get("advice") or []
    if "urgent_care" in advice:
        return "urgent"
    if "see_physio" in advice:
        return "warning"
    soreness = note.get("soreness") or {}
    if soreness.get("reported") is True and (note.get("flags") or sore_days >= REPEATED_SORE_DAYS):
        return "info"
    return None


def alerts_for_note(
    athlete: Mapping[str, Any],
    activity_id: int,
    note: Mapping[str, Any] | None,
    coaches: Sequence[Mapping[str, Any]],
    sore_days: int = 0,
) -> list[dict]:
    """The alerts a note calls for: one row per consenting coach per channel.

    Pure: it decides, it does not send. Each row has ``to``, ``channel``,
    ``level``, ``subject``, ``body``, ``payload`` (the :class:`Alert` fields),
    plus ``athlete_id``, ``coach_id`` and ``dedup_key`` for the outbox.
    Coaches whose link is not active (``active`` False) get nothing.
    """
    level = alert_level(note, sore_days)
    if level is None:
        return []
    name = _first_name(athlete.get("firstname"))
    summary = _summary(level, name, int(activity_id), note, sore_days)
    payload = _payload(athlete, int(activity_id), level, summary, note)
    rows = []
    for coach in coaches:
        if not coach.get("active", True):
            continue
        for channel, column in CHANNEL_FIELDS.items():
            address = coach.get(column)
            if not address:
                continue
            key = f"alert:{athlete['id']}:{int(activity_id)}:{coach['id']}:{channel}:{level}"
            rows.append(
                {
                    "athlete_id": athlete["id"],
                    "coach_id": coach["id"],
                    "to": address,
                    "channel": channel,
                    "level": level,
                    "subject": _subject(level, name, int(activity_id), note),
                    "body": _body(level, name, summary, note, coach.get("name")),
                    "payload": {**payload, "id": key},
                    "dedup_key": key,
                }
            )
    return rows


def _first_name(firstname: Any) -> str:
    words = " ".join(str(firstname or "").split()).split(" ")
    return words[0] if words[0] else "Your runner"


def _soreness_detail(soreness: Mapping[str, Any]) -> str:
    parts = []
    if soreness.get("severity") is not None:
        parts.append(f"{soreness['severity']}/10")
    if (soreness.get("days_running") or 0) > 1:
        parts.append(f"{soreness['days_running']} days running")
    return f" ({', '.join(parts)})" if parts else ""


def _summary(level: str, name: str, activity_id: int, note: Mapping[str, Any], sore_days: int = 0) -> str:
    soreness = note.get("soreness") or {}
    if level == "urgent":
        labels = [RED_FLAG_LABELS.get(code, code.replace("_", " ")) for code in soreness.get("red_flags") or []]
        found = " and ".join(labels) if labels else "warning signs"
        pain = " with upper-back pain" if soreness.get("reported") else ""
        return f"{name} reported {found}{pain} after their run (activity {activity_id}): {_told(note)}."
    if level == "warning":
        sore = "upper-back soreness" + _soreness_detail(soreness)
        return f"{name} has {sore}, noted on activity {activity_id}: Rhomboid suggested seeing a physio or GP."
    spikes = [_SPIKES.get(flag, flag.replace("_", " ")) for flag in note.get("flags") or []]
    if not spikes:
        return (f"{name} reported upper-back soreness on {sore_days} of the last 7 days{_soreness_detail(soreness)}, "
                f"latest on activity {activity_id}.")
    return (
        f"{name} reported upper-back soreness{_soreness_detail(soreness)} after "
        f"{' and '.join(spikes)} (activity {activity_id})."
    )


def _urgency(note: Mapping[str, Any]) -> str | None:
    """"emergency" or "doctor_today" (insights' proportion of the red flags), None if none are named."""
    return urgency((note.get("soreness") or {}).get("red_flags") or [])


def _told(note: Mapping[str, Any]) -> str:
    """What Rhomboid told the runner to do, in proportion to the warning signs."""
    level = _urgency(note)
    return f"Rhomboid told them to {ACTIONS[level]}" if level else "Rhomboid advised urgent medical help"


def _subject(level: str, name: str, activity_id: int, note: Mapping[str, Any]) -> str:
    if level == "urgent":
        if _urgency(note):
            return f"Urgent: {name} was told to {ACTIONS[_urgency(note)]} (activity {activity_id})"
        return f"Urgent: {name} reported warning signs after a run (activity {activity_id})"
    if level == "warning":
        return f"{name}: Rhomboid suggested seeing a physio (activity {activity_id})"
    if not note.get("flags"):
        return f"{name}: upper-back soreness on several days this week (activity {activity_id})"
    return f"{name}: upper-back soreness after a jump in load (activity {activity_id})"


def _body(level: str, name: str, summary: str, note: Mapping[str, Any], coach_name: Any) -> str:
    step = "emergency" if level == "urgent" and _urgency(note) == "emergency" else level
    lines = [f"Hi {_first_name(coach_name) if coach_name else 'there'},", "", summary, "", _NEXT_STEP[step].format(name=name)]
    if level != "urgent":  # an urgent note may repeat what only the private note said
        lines += _note_lines(name, note)
    lines += ["", DISCLAIMER, _why_you(name)]
    return "\n".join(lines) + "\n"


def _note_lines(name: str, note: Mapping[str, Any]) -> list[str]:
    text = (note.get("text") or "").strip()
    if not text:
        return []
    return ["", f"The note {name} got:"] + [f"  {line}".rstrip() for line in text.splitlines()]


def _why_you(name: str) -> str:
    return f"You get this because {name} invited you and shares their runs with you; they can stop at any time."


def _payload(athlete: Mapping[str, Any], activity_id: int, level: str, summary: str, note: Mapping[str, Any]) -> dict:
    soreness = note.get("soreness") or {}
    return {
        "kind": "alert",
        "runner": {"id": athlete["id"], "firstname": _first_name(athlete.get("firstname"))},
        "activity_id": activity_id,
        "reason": {"urgent": "urgent_care", "warning": "see_physio", "info": "soreness_after_spike"}[level],
        "urgency": _urgency(note) if level == "urgent" else None,  # "emergency" or "doctor_today"
        "summary": summary,
        "advice": list(note.get("advice") or []),
        "flags": list(note.get("flags") or []),
        "soreness": {
            key: soreness.get(key) for key in ("reported", "severity", "days_running", "red_flags")
        },
        "note_text": None if level == "urgent" else note.get("text"),
    }
