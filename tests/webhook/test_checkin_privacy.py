"""A check-in is answered on Rhomboid's own page, not on Strava: like a private
note, it should count toward the advice without being quoted in a public note.

The store marks a check-in's answers ``private`` (webhook.processing), and the
note builder then treats its red flags and qualifiers as it treats a private
note's: they count, but a public note names none of them. The rating the runner
gave may be quoted, as a title tag's would be.
"""

from __future__ import annotations

from datetime import date

from insights.activities import activity_from_strava
from insights.assess import assess
from insights.history import SorenessEntry
from insights.soreness import SorenessReport


def test_a_warning_sign_ticked_in_a_check_in_is_not_named_in_a_public_note():
    run = activity_from_strava({
        "id": 1, "athlete": {"id": 2}, "name": "Run", "sport_type": "Run", "type": "Run",
        "start_date_local": "2026-11-16T07:00:00Z", "start_date": "2026-11-16T07:00:00Z",
        "distance": 8000.0, "moving_time": 2800, "elapsed_time": 2900, "visibility": "everyone",
    })
    checkin = SorenessEntry(date(2026, 11, 16), SorenessReport(sore=True, severity=6, red_flags=("chest_pain",)),
                            None, None, private=True)
    assessment = assess(run, [run], [checkin], me_url="https://rhomboid.test/me")
    assert "urgent_care" in assessment.advice  # it counts
    assert "chest" not in assessment.text.lower()  # but is not told to everyone
    assert assessment.text.startswith("Rhomboid has an urgent message for you today: https://rhomboid.test/me")
    assert "chest pain" in assessment.private_text and "emergency help now" in assessment.private_text


def test_a_check_in_on_an_only_me_activity_gets_the_full_urgent_note():
    run = _run(visibility="only_me")
    checkin = SorenessEntry(date(2026, 11, 16), SorenessReport(sore=True, red_flags=("fever",)), private=True)
    assessment = assess(run, [run], [checkin], me_url="https://rhomboid.test/me")
    assert "fever" in assessment.text and "see a doctor today" in assessment.text
    assert assessment.private_text is None


def test_a_check_in_rating_may_be_quoted_but_not_its_qualifiers():
    run = _run()
    checkin = SorenessEntry(date(2026, 11, 16),
                            SorenessReport(sore=True, severity=5, qualifiers=frozenset({"night_or_rest"})),
                            private=True)
    assessment = assess(run, [run], [checkin])
    assert "see_physio" in assessment.advice  # worse at night counts
    assert "5/10" in assessment.text  # the rating the runner gave is theirs to read
    assert "worse at night" not in assessment.text  # how it behaves at night was said privately
    assert "see a physio or GP about your upper back." in assessment.text  # nor that it was a check-in
    assert "private" not in assessment.text


def _run(visibility="everyone"):
    return activity_from_strava({
        "id": 1, "athlete": {"id": 2}, "name": "Run", "sport_type": "Run", "type": "Run",
        "start_date_local": "2026-11-16T07:00:00Z", "start_date": "2026-11-16T07:00:00Z",
        "distance": 8000.0, "moving_time": 2800, "elapsed_time": 2900, "visibility": visibility,
    })


def test_the_store_s_check_ins_reach_insights_as_private(db, cipher):
    from datetime import datetime, timezone

    from webhook import store
    from webhook.processing import _entries

    now = datetime(2026, 11, 16, 9, tzinfo=timezone.utc)
    store.save_athlete(db, {"id": 2, "firstname": "Ada"}, {"access_token": "a", "refresh_token": "r",
                                                           "expires_at": 2_000_000_000}, "read", cipher, now=now)
    run = _run()
    store.upsert_activity(db, 2, run, None, now)
    store.save_soreness(db, 2, day=run.day, source="title", sore=True, severity=3, activity_id=1, reported_at=now)
    store.save_soreness(db, 2, day=run.day, source="checkin", sore=True, red_flags=["fever"], reported_at=now)
    entries = _entries(db, 2, run.day, {1: run.start_local})
    assert [(e.activity_id, e.private) for e in entries] == [(1, False), (None, True)]
