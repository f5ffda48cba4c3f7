"""E-mails a person asked for: a coach's invitation and sign-in links.

They go out at once through the same SMTP client as coach alerts
(:func:`connector.alerts.send_email`), not through the outbox: the person is
waiting on the page, so a failure is said there rather than retried unseen.
"""

from __future__ import annotations

import logging

from connector.alerts import Alert, AlertError, send_email
from webhook.config import Config

log = logging.getLogger(__name__)


def send_now(config: Config, to: str, subject: str, body: str) -> str | None:
    """Send one plain-text e-mail; return None, or why it could not be sent."""
    try:
        send_email(config.smtp_url, config.mail_from, Alert(to=to, channel="email", level="info",
                                                            subject=subject, body=body))
    except AlertError as error:
        log.warning("could not send %r: %s", subject, error)
        return str(error)
    return None
