"""Text from formatted documents typed or pasted at the prompt: what is sent, and what is said."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .terminal import ShellTerminal
from .test_repl import command_count, prompt_re, wait_until
from .test_typed_text_subprocess import lwm2m_device

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]


def sent(tenant: SimulatedTenant) -> list[str]:
    from lwm2m_shell.client import TAG_FRAGMENT

    return [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]


def test_repeated_device_option_and_typography_at_the_prompt(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    first, second = lwm2m_device(tenant, 0), lwm2m_device(tenant, 1)
    shell = spawn()
    shell.wait_for(prompt_re(tenant))
    shell.line(f"migrateLwm2mDevices -d {first['id']} -sr -d {second['id']}")
    merged = f"migrateLwm2mDevices -d {first['id']} {second['id']} -sr"
    shell.wait_for(f"-d/--devices given more than once: the IDs are sent as one list: {merged}")
    shell.wait_for(r"✔ SUCCESSFUL · operation")
    assert sent(tenant) == [merged]

    shell.line(f"invalidateRegistrationsForEndpoint \u201c{first['endpoint']}\u201d")
    shell.wait_for(f"typographic quotes removed: \u201c{first['endpoint']}\u201d")
    wait_until(lambda: command_count(tenant) == 2)
    assert sent(tenant)[-1] == f"invalidateRegistrationsForEndpoint {first['endpoint']}"

    shell.line("migrateLwm2mDevices \u2013sr \u2014devices 10003")
    shell.wait_for("'\u2013sr': \u2013 is an en dash \\(U\\+2013\\): did you mean -sr\\?")
    plain = str(second["id"])
    wide = "".join(chr(ord(c) + 0xFEE0) for c in plain)  # fullwidth digits
    shell.line(f"migrateLwm2mDevices -d {wide} -sr")
    shell.wait_for(f"fullwidth characters changed to ASCII: {wide} → {plain}")
    wait_until(lambda: command_count(tenant) == 3)
    assert sent(tenant)[-1] == f"migrateLwm2mDevices -d {plain} -sr"
    assert shell.leave() == 0
