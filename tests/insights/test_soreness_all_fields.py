"""Reviews that check all a text reports: sore, severity and red flags. A change to whose a mention is, or when,
reaches upper-back reports as much as red flags, so these sets are scored on all three.

* review 15, aimed at the shared machinery: whose a mention is (another person named before it, an aside in brackets,
  "a guy from my work"), dates, and lists opened by a "no";
* review 16, aimed at the latest rules: whose, dates, lists, breathlessness at rest and out of proportion, falls, a limb
  gone weak, with ordinary upper-back reports and plain logs.
"""

from __future__ import annotations

import pytest

from insights.soreness import parse_soreness
from tests.insights.data import review_15_whose_and_lists as review_15
from tests.insights.data import review_16_latest_rules as review_16

_LISTS = "a 'no' opening a list of soreness words ({}) is not read along the list"
_DATE = "a date with no past verb beside it ({}) is not read as the past (a date alone may be a race to come)"
NOT_YET_15 = {
    "Mate from my running club says my traps are always tight; sore again today 5/10.":
        "the rating after 'sore again today' is not tied to the traps named in the clause before",
    "A runner from my club, who's 60, was gasping for air at rest after the finish.":
        "', who's 60,' closes the scope in which the runner from the club was named",
    "Upper back sore on 3rd Feb, fine now.": _DATE.format("'on 3rd Feb'"),
    "Fever on 2nd of January, been fine since. 10k easy.": _DATE.format("'on 2nd of January'"),
    "Traps 4/10 on 3 March, 2/10 today.": _DATE.format("'on 3 March'") + "; the first rating is kept",
    "Tightness in my chest on 14th Feb, cardiologist cleared me on 2nd April.": _DATE.format("'on 14th Feb'"),
    "Got sweaty and sick with the pain on 20 May, fine since.": _DATE.format("'on 20 May'"),
    "On 3 March my upper back was 7/10. Today it's 2/10.": _DATE.format("'On 3 March' opening the sentence"),
    "No stiffness, pain or tingling between my shoulder blades today.": _LISTS.format("stiffness, pain"),
    "Not sore, tight or stiff between the shoulder blades at all.": _LISTS.format("sore, tight, stiff"),
    "No chest pain or pressure, palpitations, sweating, just an ache between the shoulder blades.":
        "'sweating' at the end of a list of commas is not denied by the 'no' at its head",
    "No soreness, tightness or twinges in the traps, and no chest pain.": _LISTS.format("soreness, tightness"),
    "No stiffness, knots or pain in the traps, just a heavy chest on the hills.": _LISTS.format("stiffness, knots"),
    "No palpitations, sweats, nausea or arm pain, only upper back stiffness, mild.":
        "'sweats, nausea' inside a list headed by 'no' before 'or arm pain' are read as sweating",
    "Upper back pain no, stiffness no, chest pain no.": "'X no, Y no' as a list of answers is read as the pain",
    "Felt sick from the gel and the heat, not from the pain; upper back only 2/10.":
        "the gel named as the cause, and the pain denied as one, still tie the sickness to the upper-back report",
    "Pressure across my chest at 6k but it turned out it was just my new vest.":
        "'just my new vest' excuses the chest only after 'thought'",
    "Pressure between my shoulder blades that went down my left arm.":
        "'pressure' is not one of the design's soreness words (so no sore report); the spreading is read",
    "Winded after tying my shoes.": "'winded after tying my shoes': the exertion is read only right after the strain",
    "Winded walking to the car, never happened before.":
        "walking to the car is not read as mild exertion ('walking to the car straight after the race, still panting')",
    "Breathless at the top of the last hill, which is normal for me.": "'which is normal for me' is not read",
    "Out of breath by the top of the final climb. Never happened before on this route and I've done it 50 times.":
        "'Never happened before' followed by more words is not read as a claim of its own",
    "Hardly talk on the stairs to my flat, worrying.": "'on the stairs to my flat' is not read as mild exertion",
    "Easy 12k. On March 3rd I had that chest pain scare, all clear from the cardiologist. Nothing today, upper back "
    "mild.": "'On March 3rd I had' opens the sentence before the verb: the date is read only after 'had'",
    "Parkrun. A lady from my club collapsed at the finish, short of breath and grey. Hope she's ok. Upper back fine.":
        "the comma before 'short of breath' ends the scope in which the lady was named",
    "Easy 9k in the rain. Physio tomorrow for the rhomboids, sore 5/10 today.":
        "'tomorrow' in the clause of the place makes the report a plan",
}
NOT_YET_16 = {
    "My friend (the one I run with on Sundays) had a fever all week.":
        "an aside in brackets longer than an age ends the scope in which the friend was named",
    "Upper back was sore on 1st April; today it's fine.":
        "'fine' in the next sentence is not read as today's 'not sore' after a dated report",
    "Couldn't talk in full sentences on my easy recovery jog, which is odd.":
        "'on my easy recovery jog' is the talk test's words ('can't talk on my easy runs' is the runner's pace)",
    "Couldn't get up the stairs to my flat without stopping twice for breath.":
        "the stairs named before 'without stopping twice for breath' with the breath last",
    "Couldn't talk in full sentences even 10 minutes after I stopped.":
        "'even 10 minutes after I stopped' is not read as long after (only 'N minutes after I'd stopped')",
    "Road rash down my left side after I clipped a kerb on the bike this morning.":
        "'clipped a kerb on the bike' is not read as a fall, and road rash alone is not (it lasts weeks)",
    "Came off on a pothole at 30k of the bike leg, shoulder is killing me.":
        "'came off' is read only with the pothole or the bike named before it",
    "Came off the bike in T2 feeling strong, run leg 10k in 44, calves sore.":
        "'came off the bike in T2' (a transition) is read as a fall",
    "Upper back tight, stiff, sore, 6/10 after the hilly 15k.": "a rating after three soreness words in a list",
    "My upper back is fine but my husband's is sore.": "'my husband's is sore' is read as the runner's upper back",
    "Worried my upper back will flare up at the race on 12 May, fine today.":
        "'fine today' after a worry is not read as today's 'not sore'",
    "Upper back was 6/10 on 3 May; 3/10 today.": "'3/10 today' in the next sentence is not tied to the upper back",
}
SETS = {"review_15": (review_15.CASES, NOT_YET_15), "review_16": (review_16.CASES, NOT_YET_16)}


def _params():
    for name, (cases, not_yet) in SETS.items():
        for case in cases:
            marks = [pytest.mark.xfail(reason=not_yet[case[0]], strict=True)] if case[0] in not_yet else []
            yield pytest.param(name, *case, marks=marks)


@pytest.mark.parametrize(("source", "text", "sore", "severity", "flags"), list(_params()))
def test_sore_severity_and_flags(source, text, sore, severity, flags):
    report = parse_soreness(text)
    assert (report.sore, report.severity, set(report.red_flags)) == (sore, severity, set(flags))


@pytest.mark.parametrize("name", SETS)
def test_every_not_yet_is_a_case(name):
    cases, not_yet = SETS[name]
    assert set(not_yet) <= {case[0] for case in cases}
