"""The Flask application: receive Strava's events, connect runners, show their pages.

The factory lives in :mod:`webhook.app`; it is imported only when called, so
that ``rhomboid --help`` and light commands do not pay for Flask, stravalib
and sqlite-utils.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from webhook.config import Config
    from webhook.services import Services


def create_app(services: "Services | Config | None" = None) -> "Flask":
    """The app factory (see :func:`webhook.app.create_app`)."""
    from webhook.app import create_app as build

    return build(services)
