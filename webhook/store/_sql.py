"""SQL helpers shared by the store modules."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database


def upsert(
    db: Database, table: str, row: dict, conflict: str, *, keep: Iterable[str] = ()
) -> int:
    """INSERT, or UPDATE every column but ``keep`` on a ``conflict``; return the rowid."""
    columns = ", ".join(row)
    placeholders = ", ".join(f":{c}" for c in row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in keep)
    # query(), not execute(): it steps a RETURNING statement to completion
    # and commits it
    rows = db.query(
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT {conflict} DO UPDATE SET {updates} RETURNING rowid AS rowid",
        row,
    )
    return next(rows)["rowid"]


def local_iso(value: date | datetime) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise ValueError("local wall-clock times are naive, like Strava's start_date_local")
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def get(source: Any, key: str) -> Any:
    return source.get(key) if isinstance(source, Mapping) else getattr(source, key, None)


def plain(value: Any) -> Any:
    """stravalib wraps some strings in enums or RootModels."""
    value = getattr(value, "root", value)
    return getattr(value, "value", value)


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)
