"""Where each setting comes from: flags > session file (--session, else C8Y_SESSION) >
environment > profile > defaults, and where the password and token come from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lwm2m_shell.config.settings import SettingsError, encrypted_problem

from .conftest import Resolve

PROFILE = """
default = "prod"

[profiles.prod]
url = "prod.example.com"
tenant = "t1"
user = "alice"
connector_id = 4711
endpoint_types = ["c8y_Id", "c8y_Serial"]
auth = "oauth"
request_timeout = 12.5
wait_timeout = 60
confirm_tenant_wide = false
color = false
app_key = "key-1"
announce_others = false

[profiles.dev]
url = "https://dev.example.com"
user = "t2/bob"
"""


def secret(value: object) -> str | None:
    return None if value is None else value.get_secret_value()  # type: ignore[attr-defined]


def test_built_in_defaults(settings: Resolve) -> None:
    result = settings()
    assert result.url is None and result.user is None and result.profile is None
    assert result.auth_method == "auto"
    assert result.request_timeout == 30.0 and result.wait_timeout is None
    assert result.endpoint_types == ("c8y_Id",)
    assert result.confirm_tenant_wide and result.color and result.verify is True
    assert result.announce_others


def test_the_default_profile_sets_every_key(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    write_config(PROFILE)
    result = settings()
    assert result.profile == "prod"
    assert result.url == "https://prod.example.com"
    assert (result.tenant, result.user) == ("t1", "alice")
    assert result.connector_id == "4711"
    assert result.endpoint_types == ("c8y_Id", "c8y_Serial")
    assert result.auth_method == "oauth"
    assert (result.request_timeout, result.wait_timeout) == (12.5, 60.0)
    assert not result.confirm_tenant_wide and not result.color and not result.announce_others
    assert result.app_key == "key-1"


def test_profile_flag_picks_another_profile(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    write_config(PROFILE)
    result = settings("--profile", "dev")
    assert result.profile == "dev"
    assert (result.url, result.tenant, result.user) == ("https://dev.example.com", "t2", "bob")
    assert result.auth_method == "auto"  # not inherited from the default profile


def test_environment_beats_profile(settings: Resolve, write_config: Callable[..., Path]) -> None:
    write_config(PROFILE)
    env = {"C8Y_HOST": "env.example.com", "C8Y_USER": "carol", "NO_COLOR": "1"}
    result = settings(env=env)
    assert result.url == "https://env.example.com"
    assert (result.tenant, result.user) == (None, "carol")  # the login is the environment's
    assert result.connector_id is None  # the profile's connector belongs to its own host
    assert result.color is False


def test_flags_beat_environment_and_profile(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    write_config(PROFILE)
    env = {"C8Y_BASEURL": "https://env.example.com", "C8Y_USER": "carol", "C8Y_TENANT": "t9"}
    result = settings(
        "--url",
        "flag.example.com",
        "--user",
        "t3/dave",
        "--auth",
        "basic",
        "--connector-id",
        "99",
        "--timeout",
        "5",
        "--request-timeout",
        "7",
        "--yes",
        env=env,
    )
    assert result.url == "https://flag.example.com"
    assert (result.tenant, result.user) == ("t3", "dave")  # flag's tenant/user beats C8Y_TENANT
    assert result.auth_method == "basic" and result.connector_id == "99"
    assert (result.wait_timeout, result.request_timeout) == (5.0, 7.0)
    assert result.confirm_tenant_wide is False


def test_colour_and_confirmation_switches(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    write_config("[profiles.p]\ncolor = true\nconfirm_tenant_wide = true\n")
    assert settings("--profile", "p").color is True
    assert settings("--profile", "p", env={"NO_COLOR": ""}).color is False
    assert settings("--profile", "p", "--no-color").color is False
    assert settings("--profile", "p", "--yes").confirm_tenant_wide is False


def test_session_flag_beats_environment_but_not_flags(
    settings: Resolve, write_config: Callable[..., Path], write_session: Callable[..., Path]
) -> None:
    write_config(PROFILE)
    session = write_session(host="sess.example.com", tenant="t5", username="erin", token="tok")
    env = {"C8Y_BASEURL": "env.example.com", "C8Y_USER": "carol"}
    result = settings("--session", str(session), env=env)
    assert result.url == "https://sess.example.com"
    assert (result.tenant, result.user) == ("t5", "erin")
    assert result.session_file == str(session)
    assert secret(result.token) == "tok"
    assert result.connector_id is None  # the profile names another host: not its connector
    flagged = settings("--session", str(session), "--user", "frank", env=env)
    assert flagged.user == "frank"
    assert flagged.token is None  # erin's token is not lent to frank
    assert any("belong to user erin, not to frank" in note for note in flagged.notes)


def test_c8y_session_ranks_like_the_session_flag(
    settings: Resolve, write_config: Callable[..., Path], write_session: Callable[..., Path]
) -> None:
    write_config(PROFILE)
    session = write_session(host="sess.example.com", tenant="t5", username="erin")
    env = {"C8Y_USER": "carol"}
    by_variable = settings(env={**env, "C8Y_SESSION": str(session)})
    by_flag = settings("--session", str(session), env=env)
    for result in (by_variable, by_flag):
        assert result.url == "https://sess.example.com"  # beats the profile
        assert (result.tenant, result.user) == ("t5", "erin")  # the file's login, whole


def test_session_flag_replaces_c8y_session(
    settings: Resolve, write_session: Callable[..., Path]
) -> None:
    one = write_session("one.json", host="one.example.com")
    two = write_session("two.json", host="two.example.com")
    result = settings("--session", str(two), env={"C8Y_SESSION": str(one)})
    assert result.url == "https://two.example.com"


def test_secrets_come_together_from_the_strongest_source(
    settings: Resolve, write_session: Callable[..., Path]
) -> None:
    session = write_session(host="sess.example.com", username="erin", token="session-token")
    env = {"C8Y_PASSWORD": "env-password"}
    result = settings("--session", str(session), env=env)
    assert secret(result.token) == "session-token"
    assert result.password is None  # not the environment's password for another source
    assert result.secret_source == f"session file {session}"
    plain = settings("--url", "x.example.com", "--user", "u", env=env)
    assert secret(plain.password) == "env-password"
    assert plain.secret_source == "C8Y_PASSWORD/C8Y_TOKEN"


def test_a_profile_password_never_goes_to_another_url(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    write_config('[profiles.p]\nurl = "https://a.example.com/"\nuser = "u"\npassword = "pw-a"\n')
    same = settings("--profile", "p", "--url", "A.example.com")
    assert secret(same.password) == "pw-a"
    other = settings("--profile", "p", "--url", "b.example.com")
    assert other.password is None
    assert other.notes and "only used with a.example.com" in other.notes[0]
    assert "pw-a" not in " ".join(other.notes)


def test_a_session_file_token_never_goes_to_another_url(
    settings: Resolve, write_session: Callable[..., Path]
) -> None:
    session = write_session(host="https://s.example.com", token="tok")
    moved = settings("--session", str(session), "--url", "http://s.example.com")
    assert moved.token is None  # another scheme is another site


def test_encrypted_password_is_not_guessed_and_not_replaced(
    settings: Resolve, write_session: Callable[..., Path]
) -> None:
    session = write_session(
        host="s.example.com", username="erin", password="{encrypted}b64stuff", token=""
    )
    result = settings("--session", str(session), env={"C8Y_PASSWORD": "env-password"})
    assert result.password is None and result.token is None
    assert result.encrypted == ("password",)
    problem = encrypted_problem(result)
    assert problem is not None and "encrypted" in problem and str(session) in problem
    assert "b64stuff" not in problem


def test_unknown_profile_lists_the_known_ones(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    path = write_config(PROFILE)
    with pytest.raises(SettingsError) as caught:
        settings("--profile", "staging")
    assert str(caught.value) == f"no profile 'staging' in {path} (known: dev, prod)"


def test_profile_flag_without_a_config_file(settings: Resolve, config_file: Path) -> None:
    with pytest.raises(SettingsError, match="does not exist"):
        settings("--profile", "prod")
    assert settings().profile is None  # no file, no --profile: fine


def test_tls_options(settings: Resolve, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not checked here\n")
    assert settings("--insecure").verify is False
    assert settings("--ca-bundle", str(bundle)).verify == str(bundle)
    assert settings("--insecure", "--ca-bundle", str(bundle)).verify is False
    with pytest.raises(SettingsError, match="not a readable file"):
        settings("--ca-bundle", str(tmp_path / "missing.pem"))


def test_profile_ca_bundle_and_flag_override(
    settings: Resolve, write_config: Callable[..., Path], tmp_path: Path
) -> None:
    bundle = tmp_path / "corp.pem"
    bundle.write_text("x")
    write_config(f'[profiles.p]\nca_bundle = "{bundle}"\n')
    assert settings("--profile", "p").verify == str(bundle)
    assert settings("--profile", "p", "--insecure").verify is False
