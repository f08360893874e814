"""An idle REPL draws nothing while nothing changes (it used to redraw twice a second), and still
redraws at once when the toolbar has news."""

from __future__ import annotations

import time

import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .terminal import ShellTerminal

pytestmark = [pytest.mark.pty, pytest.mark.timeout(90)]


def written_while_idle(shell: ShellTerminal, seconds: float) -> bytes:
    start = len(shell.raw)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        shell.pump(0.1)
    return bytes(shell.raw[start:])


def test_an_idle_prompt_is_not_redrawn(env: dict[str, str], tenant: SimulatedTenant) -> None:
    shell = ShellTerminal([], env, columns=200)
    try:
        shell.wait_for("⚡ live updates", timeout=30)
        shell.wait_for(r"\d+ endpoints", timeout=30)
        shell.settle(quiet=1.0, limit=10)
        assert written_while_idle(shell, 4.0) == b""  # not one redraw in 4 s
        tenant.stop()  # news: the toolbar must say so without a keystroke
        shell.wait_for(r"tenant unreachable since", timeout=10)
    finally:
        shell.close()
