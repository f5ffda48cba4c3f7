"""The blind set as a table test: 393 phrases written from the design alone, before the reader changed.

Each entry holds a runner's text and its expected reading (``sore``, ``severity``, ``red_flags``,
``urgency``, ``qualifiers``). ``blind_score.py`` prints the same comparison as a table per category.
Entries in ``DISAGREE`` are read differently on purpose, each with the reason; entries in
``NOT_YET`` are readings we agree with and do not meet yet. Both lists stay short and visible.
"""

from __future__ import annotations

import pytest

from insights.soreness import parse_soreness
from tests.insights.blind_score import expected, load_blind_set, reading, table_cases

ENTRIES = load_blind_set()

# We read these differently from the blind set, on purpose.
DISAGREE = {
    "rf-290": "'mid back sore': the mid back is the thoracic region, and the design's places are examples "
              "of the upper back, not a closed list; a runner who writes 'mid back' means it",
}
# We agree with the blind set's reading but do not reach it yet (strict: one that starts to pass must leave
# the list). Emptied by the holdout round: rf-197 (the answer to a question in the next clause), rf-202
# ("mine's" after a ';' refers back to someone else's back), rf-272 ('thorassic', two slips in a long
# place word), rf-340 (last night's pain with "still there this morning" keeps the night qualifier).
NOT_YET: dict[str, str] = {}


def test_the_blind_set_is_whole():
    assert len(ENTRIES) >= 300
    assert len({e["id"] for e in ENTRIES}) == len(ENTRIES)
    assert set(DISAGREE) | set(NOT_YET) <= {e["id"] for e in ENTRIES}
    assert len(DISAGREE) + len(NOT_YET) <= 10, "the skip lists must stay short"


@pytest.mark.parametrize("entry", table_cases(ENTRIES, DISAGREE, NOT_YET))
def test_blind_set(entry):
    assert reading(parse_soreness, entry["text"]) == expected(entry), entry["text"]
