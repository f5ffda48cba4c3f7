"""The third blind set as a table test: 120 phrases about red flags, written from design.md alone by
someone who had not read the reader, its tests or the other sets: 50 that must raise a warning sign
(everyday words, minimised, buried in a story, typos), 50 that must not (idioms, kit, weather, denials,
someone else's, past and resolved symptoms, worries, benign causes) and 20 tricky ones.

Scored before the reader was changed: 97/120; must flag 39/50 (eleven texts whose red flag, or its
rating, was missed), must not flag 47/50, tricky 11/20. After: 115/120, must flag 49/50, must not
flag 50/50. No longer a held-out figure once its misses were read and fixed.

Entries in ``NOT_YET`` are readings we agree with and do not meet yet (strict: one that starts to
pass must move out of the list).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from insights.soreness import parse_soreness
from tests.insights.blind_score import expected, load_blind_set, problems_with, reading, table_cases

BLIND_SET_3 = Path(__file__).parent / "data" / "blind_set_3.jsonl"
ENTRIES = load_blind_set(BLIND_SET_3)

DISAGREE: dict[str, str] = {}
NOT_YET = {
    "b3-must_flag-13": "'...going down my left arm 😬 sore 6/10': a rating two clauses past an arm is not tied back",
    "b3-tricky-05": "'...just posture. moderate today, no tingling': a severity word opening a list of denials",
    "b3-tricky-07": "'fell over last month and cracked a rib, fully healed now': the healing is said of the rib",
    "b3-tricky-11": "'...when i breathe in deep? 6/10 today and sharp': the 6 is read, the 'sharp' of an answer "
                    "sentence is not",
    "b3-tricky-19": "'the nurse asked if i'd lost weight. i have, about 6kg...': a yes to another's question",
}


def test_the_third_blind_set_is_whole_and_new():
    assert problems_with(ENTRIES, 120, DISAGREE, NOT_YET,
                         earlier=("blind_set.jsonl", "holdout_set.jsonl", "blind_set_2.jsonl")) == []
    assert len(DISAGREE) + len(NOT_YET) <= 6, "the skip lists must stay short"


@pytest.mark.parametrize("entry", table_cases(ENTRIES, DISAGREE, NOT_YET))
def test_third_blind_set(entry):
    assert reading(parse_soreness, entry["text"]) == expected(entry), entry["text"]
