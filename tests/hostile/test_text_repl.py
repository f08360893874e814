"""Hostile tenant text in the interactive shell, in a real pseudo-terminal read through pyte:
results, reasons, listings, completion menus, announcements and the toolbar show the text with
its control characters made visible, and the terminal itself is untouched (window title, no
cleared screen, no hidden text, no clipboard write)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import httpx
import pyte
import pytest

from lwm2m_shell.simulator import SimulatedTenant
from lwm2m_shell.simulator.hostile_text import HOSTILE_ENDPOINTS, HOSTILE_NAMES, HOSTILE_TEXT

from ..e2e.terminal import ShellTerminal
from ..simulator.conftest import admin_client

pytestmark = [pytest.mark.pty, pytest.mark.timeout(120)]

Spawn = Callable[..., ShellTerminal]
PROMPT = r"@127\.0\.0\.1:\d+>"
BANNER = "`help` lists the commands"
# What the tenant's text would do if it reached the terminal raw; the shell itself sends none.
RAW_ATTACKS = (b"\x1b]0;", b"\x1b]52;", b"\x1b[8m", b"\x1b[2J", b"\xc2\x9b", b"\xe2\x80\xae")


def untouched(shell: ShellTerminal) -> None:
    """The terminal obeyed nothing of the tenant's: title, screen and clipboard as they were."""
    assert "PWNED" not in shell.screen.title
    assert BANNER in shell.text(), "the screen was cleared"
    raw = bytes(shell.raw)
    assert [attack for attack in RAW_ATTACKS if attack in raw] == []


def at_prompt(shell: ShellTerminal) -> None:
    """Wait for an empty prompt: keys typed before it would reach a terminal in cooked mode."""
    deadline = time.monotonic() + shell.timeout
    while not shell.at_empty_prompt():
        assert shell.pump() and time.monotonic() < deadline, shell.text()


def ready(shell: ShellTerminal, tenant: SimulatedTenant) -> None:
    shell.wait_for(PROMPT)
    shell.wait_for(rf"{len(tenant.lwm2m_devices()):,} endpoints · just now")


def test_the_checks_would_see_an_attack() -> None:
    """The same text fed raw to the emulator retitles the window and clears the screen."""
    screen = pyte.Screen(80, 10)
    stream = pyte.ByteStream(screen)
    stream.feed(f"{BANNER}\r\n{HOSTILE_TEXT}".encode())
    assert screen.title == "PWNED"
    assert BANNER not in "\n".join(screen.display)


def test_a_hostile_result_and_reason_are_shown_not_obeyed(spawn: Spawn) -> None:
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.line("invalidateRegistrationById AAAAAAAAAA")
    shell.wait_for(r"✘ FAILED · operation")  # the reason repeats the result: said once
    shell.wait_for(r"^\\u001b\]0;PWNED\\u0007\\u001b\[2J\\u001b\[8mHIDDEN")  # the result
    assert "\\u000dFAKE" in shell.text() and "\\u202eevil" in shell.text()
    shell.wait_for(PROMPT + "$")
    untouched(shell)
    assert shell.leave() == 0


def test_hostile_device_names_and_endpoints_in_listings(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    shell = spawn()
    ready(shell, tenant)
    shell.line(".devices PWNED")
    shell.wait_for(r"\\u001b\]0;PWNED\\u0007meter .*urn:imei:\\u001b\]0;PWNED\\u0007\\u001b\[2J35")
    shell.line(".endpoints 35000000000002")
    shell.wait_for(r"urn:imei:\\u001b\[8m\\u009b7m\\u202e35000000000002 +\d+ +\\u001b\[8mhidden")
    untouched(shell)
    assert shell.leave() == 0


def test_completion_never_offers_an_endpoint_it_cannot_type(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    hostile_ids = {
        d["id"]: d["name"] for d in tenant.lwm2m_devices() if d["endpoint"] in HOSTILE_ENDPOINTS
    }
    shell = spawn()
    ready(shell, tenant)
    shell.type("invalidateRegistrationsForEndpoint 3500000000000")  # the hostile ones end so
    shell.settle(0.3)
    shell.type("\t")
    shell.settle(0.5)
    line = PROMPT + " invalidateRegistrationsForEndpoint 3500000000000$"
    assert re.search(line, shell.text(), re.MULTILINE), shell.text()
    assert "PWNED" not in shell.text() and "\\u001b" not in shell.text()  # no such candidate
    shell.ctrl("u")
    # Device IDs are typeable: offered, with the hostile names as rendered meta text.
    first = sorted(hostile_ids)[0]
    shell.type(f"migrateLwm2mDevices -d {first[:-1]}")
    shell.settle(0.3)
    shell.type("\t")
    shell.wait_for(rf"{first} +device .*\\u001b\]0;PWNED\\u0007meter|{first} +.*\\u001b")
    untouched(shell)
    shell.ctrl("u")
    assert shell.leave() == 0


def test_hostile_history_bulk_and_announcements(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.wait_for("⚡ live updates")
    with admin_client(tenant) as other:
        created = other.post(
            "/devicecontrol/operations",
            json={
                "deviceId": tenant.connector_id,
                "c8y_Command": {"text": "help \x1b]0;PWNED\x07\x1b[2J\rFAKE\u009b7m"},
            },
        )
        op_id = created.json()["id"]
        bulk = other.post(
            "/devicecontrol/operations",
            json={
                "deviceId": tenant.connector_id,
                "description": "Bulk \x1b]52;c;cHduZWQ=\x07 registration \u202eok",
            },
        )
    shell.wait_for(
        rf"» operation {op_id} sent by someone else: help \\u001b\]0;PWNED\\u0007"
        r"\\u001b\[2J FAKE\\u009b7m"  # white space (the CR) as one space: one line
    )
    bulk_id = bulk.json()["id"]
    shell.wait_for(rf"» new operation {bulk_id} on the connector device: Bulk \\u001b\]52;c;")
    at_prompt(shell)
    shell.line(".history 3")
    shell.wait_for(rf"{op_id} +\w+ +[\d-]+ [\d:]+ [+-][\d:]+ +help \\u001b\]0;PWNED")
    shell.wait_for("shows one command's result")
    at_prompt(shell)
    shell.line(".bulk")
    shell.wait_for(r"^  Bulk \\u001b\]52;c;cHduZWQ=\\u0007 registration \\u202eok")
    at_prompt(shell)
    untouched(shell)
    assert shell.leave() == 0


def test_the_toolbar_shows_a_hostile_error_rendered(spawn: Spawn, tenant: SimulatedTenant) -> None:
    with httpx.Client(base_url=tenant.url) as ctl:  # the tenant's message first, to be seen
        ctl.post("/__simulator__/hostile", json={"text": "\x1b]0;PWNED\x07\x1b[2Jbad"})
    shell = spawn("--connector-id", "99999")
    shell.wait_for(PROMPT)
    shell.wait_for(r"✘ .*404")  # the toolbar is cut between words: the rest in `.context`
    shell.line(".context")
    shell.wait_for(r"404 \\u001b\]0;PWNED")
    untouched(shell)
    assert shell.leave() == 0


def test_names_are_the_hostile_ones() -> None:  # guards the patterns above against drift
    assert HOSTILE_NAMES[0].startswith("\x1b]0;PWNED\x07meter")
    assert HOSTILE_ENDPOINTS[1] == "urn:imei:\x1b[8m\u009b7m\u202e35000000000002"
