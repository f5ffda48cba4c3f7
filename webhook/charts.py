"""The runner's charts, drawn on the server with matplotlib's ``Figure`` API.

Never pyplot: pyplot keeps global state and is not safe in a threaded web
server. One figure serves every place it is shown: inline SVG on ``/me`` and
the coach's pages (no JavaScript, readable at 375 px), PNG in the coach's
digest e-mail.

- weekly distance: one bar per week (Monday to Sunday, the runner's local
  days), the 4-week average as a line, and a marker on each week in which a
  spike flag fired;
- soreness by day: the severity of each answered day; an explicit "no" is a
  0 (a small grey mark), a sore day without a number a hollow mark, and an
  unknown day is left blank.

Each drawn week and day carries an SVG id (``week-2026-11-23-31.5km``,
``day-2026-11-28``), so tests and screen readers can find them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")  # no display, ever; the Figure API below needs no backend switch anyway

from matplotlib.figure import Figure  # noqa: E402

SPIKE_FLAGS = frozenset({"long_run_spike", "week_spike", "intensity_spike"})
WEEKS = 12
SORENESS_DAYS = 42
KM_PER_MILE = 1.609344
INK, SOFT, ACCENT, WARN = "#1d2329", "#9aa5b1", "#2a7f62", "#c2410c"


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    distance: float  # in the runner's units
    average: float | None  # the 4-week average weekly distance ending with this week
    spike: bool


@dataclass(frozen=True)
class SoreDay:
    day: date
    sore: bool
    severity: int | None


def weekly_series(runs: list[tuple[date, float, bool]], today: date, weeks: int = WEEKS, miles: bool = False) -> list[Week]:
    """Weeks ending with ``today``'s from ``(day, km, spiked)`` per run."""
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks + 2, -1, -1)]
    km = {monday: 0.0 for monday in mondays}
    spiked = {monday: False for monday in mondays}
    for day, distance_km, spike in runs:
        monday = day - timedelta(days=day.weekday())
        if monday in km:
            km[monday] += distance_km
            spiked[monday] = spiked[monday] or spike
    scale = 1 / KM_PER_MILE if miles else 1.0
    out = []
    for index, monday in enumerate(mondays[3:], start=3):
        window = [km[m] for m in mondays[index - 3: index + 1]]
        out.append(Week(monday, round(km[monday] * scale, 2), round(sum(window) / 4 * scale, 2), spiked[monday]))
    return out


def soreness_series(reports: list[dict], today: date, days: int = SORENESS_DAYS) -> list[SoreDay]:
    """One entry per answered day of the last ``days`` (unknown days are absent).

    A day with one sore report is sore, with the highest severity given.
    """
    first = today - timedelta(days=days - 1)
    by_day: dict[date, SoreDay] = {}
    for report in reports:
        day = report["day"]
        if not first <= day <= today:
            continue
        if report["sore"] is None:  # a text that only added a qualifier or a sign to another's report
            continue
        previous = by_day.get(day)
        sore = bool(report["sore"])
        severity = report["severity"] if sore else 0
        if previous is None or (sore and not previous.sore):
            by_day[day] = SoreDay(day, sore, severity)
        elif sore and previous.sore and severity is not None:
            by_day[day] = SoreDay(day, True, max(severity, previous.severity or 0))
    return [by_day[d] for d in sorted(by_day)]


def _figure(width_in: float, height_in: float) -> Figure:
    figure = Figure(figsize=(width_in, height_in), dpi=100, layout="constrained")
    figure.patch.set_alpha(0)
    return figure


def _style(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=8)
    axes.grid(axis="y", color="#e3e6ea", linewidth=0.6)
    axes.set_axisbelow(True)


def draw_weekly(figure: Figure, weeks: list[Week], unit: str, axes=None) -> None:
    axes = axes or figure.add_subplot()
    _style(axes)
    xs = list(range(len(weeks)))
    for x, week in zip(xs, weeks):
        bar = axes.bar(x, week.distance, width=0.7, color=WARN if week.spike else ACCENT)[0]
        bar.set_gid(f"week-{week.start.isoformat()}-{week.distance:.1f}{unit}")
    axes.plot(xs, [w.average for w in weeks], color=INK, linewidth=1.5, label="4-week average")
    top = max([w.distance for w in weeks] + [w.average or 0 for w in weeks] + [1.0])
    spikes = [(x, w.distance + top * 0.06) for x, w in zip(xs, weeks) if w.spike]
    if spikes:
        axes.plot([x for x, _ in spikes], [d for _, d in spikes], linestyle="none", marker="v",
                  color=WARN, markersize=6, label="a jump in load (spike)")
    axes.set_ylim(0, top * 1.3)
    axes.set_xticks(xs, [f"{w.start.day} {w.start:%b}" if i % 2 == len(xs) % 2 else "" for i, w in enumerate(weeks)])
    axes.set_ylabel(f"{unit} per week", fontsize=8, color=INK)
    axes.legend(fontsize=7, frameon=False, loc="upper left")


def draw_soreness(figure: Figure, days: list[SoreDay], today: date, span: int = SORENESS_DAYS, axes=None) -> None:
    axes = axes or figure.add_subplot()
    _style(axes)
    first = today - timedelta(days=span - 1)
    for entry in days:
        x = (entry.day - first).days
        if entry.sore and entry.severity is not None:
            artist = axes.bar(x, entry.severity, width=0.8, color=WARN)[0]
        elif entry.sore:
            artist = axes.plot([x], [1], marker="o", markerfacecolor="none", color=WARN, markersize=5)[0]
        else:
            artist = axes.plot([x], [0], marker="_", color=SOFT, markersize=7, markeredgewidth=2)[0]
        artist.set_gid(f"day-{entry.day.isoformat()}")
    axes.set_xlim(-1, span)
    axes.set_ylim(-0.5, 10.5)
    axes.set_yticks([0, 5, 10])
    ticks = [i for i in range(span) if (first + timedelta(days=i)).weekday() == 0]
    axes.set_xticks(ticks, [f"{(first + timedelta(days=i)).day} {(first + timedelta(days=i)):%b}" for i in ticks])
    axes.set_ylabel("soreness 0–10", fontsize=8, color=INK)


def _svg(figure: Figure, label: str, salt: str) -> str:
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        figure.savefig(out, format="svg", transparent=True)
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):]
    # scale with the page (CSS sets the width) and say what it shows
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1', svg, count=1)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{label}" class="chart"', 1)
    return svg


def weekly_svg(weeks: list[Week], unit: str, salt: str = "weekly") -> str:
    figure = _figure(5.2, 2.6)
    draw_weekly(figure, weeks, unit)
    return _svg(figure, f"Weekly distance in {unit} over {len(weeks)} weeks, with the 4-week average", salt)


def soreness_svg(days: list[SoreDay], today: date, span: int = SORENESS_DAYS, salt: str = "soreness",
                 small: bool = False) -> str:
    figure = _figure(3.2, 1.1) if small else _figure(5.2, 2.2)
    draw_soreness(figure, days, today, span)
    if small:
        figure.axes[0].set_ylabel("")
        figure.axes[0].tick_params(labelsize=6)
    return _svg(figure, f"Upper-back soreness by day over the last {span} days", salt)


def runner_png(weeks: list[Week], unit: str, days: list[SoreDay], today: date) -> bytes:
    """Both charts, one above the other, as a PNG for e-mail."""
    figure = Figure(figsize=(6.4, 4.6), dpi=100, layout="constrained")
    top, bottom = figure.subplots(2, 1, height_ratios=[1.2, 1])
    draw_weekly(figure, weeks, unit, axes=top)
    draw_soreness(figure, days, today, axes=bottom)
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor="white")
    return out.getvalue()
