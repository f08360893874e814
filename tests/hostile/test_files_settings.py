"""Settings that cannot work are one line and exit 2 (issue 14, item 8; item 5 for session files).

Every numeric setting (flags and profile keys; no environment variable holds a number) refuses
nan, inf, negatives and absurd values naming the setting; header values that cannot be encoded
(a non-ASCII ``app_key`` or token) are one line too, not "internal error"; a session file and
``config.toml`` follow one rule for secrets at loose modes; a session file nested 100,000 deep
is one line, never a RecursionError.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER
from tests.e2e.terminal import shell_env

from .files_support import run_shell

BAD_NUMBERS = ["nan", "inf", "-1", "1e309", "0"]
LOGIN = {"C8Y_BASEURL": "https://tenant.example.invalid", "C8Y_USER": "t1/alice"}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def config_file(home: Path, text: str, mode: int = 0o600) -> Path:
    path = home / "config" / "lwm2m-shell" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def assert_one_line_usage_error(stderr: str, *needles: str) -> None:
    assert stderr.count("\n") == 1, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
    for needle in needles:
        assert needle in stderr, stderr


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize("flag", ["--timeout", "--request-timeout", "--demo-devices"])
def test_numeric_flags_refuse_bad_numbers(home: Path, flag: str, value: str) -> None:
    result = run_shell(shell_env(home, LOGIN), f"{flag}={value}", "-c", "help")
    assert result.returncode == 2
    assert_one_line_usage_error(result.stderr, f"argument {flag}: ")


@pytest.mark.parametrize(
    ("flag", "value", "why"),
    [
        ("--timeout", "604801", "must be at most 604800"),
        ("--request-timeout", "3601", "must be at most 3600"),
        ("--demo-devices", "100001", "must be at most 100000"),
        ("--timeout", "nan", "must be a number (not nan)"),
        ("--request-timeout", "inf", "must be finite (not inf)"),
    ],
)
def test_numeric_flags_say_why(home: Path, flag: str, value: str, why: str) -> None:
    result = run_shell(shell_env(home, LOGIN), f"{flag}={value}", "-c", "help")
    assert result.returncode == 2
    assert_one_line_usage_error(result.stderr, f"argument {flag}: {why}")


@pytest.mark.parametrize("flag", ["--timeout", "--request-timeout"])
def test_sensible_numbers_are_taken(home: Path, flag: str) -> None:
    result = run_shell(shell_env(home, LOGIN), f"{flag}=2.5", "-c", "help")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e309", "0", "1e9"])
@pytest.mark.parametrize("key", ["request_timeout", "wait_timeout"])
def test_numeric_profile_keys_refuse_bad_numbers(home: Path, key: str, value: str) -> None:
    path = config_file(home, f'default = "p"\n[profiles.p]\nuser = "alice"\n{key} = {value}\n')
    result = run_shell(shell_env(home, LOGIN), "-c", "help")
    assert result.returncode == 2
    assert_one_line_usage_error(result.stderr, f"{path}, line 4: profiles.p.{key}: ")


def test_non_ascii_app_key_is_one_line(home: Path) -> None:
    path = config_file(home, 'default = "p"\n[profiles.p]\napp_key = "clé-ünïcode"\n')
    result = run_shell(shell_env(home, LOGIN), "-c", "help")
    assert result.returncode == 2
    assert_one_line_usage_error(
        result.stderr, f"{path}, line 3: profiles.p.app_key: holds non-ASCII characters"
    )


def test_token_an_http_header_cannot_carry_is_one_line(home: Path) -> None:
    env = shell_env(home, {**LOGIN, "C8Y_TOKEN": "jeton-ünïcode"})
    result = run_shell(env, "-c", "invalidateRegistrationById F7DqjmW3Yy")
    assert result.returncode == 2
    assert_one_line_usage_error(
        result.stderr, "the token of C8Y_PASSWORD/C8Y_TOKEN holds non-ASCII"
    )
    assert "ünïcode" not in result.stderr


# -- one rule for files holding a secret ---------------------------------------------------


def session_file(home: Path, mode: int, **values: str) -> Path:
    path = home / "session.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"host": "https://tenant.example.invalid", **values}))
    path.chmod(mode)
    return path


@pytest.mark.parametrize("kind", ["config.toml", "session file"])
@pytest.mark.parametrize("secret", ["password", "token"])
def test_a_secret_at_a_loose_mode_is_refused_the_same_way(
    home: Path, kind: str, secret: str
) -> None:
    if kind == "config.toml":
        path = config_file(home, f'default = "p"\n[profiles.p]\n{secret} = "s3cret"\n', 0o644)
        args: list[str] = []
    else:
        path = session_file(home, 0o644, username=ADMIN_USER, **{secret: "s3cret"})
        args = ["--session", str(path)]
    result = run_shell(shell_env(home), *args, "-c", "help")
    assert result.returncode == 2
    assert_one_line_usage_error(
        result.stderr,
        f"{path} holds a password or token but other users may read it (mode 0644): "
        f"run `chmod 600 {path}`",
    )
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize("kind", ["config.toml", "session file"])
def test_without_a_secret_a_readable_file_is_fine(home: Path, kind: str) -> None:
    if kind == "config.toml":
        config_file(home, 'default = "p"\n[profiles.p]\nuser = "alice"\n', 0o644)
        args: list[str] = []
    else:
        args = ["--session", str(session_file(home, 0o644, username="alice"))]
    result = run_shell(shell_env(home), *args, "-c", "help")
    assert result.returncode == 0, result.stderr


def test_session_file_through_c8y_session_follows_the_same_rule(home: Path) -> None:
    path = session_file(home, 0o640, username=ADMIN_USER, password=ADMIN_PASSWORD)
    result = run_shell(shell_env(home, {"C8Y_SESSION": str(path)}), "-c", "help")
    assert result.returncode == 2
    assert_one_line_usage_error(result.stderr, "(mode 0640): run `chmod 600")


# -- malformed files ------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["--session", "C8Y_SESSION"])
@pytest.mark.parametrize("content", ["[" * 100_000, '{"host": ' + "[" * 100_000])
def test_deeply_nested_session_file_is_one_line(home: Path, how: str, content: str) -> None:
    path = home / "deep.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    path.chmod(0o600)
    env = shell_env(home, {"C8Y_SESSION": str(path)} if how == "C8Y_SESSION" else {})
    args = ["--session", str(path)] if how == "--session" else []
    result = run_shell(env, *args, "-c", "help")
    assert result.returncode == 2
    assert_one_line_usage_error(result.stderr, f"session file {path}: not valid JSON")
    assert "RecursionError" not in result.stderr


def test_deeply_nested_config_file_is_one_line(home: Path) -> None:
    path = config_file(home, "x = " + "[" * 100_000)
    result = run_shell(shell_env(home, LOGIN), "-c", "help")
    assert result.returncode == 2
    assert_one_line_usage_error(result.stderr, f"{path}: invalid TOML: nested too deeply")
