"""StravaConnector over real HTTP against the emulator; only the clock is injected."""

from __future__ import annotations

import json
import logging
import socket
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import no_long_sleeps
import requests

from connector.emulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from connector.ratelimit import RateBudget
from connector.strava import (
    ActivityGone,
    Deferred,
    NeedsReconnect,
    Rejected,
    StravaConnector,
    Tokens,
    TransientError,
)
from insights.activities import activity_from_strava

UTC = timezone.utc
SAMPLE = Path(__file__).parent / "data" / "sample"
ATHLETE = 31415926
RUN = 11003000101
T0 = datetime(2024, 3, 10, 10, 7, 30, tzinfo=UTC)
SIX_HOURS = 6 * 60 * 60


class MemoryTokenStore:
    """A TokenStore in a dict that remembers every save (and can be told to fail)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[int, Tokens] = {}
        self.saves: list[tuple[int, Tokens]] = []
        self.on_save = None

    def load(self, athlete_id: int) -> Tokens | None:
        with self._lock:
            return self._tokens.get(athlete_id)

    def save(self, athlete_id: int, tokens: Tokens) -> None:
        if self.on_save is not None:
            self.on_save(athlete_id, tokens)
        with self._lock:
            self._tokens[athlete_id] = tokens
            self.saves.append((athlete_id, tokens))


def tokens_from(answer: dict) -> Tokens:
    return Tokens(answer["access_token"], answer["refresh_token"], int(answer["expires_at"]))


@pytest.fixture
def strava(emulator):
    """The emulator (from conftest) with its clock stopped at T0."""
    emulator.state.clock.set(T0)
    return emulator


@pytest.fixture
def store(strava):
    tokens = MemoryTokenStore()
    tokens._tokens[ATHLETE] = tokens_from(strava.state.issue_tokens(ATHLETE))
    return tokens


def emulated_clock(strava):
    return lambda: datetime.fromtimestamp(strava.state.clock.now(), UTC)


def make_connector(strava, store, **kwargs) -> StravaConnector:
    return StravaConnector(
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
        strava.url,
        store,
        kwargs.pop("budget", None) or RateBudget(),
        clock=emulated_clock(strava),
        **kwargs,
    )


@pytest.fixture
def connector(strava, store):
    with make_connector(strava, store) as made:
        yield made


def api_calls(strava) -> int:
    """How many API requests the emulator has counted in the current day."""
    return strava.state.rates.usage(strava.state.clock.now()).long


def refresh_at_emulator(strava, refresh_token: str) -> requests.Response:
    return requests.post(
        f"{strava.url}/oauth/token",
        data={
            "client_id": DEFAULT_CLIENT_ID,
            "client_secret": DEFAULT_CLIENT_SECRET,
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
        },
        timeout=5,
    )


# -- reading and writing ----------------------------------------------------------


def test_get_activity_is_the_json_strava_sent_and_insights_reads_it(connector):
    activity = connector.get_activity(ATHLETE, RUN)
    assert activity == json.loads((SAMPLE / "activities" / f"{RUN}.json").read_text())
    parsed = activity_from_strava(activity)
    assert parsed.id == RUN
    assert parsed.sport_type == "Run"
    assert parsed.distance_km == pytest.approx(6.02)
    assert parsed.moving_s == 2239
    assert parsed.start_local == datetime(2024, 3, 4, 7, 2, 10)
    assert parsed.average_heartrate == pytest.approx(148.3)


def test_get_athlete_has_the_runners_units(connector):
    athlete = connector.get_athlete(ATHLETE)
    assert athlete["id"] == ATHLETE
    assert athlete["measurement_preference"] == "meters"


def test_every_response_feeds_the_budget(connector):
    connector.get_athlete(ATHLETE)
    connector.get_activity(ATHLETE, RUN)
    assert connector.budget.remaining(T0).short == 100 - 2
    assert connector.budget.remaining(T0).daily == 1000 - 2


def test_update_description_persists_on_strava(strava, connector):
    text = "Easy 6k.\n\n-- Rhomboid --\nWarm up first.\n-- end --"
    updated = connector.update_description(ATHLETE, RUN, text)
    assert updated["description"] == text
    assert strava.state.get_activity(RUN)["description"] == text
    assert connector.get_activity(ATHLETE, RUN)["description"] == text


def test_backfill_pages_through_more_than_200_activities(strava, connector):
    # 245 runs, one every 8 hours back from T0 (all within 90 days), plus 3 older ones
    for n in range(245):
        start = T0 - timedelta(hours=8 * (n + 1))
        strava.state.put_activity(_run(900_000 + n, start), owner_id=ATHLETE)
    for n in range(3):
        strava.state.put_activity(_run(800_000 + n, T0 - timedelta(days=91 + n)), owner_id=ATHLETE)
    before = api_calls(strava)

    found = connector.backfill(ATHLETE, T0, days=90)

    ids = [a["id"] for a in found]
    assert len(ids) == len(set(ids))
    assert {900_000 + n for n in range(245)} <= set(ids)
    assert not {800_000, 800_001, 800_002} & set(ids)
    # nothing that starts after "now": those arrive later through their own events
    assert all(datetime.fromisoformat(a["start_date"].replace("Z", "+00:00")) <= T0 for a in found)
    assert api_calls(strava) - before == 2  # a page of 200, then a short page of 50
    assert all(activity_from_strava(a).is_run for a in found)


def test_list_activities_between_two_times(strava, connector):
    found = connector.list_activities(
        ATHLETE, after=datetime(2024, 3, 5, tzinfo=UTC), before=datetime(2024, 3, 8, tzinfo=UTC)
    )
    starts = [a["start_date"] for a in found]
    assert starts == sorted(starts, reverse=True)
    assert all("2024-03-05" <= s < "2024-03-08" for s in starts)
    assert 0 < len(found) < 5


def _run(activity_id: int, start: datetime) -> dict:
    iso = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "id": activity_id,
        "name": "Run",
        "type": "Run",
        "sport_type": "Run",
        "distance": 5000.0,
        "moving_time": 1800,
        "elapsed_time": 1850,
        "start_date": iso,
        "start_date_local": iso,
    }


# -- errors -------------------------------------------------------------------------


def test_unknown_activity_is_gone(connector):
    with pytest.raises(ActivityGone, match="activity 999 is not on Strava"):
        connector.get_activity(ATHLETE, 999)


def test_deleted_activity_is_gone_for_reads_and_writes(strava, connector):
    strava.state.delete_activity(RUN)
    with pytest.raises(ActivityGone):
        connector.get_activity(ATHLETE, RUN)
    with pytest.raises(ActivityGone):
        connector.update_description(ATHLETE, RUN, "note")


def test_revoked_tokens_need_a_reconnect(strava, connector):
    assert connector.confirm_deauthorized(ATHLETE) is False
    strava.state.revoke_athlete(ATHLETE)
    with pytest.raises(NeedsReconnect, match="must reconnect"):
        connector.get_activity(ATHLETE, RUN)
    assert connector.confirm_deauthorized(ATHLETE) is True


def test_a_refused_refresh_needs_a_reconnect(strava, store, connector):
    strava.state.revoke_athlete(ATHLETE)
    strava.state.clock.advance(SIX_HOURS)
    with pytest.raises(NeedsReconnect, match="refresh was refused"):
        connector.get_activity(ATHLETE, RUN)
    assert store.saves == []
    assert connector.confirm_deauthorized(ATHLETE) is True


def test_an_athlete_without_tokens_needs_a_reconnect(connector):
    with pytest.raises(NeedsReconnect, match="no tokens stored"):
        connector.get_activity(12345, RUN)
    assert connector.confirm_deauthorized(12345) is True


def test_writing_without_the_write_scope_needs_a_reconnect(strava, store, connector):
    store._tokens[ATHLETE] = tokens_from(strava.state.issue_tokens(ATHLETE, "read,activity:read_all"))
    assert connector.get_activity(ATHLETE, RUN)["id"] == RUN
    with pytest.raises(NeedsReconnect, match="activity:write permission"):
        connector.update_description(ATHLETE, RUN, "note")
    assert strava.state.get_activity(RUN).get("description") != "note"


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(strava, connector, status):
    strava.state.faults.add(status, path_prefix="/api/v3/activities")
    with pytest.raises(TransientError, match=str(status)):
        connector.get_activity(ATHLETE, RUN)
    assert connector.get_activity(ATHLETE, RUN)["id"] == RUN  # the fault is used up


def test_a_timeout_is_transient(strava, store):
    # Strava answers after 3 s; a connector that ignored its 0.2 s read timeout would get the activity
    strava.state.faults.set_latency(3.0, "/api/v3/activities")
    with make_connector(strava, store, timeout=(1.0, 0.2)) as slow:
        with pytest.raises(TransientError, match="timed out"):
            slow.get_activity(ATHLETE, RUN)


def test_no_answer_at_all_is_transient(store):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    connector = StravaConnector(
        DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, f"http://127.0.0.1:{port}", store, RateBudget(),
        clock=lambda: T0,
    )
    with connector, pytest.raises(TransientError, match="could not connect"):
        connector.get_activity(ATHLETE, RUN)


# -- rate limits ----------------------------------------------------------------------


def test_a_429_defers_to_the_next_quarter_hour_without_sleeping(strava, connector):
    strava.state.faults.add(429, path_prefix="/api/v3/")
    with no_long_sleeps(), pytest.raises(Deferred) as raised:
        connector.get_activity(ATHLETE, RUN)
    assert raised.value.retry_at == datetime(2024, 3, 10, 10, 15, tzinfo=UTC)
    assert "429" in raised.value.reason

    # until then no request leaves at all
    calls = api_calls(strava)
    with pytest.raises(Deferred) as again:
        connector.get_athlete(ATHLETE)
    assert again.value.retry_at == raised.value.retry_at
    assert api_calls(strava) == calls

    strava.state.clock.set(datetime(2024, 3, 10, 10, 15, tzinfo=UTC))
    assert connector.get_activity(ATHLETE, RUN)["id"] == RUN


def test_a_low_budget_defers_before_calling(strava, connector):
    strava.state.rates.configure(read_short=10)
    made = 0
    with pytest.raises(Deferred) as raised:
        for _ in range(20):
            connector.get_activity(ATHLETE, RUN)
            made += 1
    assert made == 5  # 5 of the 10 kept in hand
    assert strava.state.rates.usage(strava.state.clock.now()).read_short == 5
    assert raised.value.retry_at == datetime(2024, 3, 10, 10, 15, tzinfo=UTC)
    assert "budget" in raised.value.reason


def test_the_days_budget_gone_defers_to_midnight(strava, connector):
    strava.state.rates.configure(read_long=3)
    for _ in range(3):
        connector.get_activity(ATHLETE, RUN)
    with pytest.raises(Deferred) as raised:
        connector.get_activity(ATHLETE, RUN)
    assert raised.value.retry_at == datetime(2024, 3, 11, tzinfo=UTC)
    assert api_calls(strava) == 3


def test_a_429_after_another_process_used_the_day_waits_for_midnight(strava, store, connector):
    strava.state.rates.configure(read_long=3)
    for _ in range(3):
        connector.get_activity(ATHLETE, RUN)
    with make_connector(strava, store) as other_process:  # its budget knows nothing yet
        with pytest.raises(Deferred) as raised:
            other_process.get_activity(ATHLETE, RUN)
    assert raised.value.retry_at == datetime(2024, 3, 11, tzinfo=UTC)
    assert "429" in raised.value.reason


# -- token refresh -------------------------------------------------------------------


def test_a_fresh_token_is_not_refreshed(strava, store, connector):
    strava.state.clock.advance(SIX_HOURS - 11 * 60)  # 11 minutes left
    connector.get_activity(ATHLETE, RUN)
    assert store.saves == []


def test_refresh_rotates_and_persists_before_the_new_token_is_used(strava, store, connector):
    old = store.load(ATHLETE)
    strava.state.clock.advance(SIX_HOURS - 9 * 60)  # 9 minutes left: refresh first
    calls_at_save = []
    store.on_save = lambda athlete_id, tokens: calls_at_save.append(api_calls(strava))
    calls = api_calls(strava)

    assert connector.get_activity(ATHLETE, RUN)["id"] == RUN

    assert calls_at_save == [calls]  # saved before the API call was made
    assert api_calls(strava) == calls + 1
    [(athlete_id, saved)] = store.saves
    assert athlete_id == ATHLETE
    assert saved.refresh_token != old.refresh_token
    assert saved.access_token != old.access_token
    assert saved.expires_at == int(strava.state.clock.now()) + SIX_HOURS
    assert store.load(ATHLETE) == saved
    assert refresh_at_emulator(strava, old.refresh_token).status_code == 400  # the old one is dead


def test_a_failed_save_stops_the_call(strava, store, connector):
    strava.state.clock.advance(SIX_HOURS)

    def broken(athlete_id, tokens):
        raise OSError("disk full")

    store.on_save = broken
    calls = api_calls(strava)
    with pytest.raises(OSError, match="disk full"):
        connector.get_activity(ATHLETE, RUN)
    assert api_calls(strava) == calls


def test_two_threads_with_an_expiring_token_refresh_once(strava, store, connector, caplog):
    caplog.set_level(logging.INFO, logger="connector.strava")
    old = store.load(ATHLETE)
    strava.state.clock.advance(SIX_HOURS - 60)
    # a slow token endpoint, so the second thread arrives while the first refreshes
    strava.state.faults.set_latency(0.2, "/oauth/token")
    start = threading.Barrier(2, timeout=60)
    results, errors = [], []

    def fetch() -> None:
        start.wait()
        try:
            results.append(connector.get_activity(ATHLETE, RUN))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=fetch) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)

    assert errors == []
    assert [r["id"] for r in results] == [RUN, RUN]
    assert len(store.saves) == 1
    assert caplog.text.count("tokens refreshed") == 1
    assert "refreshed elsewhere" not in caplog.text  # the second thread never tried the dead token
    rotated = store.load(ATHLETE)
    assert rotated.refresh_token not in (old.refresh_token, None)
    assert refresh_at_emulator(strava, old.refresh_token).status_code == 400

    # the stored refresh token is the live one: the next refresh works
    strava.state.faults.set_latency(0)
    strava.state.clock.advance(SIX_HOURS)
    connector.get_activity(ATHLETE, RUN)
    assert len(store.saves) == 2


def test_a_refresh_done_by_another_process_is_picked_up(strava, store, connector, caplog):
    caplog.set_level(logging.INFO, logger="connector.strava")
    stale = store.load(ATHLETE)
    strava.state.clock.advance(SIX_HOURS)
    # another process refreshed and saved; this connector still holds the old tokens
    fresh = tokens_from(refresh_at_emulator(strava, stale.refresh_token).json())
    loads = iter([stale, stale, fresh])
    original = store.load
    store.load = lambda athlete_id: next(loads, None) or original(athlete_id)
    store._tokens[ATHLETE] = fresh

    assert connector.get_activity(ATHLETE, RUN)["id"] == RUN
    assert store.saves == []
    assert "refreshed elsewhere" in caplog.text


def test_tokens_never_reach_the_log(strava, store, connector, caplog):
    caplog.set_level(logging.DEBUG)
    old = store.load(ATHLETE)
    strava.state.clock.advance(SIX_HOURS)
    connector.get_activity(ATHLETE, RUN)
    strava.state.faults.add(500)
    with pytest.raises(TransientError):
        connector.get_athlete(ATHLETE)
    connector.list_subscriptions()  # sends the client secret in its query
    new = store.load(ATHLETE)
    assert "tokens refreshed" in caplog.text  # the log has context...
    connector_lines = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("connector"))
    assert str(ATHLETE) not in connector_lines  # ...but names no runner: logs outlive a deletion
    for secret in (old.access_token, old.refresh_token, new.access_token, new.refresh_token):
        assert secret not in caplog.text  # ...and no tokens
    # Strava wants the client secret in this GET's query string, which urllib3
    # logs at DEBUG; our own log lines and stravalib's never carry it.
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("urllib3"))
    assert DEFAULT_CLIENT_SECRET not in ours
    assert old.access_token not in repr(old)


# -- deauthorization ---------------------------------------------------------------


def test_deauthorize_revokes_on_strava(strava, connector):
    connector.deauthorize(ATHLETE)
    assert strava.state.athletes()[0]["authorized_scopes"] is None
    assert connector.confirm_deauthorized(ATHLETE) is True
    connector.deauthorize(ATHLETE)  # twice is fine


# -- the push subscription -----------------------------------------------------------


VERIFY_TOKEN = "verify-me"  # what conftest's callback_server answers the handshake for


@pytest.fixture
def callback_url(callback_server):
    return callback_server().url + "/strava/webhook/secret-path"


def test_subscription_create_list_delete(strava, connector, callback_url):
    assert connector.list_subscriptions() == []
    subscription_id = connector.create_subscription(callback_url, VERIFY_TOKEN)
    [listed] = connector.list_subscriptions()
    assert listed["id"] == subscription_id
    assert listed["callback_url"] == callback_url
    connector.delete_subscription(subscription_id)
    assert connector.list_subscriptions() == []


def test_subscription_with_a_wrong_verify_token_is_rejected(strava, connector, callback_url):
    with pytest.raises(Rejected, match="callback"):
        connector.create_subscription(callback_url, "not-the-token")
    assert connector.list_subscriptions() == []


def test_deleting_an_unknown_subscription_is_rejected(connector):
    with pytest.raises(Rejected, match="404"):
        connector.delete_subscription(424242)


def test_wrong_client_secret_is_named_as_ours(strava, store):
    wrong = StravaConnector(
        DEFAULT_CLIENT_ID, "wrong-secret", strava.url, store, RateBudget(), clock=emulated_clock(strava)
    )
    with wrong, pytest.raises(Rejected, match="application's credentials"):
        wrong.list_subscriptions()
