"""How long one assessment takes with 1 and 10 years of history.

Prints per-activity times (this thread's CPU time, so that waiting for a core on
a shared machine does not count) and, because the machine is shared and noisy,
the figures that matter as ratios measured in the same run:

* 10-year / 1-year cost of our assessment (must stay under 3: no quadratic work);
* our full assessment / pandas computing just the load metrics (week, previous
  week, single-run spike, EWMA ACWR) for the same activity;
* the soreness reader on a typical description / ``str.lower()`` + ``split()``
  of the same text, and 10x that text / the text (linear: about 10).

    python -m benchmarks.bench_assess [--new 200]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from datetime import date, datetime, timedelta

import pandas as pd

from insights.activities import Activity
from insights.assess import AthleteProfile, assess
from insights.association import LOOKBACK_DAYS, WINDOW_DAYS
from insights.intensity import assess_intensity, athlete_max_hr
from insights.load import assess_load
from insights.history import SorenessEntry
from insights.soreness import parse_soreness


DESCRIPTIONS = (
    "",
    "",
    "Easy one along the canal, legs a bit heavy from Sunday. Upper back fine.",
    "Tempo 3x2k @ 4:20, RPE 8/10. Traps a bit tight by the end, maybe 3/10, no chest pain or arm tingling.",
    "Long run with the club, gel at 12k made me a bit sick. Upper back sore yesterday, fine today.",
    "Hills. Sore between my shoulder blades again, worse when I woke up. Hope it holds up for Sunday's race.",
    "Recovery jog. My friend had a fever so ran solo; thoracic stiff, mild. Breathless views from the top!",
)


def synthetic_history(years: int, seed: int = 7) -> list[Activity]:
    """~400 runs a year: easy days, a weekly long run, a session, some rides, a few tags, and
    descriptions in runners' words (the reader parses every one)."""
    rng = random.Random(seed)
    start = date(2016, 1, 4)
    out, n = [], 0
    for d, hour in ((d, h) for d in range(years * 365) for h in (7, 18)):
        day = start + timedelta(days=d)
        weekday = day.weekday()
        if hour == 18 and rng.random() > 0.12:  # an occasional double day
            continue
        if hour == 7 and weekday == 0 and rng.random() < 0.7:
            continue
        n += 1
        km = {6: rng.uniform(16, 24), 2: rng.uniform(8, 12)}.get(weekday, rng.uniform(5, 10))
        sport = "Ride" if weekday == 0 else rng.choice(["Run"] * 9 + ["TrailRun"])
        hr = rng.uniform(135, 170) if rng.random() < 0.9 else None
        tag = ""
        if rng.random() < 0.06:
            tag = f" #upperback {rng.randint(0, 7)}"
        minutes = km * rng.uniform(4.8, 6.5)
        out.append(
            Activity(
                id=n,
                sport_type=sport,
                start_local=datetime.combine(day, datetime.min.time()) + timedelta(hours=hour),
                distance_km=round(km, 2),
                moving_s=int(minutes * 60),
                elapsed_s=int(minutes * 60) + 60,
                average_heartrate=hr,
                max_heartrate=hr + 15 if hr else None,
                average_speed=km * 1000 / (minutes * 60),
                name="Morning Run" + tag,
                description=rng.choice(DESCRIPTIONS),
            )
        )
    return out


def pandas_metrics(runs: list[Activity], activity: Activity) -> dict:
    """The same load metrics, the way a data scientist would write them in pandas."""
    frame = pd.DataFrame({"day": [pd.Timestamp(r.day) for r in runs], "km": [r.distance_km for r in runs]})
    frame = frame[frame["day"] <= pd.Timestamp(activity.day)]
    daily = frame.groupby("day")["km"].sum().asfreq("D", fill_value=0.0)
    d = pd.Timestamp(activity.day)
    week = daily[d - pd.Timedelta(days=6) : d].sum()
    prev = daily[d - pd.Timedelta(days=13) : d - pd.Timedelta(days=7)].sum()
    longest = frame[(frame["day"] >= d - pd.Timedelta(days=30)) & (frame["day"] < d)]["km"].max()
    acute = daily.ewm(span=7, adjust=False).mean().iloc[-1]
    chronic = daily.ewm(span=28, adjust=False).mean().iloc[-1]
    return {"week_km": week, "prev_week_km": prev, "longest": longest, "acwr": acute / chronic}


def per_activity_s(history: list[Activity], new: int, fn) -> list[float]:
    """Assess each of the last ``new`` activities as if it had just arrived."""
    runs_all = [a for a in history if a.is_run]
    entries = [
        SorenessEntry(a.day, parse_soreness(a.name), a.id, a.start_local)
        for a in history
        if "#" in a.name
    ]
    # The service stores each run's flags when it assesses it, so in steady state
    # every earlier run has them (only a new runner's backfilled 90 days do not):
    # give the runs of the association's year before the timed ones their flags.
    flags: dict[int, tuple[str, ...]] = {}
    first_timed = history[len(history) - new]
    for run in runs_all:
        if first_timed.day - timedelta(days=LOOKBACK_DAYS + WINDOW_DAYS + 1) <= run.day < first_timed.day:
            known_runs_ = [r for r in runs_all if r.start_local <= run.start_local]
            intensity = assess_intensity(known_runs_, run, sex="M", max_hr=athlete_max_hr(known_runs_[-60:], None))
            flags[run.id] = assess_load(known_runs_, run, with_acwr=False).flags + (
                ("intensity_spike",) if intensity.spike else ())
    times = []
    for index, activity in enumerate(history):
        if index < len(history) - new - 60:
            continue
        runs = [r for r in runs_all if r.start_local <= activity.start_local]
        known = [e for e in entries if e.day <= activity.day]
        t0 = time.thread_time()
        result = fn(activity, runs, known, flags)
        elapsed = time.thread_time() - t0
        if index >= len(history) - new:
            times.append(elapsed)
        if result is not None and hasattr(result, "flags"):
            flags[activity.id] = result.flags
    return times


def ours(activity, runs, entries, flags):
    return assess(activity, runs, entries, AthleteProfile(sex="M"), past_flags=flags)


def with_pandas(activity, runs, entries, flags):
    return pandas_metrics(runs, activity)


def parser_ratios(repeat: int = 2000) -> dict[str, float]:
    """The reader's cost on a typical description, as ratios measured in this run:

    * vs ``str.lower()`` + ``split()`` of the same text (the least any reader must do);
    * 10x the text vs the text (linear: about 10, far from 100).
    """
    text = " ".join(d for d in DESCRIPTIONS if d)

    def best(fn, arg, n):
        t0 = time.thread_time()
        for _ in range(n):
            fn(arg)
        return (time.thread_time() - t0) / n

    ours_s = floor_s = ten_s = float("inf")
    gc.disable()  # its pauses depend on the heap, not on the text
    try:
        for _ in range(5):  # alternate, keep the least disturbed of each
            ours_s = min(ours_s, best(parse_soreness, text, repeat // 100))
            floor_s = min(floor_s, best(lambda t: t.lower().split(), text, repeat))
            ten_s = min(ten_s, best(parse_soreness, (text + " ") * 10, repeat // 1000))
    finally:
        gc.enable()
    return {"text_chars": len(text), "parse_s": ours_s, "vs_lower_split": ours_s / floor_s, "ten_x": ten_s / ours_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new", type=int, default=200, help="activities assessed per history")
    args = parser.parse_args()
    one = synthetic_history(1)
    ten = synthetic_history(10)
    print(f"history: 1 year = {sum(a.is_run for a in one)} runs, 10 years = {sum(a.is_run for a in ten)} runs")
    t1 = statistics.median(per_activity_s(one, args.new, ours))
    t10 = statistics.median(per_activity_s(ten, args.new, ours))
    p10 = statistics.median(per_activity_s(ten, min(args.new, 50), with_pandas))
    print(f"ours, 1 year:    {t1 * 1e3:.3f} ms per activity (median)")
    print(f"ours, 10 years:  {t10 * 1e3:.3f} ms per activity (median)")
    print(f"pandas, 10 years (load metrics only): {p10 * 1e3:.3f} ms per activity")
    print(f"ratio 10y/1y (ours):        {t10 / t1:.2f}  (must stay under 3)")
    print(f"ratio ours/pandas, 10 years: {t10 / p10:.3f}  (full assessment vs pandas load metrics)")
    reader = parser_ratios()
    print(f"reader, one {reader['text_chars']}-character description: {reader['parse_s'] * 1e3:.3f} ms")
    print(f"ratio reader / str.lower()+split(): {reader['vs_lower_split']:.0f}")
    print(f"ratio reader 10x text / 1x text:    {reader['ten_x']:.1f}  (linear: about 10)")


if __name__ == "__main__":
    main()
