"""The store: athletes, tokens, activities, soreness, notes and deletion."""

import hashlib
import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connector.crypto import TokenCipher, TokenDecryptError
from insights.activities import Activity
from webhook import inbox, store

ATHLETE = 987654321
OTHER = 123456789
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
T0 = int(NOW.timestamp())
TOKENS = {"access_token": "access-1", "refresh_token": "refresh-1", "expires_at": T0 + 21600}
SCOPE = "read,activity:read_all,activity:write"


def profile(athlete_id=ATHLETE, **changes):
    return {"id": athlete_id, "firstname": "Ada", "sex": "F",
            "measurement_preference": "meters", **changes}


def run(activity_id, start, km=10.0, sport="Run", **fields):
    return Activity(id=activity_id, sport_type=sport, start_local=start, distance_km=km, **fields)


@pytest.fixture
def athlete(db, cipher):
    return store.save_athlete(db, profile(), TOKENS, SCOPE, cipher, now=NOW)


# -- athletes and tokens ----------------------------------------------------


def test_save_athlete_stores_profile_scope_and_defaults(athlete):
    assert athlete == {
        "id": ATHLETE, "firstname": "Ada", "sex": "F", "measurement_preference": "meters",
        "scope": SCOPE, "expires_at": T0 + 21600, "note_mode": "auto", "max_heartrate": None,
        "needs_reconnect": False, "connected_at": T0, "updated_at": T0, "backfilled_at": None,
    }


def test_save_athlete_accepts_stravalib_models_and_scope_lists(db, cipher):
    class Enum:  # stravalib wraps some strings like this
        def __init__(self, value):
            self.root = SimpleNamespace(value=value)

    model = SimpleNamespace(id=OTHER, firstname=None, sex=None, measurement_preference=Enum("feet"))
    tokens = SimpleNamespace(**TOKENS)
    saved = store.save_athlete(db, model, tokens, ["read", "activity:write"], cipher, now=T0)
    assert (saved["firstname"], saved["sex"]) == ("", None)
    assert saved["measurement_preference"] == "feet"
    assert saved["scope"] == "read,activity:write"


def test_an_unknown_measurement_preference_falls_back_to_meters(db, cipher):
    saved = store.save_athlete(db, profile(measurement_preference="furlongs"), TOKENS, SCOPE,
                               cipher, now=NOW)
    assert saved["measurement_preference"] == "meters"


def test_reconnecting_keeps_settings_and_first_connection(db, cipher, athlete):
    store.set_note_mode(db, ATHLETE, "always", now=NOW)
    store.set_max_heartrate(db, ATHLETE, 188, now=NOW)
    store.mark_needs_reconnect(db, ATHLETE, now=NOW)
    later = NOW + timedelta(days=3)
    fresh = {"access_token": "access-2", "refresh_token": "refresh-2", "expires_at": T0 + 99}
    again = store.save_athlete(db, profile(firstname="Ada L."), fresh, "read", cipher, now=later)
    assert again["firstname"] == "Ada L."
    assert again["scope"] == "read"
    assert (again["note_mode"], again["max_heartrate"]) == ("always", 188)
    assert again["needs_reconnect"] is False
    assert (again["connected_at"], again["updated_at"]) == (T0, int(later.timestamp()))
    assert store.athlete_tokens(db, ATHLETE, cipher).access_token == "access-2"


def test_get_athlete_never_returns_tokens(db, athlete):
    row = store.get_athlete(db, ATHLETE)
    assert "access_token" not in row and "refresh_token" not in row
    assert store.get_athlete(db, OTHER) is None
    assert [a["id"] for a in store.list_athletes(db)] == [ATHLETE]


def test_athlete_tokens_decrypts(db, cipher, athlete):
    tokens = store.athlete_tokens(db, ATHLETE, cipher)
    assert (tokens.access_token, tokens.refresh_token, tokens.expires_at) == (
        "access-1", "refresh-1", T0 + 21600)
    assert "access-1" not in repr(tokens) and "refresh-1" not in repr(tokens)
    assert store.athlete_tokens(db, OTHER, cipher) is None


def test_athlete_tokens_with_another_key_raises_clearly(db, athlete):
    with pytest.raises(TokenDecryptError):
        store.athlete_tokens(db, ATHLETE, TokenCipher("another key"))


def test_save_tokens_stores_the_rotated_pair_and_clears_reconnect(db, cipher, athlete):
    store.mark_needs_reconnect(db, ATHLETE, now=NOW)
    assert store.get_athlete(db, ATHLETE)["needs_reconnect"] is True
    assert store.save_tokens(db, ATHLETE, "access-2", "refresh-2", T0 + 40000, cipher, now=NOW)
    tokens = store.athlete_tokens(db, ATHLETE, cipher)
    assert (tokens.access_token, tokens.refresh_token, tokens.expires_at) == (
        "access-2", "refresh-2", T0 + 40000)
    assert store.get_athlete(db, ATHLETE)["needs_reconnect"] is False
    assert store.save_tokens(db, OTHER, "a", "r", 1, cipher, now=NOW) is False


def test_settings_are_validated(db, athlete):
    with pytest.raises(ValueError):
        store.set_note_mode(db, ATHLETE, "never", now=NOW)
    with pytest.raises(ValueError):
        store.set_max_heartrate(db, ATHLETE, 20, now=NOW)
    assert store.set_max_heartrate(db, ATHLETE, None, now=NOW)
    assert store.set_note_mode(db, OTHER, "always", now=NOW) is False


def test_naive_datetimes_are_refused(db, cipher):
    with pytest.raises(ValueError, match="timezone-aware"):
        store.save_athlete(db, profile(), TOKENS, SCOPE, cipher, now=datetime(2025, 3, 1))


# -- activities -------------------------------------------------------------


def test_activity_round_trips(db, athlete):
    original = run(1, datetime(2025, 3, 1, 7, 30), 12.34, moving_s=3600, elapsed_s=3700,
                   average_heartrate=151.5, max_heartrate=178.0, perceived_exertion=6.0,
                   suffer_score=88.0, average_speed=3.43, name="Morning #upperback 4",
                   description="felt ok", private_note="tight traps")
    store.upsert_activity(db, ATHLETE, original, {"id": 1, "distance": 12340}, NOW)
    assert store.get_activity(db, 1) == original
    assert store.activity_owner(db, 1) == ATHLETE
    row = db["activities"].get(1)
    assert (row["day"], row["start_local"]) == ("2025-03-01", "2025-03-01T07:30:00")
    assert json.loads(row["raw_json"]) == {"id": 1, "distance": 12340}
    assert store.get_activity(db, 2) is None and store.activity_owner(db, 2) is None


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=1e6)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(activity=st.builds(
    Activity,
    id=st.integers(1, 2**62),
    sport_type=st.sampled_from(["Run", "TrailRun", "Ride", "Swim"]),
    start_local=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1))
    .map(lambda d: d.replace(microsecond=0)),
    distance_km=finite,
    moving_s=st.none() | st.integers(0, 10**6),
    elapsed_s=st.none() | st.integers(0, 10**6),
    average_heartrate=st.none() | finite,
    max_heartrate=st.none() | finite,
    perceived_exertion=st.none() | finite,
    suffer_score=st.none() | finite,
    average_speed=st.none() | finite,
    name=st.text(),
    description=st.text(),
    private_note=st.text(),
))
def test_any_activity_round_trips(db, athlete, activity):
    store.upsert_activity(db, ATHLETE, activity, None, NOW)
    assert store.get_activity(db, activity.id) == activity


def test_upsert_replaces_the_stored_copy(db, athlete):
    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7), 10), {"v": 1}, T0)
    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7), 11, name="Edited"), None,
                          T0 + 60)
    assert store.get_activity(db, 1).distance_km == 11
    assert store.get_activity(db, 1).name == "Edited"
    assert db["activities"].count == 1
    assert db["activities"].get(1)["fetched_at"] == T0 + 60


def test_activities_for_orders_and_bounds(db, athlete):
    store.upsert_activity(db, ATHLETE, run(3, datetime(2025, 3, 3, 18)), None, NOW)
    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7)), None, NOW)
    store.upsert_activity(db, ATHLETE, run(2, datetime(2025, 3, 3, 6), sport="Ride"), None, NOW)
    ids = lambda acts: [a.id for a in acts]  # noqa: E731
    assert ids(store.activities_for(db, ATHLETE)) == [1, 2, 3]
    assert ids(store.activities_for(db, ATHLETE, since=date(2025, 3, 2))) == [2, 3]
    assert ids(store.activities_for(db, ATHLETE, until=date(2025, 3, 3))) == [1, 2, 3]
    assert ids(store.activities_for(db, ATHLETE, until=datetime(2025, 3, 3, 6))) == [1, 2]
    assert ids(store.activities_for(db, ATHLETE, runs_only=True)) == [1, 3]
    assert store.activities_for(db, OTHER) == []


def test_runs_until_gives_the_known_runs(db, athlete):
    for activity in (run(1, datetime(2025, 3, 1, 7)), run(2, datetime(2025, 3, 2, 7), sport="Ride"),
                     run(3, datetime(2025, 3, 2, 7), sport="TrailRun"),
                     run(4, datetime(2025, 3, 2, 19), sport="VirtualRun")):
        store.upsert_activity(db, ATHLETE, activity, None, NOW)
    assert [a.id for a in store.runs_until(db, ATHLETE, datetime(2025, 3, 2, 7))] == [1, 3]
    assert [a.id for a in store.runs_until(db, ATHLETE, date(2025, 3, 2))] == [1, 3, 4]
    assert [a.id for a in store.runs_until(db, ATHLETE, date(2025, 3, 2),
                                           since=date(2025, 3, 2))] == [3, 4]


def test_runs_until_are_the_stored_runs_without_their_words(db, athlete):
    """The load metrics' lean read gives the same runs as the full one, every
    number included, with the text (which no metric reads) left empty."""
    stored = [
        replace(run(1, datetime(2025, 3, 1, 23, 59)), average_heartrate=151.5, max_heartrate=178, moving_s=3000,
                elapsed_s=3100, perceived_exertion=6, suffer_score=40, average_speed=3.1,
                name="Long one #upperback 4", description="felt good", private_note="tight traps"),
        run(2, datetime(2025, 3, 2, 0, 0), sport="TrailRun"),
        run(3, datetime(2025, 3, 3, 7), sport="Ride"),
    ]
    for activity in stored:
        store.upsert_activity(db, ATHLETE, activity, None, NOW)
    full = store.activities_for(db, ATHLETE, runs_only=True)
    lean = store.runs_until(db, ATHLETE, date(2025, 3, 3))
    assert lean == [replace(a, name="", description="", private_note="") for a in full]
    assert [a.day for a in lean] == [date(2025, 3, 1), date(2025, 3, 2)]
    assert lean[0].average_heartrate == 151.5 and lean[0].perceived_exertion == 6
    assert [a.id for a in store.runs_until(db, ATHLETE, datetime(2025, 3, 1, 23, 59))] == [1]
    assert [a.id for a in store.runs_until(db, ATHLETE, date(2025, 3, 3), since=date(2025, 3, 2))] == [2]


def test_delete_activity_takes_its_report_and_note(db, athlete):
    for activity_id in (1, 2):
        store.upsert_activity(db, ATHLETE, run(activity_id, datetime(2025, 3, activity_id, 7)),
                              None, NOW)
        for source in ("title", "private_note"):  # every text's report goes with the activity
            store.save_soreness(db, ATHLETE, day=date(2025, 3, activity_id), source=source,
                                sore=True, activity_id=activity_id, reported_at=NOW)
        store.save_note(db, ATHLETE, activity_id, outcome="skipped", posted_at=NOW)
    assert store.delete_activity(db, 1) is True
    assert store.get_activity(db, 1) is None and store.get_note(db, 1) is None
    assert [r["activity_id"] for r in store.soreness_for(db, ATHLETE)] == [2, 2]
    assert store.get_note(db, 2) is not None
    assert store.delete_activity(db, 1) is False


def test_purge_raw_keeps_the_numbers(db, athlete):
    old, new = run(1, datetime(2025, 2, 1, 7), 8), run(2, datetime(2025, 2, 28, 7), 9)
    store.upsert_activity(db, ATHLETE, old, {"id": 1}, NOW - timedelta(days=8))
    store.upsert_activity(db, ATHLETE, new, {"id": 2}, NOW - timedelta(days=1))
    assert store.purge_raw(db, NOW - timedelta(days=7)) == 1
    assert db["activities"].get(1)["raw_json"] is None
    assert db["activities"].get(2)["raw_json"] == '{"id":2}'
    assert store.get_activity(db, 1) == old
    assert store.purge_raw(db, NOW - timedelta(days=7)) == 0


# -- soreness ---------------------------------------------------------------


def test_one_soreness_report_per_text_of_an_activity(db, athlete):
    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7)), None, NOW)
    first = store.save_soreness(db, ATHLETE, day=date(2025, 3, 1), source="title", sore=True,
                                severity=4, activity_id=1, reported_at=NOW)
    again = store.save_soreness(db, ATHLETE, day=date(2025, 3, 1), source="title", sore=True,
                                severity=6, qualifiers=["worse_on_waking"], red_flags=["fever"],
                                activity_id=1, reported_at=NOW + timedelta(hours=1))
    assert first == again
    [report] = store.soreness_for(db, ATHLETE)
    assert report["severity"] == 6 and report["sore"] is True
    assert report["day"] == date(2025, 3, 1)
    assert (report["qualifiers"], report["red_flags"]) == (["worse_on_waking"], ["fever"])
    # the private note adds a qualifier to the title's report: a row of its own, sore unknown
    store.save_soreness(db, ATHLETE, day=date(2025, 3, 1), source="private_note", sore=None,
                        qualifiers=["sharp"], activity_id=1, reported_at=NOW + timedelta(hours=1))
    assert [(r["source"], r["sore"]) for r in store.soreness_for(db, ATHLETE)] == [
        ("title", True), ("private_note", None)]
    assert store.clear_activity_soreness(db, 1) is True
    assert store.soreness_for(db, ATHLETE) == []


def test_one_checkin_per_day_alongside_activity_reports(db, athlete):
    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7)), None, NOW)
    store.save_soreness(db, ATHLETE, day=date(2025, 3, 1), source="description", sore=True,
                        activity_id=1, reported_at=NOW)
    for sore in (True, False):
        store.save_soreness(db, ATHLETE, day=date(2025, 3, 1), source="checkin", sore=sore,
                            reported_at=NOW + timedelta(hours=2))
    store.save_soreness(db, ATHLETE, day=date(2025, 3, 2), source="checkin", sore=False,
                        severity=0, reported_at=NOW + timedelta(days=1))
    reports = store.soreness_for(db, ATHLETE)
    assert [(r["day"].day, r["source"], r["sore"]) for r in reports] == [
        (1, "description", True), (1, "checkin", False), (2, "checkin", False)]
    assert len(store.soreness_for(db, ATHLETE, since=date(2025, 3, 2))) == 1
    assert len(store.soreness_for(db, ATHLETE, until=date(2025, 3, 1))) == 2


def test_soreness_answers_are_the_reports_an_assessment_reads(db, athlete):
    from insights.soreness import SorenessReport

    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7)), None, NOW)
    store.save_soreness(db, ATHLETE, day=date(2025, 3, 1), source="title", sore=True, severity=5,
                        qualifiers=["sharp", "worse_on_waking"], red_flags=["fever"], activity_id=1,
                        reported_at=NOW)
    store.save_soreness(db, ATHLETE, day=date(2025, 3, 1), source="private_note", sore=None,
                        qualifiers=["night_or_rest"], activity_id=1, reported_at=NOW)
    store.save_soreness(db, ATHLETE, day=date(2025, 3, 3), source="checkin", sore=False, severity=0,
                        reported_at=NOW)
    assert store.soreness_answers(db, ATHLETE, since=date(2025, 3, 1)) == [
        (date(2025, 3, 1), 1, "title", SorenessReport(True, 5, frozenset({"sharp", "worse_on_waking"}), ("fever",))),
        (date(2025, 3, 1), 1, "private_note", SorenessReport(None, None, frozenset({"night_or_rest"}))),
        (date(2025, 3, 3), None, "checkin", SorenessReport(False, 0)),
    ]
    assert [a[0] for a in store.soreness_answers(db, ATHLETE, since=date(2025, 3, 2))] == [date(2025, 3, 3)]
    assert store.soreness_answers(db, OTHER, since=date(2025, 1, 1)) == []


@pytest.mark.parametrize("kwargs", [
    {"source": "title"},  # no activity id
    {"source": "activity", "activity_id": 1},  # the old combined source is gone (m009)
    {"source": "checkin", "activity_id": 1},
    {"source": "checkin", "sore": None},
    {"source": "email"},
])
def test_save_soreness_refuses_inconsistent_reports(db, athlete, kwargs):
    with pytest.raises(ValueError):
        store.save_soreness(db, ATHLETE, day=date(2025, 3, 1), reported_at=NOW, **{"sore": True, **kwargs})


# -- notes ------------------------------------------------------------------

NOTE = {
    "advice": ["reduce_load", "warmup", "form"],
    "flags": ["long_run_spike"],
    "metrics": {"week_km": 30.0, "prev_week_km": 20.0, "week_change": 0.5, "acwr": None,
                "longest_run_change": 0.2},
    "soreness": {"reported": True, "severity": 5, "days_running": 2, "red_flags": []},
    "association": None,
    "text": "Your long run jumped 20%…",
}


def test_note_round_trips_as_the_note_object(db, athlete):
    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7)), None, NOW)
    store.save_note(db, ATHLETE, 1, outcome="noted", note=NOTE, posted_at=NOW)
    saved = store.get_note(db, 1)
    assert saved["note"] == NOTE
    assert saved["outcome"] == "noted" and saved["posted_at"] == T0
    assert saved["hash"] == hashlib.sha256(NOTE["text"].encode()).hexdigest()


def test_a_new_note_replaces_the_old_and_skipped_has_none(db, athlete):
    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7)), None, NOW)
    store.save_note(db, ATHLETE, 1, outcome="noted", note=NOTE, posted_at=NOW, hash="h1")
    assert store.get_note(db, 1)["hash"] == "h1"
    store.save_note(db, ATHLETE, 1, outcome="skipped", posted_at=NOW + timedelta(minutes=5))
    saved = store.get_note(db, 1)
    assert (saved["outcome"], saved["note"], saved["hash"]) == ("skipped", None, None)
    assert db["notes"].count == 1
    assert store.get_note(db, 2) is None


def test_the_private_urgent_message_is_kept_with_its_note_and_goes_with_the_runner(db, athlete):
    store.upsert_activity(db, ATHLETE, run(1, datetime(2025, 3, 1, 7)), None, NOW)
    store.save_note(db, ATHLETE, 1, outcome="noted", note=NOTE, posted_at=NOW, private_text="You mentioned: fever.")
    assert db.execute("SELECT private_text FROM notes WHERE activity_id = 1").fetchone() == ("You mentioned: fever.",)
    assert "private_text" not in store.get_note(db, 1)  # the note object (coaches, replay) never carries it
    store.save_note(db, ATHLETE, 1, outcome="noted", note=NOTE, posted_at=NOW)  # assessed again: no longer urgent
    assert db.execute("SELECT private_text FROM notes WHERE activity_id = 1").fetchone() == (None,)
    store.save_note(db, ATHLETE, 1, outcome="noted", note=NOTE, posted_at=NOW, private_text="You mentioned: fever.")
    store.delete_athlete(db, ATHLETE)
    assert db.execute("SELECT count(*) FROM notes WHERE private_text IS NOT NULL").fetchone() == (0,)


# -- deleting an athlete ----------------------------------------------------


def test_delete_athlete_removes_every_row_naming_them(db, cipher):
    for athlete_id, first_activity in ((ATHLETE, 1), (OTHER, 100)):
        store.save_athlete(db, profile(athlete_id), TOKENS, SCOPE, cipher, now=NOW)
        for n in range(2):
            activity_id = first_activity + n
            store.upsert_activity(db, athlete_id, run(activity_id, datetime(2025, 3, 1 + n, 7)),
                                  {"id": activity_id, "athlete": {"id": athlete_id}}, NOW)
            store.save_soreness(db, athlete_id, day=date(2025, 3, 1 + n), source="private_note",
                                sore=True, activity_id=activity_id, reported_at=NOW)
            store.save_note(db, athlete_id, activity_id, outcome="noted", note=NOTE, posted_at=NOW)
            inbox.enqueue(db, {"object_type": "activity", "object_id": activity_id,
                               "aspect_type": "create", "owner_id": athlete_id,
                               "subscription_id": 1, "event_time": T0 + n}, NOW)
        store.save_soreness(db, athlete_id, day=date(2025, 3, 5), source="checkin", sore=False,
                            reported_at=NOW)
        email = f"coach{first_activity}@example.com"
        coach_id = db["coaches"].insert({"name": "Coach", "email": email,
                                         "created_at": T0}).last_pk
        db["coach_links"].insert({"athlete_id": athlete_id, "coach_id": coach_id,
                                  "invite_token": f"tok-{athlete_id}", "consented_at": T0})
        db["outbox"].insert({"athlete_id": athlete_id, "coach_id": coach_id, "channel": "email",
                             "level": "urgent", "dedup_key": f"alert-{athlete_id}",
                             "payload": json.dumps({"athlete_id": athlete_id}),
                             "next_attempt_at": T0, "created_at": T0})
    inbox.enqueue(db, {"object_type": "athlete", "object_id": ATHLETE, "aspect_type": "update",
                       "owner_id": ATHLETE, "updates": {"authorized": "false"},
                       "subscription_id": 1, "event_time": T0 + 9}, NOW)
    assert _rows_naming(db, ATHLETE)
    others_rows = _rows_naming(db, OTHER)

    deleted = store.delete_athlete(db, ATHLETE)

    assert _rows_naming(db, ATHLETE) == []
    assert deleted == {"soreness_reports": 3, "notes": 2, "outbox": 1, "coach_links": 1,
                       "activities": 2, "inbox": 3, "athletes": 1}
    assert _rows_naming(db, OTHER) == others_rows
    assert db["coaches"].count == 2  # coaches are their own data; only the link goes
    assert store.delete_athlete(db, ATHLETE) == dict.fromkeys(deleted, 0)


def _rows_naming(db, athlete_id):
    """Every (table, row) where some value is, or contains, the athlete's id."""
    found = []
    for table in db.table_names():
        for row in db[table].rows:
            if any(value == athlete_id or str(athlete_id) in str(value) for value in row.values()):
                found.append((table, row))
    return found

