"""Variants of the holdout round's fixes (not holdout phrases): each fix reaches past its one phrase,
and stops where it should (a distance is not a severity, a weight lifted is not a weight on the chest)."""

from __future__ import annotations

import pytest

from insights.soreness import parse_soreness

CASES = [  # text, sore, severity, red flags, qualifiers
    ("upper back 6, legs fine", True, 6, (), ()),
    ("upper back 4 today 😩", True, 4, (), ()),
    ("Upper back 0", False, 0, (), ()),
    ("upper back 6 miles in", None, None, (), ()),
    ("upper back 2 days ago", None, None, (), ()),
    ("traps 3x10 shrugs", None, None, (), ()),
    ("upper back 12", None, None, (), ()),
    ("my chest feels like it's being squeezed", None, None, ("chest_pain",), ()),
    ("chest felt like a weight had lifted", None, None, (), ()),
    ("lost 5kg and I'm not dieting, upper back sore", True, None, ("weight_loss",), ()),
    ("my jaw ached with the upper back pain", True, None, ("radiating_pain",), ()),
    ("numb hands from my hydration vest straps", None, None, (), ()),
    ("tingling from the strap? or nerves? upper back 5", True, 5, ("numbness_or_weakness",), ()),
    ("numb arm, no idea why, from the shoulder down", None, None, ("numbness_or_weakness",), ()),
    ("chest pain on the climb, gone now", None, None, ("chest_pain",), ()),
    ("fever's gone, upper back 3/10", True, 3, (), ()),
    ("crashed my bike yesterday, upper back sore today", True, None, ("after_fall",), ()),
    ("crashed my bike last year, upper back sore today", True, None, (), ()),
    ("no chest pian", None, None, (), ()),
    ("my sister has upper back pain, I do too", True, None, (), ()),
    ("her traps are tight, mine too", True, None, (), ()),
    ("my wife's upper back is sore, I'm not", False, None, (), ()),
    ("Emma's upper back was sore. Mine's fine", False, None, (), ()),
    ("she asked if my traps were tight", None, None, (), ()),
    ("upper back? stiff as usual", True, None, (), ()),
    ("2 days off and upper back still tight", True, None, (), ("not_eased_by_rest",)),
    ("3 days off, legs still heavy", None, None, (), ()),
    ("upper back sore when I'm sitting", True, None, (), ("night_or_rest",)),
    ("should be fine, rhomboi sore", True, None, (), ()),
    ("trapezes and rings at the gym", None, None, (), ()),
]


@pytest.mark.parametrize(("text", "sore", "severity", "flags", "qualifiers"), CASES, ids=[c[0] for c in CASES])
def test_holdout_round_variants(text, sore, severity, flags, qualifiers):
    report = parse_soreness(text)
    assert (report.sore, report.severity, report.red_flags, report.qualifiers) == (
        sore, severity, flags, frozenset(qualifiers))
