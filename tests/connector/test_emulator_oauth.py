"""OAuth against the emulator with real stravalib: authorize page, code exchange,
refresh rotation, expiry in emulated time, deauthorization."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from stravalib import exc

from connector.transport import strava_session

from .conftest import CLIENT_ID, CLIENT_SECRET, SAMPLE_ATHLETE_ID

REDIRECT = "http://localhost:5000/auth/strava/callback"
WANTED = ["read", "activity:read_all", "activity:write"]
AUTH_ERROR = {
    "message": "Authorization Error",
    "errors": [{"resource": "Athlete", "field": "access_token", "code": "invalid"}],
}


class FormParser(HTMLParser):
    """The authorize page's form: its action, hidden fields, checkboxes and buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.action = None
        self.hidden: dict[str, str] = {}
        self.checkboxes: list[tuple[str, str, bool]] = []
        self.buttons: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.action = a.get("action")
        elif tag == "input" and a.get("type") == "hidden":
            self.hidden[a["name"]] = a.get("value", "")
        elif tag == "input" and a.get("type") == "checkbox":
            self.checkboxes.append((a["name"], a["value"], "checked" in a))
        elif tag == "button":
            self.buttons.append((a["name"], a["value"]))


def query_of(response: requests.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["Location"]
    assert location.startswith(REDIRECT)
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def open_authorize_page(emulator, client, state="s3cret-state"):
    url = client.authorization_url(client_id=CLIENT_ID, redirect_uri=REDIRECT, scope=WANTED, state=state)
    assert url.startswith("https://www.strava.com/oauth/authorize?")
    browser = strava_session(emulator.url)
    page = browser.get(url)
    assert page.status_code == 200
    form = FormParser()
    form.feed(page.text)
    return browser, form


def test_authorize_page_then_code_exchange_gives_tokens_and_athlete(emulator, make_client):
    client = make_client()
    browser, form = open_authorize_page(emulator, client)
    assert [(value, checked) for _, value, checked in form.checkboxes] == [(s, True) for s in WANTED]
    assert ("decision", "authorize") in form.buttons and ("decision", "cancel") in form.buttons
    # The runner unticks activity:write.
    fields = dict(form.hidden, decision="authorize")
    fields["scope"] = [value for _, value, _ in form.checkboxes if value != "activity:write"]
    answer = browser.post(emulator.url + form.action, data=fields, allow_redirects=False)
    redirect = query_of(answer)
    assert redirect["state"] == "s3cret-state"
    assert redirect["scope"] == "read,activity:read_all"

    now = emulator.state.clock.now()
    access, athlete = client.exchange_code_for_token(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=redirect["code"], return_athlete=True
    )
    assert athlete.id == SAMPLE_ATHLETE_ID and athlete.firstname == "Maya"
    assert abs(access["expires_at"] - (now + 6 * 3600)) <= 2
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID
    # The code works once.
    with pytest.raises(exc.Fault, match="400"):
        client.exchange_code_for_token(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=redirect["code"])


def test_token_answer_is_shaped_like_stravas(emulator, quiet_stravalib):
    code = emulator.state.authorize(SAMPLE_ATHLETE_ID, WANTED)
    answer = requests.post(
        emulator.url + "/oauth/token",
        data={"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": code, "grant_type": "authorization_code"},
    ).json()
    assert answer["token_type"] == "Bearer"
    assert answer["expires_in"] == 6 * 3600
    assert set(answer) == {"token_type", "access_token", "expires_at", "expires_in", "refresh_token", "athlete"}
    assert answer["athlete"]["resource_state"] == 2 and answer["athlete"]["id"] == SAMPLE_ATHLETE_ID


def test_cancel_redirects_with_access_denied(emulator, make_client):
    browser, form = open_authorize_page(emulator, make_client(), state="abc")
    answer = browser.post(emulator.url + form.action, data=dict(form.hidden, decision="cancel"), allow_redirects=False)
    redirect = query_of(answer)
    assert redirect == {"state": "abc", "error": "access_denied"}


def test_query_approve_grants_every_requested_scope(emulator, make_client):
    client = make_client()
    url = client.authorization_url(client_id=CLIENT_ID, redirect_uri=REDIRECT, scope=WANTED)
    answer = strava_session(emulator.url).get(url + "&approve=1", allow_redirects=False)
    redirect = query_of(answer)
    assert redirect["scope"] == ",".join(WANTED)
    assert "state" not in redirect


def test_several_athletes_pick_one_in_the_form(emulator, make_client):
    emulator.state.load_fixture({"athlete": {"id": 777, "firstname": "Second", "lastname": "Runner"}})
    client = make_client()
    browser, form = open_authorize_page(emulator, client)
    assert "athlete_id" not in form.hidden  # a <select> instead
    fields = dict(form.hidden, decision="authorize", scope=WANTED, athlete_id="777")
    code = query_of(browser.post(emulator.url + form.action, data=fields, allow_redirects=False))["code"]
    client.exchange_code_for_token(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code)
    assert client.get_athlete().id == 777


def test_wrong_client_credentials_are_refused(emulator, make_client):
    client = make_client()
    code = emulator.state.authorize(SAMPLE_ATHLETE_ID, WANTED)
    with pytest.raises(exc.AccessUnauthorized):
        client.exchange_code_for_token(client_id=CLIENT_ID, client_secret="wrong", code=code)
    with pytest.raises(exc.Fault, match="400"):
        client.exchange_code_for_token(client_id="someone-else", client_secret=CLIENT_SECRET, code=code)
    page = requests.get(emulator.url + "/oauth/authorize", params={"client_id": "nope", "redirect_uri": REDIRECT})
    assert page.status_code == 400


def test_refresh_rotates_and_the_old_refresh_token_dies(client, tokens):
    fresh = client.refresh_access_token(CLIENT_ID, CLIENT_SECRET, tokens["refresh_token"])
    assert fresh["refresh_token"] != tokens["refresh_token"]
    assert fresh["access_token"] != tokens["access_token"]
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID  # the client now uses the new token
    with pytest.raises(exc.Fault, match="400") as raised:
        client.refresh_access_token(CLIENT_ID, CLIENT_SECRET, tokens["refresh_token"])
    assert raised.value.response.json()["errors"][0]["field"] == "refresh_token"
    # The newest one still works.
    client.refresh_access_token(CLIENT_ID, CLIENT_SECRET, fresh["refresh_token"])


def test_access_token_expires_after_six_emulated_hours(emulator, client, tokens):
    emulator.state.clock.set(emulator.state.clock.now())
    emulator.state.clock.advance(6 * 3600 - 5)
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID
    emulator.state.clock.advance(5)
    with pytest.raises(exc.AccessUnauthorized) as raised:
        client.get_athlete()
    assert raised.value.response.status_code == 401
    assert raised.value.response.json() == AUTH_ERROR
    # The refresh token still works after the access token expired.
    client.refresh_access_token(CLIENT_ID, CLIENT_SECRET, tokens["refresh_token"])
    assert client.get_athlete().id == SAMPLE_ATHLETE_ID


def test_forced_expiry_through_the_admin_api(emulator, client, tokens):
    assert requests.post(emulator.url + "/_admin/tokens/expire").json() == {"expired": 1}
    with pytest.raises(exc.AccessUnauthorized):
        client.get_activity(11003000101)
    client.refresh_access_token(CLIENT_ID, CLIENT_SECRET, tokens["refresh_token"])
    assert client.get_activity(11003000101).id == 11003000101


def test_deauthorize_revokes_access_and_refresh_tokens(emulator, client, tokens):
    # Strava documents POST /oauth/deauthorize; stravalib's own deauthorize()
    # posts under /api/v3, which is not served (as Strava does not document it)
    with pytest.raises(exc.Fault):
        client.deauthorize()
    answer = requests.post(f"{emulator.url}/oauth/deauthorize",
                           data={"access_token": tokens["access_token"]}, timeout=10)
    assert answer.status_code == 200
    with pytest.raises(exc.AccessUnauthorized) as raised:
        client.get_athlete()
    assert raised.value.response.json() == AUTH_ERROR
    with pytest.raises(exc.Fault, match="400"):
        client.refresh_access_token(CLIENT_ID, CLIENT_SECRET, tokens["refresh_token"])


def test_unknown_token_gets_401(make_client):
    with pytest.raises(exc.AccessUnauthorized):
        make_client("not-a-token").get_athlete()


def test_missing_write_scope_refuses_updates(emulator, make_client):
    read_only = emulator.state.issue_tokens(SAMPLE_ATHLETE_ID, "read,activity:read_all")
    client = make_client(read_only["access_token"])
    assert client.get_activity(11003000101).name == "Morning Run"
    with pytest.raises(exc.AccessUnauthorized, match="activity:write"):
        client.update_activity(11003000101, description="nope")


def test_posted_approval_grants_the_posted_scopes(emulator):
    answer = requests.post(
        emulator.url + "/oauth/authorize",
        data={"client_id": CLIENT_ID, "redirect_uri": REDIRECT, "response_type": "code", "approve": "1",
              "scope": ["read", "activity:read_all"], "state": "x"},
        allow_redirects=False,
    )
    redirect = query_of(answer)
    assert (redirect["scope"], redirect["state"]) == ("read,activity:read_all", "x")
    assert emulator.state.exchange_code(CLIENT_ID, CLIENT_SECRET, redirect["code"])["athlete"]["id"] == SAMPLE_ATHLETE_ID
