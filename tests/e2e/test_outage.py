"""The tenant goes away under a running REPL and comes back: the toolbar says so within seconds,
`.context` tells the truth, the catalogue reloads by itself and a failed `.refresh` clears."""

from __future__ import annotations

import re
import time

import pytest

from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers.restart import down, revived

from .terminal import ShellTerminal

pytestmark = [pytest.mark.pty, pytest.mark.timeout(150)]

CATALOGUE_QUERIES = "/inventory/managedObjects"


def toolbar(shell: ShellTerminal) -> str:
    rows = shell.text().rstrip().splitlines()
    return rows[-1] if rows else ""


def wait_toolbar(shell: ShellTerminal, pattern: str, timeout: float) -> float:
    """Seconds until the toolbar (the last row) matches ``pattern``."""
    started = time.monotonic()
    while not re.search(pattern, toolbar(shell)):
        assert time.monotonic() - started < timeout, (
            f"toolbar never said {pattern!r}:\n{shell.text()}"
        )
        shell.pump(0.05)
    return time.monotonic() - started


def test_an_outage_is_shown_within_seconds_and_the_comeback_reloads(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    shell = ShellTerminal([], env, columns=220)
    again: SimulatedTenant | None = None
    try:
        shell.wait_for(r"● connected", timeout=30)
        shell.wait_for("⚡ live updates", timeout=30)
        wait_toolbar(shell, r"\d+ endpoints", 30)
        with down(tenant) as port:
            took = wait_toolbar(shell, r"✘ tenant unreachable since \d\d:\d\d:\d\d", 5.0)
            assert "refuses connections" in toolbar(shell)
            assert "● connected" not in toolbar(shell)
            shell.line(".context")
            shell.wait_for(r"connection  tenant unreachable since .*refuses connections")
            shell.line("invalidateRegistrationById ZZZZZZZZZZ")
            shell.wait_for(r"not sent: the tenant refuses connections", timeout=60)
            assert "Errno" not in shell.text()
            shell.line(".refresh")
            wait_toolbar(shell, r"catalogue load failed \(the tenant refuses connections", 60)
            assert "Errno" not in toolbar(shell)
        again = revived(tenant, port)
        back = wait_toolbar(shell, r"● back since \d\d:\d\d:\d\d", 15)
        deadline = time.monotonic() + 30
        while again.request_count(CATALOGUE_QUERIES) == 0:  # reloading, nobody typed a thing
            assert time.monotonic() < deadline, "the catalogue was not reloaded"
            shell.pump(0.05)
        wait_toolbar(shell, r"· \d+ endpoints · just now · ⚡", 30)  # reloaded, nothing failed
        assert "catalogue load failed" not in toolbar(shell)
        shell.line(".context")
        shell.wait_for(r"connection  connected \(back since")
        print(f"outage shown after {took:.2f}s; comeback shown after {back:.2f}s")
        assert shell.leave() == 0
    finally:
        shell.close()
        if again is not None:
            again.stop()
