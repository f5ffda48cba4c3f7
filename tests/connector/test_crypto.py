"""Strava tokens are encrypted at rest."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connector.crypto import TokenCipher, TokenDecryptError
from webhook import store
from webhook.db import migrate, open_db

ACCESS = "a1b2c3d4e5f6access0123456789abcdef01234567"
REFRESH = "f9e8d7c6b5a4refresh0123456789abcdef0123456"


@given(st.text())
def test_round_trip(token):
    cipher = TokenCipher("secret")
    assert cipher.decrypt(cipher.encrypt(token)) == token


def test_ciphertext_hides_the_token_and_differs_each_time():
    cipher = TokenCipher("secret")
    first, second = cipher.encrypt(ACCESS), cipher.encrypt(ACCESS)
    assert ACCESS not in first
    assert first != second


def test_the_same_secret_decrypts_across_instances():
    assert TokenCipher("secret").decrypt(TokenCipher("secret").encrypt(ACCESS)) == ACCESS


def test_a_wrong_key_raises_a_clear_error():
    ciphertext = TokenCipher("old secret").encrypt(ACCESS)
    with pytest.raises(TokenDecryptError, match="RHOMBOID_SECRET_KEY"):
        TokenCipher("new secret").decrypt(ciphertext)


def test_a_failure_is_never_remembered_and_a_success_never_leaks_to_another_key():
    """Recently decrypted tokens are kept in memory (the connector reads them
    before every call): a wrong key must still fail every time, and a key
    that failed must not start answering with another instance's tokens."""
    ciphertext = TokenCipher("old secret").encrypt(ACCESS)
    right, wrong = TokenCipher("old secret"), TokenCipher("new secret")
    for _ in range(2):
        assert right.decrypt(ciphertext) == ACCESS
        with pytest.raises(TokenDecryptError):
            wrong.decrypt(ciphertext)
    rotated = right.encrypt(REFRESH)
    assert right.decrypt(rotated) == REFRESH


@pytest.mark.parametrize("garbage", ["", "not a token", "ünïcode", ACCESS])
def test_garbage_raises_the_same_clear_error(garbage):
    with pytest.raises(TokenDecryptError):
        TokenCipher("secret").decrypt(garbage)


def test_an_empty_secret_is_refused():
    with pytest.raises(ValueError, match="RHOMBOID_SECRET_KEY"):
        TokenCipher("")


def test_repr_does_not_show_the_secret():
    assert "hunter2" not in repr(TokenCipher("hunter2"))


def test_tokens_never_reach_the_database_file(tmp_path):
    path = tmp_path / "rhomboid.db"
    cipher = TokenCipher("secret")
    db = open_db(path)
    migrate(db)
    marker = "Ada-plaintext-marker"  # stored in clear: proves the scan can see the writes
    profile = {"id": 42, "firstname": marker, "sex": "F", "measurement_preference": "meters"}
    tokens = {"access_token": ACCESS, "refresh_token": REFRESH, "expires_at": 1_700_000_000}
    store.save_athlete(db, profile, tokens, "read,activity:read_all,activity:write", cipher, now=1)
    store.save_tokens(db, 42, ACCESS[::-1], REFRESH[::-1], 1_700_021_600, cipher, now=2)

    files = [p for p in tmp_path.iterdir() if p.name.startswith("rhomboid.db")]
    # the WAL is checked while it still holds the writes
    assert any(p.name.endswith("-wal") for p in files)
    assert any(marker.encode() in file.read_bytes() for file in files)
    for secret in (ACCESS, REFRESH, ACCESS[::-1], REFRESH[::-1]):
        for file in files:
            assert secret.encode() not in file.read_bytes(), f"{secret} in {file.name}"
    assert store.athlete_tokens(db, 42, cipher).refresh_token == REFRESH[::-1]
    db.close()
    for secret in (ACCESS, REFRESH):
        assert secret.encode() not in path.read_bytes()
