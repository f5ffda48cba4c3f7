"""The app factory: receive Strava's events, connect runners, show their pages."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from webhook import db as db_module
from webhook.config import Config, load_config
from webhook.services import Services


class _SessionInterface(SecureCookieSessionInterface):
    """No session for Strava's webhook: it never has a cookie, and opening a
    signed session on every event is a tenth of the ack's cost."""

    def open_session(self, app, request):
        if request.path.startswith("/strava/webhook/"):
            return self.make_null_session(app)
        return super().open_session(app, request)


def create_app(services: Services | Config | None = None) -> Flask:
    """The app factory. Starts no scheduler: the worker is separate (see webhook.worker)."""
    if services is None:
        services = Services(load_config())
    elif isinstance(services, Config):
        services = Services(services)
    app = Flask(__name__)
    app.config["SECRET_KEY"] = services.config.secret_key
    app.config["RHOMBOID_DB"] = services.config.db_path
    app.extensions["rhomboid"] = services
    app.session_interface = _SessionInterface()
    db_module.init_app(app)

    from webhook import (
        auth, checkin, coach_access, coach_pages, me_coaches, me_export, metrics, pages, receive, security,
    )

    security.init_app(app, services.config.base_url)  # CSRF, Origin check, headers, cookie flags
    security.exempt(receive.bp)
    app.register_blueprint(receive.bp)
    app.register_blueprint(auth.bp)
    for blueprint in (pages.bp, me_coaches.bp, me_export.bp, checkin.bp, coach_access.bp, coach_pages.bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(metrics.bp)
    return app
