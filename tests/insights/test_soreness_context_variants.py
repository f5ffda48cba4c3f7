"""Variants of the fifth blind set's fixes, written after them: does each fix reach past the phrase it
was made for, and does it leave alone what it must not touch?"""

from __future__ import annotations

import pytest

from insights.soreness import parse_soreness

# (text, sore, severity, red flags, qualifiers)
CASES = [
    # company is not who feels it ...
    ("ran with my friend and chest felt tight the whole way", None, None, ("chest_pain",), ()),
    ("parkrun with my dad and chest was tight after 3k", None, None, ("chest_pain",), ()),
    ("easy miles with my sister and left arm went numb near the end", None, None, ("numbness_or_weakness",), ()),
    ("tempo behind my training partner and coughed up blood after", None, None, ("coughing_blood",), ()),
    ("ran to my mum's and chest felt heavy", None, None, ("chest_pain",), ()),
    ("jogged with a friend and got breathless really quickly", None, None, ("breathless",), ()),
    ("ran with Sarah and chest felt tight", None, None, ("chest_pain",), ()),
    ("Sarah's session left me breathless", None, None, ("breathless",), ()),
    ("sam and I ran, chest tight", None, None, ("chest_pain",), ()),
    # ... but someone named, or said to have it, is
    ("my friend had chest pain on the run so we stopped", None, None, (), ()),
    ("ran with Tom, he got really breathless", None, None, (), ()),
    ("went with my dad who has chest pain when he walks", None, None, (), ()),
    ("ran with my sister. she had chest pain at 5k so we walked home", None, None, (), ()),
    ("Sarah got the chest pain, not me", None, None, (), ()),
    ("Rob's got chest pain and is at the hospital getting checked", None, None, (), ()),
    ("one of the lads fell on the ice and hurt his back", None, None, (), ()),
    ("the guy next to me at the start was coughing up blood", None, None, (), ()),
    # a temperature of the body, not of the bath
    ("my temp's 38.3, think I'm coming down with something", None, None, ("fever",), ()),
    ("38.2C on the thermometer this morning", None, None, ("fever",), ()),
    ("stayed in the house with a temp of 38.5", None, None, ("fever",), ()),
    ("bath was 38.5 on the thermometer, lovely soak", None, None, (), ()),
    # answers to a question
    ("Husband asked if I'd been short of breath on the run. I had, badly.", None, None, ("breathless",), ()),
    ("GP asked if I had chest pain. Yes, on the hills.", None, None, ("chest_pain",), ()),
    ("the GP asked if I'd had chest pain. No.", None, None, (), ()),
    ("Husband asked if I'd been short of breath. I hadn't.", None, None, (), ()),
    ("GP asked: numbness, tingling, weakness? None of them.", None, None, (), ()),
    ("Fever gone? no, still 38.5.", None, None, ("fever",), ()),
    ("Fever gone? yes!", None, None, (), ()),
    ("is coughing blood normal? asking for my mate as he won't see a doctor", None, None, (), ()),
    ("Is chest pain normal after intervals? asking for a friend", None, None, ("chest_pain",), ()),
    ("Q: upper back sore? A: nope, all good today", False, None, (), ()),
    ("Is my upper back sore? thankfully not.", False, None, (), ()),
    ("Upper back sore? A: yes", True, None, (), ()),
    # time across sentences and within one
    ("On Friday I felt sick and sweaty with the pain, all checked. Upper back 6/10 today.", True, 6, (), ()),
    ("felt dizzy and sweaty with the pain today", None, None, ("sweating_or_nausea",), ()),
    ("Yesterday: fever 38.8. Today: 37.0, feeling human.", None, None, (), ()),
    ("Chest felt heavy yesterday. Still tight this morning.", None, None, ("chest_pain",), ()),
    ("Chest tight on Saturday. Sore again on Sunday, fine now.", None, None, (), ()),
    ("No chest pain. Tight again in the calves though", None, None, (), ()),
    ("no pain in my upper back till today", True, None, (), ()),
    ("no upper back pain, ran until tonight", False, None, (), ()),
    # a qualifier in the next sentence, said of "it"
    ("Rhomboids aching. Worse when I wake up.", True, None, (), ("worse_on_waking",)),
    ("Upper back sore. It gets worse at night.", True, None, (), ("night_or_rest",)),
    ("Upper back sore. Now it's sharp on every breath in.", True, None, (), ("sharp", "worse_on_deep_breath")),
    ("Upper back sore. It was a night run.", True, None, (), ()),
    ("Upper back sore. Calf worst when I wake up.", True, None, (), ()),
    ("upper back fine. worst when I wake up", False, None, (), ()),
]

# A read-only review of the fixes above found these, each wrong on the first version of them
REVIEW = [
    ("Spent the night in A&E with my dad's chest pain, legs tired today.", None, None, (), ()),
    ("Legs heavy, been up all night with my daughter's fever.", None, None, (), ()),
    ("The baby kept me up all night with her fever, easy 5k.", None, None, (), ()),
    ("Stayed with a runner with chest pain at mile 20 until the paramedics came.", None, None, (), ()),
    ("Chatted to a guy with a fever at the start line.", None, None, (), ()),
    ("Ran past a guy having chest pain at mile 20, scary.", None, None, (), ()),
    ("Physio asked if I'd had any numbness. I had to think about it, but no.", None, None, (), ()),
    ("Coach asked if I'd had a fever. I had my flu jab last week, nothing else.", None, None, (), ()),
    ("Wife asked if I'd been breathless. Yeah nah, all fine.", None, None, (), ()),
    ("Fever gone? Still a bit tired but temp normal now.", None, None, (), ()),
    ("Sarah's chest felt tight at parkrun on Saturday. Tight again today, she's booked the GP.", None, None, (), ()),
    ("Chest felt tight in the cold on Saturday. Still tight? Nope, all clear today.", None, None, (), ()),
    ("My chest felt tight on Saturday. Tight again today, calves mainly.", None, None, (), ()),
    ("Yesterday I felt sick, chest pain this morning.", None, None, ("chest_pain",), ()),
    ("Yesterday - chest pain on the run, still there now.", None, None, ("chest_pain",), ()),
    ("Yesterday: fever 38.8. Today: 38.6 and shivery.", None, None, ("fever",), ()),
    ("Temp 38.4 this morning so skipped the pool session.", None, None, ("fever",), ()),
    ("Chest tight on every hill, is that normal? Asking for my coach, she wants me to log it.", None, None,
     ("chest_pain",), ()),
    ("My physio sent me to A&E with chest pain.", None, None, ("chest_pain",), ()),
    ("My mate noticed me coughing up blood at the finish.", None, None, ("coughing_blood",), ()),
    ("Temp's 38.5 so no sea swim for me.", None, None, ("fever",), ()),
    ("No upper back pain till now, touch wood.", False, None, (), ()),
    ("Upper back a bit sore. It's not sharp though.", True, None, (), ()),
]


# A second review, of the first review's fixes: (text, red flags or None to skip, qualifiers or None to skip)
REVIEW_2 = [
    ('Up Ben Nevis in the clag and chest pain near the summit, had to stop. Upper back 5/10.', ('chest_pain',), None),
    ('Ben Lomond today and chest tight near the top. Upper back 4/10.', ('chest_pain',), None),
    ('Lee Valley parkrun and chest pain on the last lap 😬 upper back 4/10', ('chest_pain',), None),
    ('Felt like Mo Farah until the chest pain kicked in at 8k. Upper back 3/10.', ('chest_pain',), None),
    ('Kyle of Lochalsh 10k and breathless from the start, chest tight. Upper back 4/10.', ('breathless', 'chest_pain'), None),
    ("St James's Park loop with chest tightness and breathless the whole way. Upper back 4/10.", ('breathless', 'chest_pain'), None),
    ("Ran round St Mary's churchyard loop and chest pain on the hill. Upper back 3/10", ('chest_pain',), None),
    ("parkrun with Tom's wife and chest felt tight up the hill. upper back 3/10", ('chest_pain',), None),
    ('Ran past a man coughing up blood on the towpath, awful. Upper back 3/10.', (), None),
    ('Gave my jacket to a lady shivering with a fever at the finish. Upper back 2/10.', (), None),
    ('My daughter kept me up all night with a high temp so only a slow 5k. Upper back 2/10.', (), None),
    ('The kids woke me at 5 with fevers, shattered. Upper back 3/10.', (), None),
    ('My son woke me up coughing up blood, at A&E now, no run. Upper back fine.', (), None),
    ('My husband woke me at 2am with chest pain, we ended up in A&E. No run today. Upper back fine.', (), None),
    ("Physio asked if I'd been breathless on the hills. I was fine, just slow. Upper back 3/10.", (), None),
    ("GP asked if I'd had any numbness in my arms. It was a routine check. Upper back 3/10.", (), None),
    ("Coach asked if I'd had a temperature. I was a bit warm after the run, that's all.", (), None),
    ("Doc asked if I'd had chest pain. I had to laugh, all fine.", (), None),
    ('My chest felt tight on Saturday. Still sore today from the downhills.', (), None),
    ('Chest pain at the weekend. Back again today on the hills. Upper back 4/10.', ('chest_pain',), None),
    ('Any chest pain? Nah, all good. Upper back 2/10.', (), None),
    ('Any numbness in the arms? Not really no. Upper back 2/10.', (), None),
    ('Chest pain? Yeah nah.', (), None),
    ('Upper back tight 3/10. Sharp session on the track, 6x800 off 90s.', None, ()),
    ('Upper back niggly 2/10. Only sharp bit of the run was the hairpin at the cones.', None, ()),
    ('Upper back sore 3/10. It was a sharp, windy morning on the prom.', None, ()),
    ('Upper back sore 3/10. Even the sharp bends on the trail were fine.', None, ()),
    ("Upper back sore 4/10. It's fine when I breathe in though, just when I twist.", None, ()),
]
# A third review, of the second review's fixes (same shape as REVIEW_2)
REVIEW_3 = [
    ('Chest felt tight at the weekend. Back again at parkrun today, PB! upper back 2/10', (), None),
    ("Chest pain on Saturday, GP said it's muscular. It's back to training today, upper back 2/10.", (), None),
    ('Chest tight at the weekend. Back again tomorrow for intervals.', (), None),
    ('long run with the club lads breathless from 8k, upper back 4/10', ('breathless',), None),
    ('club run with a couple of the girls chest tight from the start. upper back 4/10', ('chest_pain',), None),
    ('easy 5k with my sister chest tight the whole way 😬 upper back 3/10', ('chest_pain',), None),
    ('ran with my brother breathless after the first hill. upper back 3/10', ('breathless',), None),
    ('Ran with my mate training for London and chest pain at 10k. Upper back 4/10.', ('chest_pain',), None),
    ('Jake also had chest pain at 10k so we walked it in.', (), None),
    ('Sarah suddenly felt breathless so we stopped.', (), None),
    ('Emma complaining of chest pain at the end, told her to see the GP.', (), None),
    ("Stopped at the St John's tent with chest pain at mile 22.", ('chest_pain',), None),
    ("Up Arthur's Seat and chest pain at the top, had to sit down.", ('chest_pain',), None),
    ("Along Regent's Canal and chest pain near King's Cross, walked home.", ('chest_pain',), None),
    ('Any chest pain? Nah, all good, just breathless on the hills.', ('breathless',), None),
    ("GP asked if I'd had chest pain. I did yeah, on the hills.", ('chest_pain',), None),
    ("Doc asked if I'd had chest pain. Honestly yes, twice on the run.", ('chest_pain',), None),
    ("Physio asked if I'd had any tingling or numbness in my arms. Yeah, a bit, not for long though.", ('numbness_or_weakness',), None),
    ("Physio asked if I'd had any numbness. Yes, left hand, ok now.", ('numbness_or_weakness',), None),
    ('Chest tight last week. Tight again today after the warm up.', ('chest_pain',), None),
    ('Chest pain on Tuesday. Back again today after the first hill 😟', ('chest_pain',), None),
    ('Chest tight yesterday. Again today on the hills.', ('chest_pain',), None),
    ('Chest pain? No idea, maybe just the cold.', ('chest_pain',), None),
    ('Upper back tight 2/10. Sharp as ever on the track, 400s in 70.', None, ()),
    ("Upper back sore. It's worst first thing, eases off by lunchtime.", None, ('worse_on_waking',)),
    ("Upper back sore. It's sharp when I breathe in, ok otherwise.", None, ('sharp', 'worse_on_deep_breath')),
    ('Upper back sore. Only when I first get up, then good.', None, ('worse_on_waking',)),
    ('Upper back sore. Really sharp when I breathe in.', None, ('sharp', 'worse_on_deep_breath')),
]
# A fourth review, of the third review's fixes (same shape as REVIEW_2)
REVIEW_4 = [
    ('Why am I so breathless on easy runs? No energy either.', ('breathless',), None),
    ("Coughing up blood after intervals, should I worry? No parkrun for me till I've seen the GP.", ('coughing_blood',), None),
    ('Chest pain again on the hills, is it my heart? No, probably just the cold.', ('chest_pain',), None),
    ("Sweaty and sick with chest pain at the end, heart attack? Nah, I'm 28.", ('chest_pain', 'sweating_or_nausea'), None),
    ('Left arm went numb at 8k, nerve thing? Not really sure what to make of it.', ('numbness_or_weakness',), None),
    ('Chest tight on every climb, asthma? Not at all sure, booked the GP.', ('chest_pain',), None),
    ('Temperature 38.6 this morning, should I still run? No chance, sofa day.', ('fever',), None),
    ('Felt faint and breathless at 5k, dehydrated? Nope, drank loads.', ('breathless',), None),
    ('Chest pain when I breathe in, pulled muscle? No, too sharp for that.', ('chest_pain',), None),
    ('Coughed up a bit of blood after the race, from the cold air? Nope, happened again at home.', ('coughing_blood',), None),
    ("Wife asked if I'd had chest pain. I nearly said yes but honestly no.", (), None),
    ("Doc asked if I'd coughed up blood. She wanted a yes or no, I said no.", (), None),
    ('Husband asked if I had a fever. Told him definitely not.', (), None),
    ('Chest was tight in the cold on Sunday. Again today, 10k, felt great.', (), None),
    ('Chest was tight in the cold on Monday. Back again today for intervals, no problems.', (), None),
    ("GP asked if I'd had chest pain. Honestly yes, not going to lie.", ('chest_pain',), None),
    ('Any chest pain today? Nope, just tired legs.', (), None),
    ('Chest pain on the run? None at all, just the legs.', (), None),
    ('Any chest pain today? No.', (), None),
    ("Upper back sore today. It's fine once warm, but sharp when I breathe in.", None, ("sharp", "worse_on_deep_breath")),
]
# A fifth, broad review (100 phrases not aimed at any rule: 1 better than before, 0 worse) found these
# missed by the reader before and after the change
BROAD = [
    ("10k tempo ✅ upper back sore, 4/10, pain spreading into my left shoulder and arm", ("radiating_pain",), None),
    ("Felt nauseous for the last 2k and upper back was screaming", ("sweating_or_nausea",), None),
    ("Struggling for breath at tempo pace today when it's usually easy.", ("breathless",), None),
    ("Couldn't lift my arm properly after the run, it just feels weak. Upper back sore", ("numbness_or_weakness",),
     None),
    ("Upper back sore and I've got a temperature today, ran anyway", ("fever",), None),
    ("Did the cardiologist appointment today about last month's chest pain, all clear 🎉 5k after", (), None),
    ("Woke up thinking I'd have a fever after yesterday's soaking but nope, felt fresh", (), None),
]
# A review of the last rules: a rule that gave an "and" clause yesterday's time lost today's warning signs
REVIEW_5 = [
    ('Rested yesterday and chest pain on the first hill, upper back sore too.', ('chest_pain',), None),
    ('Had Monday off and chest went tight on the first hill, upper back aching.', ('chest_pain',), None),
    ('Yesterday was a rest day and I felt crushing chest pain halfway round, upper back sore.', ('chest_pain',), None),
    ("Slept badly last night and couldn't catch my breath on the easy bits, upper back tight.", ('breathless',), None),
    ("Legs heavy from last week's long run and chest pain kicked in at 3k, upper back sore.", ('chest_pain',), None),
    ('Skipped the gym on Monday and chest tightness came on during the warm-up, back sore.', ('chest_pain',), None),
    ('Upper back sore, was fine on Saturday and got chest pain and sweating today.', ('chest_pain', 'sweating_or_nausea'), None),
    ('Upper back sore. Skipped breakfast yesterday and felt sick and sweaty with chest pain on the run.', ('chest_pain', 'sweating_or_nausea'), None),
    ('Upper back sore. Head over heels in love with this new route though.', (), None),
    ('Upper back sore, went head over heels for the new shoes.', (), None),
    ('Upper back sore. Dentist yesterday and spat out blood this morning, gums I think.', (), None),
    ('Upper back sore. Crowd was deafening, I was struggling for breath from laughing.', (), None),
    ('Upper back sore. The hill was brutal, couldnt breath at the top lol.', (), None),
    ('Spat out blood after coughing on the cold morning run, GP tomorrow', ('coughing_blood',), None),
    ('Couldnt breath properly on the hills today, like breathing through a straw', ('breathless',), None),
    ('Went arse over tit on the trail descent, knee and wrist throbbing.', ('after_fall',), None),
]
REVIEW_2_SORE = [
    ("No upper back pain so taking it easy till tonight's club run.", False),
    ("Upper back sore? Not again 😩", True),
]


@pytest.mark.parametrize(("text", "flags", "qualifiers"), REVIEW_2 + REVIEW_3 + REVIEW_4 + BROAD + REVIEW_5,
                         ids=[c[0] for c in REVIEW_2 + REVIEW_3 + REVIEW_4 + BROAD + REVIEW_5])
def test_second_review(text, flags, qualifiers):
    report = parse_soreness(text)
    if flags is not None:
        assert set(report.red_flags) == set(flags)
    if qualifiers is not None:
        assert set(report.qualifiers) == set(qualifiers)


@pytest.mark.parametrize(("text", "sore"), REVIEW_2_SORE, ids=[c[0] for c in REVIEW_2_SORE])
def test_second_review_soreness(text, sore):
    assert parse_soreness(text).sore is sore


@pytest.mark.parametrize(("text", "sore", "severity", "flags", "qualifiers"), CASES + REVIEW,
                         ids=[c[0] for c in CASES + REVIEW])
def test_context_variants(text, sore, severity, flags, qualifiers):
    report = parse_soreness(text)
    assert (report.sore, report.severity, set(report.red_flags), set(report.qualifiers)) == \
        (sore, severity, set(flags), set(qualifiers))
