"""The emulator's Flask application: Strava's OAuth and API plus an admin API."""

from __future__ import annotations

import time

from flask import Flask, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from .shapes import StravaError, body_for_status, error, rate_limit_exceeded
from .state import EmulatorState

EXTENSION = "strava_emulator"


def emulator_state() -> EmulatorState:
    return current_app.extensions[EXTENSION]


def request_values() -> dict:
    """Query, form and JSON-object body parameters together (Strava takes all three)."""
    values = request.values.to_dict()
    body = request.get_json(silent=True) if request.is_json else None
    if isinstance(body, dict):
        values.update({k: v for k, v in body.items() if v is not None})
    return values


def create_app(state: EmulatorState | None = None) -> Flask:
    """A Flask app serving ``state`` (a fresh EmulatorState when None)."""
    from . import admin, api, oauth

    app = Flask(__name__)
    app.json.sort_keys = False
    app.extensions[EXTENSION] = state or EmulatorState()
    app.register_blueprint(oauth.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    app.before_request(_latency_limits_and_faults)
    app.after_request(_rate_headers)
    app.register_error_handler(StravaError, _strava_error)
    app.register_error_handler(HTTPException, _http_error)
    return app


def _latency_limits_and_faults():
    path = request.path
    if path.startswith("/_admin"):
        return None
    state = emulator_state()
    delay_s = state.faults.latency_for(path)
    if delay_s:
        time.sleep(delay_s)
    if path.startswith("/api/v3/"):
        g.rate_usage = state.rates.count(state.clock.now())
    status = state.faults.take(path)
    if status is not None:
        if status == 429 and g.get("rate_usage") is not None:
            # A real 429 comes with headers showing the window overrun.
            g.rate_usage = g.rate_usage.short_exhausted()
        return jsonify(body_for_status(status)), status
    usage = g.get("rate_usage")
    if usage is not None and usage.exceeded:
        return jsonify(rate_limit_exceeded()), 429
    return None


def _rate_headers(response):
    usage = g.get("rate_usage")
    if usage is not None:
        response.headers.update(usage.headers())
    return response


def _strava_error(exc: StravaError):
    return jsonify(exc.body), exc.status


def _http_error(exc: HTTPException):
    if exc.code == 404:
        body = error("Record Not Found", "resource", "path", "invalid")
    else:
        body = {"message": exc.name, "errors": []}
    return jsonify(body), exc.code
