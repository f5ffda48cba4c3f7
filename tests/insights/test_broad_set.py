"""A broad set: 120 phrases written the way runners write, not aimed at any rule (45 with the runner's own
warning sign today, 35 with someone else's, another day's, denied or idiomatic ones, 40 about upper-back
soreness), by a helper who read neither the reader nor its tests, with each reading decided before running.

Held out, the reader before the fifth blind set's work scored 105/120 whole phrases (warning signs right in
111/120), the reader after it 109/120 (114/120), and nothing the older one read right was read wrong. The
seven warning signs both missed were then fixed (116/120, 120/120), so it is held out no more.

Severity is checked only where the phrase gives one (None here means "not checked"). ``NOT_YET`` are
readings we agree with and do not meet yet (strict xfail).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from insights.soreness import parse_soreness

_spec = importlib.util.spec_from_file_location("broad_set", Path(__file__).parent / "data" / "broad_set.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
PHRASES = _module.P

NOT_YET = {
    "Pain shooting from between my shoulder blades down into my arm": "'shooting' is read as sharp too (arguable)",
    "Been doing rhomboid stretches all week, no soreness today": "'no soreness' without the place in its clause",
    "My physio asked if my upper back was sore — honestly no, not today": "a no to another's question about soreness",
    "Upper back niggle 5/10 on the run but it eased once I stopped": "a rating after 'niggle' plus a place word",
}


def _case(entry):
    if entry[0] in NOT_YET:
        return pytest.param(*entry, id=entry[0][:60], marks=pytest.mark.xfail(strict=True, reason=NOT_YET[entry[0]]))
    return pytest.param(*entry, id=entry[0][:60])


def test_the_broad_set_is_whole():
    assert len(PHRASES) == 120 and len({p[0] for p in PHRASES}) == 120
    assert set(NOT_YET) <= {p[0] for p in PHRASES}
    assert len(NOT_YET) <= 4, "the list must not grow"


def test_every_warning_sign_of_the_broad_set():
    """The warning signs alone: all 120 right, the not-yet ones included."""
    wrong = [(text, parse_soreness(text).red_flags) for text, _, _, flags, _ in PHRASES
             if set(parse_soreness(text).red_flags) != flags]
    assert wrong == []


@pytest.mark.parametrize(("text", "sore", "severity", "flags", "qualifiers"), [_case(p) for p in PHRASES])
def test_broad_set(text, sore, severity, flags, qualifiers):
    report = parse_soreness(text)
    assert report.sore is sore
    assert set(report.red_flags) == flags
    assert set(report.qualifiers) == qualifiers
    if severity is not None:
        assert report.severity == severity
