"""The admin API under ``/_admin/``: JSON over the EmulatorState methods.

Not part of Strava. Tests, replay and the demo drive the emulated world with it:
load fixtures, change activities, move the clock, switch faults on, deliver
webhook events.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from connector.fixtures import FixtureError

from .app import emulator_state

bp = Blueprint("admin", __name__, url_prefix="/_admin")


class AdminError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@bp.errorhandler(AdminError)
@bp.errorhandler(FixtureError)
@bp.errorhandler(ValueError)
@bp.errorhandler(TypeError)
def _bad(exc: Exception):
    return jsonify({"error": str(exc)}), getattr(exc, "status", 400)


@bp.errorhandler(KeyError)
def _missing(exc: KeyError):
    return jsonify({"error": f"missing key: {exc.args[0]}"}), 400


def _body() -> dict:
    body = request.get_json(silent=True)
    if body is None and request.content_length:
        raise AdminError("the body must be JSON")
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise AdminError("the body must be a JSON object")
    return body


@bp.get("/state")
def state():
    return jsonify(emulator_state().describe())


@bp.post("/reset")
def reset():
    emulator_state().reset()
    return jsonify(emulator_state().describe())


@bp.post("/fixtures")
def load_fixture():
    body = _body()
    fixture = emulator_state().load_fixture(body["path"] if "path" in body else body)
    return jsonify(
        {
            "name": fixture.name,
            "athlete_id": fixture.athlete_id,
            "activities": len(fixture.activities),
            "events": len(fixture.events),
            "coaches": len(fixture.coaches),
        }
    ), 201


@bp.post("/athletes")
def put_athlete():
    body = _body()
    if not isinstance(body.get("id"), int):
        raise AdminError('an athlete needs an integer "id"')
    return jsonify(emulator_state().put_athlete(body)), 201


@bp.post("/athletes/<int:athlete_id>/revoke")
def revoke(athlete_id: int):
    return jsonify({"athlete_id": athlete_id, "revoked": emulator_state().revoke_athlete(athlete_id)})


@bp.post("/activities")
@bp.put("/activities/<int:activity_id>")
def put_activity(activity_id: int | None = None):
    body = _body()
    if activity_id is not None:
        body.setdefault("id", activity_id)
        if body["id"] != activity_id:
            raise AdminError(f"the body's id {body['id']} is not {activity_id}")
    if not isinstance(body.get("id"), int):
        raise AdminError('an activity needs an integer "id"')
    owner = request.args.get("owner_id", type=int)
    return jsonify(emulator_state().put_activity(body, owner_id=owner))


@bp.get("/activities/<int:activity_id>")
def get_activity(activity_id: int):
    found = emulator_state().get_activity(activity_id)
    if found is None:
        raise AdminError(f"no activity {activity_id}", 404)
    return jsonify(found)


@bp.delete("/activities/<int:activity_id>")
def delete_activity(activity_id: int):
    if not emulator_state().delete_activity(activity_id):
        raise AdminError(f"no activity {activity_id}", 404)
    return jsonify({"deleted": activity_id})


@bp.post("/activities/<int:activity_id>/updates")
def apply_updates(activity_id: int):
    body = _body()
    return jsonify(emulator_state().apply_updates(activity_id, body.get("updates", body)))


@bp.route("/clock", methods=["GET", "POST"])
def clock():
    body = _body() if request.method == "POST" else {}
    the_clock = emulator_state().clock
    if body.get("reset"):
        the_clock.reset()
    if "now" in body:
        the_clock.set(body["now"], ticking=bool(body.get("ticking", False)))
    if "advance_s" in body:
        the_clock.advance(float(body["advance_s"]))
    return jsonify(the_clock.describe())


@bp.get("/faults")
def faults():
    return jsonify(emulator_state().faults.describe())


@bp.post("/faults")
def add_fault():
    body = _body()
    switches = emulator_state().faults
    added = None
    if "status" in body:
        fault = switches.add(body["status"], body.get("count", 1), body.get("path_prefix"))
        added = fault.id
    if "latency_s" in body:
        switches.set_latency(body["latency_s"], body.get("path_prefix"))
    if body.get("expire_tokens"):
        emulator_state().expire_tokens()
    if added is None and "latency_s" not in body and not body.get("expire_tokens"):
        raise AdminError('give "status" (and "count", "path_prefix"), "latency_s" or "expire_tokens"')
    return jsonify(switches.describe() | {"added": added}), 201


@bp.delete("/faults")
def clear_faults():
    emulator_state().faults.clear()
    return jsonify(emulator_state().faults.describe())


@bp.post("/rate_limits")
def rate_limits():
    body = _body()
    state = emulator_state()
    reset_usage = bool(body.pop("reset_usage", False))
    state.rates.configure(reset_usage=reset_usage, **body)
    return jsonify(state.rates.usage(state.clock.now()).as_dict())


@bp.post("/tokens")
def issue_tokens():
    body = _body()
    if "athlete_id" not in body:
        raise AdminError('give "athlete_id" (and optionally "scope")')
    state = emulator_state()
    scope = body.get("scope", ",".join(("read", "activity:read_all", "activity:write")))
    return jsonify(state.issue_tokens(int(body["athlete_id"]), scope)), 201


@bp.post("/tokens/expire")
def expire_tokens():
    return jsonify({"expired": emulator_state().expire_tokens()})


@bp.get("/subscription")
def get_subscription():
    found = emulator_state().subscription
    return jsonify(found.as_json() | {"verify_token": found.verify_token} if found else None)


@bp.put("/subscription")
def put_subscription():
    body = _body()
    found = emulator_state().set_subscription(body.get("id"), body.get("callback_url"), body.get("verify_token"))
    return jsonify(found.as_json() | {"verify_token": found.verify_token})


@bp.delete("/subscription")
def delete_subscription():
    emulator_state().webhooks.clear()
    return jsonify(None)


@bp.post("/events/apply")
def apply_event():
    body = _body()
    return jsonify({"applied": emulator_state().apply_event(body.get("event", body))})


@bp.post("/deliver")
def deliver():
    body = _body()
    event = body.get("event")
    if not isinstance(event, dict):
        raise AdminError('give the webhook body as "event"')
    result = emulator_state().deliver(
        event,
        apply=bool(body.get("apply", False)),
        callback_url=body.get("callback_url"),
        attempts=body.get("attempts"),
        timeout_s=body.get("timeout_s"),
    )
    return jsonify(result)
