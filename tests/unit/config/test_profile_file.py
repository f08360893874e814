"""The config file: one clear error naming file, line and key; private files for secrets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lwm2m_shell.config.profiles import ConfigFileError, load_profile, profile_names
from lwm2m_shell.config.settings import SettingsError
from lwm2m_shell.config.toml_lines import locate

from .conftest import Resolve


def error_for(text: str, write_config: Callable[..., Path], profile: str | None = None) -> str:
    path = write_config(text)
    with pytest.raises(ConfigFileError) as caught:
        load_profile(profile, path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message[len(str(path)) :]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[profiles.prod]\nurl = "https://a.example.com"\ncolour = false\n',
            ", line 3: profiles.prod.colour: unknown key (did you mean 'color'?)",
        ),
        (
            '[profiles.prod]\nuser = "u"\n\nrequest_timeout = 0\n',
            ", line 4: profiles.prod.request_timeout: input should be greater than 0",
        ),
        (
            '[profiles.prod]\nrequest_timeout = "30"\n',
            ", line 2: profiles.prod.request_timeout: input should be a valid number",
        ),
        (
            '[profiles.prod]\nauth = "kerberos"\n',
            ", line 2: profiles.prod.auth: input should be 'auto', 'basic', 'oauth' or 'token'",
        ),
        (
            '[profiles.prod]\nendpoint_types = ["c8y_Id", 7]\n',
            ", line 2: profiles.prod.endpoint_types: input should be a valid string",
        ),
        (
            '[profiles.prod]\nurl = "ftp://a.example.com"\n',
            ", line 2: profiles.prod.url: the URL must start with https:// (or have no scheme)",
        ),
        (
            'default = "prod"\nverbose = true\n[profiles.prod]\n',
            ", line 2: verbose: unknown key (known keys: default, profiles)",
        ),
        (
            '[profiles]\nprod = "https://a.example.com"\n',
            ", line 2: profiles.prod: input should be a valid dictionary or instance of Profile",
        ),
        (
            '[profiles."eu prod"]\nurl = "a"\n[profiles.x]\ntenant = 5\n',
            ", line 4: profiles.x.tenant: input should be a valid string",
        ),
        (
            '[profiles]\nprod = { url = "a", color = "yes" }\n',
            ", line 2: profiles.prod.color: input should be a valid boolean",
        ),
    ],
)
def test_invalid_config_names_file_line_and_key(
    text: str, expected: str, write_config: Callable[..., Path]
) -> None:
    assert error_for(text, write_config) == expected


def test_more_problems_are_counted_not_listed(write_config: Callable[..., Path]) -> None:
    message = error_for("[profiles.a]\nurl = 1\nuser = 2\ntenant = 3\n", write_config)
    assert message == ", line 2: profiles.a.url: input should be a valid string (and 2 more)"


def test_toml_syntax_error_names_the_line(write_config: Callable[..., Path]) -> None:
    message = error_for('[profiles.a]\nurl = "https://x\nuser = "u"\n', write_config)
    assert message.startswith(", line 2: invalid TOML: ")


def test_default_naming_a_missing_profile(write_config: Callable[..., Path]) -> None:
    message = error_for('# tenants\n\ndefault = "prdo"\n[profiles.prod]\n', write_config)
    assert message == ", line 3: default: no profile 'prdo' (known: prod)"


def test_a_secret_in_a_readable_file_is_refused(
    write_config: Callable[..., Path], settings: Resolve
) -> None:
    path = write_config('[profiles.p]\nuser = "u"\npassword = "hunter2"\n', mode=0o644)
    with pytest.raises(SettingsError) as caught:
        settings("--profile", "p")
    message = str(caught.value)
    assert f"run `chmod 600 {path}`" in message and "(mode 0644)" in message
    assert "hunter2" not in message


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620])
def test_any_access_by_others_is_refused_for_a_token(
    mode: int, write_config: Callable[..., Path]
) -> None:
    path = write_config('[profiles.other]\ntoken = "abc"\n[profiles.p]\nuser = "u"\n', mode=mode)
    with pytest.raises(ConfigFileError, match="chmod 600"):
        load_profile("p", path)  # the secret is in another profile: still refused


def test_private_file_with_a_secret_and_readable_file_without_one(
    write_config: Callable[..., Path], settings: Resolve
) -> None:
    write_config('[profiles.p]\nurl = "a.example.com"\nuser = "u"\npassword = "pw"\n', 0o600)
    chosen = settings("--profile", "p")
    assert chosen.password is not None and chosen.password.get_secret_value() == "pw"
    write_config('[profiles.p]\nurl = "a.example.com"\nuser = "u"\n', mode=0o644)
    assert settings("--profile", "p").user == "u"


def test_profile_values_never_show_secrets_in_repr(write_config: Callable[..., Path]) -> None:
    path = write_config('[profiles.p]\npassword = "pw-123"\ntoken = "tk-456"\n')
    chosen = load_profile("p", path)
    assert chosen is not None
    assert "pw-123" not in repr(chosen) and "tk-456" not in repr(chosen)


def test_profile_names_never_fail(write_config: Callable[..., Path], tmp_path: Path) -> None:
    path = write_config('[profiles.b]\n[profiles.a]\ncolour = "x"\n')
    assert profile_names(path) == ["a", "b"]  # listing does not validate
    path.write_text("[profiles\n")
    assert profile_names(path) == []
    assert profile_names(tmp_path / "none.toml") == []


def test_locate_prefers_the_key_then_its_table() -> None:
    text = '[profiles.a]\nurl = "x"\n\n[profiles.b]\nurl = "y"\n'
    assert locate(text, ("profiles", "b", "url")) == 5
    assert locate(text, ("profiles", "b", "user")) == 4  # missing key: its table
    assert locate(text, ("profiles", "c", "url")) is None
    dotted = '[profiles]\na.url = "x"\n"b".user = "y"\n'
    assert locate(dotted, ("profiles", "b", "user")) == 3
