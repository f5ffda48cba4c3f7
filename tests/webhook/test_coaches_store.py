"""The store's coaches, coach links (invite, consent, revoke) and outbox rows."""

from datetime import datetime, timezone

import pytest

from webhook import store

SAM = 1001
ALEX = 1002
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
T0 = int(NOW.timestamp())
TOKENS = {"access_token": "a", "refresh_token": "r", "expires_at": T0 + 21600}


@pytest.fixture
def runners(db, cipher):
    for athlete_id, name in ((SAM, "Sam"), (ALEX, "Alex")):
        store.save_athlete(db, {"id": athlete_id, "firstname": name}, TOKENS, "read", cipher, now=NOW)


@pytest.fixture
def pat(db):
    return store.add_coach(db, "Pat Coach", email="pat@example.com", webhook_url="https://hooks.example.com/p", now=NOW)


def outbox_row(athlete_id, coach_id, key, level="urgent", channel="email"):
    return {
        "athlete_id": athlete_id, "coach_id": coach_id, "channel": channel, "level": level,
        "subject": "s", "body": "b", "payload": {"id": key}, "dedup_key": key,
    }


# -- coaches -----------------------------------------------------------------------


def test_add_coach_stores_channels(db):
    coach = store.add_coach(db, " Pat ", email="pat@example.com", slack_url="https://hooks.slack.com/services/x", now=T0)
    assert coach == {
        "id": coach["id"], "name": "Pat", "email": "pat@example.com", "webhook_url": None,
        "slack_url": "https://hooks.slack.com/services/x", "created_at": T0, "verified_at": None,
        "timezone": "UTC", "digest_hour": 18, "quiet_hours": 12, "signing_secret": coach["signing_secret"],
    }
    assert coach["signing_secret"].startswith("whsec_")  # each coach's own Standard Webhooks secret
    assert store.get_coach(db, coach["id"]) == coach


@pytest.mark.parametrize(
    "channels",
    [{"email": "not-an-address"}, {"email": "a@b.c\r\nBcc: x@y.z"}, {"webhook_url": "ftp://x"}, {"slack_url": "hooks.slack.com"}],
)
def test_add_coach_rejects_bad_addresses(db, channels):
    with pytest.raises(ValueError, match="coach"):
        store.add_coach(db, "Pat", now=NOW, **channels)


def test_the_same_email_makes_separate_coaches(db):
    # merging by email would let one runner redirect another runner's alerts
    first = store.add_coach(db, "Pat", email="pat@example.com", now=NOW)
    second = store.add_coach(db, "Pat", email="pat@example.com", webhook_url="https://evil.example.com", now=NOW)
    assert first["id"] != second["id"]
    assert store.get_coach(db, first["id"])["webhook_url"] is None


# -- invite, consent, revoke ---------------------------------------------------------


def test_an_invited_coach_sees_nothing_until_the_runner_consents(db, runners, pat):
    token = store.invite_coach(db, SAM, pat["id"], now=NOW)
    assert len(token) >= 32
    assert store.coaches_for(db, SAM) == []
    assert store.runners_for(db, pat["id"]) == []
    [pending] = store.coaches_for(db, SAM, consented_only=False)
    assert (pending["id"], pending["invited_at"], pending["consented_at"], pending["active"]) == (pat["id"], T0, None, False)
    assert "invite_token" not in pending
    assert store.link_for_invite(db, token)["athlete_id"] == SAM

    assert store.consent(db, SAM, pat["id"], now=T0 + 60) is True
    [coach] = store.coaches_for(db, SAM)
    assert (coach["email"], coach["consented_at"], coach["active"]) == ("pat@example.com", T0 + 60, True)
    assert store.runners_for(db, pat["id"]) == [
        {"id": SAM, "firstname": "Sam", "measurement_preference": "meters", "consented_at": T0 + 60}
    ]


def test_inviting_again_keeps_the_token(db, runners, pat):
    token = store.invite_coach(db, SAM, pat["id"], now=NOW)
    assert store.invite_coach(db, SAM, pat["id"], now=T0 + 5) == token


def test_consent_needs_a_standing_invitation(db, runners, pat):
    assert store.consent(db, SAM, pat["id"], now=NOW) is False
    assert store.coaches_for(db, SAM, consented_only=False) == []


def test_runners_for_lists_only_consenting_runners(db, runners, pat):
    for athlete_id in (SAM, ALEX):
        store.invite_coach(db, athlete_id, pat["id"], now=NOW)
    store.consent(db, ALEX, pat["id"], now=NOW)
    assert [r["id"] for r in store.runners_for(db, pat["id"])] == [ALEX]


def test_revoke_ends_access_kills_the_token_and_drops_waiting_alerts(db, runners, pat):
    token = store.invite_coach(db, SAM, pat["id"], now=NOW)
    store.consent(db, SAM, pat["id"], now=NOW)
    store.queue_outbox(db, [outbox_row(SAM, pat["id"], "k1")], now=NOW)

    assert store.revoke(db, SAM, pat["id"], now=T0 + 100) is True
    assert store.coaches_for(db, SAM) == []
    assert store.runners_for(db, pat["id"]) == []
    assert store.link_for_invite(db, token) is None
    [link] = store.coaches_for(db, SAM, consented_only=False)
    assert (link["revoked_at"], link["active"]) == (T0 + 100, False)
    [row] = store.outbox_rows(db, athlete_id=SAM)
    assert (row["status"], row["last_error"]) == ("dead", "the runner withdrew consent")
    # consent cannot be revived on a revoked link: the runner must invite again
    assert store.consent(db, SAM, pat["id"], now=T0 + 200) is False
    assert store.revoke(db, SAM, pat["id"], now=T0 + 300) is False


def test_a_new_invite_after_revoke_needs_fresh_consent(db, runners, pat):
    old = store.invite_coach(db, SAM, pat["id"], now=NOW)
    store.consent(db, SAM, pat["id"], now=NOW)
    store.revoke(db, SAM, pat["id"], now=T0 + 10)

    new = store.invite_coach(db, SAM, pat["id"], now=T0 + 20)
    assert new != old
    assert store.coaches_for(db, SAM) == []
    store.consent(db, SAM, pat["id"], now=T0 + 30)
    [coach] = store.coaches_for(db, SAM)
    assert (coach["consented_at"], coach["revoked_at"]) == (T0 + 30, None)


def test_deleting_a_runner_deletes_their_links_and_alerts(db, runners, pat):
    store.invite_coach(db, SAM, pat["id"], now=NOW)
    store.consent(db, SAM, pat["id"], now=NOW)
    store.queue_outbox(db, [outbox_row(SAM, pat["id"], "k1")], now=NOW)
    store.delete_athlete(db, SAM)
    assert db.execute("SELECT count(*) FROM coach_links").fetchone()[0] == 0
    assert store.outbox_rows(db) == []
    assert store.get_coach(db, pat["id"]) is not None


# -- outbox rows ------------------------------------------------------------------------


def test_queue_outbox_queues_a_dedup_key_once(db, runners, pat):
    first = store.queue_outbox(db, [outbox_row(SAM, pat["id"], "k1"), outbox_row(SAM, pat["id"], "k2")], now=NOW)
    again = store.queue_outbox(db, [outbox_row(SAM, pat["id"], "k1")], now=T0 + 60)
    assert [is_new for _, is_new in first] == [True, True]
    assert again == [(first[0][0], False)]
    rows = store.outbox_rows(db)
    assert [(r["dedup_key"], r["status"], r["created_at"], r["payload"]) for r in rows] == [
        ("k1", "pending", T0, {"id": "k1"}),
        ("k2", "pending", T0, {"id": "k2"}),
    ]
    assert rows[0]["coach_name"] == "Pat Coach"


def test_a_claim_is_a_lease_no_second_sender_gets_the_row(db, runners, pat):
    store.queue_outbox(db, [outbox_row(SAM, pat["id"], "k1")], now=NOW)
    [claimed] = store.claim_outbox(db, now=NOW, lease_s=300, levels=("urgent",))
    assert (claimed["attempts"], claimed["next_attempt_at"], claimed["payload"]) == (1, T0 + 300, {"id": "k1"})
    assert store.claim_outbox(db, now=T0 + 299, lease_s=300, levels=("urgent",)) == []
    # the first sender died holding it: once the lease is over it is sent again
    [again] = store.claim_outbox(db, now=T0 + 300, lease_s=300, levels=("urgent",))
    assert again["attempts"] == 2


def test_claim_respects_level_and_creation_cutoff(db, runners, pat):
    store.queue_outbox(db, [outbox_row(SAM, pat["id"], "info", level="info")], now=NOW)
    assert store.claim_outbox(db, now=NOW, lease_s=300, levels=("urgent",)) == []
    assert store.claim_outbox(db, now=NOW, lease_s=300, levels=("info",), created_by=T0 - 1) == []
    assert len(store.claim_outbox(db, now=NOW, lease_s=300, levels=("info",), created_by=T0)) == 1


def test_mark_sent_and_dead(db, runners, pat):
    ids = [i for i, _ in store.queue_outbox(db, [outbox_row(SAM, pat["id"], "a"), outbox_row(SAM, pat["id"], "b")], now=NOW)]
    store.mark_outbox_sent(db, [ids[0]], now=T0 + 5)
    store.mark_outbox_dead(db, [ids[1]], "HTTP 404")
    rows = store.outbox_rows(db)
    assert [(r["status"], r["sent_at"], r["last_error"]) for r in rows] == [("sent", T0 + 5, None), ("dead", None, "HTTP 404")]
    assert [r["dedup_key"] for r in store.outbox_rows(db, status="dead")] == ["b"]
