"""Opening the database, migrating it, and one connection per Flask request.

SQLite connections are never shared across threads: every request, job and
worker opens its own with :func:`open_db` (and the connection refuses to be
used from another thread). WAL mode lets readers carry on while one writer
writes; the busy timeout makes a writer wait for the lock instead of failing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from flask import Flask, current_app, g
from sqlite_utils import Database

from migrations import migrations
from webhook.config import default_db_path

BUSY_TIMEOUT_S = 5.0
T = TypeVar("T")


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) the database at ``path``, ready for use.

    Does not migrate: call :func:`migrate` at start-up.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    try:
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        db.execute("PRAGMA foreign_keys = ON")
        # deleted rows are overwritten with zeros, not left in free space:
        # a deleted runner must not be recoverable from the file
        db.execute("PRAGMA secure_delete = ON")
        if str(path) != ":memory:":
            _enable_wal(db)
            # with WAL, NORMAL loses no committed data when the process
            # crashes, only (at worst) the last transactions on a power cut
            db.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return db


def when_unlocked(action: Callable[[], T], pause_s: float) -> T:
    """``action()``, asked again every ``pause_s`` while SQLite answers "database is locked", for up to
    the busy timeout; for the locks SQLite's own busy handler does not wait for, or waits for too coarsely."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(pause_s)


def _enable_wal(db: Database) -> None:
    """Switch a database to WAL, waiting out others doing the same.

    Processes that open a new database at the same moment (``serve`` and
    ``worker`` started together) each switch it to WAL; SQLite answers one
    of them "database is locked" at once, without its busy timeout, in about
    one start in twenty. Asking again shortly after succeeds.
    """
    when_unlocked(db.enable_wal, WAL_RETRY_S)


WAL_RETRY_S = 0.01


class DatabaseUnavailable(Exception):
    """The database file cannot be opened or migrated; the message names the file."""

    def __init__(self, path: str | Path, error: Exception) -> None:
        super().__init__(f"cannot open the database {path}: {error}")
        self.path = str(path)


def open_migrated(path: str | Path) -> Database:
    """Open the database at ``path`` and apply pending migrations, or raise DatabaseUnavailable."""
    try:
        db = open_db(path)
    except sqlite3.Error as error:
        raise DatabaseUnavailable(path, error) from None
    try:
        migrate(db)
    except sqlite3.Error as error:
        db.close()
        raise DatabaseUnavailable(path, error) from None
    return db


def migrate(db: Database) -> list[str]:
    """Apply pending migrations; return the names applied (empty if none)."""
    pending = migrations.pending(db)
    if not pending:
        return []
    if all(m.transactional for m in pending):
        # One write transaction around the lot: a web process and the worker
        # starting together must not both try to create the same tables.
        with write_transaction(db):
            pending = migrations.pending(db)
            migrations.apply(db)
    else:
        migrations.apply(db)
    return [m.name for m in pending]


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock at BEGIN.

    ``db.atomic()`` begins a deferred transaction: if it reads first and
    another connection writes meanwhile, its own write fails with "database
    is locked" without waiting. BEGIN IMMEDIATE waits (busy timeout) up front
    instead. Nested use becomes a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def epoch_s(moment: datetime | int | float) -> int:
    """UTC epoch seconds for an aware datetime (or epoch seconds as given)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            raise ValueError(f"naive datetime {moment.isoformat()}: pass a timezone-aware time")
        return int(moment.timestamp())
    if isinstance(moment, bool) or not isinstance(moment, (int, float)):
        raise TypeError(f"expected a datetime or epoch seconds, got {moment!r}")
    return int(moment)


# -- Flask ------------------------------------------------------------------


def get_db() -> Database:
    """The request's database connection, opened on first use."""
    if "db" not in g:
        g.db = open_db(current_app.config.get("RHOMBOID_DB") or default_db_path())
    return g.db


def close_db(exception: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app: Flask) -> None:
    """Close the connection after each request and add ``flask migrate``."""
    app.config.setdefault("RHOMBOID_DB", default_db_path())
    from webhook.cli import migrate_command

    app.teardown_appcontext(close_db)
    app.cli.add_command(migrate_command)
