"""Two broad sets: 120 phrases each, written the way runners write and aimed at no rule, by helpers who read
neither the reader nor its tests, each reading decided before anything was run.

* ``broad_set.py``: 45 with the runner's own warning sign today, 35 with someone else's, another day's,
  denied or idiomatic ones, 40 about upper-back soreness. Held out, the reader before the fifth blind set's
  work scored 105/120 whole phrases (warning signs right in 111/120), after it 109/120 (114/120).
* ``broad_set_2.py``: 40, 40 and 40 of the same kinds in more voices. Held out: 103/120 (111/120) before,
  107/120 (113/120) after.

In neither did the newer reader read wrong a phrase the older one read right. The warning signs both missed
were then fixed (116/120 and 111/120 whole; 120/120 and 117/120 warning signs), so neither is held out any
more. Severity is checked only where the phrase gives one (None here means "not checked"). ``NOT_YET``:
readings we agree with and do not meet yet (strict xfail); ``DISAGREE``: readings we do not share.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from insights.soreness import parse_soreness

DATA = Path(__file__).parent / "data"


def _phrases(name: str) -> list[tuple]:
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.P


SETS = {"broad_set": _phrases("broad_set"), "broad_set_2": _phrases("broad_set_2")}

DISAGREE = {
    "Night sweats again and lost weight without meaning to, about 4 kg since Christmas.":
        "night sweats are a fever sign in our reading of the design's everyday wording (see soreness_flag_words)",
}
NOT_YET = {
    "Pain shooting from between my shoulder blades down into my arm": "'shooting' is read as sharp too (arguable)",
    "Been doing rhomboid stretches all week, no soreness today": "'no soreness' without the place in its clause",
    "My physio asked if my upper back was sore — honestly no, not today": "a no to another's question about soreness",
    "Upper back niggle 5/10 on the run but it eased once I stopped": "a rating after 'niggle' plus a place word",
    "Upper back sore 6/10 and I'm short of breath even sitting down.":
        "'even sitting down' said of the breathing is read as the back's rest pain",
    "Between the shoulder blades: sharp stab every time I take a deep breath.": "a place before a colon",
    "Rhomboid niggle, nothing major, 1/10.": "a rating two clauses after 'niggle'",
    "Had upper back pain on Monday. Today 10k easy, no pain anywhere.": "'no pain anywhere' names no place",
    "Coach: 'How's the upper back?' Me: 'Still sore, 3/10.'": "a quoted answer to a quoted question",
    "If my upper back gets sore again I'll book the physio. Fine so far.": "'Fine so far' after a hypothetical",
}
EVERY_PHRASE = [(name, *entry) for name, phrases in SETS.items() for entry in phrases]


def _case(name, text, *expected):
    marks = []
    if text in DISAGREE:
        marks = [pytest.mark.skip(reason=f"we disagree: {DISAGREE[text]}")]
    elif text in NOT_YET:
        marks = [pytest.mark.xfail(strict=True, reason=NOT_YET[text])]
    return pytest.param(text, *expected, id=f"{name}: {text[:60]}", marks=marks)


def test_the_broad_sets_are_whole():
    for phrases in SETS.values():
        assert len(phrases) == 120 and len({p[0] for p in phrases}) == 120
    texts = {p[1] for p in EVERY_PHRASE}
    assert set(NOT_YET) | set(DISAGREE) <= texts
    assert len(NOT_YET) + len(DISAGREE) <= 13, "the lists must not grow"


def test_no_warning_sign_of_the_broad_sets_is_missed():
    """Every warning sign the runner wrote is found, the not-yet phrases included."""
    missed = [(text, sorted(flags - set(parse_soreness(text).red_flags)))
              for _, text, _, _, flags, _ in EVERY_PHRASE if flags - set(parse_soreness(text).red_flags)]
    assert missed == []


@pytest.mark.parametrize(("text", "sore", "severity", "flags", "qualifiers"), [_case(*p) for p in EVERY_PHRASE])
def test_broad_sets(text, sore, severity, flags, qualifiers):
    report = parse_soreness(text)
    assert report.sore is sore
    assert set(report.red_flags) == flags
    assert set(report.qualifiers) == qualifiers
    if severity is not None:
        assert report.severity == severity
