"""The committed bash script, run in a real bash, offers the right candidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from lwm2m_shell.language import ALL_COMMANDS, DEVICE_COMMANDS

from .shells import (
    COMPLETIONS,
    PROFILES,
    bash_candidates,
    child_env,
    long_options,
    profile_script,
    require,
)

SCRIPT = COMPLETIONS / "lwm2m-shell.bash"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    require("bash")
    return child_env(tmp_path)


def test_double_dash_offers_every_long_option_and_no_hidden_one(env: dict[str, str]) -> None:
    offered = bash_candidates(SCRIPT, ["lwm2m-shell", "--"], env)
    expected = long_options()
    assert set(offered) == expected
    assert "--output" in offered and "--list-profiles" not in offered


def test_single_dash_offers_short_options_too(env: dict[str, str]) -> None:
    offered = bash_candidates(SCRIPT, ["lwm2m-shell", "-"], env)
    assert {"-c", "-f", "-o", "-h", "--command"} <= set(offered)


def test_prefix_narrows_options(env: dict[str, str]) -> None:
    assert bash_candidates(SCRIPT, ["lwm2m-shell", "--out"], env) == ["--output"]


@pytest.mark.parametrize(
    "words",
    [
        ["lwm2m-shell", "--output", ""],
        ["lwm2m-shell", "-o", ""],
        ["lwm2m-shell", "--output", "=", ""],  # bash splits --output= at "="
    ],
)
def test_output_values(env: dict[str, str], words: list[str]) -> None:
    assert bash_candidates(SCRIPT, words, env) == ["text", "json"]


def test_output_value_in_one_word_keeps_its_option(env: dict[str, str]) -> None:
    assert bash_candidates(SCRIPT, ["lwm2m-shell", "--output=j"], env) == ["--output=json"]


def test_completions_values(env: dict[str, str]) -> None:
    assert bash_candidates(SCRIPT, ["lwm2m-shell", "--completions", ""], env) == [
        "bash",
        "zsh",
        "fish",
    ]


def test_command_names_after_c(env: dict[str, str]) -> None:
    offered = bash_candidates(SCRIPT, ["lwm2m-shell", "-c", ""], env)
    assert offered == [spec.name for spec in (*ALL_COMMANDS, *DEVICE_COMMANDS)]  # --device
    assert bash_candidates(SCRIPT, ["lwm2m-shell", "--command", "inv"], env) == [
        "invalidateRegistrationsForEndpoint",
        "invalidateRegistrationById",
    ]


def test_command_name_after_an_opening_quote(env: dict[str, str]) -> None:
    # One match, offered twice (once with a space): readline must not close the quote.
    assert bash_candidates(SCRIPT, ["lwm2m-shell", "-c", "'.st"], env) == [".status", ".status "]
    assert bash_candidates(SCRIPT, ["lwm2m-shell", "-c", "'inv"], env) == [
        "invalidateRegistrationsForEndpoint",
        "invalidateRegistrationById",
    ]


def test_tab_in_a_quoted_command_leaves_the_quote_open(env: dict[str, str]) -> None:
    """In an interactive bash: `-c 'mig` + Tab completes the name and arguments can follow."""
    import pexpect

    bash = pexpect.spawn(
        require("bash"),
        ["--norc", "--noprofile", "-i"],
        env={**env, "PS1": "$ ", "TERM": "dumb", "INPUTRC": "/dev/null"},
        encoding="utf-8",
        timeout=20,
    )
    try:
        bash.expect_exact("$ ")
        bash.sendline(f"source {SCRIPT}; echo sourced")
        bash.expect_exact("sourced")
        bash.expect_exact("$ ")
        bash.send("lwm2m-shell -c 'mig\t")
        bash.expect_exact("rateLwm2mDevices")
        bash.send(" -d 1' --version\r")  # the quote is still open: this closes it
        bash.expect(r"lwm2m-shell \d")  # ran: the quote was closed by us, not by completion
        assert "migrateLwm2mDevices'" not in bash.before
    finally:
        bash.terminate(force=True)


def test_files_for_file_options(env: dict[str, str], tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    for name in ("commands.txt", "ca.pem", "other.txt"):
        (files / name).write_text("", encoding="utf-8")
    for option in ("-f", "--file", "--ca-bundle", "--log-file"):
        offered = bash_candidates(SCRIPT, ["lwm2m-shell", option, f"{files}/c"], env)
        assert sorted(offered) == [f"{files}/ca.pem", f"{files}/commands.txt"]


def test_log_file_value_is_optional(env: dict[str, str]) -> None:
    assert bash_candidates(SCRIPT, ["lwm2m-shell", "--log-file", "--verb"], env) == ["--verbose"]


def test_free_values_offer_nothing(env: dict[str, str]) -> None:
    for option in ("--url", "--tenant", "--timeout"):
        assert bash_candidates(SCRIPT, ["lwm2m-shell", option, ""], env) == []


def test_profile_names_come_from_the_config(env: dict[str, str], tmp_path: Path) -> None:
    script = profile_script("bash", tmp_path / "generated")
    offered = bash_candidates(script, ["lwm2m-shell", "--profile", ""], env)
    assert offered == sorted(name.replace(" ", "\\ ") for name in PROFILES)
    assert bash_candidates(script, ["lwm2m-shell", "--profile", "st"], env) == ["staging"]


def test_no_profiles_without_a_config(env: dict[str, str], tmp_path: Path) -> None:
    script = profile_script("bash", tmp_path / "generated")
    env = {**env, "XDG_CONFIG_HOME": str(tmp_path / "empty")}
    assert bash_candidates(script, ["lwm2m-shell", "--profile", ""], env) == []
