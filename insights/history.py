"""Soreness over time: per-day answers, how long it has been going, when to escalate.

An untagged run is *unknown*, not "not sore": only answered days count. Several
answers on one day (title, description, a check-in) are combined into one.

``sore_7_of_14`` counts whether or not today's activity carries a report: a
runner sore on 7 of the last 14 days should hear "see a physio" on an
untagged run too.

"Still there after rest": sore today, the run before today's was 2+ full days
earlier, and there was a sore answer on or before that run within the last 14
days with no "not sore" answer since. "Severity rising": the last 3 sore answers
with a severity in the last 14 days, each higher than the one before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Iterable, Sequence

from insights.activities import Activity
from insights.soreness import NO_REPORT, SorenessReport, combine_reports

EPISODE_GAP_DAYS = 3  # sore answers further apart than this are separate episodes (for days_running)
REST_DAYS = 2  # full days without a run that make a rest
RECENT_DAYS = 7
PHYSIO_WINDOW_DAYS = 14
PHYSIO_SORE_DAYS = 7
RUNS_IN_A_ROW = 3  # sore on this many runs in a row: see a physio
SEVERE = 7

PHYSIO_REASONS = {
    "sore_7_of_14": "sore on {sore_days_14} of the last 14 days",
    "three_runs_in_a_row": "sore after 3 runs in a row",
    "rising_severity": "getting worse over your last 3 reports",
    "severe": "rated {severity}/10",
    "after_rest": "still there after rest",
    "night_or_rest": "worse at night or at rest",
    "breath_or_sharp": "sharp, or worse on a deep breath",
    "morning_stiffness": "worse on waking, and it keeps coming back",
}
WAKING_DAYS = 3  # stiffness on waking that keeps coming back deserves a look


@dataclass(frozen=True)
class SorenessEntry:
    """One answer: from one of an activity's texts (``activity_id``) or a check-in (None).

    ``source`` is the text it came from: "title", "description", "private_note" or
    "checkin" (None: not known, taken as public unless ``private``).
    ``private``: given where only the runner sees it. Every private answer counts toward
    the advice, but a public note never names its red flags or qualifiers (see
    :meth:`public_part`): a check-in (given off Strava) may still be quoted for whether
    it was sore and the rating the runner gave; a private note not at all, as if it
    were blank, whichever activity it belongs to.
    """

    day: date
    report: SorenessReport
    activity_id: int | None = None
    at: datetime | None = None  # when the activity started / the check-in was made
    private: bool = False
    source: str | None = None

    def public_part(self) -> "SorenessEntry":
        """What a public note may say of this answer: nothing of a private note, a check-in
        without its red flags and qualifiers."""
        if self.source == "private_note":
            return replace(self, report=NO_REPORT, private=False)
        if not self.private:
            return self
        return replace(self, report=SorenessReport(self.report.sore, self.report.severity), private=False)


@dataclass(frozen=True)
class SorenessState:
    today: SorenessReport  # this activity's day, combined
    days_running: int  # sore answered days in the current episode, today included (not calendar days)
    recent_sore_day: date | None  # latest sore day in the 7 days before today
    sore_days_14: int
    physio_reasons: tuple[str, ...]
    previous_sore: tuple[date, int | None] | None = None  # the latest sore day before today, and its rating

    @property
    def rising(self) -> bool:
        return "rising_severity" in self.physio_reasons

    def as_dict(self) -> dict:
        """The ``soreness`` object of the note contract."""
        return {
            "reported": self.today.sore,
            "severity": self.today.severity,
            "days_running": self.days_running,
            "red_flags": list(self.today.red_flags),
        }


def entries_until(entries: Iterable[SorenessEntry], activity: Activity) -> list[SorenessEntry]:
    """Answers known when ``activity`` started: earlier days, and today's up to it."""
    kept = []
    for entry in entries:
        if entry.day > activity.day:
            continue
        if (
            entry.day == activity.day
            and entry.activity_id not in (None, activity.id)
            and entry.at is not None
            and entry.at > activity.start_local
        ):
            continue
        kept.append(entry)
    return kept


def answers_by_day(entries: Iterable[SorenessEntry]) -> dict[date, SorenessReport]:
    """One combined answer per day, for days that have any answer."""
    grouped: dict[date, list[SorenessReport]] = {}
    for entry in entries:
        if entry.report.reported or entry.report.red_flags:
            grouped.setdefault(entry.day, []).append(entry.report)
    return {day: combine_reports(reports) for day, reports in grouped.items()}


def _episode(by_day: dict[date, SorenessReport], today: date) -> list[date]:
    """Sore days of the episode that includes today, newest first."""
    if not by_day.get(today, NO_REPORT).sore:
        return []
    days = [today]
    for day in sorted((d for d in by_day if d < today), reverse=True):
        answer = by_day[day]
        if answer.sore is False or (days[-1] - day).days > EPISODE_GAP_DAYS:
            break
        if answer.sore:
            days.append(day)
    return days


def _runs_in_a_row(runs: Sequence[Activity], reports: dict[int, SorenessReport], count: int) -> bool:
    last = runs[-count:]
    return len(last) == count and all(reports.get(r.id, NO_REPORT).sore for r in last)


def _rested_before(
    runs: Sequence[Activity], activity: Activity, by_day: dict[date, SorenessReport], since: date
) -> bool:
    """Sore before a break of 2+ full days without running, sore again now, and never "fine" between.

    Check-ins on the rest days neither break nor make the rest: only runs do.
    """
    earlier = [r for r in runs if r.start_local < activity.start_local and r.id != activity.id]
    if not earlier or (activity.day - earlier[-1].day).days <= REST_DAYS:
        return False
    before_rest = [d for d, r in by_day.items() if r.sore and since <= d <= earlier[-1].day]
    if not before_rest:
        return False
    last_sore = max(before_rest)
    return not any(r.sore is False for d, r in by_day.items() if last_sore < d < activity.day)


def _rising(by_day: dict[date, SorenessReport], since: date, day: date) -> bool:
    """The last 3 sore answers with a severity, in the window, each higher than the one before."""
    rated = [by_day[d].severity for d in sorted(by_day)
             if since <= d <= day and by_day[d].sore and by_day[d].severity is not None][-3:]
    return len(rated) == 3 and rated[0] < rated[1] < rated[2]


def soreness_state(
    activity: Activity,
    known_runs: Sequence[Activity],
    entries: Iterable[SorenessEntry],
) -> SorenessState:
    """Where the runner's soreness stands on the day of ``activity``.

    ``known_runs`` are the runs up to and including ``activity``, sorted.
    """
    entries = entries_until(entries, activity)
    by_day = answers_by_day(entries)
    day = activity.day
    today = by_day.get(day, NO_REPORT)
    episode = _episode(by_day, day)
    window_start = day - timedelta(days=PHYSIO_WINDOW_DAYS - 1)
    sore_days_14 = sum(1 for d, r in by_day.items() if r.sore and window_start <= d <= day)
    recent = [
        d for d, r in by_day.items() if r.sore and day - timedelta(days=RECENT_DAYS) <= d < day
    ]
    last_runs = {r.id for r in known_runs[-RUNS_IN_A_ROW:]}
    by_activity: dict[int, list[SorenessReport]] = {}
    for e in entries:  # an activity's texts (title, description, private note) make one answer
        if e.activity_id in last_runs:
            by_activity.setdefault(e.activity_id, []).append(e.report)
    activity_reports = {activity_id: combine_reports(reports) for activity_id, reports in by_activity.items()}

    reasons = []
    if sore_days_14 >= PHYSIO_SORE_DAYS:
        reasons.append("sore_7_of_14")  # a pattern worth a look, even on a day with no report
    if today.sore:
        if _runs_in_a_row(known_runs, activity_reports, RUNS_IN_A_ROW):
            reasons.append("three_runs_in_a_row")
        if _rising(by_day, window_start, day):
            reasons.append("rising_severity")
        if today.severity is not None and today.severity >= SEVERE:
            reasons.append("severe")
        if "not_eased_by_rest" in today.qualifiers or _rested_before(known_runs, activity, by_day, window_start):
            reasons.append("after_rest")
        if "night_or_rest" in today.qualifiers:
            reasons.append("night_or_rest")
        if today.qualifiers & {"worse_on_deep_breath", "sharp"}:
            reasons.append("breath_or_sharp")
        if "worse_on_waking" in today.qualifiers and len(episode) >= WAKING_DAYS:
            reasons.append("morning_stiffness")
    before = [d for d, r in by_day.items() if r.sore and d < day]
    previous = max(before) if before else None
    return SorenessState(
        today=today,
        days_running=len(episode),
        recent_sore_day=max(recent) if recent else None,
        sore_days_14=sore_days_14,
        physio_reasons=tuple(reasons),
        previous_sore=(previous, by_day[previous].severity) if previous else None,
    )
