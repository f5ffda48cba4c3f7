"""Events delivered the way Strava delivers them, and what lands on the runner's activity."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from tests.e2e.conftest import (
    App, BLOCK_END, BLOCK_START, activity_event, connect_runner, history, make_activity, note_count,
    own_text, wait_until,
)

NOTE_WITHIN_S = 2.0


@pytest.fixture(scope="module")
def world(emulator, tmp_path_factory):
    """One server and one connected runner with six weeks of history; each test uses its own runs."""
    emulator.reset(activities=history(datetime.now(timezone.utc)))
    app = App(tmp_path_factory.mktemp("events"), emulator).start()
    emulator.subscribe(app.webhook_url)
    connect_runner(app)
    yield app
    app.stop()


def put_run(emulator, activity_id: int, description: str, *, name: str = "Evening Run", hours_ago: float = 1):
    run = make_activity(activity_id, datetime.now(timezone.utc) - timedelta(hours=hours_ago), km=7.0,
                        name=name, description=description)
    emulator.put_activity(run)
    return run


def settled(app: App, activity_id: int, count: int) -> list[tuple]:
    """The activity's inbox rows once ``count`` of them exist and none is waiting or running."""
    rows = app.inbox(activity_id)
    if len(rows) == count and all(r[1] in ("done", "ignored", "dead") for r in rows):
        return rows
    return []


def wait_settled(app: App, activity_id: int, count: int, timeout_s: float = 10) -> list[tuple]:
    return wait_until(lambda: settled(app, activity_id, count), timeout_s,
                      what=f"{count} event(s) for {activity_id} to be processed")


def test_a_create_event_puts_the_note_on_the_activity_within_2s(world, emulator):
    mine = "Tight between my shoulder blades on the hills. #upperback 4"
    run = put_run(emulator, 9_300_000_001, mine)
    delivered = emulator.deliver(activity_event(run["id"]))
    started = time.monotonic()
    assert delivered["delivered"], delivered
    assert delivered["attempts"][0]["elapsed_s"] < 2.0, "Strava wants the 200 within 2 s"

    description = wait_until(lambda: BLOCK_END in emulator.description(run["id"]) and emulator.description(run["id"]),
                             NOTE_WITHIN_S, interval_s=0.02, what="the note on Strava")
    assert time.monotonic() - started < NOTE_WITHIN_S
    assert note_count(description) == 1
    assert description.startswith(mine + "\n\n" + BLOCK_START)
    assert description.endswith(BLOCK_END)
    assert "not medical advice" in description.lower()
    assert own_text(description) == mine
    assert wait_settled(world, run["id"], 1)[0][:3] == ("create", "done", "noted")


def test_the_same_event_delivered_three_times_gives_one_block(world, emulator):
    run = put_run(emulator, 9_300_000_002, "Upper back sore, moderate.")
    event = activity_event(run["id"])
    answers = [emulator.deliver(event) for _ in range(3)]
    assert all(a["delivered"] for a in answers)
    assert wait_settled(world, run["id"], 1)[0][:3] == ("create", "done", "noted")
    assert note_count(emulator.description(run["id"])) == 1

    # a late copy with its own event_time is processed again: the block is replaced, not added
    late = emulator.deliver(activity_event(run["id"], event_time=event["event_time"] + 30))
    assert late["delivered"]
    wait_settled(world, run["id"], 2)
    description = emulator.description(run["id"])
    assert note_count(description) == 1
    assert own_text(description) == "Upper back sore, moderate."


def test_a_title_tag_added_later_replaces_the_block_and_keeps_the_runners_text(world, emulator):
    # whitespace, CRLF, emoji and a dash Strava's editor would keep as typed
    mine = "Wet 10k — rain ☔ the whole way.  \r\nTraps a bit tight #upperback 3\n\n  cooldown walk\t"
    run = put_run(emulator, 9_300_000_003, mine, name="Lunch Run")
    assert emulator.deliver(activity_event(run["id"]))["delivered"]
    wait_settled(world, run["id"], 1)
    first = emulator.description(run["id"])
    assert note_count(first) == 1 and own_text(first) == mine

    title = "Lunch Run #upperback 7 worse at night"
    emulator.admin("POST", f"activities/{run['id']}/updates", {"updates": {"title": title}})
    assert emulator.activity(run["id"])["name"] == title
    assert emulator.deliver(activity_event(run["id"], "update", updates={"title": title}))["delivered"]
    rows = wait_settled(world, run["id"], 2)
    assert [r[:3] for r in rows] == [("create", "done", "noted"), ("update", "done", "noted")]

    second = emulator.description(run["id"])
    assert second != first, "the new report changes the note"
    assert note_count(second) == 1
    assert second.count(BLOCK_END) == 1
    assert second.encode("utf-8").startswith(mine.encode("utf-8") + b"\n\n")  # byte for byte
    assert own_text(second) == mine
    assert "7/10" in second


def test_an_update_before_its_create_ends_with_one_block(world, emulator):
    run = put_run(emulator, 9_300_000_004, "Rhomboids ache, 5/10.", name="Tempo #upperback 5")
    update = activity_event(run["id"], "update", updates={"title": "Tempo #upperback 5"})
    create = activity_event(run["id"], event_time=update["event_time"] - 600)  # the older event arrives late
    assert emulator.deliver(update)["delivered"]
    assert emulator.deliver(create)["delivered"]
    rows = wait_settled(world, run["id"], 2)
    assert {r[1] for r in rows} == {"done"}
    description = emulator.description(run["id"])
    assert note_count(description) == 1
    assert own_text(description) == "Rhomboids ache, 5/10."
    assert world.query("SELECT outcome FROM notes WHERE activity_id = ?", (run["id"],)) == [("noted",)]


def test_a_delete_before_processing_leaves_no_note_and_no_retry_loop(world, emulator):
    # keep the worker busy on a slow fetch so the create and the delete both wait in the inbox
    slow = put_run(emulator, 9_300_000_005, "#upperback 2")
    emulator.admin("POST", "faults", {"latency_s": 1.0, "path_prefix": f"/api/v3/activities/{slow['id']}"})
    try:
        assert emulator.deliver(activity_event(slow["id"]))["delivered"]
        wait_until(lambda: world.inbox(slow["id"])[0][1] == "processing", 2, interval_s=0.01,
                   what="the worker to pick up the slow event")
        doomed = put_run(emulator, 9_300_000_006, "#upperback 6 sharp")
        assert emulator.deliver(activity_event(doomed["id"]))["delivered"]
        # the runner deletes the activity: Strava removes it, then sends the event
        delete = emulator.deliver(activity_event(doomed["id"], "delete"), apply=True)
        assert delete["delivered"] and delete["applied"] == "deleted"
        assert [r[1] for r in world.inbox(doomed["id"])] == ["pending", "pending"], "both wait behind the slow one"
    finally:
        emulator.admin("DELETE", "faults")

    rows = wait_settled(world, doomed["id"], 2)
    assert [r[:3] for r in rows] == [("create", "ignored", "ignored"), ("delete", "done", "deleted")]
    assert world.query("SELECT count(*) FROM activities WHERE id = ?", (doomed["id"],)) == [(0,)]
    assert world.query("SELECT count(*) FROM notes WHERE activity_id = ?", (doomed["id"],)) == [(0,)]
    assert world.query("SELECT count(*) FROM soreness_reports WHERE activity_id = ?", (doomed["id"],)) == [(0,)]
    time.sleep(1.2)  # a retry loop would show as more attempts by now
    assert [r[4] for r in world.inbox(doomed["id"])] == [1, 1]
    assert world.query("SELECT count(*) FROM inbox WHERE status = 'dead'") == [(0,)]


def test_a_delete_after_the_note_removes_our_copy_and_a_late_update_is_ignored(world, emulator):
    run = put_run(emulator, 9_300_000_007, "Upper back stiff #upperback 4")
    assert emulator.deliver(activity_event(run["id"]))["delivered"]
    wait_settled(world, run["id"], 1)
    assert world.query("SELECT count(*) FROM notes WHERE activity_id = ?", (run["id"],)) == [(1,)]

    assert emulator.deliver(activity_event(run["id"], "delete"), apply=True)["delivered"]
    late = activity_event(run["id"], "update", updates={"title": "renamed"}, event_time=int(time.time()) - 5)
    assert emulator.deliver(late)["delivered"]
    rows = wait_settled(world, run["id"], 3)
    assert [r[1:3] for r in rows] == [("done", "noted"), ("done", "deleted"), ("ignored", "ignored")]
    for table, column in (("activities", "id"), ("notes", "activity_id"), ("soreness_reports", "activity_id")):
        assert world.query(f"SELECT count(*) FROM {table} WHERE {column} = ?", (run["id"],)) == [(0,)]
    assert world.query("SELECT count(*) FROM inbox WHERE status = 'dead'") == [(0,)]


def test_a_strava_5xx_is_retried_and_the_note_still_lands(world, emulator):
    run = put_run(emulator, 9_300_000_008, "Upper back sore 4/10")
    emulator.admin("POST", "faults", {"status": 503, "count": 1, "path_prefix": f"/api/v3/activities/{run['id']}"})
    assert emulator.deliver(activity_event(run["id"]))["delivered"]
    wait_until(lambda: (row := world.inbox(run["id"])) and row[0][5], 5, what="the failed first attempt")
    assert world.inbox(run["id"])[0][1] in ("pending", "processing", "done")
    rows = wait_settled(world, run["id"], 1, timeout_s=12)  # backoff after one failure: up to 5 s
    assert rows[0][1:3] == ("done", "noted") and rows[0][4] == 2
    assert "503" in rows[0][5]
    assert note_count(emulator.description(run["id"])) == 1
