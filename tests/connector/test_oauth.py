"""Connecting a runner: the emulator's authorize page, driven with requests like a browser."""

from __future__ import annotations

from datetime import datetime, timezone
from html.parser import HTMLParser
from urllib.parse import parse_qs, parse_qsl, urljoin, urlsplit

import pytest
import requests

from connector.emulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from connector.oauth import (
    CANNOT_WRITE,
    REQUIRED_SCOPES,
    AuthorizationDenied,
    AuthorizationFailed,
    authorization_url,
    exchange_code,
    missing_scopes,
    new_state,
    parse_callback,
    scope_problem,
)
from connector.ratelimit import RateBudget
from connector.strava import NeedsReconnect, StravaConnector

ATHLETE = 31415926
RUN = 11003000101
REDIRECT_URI = "http://127.0.0.1:9/auth/strava/callback"  # never followed


class FormReader(HTMLParser):
    """The authorize page's form: its action, hidden fields and scope checkboxes."""

    def __init__(self) -> None:
        super().__init__()
        self.action = None
        self.fields: list[tuple[str, str]] = []
        self.checkboxes: list[str] = []
        self.buttons: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.action = attrs.get("action")
        elif tag == "input" and attrs.get("type") == "checkbox":
            self.checkboxes.append(attrs["value"])
        elif tag == "input" and attrs.get("name"):
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "button" and attrs.get("name"):
            self.buttons.append((attrs["name"], attrs["value"]))


def authorize_in_browser(url: str, *, untick=(), decision="authorize") -> dict[str, str]:
    """Open the authorize page, (un)tick boxes, press a button; the redirect's query."""
    with requests.Session() as browser:
        page = browser.get(url, timeout=5)
        assert page.status_code == 200
        form = FormReader()
        form.feed(page.text)
        assert (("decision", decision)) in form.buttons
        ticked = [("scope", scope) for scope in form.checkboxes if scope not in untick]
        answer = browser.post(
            urljoin(page.url, form.action),
            data=form.fields + ticked + [("decision", decision)],
            allow_redirects=False,
            timeout=5,
        )
    assert answer.status_code in (302, 303), answer.text
    location = answer.headers["Location"]
    assert location.startswith(REDIRECT_URI)
    return dict(parse_qsl(urlsplit(location).query))


def connect(emulator, **choices):
    state = new_state()
    url = authorization_url(DEFAULT_CLIENT_ID, REDIRECT_URI, state, strava_url=emulator.url)
    callback = parse_callback(authorize_in_browser(url, **choices), state)
    return exchange_code(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, callback.code, callback.scope, emulator.url)


class OneAthleteStore:
    def __init__(self, tokens):
        self.tokens = tokens

    def load(self, athlete_id):
        return self.tokens

    def save(self, athlete_id, tokens):
        self.tokens = tokens


def test_authorization_url_asks_strava_for_the_scopes_we_need():
    url = authorization_url(12345, REDIRECT_URI, "the-state")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.strava.com", "/oauth/authorize")
    query = parse_qs(parts.query)
    assert query["client_id"] == ["12345"]
    assert query["redirect_uri"] == [REDIRECT_URI]
    assert query["response_type"] == ["code"]
    assert query["approval_prompt"] == ["auto"]
    assert query["state"] == ["the-state"]
    assert query["scope"] == [",".join(REQUIRED_SCOPES)]


def test_authorization_url_can_point_at_the_emulator(emulator):
    url = authorization_url(DEFAULT_CLIENT_ID, REDIRECT_URI, "s", strava_url=emulator.url)
    assert url.startswith(f"{emulator.url}/oauth/authorize?")
    assert "www.strava.com" not in url


def test_new_state_is_unguessable():
    states = {new_state() for _ in range(50)}
    assert len(states) == 50
    assert all(len(state) >= 32 for state in states)


def test_full_connection_gives_tokens_profile_and_scope(emulator):
    grant = connect(emulator)

    assert grant.athlete_id == ATHLETE
    assert grant.athlete["firstname"] == "Maya"
    assert grant.athlete["sex"] == "F"
    assert grant.athlete["measurement_preference"] == "meters"
    assert grant.scope == frozenset(REQUIRED_SCOPES)
    assert grant.missing_scopes == set()
    assert scope_problem(grant.scope) is None
    assert grant.expires_at > datetime.now(timezone.utc).timestamp()
    assert grant.access_token not in repr(grant) and grant.refresh_token not in repr(grant)

    with StravaConnector(
        DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, emulator.url, OneAthleteStore(grant.tokens), RateBudget()
    ) as connector:
        assert connector.get_athlete(ATHLETE)["id"] == ATHLETE
        connector.update_description(ATHLETE, RUN, "hello")
    assert emulator.state.get_activity(RUN)["description"] == "hello"


def test_unticking_write_is_noticed_and_explained(emulator):
    grant = connect(emulator, untick={"activity:write"})

    assert "activity:write" not in grant.scope
    assert grant.scope == frozenset({"read", "activity:read_all"})
    assert missing_scopes(grant.scope) == {"activity:write"}
    assert scope_problem(grant.scope) == CANNOT_WRITE
    assert "cannot write notes" in CANNOT_WRITE
    assert "Upload your activities from Rhomboid to Strava" in CANNOT_WRITE

    # Strava means it: reads work, writes are refused
    with StravaConnector(
        DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, emulator.url, OneAthleteStore(grant.tokens), RateBudget()
    ) as connector:
        assert connector.get_activity(ATHLETE, RUN)["id"] == RUN
        with pytest.raises(NeedsReconnect, match="activity:write"):
            connector.update_description(ATHLETE, RUN, "note")


def test_unticking_read_all_is_explained():
    assert missing_scopes("read,activity:write") == {"activity:read_all"}
    assert "cannot read your runs" in scope_problem("read,activity:write")
    assert "neither read" in scope_problem("read")
    assert missing_scopes("read activity:read_all activity:write") == set()


def test_cancelling_on_strava_is_reported_to_the_runner(emulator):
    state = new_state()
    url = authorization_url(DEFAULT_CLIENT_ID, REDIRECT_URI, state, strava_url=emulator.url)
    redirect = authorize_in_browser(url, decision="cancel")
    assert redirect == {"state": state, "error": "access_denied"}
    with pytest.raises(AuthorizationDenied, match="cancelled"):
        parse_callback(redirect, state)


def test_a_callback_with_a_foreign_state_is_refused():
    with pytest.raises(AuthorizationFailed, match="connect again"):
        parse_callback({"state": "someone-else", "code": "abc", "scope": "read"}, "mine")
    with pytest.raises(AuthorizationFailed):
        parse_callback({"code": "abc"}, "mine")
    with pytest.raises(AuthorizationFailed, match="no authorization code"):
        parse_callback({"state": "mine"}, "mine")


def test_a_code_works_once(emulator):
    state = new_state()
    url = authorization_url(DEFAULT_CLIENT_ID, REDIRECT_URI, state, strava_url=emulator.url)
    callback = parse_callback(authorize_in_browser(url), state)
    exchange_code(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, callback.code, callback.scope, emulator.url)
    with pytest.raises(AuthorizationFailed, match="connect again"):
        exchange_code(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, callback.code, callback.scope, emulator.url)


def test_a_failed_profile_fetch_keeps_the_connection(emulator):
    emulator.state.faults.add(500, path_prefix="/api/v3/athlete")
    grant = connect(emulator)
    assert grant.athlete_id == ATHLETE
    assert grant.athlete["firstname"] == "Maya"  # from the token answer's summary
    assert "measurement_preference" not in grant.athlete
