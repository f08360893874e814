"""Keys pressed while a command runs wait for the next prompt, Ctrl-D included.

Between two prompts the terminal used to be in cooked mode, where the tty turns Ctrl-D into an
end-of-file nobody reads: the next prompt got a NUL byte instead and the shell stayed (seen as a
flaky ``leave()`` when the Ctrl-D was sent just after Enter).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .terminal import ShellTerminal
from .test_repl import prompt_re, waiting_shell

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]


def test_ctrl_d_pressed_while_a_command_runs_leaves_once_it_is_done(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = waiting_shell(spawn, tenant)
    shell.ctrl("d")
    assert shell.wait_exit() == 0
    assert "FAILED" in shell.text()  # the command was not cut short: its result was shown


def test_text_typed_while_a_command_runs_is_on_the_next_prompt(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = waiting_shell(spawn, tenant)
    shell.type(".cont")
    shell.wait_for(prompt_re(tenant) + r" \.cont$")
    shell.line("ext")
    shell.wait_for(r"target\s+the connector device")
    assert shell.leave() == 0
