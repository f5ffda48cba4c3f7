"""Variants of the fourth blind set's fixes (not its phrases): each reaches past its one phrase, and
stops where it should (a rest day tomorrow, a stitch's breath, a calf that rest did not help).
Written after the fixes; the reader before them scored 6 of these 13."""

from __future__ import annotations

import pytest

from insights.soreness import parse_soreness

CASES = [  # text, sore, severity, qualifiers
    ("rest day tomorrow, upper back still sore", True, None, ()),
    ("slept badly because of the baby, upper back fine", False, None, ()),
    ("had the weekend off, upper back fine now", False, None, ()),
    ("if my upper back is sore tomorrow I'll rest", None, None, ()),
    ("Stitch hurt on every deep breath. upper back fine", False, None, ()),
    ("upper back hurts if I breathe in deeply", True, None, ("worse_on_deep_breath",)),
    ("rested it for 3 days and it's still tight between the shoulder blades", True, None, ("not_eased_by_rest",)),
    ("three days of no running and the rhomboids still ache", True, None, ("not_eased_by_rest",)),
    ("upper back sore on the climb though, 4/10", True, 4, ()),
    ("traps stiff when I woke up. mild tho", True, 3, ("worse_on_waking",)),
    ("upper back tight even when I'm just sat at my desk", True, None, ("night_or_rest",)),
    ("Upper back sore. Moderate i'd say", True, 5, ()),
    ("upper back ok, rest week made no difference to my calf", False, None, ()),
]


@pytest.mark.parametrize(("text", "sore", "severity", "qualifiers"), CASES, ids=[c[0] for c in CASES])
def test_qualifier_variants(text, sore, severity, qualifiers):
    report = parse_soreness(text)
    assert (report.sore, report.severity, tuple(sorted(report.qualifiers))) == (sore, severity, qualifiers)
