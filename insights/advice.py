"""Which advice a note carries, most important first.

The codes and their order are the design's: a red flag means ``urgent_care``
and nothing else (no training cues beside a possible emergency); otherwise an
escalation to a physio comes first, then load, then the cues that fit what the
numbers and the runner's words suggest. A note stays short enough for a phone,
so it carries at most ``MAX_CUES`` cues after the escalations.
"""

from __future__ import annotations

from insights.history import SorenessState

ORDER = (
    "urgent_care",
    "see_physio",
    "reduce_load",
    "warmup",
    "form",
    "breathing",
    "mobility_strength",
    "desk",
    "recovery",
)
MAX_CUES = 4
LOAD_FLAGS = frozenset({"long_run_spike", "week_spike", "acwr_high"})


def choose_advice(flags: tuple[str, ...], state: SorenessState) -> list[str]:
    """Advice codes for a note, in priority order."""
    today = state.today
    if today.red_flags:
        return ["urgent_care"]
    sore_now = bool(today.sore)
    severe_ish = sore_now and ((today.severity or 0) >= 5 or bool(state.physio_reasons))
    load_spike = bool(LOAD_FLAGS.intersection(flags))
    intensity_spike = "intensity_spike" in flags

    # candidates in order of relevance to this situation; the note keeps the first few
    if load_spike:
        candidates = ["reduce_load", "warmup"]
        if sore_now:
            candidates += ["form", "mobility_strength"]
        if intensity_spike:
            candidates += ["breathing"]
        if state.recent_sore_day:
            candidates += ["mobility_strength"]
    elif intensity_spike:
        candidates = (["reduce_load"] if severe_ish else []) + ["warmup", "form", "breathing"]
        if sore_now or state.recent_sore_day:
            candidates += ["mobility_strength"]
    elif sore_now:
        if severe_ish:
            candidates = ["reduce_load", "form", "mobility_strength", "recovery", "desk"]
        else:
            candidates = ["form", "mobility_strength", "desk", "breathing"]
    elif state.recent_sore_day:
        candidates = ["mobility_strength", "desk"] if today.sore is None else ["mobility_strength"]
    else:
        candidates = ["warmup"]
    cues: list[str] = []
    for code in candidates:
        if code not in cues:
            cues.append(code)
    # an escalation line takes the room of one cue: the note must stay phone-sized
    room = MAX_CUES - 1 if state.physio_reasons else MAX_CUES
    chosen = (["see_physio"] if state.physio_reasons else []) + cues[:room]
    return sorted(chosen, key=ORDER.index)
