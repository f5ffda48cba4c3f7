"""Signed links: check-ins, coach invitations and coach sign-in.

Each kind has its own salt, so a link of one kind can never stand in for
another, and its own lifetime. Time is an argument: the signature carries
the time the link was made (the services' clock, so replay and tests get
the same links for the same moment), and checking compares with ``now``.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner

from webhook.db import epoch_s

CHECKIN = ("rhomboid-checkin", 14 * 24 * 3600)
COACH_INVITE = ("rhomboid-coach-invite", 7 * 24 * 3600)
COACH_LOGIN = ("rhomboid-coach-login", 15 * 60)


class LinkInvalid(Exception):
    """The link was tampered with, is of another kind, or has expired (``expired``)."""

    def __init__(self, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(secret_key: str, salt: str, at: float | None = None) -> URLSafeTimedSerializer:
    class Signer(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(at) if at is not None else super().get_timestamp()

    return URLSafeTimedSerializer(secret_key, salt=salt, signer=Signer)


def sign(secret_key: str, kind: tuple[str, int], payload: Any, now: datetime | float) -> str:
    """A URL-safe token for ``payload`` of this kind, made at ``now``."""
    return _serializer(secret_key, kind[0], epoch_s(now)).dumps(payload)


def _load(secret_key: str, kind: tuple[str, int], token: str, now: datetime | float) -> tuple[Any, float]:
    """(payload, age in seconds) of a valid token of this kind."""
    serializer = _serializer(secret_key, kind[0])
    try:
        payload, made_at = serializer.loads(token, return_timestamp=True)
    except SignatureExpired:
        raise LinkInvalid(expired=True) from None
    except BadSignature:
        raise LinkInvalid(expired=False) from None
    age = epoch_s(now) - made_at.timestamp()
    if age > kind[1] or age < -300:  # five minutes of clock skew between processes
        raise LinkInvalid(expired=True)
    return payload, age


def unsign(secret_key: str, kind: tuple[str, int], token: str, now: datetime | float) -> Any:
    """The payload of a token of this kind made at most its lifetime before ``now``."""
    return _load(secret_key, kind, token, now)[0]


CHECKIN_KEPT_S = 2 * 24 * 3600  # a link with less life left than this is signed again


def checkin_url(base_url: str, secret_key: str, athlete_id: int, activity_id: int, now: datetime | float,
                *, current: str | None = None) -> str:
    """The check-in link for one activity of one runner (valid 14 days).

    ``current`` is the note block now on the activity: a link in it for this
    runner and activity with at least two days of life left is kept, so that
    assessing an unchanged activity again (a title edit, a retried event)
    writes the same note, and Strava's description is not rewritten for a
    fresh signature alone.
    """
    if current:
        prefix = f"{base_url}/checkin/"
        for match in re.finditer(re.escape(prefix) + r"([A-Za-z0-9_.\-]+)", current):
            try:
                payload, age = _load(secret_key, CHECKIN, match.group(1), now)
            except LinkInvalid:
                continue
            if payload == [int(athlete_id), int(activity_id)] and CHECKIN[1] - age >= CHECKIN_KEPT_S:
                return prefix + match.group(1)
    token = sign(secret_key, CHECKIN, [int(athlete_id), int(activity_id)], now)
    return f"{base_url}/checkin/{token}"
