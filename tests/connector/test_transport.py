"""strava_session: stravalib's www.strava.com requests go to another base URL,
with timeouts, and the rate limiter never sleeps."""

from __future__ import annotations


import pytest

from tests.conftest import no_long_sleeps
import requests

from connector.transport import (
    DEFAULT_TIMEOUT,
    RecordingRateLimiter,
    RedirectingAdapter,
    TimeoutAdapter,
    rate_usage_from_headers,
    strava_session,
)

from .conftest import Answer


def test_requests_for_strava_go_to_the_base_url_with_path_and_query(callback_server):
    receiver = callback_server(lambda received: Answer(200, {"ok": True}))
    session = strava_session(receiver.url + "/prefix/")
    answer = session.get("https://www.strava.com/api/v3/athlete/activities?page=2&per_page=200")
    assert answer.json() == {"ok": True}
    received = receiver.received[-1]
    assert received.path == "/prefix/api/v3/athlete/activities"
    assert received.query == {"page": "2", "per_page": "200"}
    session.post(receiver.url + "/direct", json={"a": 1})  # other URLs are left alone
    assert (receiver.received[-1].path, receiver.received[-1].body) == ("/direct", {"a": 1})


@pytest.mark.parametrize("base_url", [None, "", "https://www.strava.com", "https://www.strava.com/"])
def test_real_strava_gets_a_plain_session(base_url):
    adapter = strava_session(base_url).get_adapter("https://www.strava.com/api/v3/athlete")
    assert isinstance(adapter, TimeoutAdapter) and not isinstance(adapter, RedirectingAdapter)
    assert adapter.default_timeout == DEFAULT_TIMEOUT


def test_not_an_http_url_is_refused():
    with pytest.raises(ValueError, match="not an http"):
        strava_session("localhost:8701")


def test_default_timeout_applies_when_the_caller_gives_none(callback_server):
    # the receiver answers after 3 s: without the 0.2 s read timeout the GET would succeed
    receiver = callback_server(lambda received: Answer(200, {}, delay_s=3.0))
    session = strava_session(receiver.url, timeout=(1, 0.2))
    with pytest.raises(requests.Timeout):
        session.get("https://www.strava.com/api/v3/athlete")
    with pytest.raises(requests.Timeout):  # plain URLs get it too
        session.get(receiver.url + "/slow")


def test_loopback_targets_skip_environment_proxies(emulator, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    answer = strava_session(emulator.url).get("https://www.strava.com/api/v3/athlete")
    assert answer.status_code == 401  # reached the emulator, not the proxy


def test_rate_limiter_records_and_never_sleeps(emulator, make_client, tokens):
    emulator.state.rates.configure(read_short=2)
    limiter = RecordingRateLimiter()
    client = make_client(tokens["access_token"], rate_limiter=limiter)
    assert client.protocol.rate_limiter is limiter
    with no_long_sleeps():
        client.get_athlete()
        client.get_athlete()  # usage now equals the limit: stravalib's default would sleep here
    assert (limiter.last.read_short_usage, limiter.last.read_short_limit) == (2, 2)
    assert (limiter.last.short_usage, limiter.last.long_limit) == (2, 2000)


def test_rate_usage_from_headers():
    usage = rate_usage_from_headers({"x-ratelimit-limit": "200,2000", "X-RateLimit-Usage": "5,50"})
    assert (usage.short_usage, usage.long_usage, usage.short_limit, usage.long_limit) == (5, 50, 200, 2000)
    assert usage.read_short_usage is None
    assert rate_usage_from_headers({}) is None
    assert rate_usage_from_headers({"X-RateLimit-Limit": "a,b", "X-RateLimit-Usage": "1,2"}) is None
