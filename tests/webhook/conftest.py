"""Fixtures for the webhook package: a temporary database per test."""

import pytest

from connector.crypto import TokenCipher
from webhook.db import migrate, open_db


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "rhomboid.db"


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    migrate(database)
    yield database
    database.close()


@pytest.fixture
def cipher():
    return TokenCipher("test secret key, long and random in production")

from tests.connector.test_alerts import smtp_server  # noqa: E402,F401 (a real SMTP server fixture, shared)
