"""The one place that reads configuration.

Settings are declared once, as data (name, default, help, parser), so the
README, ``--help`` and the error messages cannot drift apart. Values come from
the environment, and from a ``.env`` file in the working directory if present
(the environment wins). A missing or invalid setting stops start-up with one
line naming the variable.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import urlparse

from dotenv import dotenv_values
from dotenv.parser import parse_stream

STRAVA_URL = "https://www.strava.com"
DEFAULT_DB = "rhomboid.db"


class ConfigError(Exception):
    """A setting is missing or invalid; the message names the variable."""


def _text(value: str) -> str:
    return value.strip()


def _url(value: str) -> str:
    parsed = urlparse(value.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("must be an http(s) URL like https://rhomboid.example.com")
    return value.strip().rstrip("/")


def _secret(value: str) -> str:
    if len(value) < 16:
        raise ValueError("must be at least 16 characters (try: python -c 'import secrets; print(secrets.token_urlsafe(32))')")
    return value


def _path_segment(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_\-]{8,128}", value):
        raise ValueError("must be 8-128 letters, digits, '-' or '_' (it is a URL path segment)")
    return value


def _int(minimum: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise ValueError(f"must be a whole number >= {minimum}")
        return number

    return parse


def _smtp_url(value: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("smtp", "smtps") or not parsed.hostname:
        raise ValueError("must look like smtp://user:password@host:port (or smtps://)")
    return value


@dataclass(frozen=True)
class Setting:
    env: str
    attr: str
    help: str
    default: str | None = None
    required: bool = False
    parse: Callable[[str], object] = _text


SETTINGS: tuple[Setting, ...] = (
    Setting("STRAVA_CLIENT_ID", "strava_client_id", "Client ID of your Strava API application.", required=True),
    Setting("STRAVA_CLIENT_SECRET", "strava_client_secret", "Client secret of your Strava API application.", required=True),
    Setting("RHOMBOID_VERIFY_TOKEN", "verify_token", "Token Strava echoes in the subscription handshake.", required=True),
    Setting("RHOMBOID_SECRET_KEY", "secret_key", "Signs sessions and links, and derives the token encryption key.", required=True, parse=_secret),
    Setting("RHOMBOID_BASE_URL", "base_url", "Public URL of this app (OAuth redirect and webhook callback).", default="http://127.0.0.1:8700", parse=_url),
    Setting("RHOMBOID_DB", "db_path", "SQLite database file.", default="rhomboid.db"),
    Setting("RHOMBOID_STRAVA_URL", "strava_url", "Strava's base URL; point it at `rhomboid emulator serve` for local work.", default=STRAVA_URL, parse=_url),
    Setting("RHOMBOID_WEBHOOK_SECRET", "webhook_secret", "Secret path segment of the webhook URL.", required=True, parse=_path_segment),
    Setting("RHOMBOID_SUBSCRIPTION_ID", "subscription_id", "Strava push subscription id; events for another id are ignored. Default: the one stored by `rhomboid subscription create`.", parse=_int(1)),
    Setting("RHOMBOID_SMTP_URL", "smtp_url", "SMTP server for coach emails, e.g. smtp://user:pass@host:587.", parse=_smtp_url),
    Setting("RHOMBOID_MAIL_FROM", "mail_from", "Sender address of coach emails.", default="rhomboid@localhost"),
    Setting("RHOMBOID_RAW_RETENTION_DAYS", "raw_retention_days", "Days raw Strava payloads are kept before purging (derived numbers stay).", default="7", parse=_int(0)),
    Setting("RHOMBOID_MAX_ATTEMPTS", "max_attempts", "Attempts before an event that crashes our own code, or a coach alert, is dead (Strava failures use RHOMBOID_RETRY_HOURS).", default="8", parse=_int(1)),
    Setting("RHOMBOID_RETRY_HOURS", "retry_hours", "Hours an event is retried while Strava fails (5xx, timeouts) before it is dead.", default="24", parse=_int(1)),
    Setting("RHOMBOID_INBOX_RETENTION_DAYS", "inbox_retention_days", "Days done and ignored webhook events and sent coach alerts are kept (dead ones: 30 days).", default="7", parse=_int(1)),
)


@dataclass(frozen=True)
class Config:
    strava_client_id: str
    strava_client_secret: str
    verify_token: str
    secret_key: str
    base_url: str
    db_path: str
    strava_url: str
    webhook_secret: str
    subscription_id: int | None
    smtp_url: str | None
    mail_from: str
    raw_retention_days: int
    max_attempts: int
    retry_hours: int
    inbox_retention_days: int

    @property
    def webhook_url(self) -> str:
        return f"{self.base_url}/strava/webhook/{self.webhook_secret}"

    @property
    def redirect_uri(self) -> str:
        return f"{self.base_url}/auth/strava/callback"


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines read by python-dotenv: comments (inline too), quotes and 'export '.

    A line python-dotenv cannot parse is an error naming the file and line,
    rather than a setting silently skipped.
    """
    if not path.is_file():
        return {}
    text = path.read_text()
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raise ConfigError(f"{path}:{binding.original.line}: expected KEY=VALUE")
    values = dotenv_values(stream=io.StringIO(text), interpolate=False)
    return {key: value for key, value in values.items() if value is not None}


def default_db_path(dotenv: Path = Path(".env")) -> str:
    """``RHOMBOID_DB`` from the environment, else from ``.env``, else rhomboid.db.

    Migrating and inspecting events need no Strava credentials, so this reads
    the one setting rather than the whole configuration.
    """
    return os.environ.get("RHOMBOID_DB") or read_dotenv(dotenv).get("RHOMBOID_DB") or DEFAULT_DB


def load_config(
    environ: Mapping[str, str] | None = None,
    *,
    dotenv: Path | None = Path(".env"),
    overrides: Mapping[str, str] | None = None,
) -> Config:
    """Read every setting; raise ConfigError naming the first bad one."""
    source = dict(read_dotenv(dotenv)) if dotenv else {}
    source.update(os.environ if environ is None else environ)
    source.update(overrides or {})
    values: dict[str, object] = {}
    for setting in SETTINGS:
        raw = source.get(setting.env)
        if raw is None or raw == "":
            raw = setting.default
        if raw is None:
            if setting.required:
                raise ConfigError(f"{setting.env} is not set: {setting.help}")
            values[setting.attr] = None
            continue
        try:
            values[setting.attr] = setting.parse(raw)
        except ValueError as error:
            raise ConfigError(f"{setting.env} is invalid: {error}") from None
    assert {f.name for f in fields(Config)} == set(values)
    return Config(**values)
