"""Claims, deferrals and deletions cost the same with a day's backlog as with a handful.

Bounded by ratios measured in the same test (a shared, noisy machine), never
by absolute times; the clock the inbox sees is a constant.
"""

from __future__ import annotations

import time

from webhook import inbox
from webhook.db import open_db, migrate
from webhook.store import delete_athlete

T0 = 1_740_830_400
RUNS = 30


def filled(path, due: int, owner: int = 42):
    db = open_db(path)
    migrate(db)
    rows = [(f"k{n}", "activity", n, "create", owner + n % 50, "{}", T0, T0, "pending", T0 - due + n)
            for n in range(due)]
    with db.conn:
        db.conn.executemany(
            "INSERT INTO inbox (dedup_key, object_type, object_id, aspect_type, owner_id, updates, event_time, "
            "received_at, status, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("ANALYZE")
    return db


def cost_of_claim(db) -> float:
    """The best of RUNS claims (each put back as it was), in seconds."""
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        [event] = inbox.claim(db, T0 + 10)
        best = min(best, time.perf_counter() - started)
        db.execute("UPDATE inbox SET status = 'pending', attempts = 0 WHERE id = ?", [event["id"]])
    return best


def test_a_claim_at_20k_due_events_costs_about_what_it_costs_at_10(tmp_path):
    small = filled(tmp_path / "small.db", 10)
    large = filled(tmp_path / "large.db", 20_000)
    try:
        # interleaved, so a burst of load on the machine hits both alike
        ratios = []
        for _ in range(3):
            ratios.append(cost_of_claim(large) / cost_of_claim(small))
        assert min(ratios) < 3, ratios  # sorting every due event per claim made this ~100x
    finally:
        small.close()
        large.close()


def test_a_claim_takes_the_earliest_due_then_the_oldest(tmp_path):
    db = filled(tmp_path / "order.db", 0)
    first = inbox.enqueue(db, {"object_type": "activity", "object_id": 1, "aspect_type": "create"}, T0)[0]
    later = inbox.enqueue(db, {"object_type": "activity", "object_id": 2, "aspect_type": "create"}, T0)[0]
    db.execute("UPDATE inbox SET next_attempt_at = ? WHERE id = ?", [T0 + 5, first])  # backing off
    assert [inbox.claim(db, T0 + 10)[0]["id"] for _ in range(2)] == [later, first]
    db.close()


def plan(db, sql: str, params=()) -> str:
    return " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())


def test_claims_deferrals_and_deauthorizations_use_an_index_not_a_scan(tmp_path):
    db = filled(tmp_path / "plans.db", 2_000)
    try:
        claim = ("SELECT id FROM inbox INDEXED BY inbox_due WHERE status = 'pending' AND next_attempt_at <= ? "
                 "ORDER BY next_attempt_at, id LIMIT 1")
        assert "TEMP B-TREE" not in plan(db, claim, [T0])  # no sort of every due event
        defer = ("UPDATE inbox INDEXED BY inbox_due SET next_attempt_at = ? "
                 "WHERE status = 'pending' AND next_attempt_at < ?")
        assert "USING INDEX inbox_due" in plan(db, defer, [T0, T0])
        deauthorization = "DELETE FROM inbox WHERE owner_id = :id OR (object_type = 'athlete' AND object_id = :id)"
        found = plan(db, deauthorization, {"id": 42})
        assert "SCAN inbox" not in found and "inbox_owner" in found and "inbox_object" in found, found
    finally:
        db.close()


def test_deleting_a_runner_touches_only_their_events(tmp_path):
    db = filled(tmp_path / "deauth.db", 2_000)
    try:
        before = db["inbox"].count
        delete_athlete(db, 42)
        assert db["inbox"].count == before - 40  # owner 42 holds every 50th event
    finally:
        db.close()
