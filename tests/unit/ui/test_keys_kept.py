"""Keys typed while no prompt reads them are kept for the next prompt (on a real pty pair)."""

from __future__ import annotations

import os
import select
import sys
import termios
from collections.abc import Iterator
from typing import TextIO

import pytest
from prompt_toolkit.input.vt100 import raw_mode

from lwm2m_shell.ui.keys_kept import KeysKeptInput, cooked_for_getpass, keys_kept

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals")


@pytest.fixture
def pty() -> Iterator[tuple[int, TextIO]]:
    """(the terminal's side, the shell's side as a text file) of a fresh pseudo-terminal."""
    master, slave = os.openpty()
    shell_side = os.fdopen(slave, "r")
    yield master, shell_side
    shell_side.close()
    os.close(master)


def pending(fd: int) -> bytes:
    """What a read of ``fd`` would get now (nothing when nothing waits)."""
    ready, _, _ = select.select([fd], [], [], 0.5)
    return os.read(fd, 100) if ready else b""


def canonical(fd: int) -> bool:
    return bool(termios.tcgetattr(fd)[3] & termios.ICANON)


def test_a_ctrl_d_typed_between_two_prompts_reaches_the_next_prompt(
    pty: tuple[int, TextIO],
) -> None:
    master, shell_side = pty
    fd = shell_side.fileno()
    with keys_kept(fd):  # the REPL: a command runs, no prompt reads
        assert not canonical(fd)
        assert termios.tcgetattr(fd)[3] & termios.ISIG  # Ctrl-C still interrupts a command
        os.write(master, b"ls\x04")  # in cooked mode the tty turned ^D into a NUL byte
        with raw_mode(fd):  # the next prompt
            assert pending(fd) == b"ls\x04"
        assert not canonical(fd)  # the prompt gave the terminal back as it found it
    assert canonical(fd)  # and the REPL gives it back cooked


def test_printing_above_a_running_prompt_keeps_the_terminal_raw(pty: tuple[int, TextIO]) -> None:
    """prompt_toolkit's run_in_terminal makes the terminal cooked while it prints."""
    master, shell_side = pty
    terminal = KeysKeptInput(shell_side)
    with raw_mode(shell_side.fileno()), terminal.cooked_mode():
        assert not canonical(shell_side.fileno())
        os.write(master, b"\x04")
        assert pending(shell_side.fileno()) == b"\x04"


def test_a_password_is_asked_in_the_ordinary_mode(
    pty: tuple[int, TextIO], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, shell_side = pty
    monkeypatch.setattr(sys, "stdin", shell_side)
    fd = shell_side.fileno()
    with keys_kept(fd):
        with cooked_for_getpass():
            assert canonical(fd)
        assert not canonical(fd)
