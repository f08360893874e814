"""Tab sent in the same write as the text it completes: it must complete, every time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .terminal import ShellTerminal

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]
PROMPT = r"@127\.0\.0\.1:\d+>"


def test_tab_right_after_the_text_completes(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(PROMPT)
    for _ in range(4):
        shell.type("iRFE\t")  # one write: no pause for completion-while-typing to finish
        shell.wait_for(PROMPT + r" invalidateRegistrationsForEndpoint$", timeout=10)
        shell.ctrl("u")
        shell.wait_for(PROMPT + r"$")
    shell.type("invalidateRegistrationB\t")
    shell.wait_for(PROMPT + r" invalidateRegistrationById$", timeout=10)
    shell.ctrl("u")
    shell.type("inv\t\t")  # two Tabs at once: the second moves on to the next candidate
    shell.wait_for(PROMPT + r" invalidateRegistrationById$", timeout=10)
    shell.wait_for(r"invalidateRegistrationsForEndpoint +invalidate every")  # the menu is shown
    shell.ctrl("u")
    shell.wait_for(PROMPT + r"$")
    shell.type("inv\t")  # several candidates: the first is taken, the menu stays
    shell.wait_for(PROMPT + r" invalidateRegistrationsForEndpoint$", timeout=10)
    shell.type("\t")  # and a later Tab walks it
    shell.wait_for(PROMPT + r" invalidateRegistrationById$", timeout=10)
    shell.ctrl("u")
    shell.type("migrateLwm2mDevices -sr --dev\t")
    shell.wait_for(PROMPT + r" migrateLwm2mDevices -sr --devices$", timeout=10)
    shell.ctrl("u")
    assert shell.leave() == 0


def test_tab_typed_before_the_first_prompt_is_drawn_still_completes(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    """Keys that arrive while the shell still starts (the parts still load) are not lost."""
    shell = spawn()
    shell.type("iRFE\t")
    shell.wait_for(PROMPT + r" invalidateRegistrationsForEndpoint$", timeout=15)
    shell.ctrl("u")
    assert shell.leave() == 0
