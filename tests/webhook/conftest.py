"""Fixtures for the webhook package: a temporary database per test."""

from pathlib import Path

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


SAMPLE = Path(__file__).parents[1] / "connector" / "data" / "sample"


@pytest.fixture
def world():
    """A connected sample runner; events are posted to the real endpoint, processed on demand."""
    from connector.fixtures import load_fixture
    from webhook.devtools.replay import Replayer

    fixture = load_fixture(SAMPLE)
    with Replayer() as replayer:
        replayer.emulator.state.load_fixture(fixture)
        sub = fixture.events[0]["subscription_id"]
        replayer.emulator.state.set_subscription(sub, replayer.services.config.webhook_url, "x")
        replayer.connect(fixture, int(fixture.events[0]["event_time"]) - 60, sub)
        replayer.fixture = fixture
        yield replayer
