"""``-v`` in the interactive shell: log lines appear above the prompt and never break it, nor the
toolbar, nor the progress line of a command that waits."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import Fault, SimulatedTenant

from .terminal import ShellTerminal

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]
PROMPT = r"@127\.0\.0\.1:\d+>"
LOG_LINE = r"(?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d[,.]\d+ INFO lwm2m_shell[\w.]*: "


def prompt_lines(shell: ShellTerminal) -> list[str]:
    return [line for line in shell.text().splitlines() if re.search(PROMPT, line)]


@pytest.mark.parametrize("echo", [["-v"], ["--log-file", "/dev/tty"]], ids=["v", "log-file-tty"])
def test_log_lines_arriving_while_typing_leave_prompt_and_toolbar_intact(
    spawn: Spawn, tenant: SimulatedTenant, echo: list[str]
) -> None:
    shell = spawn(*echo)
    shell.wait_for(PROMPT)
    shell.wait_for(r"30 endpoints · just now")
    # Every inventory request now takes a while: the refresh logs while a line is half typed.
    tenant.add_fault(Fault(kind="latency", delay=0.4, path="/inventory", times=None))
    shell.line(".refresh")
    shell.type("invalidateRegistrationById F7D")
    shell.wait_for(PROMPT + r" invalidateRegistrationById F7D")
    before = len(re.findall(LOG_LINE + r"GET /inventory", shell.text()))
    shell.wait_for(r"30 endpoints · just now", timeout=30)  # the refresh is done
    shell.settle(0.5)
    screen = shell.text()
    after = len(re.findall(LOG_LINE + r"GET /inventory", screen))
    assert after > before, "no log line arrived while the line was half typed"
    lines = screen.splitlines()
    # The prompt is the last non-empty line above the toolbar, whole, with what was typed.
    assert re.fullmatch(".*" + PROMPT + r" invalidateRegistrationById F7D", prompt_lines(shell)[-1])
    assert lines[-1].lstrip().startswith(f"{tenant.tenant_id}@127.0.0.1"), lines[-1]
    assert "connected" in lines[-1] and "INFO" not in lines[-1]
    # Every log line is a line of its own: it starts with its time, no fragments glued on.
    for line in lines:
        if "INFO" in line:
            assert re.match(LOG_LINE, line), line
            assert not re.search(PROMPT, line), line
    shell.line("")  # the half-typed line is still there and can be sent
    shell.wait_for(r"(?s)F7D.*(FAILED|SUCCESSFUL)", timeout=20)
    assert shell.leave() == 0


def test_log_lines_during_a_wait_do_not_stick_to_the_progress_line(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    tenant.set_agent(execution_delay=2.5)
    shell = spawn("-v")
    shell.wait_for(PROMPT)
    shell.wait_for(r"· ⚡ live updates|· polling")
    shell.line("invalidateRegistrationById ZZZZZZZZZZ")
    shell.wait_for(r"EXECUTING +\d")
    shell.wait_for(r"✘ FAILED", timeout=20)
    shell.settle(0.5)
    for line in shell.text().splitlines():
        if "INFO" in line:
            assert re.match(LOG_LINE, line), line
            assert "EXECUTING" not in line and "PENDING" not in line, line
    assert shell.leave() == 0
