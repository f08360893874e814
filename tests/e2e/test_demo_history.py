"""``--demo`` keeps its history across starts and leaves no new file behind at each start."""

from __future__ import annotations

from pathlib import Path

import pytest

from .terminal import ShellTerminal, shell_env

pytestmark = pytest.mark.pty

DEMO_PROMPT = r"t100200@demo>"


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def test_demo_history_is_recalled_on_the_next_start(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = shell_env(home)
    first = ShellTerminal(["--demo"], env)
    try:
        first.wait_for(DEMO_PROMPT)
        first.wait_for(r"endpoints · just now", timeout=30)  # the catalogue has loaded
        first.line("help invalidateRegistrationById")
        first.wait_for("F7DqjmW3Yy")
        assert first.leave() == 0
    finally:
        first.close()
    after_first = files_under(home)
    assert not files_under(home / "cache"), "--demo wrote a catalogue cache"

    second = ShellTerminal(["--demo"], env)
    try:
        second.wait_for(DEMO_PROMPT)
        second.wait_for(r"endpoints · just now", timeout=30)
        second.type("\x1b[A")  # up arrow: the line typed in the first run
        second.wait_for(DEMO_PROMPT + " help invalidateRegistrationById")
        second.ctrl("c")
        assert second.leave() == 0
    finally:
        second.close()
    assert files_under(home) == after_first  # the same history file, nothing new
    (history,) = [path for path in after_first if path.suffix == ".history"]
    assert "help invalidateRegistrationById" in history.read_text(encoding="utf-8")
