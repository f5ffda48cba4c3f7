"""A coach's way in and pages, in Debian's chromium, with e-mails received by a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from connector import sample
from tests.browser.conftest import assert_no_sideways_scroll, connect, new_page, screenshot

COACH = "aroha@coach.test"


def invite_by_keyboard(page, name: str, address: str) -> None:
    page.focus("#invite input[name=name]")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(address)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/me#coaches")


def test_invite_accept_dashboard_runner_settings_and_removal(live, browser, width, tmp_path):
    runner = new_page(browser, width)
    connect(runner, live)
    invite_by_keyboard(runner, "Aroha Ngata", COACH)
    assert "invited, not accepted yet" in runner.inner_text("#coaches + p + ul")

    invitation = live.mailbox.wait_for(COACH)
    assert "Sam invites you" in invitation["Subject"]
    accept_link = live.mailbox.link(invitation, "/coach/accept/")

    coach = new_page(browser, width)  # another browser profile: the coach's own
    coach.goto(accept_link)
    assert "Sam invites you" in coach.inner_text("h1")
    assert_no_sideways_scroll(coach)
    coach.click("text=Accept and sign in")
    coach.wait_for_url(live.url + "/coach")
    assert "Sam" in coach.inner_text("#runners")

    live.deliver_new_week()
    live.worker.send_alerts()
    urgent = live.mailbox.wait_for(COACH, count=2)  # sent at once, by e-mail
    assert urgent["Subject"].startswith("Urgent: Sam was told to get emergency help now")
    assert "Chest felt tight" not in live.mailbox.text(urgent)  # the kind of warning sign, not the words
    coach.reload()
    row = coach.locator("#runners li.runner").first
    assert "Sam" in row.inner_text()
    assert "chest pain" in row.locator(".banner").inner_text()  # the open urgent alert
    assert "Chest felt tight" not in coach.content()  # never the runner's own words
    assert row.locator("svg [id^=day-]").count() >= 3  # the small soreness trend
    assert_no_sideways_scroll(coach)
    screenshot(coach, "coach-dashboard.png" if width == "desktop" else "coach-dashboard-375.png", tmp_path)

    runner.reload()
    assert "accepted" in runner.inner_text("#coaches + p + ul")
    runner.goto(live.url + "/coach")  # a runner session is not a coach session
    assert runner.url == live.url + "/coach/login"
    runner.goto(live.url + "/me")

    coach.click("#runners >> text=Sam")
    assert coach.locator("#weekly svg [id^=week-]").count() == 12
    assert "long run much longer than usual" in coach.inner_text("#notes")
    assert_no_sideways_scroll(coach)

    # settings, by keyboard: digest hour and time zone are the coach's own
    coach.goto(live.url + "/coach/settings")
    assert coach.inner_text("#signing-secret").startswith("whsec_")
    coach.fill("#settings input[name=timezone]", "")
    coach.focus("#settings input[name=timezone]")
    coach.keyboard.type("Pacific/Auckland")
    coach.select_option("#settings select[name=digest_hour]", "7")
    coach.focus("#settings input[name=quiet_hours]")
    coach.keyboard.press("Control+A")
    coach.keyboard.type("24")
    with coach.expect_navigation():
        coach.keyboard.press("Enter")
    assert coach.url == live.url + "/coach/settings"
    assert live.query("SELECT timezone, digest_hour, quiet_hours FROM coaches") == [("Pacific/Auckland", 7, 24)]
    assert_no_sideways_scroll(coach)

    coach.fill("#settings input[name=timezone]", "Mars/Olympus")
    coach.click("text=Save settings")
    assert "not a time zone" in coach.inner_text(".problem")

    # the runner removes the coach: the runner's page is gone for them at once
    with runner.expect_navigation():
        runner.click("#coaches + p + ul >> text=Remove")
    assert "No coach yet" in runner.inner_text("#coaches + p + ul")
    response = coach.goto(f"{live.url}/coach/runners/{sample.ATHLETE_ID}")
    assert response.status == 404
    coach.goto(live.url + "/coach")
    assert "No runner shares with you" in coach.inner_text("#runners")


def test_coach_signs_in_with_a_one_time_email_link(live, browser, width):
    runner = new_page(browser, width)
    connect(runner, live)
    invite_by_keyboard(runner, "Aroha", COACH)
    coach = new_page(browser, width)
    coach.goto(live.mailbox.link(live.mailbox.wait_for(COACH), "/coach/accept/"))
    coach.click("text=Accept and sign in")
    coach.wait_for_url(live.url + "/coach")

    fresh = new_page(browser, width)  # another device: no session
    fresh.goto(live.url + "/coach")
    assert fresh.url == live.url + "/coach/login"
    assert_no_sideways_scroll(fresh)
    fresh.focus("#login input[name=email]")
    fresh.keyboard.type(COACH)
    fresh.keyboard.press("Enter")
    fresh.wait_for_selector("text=a sign-in link is on its way")
    link = live.mailbox.link(live.mailbox.wait_for(COACH, count=2), "/coach/login/")
    fresh.goto(link)
    assert fresh.url == live.url + "/coach"
    assert "Sam" in fresh.inner_text("#runners")
    # a coach session is not a runner session
    fresh.goto(live.url + "/me")
    assert fresh.url == live.url + "/"

    again = new_page(browser, width)
    response = again.goto(link)
    assert response.status == 410  # single use
    assert again.url == link

    # an unknown address gets the same answer and no e-mail
    again.goto(live.url + "/coach/login")
    again.fill("#login input[name=email]", "nobody@coach.test")
    again.click("text=E-mail me a sign-in link")
    again.wait_for_selector("text=a sign-in link is on its way")
    assert all(m["To"] != "nobody@coach.test" for m in live.mailbox.messages)


def test_sign_in_link_expires_after_15_minutes(live, browser):
    runner = new_page(browser, "desktop")
    connect(runner, live)
    invite_by_keyboard(runner, "Aroha", COACH)
    coach = new_page(browser, "desktop")
    coach.goto(live.mailbox.link(live.mailbox.wait_for(COACH), "/coach/accept/"))
    coach.click("text=Accept and sign in")
    coach.goto(live.url + "/coach/login")
    coach.fill("#login input[name=email]", COACH)
    coach.click("text=E-mail me a sign-in link")
    link = live.mailbox.link(live.mailbox.wait_for(COACH, count=2), "/coach/login/")
    live.clock.now += timedelta(minutes=16)
    fresh = new_page(browser, "desktop")
    assert fresh.goto(link).status == 410
    assert fresh.url == link


def test_invitation_expires_after_7_days_and_coach_can_leave(live, browser):
    runner = new_page(browser, "desktop")
    connect(runner, live)
    invite_by_keyboard(runner, "Aroha", COACH)
    link = live.mailbox.link(live.mailbox.wait_for(COACH), "/coach/accept/")
    coach = new_page(browser, "desktop")
    live.clock.now += timedelta(days=8)
    assert coach.goto(link).status == 410
    live.clock.now -= timedelta(days=8)
    response = coach.goto(link)
    assert response.status == 200, coach.content()
    coach.click("text=Accept and sign in")
    coach.goto(live.url + "/coach/settings")
    with coach.expect_navigation():
        coach.click("text=Leave (stop coaching Sam)")
    assert "No runner shares with you now" in coach.inner_text("body")
    runner.reload()
    assert "No coach yet" in runner.inner_text("#coaches + p + ul")
