"""The runner's pages in Debian's chromium, at desktop width and at 375 px."""

from __future__ import annotations

import json

from connector import sample
from tests.browser.conftest import assert_no_sideways_scroll, connect, new_page, screenshot


def test_me_shows_charts_notes_and_advice(live, browser, width, tmp_path):
    page = new_page(browser, width)
    connect(page, live)
    assert page.inner_text("h1") == "Hi Sam"
    assert page.locator("#permission").count() == 0  # every scope was granted
    live.deliver_new_week()
    page.reload()

    # the weekly chart: twelve weeks, the spike week marked, the 4-week average drawn
    weekly = page.locator("#weekly svg")
    assert weekly.is_visible()
    assert weekly.locator("[id^=week-]").count() == 12
    assert "4-week average" in weekly.inner_html()
    # the soreness chart: one mark per answered day, none for the silent ones
    answered = {row[0] for row in live.query("SELECT day FROM soreness_reports")}
    marks = page.locator("#soreness svg [id^=day-]")
    assert {m.get_attribute("id")[4:] for m in marks.all()} == answered
    assert len(answered) >= 3
    box = weekly.bounding_box()
    assert box["width"] > 300 and box["height"] > 100

    # the latest advice and the notes in plain words
    advice = page.inner_text("h2:has-text('What Rhomboid advises now') + p")
    assert "Get emergency help now" in advice  # the shakeout's chest tightness, in proportion
    notes = page.inner_text("#notes")
    assert "long run much longer than usual" in notes
    assert "See a physio or GP" in notes or "Ease off" in notes
    assert_no_sideways_scroll(page)
    screenshot(page, "runner-me.png" if width == "desktop" else "runner-me-375.png", tmp_path)


def test_note_mode_by_keyboard_export_and_sign_out(live, browser, width):
    page = new_page(browser, width)
    connect(page, live)
    page.focus("#note-mode input[value=auto]")
    page.keyboard.press("ArrowDown")  # radio group: the arrow key moves to "always" and selects it
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live.url + "/me"
    assert page.is_checked("input[value=always]")
    assert live.query("SELECT note_mode FROM athletes") == [("always",)]

    with page.expect_download() as download:
        page.click("text=Download my data")
    data = json.loads(open(download.value.path()).read())
    assert set(data) == {"athlete", "activities", "reports", "notes", "coaches"}
    assert data["athlete"]["firstname"] == "Sam"
    assert "access_token" not in json.dumps(data)

    page.click("text=Sign out")
    page.wait_for_url(live.url + "/")
    page.goto(live.url + "/me")
    assert page.url == live.url + "/"


def test_export_reports_carry_their_source_and_severity(live, browser):
    page = new_page(browser, "desktop")
    connect(page, live)
    live.deliver_new_week()
    response = page.request.get(live.url + "/me/export")
    reports = response.json()["reports"]
    by_source = {r["source"] for r in reports}
    assert {"title", "description"} <= by_source
    titled = next(r for r in reports if r["source"] == "title")
    assert titled["severity"] == 5 and titled["sore"] is True  # "Long run #upperback 5"


def test_delete_needs_the_box_ticked_and_deletes_everything(live, browser, width):
    page = new_page(browser, width)
    connect(page, live)
    page.click("text=Disconnect and delete my data")  # the required box stops the form in the browser
    assert page.url == live.url + "/me"
    assert live.query("SELECT count(*) FROM athletes") == [(1,)]
    page.check("#delete input[name=confirm]")
    page.click("text=Disconnect and delete my data")
    page.wait_for_selector("text=deleted everything")
    assert_no_sideways_scroll(page)
    assert live.query("SELECT count(*) FROM athletes") == [(0,)]
    assert live.query("SELECT count(*) FROM activities") == [(0,)]
    page.goto(live.url + "/me")
    assert page.url == live.url + "/"


def test_missing_write_permission_shows_on_every_visit_until_granted(live, browser, width):
    page = new_page(browser, width)
    connect(page, live, allow_write=False)
    banner = page.locator("#permission")
    assert "cannot write notes" in banner.inner_text()
    assert_no_sideways_scroll(page)
    for _ in range(2):  # not a one-off message: it is the stored scope that speaks
        page.goto(live.url + "/me")
        assert page.locator("#permission").is_visible()
    page.click("#permission >> text=Reconnect with Strava")
    page.wait_for_selector("text=Authorize application")
    page.click("button[value=authorize]")
    page.wait_for_url(live.url + "/me")
    assert page.locator("#permission").count() == 0
    assert sample.ATHLETE["firstname"] in page.inner_text("h1")


def test_landing_and_error_pages_fit_a_phone(live, browser, width):
    page = new_page(browser, width)
    page.goto(live.url + "/")
    assert "Connect with Strava" in page.inner_text("body")
    assert "Powered by Strava" in page.inner_text("footer")
    assert page.locator("meta[name=viewport]").count() == 1
    assert_no_sideways_scroll(page)
    response = page.goto(live.url + "/checkin/not-a-real-link")
    assert response.status == 404
    assert "not valid" in page.inner_text(".problem")
    assert_no_sideways_scroll(page)


def test_delete_by_keyboard(live, browser):
    page = new_page(browser, "phone")
    connect(page, live)
    page.focus("#delete input[name=confirm]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "deleted everything" in page.inner_text("body")
    assert live.query("SELECT count(*) FROM athletes") == [(0,)]
