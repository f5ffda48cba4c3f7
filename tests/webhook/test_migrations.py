"""Schema migrations and the database layer (webhook/db.py)."""

import sqlite3
import threading

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlite_utils import Database

from migrations import migrations
from webhook.cli import migrate_command
from webhook.db import get_db, init_app, migrate, open_db, write_transaction

ALL = [m.name for m in migrations.pending(Database(memory=True))]


def schema(db):
    return db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()


def applied(db):
    return [m.name for m in migrations.applied(db)]


@pytest.fixture
def head_schema(tmp_path):
    db = open_db(tmp_path / "head.db")
    migrate(db)
    yield schema(db)
    db.close()


def test_migrations_are_numbered_in_order():
    assert ALL[0] == "m001_initial"
    numbers = [int(name[1:4]) for name in ALL]
    # strictly increasing; a number may be held for a branch not merged yet (m006 for the event pipeline)
    assert numbers == sorted(set(numbers))
    assert all(name[0] == "m" and name[4] == "_" for name in ALL)


def test_migrate_empty_database(db_path):
    db = open_db(db_path)
    assert migrate(db) == ALL
    assert applied(db) == ALL
    assert {
        "athletes", "activities", "soreness_reports", "notes", "inbox",
        "coaches", "coach_links", "outbox", "subscription", "rate_budget",
    } <= set(db.table_names())
    assert db["activities"].columns_dict.keys() >= {
        "id", "athlete_id", "sport_type", "start_local", "day", "distance_km", "moving_s",
        "elapsed_s", "average_heartrate", "max_heartrate", "perceived_exertion",
        "suffer_score", "average_speed", "name", "description", "private_note",
        "raw_json", "fetched_at", "updated_at",
    }
    assert {tuple(i.columns) for i in db["activities"].indexes} >= {("athlete_id", "start_local")}
    assert {tuple(i.columns) for i in db["inbox"].indexes} >= {
        ("next_attempt_at", "id"), ("status", "finished_at"), ("owner_id",), ("object_id",)}


@pytest.mark.parametrize("stop_before", ALL)
def test_migrate_from_every_earlier_version(db_path, head_schema, stop_before):
    db = open_db(db_path)
    migrations.apply(db, stop_before=stop_before)
    assert applied(db) == ALL[: ALL.index(stop_before)]
    if "athletes" in db.table_names():
        db["athletes"].insert({"id": 7, "firstname": "Ada", "connected_at": 1, "updated_at": 1})

    assert migrate(db) == ALL[ALL.index(stop_before):]
    assert applied(db) == ALL
    assert schema(db) == head_schema
    if stop_before != ALL[0]:
        assert db["athletes"].get(7)["firstname"] == "Ada"  # data survives upgrades


def test_applying_twice_changes_nothing(db):
    before = schema(db), list(db.query("SELECT * FROM _sqlite_migrations"))
    budget = list(db.query("SELECT * FROM rate_budget"))
    assert migrate(db) == []
    migrations.apply(db)
    assert (schema(db), list(db.query("SELECT * FROM _sqlite_migrations"))) == before
    assert list(db.query("SELECT * FROM rate_budget")) == budget


def test_rate_budget_starts_at_stravas_documented_limits(db):
    rows = {r["kind"]: r for r in db.query("SELECT * FROM rate_budget")}
    assert (rows["overall"]["short_limit"], rows["overall"]["daily_limit"]) == (200, 2000)
    assert (rows["read"]["short_limit"], rows["read"]["daily_limit"]) == (100, 1000)


def test_every_foreign_key_is_indexed_and_cascades_from_athletes(db):
    for table in db.tables:
        for fk in table.foreign_keys:
            leading = {i.columns[0] for i in table.indexes} | set(table.pks[:1])
            assert fk.column in leading, f"{table.name}.{fk.column} has no index"
        on_delete = {row[3]: row[6] for row in db.execute(f"PRAGMA foreign_key_list({table.name})")}
        if "athlete_id" in on_delete:
            assert on_delete["athlete_id"] == "CASCADE", table.name


def test_deleting_an_athlete_row_cascades(db):
    db.executescript(
        """
        INSERT INTO athletes (id, connected_at, updated_at) VALUES (5, 1, 1);
        INSERT INTO activities
            (id, athlete_id, sport_type, start_local, day, fetched_at, updated_at)
            VALUES (50, 5, 'Run', '2025-01-01T07:00:00', '2025-01-01', 1, 1);
        INSERT INTO soreness_reports (athlete_id, activity_id, day, source, sore, reported_at)
            VALUES (5, 50, '2025-01-01', 'title', 1, 1);
        INSERT INTO notes (activity_id, athlete_id, outcome, posted_at) VALUES (50, 5, 'noted', 1);
        INSERT INTO coaches (id, email, created_at) VALUES (1, 'c@example.com', 1);
        INSERT INTO coach_links (athlete_id, coach_id) VALUES (5, 1);
        INSERT INTO outbox
            (athlete_id, coach_id, channel, level, dedup_key, next_attempt_at, created_at)
            VALUES (5, 1, 'email', 'urgent', 'k', 1, 1);
        """
    )
    db.execute("DELETE FROM athletes WHERE id = 5")
    for table in ("activities", "soreness_reports", "notes", "coach_links", "outbox"):
        assert db[table].count == 0, table
    assert db["coaches"].count == 1


def test_schema_rejects_values_outside_the_domain(db):
    db.execute("INSERT INTO athletes (id, connected_at, updated_at) VALUES (5, 1, 1)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE athletes SET measurement_preference = 'yards' WHERE id = 5")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO soreness_reports (athlete_id, day, source, sore, reported_at)"
            " VALUES (5, '2025-01-01', 'title', 1, 1)"  # a title's report without its activity
        )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO activities (id, athlete_id, sport_type, start_local, day, fetched_at,"
            " updated_at) VALUES (1, 999, 'Run', '2025-01-01T07:00:00', '2025-01-01', 1, 1)"
        )  # unknown athlete: foreign keys are on


def test_open_db_uses_wal_foreign_keys_and_a_busy_timeout(db):
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_a_connection_is_never_shared_across_threads(db):
    errors = []
    thread = threading.Thread(target=lambda: _capture(errors, db.execute, "SELECT 1"))
    thread.start()
    thread.join()
    assert errors and isinstance(errors[0], sqlite3.ProgrammingError)


def test_two_processes_starting_together_migrate_once(db_path):
    # a timeout on the barrier: a thread that fails before it must fail the test, not hang the suite
    barrier = threading.Barrier(4, timeout=60)
    results, errors = [], []

    def start():
        try:
            database = open_db(db_path)
        except Exception as error:  # pragma: no cover - the failure being tested for
            errors.append(error)
            barrier.abort()
            return
        try:
            barrier.wait()
            results.append(migrate(database))
        except Exception as error:  # pragma: no cover - the failure being tested for
            errors.append(error)
        finally:
            database.close()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results, key=len) == [[], [], [], ALL]


@pytest.mark.parametrize("attempt", range(25))
def test_connections_opening_a_new_database_at_once_all_open_it(tmp_path, attempt):
    """Opening a new file switches it to WAL; SQLite once refused about one opener in twenty at once
    ("database is locked", without waiting): serve and worker starting together must both start."""
    path = tmp_path / "new.db"
    barrier = threading.Barrier(6, timeout=60)
    errors = []

    def open_it():
        try:
            barrier.wait()
            open_db(path).close()
        except Exception as error:  # pragma: no cover - the failure being tested for
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_write_transaction_rolls_back_on_error(db):
    with pytest.raises(RuntimeError):
        with write_transaction(db):
            db.execute("INSERT INTO subscription (id, callback_url, created_at) VALUES (1, 'u', 1)")
            raise RuntimeError("boom")
    assert db["subscription"].count == 0
    assert not db.conn.in_transaction


def test_get_db_keeps_one_connection_per_request_and_closes_it(db_path):
    app = Flask(__name__)
    app.config["RHOMBOID_DB"] = str(db_path)
    init_app(app)
    with app.app_context():
        first = get_db()
        assert get_db() is first
        assert migrate(first) == ALL
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")  # closed on teardown
    with app.app_context():
        assert get_db() is not first
    assert "migrate" in app.cli.commands


def test_migrate_command_reports_what_it_applied(db_path):
    runner = CliRunner()
    result = runner.invoke(migrate_command, ["--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert [f"Applied {name}" for name in ALL] == result.output.splitlines()[: len(ALL)]

    again = runner.invoke(migrate_command, ["--db", str(db_path)])
    assert again.exit_code == 0
    assert "already up to date" in again.output


def test_migrate_command_defaults_to_rhomboid_db_env(tmp_path, monkeypatch):
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("RHOMBOID_DB", str(target))
    result = CliRunner().invoke(migrate_command, [])
    assert result.exit_code == 0, result.output
    assert applied(open_db(target)) == ALL


def test_migrate_command_explains_an_unopenable_database(tmp_path):
    result = CliRunner().invoke(migrate_command, ["--db", str(tmp_path / "missing" / "x.db")])
    assert result.exit_code == 1
    assert "cannot open the database" in result.output
    assert "Traceback" not in result.output


def test_migrate_command_has_help():
    result = CliRunner().invoke(migrate_command, ["--help"])
    assert result.exit_code == 0
    assert "Apply pending database migrations" in result.output
    assert "--db FILE" in result.output


def _capture(errors, fn, *args):
    try:
        fn(*args)
    except Exception as error:
        errors.append(error)


def test_migrate_command_reads_rhomboid_db_from_dotenv(tmp_path, monkeypatch):
    monkeypatch.delenv("RHOMBOID_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("RHOMBOID_DB=from-dotenv.db\n")
    result = CliRunner().invoke(migrate_command, [])
    assert result.exit_code == 0, result.output
    assert applied(open_db(tmp_path / "from-dotenv.db")) == ALL


def test_m009_splits_old_combined_reports_by_source_or_keeps_them_private(db_path):
    import json

    db = open_db(db_path)
    migrations.apply(db, stop_before="m009_report_sources")
    raw = {"id": 50, "athlete": {"id": 5}, "name": "Long run #upperback 5", "sport_type": "Run",
           "start_date_local": "2025-01-01T07:00:00Z", "distance": 16000.0, "description": "Windy.",
           "private_note": "worse on a deep breath, chest felt tight"}
    db.execute("INSERT INTO athletes (id, connected_at, updated_at) VALUES (5, 1, 1)")
    for activity_id, payload in ((50, json.dumps(raw)), (51, None)):
        db.execute("INSERT INTO activities (id, athlete_id, sport_type, start_local, day, raw_json, fetched_at,"
                   " updated_at) VALUES (?, 5, 'Run', '2025-01-01T07:00:00', '2025-01-01', ?, 1, 1)",
                   [activity_id, payload])
    db.execute("INSERT INTO soreness_reports (athlete_id, activity_id, day, source, sore, severity, qualifiers,"
               " red_flags, reported_at) VALUES (5, 50, '2025-01-01', 'activity', 1, 5,"
               " '[\"worse_on_deep_breath\"]', '[\"chest_pain\"]', 10)")
    # its raw payload purged and no texts kept: it cannot be split, so it is kept whole and private
    db.execute("INSERT INTO soreness_reports (athlete_id, activity_id, day, source, sore, severity, qualifiers,"
               " red_flags, reported_at) VALUES (5, 51, '2025-01-01', 'activity', 1, 7, '[]', '[\"fever\"]', 11)")
    db.execute("INSERT INTO soreness_reports (athlete_id, day, source, sore, severity, reported_at)"
               " VALUES (5, '2025-01-02', 'checkin', 0, 0, 12)")
    # its raw payload purged, but the texts kept on the row (as the purge leaves them): split by those
    db.execute("INSERT INTO activities (id, athlete_id, sport_type, start_local, day, name, description,"
               " private_note, raw_json, fetched_at, updated_at) VALUES (52, 5, 'Run', '2025-01-03T07:00:00',"
               " '2025-01-03', 'Tempo #upperback 6', 'Breezy.', 'traps aching', NULL, 1, 1)")
    db.execute("INSERT INTO soreness_reports (athlete_id, activity_id, day, source, sore, severity, qualifiers,"
               " red_flags, reported_at) VALUES (5, 52, '2025-01-03', 'activity', 1, 6, '[]', '[]', 13)")
    db.conn.commit()

    assert migrate(db) == ["m009_report_sources"] + ALL[ALL.index("m009_report_sources") + 1:]
    rows = [dict(r) for r in db.query("SELECT activity_id, source, sore, severity, qualifiers, red_flags,"
                                      " reported_at FROM soreness_reports ORDER BY activity_id, source")]
    assert rows == [
        {"activity_id": None, "source": "checkin", "sore": 0, "severity": 0, "qualifiers": "[]",
         "red_flags": "[]", "reported_at": 12},
        {"activity_id": 50, "source": "private_note", "sore": None, "severity": None,
         "qualifiers": '["worse_on_deep_breath"]', "red_flags": '["chest_pain"]', "reported_at": 10},
        {"activity_id": 50, "source": "title", "sore": 1, "severity": 5, "qualifiers": "[]",
         "red_flags": "[]", "reported_at": 10},
        {"activity_id": 51, "source": "private_note", "sore": 1, "severity": 7, "qualifiers": "[]",
         "red_flags": '["fever"]', "reported_at": 11},
        {"activity_id": 52, "source": "private_note", "sore": 1, "severity": None, "qualifiers": "[]",
         "red_flags": "[]", "reported_at": 13},
        {"activity_id": 52, "source": "title", "sore": 1, "severity": 6, "qualifiers": "[]",
         "red_flags": "[]", "reported_at": 13},
    ]
    db.close()
