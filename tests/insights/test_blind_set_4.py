"""The fourth blind set as a table test: 90 phrases about the qualifiers that send a runner to a physio
(worse on waking, on a deep breath, sharp, at night or at rest, not eased by rest), each with phrases
that must not count (a night run, a sharp pace, a rest day tomorrow, a stitch's breath pain), written
from design.md alone by someone who had not read the reader, its tests or the other sets.

Scored before the reader was changed: 74/90; not eased by rest 11/16 (four runners who said rest had
not helped). After: 86/90. No longer a held-out figure once its misses were read and fixed; the variants
in ``test_soreness_qualifier_variants.py`` check the fixes reach past these phrases.

Entries in ``NOT_YET`` are readings we agree with and do not meet yet (strict: one that starts to
pass must move out of the list).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from insights.soreness import parse_soreness
from tests.insights.blind_score import expected, load_blind_set, problems_with, reading, table_cases

BLIND_SET_4 = Path(__file__).parent / "data" / "blind_set_4.jsonl"
ENTRIES = load_blind_set(BLIND_SET_4)

DISAGREE: dict[str, str] = {}
NOT_YET = {
    "b4-night_or_rest-14": "'awful at night last month but no pain at night anymore, just a bit tight today': "
                           "today's state two clauses past a past place",
    "b4-not_eased_by_rest-04": "'Back after 4 rest days. Pain ... exactly the same as before I stopped.': rest "
                               "and its outcome in two sentences",
    "b4-mixed-07": "'...and they're stiff as hell first thing': 'they' (the traps) is read as other people",
    "b4-mixed-08": "'...rest week made no difference 😒 moderate': a severity word two clauses from its place",
}


def test_the_fourth_blind_set_is_whole_and_new():
    assert problems_with(ENTRIES, 90, DISAGREE, NOT_YET,
                         earlier=("blind_set.jsonl", "holdout_set.jsonl", "blind_set_2.jsonl", "blind_set_3.jsonl")) == []
    assert len(DISAGREE) + len(NOT_YET) <= 6, "the skip lists must stay short"


@pytest.mark.parametrize("entry", table_cases(ENTRIES, DISAGREE, NOT_YET))
def test_fourth_blind_set(entry):
    assert reading(parse_soreness, entry["text"]) == expected(entry), entry["text"]
