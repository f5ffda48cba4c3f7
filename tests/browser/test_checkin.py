"""The soreness check-in, from the link in a note to the note replaced on Strava."""

from __future__ import annotations

import re
from datetime import timedelta

from connector import sample
from tests.browser.conftest import assert_no_sideways_scroll, authorize, connect, new_page
from webhook import links


def _checkin_link(world, activity_id: int) -> str:
    description = world.emulator.state.get_activity(activity_id)["description"]
    found = re.search(r"How is your upper back\? (\S+)", description)
    assert found, "the note after a spike without a soreness report carries the check-in line"
    return found.group(1)


def test_checkin_after_sign_in_replaces_the_note(live, browser, width):
    runner = new_page(browser, width)
    connect(runner, live)
    tempo = live.deliver_new_week(upto=2)[1]  # a harder session than usual, nothing said about the back
    link = _checkin_link(live, tempo["id"])
    assert link.startswith(live.url + "/checkin/")

    phone = new_page(browser, width)  # opened from the Strava app: no Rhomboid session yet
    phone.goto(link)
    authorize(phone)
    phone.wait_for_url(link)
    assert phone.inner_text("h1") == "How is your upper back?"
    assert_no_sideways_scroll(phone)

    phone.focus("#checkin input[name=sore][value=yes]")
    phone.keyboard.press("Space")
    phone.keyboard.press("Tab")  # leaves the radio group for the severity
    phone.keyboard.type("6")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Space")  # the first qualifier: worse on waking
    with phone.expect_navigation():
        phone.click("text=Send my answer")
    assert phone.inner_text("h1") == "Thank you"
    assert_no_sideways_scroll(phone)

    rows = live.query("SELECT source, sore, severity, qualifiers, day FROM soreness_reports WHERE source = 'checkin'")
    assert rows == [("checkin", 1, 6, '["worse_on_waking"]', tempo["start_date_local"][:10])]
    description = live.emulator.state.get_activity(tempo["id"])["description"]
    assert description.count("── Rhomboid ──") == 1
    assert "How is your upper back?" not in description
    assert "6/10" in description
    assert "6/10" in phone.inner_text(".note")


def test_checkin_link_is_bound_to_its_runner_and_expires(live, browser):
    runner = new_page(browser, "desktop")
    connect(runner, live)
    tempo = live.deliver_new_week(upto=2)[1]
    config = live.services.config
    someone_else = links.checkin_url(config.base_url, config.secret_key, sample.ATHLETE_ID + 1, tempo["id"], live.clock())
    assert runner.goto(someone_else).status == 403
    forged = _checkin_link(live, tempo["id"])[:-3] + "abc"
    assert runner.goto(forged).status == 404
    link = _checkin_link(live, tempo["id"])
    live.clock.now += timedelta(days=15)
    assert runner.goto(link).status == 410
    assert "14 days" in runner.inner_text(".problem")
    live.clock.now -= timedelta(days=15)
    response = runner.goto(link)
    assert response.status == 200
    runner.click("text=Send my answer")  # the browser asks for the required answer first
    assert runner.url == link
    assert live.query("SELECT count(*) FROM soreness_reports WHERE source = 'checkin'") == [(0,)]


def test_a_warning_sign_ticked_in_a_check_in_is_told_in_full_on_me_only(live, browser, width):
    runner = new_page(browser, width)
    connect(runner, live)
    tempo = live.deliver_new_week(upto=2)[1]
    runner.goto(_checkin_link(live, tempo["id"]))
    runner.check("#checkin input[name=sore][value=yes]")
    runner.check("#checkin input[name=red_flag][value=chest_pain]")
    with runner.expect_navigation():
        runner.click("text=Send my answer")

    # everyone who can see the run reads only that there is a message
    description = live.emulator.state.get_activity(tempo["id"])["description"]
    assert f"Rhomboid has an urgent message for you today: {live.url}/me" in description
    assert "chest" not in description.lower() and "emergency" not in description.lower()

    # the runner reads it in full, at the top of their page, with its date
    runner.goto(live.url + "/me")
    urgent = runner.locator(f"#urgent-{tempo['id']}")
    assert urgent.locator("h2").inner_text() == "An urgent message for you"
    assert tempo["start_date_local"][:10] in urgent.inner_text()
    assert "You mentioned: chest pain, pressure or tightness." in urgent.inner_text()
    assert "Please get emergency help now" in urgent.inner_text()
    first = runner.locator("main h2, body h2").first.inner_text()
    assert first == "An urgent message for you"
    assert_no_sideways_scroll(runner)
