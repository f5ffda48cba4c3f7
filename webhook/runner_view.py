"""What the runner's page and the coach's pages show about one runner.

One place reads a runner's activities, notes and soreness and turns them
into charts and plain words, so ``/me``, ``/coach/runners/<id>`` and the
digest's PNG can never disagree. The coach's view never carries the words
of a private note: it gets the notes as posted (Rhomboid's own words) and
labels, nothing the runner typed; the full urgent message a public note only
pointed to (:func:`urgent_messages`) is the runner's alone.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from insights.urgent import ACTIONS, urgency
from webhook import charts, store

FLAG_LABELS = {
    "long_run_spike": "long run much longer than usual",
    "week_spike": "big jump in weekly distance",
    "acwr_high": "recent load high for you (context only)",
    "intensity_spike": "much harder session than usual",
}
ADVICE_LABELS = {
    "urgent_care": "Get medical help now",
    "see_physio": "See a physio or GP",
    "reduce_load": "Ease off: rest days, then build back gradually",
    "warmup": "Warm up 5–10 minutes with arm circles and thoracic rotations",
    "form": "Run relaxed: shoulders low, arms beside you",
    "breathing": "Slower, deeper breathing",
    "mobility_strength": "Thoracic mobility and upper-back strength twice a week",
    "desk": "Break up sitting every 30–60 minutes",
    "recovery": "Heat or ice, self-massage, swap a run for a swim or ride",
}
# an urgent note's advice in proportion, as the note and the coach's alert word it
URGENT_LABELS = {level: words[0].upper() + words[1:] for level, words in ACTIONS.items()}
LEVELS = {"urgent_care": "urgent", "see_physio": "see a physio", "reduce_load": "ease off"}


def advice_level(advice: list[str]) -> str:
    """One short word for the most important advice: what a coach scans for."""
    for code in ("urgent_care", "see_physio", "reduce_load"):
        if code in advice:
            return LEVELS[code]
    return "cues only" if advice else "none"


def notes(db, athlete_id: int, limit: int = 12) -> list[dict]:
    """The runner's latest notes, newest first, with flags and advice labelled."""
    rows = db.query(
        """
        SELECT a.id, a.name, a.sport_type, a.day, a.distance_km, n.outcome, n.text, n.flags, n.advice,
               n.soreness, n.posted_at
        FROM notes n JOIN activities a ON a.id = n.activity_id
        WHERE n.athlete_id = ? AND n.text IS NOT NULL
        ORDER BY a.start_local DESC LIMIT ?
        """,
        [athlete_id, limit],
    )
    out = []
    for row in rows:
        row["flags"] = json.loads(row["flags"] or "[]")
        row["advice"] = json.loads(row["advice"] or "[]")
        row["soreness"] = json.loads(row["soreness"]) if row["soreness"] else {}
        row["flag_words"] = [FLAG_LABELS.get(f, f.replace("_", " ")) for f in row["flags"]]
        row["advice_words"] = [_advice_words(a, row["soreness"]) for a in row["advice"]]
        row["level"] = advice_level(row["advice"])
        out.append(row)
    return out


def urgent_messages(db, athlete_id: int, since: date) -> list[dict]:
    """The full urgent messages of the runner's activities since ``since``, newest first: the ones
    whose public note only pointed here. For the runner's own page alone, never a coach's."""
    return list(db.query(
        """
        SELECT a.id, a.name, a.day, n.private_text AS text
        FROM notes n JOIN activities a ON a.id = n.activity_id
        WHERE n.athlete_id = ? AND n.private_text IS NOT NULL AND a.day >= ?
        ORDER BY a.start_local DESC
        """,
        [athlete_id, since.isoformat()],
    ))


def _advice_words(code: str, soreness: dict) -> str:
    if code == "urgent_care":
        level = urgency(soreness.get("red_flags") or [])
        if level:
            return URGENT_LABELS[level]
    return ADVICE_LABELS.get(code, code.replace("_", " "))


def runs(db, athlete_id: int, since: date) -> list[tuple[date, float, bool]]:
    """``(day, km, spiked)`` for each run since ``since``."""
    rows = db.execute(
        """
        SELECT a.day, a.distance_km, n.flags FROM activities a LEFT JOIN notes n ON n.activity_id = a.id
        WHERE a.athlete_id = ? AND a.day >= ? AND a.sport_type IN ('Run', 'TrailRun', 'VirtualRun')
        """,
        [athlete_id, since.isoformat()],
    ).fetchall()
    return [
        (date.fromisoformat(day), km or 0.0, bool(charts.SPIKE_FLAGS & set(json.loads(flags or "[]"))))
        for day, km, flags in rows
    ]


def chart_data(db, athlete: dict, today: date) -> tuple[list[charts.Week], list[charts.SoreDay], str]:
    miles = (athlete.get("measurement_preference") or "meters") == "feet"
    since = today - timedelta(weeks=charts.WEEKS + 4)
    weeks = charts.weekly_series(runs(db, athlete["id"], since), today, miles=miles)
    reports = store.soreness_for(db, athlete["id"], since=today - timedelta(days=charts.SORENESS_DAYS))
    return weeks, charts.soreness_series(reports, today), "mi" if miles else "km"


def runner_charts(db, athlete: dict, today: date) -> dict:
    """Both charts as inline SVG, plus the numbers behind them."""
    weeks, days, unit = chart_data(db, athlete, today)
    return {
        "weekly_svg": charts.weekly_svg(weeks, unit, salt=f"w{athlete['id']}"),
        "soreness_svg": charts.soreness_svg(days, today, salt=f"s{athlete['id']}"),
        "weeks": weeks,
        "days": days,
        "unit": unit,
    }


def sore_days(db, athlete_id: int, today: date, days: int = 7) -> int:
    """How many of the last ``days`` days (through ``today``) had a sore report."""
    reports = store.soreness_for(db, athlete_id, since=today - timedelta(days=days - 1), until=today)
    return len({r["day"] for r in reports if r["sore"]})
