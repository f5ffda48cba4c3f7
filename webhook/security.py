"""Web security shared by every page and form, the runner's and the coach's.

- CSRF: Flask-WTF's ``CSRFProtect`` wants a token on every POST, and an
  ``Origin`` (or, without one, ``Referer``) naming another site is refused
  before the token is even looked at: a sibling subdomain can read no token,
  but it is "same site", so SameSite cookies alone do not stop it.
- Framing: ``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'``, so no
  foreign page can put a delete button under a decoy.
- ``X-Content-Type-Options: nosniff``, a strict ``Referrer-Policy`` (signed
  check-in and sign-in links must not leak to another site through Referer),
  ``Cache-Control: no-store`` (health notes stay out of shared caches).
- When ``RHOMBOID_BASE_URL`` is https: ``Secure`` cookies and HSTS.

Strava's webhook is exempt from all of it: it has no session and no browser,
and its acknowledgement must stay fast.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

csrf = CSRFProtect()

WEBHOOK_PREFIX = "/strava/webhook/"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased, as browsers send ``Origin``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def init_app(app: Flask, base_url: str) -> None:
    """Install CSRF protection, the Origin check and the security headers."""
    https = base_url.lower().startswith("https://")
    app.config.update(
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session it sits in
        WTF_CSRF_SSL_STRICT=https,
        SESSION_COOKIE_SECURE=https,
        SESSION_COOKIE_NAME="rhomboid_runner",
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
    )
    trusted = {origin_of(base_url)}

    @app.before_request
    def check_origin():
        if request.method not in UNSAFE_METHODS or request.path.startswith(WEBHOOK_PREFIX):
            return None
        claimed = request.headers.get("Origin") or request.headers.get("Referer")
        if claimed is None:
            return None  # old browsers and scripts: the CSRF token still decides
        here = origin_of(request.host_url)
        if claimed == "null" or origin_of(claimed) not in trusted | {here}:
            return _refused("This form was sent from another site, so Rhomboid ignored it."), 403
        return None

    csrf.init_app(app)

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return _refused("This form has expired or did not come from Rhomboid. Open the page again and retry."), 400

    @app.after_request
    def headers(response):
        if request.path.startswith(WEBHOOK_PREFIX):
            return response
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        # pages hold health notes: no copy in a shared cache or a back button after sign-out
        response.headers.setdefault("Cache-Control", "no-store")
        if https:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response


def exempt(blueprint) -> None:
    """No CSRF token on this blueprint's POSTs (Strava's webhook)."""
    csrf.exempt(blueprint)


def _refused(message: str) -> str:
    return render_template("error.html", title="Not done", message=message, retry=False)
