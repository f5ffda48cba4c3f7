"""A small, normalised view of a Strava activity: just what the insights need.

Strava's DetailedActivity has dozens of fields, most optional. We keep the few
that load, intensity and soreness depend on, and treat anything missing as
normal: a manual run has no heart rate, a treadmill run has no pace worth
trusting, an old export has no ``sport_type``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date, datetime
from typing import Any, Mapping

RUN_SPORTS = frozenset({"Run", "TrailRun", "VirtualRun"})


@dataclass(frozen=True)
class Activity:
    id: int
    sport_type: str
    start_local: datetime
    distance_km: float = 0.0
    moving_s: int | None = None
    elapsed_s: int | None = None
    average_heartrate: float | None = None
    max_heartrate: float | None = None
    perceived_exertion: float | None = None
    suffer_score: float | None = None
    average_speed: float | None = None  # metres per second, as Strava gives it
    name: str = ""
    description: str = ""
    private_note: str = ""
    visibility: str | None = None  # Strava: "everyone", "followers_only" or "only_me"; None when unknown
    workout_type: int | None = None  # Strava: for runs 0 default, 1 race, 2 long run, 3 workout
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_run(self) -> bool:
        return self.sport_type in RUN_SPORTS

    @property
    def is_race(self) -> bool:
        """A run the runner marked as a race (Strava's ``workout_type`` 1 for runs)."""
        return self.is_run and self.workout_type == 1

    @property
    def only_me(self) -> bool:
        """Visible to the runner alone: the one case where a note may say what the private note says.
        Unknown visibility counts as public."""
        return self.visibility == "only_me"

    @cached_property
    def day(self) -> date:
        """The athlete's local date: every per-day rule keys on this."""
        return self.start_local.date()

    @property
    def minutes(self) -> float | None:
        seconds = self.moving_s or self.elapsed_s
        return seconds / 60.0 if seconds else None

    def with_text(self, *, name: str | None = None, description: str | None = None) -> "Activity":
        return replace(
            self,
            name=self.name if name is None else name,
            description=self.description if description is None else description,
        )


def _get(source: Any, key: str) -> Any:
    if isinstance(source, Mapping):
        return source.get(key)
    return getattr(source, key, None)


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    # stravalib wraps some quantities (pint) and durations (timedelta-like)
    for attr in ("magnitude", "total_seconds"):
        inner = getattr(value, attr, None)
        if inner is not None:
            value = inner() if callable(inner) else inner
            break
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # drop NaN


def _int(value: Any) -> int | None:
    number = _number(value)
    return int(round(number)) if number is not None else None


def _local_start(source: Any) -> datetime:
    value = _get(source, "start_date_local") or _get(source, "start_date")
    if value is None:
        raise ValueError("activity has no start_date_local")
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).replace("Z", "+00:00")
        parsed = datetime.fromisoformat(text)
    # start_date_local is wall-clock time; Strava marks it with a bogus "Z".
    return parsed.replace(tzinfo=None)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _sport(source: Any) -> str:
    value = _get(source, "sport_type") or _get(source, "type") or ""
    # stravalib wraps the enum in a RootModel; its .root is the string
    value = getattr(value, "root", value)
    return str(getattr(value, "value", value))


def _visibility(source: Any) -> str | None:
    value = _get(source, "visibility")
    value = getattr(value, "value", value)
    if value:
        return str(value)
    # older payloads carry only ``private``: a private activity is visible to its owner alone
    return "only_me" if _get(source, "private") is True else None


def activity_from_strava(source: Any) -> Activity:
    """Normalise a DetailedActivity (a JSON dict, or stravalib's model)."""
    activity_id = _get(source, "id")
    if activity_id is None:
        raise ValueError("activity has no id")
    distance_m = _number(_get(source, "distance")) or 0.0
    return Activity(
        id=int(activity_id),
        sport_type=_sport(source),
        start_local=_local_start(source),
        distance_km=distance_m / 1000.0,
        moving_s=_int(_get(source, "moving_time")),
        elapsed_s=_int(_get(source, "elapsed_time")),
        average_heartrate=_number(_get(source, "average_heartrate")),
        max_heartrate=_number(_get(source, "max_heartrate")),
        perceived_exertion=_number(_get(source, "perceived_exertion")),
        suffer_score=_number(_get(source, "suffer_score")),
        average_speed=_number(_get(source, "average_speed")),
        name=_text(_get(source, "name")),
        description=_text(_get(source, "description")),
        private_note=_text(_get(source, "private_note")),
        visibility=_visibility(source),
        workout_type=_int(_get(source, "workout_type")),
    )
