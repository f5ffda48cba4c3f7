"""Fixture directories: the Strava side of the world as files.

```
scenario/
  athlete.json        # GET /athlete
  activities/*.json   # one DetailedActivity each
  events.jsonl        # webhook POST bodies, one per line, in delivery order
  coaches.json        # optional: [{"name", "email", "webhook_url", "consented"}]
  expected.json       # optional; not read here
```

Loading checks shape, not meaning: an event naming an activity that is not in
the fixture loads fine, because replay reports that per event. Every error is a
:class:`FixtureError` whose message names the file (and line, where there is one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

EVENT_KEYS = ("object_type", "object_id", "aspect_type", "owner_id", "event_time")


class FixtureError(Exception):
    """A fixture that cannot be loaded; the message names file and line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass
class Fixture:
    path: Path | None
    athlete: dict[str, Any]
    activities: dict[int, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    coaches: list[dict[str, Any]] = field(default_factory=list)

    @property
    def athlete_id(self) -> int:
        return int(self.athlete["id"])

    @property
    def name(self) -> str:
        return self.path.name if self.path else "<inline>"


def _read_json(path: Path, label: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FixtureError(f"{label}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise FixtureError(f"{label}: not UTF-8 text: {error.reason}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FixtureError(
            f"{label}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}"
        ) from None


def _check_athlete(athlete: Any, label: str) -> dict[str, Any]:
    if not isinstance(athlete, dict):
        raise FixtureError(f"{label}: the athlete must be a JSON object")
    if not isinstance(athlete.get("id"), int) or isinstance(athlete.get("id"), bool):
        raise FixtureError(f"{label}: the athlete needs an integer \"id\"")
    return athlete


def _check_activity(activity: Any, label: str) -> dict[str, Any]:
    if not isinstance(activity, dict):
        raise FixtureError(f"{label}: an activity must be a JSON object")
    activity_id = activity.get("id")
    if not isinstance(activity_id, int) or isinstance(activity_id, bool):
        raise FixtureError(f"{label}: the activity needs an integer \"id\"")
    return activity


def check_event(event: Any, label: str) -> dict[str, Any]:
    """Return ``event`` if it is a webhook body with the required keys."""
    if not isinstance(event, dict):
        raise FixtureError(f"{label}: an event must be a JSON object")
    missing = [key for key in EVENT_KEYS if key not in event]
    if missing:
        raise FixtureError(f"{label}: event lacks required keys: {', '.join(missing)}")
    return event


def _check_coaches(coaches: Any, label: str) -> list[dict[str, Any]]:
    if not isinstance(coaches, list):
        raise FixtureError(f"{label}: coaches must be a JSON list")
    for index, coach in enumerate(coaches):
        if not isinstance(coach, dict):
            raise FixtureError(f"{label}: coach #{index + 1} must be a JSON object")
    return coaches


def _load_events(path: Path, label: str) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise FixtureError(f"{label}: cannot read: {error.strerror or error}") from None
    events = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError as error:
            raise FixtureError(
                f"{label}:{number}:{error.colno}: invalid JSON: {error.msg}"
            ) from None
        events.append(check_event(event, f"{label}:{number}"))
    return events


def _index_activities(
    activities: Iterable[tuple[dict[str, Any], str]],
) -> dict[int, dict[str, Any]]:
    by_id: dict[int, dict[str, Any]] = {}
    seen_in: dict[int, str] = {}
    for activity, label in activities:
        activity = _check_activity(activity, label)
        activity_id = activity["id"]
        if activity_id in by_id:
            raise FixtureError(
                f"{label}: activity id {activity_id} is also in {seen_in[activity_id]}"
            )
        by_id[activity_id] = activity
        seen_in[activity_id] = label
    return by_id


def load_fixture(path: str | Path) -> Fixture:
    """Load a fixture directory, or raise FixtureError naming the bad file."""
    root = Path(path)
    if not root.is_dir():
        raise FixtureError(f"{root}: not a fixture directory")
    athlete_path = root / "athlete.json"
    if not athlete_path.is_file():
        raise FixtureError(f"{athlete_path}: missing (every fixture needs athlete.json)")
    athlete = _check_athlete(_read_json(athlete_path, str(athlete_path)), str(athlete_path))

    activity_dir = root / "activities"
    files = sorted(activity_dir.glob("*.json")) if activity_dir.is_dir() else []
    activities = _index_activities((_read_json(f, str(f)), str(f)) for f in files)

    events_path = root / "events.jsonl"
    events = _load_events(events_path, str(events_path)) if events_path.is_file() else []

    coaches_path = root / "coaches.json"
    coaches = (
        _check_coaches(_read_json(coaches_path, str(coaches_path)), str(coaches_path))
        if coaches_path.is_file()
        else []
    )
    return Fixture(root, athlete, activities, events, coaches)


def fixture_from_data(data: Mapping[str, Any], label: str = "<inline fixture>") -> Fixture:
    """Build a Fixture from an in-memory body (as the emulator's admin API takes).

    ``activities`` may be a list of DetailedActivity objects or a mapping id → object.
    """
    if not isinstance(data, Mapping):
        raise FixtureError(f"{label}: a fixture must be a JSON object")
    athlete = _check_athlete(data.get("athlete"), f"{label}: athlete")
    raw_activities = data.get("activities") or []
    if isinstance(raw_activities, Mapping):
        raw_activities = list(raw_activities.values())
    if not isinstance(raw_activities, list):
        raise FixtureError(f"{label}: activities must be a list or an object")
    activities = _index_activities(
        (activity, f"{label}: activities[{index}]")
        for index, activity in enumerate(raw_activities)
    )
    raw_events = data.get("events") or []
    if not isinstance(raw_events, list):
        raise FixtureError(f"{label}: events must be a list")
    events = [
        check_event(event, f"{label}: events[{index}]") for index, event in enumerate(raw_events)
    ]
    coaches = _check_coaches(data.get("coaches") or [], f"{label}: coaches")
    return Fixture(None, athlete, activities, events, coaches)


def write_fixture(fixture: Fixture, directory: str | Path) -> Path:
    """Write ``fixture`` in the replay format; refuses a non-empty directory."""
    target = Path(directory)
    if target.exists() and any(target.iterdir()):
        raise FixtureError(f"{target}: directory is not empty; choose a new one")
    (target / "activities").mkdir(parents=True, exist_ok=True)
    (target / "athlete.json").write_text(json.dumps(fixture.athlete, indent=2, ensure_ascii=False) + "\n")
    for activity_id, activity in sorted(fixture.activities.items()):
        (target / "activities" / f"{activity_id}.json").write_text(
            json.dumps(activity, indent=2, ensure_ascii=False) + "\n"
        )
    (target / "events.jsonl").write_text(
        "".join(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n" for event in fixture.events)
    )
    if fixture.coaches:
        (target / "coaches.json").write_text(json.dumps(fixture.coaches, indent=2, ensure_ascii=False) + "\n")
    return target
