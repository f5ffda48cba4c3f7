"""Why an inbox event is where it is, in words for `rhomboid events`.

An operator looking at a waiting event wants to know what it waits for: its
retry time after a Strava failure, the rate window's reset, Strava answering
again (the worker's circuit breaker, saved in the database), or only its
turn. A finished event says how it ended.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from webhook.db import epoch_s
from webhook.inbox import hhmm


def why(event: Mapping[str, Any], now: datetime | float, strava_health: Mapping[str, Any] | None = None) -> str:
    """Why an event is where it is, in words for `rhomboid events`: what a
    waiting event waits for (its retry time, the rate window, Strava to
    answer again), or how a finished one ended."""
    at = epoch_s(now)
    status = event["status"]
    if status == "processing":
        return f"being processed since {hhmm(event['claimed_at'])}" if event.get("claimed_at") else "being processed"
    if status != "pending":
        return event.get("reason") or event.get("last_error") or ""
    if event["next_attempt_at"] > at:
        return event.get("reason") or f"waits until {hhmm(event['next_attempt_at'])}"
    if strava_health and strava_health.get("state") == "down":
        probe = strava_health.get("next_probe_at")
        return (f"waiting for Strava to answer again: failing since {hhmm(strava_health['since'])} "
                f"({strava_health.get('last_error')})" + (f", next probe {hhmm(probe)}" if probe else ""))
    return "due: next in line for the worker"
