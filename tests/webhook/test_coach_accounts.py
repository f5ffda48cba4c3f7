"""Coach accounts: accepting invitations, one account per verified address, one-time sign-in."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from webhook import store

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=timezone.utc)
TOKENS = {"access_token": "a", "refresh_token": "r", "expires_at": 2_000_000_000}


@pytest.fixture
def runners(db, cipher):
    for athlete_id, name in ((1, "Sam"), (2, "Alex")):
        store.save_athlete(db, {"id": athlete_id, "firstname": name}, TOKENS, "read", cipher, now=T0)


def invite(db, athlete_id, email="pat@coach.test"):
    coach = store.add_coach(db, "Pat", email=email, now=T0)
    return coach["id"], store.invite_coach(db, athlete_id, coach["id"], T0)


def test_a_second_invitation_joins_the_verified_account(db, runners):
    first, token = invite(db, 1)
    assert store.coach_for_sign_in(db, "pat@coach.test") is None  # not before accepting
    assert store.accept_invitation(db, token, T0) == (first, 1)
    assert store.coach_for_sign_in(db, "PAT@coach.test") == first

    second, token = invite(db, 2)
    assert second != first
    assert store.accept_invitation(db, token, T0) == (first, 2)
    assert sorted(r["id"] for r in store.runners_for(db, first)) == [1, 2]
    assert store.get_coach(db, second) is None  # the invitation's row folded into the account
    assert store.accept_invitation(db, token, T0) is None  # an invitation is accepted once


def test_a_removed_invitation_cannot_be_accepted(db, runners):
    coach_id, token = invite(db, 1)
    store.revoke(db, 1, coach_id, T0)
    assert store.accept_invitation(db, token, T0) is None
    assert not store.runner_shares_with(db, coach_id, 1)


def test_a_sign_in_nonce_works_once_for_its_coach(db, runners):
    coach_id, token = invite(db, 1)
    store.accept_invitation(db, token, T0)
    nonce = store.new_sign_in(db, coach_id, T0)
    assert not store.use_sign_in(db, nonce, coach_id + 1, T0)
    assert store.use_sign_in(db, nonce, coach_id, T0)
    assert not store.use_sign_in(db, nonce, coach_id, T0)


def test_settings_are_checked(db, runners):
    coach_id, _ = invite(db, 1)
    common = {"email": "pat@coach.test", "webhook_url": None, "slack_url": None, "digest_hour": 7, "quiet_hours": 24}
    with pytest.raises(ValueError, match="time zone"):
        store.update_settings(db, coach_id, timezone="Mars/Olympus", **common)
    with pytest.raises(ValueError, match="digest hour"):
        store.update_settings(db, coach_id, timezone="UTC", **{**common, "digest_hour": 24})
    with pytest.raises(ValueError, match="http"):
        store.update_settings(db, coach_id, timezone="UTC", **{**common, "webhook_url": "ftp://x"})
    store.update_settings(db, coach_id, timezone="Europe/London", **common)
    coach = store.get_coach(db, coach_id)
    assert (coach["timezone"], coach["digest_hour"], coach["quiet_hours"]) == ("Europe/London", 7, 24)
