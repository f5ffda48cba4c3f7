"""Configuration: one clear line naming a missing or invalid variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from webhook.config import SETTINGS, ConfigError, load_config

GOOD = {
    "STRAVA_CLIENT_ID": "12345",
    "STRAVA_CLIENT_SECRET": "s3cret",
    "RHOMBOID_VERIFY_TOKEN": "verify-me",
    "RHOMBOID_SECRET_KEY": "0123456789abcdef0123",
    "RHOMBOID_WEBHOOK_SECRET": "hook-path-secret",
}


def test_defaults_fill_in_the_optional_settings():
    config = load_config(GOOD, dotenv=None)
    assert config.db_path == "rhomboid.db"
    assert config.strava_url == "https://www.strava.com"
    assert config.raw_retention_days == 7
    assert config.subscription_id is None
    assert config.webhook_url == "http://127.0.0.1:8700/strava/webhook/hook-path-secret"


@pytest.mark.parametrize("name", [s.env for s in SETTINGS if s.required])
def test_a_missing_required_setting_is_named(name):
    env = {k: v for k, v in GOOD.items() if k != name}
    with pytest.raises(ConfigError) as error:
        load_config(env, dotenv=None)
    assert str(error.value).startswith(f"{name} is not set")
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    "name, value",
    [
        ("RHOMBOID_SECRET_KEY", "short"),
        ("RHOMBOID_BASE_URL", "rhomboid.example.com"),
        ("RHOMBOID_WEBHOOK_SECRET", "has/slash"),
        ("RHOMBOID_RAW_RETENTION_DAYS", "-1"),
        ("RHOMBOID_RAW_RETENTION_DAYS", "a week"),
        ("RHOMBOID_SUBSCRIPTION_ID", "abc"),
        ("RHOMBOID_SMTP_URL", "mail.example.com"),
    ],
)
def test_an_invalid_setting_is_named(name, value):
    with pytest.raises(ConfigError, match=f"^{name} is invalid"):
        load_config({**GOOD, name: value}, dotenv=None)


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# local settings\nexport RHOMBOID_DB='local.db'\nRHOMBOID_RAW_RETENTION_DAYS=3\n"
        + "".join(f"{k}={v}\n" for k, v in GOOD.items())
    )
    config = load_config({"RHOMBOID_RAW_RETENTION_DAYS": "10"}, dotenv=env_file)
    assert config.db_path == "local.db"
    assert config.raw_retention_days == 10


def test_a_broken_dotenv_line_is_named(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text("RHOMBOID_DB=x\nthis is not a setting\n")
    with pytest.raises(ConfigError, match=r"\.env:2: expected KEY=VALUE"):
        load_config({}, dotenv=env_file)


def test_every_setting_is_documented_in_the_readme():
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    missing = [s.env for s in SETTINGS if s.env not in readme]
    assert not missing, f"settings missing from README: {missing}"


def test_dotenv_inline_comments_are_not_part_of_the_value(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "STRAVA_CLIENT_ID=12345\nSTRAVA_CLIENT_SECRET=s3cret\nRHOMBOID_VERIFY_TOKEN=verify-me\n"
        "RHOMBOID_SECRET_KEY=0123456789abcdef0123  # rotate yearly\n"
        "RHOMBOID_WEBHOOK_SECRET=hook-path-secret   # the secret path\n"
        'RHOMBOID_MAIL_FROM="coach mail # desk <c@example.com>"\n'
    )
    config = load_config({}, dotenv=env_file)
    assert config.secret_key == "0123456789abcdef0123"
    assert config.webhook_secret == "hook-path-secret"
    assert config.mail_from == "coach mail # desk <c@example.com>"
