"""What an attacker would try, in a real browser: a forged form from another
port on the same host (standing in for a sibling subdomain: same site, other
origin), framing /me in a foreign page, and words put in Rhomboid's mouth
through the URL."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.browser.conftest import connect, new_page


@pytest.fixture
def attacker():
    """A page of the attacker's on another loopback port; ``attacker.html`` is what it serves."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.pages = pages
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_a_cross_origin_form_cannot_change_settings_or_delete(live, browser, attacker):
    page = new_page(browser, "desktop")
    connect(page, live)
    attacker.pages["/win"] = f"""<!doctype html><title>You won</title>
      <form method="post" action="{live.url}/me/settings"><input type="hidden" name="note_mode" value="always">
        <button id="settings">Claim your prize</button></form>
      <form method="post" action="{live.url}/me/delete"><input type="hidden" name="confirm" value="yes">
        <button id="delete">Claim another</button></form>"""
    page.goto(attacker.url + "/win")
    with page.expect_navigation():
        page.click("#settings")
    assert "another site" in page.inner_text("body")
    page.goto(attacker.url + "/win")
    with page.expect_navigation():
        page.click("#delete")
    assert "deleted everything" not in page.inner_text("body")
    assert live.query("SELECT note_mode FROM athletes") == [("auto",)]
    page.goto(live.url + "/me")
    assert page.inner_text("h1") == "Hi Sam"  # still there, still signed in


def test_me_refuses_to_be_framed(live, browser, attacker):
    page = new_page(browser, "desktop")
    connect(page, live)
    attacker.pages["/frame"] = f'<!doctype html><title>Frame</title><iframe src="{live.url}/me" width=800 height=600></iframe>'
    page.goto(attacker.url + "/frame")
    page.wait_for_timeout(500)
    framed = page.frame_locator("iframe")
    assert framed.locator("text=Disconnect and delete my data").count() == 0
    headers = requests.get(live.url + "/", timeout=5).headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]


def test_a_forged_message_in_the_url_is_not_shown(live, browser):
    page = new_page(browser, "desktop")
    connect(page, live)
    page.goto(live.url + "/me?problem=Your+Strava+account+was+suspended.+Call+0800-123")
    assert "suspended" not in page.inner_text("body")
    assert page.locator(".problem, .banner").count() == 0


def test_an_anonymous_delete_does_not_claim_to_have_deleted_anything(live):
    answer = requests.post(live.url + "/me/delete", data={"confirm": "yes"}, timeout=5)
    assert answer.status_code == 400
    assert "deleted everything" not in answer.text
    # and with a valid form token but no runner signed in
    with requests.Session() as browser:
        page = browser.get(live.url + "/coach/login", timeout=5)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        answer = browser.post(live.url + "/me/delete", data={"confirm": "yes", "csrf_token": token}, timeout=5)
    assert answer.status_code == 401
    assert "nothing was deleted" in answer.text


def test_strava_webhook_needs_no_csrf_token(live):
    body = {"object_type": "activity", "aspect_type": "create", "object_id": 1, "owner_id": 999,
            "subscription_id": 1, "event_time": 0, "updates": {}}
    answer = requests.post(live.services.config.webhook_url, json=body, timeout=5,
                           headers={"Origin": "https://evil.example"})
    assert answer.status_code == 200
    assert "X-Frame-Options" not in answer.headers
