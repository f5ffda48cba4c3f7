"""Coach alerts: queueing and sending.

Which alert a note calls for, and its words, is decided in
:mod:`webhook.alert_rules` (urgent at once; warning and info in the digest).

:func:`queue_alerts` stores them in the outbox with a dedup key (athlete,
activity, coach, channel, level), so an event processed twice queues once.
:func:`send_due` is the sender the worker runs every minute or so:

* urgent rows go out as soon as they are due;
* info and warning rows wait for the coach's digest hour in the coach's
  time zone (:mod:`webhook.digest`) and then go out as ONE message per coach
  per channel, listing each runner's items (an e-mail with each runner's
  chart as a PNG); an item queued after the digest hour waits for the next
  day's; the coach's quiet period leaves out repeats about the same runner;
* a temporary failure (network, 5xx, SMTP 4xx) backs off exponentially with
  jitter; a permanent one, or ``max_attempts`` failures, makes the row dead
  (``last_error`` says why);
* rows are claimed atomically before sending (a lease, see
  :func:`webhook.store.claim_outbox`): two senders never send the same row,
  and a sender that crashes mid-send leaves it to be retried, not lost. So
  delivery is at least once; webhook payloads carry a stable ``id`` a
  receiver can use to drop a repeat.

Consent is checked again at send time: an alert about a runner who has
stopped sharing with the coach is dropped, never sent.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from connector.alerts import Alert, AlertError, send
from webhook import digest
from webhook.alert_rules import CHANNEL_FIELDS, alert_level, alerts_for_note  # noqa: F401  (public here too)
from webhook.db import epoch_s
from webhook.digest import digest_cutoff  # noqa: F401  (public here too)
from webhook.store import (
    claim_outbox,
    coaches_for,
    drop_unconsented,
    get_athlete,
    get_coach,
    mark_outbox_dead,
    mark_outbox_retry,
    mark_outbox_sent,
    queue_outbox,
    sore_days_between,
)

log = logging.getLogger(__name__)

DIGEST_HOUR = digest.DEFAULT_HOUR  # a coach's default, in their own time zone
MAX_ATTEMPTS = 8
BACKOFF_BASE_S = 30
BACKOFF_CAP_S = 3600
LEASE_S = 300  # longer than any send takes (SMTP timeout 10 s); then a crashed claim is retried
# -- queueing ------------------------------------------------------------------------


def queue_alerts(
    db: Database, athlete_id: int, activity_id: int, note: Mapping[str, Any] | None, now: datetime | float
) -> list[dict]:
    """Queue the alerts a note calls for; return ``[{"to", "channel", "level"}]``.

    The answer lists every alert this note produces, including ones an
    earlier run already queued, so a retried event reports the same alerts;
    the outbox holds each one once.
    """
    athlete = get_athlete(db, athlete_id)
    sore_days = _sore_days(db, athlete_id, activity_id)
    if athlete is None or alert_level(note, sore_days) is None:
        return []
    rows = alerts_for_note(athlete, activity_id, note, coaches_for(db, athlete_id), sore_days)
    queue_outbox(db, [{k: v for k, v in row.items() if k != "to"} for row in rows], now=now)
    return [{"to": row["to"], "channel": row["channel"], "level": row["level"]} for row in rows]


def _sore_days(db: Database, athlete_id: int, activity_id: int) -> int:
    """Days with a sore report among the 7 ending on the activity's day."""
    row = db.execute("SELECT day FROM activities WHERE id = ?", [activity_id]).fetchone()
    if row is None:
        return 0
    day = datetime.fromisoformat(row[0]).date()
    return sore_days_between(db, athlete_id, day - timedelta(days=6), day)


# -- sending -------------------------------------------------------------------------


def send_due(
    db: Database,
    now: datetime | float,
    smtp_url: str | None,
    mail_from: str,
    max_attempts: int = MAX_ATTEMPTS,
    *,
    digest_hour: int | None = None,
    rand: Callable[[], float] = random.random,
) -> dict[str, int]:
    """Send what is due; return counts of messages ``sent``, ``retrying``,
    ``dead``, and of alerts ``dropped`` because the runner withdrew consent.

    Each coach's digest goes at their own hour in their own time zone;
    ``digest_hour`` overrides that with one UTC hour for every coach (the
    demo and tests). Items the coach's quiet period leaves out are counted
    in ``quiet`` (only when there are any)."""
    at = epoch_s(now)
    counts: Counter[str] = Counter({"sent": 0, "retrying": 0, "dead": 0, "dropped": drop_unconsented(db)})
    coaches: dict[int, dict | None] = {}

    def coach(coach_id: int) -> dict | None:
        if coach_id not in coaches:
            coaches[coach_id] = get_coach(db, coach_id)
        return coaches[coach_id]

    for row in claim_outbox(db, now=at, lease_s=LEASE_S, levels=("urgent",)):
        alert = _alert(coach(row["coach_id"]), row["channel"], row["level"], row["subject"], row["body"], row["payload"])
        _deliver(db, [row], alert, at, smtp_url, mail_from, max_attempts, rand, counts)

    for coach_id in _coaches_waiting(db, at):
        who = coach(coach_id)
        if who is None:
            hour, tz = digest_hour if digest_hour is not None else DIGEST_HOUR, "UTC"
        elif digest_hour is not None:
            hour, tz = digest_hour, "UTC"
        else:
            hour, tz = who.get("digest_hour", DIGEST_HOUR), who.get("timezone") or "UTC"
        cutoff = digest_cutoff(at, hour, tz)
        # a digest's items share their retry time, so a retried digest stays one message
        items = claim_outbox(db, now=at, lease_s=LEASE_S, levels=("info", "warning"), created_by=cutoff,
                             limit=1000, coach_id=coach_id)
        if who is not None:
            quiet = [row for row in items if digest.held_back(db, who, row, at)]
            if quiet:
                mark_outbox_dead(db, [row["id"] for row in quiet], "left out: the coach's quiet period")
                counts["quiet"] += len(quiet)
                items = [row for row in items if row not in quiet]
        groups: dict[str, list[dict]] = {}
        for row in items:
            groups.setdefault(row["channel"], []).append(row)
        for channel, rows in groups.items():
            if who is None:
                alert: Alert | str = "the coach no longer exists"
            else:
                charts = {}
                if channel == "email":
                    for athlete_id in {row["athlete_id"] for row in rows}:
                        png = digest.runner_chart_png(db, athlete_id, cutoff.date())
                        if png is not None:
                            charts[athlete_id] = png
                alert = digest.compose(who, channel, rows, cutoff, charts)
            _deliver(db, rows, alert, at, smtp_url, mail_from, max_attempts, rand, counts)
    if not counts["quiet"]:
        del counts["quiet"]
    return dict(counts)


def _coaches_waiting(db: Database, at: int) -> list[int]:
    """Coaches with digest items due for a send attempt."""
    return [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT coach_id FROM outbox WHERE status = 'pending' AND level IN ('info', 'warning') "
            "AND next_attempt_at <= ? ORDER BY coach_id",
            [at],
        )
    ]


def _alert(coach: dict | None, channel: str, level: str, subject: str, body: str, payload: dict) -> Alert | str:
    """The Alert to send, or why it cannot be sent (the coach or address is gone)."""
    if coach is None:
        return "the coach no longer exists"
    address = coach.get(CHANNEL_FIELDS[channel])
    if not address:
        return f"the coach no longer has a {channel} address"
    return Alert(to=address, channel=channel, level=level, subject=subject, body=body, payload=payload,
                 signing_secret=coach.get("signing_secret"))


def _deliver(
    db: Database,
    rows: list[dict],
    alert: Alert | str,
    at: int,
    smtp_url: str | None,
    mail_from: str,
    max_attempts: int,
    rand: Callable[[], float],
    counts: Counter[str],
) -> None:
    """Send one message for ``rows`` and record the outcome on every row."""
    ids = [row["id"] for row in rows]
    if isinstance(alert, str):
        mark_outbox_dead(db, ids, alert)
        counts["dead"] += 1
        return
    try:
        send(alert, smtp_url, mail_from)
    except AlertError as error:
        _failed(db, rows, alert, str(error), error.retryable, error.retry_after_s, at, max_attempts, rand, counts)
        return
    except Exception as error:  # a bug must not lose the alert: keep it for retry
        log.exception("sending %s %s alert (outbox %s) failed unexpectedly", alert.level, alert.channel, ids)
        _failed(db, rows, alert, f"unexpected error: {type(error).__name__}", True, None, at, max_attempts, rand, counts)
        return
    mark_outbox_sent(db, ids, now=at)
    counts["sent"] += 1


def _failed(
    db: Database,
    rows: list[dict],
    alert: Alert,
    error: str,
    retryable: bool,
    retry_after_s: float | None,
    at: int,
    max_attempts: int,
    rand: Callable[[], float],
    counts: Counter[str],
) -> None:
    attempts = max(row["attempts"] for row in rows)
    ids = [row["id"] for row in rows]
    if not retryable or attempts >= max_attempts:
        reason = error if not retryable else f"gave up after {attempts} attempts: {error}"
        mark_outbox_dead(db, ids, reason)
        counts["dead"] += 1
        log.warning("%s %s alert (outbox %s) is dead: %s", alert.level, alert.channel, ids, reason)
        return
    delay = backoff_s(attempts, rand)
    if retry_after_s:
        delay = max(delay, min(retry_after_s, BACKOFF_CAP_S))
    mark_outbox_retry(db, ids, error, next_attempt_at=at + round(delay))
    counts["retrying"] += 1
    log.warning(
        "%s %s alert (outbox %s) failed, retry in %ds: %s", alert.level, alert.channel, ids, round(delay), error
    )


def backoff_s(attempts: int, rand: Callable[[], float] = random.random) -> float:
    """Delay after the ``attempts``-th failure: exponential, capped, with
    jitter in its upper half (never zero, so a retry is always later)."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(attempts - 1, 0))
    return ceiling / 2 + rand() * ceiling / 2
