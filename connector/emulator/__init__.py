"""A local Strava: OAuth, the API v3 calls Rhomboid makes, push subscriptions
and webhook delivery, over real HTTP on loopback, plus an admin API (``/_admin/``)
to set the scene. Real, unmodified stravalib talks to it through
:func:`connector.transport.strava_session`.

The names below are imported on first use, so that ``rhomboid emulator --help``
does not load Flask and waitress.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "create_app": ".app",
    "EmulatorServer": ".server",
    "StravaError": ".shapes",
    "DEFAULT_CLIENT_ID": ".state",
    "DEFAULT_CLIENT_SECRET": ".state",
    "DEFAULT_SCOPES": ".state",
    "EmulatorState": ".state",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name], __name__), name)
