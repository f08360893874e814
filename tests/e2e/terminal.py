"""Drive the real ``lwm2m-shell`` in a pseudo-terminal and read its screen through pyte.

``ShellTerminal`` spawns the console script with pexpect, feeds everything it prints into a pyte
screen (a terminal emulator), and waits for text to appear on that screen. On a timeout it fails
with the screen as a person would see it, plus the raw tail of the output.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

import pexpect
import pyte

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER

SHELL = [sys.executable, "-m", "lwm2m_shell"]


def run_script(
    env: Mapping[str, str], *args: str, stdin: bytes | None = b"", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``lwm2m-shell ARGS`` without a terminal (not even a controlling one: nobody can be
    asked) and return what it printed; a traceback on stderr fails the test."""
    result = subprocess.run(
        [*SHELL, *args],
        env=env,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


COLUMNS, LINES = 120, 40


class ScreenTimeout(AssertionError):
    pass


class AnsweringScreen(pyte.Screen):
    """A pyte screen that answers the terminal's queries (cursor position) like a real terminal.

    prompt_toolkit asks where the cursor is (CPR) to size its layout; the bottom toolbar is only
    drawn once it knows. pyte computes the answer; we pass it back to the shell's input.
    """

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.answer: Callable[[str], None] | None = None

    def write_process_input(self, data: str) -> None:
        if self.answer is not None:
            self.answer(data)


class ShellTerminal:
    def __init__(
        self,
        args: list[str],
        env: Mapping[str, str],
        *,
        columns: int = COLUMNS,
        lines: int = LINES,
        timeout: float = 15.0,
    ) -> None:
        self.screen = AnsweringScreen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.timeout = timeout
        self._shown: tuple[int, str] | None = None  # (bytes fed, text) of the last text()
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "lwm2m_shell", *args],
            env=dict(env),
            dimensions=(lines, columns),
            timeout=timeout,
        )
        self.screen.answer = self.child.send

    # -- reading ----------------------------------------------------------------------------

    def pump(self, wait: float = 0.05) -> bool:
        """Feed whatever the shell printed to the screen; False once the shell has exited."""
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.raw.extend(data)
        self.stream.feed(data)
        return True

    def text(self) -> str:
        """The screen as lines of text (built again only when the shell printed meanwhile:
        the waits look at it after every read, and building it is the harness's main cost)."""
        fed = len(self.raw)
        if self._shown is None or self._shown[0] != fed:
            self._shown = (fed, "\n".join(line.rstrip() for line in self.screen.display))
        return self._shown[1]

    def wait_for(self, pattern: str, timeout: float | None = None) -> re.Match[str]:
        """Wait until ``pattern`` (a regex) matches the screen; return the match."""
        deadline = time.monotonic() + (timeout or self.timeout)
        regex = re.compile(pattern, re.MULTILINE)
        while True:
            found = regex.search(self.text())
            if found:
                return found
            alive = self.pump()
            if not alive or time.monotonic() > deadline:
                if not alive:
                    found = regex.search(self.text())
                    if found:
                        return found
                raise ScreenTimeout(self._report(f"never saw {pattern!r}"))

    def wait_exit(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (timeout or self.timeout)
        while self.pump():
            if time.monotonic() > deadline:
                raise ScreenTimeout(self._report("the shell did not exit"))
        self.child.wait()
        status = self.child.exitstatus
        return status if status is not None else -1

    def at_empty_prompt(self) -> bool:
        """Whether the cursor sits right after a prompt (``...> ``) with nothing typed yet."""
        cursor = self.screen.cursor
        line = self.screen.display[cursor.y]
        return line.rstrip().endswith(">") and cursor.x == len(line.rstrip()) + 1

    def leave(self) -> int:
        """Ctrl-D once a prompt is on the screen, then the exit status.

        The screen may be behind the shell (what it printed since the last read is not on it
        yet), so the prompt seen may be one that has already taken a line. That is fine: the
        shell keeps keys typed between prompts for the next one (``ui/keys_kept.py``; it used to
        lose a Ctrl-D there, and this method then failed now and then). A test should still wait
        for what its last command prints before leaving, or it does not check it.
        """
        deadline = time.monotonic() + self.timeout
        while not self.at_empty_prompt():
            if not self.pump() or time.monotonic() > deadline:
                raise ScreenTimeout(self._report("never saw an empty prompt"))
        self.ctrl("d")
        return self.wait_exit()

    def settle(self, quiet: float = 0.3, limit: float = 3.0) -> None:
        """Read until the shell has printed nothing for ``quiet`` seconds, or ``limit`` passed.

        The toolbar refreshes itself, so a live shell is never entirely quiet: ``limit`` bounds it.
        """
        last = len(self.raw)
        end = time.monotonic() + limit
        deadline = time.monotonic() + quiet
        while time.monotonic() < min(deadline, end):
            self.pump(0.05)
            if len(self.raw) != last:
                last = len(self.raw)
                deadline = time.monotonic() + quiet

    def _report(self, what: str) -> str:
        tail = bytes(self.raw[-2000:]).decode("utf-8", "replace")
        return f"{what}\n--- screen ---\n{self.text()}\n--- raw tail ---\n{tail!r}"

    # -- typing -----------------------------------------------------------------------------

    def type(self, text: str) -> None:
        self.child.send(text)

    def line(self, text: str) -> None:
        self.child.send(text + "\r")

    def resize(self, lines: int, columns: int) -> None:
        """Change the window size, as a person dragging its border: the screen and the pty."""
        self.pump()
        self.screen.resize(lines, columns)
        self._shown = None
        self.child.setwinsize(lines, columns)

    def ctrl(self, key: str) -> None:
        self.child.sendcontrol(key)

    def close(self) -> None:
        """End a shell the test left running, at once (SIGKILL: a SIGHUP would make it leave
        as a closed terminal does, saving and saying goodbye to the tenant, which no test
        reads at its end and which costs time; ``test_leave_signals`` tests that way out)."""
        if self.child.isalive():
            self.child.kill(signal.SIGKILL)
            self.child.wait()


def shell_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A clean environment: temporary XDG homes, fixed terminal, no stray C8Y_* variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("C8Y_", "XDG_", "NO_COLOR"))
    }
    for name in ("config", "state", "cache"):
        folder = home / name
        folder.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name.upper()}_HOME"] = str(folder)
    env.update(
        {
            "HOME": str(home),
            "TERM": "xterm",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if extra:
        env.update(extra)
    return env


class Tenant(Protocol):
    """Where a simulated tenant runs (in this process, or in one of its own)."""

    @property
    def url(self) -> str: ...

    @property
    def tenant_id(self) -> str: ...


def admin_login(tenant: Tenant) -> dict[str, str]:
    """The ``C8Y_*`` variables that point the shell at ``tenant`` as its admin user."""
    return {
        "C8Y_BASEURL": tenant.url,
        "C8Y_USER": f"{tenant.tenant_id}/{ADMIN_USER}",
        "C8Y_PASSWORD": ADMIN_PASSWORD,
    }
