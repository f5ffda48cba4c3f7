"""The second blind set as a table test: 150 phrases written from design.md alone by someone who had
not read the reader, its tests or the other sets, aimed at where readers fail (numbers and times,
yesterday against today, symptoms that went away, long stories).

Scored before the reader was changed: 122/150 (81%); long stories 6/15, resolved symptoms 10/15,
someone else 11/14. After: 142/150 (two read differently on purpose, six not yet), also after the fixes for the
third set and a review. Like the holdout set's, this is no longer a held-out figure once
its misses were read and fixed; the variants in ``test_soreness_resolved.py`` and
``test_soreness_bare_ratings.py`` check the fixes reach past these phrases.

Entries in ``DISAGREE`` are read differently on purpose; entries in ``NOT_YET`` are readings we agree
with and do not meet yet (strict: one that starts to pass must move out of the list).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from insights.soreness import parse_soreness
from tests.insights.blind_score import expected, load_blind_set, problems_with, reading, table_cases

BLIND_SET_2 = Path(__file__).parent / "data" / "blind_set_2.jsonl"
ENTRIES = load_blind_set(BLIND_SET_2)

DISAGREE = {
    "b2-resolved_symptoms-10": "'the pins and needles in my fingers have gone since the physio changed my "
                               "exercises': a numbness or tingling that went away still counts (two reviews: a "
                               "passing one is what a doctor wants to hear of)",
    "b2-someone_else-11": "'could upper back pain be from posture? asking for a friend': the joke means the "
                          "runner; a question about a cause still tells of the pain, and a missed report loses "
                          "its advice",
}
NOT_YET = {
    "b2-resolved_symptoms-13": "'the ache that started in may is finally gone': the past start hides today's 'gone'",
    "b2-resolved_symptoms-14": "'used to get upper back pain..., not anymore - 32k today and nothing': a denial "
                               "two clauses away from its place",
    "b2-someone_else-13": "'physio said ...6/10... mine's a 3 today': a quoted rule, then 'mine' with no place",
    "b2-long_stories-02": "'the upper back that was bothering me all block is finally fine': the relative "
                          "clause's past soreness outweighs today's 'fine'",
    "b2-long_stories-03": "'Felt clammy too' in the sentence after the pain is not tied to it (the note is "
                          "urgent anyway: the pain spread into the arm)",
}


def test_the_second_blind_set_is_whole_and_new():
    assert problems_with(ENTRIES, 150, DISAGREE, NOT_YET,
                         earlier=("blind_set.jsonl", "holdout_set.jsonl")) == []
    assert len(DISAGREE) + len(NOT_YET) <= 8, "the skip lists must stay short"


@pytest.mark.parametrize("entry", table_cases(ENTRIES, DISAGREE, NOT_YET))
def test_second_blind_set(entry):
    assert reading(parse_soreness, entry["text"]) == expected(entry), entry["text"]
