"""History is keyed by the tenant and host the session is bound to after the tenant check, not
by how the user was typed (issue 20): ``--user admin`` and ``--user t100200/admin`` share one
history file, and a line typed before the check ended lands in it too."""

from __future__ import annotations

from pathlib import Path

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, Fault, SimulatedTenant

from .terminal import ShellTerminal, shell_env


def histories(home: Path) -> list[Path]:
    folder = home / "state" / "lwm2m-shell" / "history"
    return sorted(folder.iterdir()) if folder.exists() else []


def session(tenant: SimulatedTenant, home: Path, user: str, line: str, shows: str) -> None:
    env = shell_env(home, {"C8Y_BASEURL": tenant.url, "C8Y_PASSWORD": ADMIN_PASSWORD})
    shell = ShellTerminal(["--user", user], env, timeout=60)
    try:
        shell.wait_for(">")
        shell.line(line)
        shell.wait_for(shows)
        shell.wait_for("● connected")
        assert shell.leave() == 0
    finally:
        shell.close()


def test_typed_user_with_and_without_tenant_share_one_history(
    tenant: SimulatedTenant, home: Path
) -> None:
    session(tenant, home, ADMIN_USER, ".send help", "SUCCESSFUL")
    session(tenant, home, f"{tenant.tenant_id}/{ADMIN_USER}", "help .context", r"usage: \.context")
    files = histories(home)
    assert len(files) == 1, files
    assert files[0].name.startswith(tenant.tenant_id)
    text = files[0].read_text()
    assert "+.send help\n" in text and "+help .context\n" in text


def test_earlier_lines_are_offered_once_bound(tenant: SimulatedTenant, home: Path) -> None:
    session(tenant, home, f"{tenant.tenant_id}/{ADMIN_USER}", ".send help", "SUCCESSFUL")
    env = shell_env(home, {"C8Y_BASEURL": tenant.url, "C8Y_PASSWORD": ADMIN_PASSWORD})
    shell = ShellTerminal(["--user", ADMIN_USER], env, timeout=60)
    try:
        shell.wait_for("● connected")
        shell.line("help")  # a new prompt: it reads the history bound meanwhile
        shell.wait_for("Shell commands")
        shell.type("\x1b[A\x1b[A")  # Up twice: this session's help, then the earlier .send help
        shell.wait_for(r"> \.send help")
    finally:
        shell.close()


def test_a_line_typed_before_the_check_ended_is_kept(tenant: SimulatedTenant, home: Path) -> None:
    """The tenant answers slowly: the first line is entered before the session is bound."""
    tenant.add_fault(Fault(kind="latency", path="/tenant/currentTenant", delay=3.0, times=1))
    env = shell_env(home, {"C8Y_BASEURL": tenant.url, "C8Y_PASSWORD": ADMIN_PASSWORD})
    shell = ShellTerminal(["--user", ADMIN_USER], env, timeout=60)
    try:
        shell.wait_for("connecting")
        shell.line("help")
        shell.wait_for("Shell commands")
        shell.wait_for("● connected")
        assert shell.leave() == 0
    finally:
        shell.close()
    files = histories(home)
    assert len(files) == 1 and files[0].name.startswith(tenant.tenant_id), files
    assert "+help\n" in files[0].read_text()
