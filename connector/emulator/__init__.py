"""A local Strava: OAuth, the API v3 calls Rhomboid makes, push subscriptions
and webhook delivery, over real HTTP on loopback, plus an admin API (``/_admin/``)
to set the scene. Real, unmodified stravalib talks to it through
:func:`connector.transport.strava_session`.
"""

from .app import create_app
from .server import EmulatorServer
from .shapes import StravaError
from .state import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_SCOPES, EmulatorState

__all__ = [
    "DEFAULT_CLIENT_ID",
    "DEFAULT_CLIENT_SECRET",
    "DEFAULT_SCOPES",
    "EmulatorServer",
    "EmulatorState",
    "StravaError",
    "create_app",
]
