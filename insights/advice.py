"""Which advice a note carries, most important first.

The codes and their order are the design's: a red flag means ``urgent_care``
and nothing else (no training cues beside a possible emergency); otherwise an
escalation to a physio comes first, then load, then the cues that fit what the
numbers and the runner's words suggest. A note stays short enough for a phone,
so it carries at most ``MAX_CUES`` cues after the escalations.

``reduce_load`` comes only from the *spike flags* (``long_run_spike``,
``week_spike``, ``intensity_spike``): ``acwr_high`` is context in the text,
never a verdict. A race is no mistake to cut back from: after a race the note
gives ``recovery`` instead. Soreness that keeps coming back gets the cues in
turn, one new one a day, so that a runner sore for three weeks does not read
the same note nineteen times.
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
MAX_CUES = 3
SPIKE_FLAGS = frozenset({"long_run_spike", "week_spike", "intensity_spike"})
DISTANCE_SPIKES = frozenset({"long_run_spike", "week_spike"})
# what a runner with recurring soreness has to try, in the order they meet it
ROTATION = ("form", "mobility_strength", "desk", "recovery", "breathing", "warmup")


def spike_flags(flags: tuple[str, ...]) -> tuple[str, ...]:
    """The flags that are verdicts (``acwr_high`` is only context)."""
    return tuple(f for f in flags if f in SPIKE_FLAGS)


def _rotated(days: int) -> list[str]:
    start = days % len(ROTATION)
    return list(ROTATION[start:] + ROTATION[:start])


def choose_advice(flags: tuple[str, ...], state: SorenessState, *, race: bool = False) -> list[str]:
    """Advice codes for a note, in priority order."""
    today = state.today
    if today.red_flags:
        return ["urgent_care"]
    sore_now = bool(today.sore)
    severe_ish = sore_now and ((today.severity or 0) >= 4 or bool(state.physio_reasons))
    distance_spike = bool(DISTANCE_SPIKES.intersection(flags))
    intensity_spike = "intensity_spike" in flags
    recurring = sore_now and (state.days_running >= 2 or state.sore_days_14 >= 3)

    # 7/10 or more, or rising: stop and get assessed (pain-monitoring model); no running cues beside that
    stop = sore_now and ((today.severity or 0) >= 7 or state.rising)
    # candidates in order of relevance to this situation; the note keeps the first few
    if stop:
        candidates = (["reduce_load"] if distance_spike or intensity_spike else []) + ["recovery", "desk"]
    elif race and (distance_spike or intensity_spike):
        candidates = ["recovery"] + (["form", "mobility_strength"] if sore_now else ["warmup"])
    elif distance_spike:
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
    elif recurring:
        candidates = _rotated(max(state.days_running, state.sore_days_14))
    elif sore_now:
        if severe_ish:
            candidates = ["form", "mobility_strength", "recovery", "desk"]
        else:
            candidates = ["form", "breathing", "mobility_strength", "desk"]
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
