"""``GET /metrics``: the pipeline in Prometheus' text format.

Every figure is read from the database when Prometheus scrapes, by a custom
collector, so it is the same whichever process serves the page and
whichever runs the worker (the worker saves the rate budget and Strava's
health there; refused events and notes written are counter rows). What each
metric means, and what to do about it, is in docs/operations.md.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import CollectorRegistry

from webhook import inbox
from webhook.db import epoch_s, get_db
from webhook.store import pipeline

bp = Blueprint("metrics", __name__)

OUTBOX_STATUSES = ("pending", "sent", "dead")


class PipelineCollector:
    """Reads the figures from ``db`` at ``now`` (one collector per scrape)."""

    def __init__(self, db, now) -> None:
        self.db = db
        self.now = now

    def collect(self):
        db, at = self.db, epoch_s(self.now)
        events = GaugeMetricFamily("rhomboid_inbox_events", "Webhook events in the inbox, by status.",
                                   labels=["status"])
        for status, n in inbox.status_counts(db).items():
            events.add_metric([status], n)
        yield events

        oldest = oldest_pending_at(db)
        yield GaugeMetricFamily("rhomboid_inbox_oldest_pending_age_seconds",
                                "Age of the oldest event waiting or being processed (0 when none).",
                                value=max(at - oldest, 0) if oldest is not None else 0)

        alerts = GaugeMetricFamily("rhomboid_outbox_alerts", "Coach alerts in the outbox, by status.",
                                   labels=["status"])
        counts = dict.fromkeys(OUTBOX_STATUSES, 0)
        counts.update(db.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
        for status, n in counts.items():
            alerts.add_metric([status], n)
        yield alerts

        budget = GaugeMetricFamily("rhomboid_strava_budget_left",
                                   "Strava API calls left in the current window (the tighter of overall and read).",
                                   labels=["window"])
        for window, left in pipeline.rate_budget_left(db, at).items():
            budget.add_metric([window], left)
        yield budget

        health = pipeline.strava_health(db)
        yield GaugeMetricFamily("rhomboid_strava_up",
                                "1 while the worker's circuit breaker lets calls to Strava through, 0 while it probes.",
                                value=0 if health and health["state"] == "down" else 1)

        notes = CounterMetricFamily("rhomboid_notes_written", "Notes written to Strava activity descriptions.")
        notes.add_metric([], pipeline.counters(db, pipeline.NOTES_WRITTEN).get("", 0))
        yield notes

        refused = CounterMetricFamily("rhomboid_events_refused",
                                      "Webhook deliveries answered but not stored, by reason.", labels=["reason"])
        found = dict.fromkeys(pipeline.REFUSAL_REASONS, 0)
        found.update(pipeline.counters(db, pipeline.EVENTS_REFUSED))
        for reason, n in sorted(found.items()):
            refused.add_metric([reason], n)
        yield refused


def oldest_pending_at(db) -> int | None:
    """When the oldest event still waiting (or being processed) was received."""
    row = db.execute(
        "SELECT min(received_at) FROM inbox WHERE status IN ('pending', 'processing')"
    ).fetchone()
    return row[0] if row else None


@bp.get("/metrics")
def metrics():
    registry = CollectorRegistry(auto_describe=False)
    registry.register(PipelineCollector(get_db(), current_app.extensions["rhomboid"].clock()))
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
