"""``rhomboid demo --serve`` prints three links, each ready to open in a browser."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

from tests.browser.conftest import assert_no_sideways_scroll, authorize, new_page
from webhook.devtools.demo import run_demo


def test_demo_serve_prints_runner_coach_and_checkin_links(browser):
    lines: list[str] = []
    stop = threading.Event()
    demo = threading.Thread(target=run_demo, kwargs={
        "echo": lines.append, "serve": True, "port": 0, "stop": stop,
        "now": datetime(2026, 11, 16, 8, 0, tzinfo=timezone.utc)})
    demo.start()
    try:
        deadline = time.monotonic() + 120
        while not any(line.startswith("check-in: ") for line in lines):
            assert demo.is_alive() and time.monotonic() < deadline, "\n".join(lines)
            time.sleep(0.1)
        found = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in lines
                 if line.split(": ", 1)[0] in ("runner", "coach", "check-in")}
        assert set(found) == {"runner", "coach", "check-in"}

        runner = new_page(browser, "phone")
        runner.goto(found["runner"])
        authorize(runner)  # the one click on the emulated Strava
        runner.wait_for_url("**/me")
        assert runner.inner_text("h1") == "Hi Sam"
        assert_no_sideways_scroll(runner)

        coach = new_page(browser, "phone")
        coach.goto(found["coach"])
        assert coach.url.endswith("/coach")
        assert "Sam" in coach.inner_text("#runners")

        checkin = new_page(browser, "phone")
        checkin.goto(found["check-in"])
        authorize(checkin)
        checkin.wait_for_url(found["check-in"])
        assert checkin.inner_text("h1") == "How is your upper back?"
    finally:
        stop.set()
        demo.join(30)
