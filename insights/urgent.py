"""Red-flag notes, worded in proportion, and the follow-up line after one.

As the NHS words it: chest pain, pressure or tightness, breathlessness, pain
spreading to the arm, jaw or neck, sweating or nausea with the pain, coughing
blood and pain after a fall or crash mean *get emergency help now*; fever,
unexplained weight loss and numbness, tingling or weakness mean *see a doctor
today*. Neither note carries a training cue.

Privacy: a red flag found only in the private note never shows in the public
description, not even as "something in your private note". Unless the activity
is visible only to its runner, the public note then says only that Rhomboid has
an urgent message for them today, with the link to their page, where the
message is in full.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Iterable, Sequence

from insights.soreness import RED_FLAG_LABELS

DISCLAIMER = "Not medical advice."
EMERGENCY = frozenset({"chest_pain", "breathless", "radiating_pain", "sweating_or_nausea", "coughing_blood",
                       "after_fall"})
DOCTOR_TODAY = frozenset({"fever", "weight_loss", "numbness_or_weakness"})
# what each level asks of the runner, in the words every message (the note, a coach's alert) uses
ACTIONS = {"emergency": "get emergency help now", "doctor_today": "see a doctor today"}
FOLLOW_UP_DAYS = 7


def urgency(red_flags: Iterable[str]) -> str | None:
    """"emergency", "doctor_today" or None: the most urgent of the red flags."""
    flags = set(red_flags)
    if flags & EMERGENCY:
        return "emergency"
    if flags & DOCTOR_TODAY:
        return "doctor_today"
    return None


def urgent_text(red_flags: Sequence[str]) -> str:
    """The full urgent note: what the runner mentioned and what to do, nothing about training."""
    found = "; ".join(RED_FLAG_LABELS[f] for f in red_flags)
    if urgency(red_flags) == "emergency":
        action = (f"Please {ACTIONS['emergency']}: call your local emergency number (999, 112 or 911). "
                  "Don't run again until a doctor has checked you.")
    else:
        action = (f"Please {ACTIONS['doctor_today']} (your GP, or an urgent care service if you can't get an "
                  "appointment), and don't train until you've been checked. If you get chest pain or "
                  "can't catch your breath, call your emergency number.")
    return f"You mentioned: {found}.\n{action}\n{DISCLAIMER}"


def urgent_stub(me_url: str | None) -> str:
    """What the public description says when the urgent message may not be public."""
    where = me_url or "your Rhomboid page (/me)"
    return f"Rhomboid has an urgent message for you today: {where}\nPlease read it before you train again.\n{DISCLAIMER}"


def recent_urgent_day(urgent_at: Iterable[datetime], start_local: datetime, day: date) -> date | None:
    """The latest earlier urgent note within ``FOLLOW_UP_DAYS`` days before this activity, if any."""
    earlier = [at for at in urgent_at if at < start_local and (day - at.date()) <= timedelta(days=FOLLOW_UP_DAYS)]
    return max(earlier).date() if earlier else None


def follow_up_line(urgent_day: date, day: date) -> str:
    when = "earlier today" if urgent_day == day else f"on {urgent_day.strftime('%A')}"
    return (f"Rhomboid sent you an urgent message {when}: please make sure you have been checked "
            "before you train hard.")
