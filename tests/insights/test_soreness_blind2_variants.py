"""Variants of the second blind set's fixes (not its phrases): each fix reaches past its one phrase and
stops where it should. Written after the fixes; the reader before them scored 15 of these 32."""

from __future__ import annotations

import pytest

from insights.soreness import parse_soreness

CASES = [  # text, sore, severity, red flags, qualifiers
    ("left arm is aching since the run", None, None, ("radiating_pain",), ()),
    ("my left arm kept aching on the climb, upper back tight", True, None, ("radiating_pain",), ()),
    ("no left arm pain, upper back tight", True, None, (), ()),
    ("chest too, really tight", None, None, ("chest_pain",), ()),
    ("chest strap, tight as usual", None, None, (), ()),
    ("left hand's gone weak", None, None, ("numbness_or_weakness",), ()),
    ("legs gone weak after the 30k, upper back fine", False, None, (), ()),
    ("temperature 39.1 today, upper back aching", True, None, ("fever",), ()),
    ("temp was 38 outside, roasting. upper back fine", False, None, (), ()),
    ("dropped 3 kg in a month and no idea why", None, None, ("weight_loss",), ()),
    ("lost 3 kg on purpose for the race", None, None, (), ()),
    ("the chest pain from last night's session is gone", None, None, (), ()),
    ("8/10 for the views, upper back 3", True, 3, (), ()),
    ("10/10 for vibes", None, None, (), ()),
    ("calf 6/10 and upper back a bit tight", True, None, (), ()),
    ("rhomboids ache when I breathed in deeply", True, None, (), ("worse_on_deep_breath",)),
    ("no matter how much I rest the upper back stays tight", True, None, (), ("not_eased_by_rest",)),
    ("upper back 4ish too", True, 4, (), ()),
    ("upper back: mild to moderate", True, 5, (), ()),
    ("traps were sore on tuesday, fine today", False, None, (), ()),
    ("upper back tightness eased off, all good now", False, None, (), ()),
    ("upper back pain disappeared for a week but it's back today", True, None, (), ()),
    ("no complaints even with tight traps", True, None, (), ()),
    ("traps tight, reckon about a 7", True, 7, (), ()),
    ("upper back took a knock and it's sore now, probably 6/10", True, 6, (), ()),
    ("upper back ok, but it's been tight all evening", True, None, (), ()),
    ("upper back sore, but fine after the warm-up", True, None, (), ()),
    ("came back from holiday, upper back fine", False, None, (), ()),
    ("upper back fine, the pain came back in my calf", False, None, (), ()),
    ("could the upper back ache be from my new bag?", True, None, (), ()),
    ("upper back sore, about 5 miles in", True, None, (), ()),
    ("upper back sore, maybe 5 km in", True, None, (), ()),
]


@pytest.mark.parametrize(("text", "sore", "severity", "flags", "qualifiers"), CASES, ids=[c[0] for c in CASES])
def test_blind2_variants(text, sore, severity, flags, qualifiers):
    report = parse_soreness(text)
    assert (report.sore, report.severity, report.red_flags, report.qualifiers) == (
        sore, severity, flags, frozenset(qualifiers))
