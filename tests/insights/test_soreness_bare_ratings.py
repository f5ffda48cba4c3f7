"""A bare number the runner ties to the upper back is their rating, wherever they say when it hurts.

Written as runners write them before the change: the reader scored 16 of
these 28 (none of the first twelve), and 28 after; the second half must not
change (a distance, a time of day or a count is never a rating).
"""

from __future__ import annotations

import pytest

from insights.soreness import parse_soreness

CASES = [  # text, sore, severity
    ("upper back 7 at night", True, 7),
    ("upper back about a 6", True, 6),
    ("upper back sore (6)", True, 6),
    ("upper back sore 5ish", True, 5),
    ("upper back 7 in the morning", True, 7),
    ("upper back a 7 today", True, 7),
    ("upper back 7 when I breathe in", True, 7),
    ("upper back sore - 6", True, 6),
    ("upper back tight 4 after the run", True, 4),
    ("traps maybe 3 today", True, 3),
    ("upper back around 5 during the run", True, 5),
    ("rhomboids 6 on waking", True, 6),
    # never a rating
    ("upper back sore 2 days now", True, None),
    ("upper back tight 5 mins into the run", True, None),
    ("upper back 6 miles in", None, None),
    ("upper back sore 3 runs in a row", True, None),
    ("upper back sore 3 in a row", True, None),
    ("upper back sore at 7 this morning", True, None),
    ("upper back sore 7 am", True, None),
    ("upper back tight 10k in", True, None),
    ("upper back sore a 5k ago", None, None),
    ("upper back 2 days ago", None, None),
    ("upper back sore at 6 in the morning", True, None),
    ("upper back sore 3x this week", True, None),
    ("upper back a 10 mile run today", None, None),
    ("upper back sore 4 weeks now", True, None),
    ("upper back sore 12 hours later", True, None),
    ("upper back sore after 5 in the morning", True, None),
]


# a decimal is one number, and today's number after a rated past clause is today's rating (8 right before of
# these 19, and 19 after)
MORE = [
    ("upper back 6.5", True, 7),
    ("upper back 6.5 miles in", None, None),  # was "upper back 6" and "5 miles in": a 6/10
    ("upper back tight 6.5 miles in", True, None),
    ("upper back sore 4.5 at night", True, 5),
    ("#upperback 6.5", True, 7),
    ("upper back 6,5/10", True, 7),
    ("upper back 7.30 this morning", None, None),
    ("ran 10.5 km, upper back 4", True, 4),
    ("upper back was 8 yesterday, 4 today", True, 4),
    ("upper back 6 yesterday, 3 today", True, 3),
    ("Upper back 5 yesterday, still 5 today", True, 5),
    ("upper back 7 last week, 2 now", True, 2),
    ("upper back was 7 yesterday and is 4 today", True, 4),
    ("upper back 6 yesterday, 0 today", False, 0),
    ("upper back 6 yesterday", None, None),
    ("upper back 6 yesterday, legs 3 today", None, None),
    ("upper back 5 yesterday, 10k today", None, None),
    ("upper back 6/10 yesterday, still today", True, 6),
    ("upper back sore yesterday and today", True, None),
]


@pytest.mark.parametrize(("text", "sore", "severity"), CASES + MORE, ids=[c[0] for c in CASES + MORE])
def test_bare_rating(text, sore, severity):
    report = parse_soreness(text)
    assert (report.sore, report.severity) == (sore, severity)


def test_a_bare_seven_at_night_is_a_reason_to_see_a_physio():
    from insights.assess import assess
    from tests.insights.conftest import day, make_run

    runs = [make_run(n, day(n), 8, hr=142, max_hr=182) for n in range(1, 40, 2)]
    new = make_run(100, day(41), 8, hr=142, max_hr=182, name="Easy 8", description="upper back 7 in the morning")
    a = assess(new, runs + [new])
    assert a.soreness.today.severity == 7
    assert "see_physio" in a.advice and "7/10" in a.text
