"""SIGTERM and SIGHUP end the interactive shell as Ctrl-D does: what only the end of a session
saves (the registration IDs it learned) is saved, the exit code is 128 + the signal, and an
operation the shell was waiting for goes on."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

import pytest

from lwm2m_shell.catalogue import cache
from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import wait_until

from .terminal import ShellTerminal
from .test_repl import device_with_registration, prompt_re, waiting_shell

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_at_the_prompt_leaves_and_keeps_the_learned_ids(
    spawn: Spawn,
    tenant: SimulatedTenant,
    env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    signum: signal.Signals,
) -> None:
    registration = str(device_with_registration(tenant)["registrations"][0])  # type: ignore[index]
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.wait_for(r"\d+ endpoints")  # loaded and saved: IDs learned later wait for the end
    shell.line(f"invalidateRegistrationById {registration}")
    shell.wait_for(r"✔ SUCCESSFUL · operation \d+")
    shell.wait_for(prompt_re(tenant) + r"\s*$")
    os.kill(shell.child.pid, signum)
    assert shell.wait_exit() == 128 + signum  # left by itself (a signal's death reads as -1)
    monkeypatch.setenv("XDG_CACHE_HOME", env["XDG_CACHE_HOME"])
    saved = cache.load_registrations(cache.registrations_path(tenant.url, tenant.tenant_id))
    assert registration in [key for key, _ in saved]


def test_sigterm_while_a_command_waits_leaves_and_the_operation_goes_on(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = waiting_shell(spawn, tenant)
    operation = shell.wait_for(r"operation (\d+)").group(1)
    os.kill(shell.child.pid, signal.SIGTERM)
    assert shell.wait_exit() == 128 + signal.SIGTERM
    assert "Traceback" not in shell.text()
    wait_until(
        lambda: (
            next(op for op in tenant.operations() if op["id"] == operation)["status"] == "FAILED"
        ),
        10,
        "the operation to end on the tenant",
    )
