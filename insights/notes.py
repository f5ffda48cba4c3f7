"""The note text, as the runner reads it on their activity.

Short enough for a phone (under 700 characters), kind, specific, and honest
about what the numbers can and cannot say: "associated with", never "caused";
ACWR is context, not a verdict; posture is never the only suspect; every piece
of advice says why; and every note says it is not medical advice. A note with
red flags says one thing only: get checked (see :mod:`insights.urgent`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from insights.association import Association
from insights.guidance import LoadGuidance, pain_band
from insights.history import PHYSIO_REASONS, SorenessState
from insights.intensity import MEASURE_LABELS, Intensity
from insights.load import LoadMetrics
from insights.urgent import DISCLAIMER, follow_up_line, urgent_stub, urgent_text

KM_PER_MILE = 1.609344
MAX_CHARS = 700
__all__ = ["DISCLAIMER", "CUES", "NoteContext", "distance", "render_note"]

# each cue says why first, then what
CUES = {
    "warmup": "To ease into the load: warm up 5–10 min with arm circles, shoulder rolls, thoracic rotations.",
    "form": "Tense shoulders load the upper back: run with them low, arms beside you, elbows by your hips.",
    "breathing": "Shallow breathing tightens the upper back: breathe slower and deeper, ease off when it gets shallow.",
    "mobility_strength": "To build capacity: twice a week thoracic mobility, lower-trap and rhomboid strength, "
    "a foam roller.",
    "desk": "Long sitting can add to it (one factor among several): stand up every 30–60 min, do a chest opener.",
    "recovery": "To help it settle: heat or ice, self-massage, or swap a run for a swim or ride.",
}


@dataclass(frozen=True)
class NoteContext:
    """What the note needs beyond the numbers: the runner and the activity's circumstances."""

    units: str = "meters"
    sex: str | None = None
    race: bool = False
    is_run: bool = True
    only_me: bool = False  # the activity is visible to the runner alone
    me_url: str | None = None  # the runner's page, where an urgent message is in full
    checkin_url: str | None = None  # "How is your upper back?" after a spike with no report
    urgent_day: date | None = None  # an urgent note within the last 7 days
    day: date | None = None


def distance(km: float, units: str) -> str:
    """A distance in the runner's units (Strava's measurement_preference)."""
    if units == "feet":
        return f"{km / KM_PER_MILE:.1f} mi"
    return f"{km:.1f} km"


def _percent(change: float) -> str:
    return f"{change * 100:+.0f}%"


def _numbers(km: float, metrics: LoadMetrics, intensity: Intensity, flags: tuple[str, ...], ctx: NoteContext,
             comeback: bool = False) -> list[str]:
    units, lines = ctx.units, []
    what = "This race" if ctx.race else "This run"
    if "long_run_spike" in flags and metrics.longest_recent_km:
        lines.append(
            f"{what}: {distance(km, units)}, {metrics.longest_run_change * 100:.0f}% longer than "
            f"your longest of the last 30 days ({distance(metrics.longest_recent_km, units)})."
        )
    elif ctx.race:
        lines.append(f"{what}: {distance(km, units)}.")
    if "week_spike" in flags or ("long_run_spike" not in flags and metrics.prev_week_km > 0):
        change = f" ({_percent(metrics.week_change)})" if metrics.week_change is not None else ""
        lines.append(
            f"This week: {distance(metrics.week_km, units)} vs "
            f"{distance(metrics.prev_week_km, units)} the week before{change}."
        )
    elif not lines:
        lines.append(f"This week: {distance(metrics.week_km, units)}.")
    if "intensity_spike" in flags and intensity.change is not None and not ctx.race:  # a race is meant to be hard
        lines.append(
            f"Effort: {MEASURE_LABELS[intensity.measure]} {intensity.change * 100:.0f}% above "
            f"your 28-day average."
        )
    if "acwr_high" in flags and not comeback:  # after a break the chronic load is low by definition
        lines.append(f"Acute:chronic load {metrics.acwr:.2f}: context, not a verdict.")
    return lines


def _weekday(day: date) -> str:
    return day.strftime("%A")


def _change(state: SorenessState) -> str:
    """What changed since the last sore report: the rating, and how often lately."""
    today, previous = state.today, state.previous_sore
    parts = []
    if previous and today.severity is not None and previous[1] is not None:
        then = f"{previous[1]}/10 on {_weekday(previous[0])}"
        if today.severity < previous[1]:
            parts.append(f"down from {then}")
        elif today.severity > previous[1]:
            parts.append(f"up from {then}")
        else:
            parts.append(f"same as {then}")
    if 3 <= state.sore_days_14 and "sore_7_of_14" not in state.physio_reasons:  # else the physio line says it
        parts.append(f"sore on {state.sore_days_14} of the last 14 days")
    return "; ".join(parts)


def _soreness(state: SorenessState, public: SorenessState, spiked: bool, race: bool) -> str | None:
    today = public.today
    if state.today.sore != today.sore:  # only a private source (note or check-in) says so: not what, nor where
        return "Thanks for letting Rhomboid know how your upper back is."
    if today.sore:
        rating = f" ({today.severity}/10)" if today.severity is not None else ""
        # answered days, not calendar days: "sore on the 17th and 19th" is 2 reports, not "2 days running"
        running = f", {public.days_running} sore reports in a row" if public.days_running > 1 else ""
        after = ", after the race" if race else ", after a jump in load" if spiked else ""
        change = _change(public)
        return f"Upper back sore today{rating}{running}{after}." + (f" {change[0].upper()}{change[1:]}."
                                                                     if change else "")
    # a sore day only a private note told of is not named (a check-in's is: whether it was sore may be quoted)
    if today.sore is False and public.recent_sore_day:
        return f"Good to hear your upper back is fine today (sore on {_weekday(public.recent_sore_day)})."
    if today.sore is False:
        return "Good to hear your upper back is fine today."
    if public.recent_sore_day:
        return (
            f"Your upper back was sore on {_weekday(public.recent_sore_day)}. "
            "How is it? Add #upperback 0-10 to the title."
        )
    if state.recent_sore_day:
        return "How is your upper back? Add #upperback 0-10 to the title."
    return None


def _association(association: Association | None) -> str | None:
    if association is None or not association.claimed:
        return None
    a = association
    return (
        f"Your tags: soreness is associated with load jumps (sore {a.sore_after_spike} of "
        f"{a.sore_after_spike + a.fine_after_spike} times within 3 days of a jump vs {a.sore_otherwise} of "
        f"{a.sore_otherwise + a.fine_otherwise} otherwise)."
    )


def _physio(state: SorenessState, public: SorenessState) -> str:
    """The reasons to see a physio, each with the numbers the public texts show; a reason that only
    a private answer gives is not named, and nothing says there is one."""
    details = {"sore_days_14": public.sore_days_14, "severity": public.today.severity,
               "days_running": public.days_running}
    reasons = [PHYSIO_REASONS[r].format(**details) for r in state.physio_reasons if r in public.physio_reasons]
    stop = pain_band(state.today.severity, state.rising) == "stop" and bool(state.today.sore)
    verb = "Please stop running and see a physio or GP" if stop else "Please see a physio or GP"
    if state.sore_days_14 >= 10:
        verb += " if you haven't yet"
    if not reasons:  # only private answers give a reason: the public text says none, nor that there is one
        return f"{verb} about your upper back."
    return f"{verb}: {'; '.join(reasons)}."


def _load_line(metrics: LoadMetrics, guidance: LoadGuidance, flags: tuple[str, ...], units: str) -> str:
    """reduce_load: why, then the next long run's cap and the next week, in the runner's units."""
    parts = []
    if {"long_run_spike", "week_spike"} & set(flags):
        parts.append("After the jump: 1–2 easy or rest days")
        if guidance.long_run_cap_km:
            parts.append(f"next long run at most {distance(guidance.long_run_cap_km, units)} "
                         f"(10% over {distance(guidance.longest_recent_km, units)})")
        if guidance.week_target_km and not guidance.comeback:
            parts.append(f"next week around {distance(guidance.week_target_km, units)}, your 4-week average")
    else:
        parts.append("After the hard effort: 1–2 easy days before the next hard session")
    return "; ".join(parts) + "."


def _race_line(guidance: LoadGuidance, units: str) -> str:
    cap = ""
    if guidance.long_run_cap_km:
        cap = (f"; when you build back, keep the next long run under {distance(guidance.long_run_cap_km, units)} "
               f"(10% over {distance(guidance.longest_recent_km, units)})")
    return f"After a race: easy days or rest for a few days{cap}."


def _comeback_line(guidance: LoadGuidance, units: str) -> str | None:
    back = guidance.comeback
    if back is None:
        return None
    weeks = back.days_off // 7
    return (f"Back after {weeks} weeks off: start near {distance(back.start_week_km, units)} a week "
            f"(half your {distance(back.before_week_km, units)} before the break), build back over 3–6 weeks.")


def _pain_line(state: SorenessState, public: SorenessState) -> str | None:
    """The pain-monitoring model, for a rating the runner gave in public."""
    severity = public.today.severity
    band = pain_band(severity, state.rising)
    if not public.today.sore or band in (None, "stop"):
        return None
    if band == "go_on":
        return f"At {severity}/10 and not rising, running may go on if it settles by the next morning."
    return f"At {severity}/10: shorter, easier runs until it is 3/10 or less and settles overnight."


def render_note(
    *,
    distance_km: float,
    metrics: LoadMetrics,
    intensity: Intensity,
    flags: tuple[str, ...],
    state: SorenessState,
    advice: list[str],
    association: Association | None,
    guidance: LoadGuidance | None = None,
    context: NoteContext = NoteContext(),
    units: str | None = None,
    sex: str | None = None,
    public: SorenessState | None = None,
) -> str:
    """The note for one activity: why (the numbers), then what to do.

    ``state`` (every source, the private note included) decides; ``public``
    (the same without this activity's private note) is what the text may quote.
    """
    ctx = context
    if units is not None or sex is not None:
        ctx = replace(ctx, units=units or ctx.units, sex=sex if sex is not None else ctx.sex)
    public = public or state
    guidance = guidance or LoadGuidance(None, None, None, None)
    if "urgent_care" in advice:
        if ctx.only_me or set(state.today.red_flags) == set(public.today.red_flags):
            return urgent_text(state.today.red_flags)
        return urgent_stub(ctx.me_url)
    lines = []
    if ctx.urgent_day is not None and ctx.day is not None:
        lines.append(follow_up_line(ctx.urgent_day, ctx.day))
    lines += _numbers(distance_km, metrics, intensity, flags, ctx, guidance.comeback is not None) if ctx.is_run else []
    spiked = bool({"long_run_spike", "week_spike", "intensity_spike"} & set(flags))
    for extra in (_soreness(state, public, spiked, ctx.race), _association(association)):
        if extra:
            lines.append(extra)
    # one possible factor among several, named where soreness recurs, never the explanation
    bra = (ctx.sex or "").upper().startswith("F") and bool(state.today.sore) and state.sore_days_14 >= 2
    if "see_physio" in advice:
        lines.append(_physio(state, public))
    if "reduce_load" in advice:
        lines.append("• " + _load_line(metrics, guidance, flags, ctx.units))
    if "recovery" in advice and ctx.race:
        lines.append("• " + _race_line(guidance, ctx.units))
    for line in (_comeback_line(guidance, ctx.units) if ctx.is_run else None, _pain_line(state, public)):
        if line:
            lines.append("• " + line)
    for code in advice:
        if code in ("see_physio", "reduce_load") or (code == "recovery" and ctx.race):
            continue
        if code in ("form", "mobility_strength") and bra:
            lines.append("• " + CUES[code] + " A well-fitting sports bra helps too.")
            bra = False
        else:
            lines.append("• " + CUES[code])
    if bra:
        lines.append("• A well-fitting sports bra is one more thing worth checking.")
    soreness_matters = bool(state.today.sore) or state.recent_sore_day is not None
    ending = " See a physio if it lasts or gets worse." if soreness_matters and "see_physio" not in advice else ""
    if ctx.checkin_url and spiked and state.today.sore is None:
        # the one question, last before the disclaimer; it counts toward the cap like every line
        lines.append(f"How is your upper back? {ctx.checkin_url}")
    lines.append(DISCLAIMER + ending)
    # a phone-sized note: the last general cues give way first, never the reasons or the escalation
    while len("\n".join(lines)) >= MAX_CHARS and any(line[2:] in CUES.values() for line in lines):
        lines.remove(next(line for line in reversed(lines) if line[2:] in CUES.values()))
    return "\n".join(lines)
