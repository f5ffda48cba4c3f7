"""One activity in, one decision out: metrics, soreness, advice, and the note.

This is the entry point the worker and replay call. Everything it needs comes
in as plain data: the activity, the athlete's runs (sorted by start), their
soreness answers and profile. Nothing here reads a clock or a database.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterable, Mapping, Sequence

from insights.activities import Activity
from insights.advice import choose_advice, spike_flags
from insights.association import EXPOSURE_FLAGS, LOOKBACK_DAYS, WINDOW_DAYS, Association, associate
from insights.history import SorenessEntry, SorenessState, answers_by_day, soreness_state
from insights.intensity import BASELINE_DAYS, Intensity, assess_intensity, athlete_max_hr
from insights.guidance import load_guidance
from insights.load import LoadMetrics, assess_load, known_runs
from insights.notes import NoteContext, render_note
from insights.soreness import activity_reports
from insights.urgent import recent_urgent_day, urgent_text, urgency

NOTE_MODES = ("auto", "always")


@dataclass(frozen=True)
class AthleteProfile:
    id: int | None = None
    firstname: str | None = None
    sex: str | None = None  # Strava: "M", "F" or None
    measurement_preference: str = "meters"  # or "feet"
    note_mode: str = "auto"  # "always": a note on every activity
    max_heartrate: float | None = None


@dataclass(frozen=True)
class Assessment:
    activity_id: int
    outcome: str  # "noted" | "skipped"
    reason: str | None
    flags: tuple[str, ...]
    advice: list[str]
    metrics: LoadMetrics
    intensity: Intensity
    soreness: SorenessState
    association: Association | None
    text: str | None
    # the full urgent message when ``text`` (public) may only point to it; shown on the runner's page
    private_text: str | None = None

    @property
    def urgency(self) -> str | None:
        """"emergency", "doctor_today" or None."""
        return urgency(self.soreness.today.red_flags)

    def note(self) -> dict | None:
        """The ``note`` object of the replay contract, or None when skipped."""
        if self.text is None:
            return None
        return {
            "advice": list(self.advice),
            "flags": list(self.flags),
            "metrics": self.metrics.as_dict(),
            "soreness": self.soreness.as_dict(),
            "association": self.association.as_dict() if self.association else None,
            "text": self.text,
        }


def _spike_day_checker(
    runs: Sequence[Activity],
    activity: Activity,
    today_flags: tuple[str, ...],
    sex: str | None,
    max_hr: float,
    values: dict,
    past_flags: Mapping[int, Sequence[str]],
):
    """is_spike_day(day) for the association, assessing each day at most once.

    Every source (this activity's flags, stored ones, recomputed ones) passes
    through ``EXPOSURE_FLAGS``: a day must not count as a spike because of where
    its flags came from.
    """

    def flags_of(run: Activity) -> frozenset[str]:
        if run.id in past_flags:
            return EXPOSURE_FLAGS.intersection(past_flags[run.id])
        metrics = assess_load(runs, run, with_acwr=False)
        intensity = assess_intensity(runs, run, sex=sex, max_hr=max_hr, cache=values)
        return EXPOSURE_FLAGS.intersection(metrics.flags + (("intensity_spike",) if intensity.spike else ()))

    # the runs of the association's year, grouped by day once (it asks about ~100 days)
    first = datetime.combine(activity.day - timedelta(days=LOOKBACK_DAYS + WINDOW_DAYS), time.min)
    lo = bisect_left(runs, first, key=lambda a: a.start_local)
    hi = bisect_left(runs, datetime.combine(activity.day + timedelta(days=1), time.min), lo,
                     key=lambda a: a.start_local)
    by_day: dict[date, list[Activity]] = {}
    for run in runs[lo:hi]:
        by_day.setdefault(run.day, []).append(run)

    def runs_on(day: date) -> Sequence[Activity]:
        return by_day.get(day, ())

    # today: this activity, and the runs before it that day (not the ones after: they are not known yet)
    earlier_today = [
        r for r in runs_on(activity.day) if r.start_local <= activity.start_local and r.id != activity.id
    ]
    cache: dict[date, bool] = {
        activity.day: bool(EXPOSURE_FLAGS.intersection(today_flags)) or any(flags_of(r) for r in earlier_today)
    }

    def is_spike_day(day: date) -> bool:
        if day not in cache:
            cache[day] = any(flags_of(run) for run in runs_on(day))
        return cache[day]

    return is_spike_day


def _last_days(runs: Sequence[Activity], activity: Activity, days: int) -> list[Activity]:
    """``activity`` and the runs of the ``days`` days before it."""
    start = datetime.combine(activity.day - timedelta(days=days), time.min)
    lo = bisect_left(runs, start, key=lambda a: a.start_local)
    hi = bisect_left(runs, activity.start_local, lo, key=lambda a: a.start_local)
    return [*runs[lo:hi], activity]


def should_post(flags: tuple[str, ...], state: SorenessState, note_mode: str) -> tuple[bool, str | None]:
    """The design's rule: a spike flag (``acwr_high`` alone is no reason), soreness now or in the
    last 7 days, or red flags."""
    if state.today.red_flags:
        return True, None
    if spike_flags(flags):
        return True, None
    if state.today.sore:
        return True, None
    if state.recent_sore_day is not None:
        return True, None
    if note_mode == "always":
        return True, None
    if state.today.sore is False:
        return False, "no soreness and no load spike"
    return False, "steady load and no soreness reported"


def assess(
    activity: Activity,
    runs: Sequence[Activity],
    entries: Iterable[SorenessEntry] = (),
    profile: AthleteProfile = AthleteProfile(),
    past_flags: Mapping[int, Sequence[str]] | None = None,
    *,
    urgent_at: Sequence[datetime] = (),
    me_url: str | None = None,
    checkin_url: str | None = None,
) -> Assessment:
    """Assess ``activity`` against the athlete's ``runs`` (sorted by start) and answers.

    The activity's own text is parsed here, so an edited title is always read
    fresh; a stored answer for the same activity is replaced by it.
    ``past_flags`` are the spike flags earlier assessments gave other runs
    (``Assessment.flags``); runs missing from it are assessed as needed.
    ``urgent_at`` are the start times of this runner's activities that got an
    urgent note (for the follow-up line in the 7 days after); ``me_url`` is
    the runner's page, where an urgent message that may not be public is in
    full; ``checkin_url`` is asked for after a spike with no report.
    An activity that is not a run has no load flags: its note is about its
    own soreness report or red flags only.
    """
    own, own_public = activity_reports(activity)
    # nothing older than the association's year (and its 3-day window) changes the outcome
    oldest = activity.day - timedelta(days=LOOKBACK_DAYS + WINDOW_DAYS)
    entries = [e for e in entries if e.activity_id != activity.id and e.day >= oldest]
    others = list(entries)
    entries.append(SorenessEntry(activity.day, own, activity.id, activity.start_local))

    metrics = assess_load(runs, activity)
    max_hr = athlete_max_hr(_last_days(runs, activity, BASELINE_DAYS), profile.max_heartrate)
    values: dict = {}
    intensity = assess_intensity(runs, activity, sex=profile.sex, max_hr=max_hr, cache=values)
    flags = metrics.flags + (("intensity_spike",) if intensity.spike else ())
    if not activity.is_run:
        flags = ()
    upto = list(known_runs(runs, activity)[-10:])
    if activity.is_run and all(r.id != activity.id for r in upto):
        upto = sorted([*upto, activity], key=lambda a: a.start_local)
    state = soreness_state(activity, upto, entries)
    # what the note may say in public: the same, as if the private note were blank
    # (and a check-in's red flags and qualifiers left out, as a private note's are)
    public_others = [e.public_part() for e in others]
    all_public = own_public == own and public_others == others
    public_entries = [*public_others, SorenessEntry(activity.day, own_public, activity.id, activity.start_local)]
    public = state if all_public else soreness_state(activity, upto, public_entries)
    spike_day = _spike_day_checker(runs, activity, flags, profile.sex, max_hr, values, past_flags or {})
    association = associate(answers_by_day(e for e in entries if e.day <= activity.day), spike_day, activity.day)
    # the counts a public note quotes come from public answers only: a sore
    # day that only a private note told of must not move them
    public_association = association if all_public else associate(
        answers_by_day(e for e in public_entries if e.day <= activity.day), spike_day, activity.day)
    post, reason = should_post(flags, state, profile.note_mode)
    advice = choose_advice(flags, state, race=activity.is_race) if post else []
    text = private_text = None
    if post:
        context = NoteContext(
            units=profile.measurement_preference,
            sex=profile.sex,
            race=activity.is_race,
            is_run=activity.is_run,
            only_me=activity.only_me,
            me_url=me_url,
            checkin_url=checkin_url,
            urgent_day=recent_urgent_day(urgent_at, activity.start_local, activity.day),
            day=activity.day,
        )
        text = render_note(
            distance_km=activity.distance_km,
            metrics=metrics,
            intensity=intensity,
            flags=flags,
            state=state,
            public=public,
            advice=advice,
            association=public_association,
            guidance=load_guidance(runs, activity, metrics),
            context=context,
        )
        if "urgent_care" in advice and text != urgent_text(state.today.red_flags):
            private_text = urgent_text(state.today.red_flags)
    return Assessment(
        activity_id=activity.id,
        outcome="noted" if post else "skipped",
        reason=reason,
        flags=flags,
        advice=advice,
        metrics=metrics,
        intensity=intensity,
        soreness=state,
        association=association,
        text=text,
        private_text=private_text,
    )
