"""Coach channels: email (SMTP), outbound webhooks (JSON POST) and Slack.

One :class:`Alert` is one message to one address on one channel. Webhooks
are signed per Standard Webhooks when the coach has a signing secret. Sending
either succeeds or raises :class:`AlertError`, which says whether trying again
later could help (``retryable``): the outbox (:mod:`webhook.outbox`) keeps the
message and backs off, or gives up on it.

What is retryable follows the protocols: a network failure, a timeout, an
HTTP 5xx or 429, and an SMTP 4xx are temporary; any other HTTP 4xx, an SMTP
5xx or a missing SMTP server will fail the same way next time.

Logs name the channel, the level, a redacted address and the subject, never
a message body (it carries a runner's health notes) and never a full webhook
URL (a Slack webhook URL is itself the secret that lets anyone post).
"""

from __future__ import annotations

import email.utils
import json
import logging
import smtplib
import socket
import ssl
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from standardwebhooks.webhooks import Webhook

log = logging.getLogger(__name__)

CHANNELS = ("email", "webhook", "slack")
LEVELS = ("info", "warning", "urgent")
USER_AGENT = "Rhomboid-alerts/0.1"
SMTP_PORTS = {"smtp": 25, "smtps": 465}


@dataclass(frozen=True)
class Alert:
    """One message for one coach address.

    ``to`` is an email address (channel ``email``) or a URL (``webhook``,
    ``slack``). ``payload`` holds the structured facts a webhook receiver gets
    beside ``level``, ``subject`` and ``text`` (runner, activity_id, ...).
    """

    to: str
    channel: str
    level: str
    subject: str
    body: str = field(repr=False)
    payload: dict[str, Any] = field(default_factory=dict, repr=False)
    # e-mail only: (filename, content type, bytes), such as a runner's chart as PNG
    attachments: tuple[tuple[str, str, bytes], ...] = field(default=(), repr=False)
    # webhook only: the coach's Standard Webhooks secret ("whsec_..."); None sends unsigned
    signing_secret: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(f"alert channel must be one of {', '.join(CHANNELS)}, not {self.channel!r}")
        if self.level not in LEVELS:
            raise ValueError(f"alert level must be one of {', '.join(LEVELS)}, not {self.level!r}")


class AlertError(Exception):
    """Sending failed. ``retryable`` says whether a later attempt may succeed;
    ``retry_after_s`` is the receiver's own hint (HTTP Retry-After), if any."""

    def __init__(self, message: str, retryable: bool, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.retry_after_s = retry_after_s

    def __str__(self) -> str:
        return self.message


def send(alert: Alert, smtp_url: str | None, mail_from: str) -> None:
    """Send ``alert`` on its channel; raise :class:`AlertError` on failure."""
    if alert.channel == "email":
        send_email(smtp_url, mail_from, alert)
    elif alert.channel == "webhook":
        send_webhook(alert.to, alert)
    else:
        send_slack(alert.to, alert)


# -- email ----------------------------------------------------------------------


def send_email(smtp_url: str | None, mail_from: str, alert: Alert, timeout: float = 10) -> None:
    """Send ``alert`` as a plain-text email through the server at ``smtp_url``.

    ``smtp://[user:password@]host[:port]`` upgrades with STARTTLS when the
    server offers it; ``smtps://`` speaks TLS from the start. User and
    password are percent-decoded, so a password may contain ``@`` as ``%40``.
    """
    if not smtp_url:
        raise AlertError("no SMTP server configured: set RHOMBOID_SMTP_URL to send coach emails", retryable=False)
    parts = urlsplit(smtp_url)
    if parts.scheme not in SMTP_PORTS or not parts.hostname:
        raise AlertError("RHOMBOID_SMTP_URL must look like smtp://user:password@host:port (or smtps://)", retryable=False)
    try:
        port = parts.port or SMTP_PORTS[parts.scheme]
    except ValueError:
        raise AlertError("RHOMBOID_SMTP_URL has an invalid port", retryable=False) from None
    host = parts.hostname
    message = _email_message(mail_from, alert)
    where = f"{parts.scheme}://{host}:{port}"
    try:
        if parts.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            client.ehlo()
            if parts.scheme == "smtp" and client.has_extn("starttls"):
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if parts.username:
                client.login(unquote(parts.username), unquote(parts.password or ""))
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        raise AlertError(
            f"{where} refused the recipient ({', '.join(map(str, codes))})",
            retryable=all(400 <= code < 500 for code in codes),
        ) from None
    except smtplib.SMTPResponseException as error:
        text = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
        raise AlertError(
            f"{where} answered {error.smtp_code} {text.strip()[:200]}",
            retryable=400 <= error.smtp_code < 500,
        ) from None
    except smtplib.SMTPNotSupportedError as error:
        raise AlertError(f"{where} does not support what we asked: {error}", retryable=False) from None
    except (smtplib.SMTPException, OSError) as error:
        # disconnects, refused connections, timeouts, TLS failures on the way
        raise AlertError(f"cannot reach {where}: {error or type(error).__name__}", retryable=True) from None
    log.info("sent %s email to %s: %s", alert.level, _redact_email(alert.to), alert.subject)


def _email_message(mail_from: str, alert: Alert) -> EmailMessage:
    if not alert.to or any(c in alert.to for c in "\r\n,;") or "@" not in alert.to:
        raise AlertError(f"not an email address: {_redact_email(alert.to)!r}", retryable=False)
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = alert.to
    message["Subject"] = " ".join(alert.subject.split())  # no header injection through a name
    message["Date"] = email.utils.formatdate(localtime=False)
    domain = mail_from.rpartition("@")[2].strip(" >") or "rhomboid.localhost"
    message["Message-ID"] = email.utils.make_msgid("rhomboid", domain=domain)
    message["X-Rhomboid-Level"] = alert.level
    if alert.level == "urgent":
        message["Importance"] = "high"
        message["X-Priority"] = "1"
    message.set_content(alert.body)
    for filename, content_type, data in alert.attachments:
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


# -- webhooks -------------------------------------------------------------------


def send_webhook(url: str, alert: Alert, timeout: float = 5) -> None:
    """POST the alert as JSON to a coach's webhook.

    The body is ``{"level", "subject", "text", **alert.payload}``; the payload
    carries ``runner``, ``activity_id`` and the rest.
    """
    body = {"level": alert.level, "subject": alert.subject, "text": alert.body, **alert.payload}
    _post_json(url, body, timeout, alert, signed=True)


def send_slack(url: str, alert: Alert, timeout: float = 5) -> None:
    """Post the alert to a Slack incoming webhook (``{"text": ...}``)."""
    marker = ":rotating_light: " if alert.level == "urgent" else ""
    text = f"{marker}*{_slack_escape(alert.subject)}*\n{_slack_escape(alert.body)}"
    _post_json(url, {"text": text}, timeout, alert)


def _slack_escape(text: str) -> str:
    # Slack reads <...> as links and mentions: a runner's name must not ping a channel
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def standard_webhook_headers(secret: str, message_id: str, data: str, at: datetime | None = None) -> dict[str, str]:
    """``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` for ``data``,
    signed per the Standard Webhooks specification (its reference library).

    The timestamp is the sending moment on the wall clock: receivers reject
    a signature more than a few minutes away from their own time.
    """
    at = at or datetime.now(timezone.utc)
    signature = Webhook(secret).sign(msg_id=message_id, timestamp=at, data=data)
    return {"webhook-id": message_id, "webhook-timestamp": str(int(at.timestamp())), "webhook-signature": signature}


def _post_json(url: str, body: dict[str, Any], timeout: float, alert: Alert, signed: bool = False) -> None:
    where = redact_url(url)
    if urlsplit(url).scheme not in ("http", "https"):
        raise AlertError(f"{alert.channel} URL {where} is not http(s)", retryable=False)
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    headers = {"User-Agent": USER_AGENT, "Content-Type": "application/json"}
    if signed and alert.signing_secret:
        message_id = str(body.get("id") or uuid.uuid4())
        headers.update(standard_webhook_headers(alert.signing_secret, message_id, data))
    try:
        response = requests.post(
            url,
            data=data.encode("utf-8"),
            timeout=timeout,
            headers=headers,
            # a redirected POST turns into a GET: better to tell the coach their URL moved
            allow_redirects=False,
        )
    except (requests.ConnectionError, requests.Timeout, socket.timeout) as error:
        raise AlertError(f"cannot reach {where}: {type(error).__name__}", retryable=True) from None
    except requests.RequestException as error:
        raise AlertError(f"cannot post to {where}: {type(error).__name__}", retryable=False) from None
    status = response.status_code
    if 200 <= status < 300:
        log.info("sent %s %s alert to %s: %s", alert.level, alert.channel, where, alert.subject)
        return
    reason = f"{where} answered HTTP {status}"
    if status == 429 or status >= 500:
        raise AlertError(reason, retryable=True, retry_after_s=_retry_after(response))
    if 300 <= status < 400:
        raise AlertError(f"{reason} (redirect): update the {alert.channel} URL", retryable=False)
    raise AlertError(reason, retryable=False)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def redact_url(url: str) -> str:
    """The URL without its path and credentials: ``https://hooks.slack.com/…``.

    Webhook URLs embed their secret in the path, so logs and stored errors
    keep only the scheme and host.
    """
    parts = urlsplit(url or "")
    host = parts.hostname or "?"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme or '?'}://{host}{port}/…"


def _redact_email(address: str) -> str:
    local, at, domain = (address or "").partition("@")
    return f"{local[:1]}…{at}{domain}" if at else "…"
