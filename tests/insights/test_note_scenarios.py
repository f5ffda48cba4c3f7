"""Notes a runner reads twice: the cases of issue 9 as snapshots, each read as a runner and a physio would.

Snapshots live in ``snapshots/<case>.txt``; ``UPDATE_SNAPSHOTS=1`` rewrites them after a deliberate
change (then read the diff). Every snapshot is under 700 characters, says it is not medical advice
and never says "caused".
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from datetime import datetime, timedelta

from insights.assess import AthleteProfile, assess
from insights.history import SorenessEntry
from insights.soreness import SorenessReport, parse_soreness
from tests.insights.conftest import day, make_run
from tests.insights.test_assess import base_history, check_snapshot, tagged

TRAINING_CUES = ("warm up", "shoulders", "twice a week", "build back", "easy days", "next week", "long run")


def _urgent_note_has_no_training_cues(text: str) -> None:
    lowered = text.lower()
    for cue in TRAINING_CUES:
        assert cue not in lowered, cue


def test_everyday_words_for_chest_pain_get_emergency_help():
    runs = base_history()
    new = make_run(100, day(43), 6, hr=150, max_hr=182, name="Hill reps cut short",
                   description="crushing pain behind my breastbone on rep 3 and my left arm ached, walked home")
    a = assess(new, runs + [new], [])
    assert a.advice == ["urgent_care"] and a.urgency == "emergency"
    assert set(a.soreness.today.red_flags) == {"chest_pain", "radiating_pain"}
    assert "emergency help now" in a.text and "emergency number" in a.text
    _urgent_note_has_no_training_cues(a.text)
    check_snapshot("red_flags_everyday_emergency", a.text)


def test_weight_loss_and_night_sweats_mean_a_doctor_today_not_an_ambulance():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy 8",
                   description="lost 4 kg without trying and night sweats most nights, upper back sore again")
    a = assess(new, runs + [new], [])
    assert a.advice == ["urgent_care"] and a.urgency == "doctor_today"
    assert "see a doctor today" in a.text and "emergency help now" not in a.text
    _urgent_note_has_no_training_cues(a.text)
    check_snapshot("red_flags_everyday_doctor_today", a.text)


def test_a_denied_red_flag_list_is_no_alarm():
    runs = base_history()
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy 8",
                   description="No chest pain or arm tingling, no numbness, tingling or fever. Upper back sore 3/10")
    a = assess(new, runs + [new], tagged(runs))
    assert a.soreness.today.red_flags == () and "urgent_care" not in a.advice
    assert "Upper back sore today (3/10)" in a.text and "3/10 and not rising, running may go on" in a.text
    check_snapshot("red_flags_denied", a.text)


def test_feeling_sick_after_gels_is_no_red_flag():
    runs = base_history()
    new = make_run(100, day(43), 16.5, hr=146, max_hr=182, name="Long run",
                   description="Felt a bit sick after the gels at 25k. Upper back a bit tight at the end")
    a = assess(new, runs + [new], tagged(runs))
    assert a.soreness.today.red_flags == () and a.advice[0] == "reduce_load"
    assert "sick" not in a.text and "/10" not in a.text  # the runner gave no number
    check_snapshot("nausea_after_gels", a.text)


def test_past_soreness_is_not_todays():
    runs = base_history()
    new = make_run(100, day(43), 16.5, hr=146, max_hr=182, name="Long run",
                   description="Upper back sore yesterday, fine today. Was sore last week too.")
    a = assess(new, runs + [new], tagged(runs))
    assert a.soreness.today.sore is False
    assert "sore today" not in a.text and "physio" not in a.text.lower()
    check_snapshot("past_soreness", a.text)


def test_a_borrowed_rpe_is_not_a_severity():
    runs = base_history()
    new = make_run(100, day(43), 8, minutes=38, hr=171, max_hr=184, name="Tempo",
                   description="RPE 8/10, 10/10 effort on the last rep. Upper back mild")
    a = assess(new, runs + [new], tagged(runs))
    assert a.soreness.today.severity == 3
    assert "see_physio" not in a.advice and "8/10" not in a.text and "10/10" not in a.text
    assert "Upper back sore today (3/10)" in a.text
    check_snapshot("borrowed_rpe", a.text)


def _acwr_only_history():
    """Four quiet weeks, then a steady but fuller fortnight: ACWR above 1.3, no spike flag."""
    runs, n = [], 0
    for w in range(6):
        for offset, km in ((1, 3), (3, 3), (6, 5)) if w < 4 else ((0, 8), (1, 8), (2, 8), (4, 8), (5, 8), (6, 8)):
            n += 1
            runs.append(make_run(n, day(w * 7 + offset), km, hr=142, max_hr=182))
    return runs


def test_acwr_alone_is_context_not_a_reason_to_post():
    runs = _acwr_only_history()
    new = make_run(100, day(42), 8, hr=142, max_hr=182)
    a = assess(new, runs + [new], [])
    assert "acwr_high" in a.flags and not {"long_run_spike", "week_spike", "intensity_spike"} & set(a.flags)
    assert a.outcome == "skipped"
    always = assess(new, runs + [new], [], AthleteProfile(note_mode="always"))
    assert "reduce_load" not in always.advice and "rest days" not in always.text
    assert "context, not a verdict" in always.text
    check_snapshot("acwr_alone", always.text)


def test_a_taper_week_then_a_normal_week_aims_for_the_usual_week():
    runs, n = [], 0
    for w in range(6):  # 35 km weeks, a 14 km taper week (days 28-34), then a normal week again
        plan = ((1, 8), (3, 6), (4, 8), (6, 13)) if w != 4 else ((1, 5), (3, 4), (6, 5))
        for offset, km in plan:
            n += 1
            runs.append(make_run(n, day(w * 7 + offset), km, hr=142, max_hr=182))
    new = replace(runs.pop(), id=300, name="Long run #upperback 2")
    a = assess(new, runs + [new], [])
    assert "week_spike" in a.flags and (a.metrics.week_km, a.metrics.prev_week_km) == (35.0, 14.0)
    # around the usual week (the 4-week average), never the short taper week
    assert "next week around 29.8 km, your 4-week average" in a.text
    assert "under 14.0 km" not in a.text
    check_snapshot("taper_then_normal_week", a.text)


def test_a_race_gets_recovery_not_a_telling_off():
    runs = base_history()
    race = replace(make_run(100, day(42), 21.1, minutes=100, hr=168, max_hr=184, name="Half marathon PB!",
                            description="Upper back tight from 15k, #upperback 4"), workout_type=1)
    a = assess(race, runs + [race], tagged(runs))
    assert "long_run_spike" in a.flags and "reduce_load" not in a.advice and "recovery" in a.advice
    assert "jump" not in a.text and "After a race: easy days" in a.text
    assert "This race: 21.1 km" in a.text and "after the race" in a.text
    check_snapshot("race", a.text)


def test_a_comeback_after_five_weeks_starts_near_half_the_usual_week():
    runs = base_history(6)  # 35 km weeks up to day 41
    new = make_run(100, day(41 + 36), 6, hr=142, max_hr=182, name="First run back #upperback 2")
    a = assess(new, runs + [new], [])
    assert "Back after 5 weeks off: start near 17.5 km a week (half your 35.0 km before the break)" in a.text
    assert "3–6 weeks" in a.text
    check_snapshot("comeback_after_five_weeks", a.text)


def test_sore_every_day_for_three_weeks_is_not_the_same_note_nineteen_times():
    runs = base_history(4)
    entries = tagged(runs)
    texts = []
    for k in range(21):
        d = day(28 + k)
        severity = (3, 4, 4, 5, 4, 3, 4)[k % 7]
        new = make_run(500 + k, d, 6 if k % 7 else 10, hr=142, max_hr=182, name=f"Easy #upperback {severity}")
        runs = runs + [new]
        a = assess(new, runs, entries)
        entries.append(SorenessEntry(d, a.soreness.today, new.id, new.start_local))
        texts.append(a.text)
    later = texts[2:]  # 19 notes
    assert all(a != b for a, b in zip(later, later[1:])), "two days running with the same note"
    bullets = {line for text in later for line in text.splitlines() if line.startswith("• ")}
    assert len(bullets) >= 6, "the same few cues every day"
    assert all("see a physio or GP" in t for t in texts[6:])
    check_snapshot("sore_every_day_day_19", texts[18])
    check_snapshot("sore_every_day_day_20", texts[19])


def test_after_an_urgent_note_later_notes_open_with_a_check_line():
    runs = base_history()
    urgent_day = day(40)
    new = make_run(100, day(43), 16.5, hr=146, max_hr=182, name="Long run #upperback 3")
    a = assess(new, runs + [new], tagged(runs), urgent_at=[datetime.combine(urgent_day, datetime.min.time())])
    assert a.text.splitlines()[0] == ("Rhomboid sent you an urgent message on Saturday: please make sure you have "
                                      "been checked before you train hard.")
    check_snapshot("after_urgent_note", a.text)
    eight_days = assess(new, runs + [new], tagged(runs),
                        urgent_at=[datetime.combine(day(43) - timedelta(days=8), datetime.min.time())])
    assert "urgent message" not in eight_days.text


def test_a_public_activity_gets_only_a_pointer_to_a_private_red_flag():
    runs = base_history()
    new = replace(make_run(100, day(43), 8, hr=141, max_hr=182, name="Easy 8k",
                           private_note="heavy chest on the climb, dizzy"), visibility="followers_only")
    a = assess(new, runs + [new], [], me_url="https://rhomboid.example/me")
    assert a.text.startswith("Rhomboid has an urgent message for you today: https://rhomboid.example/me")
    assert "chest" not in a.text.lower() and "private" not in a.text.lower()
    check_snapshot("red_flag_private_public_activity", a.text)


def test_sore_on_7_of_14_days_sends_to_a_physio_even_on_an_untagged_run():
    runs = base_history()
    entries = [SorenessEntry(day(30 + k), parse_soreness("#upperback 3"), None,
                             datetime.combine(day(30 + k), datetime.min.time()) + timedelta(hours=20))
               for k in range(0, 14, 2)]  # 7 check-ins over the last 14 days
    new = make_run(100, day(43), 8, hr=141, max_hr=182)  # no tag today
    a = assess(new, runs + [new], entries)
    assert a.soreness.today.sore is None
    assert "sore_7_of_14" in a.soreness.physio_reasons and a.advice[0] == "see_physio"
    assert "sore on 7 of the last 14 days" in a.text


def test_no_association_is_claimed_without_enough_answers_after_spikes():
    runs = base_history()
    entries = [SorenessEntry(day(d), SorenessReport(True, 4)) for d in (17, 24, 31)]
    entries += [SorenessEntry(day(d), SorenessReport(False, 0)) for d in (19, 26, 33)]
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name="#upperback 3")
    a = assess(new, runs + [new], entries)
    # the counts are kept for the record, but 0 answered days after a spike claim nothing
    assert a.association is not None and a.association.sore_after_spike + a.association.fine_after_spike == 0
    assert not a.association.claimed
    assert "associated" not in a.text and "jump" not in a.text


def test_a_check_in_link_after_a_spike_with_no_report():
    runs = base_history()
    new = make_run(100, day(43), 16.5, hr=146, max_hr=182, name="Long run")
    a = assess(new, runs + [new], [], checkin_url="https://rhomboid.example/checkin/abc")
    assert "How is your upper back? https://rhomboid.example/checkin/abc" in a.text
    tagged_run = replace(new, name="Long run #upperback 2")
    assert "How is your upper back?" not in assess(tagged_run, runs + [tagged_run], [],
                                                   checkin_url="https://rhomboid.example/checkin/abc").text


def test_a_ride_gets_a_note_for_its_own_soreness_without_running_load_advice():
    runs = base_history()
    ride = make_run(100, day(43), 80, sport="Ride", minutes=180, hr=140, max_hr=182,
                    name="Long ride", description="upper back sore 4/10 after 3 hours on the bars")
    a = assess(ride, runs, [])
    assert a.outcome == "noted" and a.flags == ()
    assert "reduce_load" not in a.advice and "This week" not in a.text and "next week" not in a.text
    assert "Upper back sore today (4/10)" in a.text


@pytest.mark.parametrize(("titles", "why"), [
    (["#upperback 8"], "rated 8/10"),
    (["#upperback 2", "#upperback 4", "#upperback 6"], "getting worse over your last 3 reports"),
])
def test_seven_out_of_ten_or_rising_means_stop_and_get_assessed(titles, why):
    runs = base_history()
    entries = []
    for k, title in enumerate(titles[:-1]):
        run = runs[-2 + k]
        entries.append(SorenessEntry(run.day, parse_soreness(title), run.id, run.start_local))
    new = make_run(100, day(43), 8, hr=141, max_hr=182, name=titles[-1])
    a = assess(new, runs + [new], entries)
    assert a.advice[0] == "see_physio"
    assert "Please stop running and see a physio or GP: " in a.text and why in a.text
    assert "running may go on" not in a.text and "shorter, easier" not in a.text
    assert set(a.advice) <= {"see_physio", "recovery", "desk"}  # no running cues beside "stop"
