"""The soreness grammar, as runners actually type it into Strava."""

from __future__ import annotations

from datetime import date

import pytest

from insights.block import BLOCK_END, with_block
from insights.soreness import (
    NO_REPORT,
    QUALIFIERS,
    RED_FLAG_LABELS,
    RED_FLAGS,
    SEVERITY_WORDS,
    SorenessReport,
    activity_soreness,
    combine_reports,
    parse_soreness,
)
from tests.insights.conftest import make_run

N = None  # no report / no severity, to keep the table readable

# (text, sore, severity, qualifiers, red_flags)
CASES = [
    # tags, with and without a severity
    ("Easy 8k #upperback", True, N, set(), ()),
    ("Tempo 3x2k #upperback 6", True, 6, set(), ()),
    ("Long run #upperback 6/10", True, 6, set(), ()),
    ("Hills #upperback:6", True, 6, set(), ()),
    ("Intervals #upperback=4", True, 4, set(), ()),
    ("Recovery jog #UBP7", True, 7, set(), ()),
    ("#ubp 3 - legs fresh", True, 3, set(), ()),
    ("#UpperBackSore today", True, N, set(), ()),
    ("#upperbackpain again 😩", True, N, set(), ()),
    ("#upperback 0", False, 0, set(), ()),
    ("#upperback 0/10, finally!", False, 0, set(), ()),
    ("#upperback 10/10 agony", True, 10, set(), ()),
    ("#upperback 6.5/10", True, 7, set(), ()),
    ("#upperback 12km steady", True, N, set(), ()),
    ("#upperback 5k parkrun", True, N, set(), ()),
    ("#upperback mild", True, 3, set(), ()),
    ("#upperbacks", N, N, set(), ()),
    ("#upperbackday at the gym, then a shakeout", N, N, set(), ()),
    ("#upperback fine today", False, N, set(), ()),
    # plain words, either order, with severity words and N/10
    ("Sore upper back from the first km", True, N, set(), ()),
    ("Upper back was sore after the long run", True, N, set(), ()),
    ("my traps are tight", True, N, set(), ()),
    ("Nagging ache between the shoulder blades", True, N, set(), ()),
    ("Mild ache between my shoulder blades", True, 3, set(), ()),
    ("upper-back a bit stiff", True, N, set(), ()),  # "a bit" is no number the runner gave
    ("Thoracic spine pretty stiff this morning", True, N, set(), ()),
    ("Left rhomboid twinge on the climbs", True, N, set(), ()),
    ("Rhomboids really tight", True, N, set(), ()),  # intensifiers give no number
    ("Upper back really bad today", True, N, set(), ()),
    ("upper back pain 7/10", True, 7, set(), ()),
    ("Upper back: 4/10, better than yesterday", True, 4, set(), ()),
    ("upper back, about 5 out of 10", True, 5, set(), ()),
    ("Upper back tightness, moderate", True, 5, set(), ()),
    ("upper back not too sore today", True, N, set(), ()),
    ("Upper back fine but a bit tight", True, N, set(), ()),
    ("Sore legs and upper back", True, N, set(), ()),
    ("upper back and neck tight after the hills", True, N, set(), ()),
    ("Everything fine except my upper back", True, N, set(), ()),
    ("Upper back 😣 tight 6/10", True, 6, set(), ()),
    ("no pain just tightness in the upper back", True, N, set(), ()),
    # a rating alone in the next sentence rates an unrated sore upper back, and nothing else
    ("Upper back stiff, worse when I wake up. 3/10", True, 3, {"worse_on_waking"}, ()),
    ("#upperback... 6.5/10", True, 7, set(), ()),
    ("Upper back sore 6/10. 3/10", True, 6, set(), ()),
    ("Upper back fine. 3/10", False, N, set(), ()),
    ("Calves sore. 3/10", N, N, set(), ()),
    ("Upper back stiff. Legs 3/10", True, N, set(), ()),
    # explicit "no"
    ("No upper back pain today!", False, N, set(), ()),
    ("Upper back fine.", False, N, set(), ()),
    ("upper back felt great", False, N, set(), ()),
    ("No soreness in my upper back at all", False, N, set(), ()),
    ("Upper back didn't hurt once", False, N, set(), ()),
    ("Pain-free upper back 🙌", False, N, set(), ()),
    ("upper back pain 0/10", False, 0, set(), ()),
    ("Upper back soreness gone", False, N, set(), ()),
    ("upper back 👍", False, N, set(), ()),
    ("Calves tight, upper back ok", False, N, set(), ()),
    # scoped negation
    ("No rain, upper back sore", True, N, set(), ()),
    ("No watch today but upper back sore", True, N, set(), ()),
    # not a report at all
    ("Morning Run", N, N, set(), ()),
    ("Came back with sore legs", N, N, set(), ()),
    ("Back-to-back long runs, legs sore", N, N, set(), ()),
    ("Out and back along the hard shoulder", N, N, set(), ()),
    ("Lower back sore after the hills", N, N, set(), ()),
    ("Felt good to be back on the trails", N, N, set(), ()),
    ("Back home before the rain, quads sore", N, N, set(), ()),
    ("Ran on the shoulder of the road, no pavement", N, N, set(), ()),
    ("Upper back stretches after, felt nice", N, N, set(), ()),
    ("upper back better", N, N, set(), ()),
    ("Sore everywhere 😂", N, N, set(), ()),
    ("Rhomboid note said rest, so easy 5k", N, N, set(), ()),
    # qualifiers
    ("Upper back sore, worse on waking", True, N, {"worse_on_waking"}, ()),
    ("Stiff between the shoulder blades first thing in the morning", True, N, {"worse_on_waking"}, ()),
    ("Sharp pain between my shoulder blades when I breathe in deeply", True, N,
     {"sharp", "worse_on_deep_breath"}, ()),
    ("#upperback 5. Hurts to take a deep breath", True, 5, {"worse_on_deep_breath"}, ()),
    ("Stabbing twinge in my left trap", True, N, {"sharp"}, ()),
    ("Upper back aches at night; rest doesn't help", True, N, {"night_or_rest", "not_eased_by_rest"}, ()),
    ("Upper back pain wakes me up", True, N, {"night_or_rest"}, ()),
    ("Still sore between the shoulder blades after 3 days off", True, N, {"not_eased_by_rest"}, ()),
    ("Night run, upper back sore", True, N, set(), ()),
    ("Upper back fine, calves sore in the morning", False, N, set(), ()),
    # red flags, with or without an upper-back report
    ("Chest tight and short of breath on the climb", N, N, set(), ("chest_pain", "breathless")),
    ("Upper back sore and chest pain on the hill", True, N, set(), ("chest_pain",)),
    ("Pressure in my chest at 5k, stopped", N, N, set(), ("chest_pain",)),
    ("Breathless", N, N, set(), ("breathless",)),
    ("Couldn't catch my breath after the warm up", N, N, set(), ("breathless",)),
    ("Out of breath even at rest afterwards", N, N, set(), ("breathless",)),
    ("Upper back pain spreading into my left arm", True, N, set(), ("radiating_pain",)),
    ("Ache between the shoulder blades going up into my jaw", True, N, set(), ("radiating_pain",)),
    ("Felt sick with the pain and broke out in a cold sweat", N, N, set(), ("sweating_or_nausea",)),
    ("Coughed up some blood after the tempo", N, N, set(), ("coughing_blood",)),
    ("Tingling in my right hand, upper back tight", True, N, set(), ("numbness_or_weakness",)),
    ("Pins and needles down my arm", N, N, set(), ("numbness_or_weakness",)),
    ("Feverish and achy, upper back sore", True, N, set(), ("fever",)),
    ("Tripped over a root, upper back sore since", True, N, set(), ("after_fall",)),
    ("Slipped on ice and landed on my back, sore", N, N, set(), ("after_fall",)),
    ("upper back pain after I fell", True, N, set(), ("after_fall",)),
    ("Upper back sore since I fell on Sunday", True, N, set(), ("after_fall",)),
    ("Upper back hurts after falling on the trail", True, N, set(), ("after_fall",)),
    ("fell this morning and now my upper back hurts", True, N, set(), ("after_fall",)),
    ("I fell. Upper back sore.", True, N, set(), ("after_fall",)),
    ("slipped on ice, upper back pain", True, N, set(), ("after_fall",)),
    ("came off my bike, back hurts", N, N, set(), ("after_fall",)),
    ("Since falling off my bike my upper back aches", True, N, set(), ("after_fall",)),
    ("Lost 5kg without trying this month", N, N, set(), ("weight_loss",)),
    ("Chest pain, tingling fingers, feverish", N, N, set(),
     ("chest_pain", "numbness_or_weakness", "fever")),
    # negated or harmless red-flag words
    ("No chest pain, upper back sore", True, N, set(), ()),
    ("No chest pain or shortness of breath, just upper back tightness", True, N, set(), ()),
    ("Chest fine, breathing fine, upper back 3/10", True, 3, set(), ()),
    ("No numbness or tingling", N, N, set(), ()),
    ("No fever just chest tightness", N, N, set(), ("chest_pain",)),
    ("Out of breath on the hill sprints, legs dead", N, N, set(), ()),
    ("Numb fingers from the cold, gloves next time", N, N, set(), ()),
    ("Hay fever is killing me", N, N, set(), ()),
    ("Tripped over a root but all good", N, N, set(), ()),
    ("Nearly fell on the ice, upper back ok", False, N, set(), ()),
    ("Tempo run, warm-up 2k, arms relaxed", N, N, set(), ()),
    ("Chest strap kept slipping", N, N, set(), ()),
    ("Sweating buckets in the heat", N, N, set(), ()),
    ("Fell race in the Lakes, quads sore", N, N, set(), ()),
    ("since I fell", N, N, set(), ()),  # a fall without pain is no red flag
    ("Pace fell off in the last 5k, upper back sore", True, N, set(), ()),
    ("my pace fell, upper back sore", True, N, set(), ()),
    ("My pace fell off a cliff, upper back tight", True, N, set(), ()),
    ("Fell asleep on the sofa, upper back stiff", True, N, set(), ()),
    ("I fell asleep at my desk and woke with a sore upper back", True, N, set(), ()),
    ("Fell behind the group on the climb, upper back sore", True, N, set(), ()),
    ("Heart rate fell nicely on the recovery, upper back tight", True, N, set(), ()),
    ("The rain fell hard all morning, upper back sore", True, N, set(), ()),
    ("Trying to lose weight for the marathon", N, N, set(), ()),
    # the design's examples of a careful reading (ConText for runners)
    ("no chest pain or arm tingling", N, N, set(), ()),
    ("no numbness, tingling or fever", N, N, set(), ()),
    ("Chest pain no.", N, N, set(), ()),
    ("Chest pain? No. Upper back 3/10", True, 3, set(), ()),
    ("Upper back sore? Nope.", False, N, set(), ()),
    ("Upper back sore? Yes, a bit.", True, N, set(), ()),
    ("Upper back sore. No idea why", True, N, set(), ()),
    ("no chest pain but short of breath", N, N, set(), ("breathless",)),
    ("upper back sore yesterday, fine today", False, N, set(), ()),
    ("was sore last week, now fine", N, N, set(), ()),
    ("upper back was sore last week, now fine", False, N, set(), ()),
    ("upper back pain in 2023, none since", False, N, set(), ()),
    ("hope my upper back holds up on Sunday", N, N, set(), ()),
    ("upper back sore again today", True, N, set(), ()),
    ("upper back was sore on Sunday but fine today", False, N, set(), ()),
    ("upper back was sore on Sunday but legs fine today", N, N, set(), ()),
    ("upper back: sore. severity 6/10", True, 6, set(), ()),
    ("upper back still sore", True, N, set(), ()),
    ("my friend had chest pain", N, N, set(), ()),
    ("RPE 8/10, upper back mild", True, 3, set(), ()),
    ("10/10 effort, upper back sore", True, N, set(), ()),
    ("upper back 4/10 RPE 6", True, 4, set(), ()),
    ("fever dream of a race, upper back fine", False, N, set(), ()),
    ("5/10 intervals, traps tight", True, N, set(), ()),
    ("6x800, #upperback", True, N, set(), ()),
    ("rhomboids achy 4/10", True, 4, set(), ()),
    ("upper back killing me", True, N, set(), ()),
    ("crushing pain behind my breastbone", N, N, set(), ("chest_pain",)),
    ("tight band across my chest", N, N, set(), ("chest_pain",)),
    ("heavy chest on the climb", N, N, set(), ("chest_pain",)),
    ("my left arm ached", N, N, set(), ("radiating_pain",)),
    ("gasping for air even walking", N, N, set(), ("breathless",)),
    ("dizzy and sweaty with the pain between my shoulder blades", True, N, set(), ("sweating_or_nausea",)),
    ("threw up with the pain", N, N, set(), ("sweating_or_nausea",)),
    ("lost 4 kg without trying", N, N, set(), ("weight_loss",)),
    ("night sweats this week", N, N, set(), ("fever",)),
    ("a car clipped me, upper back sore", True, N, set(), ("after_fall",)),
    ("Felt a bit sick after the gels", N, N, set(), ()),
    ("Threw up after the 400s", N, N, set(), ()),
    ("Marathon fever is real", N, N, set(), ()),
    ("breathless views from the top", N, N, set(), ()),
    ("chest day at the gym, upper back tight", True, N, set(), ()),
    ("pain between my sholder blades", True, N, set(), ()),
    ("uper back sore", True, N, set(), ()),
    ("rhomboid sore", True, N, set(), ()),
    # runners' words that only sound like red flags
    ("knocked off 2 minutes from my PB, upper back a bit sore", True, N, set(), ()),
    ("went flying past everyone on the downhill, upper back tight", True, N, set(), ()),
    ("wiped out after that session, upper back sore", True, N, set(), ()),
    ("numb bum from the bike, upper back tight", True, N, set(), ()),
    ("went flying over a root, upper back sore", True, N, set(), ("after_fall",)),
    ("got knocked over by a dog, sore between the shoulder blades", True, N, set(), ("after_fall",)),
]


@pytest.mark.parametrize(("text", "sore", "severity", "qualifiers", "red_flags"), CASES)
def test_parse_soreness(text, sore, severity, qualifiers, red_flags):
    report = parse_soreness(text)
    assert (report.sore, report.severity, set(report.qualifiers), report.red_flags) == (
        sore, severity, qualifiers, red_flags)


def test_table_is_big_and_covers_every_code():
    assert len(CASES) >= 60
    assert {q for case in CASES for q in case[3]} == set(QUALIFIERS)
    assert {f for case in CASES for f in case[4]} == set(RED_FLAGS)


@pytest.mark.parametrize("text", [None, "", "   ", "\n"])
def test_empty_text_is_no_report(text):
    assert parse_soreness(text) == NO_REPORT
    assert not NO_REPORT.reported


def test_contract_constants():
    assert SEVERITY_WORDS == {"mild": 3, "moderate": 5, "severe": 8}
    assert set(RED_FLAG_LABELS) == set(RED_FLAGS)
    assert RED_FLAG_LABELS["chest_pain"] == "chest pain, pressure or tightness"


def test_reported_means_something_was_said():
    assert SorenessReport(sore=True).reported
    assert SorenessReport(sore=False).reported
    assert not SorenessReport(sore=None, red_flags=("fever",)).reported


def test_severity_outside_0_to_10_is_refused():
    with pytest.raises(ValueError):
        SorenessReport(sore=True, severity=11)


def test_text_is_read_across_sentences_and_the_highest_sore_severity_wins():
    text = "Upper back mild in the first half. By the end upper back 7/10. #upperback 0"
    assert parse_soreness(text) == SorenessReport(sore=True, severity=7)


class TestCombineReports:
    def test_any_sore_wins_with_the_highest_severity(self):
        combined = combine_reports([
            SorenessReport(False, 0), SorenessReport(True, 3), SorenessReport(True, None), SorenessReport(None),
        ])
        assert (combined.sore, combined.severity) == (True, 3)

    def test_explicit_no_keeps_zero_only_when_given(self):
        assert combine_reports([SorenessReport(False), NO_REPORT]) == SorenessReport(False)
        assert combine_reports([SorenessReport(False), SorenessReport(False, 0)]) == SorenessReport(False, 0)

    def test_nothing_said_is_no_report(self):
        assert combine_reports([]) == NO_REPORT
        assert combine_reports([NO_REPORT, NO_REPORT]) == NO_REPORT

    def test_qualifiers_and_red_flags_are_unioned_in_canonical_order(self):
        combined = combine_reports([
            SorenessReport(None, red_flags=("fever",), qualifiers=frozenset({"sharp"})),
            SorenessReport(True, 4, red_flags=("weight_loss", "chest_pain", "fever")),
        ])
        assert combined.red_flags == ("chest_pain", "fever", "weight_loss")
        assert combined.qualifiers == {"sharp"}

    def test_a_note_can_add_detail_to_a_tag_in_the_title(self):
        combined = combine_reports([parse_soreness("#upperback 5"), parse_soreness("Worse on waking")])
        assert combined == SorenessReport(True, 5, frozenset({"worse_on_waking"}))


class TestActivitySoreness:
    def run(self, **text):
        return make_run(1, date(2026, 6, 1), 10.0, **text)

    def test_reads_title_description_and_private_note(self):
        activity = self.run(name="Easy 10k #upperback 3", description="Upper back 5/10 by the end.",
                            private_note="Chest felt tight on the hill")
        assert activity_soreness(activity) == SorenessReport(True, 5, red_flags=("chest_pain",))

    def test_the_private_note_alone_counts(self):
        activity = self.run(private_note="sore between the shoulder blades, worse at night")
        assert activity_soreness(activity) == SorenessReport(True, None, frozenset({"night_or_rest"}))

    def test_ignores_our_own_note_block(self):
        note = ("Upper back soreness 3 days running: see a physio. If you have chest pain, shortness of "
                "breath, numbness or pain spreading to the arm, get urgent help. Chest opener, thoracic "
                "mobility, upper back is sore? Warm up first. #upperback 8")
        description = with_block("Lovely loop, legs fresh.", note)
        assert "chest pain" in description and "upper back" in description.lower()
        assert parse_soreness(description).red_flags  # the block alone would fool the parser
        assert activity_soreness(self.run(description=description)) == NO_REPORT

    def test_runner_text_around_our_block_still_counts(self):
        description = with_block("Upper back 4/10 today.", "Upper back fine? Chest pain? Get help.")
        assert activity_soreness(self.run(description=description)) == SorenessReport(True, 4)

    def test_a_pasted_old_note_is_not_read_as_the_runners_words(self):
        old = with_block("", "You mentioned: chest pain, pressure or tightness. Upper back sore today (6/10).")
        description = with_block(f"Copied from last week:\n{old}\nEasy one today.", "Warm up first.")
        assert activity_soreness(self.run(description=description)) == NO_REPORT
        broken = with_block("Easy", "Upper back sore today (6/10).\nNot medical advice.").replace(BLOCK_END, "")
        assert activity_soreness(self.run(description=f"{broken}\nlegs fine")) == NO_REPORT

    def test_untagged_run_is_unknown(self):
        assert activity_soreness(self.run()) == NO_REPORT
