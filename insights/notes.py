"""The note text, as the runner reads it on their activity.

Short enough for a phone, kind, specific, and honest about what the numbers
can and cannot say: "associated with", never "caused"; ACWR is context, not a
verdict; posture is never the only suspect; and every note says it is not
medical advice. A note with red flags says one thing only: get checked now.
"""

from __future__ import annotations

from datetime import date

from insights.association import Association
from insights.history import PHYSIO_REASONS, SorenessState
from insights.intensity import MEASURE_LABELS, Intensity
from insights.load import LoadMetrics
from insights.soreness import RED_FLAG_LABELS

KM_PER_MILE = 1.609344
DISCLAIMER = "Not medical advice."

CUES = {
    "warmup": "Warm up 5–10 min: easy jog, arm circles, shoulder rolls, thoracic rotations.",
    "form": "Run relaxed: shoulders low, arms beside you not across, elbows by your hips; "
    "shake out your arms, change position often.",
    "breathing": "Breathe slower and deeper; ease the pace when breathing gets shallow.",
    "mobility_strength": "Twice a week: thoracic mobility, lower-trap and rhomboid strength, "
    "foam roller or a ball against a wall.",
    "desk": "Sitting a lot can add to it: stand up every 30–60 min, do a chest opener.",
    "recovery": "Heat or ice, self-massage; swap a run for a swim or ride while it settles.",
}


def distance(km: float, units: str) -> str:
    """A distance in the runner's units (Strava's measurement_preference)."""
    if units == "feet":
        return f"{km / KM_PER_MILE:.1f} mi"
    return f"{km:.1f} km"


def _percent(change: float) -> str:
    return f"{change * 100:+.0f}%"


def _numbers(km: float, metrics: LoadMetrics, intensity: Intensity, flags: tuple[str, ...], units: str) -> list[str]:
    lines = []
    if "long_run_spike" in flags and metrics.longest_recent_km:
        lines.append(
            f"This run: {distance(km, units)}, {metrics.longest_run_change * 100:.0f}% longer than "
            f"your longest of the last 30 days ({distance(metrics.longest_recent_km, units)})."
        )
    if "week_spike" in flags or ("long_run_spike" not in flags and metrics.prev_week_km > 0):
        change = f" ({_percent(metrics.week_change)})" if metrics.week_change is not None else ""
        lines.append(
            f"This week: {distance(metrics.week_km, units)} vs "
            f"{distance(metrics.prev_week_km, units)} the week before{change}."
        )
    elif not lines:
        lines.append(f"This week: {distance(metrics.week_km, units)}.")
    if "intensity_spike" in flags and intensity.change is not None:
        lines.append(
            f"Effort: {MEASURE_LABELS[intensity.measure]} {intensity.change * 100:.0f}% above "
            f"your 28-day average."
        )
    if "acwr_high" in flags:
        lines.append(f"Acute:chronic load {metrics.acwr:.2f}: context, not a verdict.")
    return lines


def _weekday(day: date) -> str:
    return day.strftime("%A")


def _soreness(state: SorenessState, public: SorenessState, spiked: bool) -> str | None:
    today = public.today
    if state.today.sore != today.sore:  # only the private note says so: say nothing of what it says
        return "Thanks for your private check-in on your upper back."
    if today.sore:
        rating = f" ({today.severity}/10)" if today.severity is not None else ""
        # answered days, not calendar days: "sore on the 17th and 19th" is 2 reports, not "2 days running"
        running = f", {public.days_running} sore reports in a row" if public.days_running > 1 else ""
        after = ", after a jump in load" if spiked else ""
        return f"Upper back sore today{rating}{running}{after}."
    if today.sore is False and state.recent_sore_day:
        return f"Good to hear your upper back is fine today (sore on {_weekday(state.recent_sore_day)})."
    if state.recent_sore_day:
        return (
            f"Your upper back was sore on {_weekday(state.recent_sore_day)}. "
            "How is it? Add #upperback 0-10 to the title."
        )
    return None


def _association(association: Association | None) -> str | None:
    if association is None:
        return None
    a = association
    counts = (
        f"sore {a.sore_after_spike} of {a.sore_after_spike + a.fine_after_spike} times after a jump "
        f"vs {a.sore_otherwise} of {a.sore_otherwise + a.fine_otherwise} otherwise"
    )
    if a.relative_risk > 1.2:
        return f"Your tags: soreness is associated with load jumps ({counts})."
    return f"Your tags: soreness is not clearly associated with load jumps ({counts}); other factors may matter more."


def _physio(state: SorenessState, public: SorenessState) -> str:
    """The reasons to see a physio, each with the numbers the public texts show; a reason that only
    the private note gives is named as such, never quoted."""
    details = {"sore_days_14": public.sore_days_14, "severity": public.today.severity,
               "days_running": public.days_running}
    reasons = [PHYSIO_REASONS[r].format(**details) for r in state.physio_reasons if r in public.physio_reasons]
    if len(reasons) < len(state.physio_reasons):
        if not reasons:
            return "Please see a physio or GP about what your private note says."
        reasons.append("also what your private note says")
    return f"Please see a physio or GP: {'; '.join(reasons)}."


def _reduce_load(metrics: LoadMetrics, flags: tuple[str, ...], units: str) -> str:
    # the cap is the week before the jump: this week may be the jump itself
    cap_km = min(metrics.week_km, metrics.prev_week_km) if metrics.prev_week_km > 0 else metrics.week_km
    if {"week_spike", "long_run_spike", "acwr_high"} & set(flags) and cap_km > 0:
        return (
            f"Take 1–2 easy or rest days; keep next week under {distance(cap_km, units)} "
            "and build back gradually."
        )
    return "Take 1–2 easy or rest days, then build back gradually."


def urgent_text(state: SorenessState, public: SorenessState | None = None) -> str:
    """The red-flag note. It names only the red flags the public texts show: the
    note is public, and a private note may say what its runner tells no one else."""
    shown = (public or state).today.red_flags
    hidden = any(f not in shown for f in state.today.red_flags)
    if shown:
        found = "; ".join(RED_FLAG_LABELS[f] for f in shown)
        more = " (and more in your private note)" if hidden else ""
        opening = f"You mentioned: {found}{more}. That needs a doctor's check today"
    else:
        opening = "Something in your private note needs a doctor's check today"
    return (
        f"{opening}: please get urgent medical help now (call your local emergency number if it is severe "
        "or getting worse). Please don't train until you've been checked.\n" + DISCLAIMER
    )


def render_note(
    *,
    distance_km: float,
    metrics: LoadMetrics,
    intensity: Intensity,
    flags: tuple[str, ...],
    state: SorenessState,
    advice: list[str],
    association: Association | None,
    units: str = "meters",
    sex: str | None = None,
    public: SorenessState | None = None,
) -> str:
    """The note for one activity: why (the numbers), then what to do.

    ``state`` (every source, the private note included) decides; ``public``
    (the same without this activity's private note) is what the text may quote.
    """
    public = public or state
    if "urgent_care" in advice:
        return urgent_text(state, public)
    lines = _numbers(distance_km, metrics, intensity, flags, units)
    for extra in (_soreness(state, public, bool(flags)), _association(association)):
        if extra:
            lines.append(extra)
    # one possible factor among several, named where soreness recurs, never the explanation
    bra = (sex or "").upper().startswith("F") and bool(state.today.sore) and state.sore_days_14 >= 2
    for code in advice:
        if code == "see_physio":
            lines.append(_physio(state, public))
        elif code == "reduce_load":
            lines.append("• " + _reduce_load(metrics, flags, units))
        elif code in ("form", "mobility_strength") and bra:
            lines.append("• " + CUES[code] + " A well-fitting sports bra helps too.")
            bra = False
        else:
            lines.append("• " + CUES[code])
    if bra:
        lines.append("• A well-fitting sports bra is one more thing worth checking.")
    soreness_matters = bool(state.today.sore) or state.recent_sore_day is not None
    ending = " See a physio if it lasts or gets worse." if soreness_matters and "see_physio" not in advice else ""
    lines.append(DISCLAIMER + ending)
    return "\n".join(lines)
