"""The event pipeline under an outage, a forged delete, old rows and a spent budget (issue 10).

In process, against the emulator's fault switches, on the replay's clock
(never the wall clock): the real-process versions are in tests/e2e.
"""

from __future__ import annotations

from datetime import timedelta


from insights.block import BLOCK_START
from tests.webhook.test_worker import description, post, row, spike_event
from webhook import inbox, store, waiting
from webhook.devtools.replay import WEBHOOK_SECRET
from webhook.store import pipeline



def failing(world, count: int = 10_000):
    """Strava answers 503 to the next ``count`` activity requests; returns a
    function telling how many requests it has refused so far."""
    fault = world.emulator.state.faults.add(503, count=count, path_prefix="/api/v3/activities")
    return lambda: count - fault.remaining if fault.remaining > 0 else count


def a_burst(world, n: int) -> list[int]:
    """``n`` distinct update events for the spike activity, all due now."""
    base = spike_event(world)
    ids = [post(world, base)]
    for k in range(1, n):
        ids.append(post(world, dict(base, aspect_type="update", updates={"title": f"run {k}"},
                                    event_time=base["event_time"] + k)))
    world.set_clock(int(base["event_time"]) + n)
    return ids


# -- 2. an outage: retried on a time budget, one probe at a time ------------------


def test_an_outage_shorter_than_the_budget_kills_nothing_and_costs_one_probe_at_a_time(world):
    ids = a_burst(world, 12)
    refused = failing(world)
    start = world.clock()
    # half an hour of outage, the worker polling every second of it
    for second in range(0, 1800, 1):
        world.set_clock(int((start + timedelta(seconds=second)).timestamp()))
        world.worker.drain()
    calls = refused()
    # the old worker spent 8 attempts per event (96 calls) and killed them;
    # the breaker probes: 3 calls to open, then about one per 30 s
    assert calls <= 3 + 1800 / 30 + 2, calls
    events = [row(world, i) for i in ids]
    assert all(e["status"] == "pending" for e in events), [e["status"] for e in events]

    # Strava answers again: within a minute everything that waited is done
    world.emulator.state.faults.clear()
    back = world.clock()
    for second in range(0, 61):
        world.set_clock(int((back + timedelta(seconds=second)).timestamp()))
        world.worker.drain()
        if all(row(world, i)["status"] == "done" for i in ids):
            break
    assert [row(world, i)["status"] for i in ids] == ["done"] * len(ids)
    assert world.clock() - back <= timedelta(seconds=60)
    assert description(world, spike_event(world)["object_id"]).count(BLOCK_START) == 1


def test_only_after_the_retry_budget_is_an_event_dead(world):
    event_id = post(world, spike_event(world))
    failing(world)
    first_failure = world.clock()
    hours = world.services.config.retry_hours
    while True:
        world.worker.process_next()
        event = row(world, event_id)
        if event["status"] != "pending":
            break
        assert world.clock() - first_failure < timedelta(hours=hours), "still retried past the budget"
        world.set_clock(max(event["next_attempt_at"], int(world.clock().timestamp())) + 1)
    assert event["status"] == "dead"
    assert world.clock() - first_failure >= timedelta(hours=hours)
    assert "Strava failing" in event["reason"]
    assert event["attempts"] > world.services.config.max_attempts  # a count no longer decides


def test_events_waiting_on_strava_say_so(world):
    ids = a_burst(world, 4)
    failing(world)
    world.worker.drain()
    db = world.services.db()
    health = pipeline.strava_health(db)
    assert health["state"] == "down"
    reasons = [waiting.why(inbox.get_event(db, i), world.clock(), health) for i in ids]
    db.close()
    assert any("waiting for Strava to answer again" in r for r in reasons), reasons
    assert all(r for r in reasons)


# -- 3. a forged delete --------------------------------------------------------------


def test_a_forged_delete_for_an_existing_activity_removes_nothing(world):
    event = spike_event(world)
    post(world, event)
    assert world.worker.process_next()[1].outcome == "noted"
    forged = dict(event, aspect_type="delete", updates={}, event_time=event["event_time"] + 30)
    post(world, forged)
    result = world.worker.process_next()[1]
    assert result.outcome == "ignored" and "still on Strava" in result.reason
    db = world.services.db()
    assert store.get_activity(db, event["object_id"]) is not None
    assert store.get_note(db, event["object_id"]) is not None
    db.close()

    # the real thing: the runner deletes it on Strava, then Strava sends the event
    world.emulator.state.delete_activity(event["object_id"])
    post(world, dict(forged, event_time=forged["event_time"] + 30))
    assert world.worker.process_next()[1].outcome == "deleted"
    db = world.services.db()
    assert store.get_activity(db, event["object_id"]) is None
    db.close()


# -- 4. refused events are counted, not stored ----------------------------------------


def test_foreign_and_unknown_events_are_counted_not_stored(world):
    event = spike_event(world)
    world.set_clock(int(event["event_time"]))
    client = world.client
    url = f"/strava/webhook/{WEBHOOK_SECRET}"
    foreign = client.post(url, json=dict(event, subscription_id=event["subscription_id"] + 1)).get_json()
    stranger = client.post(url, json=dict(event, owner_id=123, object_id=77)).get_json()
    assert foreign["status"] == stranger["status"] == "ignored"
    too_big = client.post(url, data=b'{"pad": "' + b"x" * 70_000 + b'"}', content_type="application/json")
    assert too_big.status_code == 413
    db = world.services.db()
    assert db["inbox"].count == 0
    world.app.extensions["rhomboid.receive"].close()  # flush the writer
    assert pipeline.counters(db, pipeline.EVENTS_REFUSED) == {
        "foreign_subscription": 1, "unknown_owner": 1, "too_large": 1}
    db.close()
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'rhomboid_events_refused_total{reason="too_large"} 1.0' in metrics


# -- 5. retention ----------------------------------------------------------------------


def test_finished_events_and_sent_alerts_are_purged_after_the_retention_period(world):
    post(world, spike_event(world))
    assert world.worker.process_next()[1].outcome == "noted"
    db = world.services.db()
    at = int(world.clock().timestamp())
    db.execute("INSERT INTO outbox (athlete_id, channel, level, dedup_key, status, next_attempt_at, created_at, "
               "sent_at) VALUES (?, 'email', 'info', 'sent one', 'sent', ?, ?, ?)",
               [world.fixture.athlete_id, at, at, at])
    assert db["inbox"].count == 1 and db["outbox"].count == 1
    db.execute("INSERT INTO inbox (dedup_key, object_type, object_id, aspect_type, received_at, status, "
               "next_attempt_at, finished_at) VALUES ('dead one', 'activity', 5, 'create', ?, 'dead', 0, ?)",
               [int(world.clock().timestamp())] * 2)
    days = world.services.config.inbox_retention_days
    now = world.clock()
    world.set_clock(int((now + timedelta(days=days) - timedelta(hours=1)).timestamp()))
    world.worker.purge()
    assert db["inbox"].count == 2  # not yet
    world.set_clock(int((now + timedelta(days=days, hours=1)).timestamp()))
    world.worker.purge()
    assert db.execute("SELECT status FROM inbox").fetchall() == [("dead",)]  # dead ones stay longer
    assert db["outbox"].count == 0
    world.set_clock(int((now + timedelta(days=30, hours=1)).timestamp()))
    world.worker.purge()
    assert db["inbox"].count == 0
    db.close()


# -- 8. a spent budget stops the drain ----------------------------------------------


def test_a_spent_budget_moves_every_due_event_in_one_go_and_stops_the_drain(world, monkeypatch):
    ids = a_burst(world, 30)
    world.emulator.state.faults.add(429, count=1, path_prefix="/api/v3/activities")
    claims = []
    real = inbox.claim
    monkeypatch.setattr(inbox, "claim", lambda *a, **k: claims.append(1) or real(*a, **k))
    assert world.worker.drain() == 1  # the one event that met the 429
    assert len(claims) == 1  # not one claim (and one deferral) per waiting event
    events = [row(world, i) for i in ids]
    assert {e["next_attempt_at"] for e in events} == {events[0]["next_attempt_at"]}
    assert all(e["status"] == "pending" and e["reason"].startswith("rate limit") for e in events)
    assert world.worker.drain() == 0 and len(claims) == 1  # paused until the window resets


# -- /metrics --------------------------------------------------------------------------


def test_metrics_tell_the_pipeline_state_from_the_database(world):
    event = spike_event(world)
    post(world, event)
    post(world, dict(event, aspect_type="update", updates={"title": "later"}, event_time=event["event_time"] + 9))
    assert world.worker.process_next()[1].outcome == "noted"
    world.set_clock(int(event["event_time"]) + 120)
    text = world.client.get("/metrics").get_data(as_text=True)
    assert 'rhomboid_inbox_events{status="done"} 1.0' in text
    assert 'rhomboid_inbox_events{status="pending"} 1.0' in text
    assert "rhomboid_inbox_oldest_pending_age_seconds 111.0" in text  # received 9 s after the first, 120 s on
    assert 'rhomboid_outbox_alerts{status="dead"} 0.0' in text
    assert "rhomboid_notes_written_total 1.0" in text
    assert "rhomboid_strava_up 1.0" in text
    for window in ("15min", "daily"):
        line = next(x for x in text.splitlines() if x.startswith(f'rhomboid_strava_budget_left{{window="{window}"}}'))
        left, limit = float(line.split()[-1]), {"15min": 10**6, "daily": 10**7}[window]
        assert limit - 50 < left < limit, line  # the replay emulator's limits, less the worker's calls
    for reason in ("too_large", "malformed", "unknown_owner", "foreign_subscription"):
        assert f'rhomboid_events_refused_total{{reason="{reason}"}} 0.0' in text
