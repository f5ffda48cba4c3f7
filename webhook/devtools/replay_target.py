"""``rhomboid replay --target URL``: drive a running server whose Strava is the emulator.

The fixture is loaded into the emulator through its admin API, the runner
connects through the server's own OAuth pages, and each event goes out
through the emulator's webhook delivery (with Strava's retries), so the
server sees exactly what Strava would send. Outcomes are read back from the
server's event-status endpoint, behind the webhook's secret path and the
verify token (which the emulator's subscription holds).

Unlike the in-process replay, the server keeps its own clock: the backfill
reads the 90 days before *now*, so a fixture dated in the past arrives with
no history in this mode.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin

import requests

from connector.emulator.browser import AuthorizeForm
from connector.fixtures import Fixture, load_fixture
from webhook.devtools.replay import Line

POLL_TIMEOUT_S = 15


class TargetError(Exception):
    pass


def _connect(session: requests.Session, target: str, athlete_id: int) -> None:
    page = session.get(f"{target}/auth/strava", timeout=10)
    page.raise_for_status()
    form = AuthorizeForm()
    form.feed(page.text)
    fields = [(k, v) for k, v in form.fields if k != "athlete_id"]
    fields += [("athlete_id", str(athlete_id)), ("decision", "authorize")]
    done = session.post(urljoin(page.url, form.action), data=fields, timeout=60)
    if done.status_code != 200:
        raise TargetError(f"connecting athlete {athlete_id} through {target} failed: HTTP {done.status_code}")


def _event_status(session: requests.Session, callback_url: str, verify_token: str, event_id: int) -> dict:
    deadline = time.monotonic() + POLL_TIMEOUT_S
    while True:
        answer = session.get(f"{callback_url}/events/{event_id}", timeout=10,
                             headers={"X-Rhomboid-Verify-Token": verify_token}).json()
        if answer.get("status") in ("done", "ignored", "dead") or time.monotonic() > deadline:
            return answer
        time.sleep(0.05)


def replay_against(target: str, emulator_url: str, paths: list[str],
                   on_line: Callable[[Fixture, Line], None] | None = None) -> list[Line]:
    fixtures = [load_fixture(p) for p in paths]
    target, emulator_url = target.rstrip("/"), emulator_url.rstrip("/")
    admin, browser = requests.Session(), requests.Session()
    admin.trust_env = browser.trust_env = False
    subscription = admin.get(f"{emulator_url}/_admin/subscription", timeout=10)
    if subscription.status_code != 200 or not (subscription.json() or {}).get("callback_url"):
        raise TargetError(f"the emulator at {emulator_url} has no push subscription: run "
                          "`rhomboid subscription create` against it first")
    callback_url = subscription.json()["callback_url"]
    verify_token = subscription.json().get("verify_token") or ""
    lines = []
    for fixture in fixtures:
        loaded = admin.post(f"{emulator_url}/_admin/fixtures", json={"path": str(Path(fixture.path).resolve())}, timeout=30)
        if loaded.status_code >= 300:
            raise TargetError(f"the emulator refused {fixture.path}: {loaded.text}")
        _connect(browser, target, fixture.athlete_id)
        for event in fixture.events:
            # the server keeps its own subscription: deliver under the emulator's
            body = {k: v for k, v in event.items() if k != "subscription_id"}
            result = admin.post(f"{emulator_url}/_admin/deliver", json={"event": body, "apply": True}, timeout=30).json()
            line = _line(admin, browser, emulator_url, callback_url, verify_token, result)
            lines.append(line)
            if on_line:
                on_line(fixture, line)
    return lines


def _line(admin, browser, emulator_url: str, callback_url: str, verify_token: str, result: dict) -> Line:
    event = result.get("event") or {}
    activity_id = int(event["object_id"]) if event.get("object_type") == "activity" else None
    answer = ((result.get("attempts") or [{}])[-1]).get("response") or {}
    note, alerts = None, []
    if not result.get("delivered"):
        outcome, reason = "error", f"not delivered: {(result.get('attempts') or [{}])[-1].get('error')}"
    elif answer.get("status") == "duplicate":
        outcome, reason = "ignored", "duplicate"
    elif answer.get("status") == "ignored":
        outcome, reason = "ignored", answer.get("reason")
    else:
        status = _event_status(browser, callback_url, verify_token, answer["id"])
        outcome = status.get("outcome") or "error"
        reason = status.get("reason") or (None if status.get("outcome") else "not processed in time")
        note, alerts = status.get("note"), status.get("alerts") or []
    description = None
    if activity_id is not None:
        current = admin.get(f"{emulator_url}/_admin/activities/{activity_id}", timeout=10)
        if current.status_code == 200:
            description = current.json().get("description")
    return Line(event, outcome, reason, activity_id, description, note, alerts)
