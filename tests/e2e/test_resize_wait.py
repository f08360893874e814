"""Narrowing the window while a command waits leaves no stale progress lines on screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .terminal import ShellTerminal

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]
PROMPT = r"@127\.0\.0\.1:\d+>"


def resize_right_after_a_tick(shell: ShellTerminal, lines: int, columns: int) -> None:
    """Narrow the window just after the progress line was redrawn. A line the shell measured
    for the old width but that the terminal gets after the resize wraps in any terminal; the
    test is about what the shell draws once it knows the new width, so it leaves it a tick."""
    seen = len(shell.raw)
    while len(shell.raw) == seen:
        assert shell.pump(0.01), shell.text()
    shell.resize(lines, columns)


def test_narrowing_the_window_during_a_wait_leaves_no_stale_progress(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    tenant.set_agent(execution_delay=3.0)
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.line("invalidateRegistrationById ZZZZZZZZZZ")
    shell.wait_for(r"EXECUTING +\d+\.\ds · operation \d+ · Ctrl-C stops waiting")
    resize_right_after_a_tick(shell, 40, 50)  # narrower than the progress line
    shell.wait_for(r"EXECUTING +[1-9]\.\ds")  # a few ticks at the new width
    shell.wait_for(r"EXECUTING +2\.\ds", timeout=10)
    progress_rows = [line for line in shell.text().splitlines() if "operation" in line]
    assert len(progress_rows) <= 1, shell.text()
    shell.wait_for(r"✘ FAILED", timeout=15)
    shell.wait_for(PROMPT + r"\s*$")
    shell.settle(0.5)
    stale = [
        line
        for line in shell.text().splitlines()
        if "EXECUTING" in line or "PENDING" in line or "stops waiting" in line or "Ctrl-C" in line
    ]
    assert stale == [], shell.text()
    assert shell.leave() == 0
