"""One-shot (-c), file (-f) and stdin modes: output, JSON and every exit code."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.simulator import Fault, SimulatedTenant
from tests.helpers import wait_until

from .terminal import SHELL
from .terminal import run_script as run


def registration(tenant: SimulatedTenant) -> str:
    device = next(d for d in tenant.lwm2m_devices() if d["registrations"])
    return str(device["registrations"][0])  # type: ignore[index]


def commands(tenant: SimulatedTenant) -> list[str]:
    """Texts of the commands the shell sent (the tenant also holds older seeded operations)."""
    return [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]


def test_help_is_local_and_exits_0(env: dict[str, str], tenant: SimulatedTenant) -> None:
    before = tenant.request_count()
    result = run(env, "-c", "help")
    assert result.returncode == 0
    assert "invalidateRegistrationById" in result.stdout
    assert tenant.request_count() == before  # answered without the network


def test_successful_command_exit_0(env: dict[str, str], tenant: SimulatedTenant) -> None:
    reg = registration(tenant)
    result = run(env, "-c", f"invalidateRegistrationById {reg}")
    assert result.returncode == 0, result.stderr
    assert "SUCCESSFUL" in result.stderr
    assert commands(tenant).count(f"invalidateRegistrationById {reg}") == 1


def test_failed_command_exit_1(env: dict[str, str], tenant: SimulatedTenant) -> None:
    result = run(env, "-c", "invalidateRegistrationById ZZZZZZZZZZ")
    assert result.returncode == 1
    assert "FAILED" in result.stderr


def test_invalid_command_exit_2_nothing_sent(env: dict[str, str], tenant: SimulatedTenant) -> None:
    before = tenant.request_count()
    result = run(env, "-c", "help", "-c", "migrateLwm2mDevices -d 12a")
    assert result.returncode == 2
    assert "12a" in result.stderr and "nothing was sent" in result.stderr
    assert tenant.request_count() == before
    assert commands(tenant) == []


def test_unreachable_tenant_exit_3(env: dict[str, str]) -> None:
    result = run(
        {**env, "C8Y_BASEURL": "http://127.0.0.1:9"}, "-c", "invalidateRegistrationById A1"
    )
    assert result.returncode == 3
    assert "cannot reach" in result.stderr


def test_wrong_password_exit_3(env: dict[str, str]) -> None:
    result = run({**env, "C8Y_PASSWORD": "wrong"}, "-c", "invalidateRegistrationById A1")
    assert result.returncode == 3
    assert "authentication failed" in result.stderr
    assert "wrong" not in result.stderr


def test_timeout_exit_4_prints_operation_id(env: dict[str, str], tenant: SimulatedTenant) -> None:
    tenant.set_agent(online=False)
    result = run(env, "--timeout", "0.5", "-c", "invalidateRegistrationById ZZZZZZZZZZ")
    assert result.returncode == 4
    operation_id = tenant.operations()[-1]["id"]
    assert f".status {operation_id}" in result.stderr


def interrupt_once(env: dict[str, str], reached: Callable[[], bool]) -> str:
    """Run a connector command with -c, press Ctrl-C (SIGINT) once ``reached()`` says the
    tenant has it, and return stderr; the shell must exit 130 without a traceback."""
    proc = subprocess.Popen(
        [*SHELL, "-c", "invalidateRegistrationById ZZZZZZZZZZ"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until(reached, 20, "the command to reach the tenant")
    os.kill(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert "Traceback" not in err
    return err


def test_interrupt_exit_130(env: dict[str, str], tenant: SimulatedTenant) -> None:
    tenant.set_agent(online=False)

    def waiting() -> bool:  # created, and the shell asks how it goes: it waits, not sends
        ids = [op["id"] for op in tenant.operations() if TAG_FRAGMENT in op]
        return any(tenant.request_count(f"/devicecontrol/operations/{i}") for i in ids)

    err = interrupt_once(env, waiting)
    assert ".status" in err


def test_interrupt_during_the_post_still_names_the_operation(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    """Ctrl-C while the POST is in flight: the shell stops at once (it does not wait for the
    answer), says the operation may have been created and how to look it up; the tenant still
    creates it once."""
    tenant.add_fault(
        Fault(kind="latency", delay=2.0, method="POST", path="/devicecontrol/operations")
    )
    # the POST is counted on arrival and held for 2 s: the Ctrl-C lands inside it
    err = interrupt_once(env, lambda: tenant.request_count("/devicecontrol/operations") > 0)
    assert re.search(r"the operation may have been created; `lwm2m-shell -c '\.history'`", err)
    wait_until(lambda: commands(tenant), 20, "the held POST to create the operation")
    assert commands(tenant) == ["invalidateRegistrationById ZZZZZZZZZZ"]


def test_json_output_one_object_per_command(env: dict[str, str], tenant: SimulatedTenant) -> None:
    reg = registration(tenant)
    result = run(
        env,
        "--output",
        "json",
        "-c",
        f"invalidateRegistrationById {reg}",
        "-c",
        "invalidateRegistrationById ZZZZZZZZZZ",
    )
    assert result.returncode == 1
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["status"] for o in objects] == ["SUCCESSFUL", "FAILED"]
    assert objects[0]["command"] == f"invalidateRegistrationById {reg}"
    assert objects[0]["operationId"] and objects[0]["creationTime"]
    assert objects[1]["failureReason"]
    assert {o["exitCode"] for o in objects} == {0, 1}


def test_file_mode_runs_lines_in_order(
    env: dict[str, str], tenant: SimulatedTenant, tmp_path: Path
) -> None:
    reg = registration(tenant)
    script = tmp_path / "commands.txt"
    script.write_text(
        "# migrate then invalidate\n\n"
        f"* `invalidateRegistrationById {reg}`: pasted from the docs\n"
        "invalidateRegistrationById ZZZZZZZZZZ\n"
    )
    result = run(env, "-f", str(script))
    assert result.returncode == 1
    assert commands(tenant) == [
        f"invalidateRegistrationById {reg}",
        "invalidateRegistrationById ZZZZZZZZZZ",
    ]


def test_stdin_mode_and_bad_utf8(env: dict[str, str], tenant: SimulatedTenant) -> None:
    result = run(env, stdin=b"help\n.context\n")
    assert result.returncode == 0
    assert "connector device" in result.stdout
    bad = subprocess.run(SHELL, env=env, input=b"help\n\xff\xfe\n", capture_output=True, timeout=60)
    assert bad.returncode == 2
    assert b"not valid UTF-8" in bad.stderr


def test_catalogue_commands_in_one_shot_and_stdin(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    """``.devices``, ``.endpoints`` and ``.refresh`` load the catalogue on demand outside the
    interactive shell (a fresh process: nothing registered them in advance)."""
    device = next(d for d in tenant.lwm2m_devices() if str(d["endpoint"]).startswith("urn:imei:"))
    endpoint = str(device["endpoint"])
    result = run(env, "-c", f".endpoints {endpoint[-6:]}", "-c", ".devices")
    assert result.returncode == 0, result.stderr
    assert endpoint in result.stdout and str(device["id"]) in result.stdout
    piped = run(env, stdin=b".refresh\n")
    assert piped.returncode == 0, piped.stderr
    assert f"{len(tenant.lwm2m_devices())} endpoints" in piped.stdout


def test_tenant_wide_needs_yes_without_terminal(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    refused = run(env, stdin=b"migrateLwm2mDevices\n")
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    assert commands(tenant) == []
    accepted = run(env, "--yes", stdin=b"migrateLwm2mDevices\n")
    assert accepted.returncode == 0, accepted.stderr
    assert commands(tenant) == ["migrateLwm2mDevices"]


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_answer_without_a_tenant(flag: str, tmp_path: Path) -> None:
    result = subprocess.run([*SHELL, flag], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    assert "lwm2m-shell" in result.stdout


def test_no_url_is_a_usage_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("C8Y_")}
    env["XDG_STATE_HOME"] = str(tmp_path)
    result = subprocess.run(
        [*SHELL, "-c", "invalidateRegistrationById A1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "no tenant URL" in result.stderr
