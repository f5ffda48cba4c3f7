"""The check-in line is part of the note, so it counts toward the 700-character cap.

insights places it (after a spike with no soreness report, never on an urgent
note); the webhook only signs the link. A deployment under a long URL makes the
line long: the note's last general cues give way, not the cap.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from insights.block import split_block
from insights.notes import MAX_CHARS
from webhook.devtools.replay import Replayer

SCENARIO = Path(__file__).parents[2] / "fixtures" / "wrong_sport_type"  # a spike note with an ACWR line and cues
LONG_BASE_URL = ("https://running-club.example.org/members/tools/injury-prevention/upper-back-companion"
                 "/rhomboid-for-the-tuesday-and-thursday-training-groups/production-instance-eu-west")


def test_the_check_in_line_counts_toward_the_note_cap():
    with Replayer() as replayer:
        replayer.services.config = replace(replayer.services.config, base_url=LONG_BASE_URL)
        lines = list(replayer.replay(SCENARIO))
    asked = [line for line in lines if line.note and "How is your upper back?" in line.note["text"]]
    assert asked, "the scenario's spike without a report asks how the upper back is"
    for line in asked:
        text = line.note["text"]
        assert len(text) < MAX_CHARS
        assert f"How is your upper back? {LONG_BASE_URL}/checkin/" in text
        assert text.endswith("Not medical advice.")  # the disclaimer stays last
        assert split_block(line.description)[1] is not None and text in line.description
        assert line.description.count("How is your upper back?") == 1
