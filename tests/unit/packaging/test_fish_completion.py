"""The committed fish script, run in a real fish, offers the right candidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from lwm2m_shell.language import CONNECTOR_COMMANDS, DEVICE_COMMANDS, LOCAL_COMMANDS

from .shells import (
    COMPLETIONS,
    PROFILES,
    child_env,
    fish_candidates,
    long_options,
    profile_script,
    require,
)

SCRIPT = COMPLETIONS / "lwm2m-shell.fish"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    require("fish")
    return child_env(tmp_path)


def test_double_dash_offers_every_long_option_and_no_hidden_one(env: dict[str, str]) -> None:
    offered = fish_candidates(SCRIPT, "lwm2m-shell --", env)
    expected = long_options()
    assert set(offered) == expected
    assert "--list-profiles" not in offered


def test_prefix_narrows_options(env: dict[str, str]) -> None:
    assert fish_candidates(SCRIPT, "lwm2m-shell --out", env) == ["--output"]


def test_output_values(env: dict[str, str]) -> None:
    assert sorted(fish_candidates(SCRIPT, "lwm2m-shell --output ", env)) == ["json", "text"]
    assert sorted(fish_candidates(SCRIPT, "lwm2m-shell -o ", env)) == ["json", "text"]
    assert fish_candidates(SCRIPT, "lwm2m-shell --output=j", env) == ["--output=json"]


def test_command_names_after_c(env: dict[str, str]) -> None:
    offered = fish_candidates(SCRIPT, "lwm2m-shell -c ", env)
    # fish hides candidates starting with "." until a "." is typed, as it does for dot files.
    every = (*CONNECTOR_COMMANDS, *DEVICE_COMMANDS)  # device commands: with --device
    assert sorted(offered) == sorted(spec.name for spec in every)
    dotted = fish_candidates(SCRIPT, "lwm2m-shell --command .", env)
    assert sorted(dotted) == sorted(spec.name for spec in LOCAL_COMMANDS)


def test_files_for_file_options(env: dict[str, str], tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    for name in ("commands.txt", "ca.pem", "other.txt"):
        (files / name).write_text("", encoding="utf-8")
    for option in ("-f", "--file", "--ca-bundle", "--log-file"):
        offered = fish_candidates(SCRIPT, f"lwm2m-shell {option} {files}/c", env)
        assert sorted(offered) == [f"{files}/ca.pem", f"{files}/commands.txt"]


def test_free_values_offer_nothing(env: dict[str, str]) -> None:
    assert fish_candidates(SCRIPT, "lwm2m-shell --url ", env) == []


def test_profile_names_come_from_the_config(env: dict[str, str], tmp_path: Path) -> None:
    script = profile_script("fish", tmp_path / "generated")
    assert sorted(fish_candidates(script, "lwm2m-shell --profile ", env)) == sorted(PROFILES)
    assert fish_candidates(script, "lwm2m-shell --profile s", env) == ["staging"]
