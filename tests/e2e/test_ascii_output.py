"""An output that takes only ASCII (`PYTHONIOENCODING=ascii`, `LC_ALL=C` without UTF-8 mode):
no crash, ASCII symbols, the tenant's non-ASCII text as escapes, in -c and in the REPL."""

from __future__ import annotations

import re
import subprocess

import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .terminal import ShellTerminal
from .test_modes import SHELL

ASCII = {"PYTHONIOENCODING": "ascii"}
C_LOCALE = {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}


def run_bytes(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run([*SHELL, *args], env=env, capture_output=True, timeout=60)
    assert b"Traceback" not in result.stderr, result.stderr
    assert b"UnicodeEncodeError" not in result.stderr + result.stdout
    return result


def unicode_name(tenant: SimulatedTenant) -> str:
    device = tenant.lwm2m_devices()[0]
    tenant.rename_device(str(device["id"]), "Zähler ✓ Ω")
    return str(device["id"])


@pytest.mark.parametrize("encoding", [ASCII, C_LOCALE], ids=["PYTHONIOENCODING", "LC_ALL=C"])
def test_one_shot_commands_never_crash_on_an_ascii_output(
    env: dict[str, str], tenant: SimulatedTenant, encoding: dict[str, str]
) -> None:
    unicode_name(tenant)
    plain = {**env, **encoding}
    for command in (".endpoints", ".devices", ".history", ".context"):
        result = run_bytes(plain, "-c", command)
        assert result.returncode == 0, (command, result.stderr)
        result.stdout.decode("ascii")  # nothing but ASCII reached the stream
        result.stderr.decode("ascii")
    listed = run_bytes(plain, "-c", ".devices").stdout.decode("ascii")
    assert "Z\\xe4hler \\u2713 \\u03a9" in listed  # the tenant's text, escaped, not dropped
    failed = run_bytes(plain, "-c", "invalidateRegistrationById ZZZZZZZZZZ")
    assert failed.returncode == 1
    assert re.search(rb"^x FAILED - operation \d+", failed.stderr, re.MULTILINE), failed.stderr
    succeeded = run_bytes(
        plain, "-c", "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000"
    )
    assert re.search(rb"^\+ SUCCESSFUL - operation \d+", succeeded.stderr, re.MULTILINE)


@pytest.mark.pty
def test_the_repl_on_an_ascii_output_shows_ascii_symbols(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    unicode_name(tenant)
    shell = ShellTerminal([], {**env, **ASCII}, columns=200)
    try:
        shell.wait_for(r"\* connected", timeout=30)
        shell.wait_for(r"~ live updates", timeout=30)
        shell.line(".devices")
        shell.wait_for(r"Z\\xe4hler \\u2713 \\u03a9")
        shell.line(".history")
        shell.wait_for(r"\(`\.status ID` shows one command's result\)")
        shell.line("invalidateRegistrationById ZZZZZZZZZZ")
        shell.wait_for(r"x FAILED - operation \d+")
        text = shell.text()
        for symbol in "●✔✘·…⚡»":
            assert symbol not in text
        assert "internal error" not in text
        assert shell.leave() == 0  # still running: it left when asked
    finally:
        shell.close()
