"""The zsh script, loaded the two documented ways into a real interactive zsh, offers the right
candidates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lwm2m_shell.language import ALL_COMMANDS, DEVICE_COMMANDS

from .shells import (
    COMPLETIONS,
    PROFILES,
    ZshSession,
    child_env,
    long_options,
    profile_script,
    require,
)

pytestmark = pytest.mark.pty


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    require("zsh")
    return child_env(tmp_path)


@pytest.fixture(scope="module")
def zsh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ZshSession]:
    """zsh with the committed script found on $fpath, as a packager would install it (one
    session for the module: compinit takes half a second)."""
    require("zsh")
    root = tmp_path_factory.mktemp("zsh")
    with ZshSession(child_env(root), root / "capture", fpath=COMPLETIONS) as session:
        yield session


def test_double_dash_offers_every_long_option_and_no_hidden_one(zsh: ZshSession) -> None:
    offered = zsh.candidates("lwm2m-shell --")
    expected = long_options()
    assert set(offered) == expected
    assert "--list-profiles" not in offered


def test_an_option_given_once_is_not_offered_again(zsh: ZshSession) -> None:
    offered = zsh.candidates("lwm2m-shell -o json -")
    assert "--output" not in offered and "-o" not in offered
    assert "--command" in offered


def test_output_values(zsh: ZshSession) -> None:
    assert sorted(zsh.candidates("lwm2m-shell --output ")) == ["json", "text"]
    assert zsh.candidates("lwm2m-shell --output=j") == ["json"]
    assert sorted(zsh.candidates("lwm2m-shell --completions ")) == ["bash", "fish", "zsh"]


def test_command_names_after_c(zsh: ZshSession) -> None:
    every = [spec.name for spec in (*ALL_COMMANDS, *DEVICE_COMMANDS)]  # device: with --device
    assert zsh.candidates("lwm2m-shell -c ") == every
    assert sorted(zsh.candidates("lwm2m-shell --command .s")) == [".send", ".status"]


def test_files_for_file_options(zsh: ZshSession, tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    for name in ("commands.txt", "ca.pem", "other.txt"):
        (files / name).write_text("", encoding="utf-8")
    for option in ("-f", "--ca-bundle", "--log-file"):
        assert sorted(zsh.candidates(f"lwm2m-shell {option} {files}/c")) == [
            "ca.pem",
            "commands.txt",
        ]


def test_profile_names_come_from_the_config(env: dict[str, str], tmp_path: Path) -> None:
    script = profile_script("zsh", tmp_path / "fpath")
    with ZshSession(env, tmp_path / "capture", fpath=script.parent) as zsh:
        assert zsh.candidates("lwm2m-shell --profile ") == sorted(PROFILES)
        assert zsh.candidates("lwm2m-shell --profile s") == ["staging"]


def test_eval_of_the_printed_script_enables_completion(env: dict[str, str], tmp_path: Path) -> None:
    with ZshSession(env, tmp_path / "capture", fpath=None) as zsh:
        assert zsh.candidates("lwm2m-shell --out") == ["--output"]
        assert sorted(zsh.candidates("lwm2m-shell -o ")) == ["json", "text"]
