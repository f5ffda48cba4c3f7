"""The durable inbox: dedup, claims, retries with backoff, dead letters."""

import threading
import time

import pytest

from webhook import inbox
from webhook.db import open_db

T0 = 1_740_830_400


def event(object_id=1, **changes):
    return {"object_type": "activity", "object_id": object_id, "aspect_type": "create",
            "owner_id": 42, "subscription_id": 7, "event_time": T0, "updates": {}, **changes}


def claim_one(db, now=T0, **kwargs):
    [claimed] = inbox.claim(db, now, **kwargs)
    return claimed


# -- dedup and enqueue ------------------------------------------------------


def test_dedup_key_ignores_key_order_and_id_spelling():
    a = event(updates={"title": "Run", "type": "Run"})
    b = dict(reversed(list(a.items())), updates={"type": "Run", "title": "Run"})
    assert inbox.dedup_key(a) == inbox.dedup_key(b)
    assert inbox.dedup_key(a) == inbox.dedup_key({**a, "object_id": "1", "event_time": str(T0)})
    assert inbox.dedup_key(event()) == inbox.dedup_key({**event(), "updates": None})


@pytest.mark.parametrize("change", [
    {"subscription_id": 8}, {"object_type": "athlete"}, {"object_id": 2},
    {"aspect_type": "update"}, {"event_time": T0 + 1}, {"updates": {"title": "New"}},
])
def test_dedup_key_tells_different_events_apart(change):
    assert inbox.dedup_key(event()) != inbox.dedup_key(event(**change))


def test_a_duplicate_delivery_is_stored_once(db):
    first_id, first_new = inbox.enqueue(db, event(), T0)
    again_id, again_new = inbox.enqueue(db, event(), T0 + 5)
    assert (first_new, again_new) == (True, False)
    assert first_id == again_id
    assert db["inbox"].count == 1


def test_enqueue_keeps_the_event_and_its_body_once(db):
    body = event(updates={"title": "Easy #upperback 3"}, extra_field="not Strava's")
    event_id, _ = inbox.enqueue(db, body, T0 + 1)
    stored = inbox.get_event(db, event_id)
    # the columns are the body: Strava's fields come back, anything else is not kept
    assert stored["body"] == {k: v for k, v in body.items() if k != "extra_field"}
    raw = db.execute("SELECT * FROM inbox WHERE id = ?", [event_id]).fetchone()
    assert sum(str(value).count("Easy #upperback 3") for value in raw) == 1  # once, not as body and updates
    assert stored["updates"] == {"title": "Easy #upperback 3"}
    assert (stored["object_type"], stored["object_id"], stored["aspect_type"]) == (
        "activity", 1, "create")
    assert (stored["owner_id"], stored["subscription_id"], stored["event_time"]) == (42, 7, T0)
    assert (stored["status"], stored["attempts"], stored["received_at"]) == ("pending", 0, T0 + 1)
    assert stored["next_attempt_at"] == T0 + 1


def test_enqueue_an_ignored_event(db):
    event_id, is_new = inbox.enqueue(db, event(subscription_id=999), T0, status="ignored",
                                     reason="foreign subscription")
    stored = inbox.get_event(db, event_id)
    assert is_new
    assert (stored["status"], stored["outcome"], stored["reason"]) == (
        "ignored", "ignored", "foreign subscription")
    assert inbox.claim(db, T0 + 60) == []


@pytest.mark.parametrize("bad", [
    {"object_type": None}, {"object_id": None}, {"object_id": "abc"}, {"object_id": True},
    {"aspect_type": ""}, {"updates": ["title"]}, {"owner_id": "someone"},
])
def test_enqueue_refuses_malformed_events(db, bad):
    with pytest.raises(ValueError):
        inbox.enqueue(db, event(**bad), T0)
    assert db["inbox"].count == 0


def test_enqueue_many_answers_as_one_by_one_would(db):
    """A burst in one commit: each event stored once, in order; a copy of an
    event stored earlier, or a second copy in the same burst, is not new."""
    stored_id, _ = inbox.enqueue(db, event(object_id=1), T0)
    burst = [(event(object_id=2), T0 + 1, "pending", None), (event(object_id=1), T0 + 1, "pending", None),
             (event(object_id=3), T0 + 1, "pending", None), (event(object_id=2), T0 + 2, "pending", None)]
    with db.conn:
        answers = inbox.enqueue_many(db, burst)
    [(two, two_new), (one, one_new), (three, three_new), (two_again, two_again_new)] = answers
    assert (one, one_new) == (stored_id, False)
    assert (two_new, three_new, two_again_new) == (True, True, False)
    assert two_again == two and len({stored_id, two, three}) == 3
    assert db["inbox"].count == 3
    assert [inbox.get_event(db, i)["object_id"] for i in (two, three)] == [2, 3]
    assert inbox.get_event(db, two)["received_at"] == T0 + 1  # the first copy's, kept
    assert inbox.enqueue_many(db, []) == []


def test_enqueue_many_refuses_a_malformed_event_and_stores_none(db):
    with pytest.raises(ValueError), db.conn:
        inbox.enqueue_many(db, [(event(object_id=1), T0, "pending", None), (event(object_id="x"), T0, "pending", None)])
    assert db["inbox"].count == 0


def test_enqueue_refuses_other_statuses(db):
    with pytest.raises(ValueError):
        inbox.enqueue(db, event(), T0, status="done")


# -- claim ------------------------------------------------------------------


def test_claim_takes_due_events_oldest_first(db):
    ids = [inbox.enqueue(db, event(n), T0)[0] for n in range(1, 4)]
    claimed = inbox.claim(db, T0, limit=2)
    assert [e["id"] for e in claimed] == ids[:2]
    assert all(e["status"] == "processing" and e["attempts"] == 1 and e["claimed_at"] == T0
               for e in claimed)
    assert [e["id"] for e in inbox.claim(db, T0, limit=5)] == ids[2:]
    assert inbox.claim(db, T0) == []


def test_claim_waits_for_next_attempt_at(db):
    inbox.enqueue(db, event(), T0 + 10)
    assert inbox.claim(db, T0) == []
    assert len(inbox.claim(db, T0 + 10)) == 1


def test_concurrent_claims_never_share_an_event(db_path, db):
    total = 150
    for n in range(total):
        inbox.enqueue(db, event(n + 1), T0)
    got = {0: [], 1: []}
    errors = []
    start = threading.Barrier(2, timeout=60)  # a thread that dies early fails the test, never hangs it

    def worker(name):
        own = open_db(db_path)  # one connection per thread
        try:
            start.wait()
            while batch := inbox.claim(own, T0, limit=3):
                got[name].extend(e["id"] for e in batch)
                time.sleep(0.002)  # "process" the batch, as a worker would
        except Exception as error:  # pragma: no cover - the failure being tested for
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in got]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(got[0]).isdisjoint(got[1])
    assert sorted(got[0] + got[1]) == sorted(r["id"] for r in db["inbox"].rows)
    assert got[0] and got[1], "both workers should have had a share"


def test_a_briefly_locked_database_is_waited_for(db_path, db):
    inbox.enqueue(db, event(1), T0)
    locked, committed = threading.Event(), threading.Event()

    def hold_write_lock():
        other = open_db(db_path)
        other.conn.execute("BEGIN IMMEDIATE")
        other.conn.execute("UPDATE rate_budget SET short_usage = 1")
        locked.set()
        time.sleep(0.3)  # long enough that the enqueue below meets the lock
        committed.set()
        other.conn.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold_write_lock)
    holder.start()
    locked.wait()
    assert inbox.enqueue(db, event(2), T0)[1] is True
    # it got through only after the other writer let go: it waited instead of failing
    assert committed.is_set()
    assert len(inbox.claim(db, T0, limit=5)) == 2
    holder.join()


# -- complete, fail, defer --------------------------------------------------


@pytest.mark.parametrize("outcome, status", [
    ("noted", "done"), ("skipped", "done"), ("deleted", "done"),
    ("ignored", "ignored"), ("error", "dead"),
])
def test_complete_files_the_outcome(db, outcome, status):
    inbox.enqueue(db, event(), T0)
    claimed = claim_one(db)
    assert inbox.complete(db, claimed["id"], outcome, "why") is True
    stored = inbox.get_event(db, claimed["id"])
    assert (stored["status"], stored["outcome"], stored["reason"]) == (status, outcome, "why")


def test_complete_only_a_claimed_event(db):
    event_id, _ = inbox.enqueue(db, event(), T0)
    assert inbox.complete(db, event_id, "noted") is False
    assert inbox.complete(db, 999, "noted") is False
    assert inbox.get_event(db, event_id)["status"] == "pending"


def test_fail_backs_off_exponentially_up_to_the_cap(db):
    event_id, _ = inbox.enqueue(db, event(), T0)
    now, delays = T0, []
    for _ in range(11):
        claimed = claim_one(db, now)
        assert inbox.fail(db, claimed["id"], "Strava 503", now, max_attempts=20,
                          rand=lambda: 1.0) == "pending"
        next_at = inbox.get_event(db, event_id)["next_attempt_at"]
        delays.append(next_at - now)
        assert inbox.claim(db, next_at - 1) == []  # not before its time
        now = next_at
    assert delays == [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600]
    stored = inbox.get_event(db, event_id)
    assert (stored["last_error"], stored["attempts"]) == ("Strava 503", 11)


def test_fail_uses_full_jitter(db):
    inbox.enqueue(db, event(), T0)
    now = T0
    for attempt in range(1, 6):
        claimed = claim_one(db, now)
        inbox.fail(db, claimed["id"], "boom", now)
        delay = inbox.get_event(db, claimed["id"])["next_attempt_at"] - now
        assert 0 <= delay <= 5 * 2 ** (attempt - 1)
        now += delay
    assert inbox.fail(db, claimed["id"], "boom", now) is None  # no longer processing


def test_fail_gives_up_after_max_attempts(db):
    event_id, _ = inbox.enqueue(db, event(), T0)
    for attempt in range(1, 4):
        claimed = claim_one(db, T0 + 10_000 * attempt)
        status = inbox.fail(db, event_id, f"boom {attempt}", T0, max_attempts=3, rand=lambda: 0)
    assert status == "dead"
    stored = inbox.get_event(db, event_id)
    assert (stored["status"], stored["outcome"]) == ("dead", "error")
    assert stored["last_error"] == "boom 3"
    assert "3 attempts" in stored["reason"]
    assert inbox.claim(db, T0 + 10**6) == []
    assert claimed["id"] == event_id


def test_defer_does_not_use_up_an_attempt(db):
    event_id, _ = inbox.enqueue(db, event(), T0)
    claim_one(db)
    assert inbox.defer(db, event_id, T0 + 900, "rate budget spent until the window resets")
    stored = inbox.get_event(db, event_id)
    assert (stored["status"], stored["attempts"], stored["next_attempt_at"]) == (
        "pending", 0, T0 + 900)
    assert stored["reason"].startswith("rate budget")
    assert inbox.claim(db, T0 + 899) == []
    assert claim_one(db, T0 + 900)["attempts"] == 1
    assert inbox.defer(db, 999, T0, "x") is False


# -- crashed workers --------------------------------------------------------


def test_reclaim_stuck_returns_abandoned_events(db):
    old, _ = inbox.enqueue(db, event(1), T0)
    recent, _ = inbox.enqueue(db, event(2), T0)
    claim_one(db, T0)
    claim_one(db, T0 + 500)
    assert inbox.reclaim_stuck(db, T0 + 700, older_than_s=600) == 1
    assert inbox.get_event(db, old)["status"] == "pending"
    assert inbox.get_event(db, recent)["status"] == "processing"
    assert claim_one(db, T0 + 700)["id"] == old


def test_an_event_that_keeps_killing_the_worker_ends_dead(db):
    event_id, _ = inbox.enqueue(db, event(), T0)
    now = T0
    for _ in range(3):
        claim_one(db, now, max_attempts=3)
        now += 1000  # the worker died; its lease runs out
    assert inbox.claim(db, now, lease_s=600, max_attempts=3) == []
    stored = inbox.get_event(db, event_id)
    assert (stored["status"], stored["attempts"]) == ("dead", 3)
    assert "worker" in stored["last_error"]


def test_claim_takes_back_expired_leases(db):
    event_id, _ = inbox.enqueue(db, event(), T0)
    claim_one(db, T0)
    assert inbox.claim(db, T0 + 599, lease_s=600) == []
    again = claim_one(db, T0 + 600, lease_s=600)
    assert (again["id"], again["attempts"], again["claimed_at"]) == (event_id, 2, T0 + 600)


# -- listing and retrying ---------------------------------------------------


def test_list_events_newest_first_and_by_status(db):
    ids = [inbox.enqueue(db, event(n), T0)[0] for n in range(1, 5)]
    inbox.complete(db, claim_one(db)["id"], "error", "activity not found")
    assert [e["id"] for e in inbox.list_events(db)] == ids[::-1]
    assert [e["id"] for e in inbox.list_events(db, status="dead")] == [ids[0]]
    assert [e["id"] for e in inbox.list_events(db, limit=2)] == ids[:1:-1]
    assert inbox.status_counts(db) == {"pending": 3, "processing": 0, "done": 0,
                                       "ignored": 0, "dead": 1}
    with pytest.raises(ValueError, match="unknown status"):
        inbox.list_events(db, status="lost")


def test_retry_a_dead_event(db):
    event_id, _ = inbox.enqueue(db, event(), T0)
    claim_one(db)
    inbox.fail(db, event_id, "boom", T0, max_attempts=1)
    assert inbox.retry(db, event_id) is True
    stored = inbox.get_event(db, event_id)
    assert (stored["status"], stored["attempts"], stored["outcome"]) == ("pending", 0, None)
    assert stored["last_error"] == "boom"  # kept for the operator
    assert claim_one(db, T0)["id"] == event_id
    assert inbox.retry(db, event_id) is False  # being processed right now
    assert inbox.retry(db, 999) is False


def test_retry_dead_requeues_every_dead_event(db):
    for n in range(1, 4):
        inbox.enqueue(db, event(n), T0)
    for claimed in inbox.claim(db, T0, limit=2):
        inbox.complete(db, claimed["id"], "error", "gone")
    assert inbox.retry_dead(db) == 2
    assert inbox.status_counts(db)["pending"] == 3
    assert inbox.retry_dead(db) == 0
