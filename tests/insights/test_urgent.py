"""Urgent notes in proportion (as the NHS words it), and the follow-up line after one."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from insights.soreness import RED_FLAGS
from insights.urgent import DOCTOR_TODAY, EMERGENCY, recent_urgent_day, urgency, urgent_stub, urgent_text

EMERGENCIES = ["chest_pain", "breathless", "radiating_pain", "sweating_or_nausea", "coughing_blood", "after_fall"]
SEE_A_DOCTOR_TODAY = ["fever", "weight_loss", "numbness_or_weakness"]


def test_every_red_flag_has_one_urgency():
    assert EMERGENCY | DOCTOR_TODAY == set(RED_FLAGS) and not EMERGENCY & DOCTOR_TODAY


@pytest.mark.parametrize("flag", EMERGENCIES)
def test_emergencies_say_get_emergency_help_now(flag):
    text = urgent_text((flag,))
    assert urgency((flag,)) == "emergency"
    assert "emergency help now" in text and "see a doctor today" not in text


@pytest.mark.parametrize("flag", SEE_A_DOCTOR_TODAY)
def test_systemic_signs_say_see_a_doctor_today(flag):
    text = urgent_text((flag,))
    assert urgency((flag,)) == "doctor_today"
    assert "see a doctor today" in text and "emergency help now" not in text


def test_the_most_urgent_flag_decides():
    assert urgency(("fever", "chest_pain")) == "emergency"
    assert "emergency help now" in urgent_text(("fever", "chest_pain"))


@pytest.mark.parametrize("flags", [("chest_pain",), ("fever",), ("fever", "after_fall")])
def test_urgent_notes_carry_no_training_cue_and_say_not_medical_advice(flags):
    text = urgent_text(flags).lower()
    for cue in ("warm up", "shoulders", "twice a week", "build back", "easy days", "next week", "long run"):
        assert cue not in text
    assert text.endswith("not medical advice.")


def test_the_public_stub_names_nothing():
    text = urgent_stub("https://rhomboid.example/me")
    assert text.startswith("Rhomboid has an urgent message for you today: https://rhomboid.example/me")
    for word in ("chest", "fever", "private", "doctor", "emergency"):
        assert word not in text.lower()


@pytest.mark.parametrize(("urgent", "now", "expected"), [
    (datetime(2026, 6, 1, 7), datetime(2026, 6, 1, 18), date(2026, 6, 1)),  # later the same day
    (datetime(2026, 6, 1, 7), datetime(2026, 6, 8, 7), date(2026, 6, 1)),  # 7 days after
    (datetime(2026, 6, 1, 7), datetime(2026, 6, 9, 7), None),  # 8 days after: over
    (datetime(2026, 6, 2, 7), datetime(2026, 6, 1, 7), None),  # a later note is no reason
])
def test_the_follow_up_line_lasts_seven_days(urgent, now, expected):
    assert recent_urgent_day([urgent], now, now.date()) == expected
