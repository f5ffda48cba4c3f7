"""The fifth blind set: 100 texts of two to five sentences, where the right reading depends on context
across sentences or clauses (other people by name or role, weather and other numbers, a symptom or rating
a sentence later, questions and answers, yesterday against today).

Written by a helper from design.md alone, without seeing the reader. The reader before it scored 63/100
whole entries (red flags 87/100: five missed, six raised for someone else or another day); after, 80/100
(red flags 99/100, the one left a reading we do not share). No longer held out once its misses were read
and fixed; ``test_soreness_context_variants.py`` checks the fixes reach past these phrases.

Entries in ``DISAGREE`` are readings we do not share (skipped, with the reason). Entries in ``NOT_YET``
are readings we agree with and do not meet yet (strict: one that starts to pass must move out of the
list). This set's list is longer than the others': multi-sentence context is where the reader is weakest,
and each one left is a soreness or rating reading, never a warning sign.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from insights.soreness import parse_soreness
from tests.insights.blind_score import expected, load_blind_set, problems_with, reading, table_cases

BLIND_SET_5 = Path(__file__).parent / "data" / "blind_set_5.jsonl"
ENTRIES = load_blind_set(BLIND_SET_5)

DISAGREE = {
    "b5-time_across_sentences-08": "'Pain spread into my neck on Thursday's run': a weekday's run may be today's "
                                   "run, and a red flag leans to the runner's safety (a review's earlier finding: "
                                   "'chest was tight during saturday's parkrun' is today's)",
    "b5-other_people-20": "'Upper back aching from being in bed all day': aching while lying in bed is pain at rest "
                          "in the runner's own words",
}
NOT_YET = {
    "b5-other_people-05": "'...She said it'd be sharp... Still aching today, 5/10': soreness with no place, "
                          "two sentences after the place",
    "b5-other_people-11": "'My upper back is sore too but nothing like that, 3/10': a rating two clauses away",
    "b5-other_people-12": "'Today they're hurting': 'they' (the traps) is read as other people",
    "b5-other_people-17": "'Mine aren't, for once!': a denial by 'mine' after someone else's rhomboids",
    "b5-later_sentence-13": "'Traps. Tight. Again. 5/10': a rating three sentences after the place",
    "b5-questions_and_answers-04": "'Physio asked if my upper back pain wakes me at night. It does.': a yes to "
                                   "another's question about soreness",
    "b5-questions_and_answers-07": "'...Mine's fine': 'mine' after a general question",
    "b5-questions_and_answers-09": "'Doc asked if it's worse on a deep breath — yes': a qualifier answered yes",
    "b5-questions_and_answers-10": "'Q: sore? A: upper back yes, legs no.': the place is in the answer",
    "b5-questions_and_answers-14": "'today it's a 4/10' after a question: a rating with 'it' for the place",
    "b5-questions_and_answers-15": "'Will my rhomboids ever stop hurting? still sore': a hypothetical question, "
                                   "then today's state without a place",
    "b5-time_across_sentences-01": "'Yesterday: upper back 7. Today: much better, maybe a 2.': today's rating "
                                   "with no place",
    "b5-time_across_sentences-03": "'Today they're fine.': 'they' after a worry about the traps",
    "b5-time_across_sentences-04": "'Nothing today, touch wood.': a denial with no place, after last week's",
    "b5-time_across_sentences-07": "'Upper back sore since, ran anyway, 5/10': a rating past a workout clause",
    "b5-time_across_sentences-10": "'Severe on Monday. Moderate Tuesday. Mild today.': today's level with no place",
    "b5-time_across_sentences-13": "'Today it's sore again': 'it' for the upper back named the sentence before",
    "b5-time_across_sentences-19": "'Still sore now. 4/10.': a rating two sentences after the place",
}


def test_the_fifth_blind_set_is_whole_and_new():
    assert problems_with(ENTRIES, 100, DISAGREE, NOT_YET,
                         earlier=("blind_set.jsonl", "holdout_set.jsonl", "blind_set_2.jsonl", "blind_set_3.jsonl",
                                  "blind_set_4.jsonl")) == []
    assert len(DISAGREE) + len(NOT_YET) <= 20, "the skip lists must not grow"


def test_no_warning_sign_is_left_in_the_not_yet_list():
    """What is not met yet may cost a runner a rating; never a warning sign."""
    for entry_id in NOT_YET:
        entry = next(e for e in ENTRIES if e["id"] == entry_id)
        assert reading(parse_soreness, entry["text"])["red_flags"] == expected(entry)["red_flags"], entry_id


@pytest.mark.parametrize("entry", table_cases(ENTRIES, DISAGREE, NOT_YET))
def test_fifth_blind_set(entry):
    assert reading(parse_soreness, entry["text"]) == expected(entry), entry["text"]
