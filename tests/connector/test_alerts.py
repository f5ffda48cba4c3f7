"""Coach channels against real servers on loopback: aiosmtpd for email, a tiny
HTTP server for webhooks and Slack."""

from __future__ import annotations

import logging
import socket
import threading
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from connector.alerts import Alert, AlertError, redact_url, send, send_email, send_slack, send_webhook
from tests.connector.conftest import Answer

MAIL_FROM = "Rhomboid <alerts@rhomboid.test>"
BODY = "Sam reported chest pain after run 42. Private health details here."


class SmtpRecorder:
    """An aiosmtpd handler that keeps every message, or refuses as told."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.rcpt_reply: str | None = None
        self.data_reply: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, **controller_options) -> None:
        self.handler = SmtpRecorder()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **controller_options)
        self.controller.start()
        self.url = f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[Message]:
        return self.handler.messages

    def stop(self) -> None:
        self.controller.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback that records what it receives."""
    server = SmtpServer()
    yield server
    server.stop()


def urgent_email(to: str = "coach@example.com") -> Alert:
    return Alert(
        to=to,
        channel="email",
        level="urgent",
        subject="Urgent: Sam reported warning signs after a run",
        body=BODY,
        payload={"runner": {"id": 7, "firstname": "Sam"}, "activity_id": 42},
    )


def hook(url: str, channel: str = "webhook", level: str = "warning") -> Alert:
    return Alert(
        to=url,
        channel=channel,
        level=level,
        subject="Sam: Rhomboid suggested seeing a physio (activity 42)",
        body="Sam has had upper-back soreness on 3 runs in a row. <!channel> & more",
        payload={"runner": {"id": 7, "firstname": "Sam"}, "activity_id": 42, "reason": "see_physio"},
    )


# -- email -----------------------------------------------------------------------


def test_urgent_email_reaches_the_smtp_server(smtp_server):
    send_email(smtp_server.url, MAIL_FROM, urgent_email())

    [message] = smtp_server.messages
    assert message["To"] == "coach@example.com"
    assert message["From"] == MAIL_FROM
    assert message["Subject"] == "Urgent: Sam reported warning signs after a run"
    assert message["X-Rhomboid-Level"] == "urgent"
    assert message["Importance"] == "high"
    assert message.get_payload(decode=True).decode().strip() == BODY
    assert smtp_server.handler.envelopes == [("alerts@rhomboid.test", ["coach@example.com"])]


def test_send_dispatches_email_on_its_channel(smtp_server):
    send(urgent_email("other@example.com"), smtp_server.url, MAIL_FROM)
    assert [m["To"] for m in smtp_server.messages] == ["other@example.com"]


def test_a_name_cannot_inject_email_headers(smtp_server):
    alert = Alert("coach@example.com", "email", "info", "Sam\r\nBcc: evil@example.com", "hi")
    send_email(smtp_server.url, MAIL_FROM, alert)
    [message] = smtp_server.messages
    assert message["Bcc"] is None
    assert smtp_server.handler.envelopes[0][1] == ["coach@example.com"]


def test_email_logs_in_with_percent_decoded_credentials():
    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        seen.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"p@ss:word", handled=False)

    server = SmtpServer(authenticator=authenticator, auth_require_tls=False)
    try:
        url = f"smtp://mailer:p%40ss%3Aword@127.0.0.1:{server.port}"
        send_email(url, MAIL_FROM, urgent_email())
        assert seen == [("mailer", "p@ss:word")]
        assert len(server.messages) == 1

        with pytest.raises(AlertError) as refused:
            send_email(f"smtp://mailer:wrong@127.0.0.1:{server.port}", MAIL_FROM, urgent_email())
        assert refused.value.retryable is False
        assert "535" in str(refused.value)
        assert "wrong" not in str(refused.value)
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("where", "reply", "retryable"),
    [
        ("rcpt", "450 Mailbox busy, try later", True),
        ("rcpt", "550 No such user", False),
        ("data", "451 Local error, try later", True),
        ("data", "554 Rejected as spam", False),
    ],
)
def test_smtp_4xx_is_retryable_and_5xx_is_not(smtp_server, where, reply, retryable):
    setattr(smtp_server.handler, f"{where}_reply", reply)
    with pytest.raises(AlertError) as failed:
        send_email(smtp_server.url, MAIL_FROM, urgent_email())
    assert failed.value.retryable is retryable
    assert reply[:3] in str(failed.value)
    assert smtp_server.messages == []


def test_unreachable_smtp_server_is_retryable():
    with pytest.raises(AlertError) as failed:
        send_email(f"smtp://127.0.0.1:{free_port()}", MAIL_FROM, urgent_email(), timeout=2)
    assert failed.value.retryable is True


@pytest.mark.parametrize("smtp_url", [None, "", "http://mail.example.com"])
def test_missing_or_wrong_smtp_url_is_not_retryable(smtp_url):
    with pytest.raises(AlertError) as failed:
        send_email(smtp_url, MAIL_FROM, urgent_email())
    assert failed.value.retryable is False
    assert "RHOMBOID_SMTP_URL" in str(failed.value)


def test_email_log_never_holds_the_body(smtp_server, caplog):
    caplog.set_level(logging.DEBUG, logger="connector.alerts")
    send_email(smtp_server.url, MAIL_FROM, urgent_email())
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name == "connector.alerts")
    assert "Urgent: Sam reported warning signs" in ours
    assert "Private health details" not in ours
    assert "coach@example.com" not in ours


# -- webhooks and Slack ------------------------------------------------------------


def test_webhook_posts_the_alert_as_json(callback_server):
    server = callback_server(lambda received: Answer(204, {}))
    send_webhook(server.url + "/hooks/coach", hook(server.url))

    [received] = server.received
    assert (received.method, received.path) == ("POST", "/hooks/coach")
    assert received.body == {
        "level": "warning",
        "subject": "Sam: Rhomboid suggested seeing a physio (activity 42)",
        "text": "Sam has had upper-back soreness on 3 runs in a row. <!channel> & more",
        "runner": {"id": 7, "firstname": "Sam"},
        "activity_id": 42,
        "reason": "see_physio",
    }


def test_slack_gets_escaped_text(callback_server):
    server = callback_server(lambda received: Answer(200, "ok"))
    send(hook(server.url + "/services/T/B/secret", channel="slack", level="urgent"), None, MAIL_FROM)

    [received] = server.received
    assert received.path == "/services/T/B/secret"
    assert set(received.body) == {"text"}
    text = received.body["text"]
    assert text.startswith(":rotating_light: *Sam: Rhomboid suggested seeing a physio (activity 42)*\n")
    # a runner's words can't @-mention a whole Slack channel
    assert "&lt;!channel&gt; &amp; more" in text
    assert "<!channel>" not in text


@pytest.mark.parametrize(
    ("status", "retryable"),
    [(500, True), (502, True), (503, True), (429, True), (404, False), (400, False), (410, False), (301, False)],
)
def test_webhook_status_decides_retry(callback_server, status, retryable):
    server = callback_server(lambda received: Answer(status, {"error": "nope"}))
    with pytest.raises(AlertError) as failed:
        send_webhook(server.url + "/hook", hook(server.url))
    assert failed.value.retryable is retryable
    assert str(status) in str(failed.value)


def test_slack_failures_use_the_same_rules(callback_server):
    server = callback_server(lambda received: Answer(404, "no_service"))
    with pytest.raises(AlertError) as failed:
        send_slack(server.url + "/services/x", hook(server.url, channel="slack"))
    assert failed.value.retryable is False


def test_webhook_timeout_and_refused_connection_are_retryable(callback_server):
    slow = callback_server(lambda received: Answer(200, {}, delay_s=0.5))
    with pytest.raises(AlertError) as timed_out:
        send_webhook(slow.url + "/hook", hook(slow.url), timeout=0.1)
    assert timed_out.value.retryable is True

    with pytest.raises(AlertError) as refused:
        send_webhook(f"http://127.0.0.1:{free_port()}/hook", hook("x"), timeout=1)
    assert refused.value.retryable is True


def test_webhook_errors_and_logs_hide_the_url_secret(callback_server, caplog):
    caplog.set_level(logging.DEBUG, logger="connector.alerts")
    server = callback_server(lambda received: Answer(500, {}))
    with pytest.raises(AlertError) as failed:
        send_slack(server.url + "/services/T000/B000/XXXXSECRET", hook(server.url, channel="slack"))
    assert "XXXXSECRET" not in str(failed.value)

    ok = callback_server(lambda received: Answer(200, "ok"))
    send_slack(ok.url + "/services/T000/B000/XXXXSECRET", hook(ok.url, channel="slack"))
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name == "connector.alerts")
    assert "Sam: Rhomboid suggested" in ours
    assert "XXXXSECRET" not in ours
    assert "soreness on 3 runs" not in ours


def test_retry_after_is_passed_on():
    class TooMany(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(429)
            self.send_header("Retry-After", "120")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), TooMany)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        with pytest.raises(AlertError) as failed:
            send_webhook(f"http://127.0.0.1:{server.server_port}/hook", hook("x"))
    finally:
        server.shutdown()
        server.server_close()
    assert failed.value.retryable is True
    assert failed.value.retry_after_s == 120


def test_redact_url_keeps_scheme_and_host_only():
    assert redact_url("https://user:pw@hooks.slack.com:8443/services/a/b") == "https://hooks.slack.com:8443/…"
    assert redact_url("https://hooks.slack.com/services/a/b?x=1") == "https://hooks.slack.com/…"


def test_non_http_webhook_url_is_not_retryable():
    with pytest.raises(AlertError) as failed:
        send_webhook("file:///etc/passwd", hook("x"))
    assert failed.value.retryable is False


def test_alert_rejects_unknown_channel_and_level():
    with pytest.raises(ValueError, match="channel"):
        Alert("a@b.c", "sms", "info", "s", "b")
    with pytest.raises(ValueError, match="level"):
        Alert("a@b.c", "email", "critical", "s", "b")
