"""Encryption of Strava tokens at rest.

Access and refresh tokens let anyone read and write a runner's Strava
activities, so the database only ever holds them encrypted. The key is
derived from ``RHOMBOID_SECRET_KEY`` with HKDF-SHA256 under a label of its
own, so the same secret can sign cookies and links elsewhere without those
uses sharing a key. Fernet gives authenticated encryption: a wrong key or a
tampered value fails loudly instead of decrypting to garbage.
"""

from __future__ import annotations

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_KEY_LABEL = b"rhomboid/strava-token-encryption/v1"
RECENT_TOKENS = 16  # decrypted tokens kept in memory: a few runners' pairs


class TokenDecryptError(Exception):
    """A stored token cannot be decrypted with the configured secret key."""


class TokenCipher:
    """Encrypts and decrypts token strings with a key derived from a secret."""

    def __init__(self, secret_key: str) -> None:
        if not secret_key:
            raise ValueError("TokenCipher needs a non-empty secret key (RHOMBOID_SECRET_KEY)")
        key = HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            # the secret is a random application key, not a password, so a
            # fixed (absent) salt is fine; the label separates this use
            salt=None,
            info=_KEY_LABEL,
        ).derive(secret_key.encode("utf-8"))
        self._fernet = Fernet(base64.urlsafe_b64encode(key))
        # The connector reads a runner's tokens before every Strava call (a
        # GET and a PUT an event): the same ciphertexts, decrypted again, at
        # a tenth of an event's own CPU. Fernet ciphertexts are fresh for
        # every encryption, so a rotated token is a new key here; a failure
        # is never remembered.
        self._recent = functools.lru_cache(maxsize=RECENT_TOKENS)(self._decrypt)

    def encrypt(self, token: str) -> str:
        return self._fernet.encrypt(token.encode("utf-8")).decode("ascii")

    def decrypt(self, ciphertext: str) -> str:
        return self._recent(ciphertext)

    def _decrypt(self, ciphertext: str) -> str:
        try:
            return self._fernet.decrypt(ciphertext.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeEncodeError):
            raise TokenDecryptError(
                "cannot decrypt a stored Strava token: RHOMBOID_SECRET_KEY is not the key "
                "it was encrypted with (restore the old key, or ask the runner to reconnect)"
            ) from None

    def __repr__(self) -> str:
        return "TokenCipher(<secret>)"
