"""A tenant-wide command in ``-c`` is confirmed on the controlling terminal (issue 20), even when
stdin, stdout and stderr are files; declining is a "not sent" note, not an error.

pexpect gives the shell a controlling terminal; ``sh`` redirects all three standard streams
away from it, so the question can only come through ``/dev/tty``.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pexpect

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.simulator import SimulatedTenant

QUESTION = r"acts on EVERY LWM2M device of tenant \S+\. Send it\? \[y/N\] "


def sent(tenant: SimulatedTenant) -> list[str]:
    return [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]


def spawn_redirected(env: dict[str, str], folder: Path, *args: str) -> pexpect.spawn:
    command = " ".join(shlex.quote(part) for part in [sys.executable, "-m", "lwm2m_shell", *args])
    script = f'{command} </dev/null >"{folder}/out" 2>"{folder}/err"; echo "exit=$?"'
    return pexpect.spawn("/bin/sh", ["-c", script], env=env, timeout=60, encoding="utf-8")


def test_yes_on_the_terminal_sends_it(
    env: dict[str, str], tenant: SimulatedTenant, tmp_path: Path
) -> None:
    child = spawn_redirected(env, tmp_path, "-c", "migrateLwm2mDevices")
    child.expect(QUESTION)
    assert sent(tenant) == []  # nothing before the answer
    child.sendline("y")
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == "0", (tmp_path / "err").read_text()
    assert sent(tenant) == ["migrateLwm2mDevices"]


def test_no_on_the_terminal_is_a_note_and_nothing_is_sent(
    env: dict[str, str], tenant: SimulatedTenant, tmp_path: Path
) -> None:
    child = spawn_redirected(env, tmp_path, "-c", "migrateLwm2mDevices", "--output", "json")
    child.expect(QUESTION)
    child.sendline("n")
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == "2"
    err = (tmp_path / "err").read_text()
    assert err.splitlines() == ["not sent: `migrateLwm2mDevices` was not confirmed"]
    out = (tmp_path / "out").read_text()
    assert '"status": "NOT_RUN"' in out and '"error": null' in out
    assert sent(tenant) == []


def test_without_a_controlling_terminal_it_needs_yes(
    env: dict[str, str], tenant: SimulatedTenant, tmp_path: Path
) -> None:
    script = f"{shlex.quote(sys.executable)} -m lwm2m_shell -c migrateLwm2mDevices </dev/null"
    child = pexpect.spawn(
        "setsid",
        ["-w", "/bin/sh", "-c", f"{script}; echo exit=$?"],
        env=env,
        timeout=60,
        encoding="utf-8",
    )  # setsid: a new session without a controlling terminal
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == "2"
    assert "(use --yes in scripts)" in (child.before or "") or "add --yes" in (child.before or "")
    assert sent(tenant) == []
