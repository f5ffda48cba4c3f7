"""Security headers and cookies that depend on the configuration."""

from __future__ import annotations

from datetime import datetime, timezone

from webhook import create_app
from webhook.config import load_config
from webhook.services import Services

NOW = datetime(2026, 11, 30, 8, tzinfo=timezone.utc)


def _client(db_path, base_url):
    config = load_config({
        "STRAVA_CLIENT_ID": "1", "STRAVA_CLIENT_SECRET": "s", "RHOMBOID_VERIFY_TOKEN": "v",
        "RHOMBOID_SECRET_KEY": "a-secret-key-for-tests", "RHOMBOID_WEBHOOK_SECRET": "webhook-path",
        "RHOMBOID_BASE_URL": base_url, "RHOMBOID_DB": str(db_path),
    }, dotenv=None)
    return create_app(Services(config, clock=lambda: NOW)).test_client()


def test_https_base_url_gives_secure_cookies_and_hsts(db, db_path):
    client = _client(db_path, "https://rhomboid.example.com")
    answer = client.get("/auth/strava", base_url="https://rhomboid.example.com")
    assert "Secure" in answer.headers["Set-Cookie"]
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")


def test_http_base_url_has_no_hsts(db, db_path):
    client = _client(db_path, "http://127.0.0.1:8700")
    answer = client.get("/auth/strava")
    assert "Secure" not in answer.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in answer.headers
    assert answer.headers["X-Frame-Options"] == "DENY"


def test_a_foreign_origin_is_refused_before_the_token(db, db_path):
    client = _client(db_path, "http://127.0.0.1:8700")
    answer = client.post("/me/settings", data={"note_mode": "always"}, headers={"Origin": "http://127.0.0.1:9999"})
    assert answer.status_code == 403
    assert b"another site" in answer.data
