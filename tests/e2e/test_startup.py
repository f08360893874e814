"""The first prompt never waits for the tenant: with every answer 3 s late, the prompt is drawn
and local commands run while the tenant check is still under way."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import Fault, SimulatedTenant

from .terminal import ShellTerminal

pytestmark = pytest.mark.pty

PROMPT = r"@127\.0\.0\.1:\d+>"


def test_prompt_and_local_commands_before_any_answer(
    tenant: SimulatedTenant, spawn: Callable[..., ShellTerminal]
) -> None:
    tenant.add_fault(Fault(kind="latency", delay=3.0, times=None))
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.wait_for(r"○ connecting")  # the toolbar: no answer from the tenant yet
    shell.line("help")
    shell.wait_for(r"invalidateRegistrationById")
    assert "● connected" not in shell.text()
    assert shell.leave() == 0
