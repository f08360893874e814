"""A command's duration does not include the time spent typing a TFA code or password."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import TFA_CODE, TFA_PASSWORD, TFA_USER, SimulatedTenant

from .terminal import ShellTerminal
from .test_repl import prompt_re

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]


def test_typing_the_tfa_code_is_not_counted(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn(
        extra_env={
            "C8Y_USER": f"{tenant.tenant_id}/{TFA_USER}",
            "C8Y_PASSWORD": TFA_PASSWORD,
        }
    )
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(r"TFA code for .*:")  # asked right after the first prompt (issue 20)
    shell.ctrl("d")  # not now: the command below asks again
    shell.wait_for("error: .*TFA")
    shell.line(".send help")
    deadline = time.monotonic() + 60
    while bytes(shell.raw).count(b"TFA code for") < 2:  # the first one is still on the screen
        assert shell.pump() and time.monotonic() < deadline, shell.text()
    time.sleep(3.0)  # a person looking up the code: the very time the duration must leave out
    shell.line(TFA_CODE)
    took = shell.wait_for(r"✔ SUCCESSFUL · operation \d+ in (\d+\.\d)s", timeout=20)
    assert float(took.group(1)) < 2.5, shell.text()
    assert shell.leave() == 0
