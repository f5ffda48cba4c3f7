"""HTTP plumbing for stravalib: where its requests go and how long they may take.

stravalib always builds ``https://www.strava.com/...`` URLs. To point it at the
local emulator we never patch stravalib; we hand it a ``requests.Session``
whose adapter for ``https://www.strava.com/`` rewrites each request to another
base URL, keeping the path and query. Every adapter also applies a default
timeout, because requests waits forever when none is given.

stravalib's default rate limiter *sleeps* until Strava's window resets, which
would freeze a web or worker thread for up to a day. :class:`RecordingRateLimiter`
never sleeps; it only remembers the last usage Strava reported so our own
budget can decide to defer work instead.
"""

from __future__ import annotations

import ipaddress
import threading
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from connector import _stravalib  # noqa: F401 (first: keeps the process's warning settings)
from stravalib.util.limiter import RateLimiter

STRAVA_URL = "https://www.strava.com"
STRAVA_PREFIX = STRAVA_URL + "/"

# (connect, read) seconds: connect slightly above a TCP retransmit window.
DEFAULT_TIMEOUT: tuple[float, float] = (3.05, 10.0)


class TimeoutAdapter(HTTPAdapter):
    """An HTTPAdapter that applies a default timeout when the caller gives none."""

    def __init__(self, timeout: Any = DEFAULT_TIMEOUT, **kwargs: Any) -> None:
        self.default_timeout = timeout
        super().__init__(**kwargs)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.default_timeout
        return super().send(request, **kwargs)


class RedirectingAdapter(TimeoutAdapter):
    """Sends requests meant for ``https://www.strava.com`` to ``base_url`` instead."""

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) base URL: {base_url!r}")
        self.base_url = base_url.rstrip("/")
        super().__init__(**kwargs)

    def rewrite(self, url: str) -> str:
        """The URL ``url`` would have on ``base_url`` (same path and query)."""
        parts = urlsplit(url)
        base = urlsplit(self.base_url)
        return urlunsplit(
            (base.scheme, base.netloc, base.path + parts.path, parts.query, parts.fragment)
        )

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if request.url and request.url.startswith(STRAVA_PREFIX):
            request.url = self.rewrite(request.url)
            if _is_loopback(urlsplit(request.url).hostname):
                # The proxies requests chose were for www.strava.com, not for us.
                kwargs["proxies"] = {}
        return super().send(request, **kwargs)


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_real_strava(base_url: str | None) -> bool:
    """True when ``base_url`` means Strava itself (None, blank or strava.com)."""
    return not base_url or base_url.strip().rstrip("/") == STRAVA_URL


def strava_session(
    base_url: str | None = None, timeout: Any = DEFAULT_TIMEOUT
) -> requests.Session:
    """A requests Session for stravalib that talks to ``base_url``.

    ``None`` or ``"https://www.strava.com"`` gives a plain session (with the
    default timeout); any other URL, e.g. the emulator's ``http://127.0.0.1:8701``,
    receives every request stravalib addresses to www.strava.com.
    """
    session = requests.Session()
    plain = TimeoutAdapter(timeout=timeout)
    session.mount("https://", plain)
    session.mount("http://", plain)
    if not is_real_strava(base_url):
        assert base_url is not None
        session.mount(STRAVA_PREFIX, RedirectingAdapter(base_url, timeout=timeout))
        if _is_loopback(urlsplit(base_url).hostname):
            # no proxy or .netrc applies to loopback: skip requests' per-call
            # environment and file lookups
            session.trust_env = False
    return session


@dataclass(frozen=True)
class RateUsage:
    """Usage and limits from one response's rate-limit headers."""

    short_usage: int
    long_usage: int
    short_limit: int
    long_limit: int
    read_short_usage: int | None = None
    read_long_usage: int | None = None
    read_short_limit: int | None = None
    read_long_limit: int | None = None


def _pair(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        first, second = (int(part) for part in value.split(","))
    except ValueError:
        return None
    return first, second


def rate_usage_from_headers(headers: Mapping[str, str]) -> RateUsage | None:
    """Parse Strava's ``X-RateLimit-*`` / ``X-ReadRateLimit-*`` headers, or None."""
    folded = {key.lower(): value for key, value in headers.items()}
    usage = _pair(folded.get("x-ratelimit-usage"))
    limit = _pair(folded.get("x-ratelimit-limit"))
    if usage is None or limit is None:
        return None
    read_usage = _pair(folded.get("x-readratelimit-usage")) or (None, None)
    read_limit = _pair(folded.get("x-readratelimit-limit")) or (None, None)
    return RateUsage(*usage, *limit, *read_usage, *read_limit)


class RecordingRateLimiter(RateLimiter):
    """A stravalib rate limiter that never sleeps; it records the last usage seen.

    Pass it as ``stravalib.Client(rate_limiter=...)``. ``last`` is None until a
    response with rate-limit headers has arrived.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self.last: RateUsage | None = None

    def __call__(self, args: dict[str, str], method: Any) -> None:
        usage = rate_usage_from_headers(args)
        if usage is not None:
            with self._lock:
                self.last = usage


def strava_client(
    base_url: str | None = None,
    *,
    access_token: str | None = None,
    refresh_token: str | None = None,
    token_expires: int | None = None,
    rate_limiter: RateLimiter | None = None,
    timeout: Any = DEFAULT_TIMEOUT,
) -> Any:
    """A ``stravalib.Client`` wired to ``base_url`` with a non-sleeping limiter."""
    from stravalib import Client

    return Client(
        access_token=access_token,
        refresh_token=refresh_token,
        token_expires=token_expires,
        rate_limiter=rate_limiter or RecordingRateLimiter(),
        requests_session=strava_session(base_url, timeout=timeout),
    )
