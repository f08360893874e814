"""The ``--output json`` contract: every command of a run gives exactly one JSON object on
stdout, errors included, with the same keys; the human message goes to stderr as well. One test
per exit code (0, 1, 2, 3, 4, 130), plus local listings as structured data."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lwm2m_shell.outcome import JSON_KEYS
from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers.tenants import TenantFactory

from .conftest import Run, RunShell, unsafe_bytes


@pytest.fixture
def tenant(
    make_tenant: TenantFactory,
) -> SimulatedTenant:  # a well-behaved tenant: the contract, not the text
    return make_tenant(devices=20, pending_delay=0.0, execution_delay=0.05)


def answers(run: Run, count: int) -> list[dict[str, Any]]:
    """The JSON objects of stdout: one per line, ``count`` of them, each with every key."""
    lines = run.out.splitlines()
    assert len(lines) == count, run.out + run.err
    objects = [json.loads(line) for line in lines]
    for answer in objects:
        assert tuple(answer) == JSON_KEYS
    assert unsafe_bytes(run.stdout) == [] and unsafe_bytes(run.stderr) == []
    return objects


def test_exit_0_local_commands_and_structured_listings(run_shell: RunShell) -> None:
    run = run_shell(
        "--output", "json", "-c", "help", "-c", ".context", "-c", ".devices imei",
        "-c", ".endpoints", "-c", ".history 3", "-c", ".bulk",
    )  # fmt: skip
    assert run.code == 0, run.err
    help_, context, devices, endpoints, history, bulk = answers(run, 6)
    assert {a["status"] for a in (help_, context, devices)} == {"LOCAL"}
    assert all(a["exitCode"] == 0 and a["error"] is None for a in (help_, context, devices))
    assert "migrateLwm2mDevices" in help_["result"]
    assert {"url", "tenant", "user", "connectorId", "connection"} <= set(context["result"])
    found = devices["result"]
    assert found["shown"] == len(found["devices"]) > 0 and found["total"] >= found["shown"]
    assert all(set(d) == {"id", "name", "type", "endpoint"} for d in found["devices"])
    assert all("imei" in d["endpoint"] or "imei" in d["name"] for d in found["devices"])
    assert all(
        set(e) == {"endpoint", "deviceId", "name", "provisional"}
        for e in endpoints["result"]["endpoints"]
    )
    assert isinstance(history["result"], list) and len(history["result"]) == 3
    assert {"operationId", "status", "command", "creationTime"} <= set(history["result"][0])
    assert isinstance(bulk["result"], list) and bulk["result"][0]["description"]


def test_exit_1_a_failed_command_with_its_reason_and_times(run_shell: RunShell) -> None:
    run = run_shell("--output", "json", "-c", "invalidateRegistrationById AAAAAAAAAA", "-c", "help")
    assert run.code == 1
    failed, help_ = answers(run, 2)
    assert failed["status"] == "FAILED" and failed["exitCode"] == 1
    assert failed["operationId"] and failed["failureReason"].startswith("No LWM2M registration")
    assert failed["creationTime"] and failed["lastUpdated"]  # not always null
    assert failed["lastUpdated"] >= failed["creationTime"]
    assert help_["status"] == "LOCAL" and help_["exitCode"] == 0  # a FAILED does not stop a run


def test_exit_2_an_invalid_line_gives_invalid_and_not_run_objects(
    run_shell: RunShell, tenant: SimulatedTenant
) -> None:
    run = run_shell(
        "--output", "json", "-c", "help", "-c", "invalidateRegistrationById", "-c", "nosuchcmd x"
    )  # fmt: skip
    assert run.code == 2
    first, missing, unknown = answers(run, 3)
    assert first["status"] == "NOT_RUN" and first["exitCode"] == 2 and first["command"] == "help"
    for answer in (missing, unknown):
        assert answer["status"] == "INVALID" and answer["exitCode"] == 2
        assert answer["error"].startswith("-c #")
    assert "-c #2:" in run.err and "nothing was sent" in run.err  # the human message too


def test_exit_2_a_tenant_wide_command_without_yes(run_shell: RunShell) -> None:
    run = run_shell("--output", "json", "-c", "migrateLwm2mDevices", "-c", "help")
    assert run.code == 2
    wide, other = answers(run, 2)
    assert wide["status"] == "INVALID" and "--yes" in wide["error"]
    assert other["status"] == "NOT_RUN"
    assert "--yes" in run.err


def test_exit_2_a_file_that_cannot_be_read(run_shell: RunShell, tmp_path: Path) -> None:
    run = run_shell("--output", "json", "-f", str(tmp_path / "missing.txt"))
    assert run.code == 2
    (answer,) = answers(run, 1)
    assert answer["command"] is None and answer["status"] == "INVALID"
    assert "cannot read" in answer["error"] and "cannot read" in run.err


def test_exit_2_a_file_with_a_line_that_is_not_utf8(run_shell: RunShell, tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_bytes(b"help\n\xff\xfe\n")
    run = run_shell("--output", "json", "-f", str(script))
    assert run.code == 2
    bad, good = answers(run, 2)
    assert bad["status"] == "INVALID" and "UTF-8" in bad["error"]
    assert good["status"] == "NOT_RUN" and good["command"] == "help"


def test_exit_3_a_tenant_that_cannot_be_reached(run_shell: RunShell) -> None:
    closed = "http://127.0.0.1:9"  # discard port: nothing listens
    run = run_shell(
        "--output", "json", "--request-timeout", "5",
        "-c", "invalidateRegistrationById AAAAAAAAAA", "-c", "help",
        extra_env={"C8Y_BASEURL": closed},
    )  # fmt: skip
    assert run.code == 3
    failed, skipped = answers(run, 2)
    assert failed["status"] == "ERROR" and failed["exitCode"] == 3 and failed["error"]
    assert skipped["status"] == "NOT_RUN" and skipped["exitCode"] == 3
    assert failed["error"].split(":")[0] in run.err  # connection errors reach stderr too


def test_exit_3_a_refused_login(run_shell: RunShell) -> None:
    run = run_shell(
        "--output", "json", "-c", "invalidateRegistrationById AAAAAAAAAA",
        extra_env={"C8Y_PASSWORD": "wrong-password"},
    )  # fmt: skip
    assert run.code == 3
    (answer,) = answers(run, 1)
    assert answer["exitCode"] == 3 and answer["error"] and answer["status"] in ("ERROR", "NOT_RUN")
    assert "error" in run.err


def test_exit_4_a_timeout_names_the_operation(run_shell: RunShell, tenant: SimulatedTenant) -> None:
    tenant.set_agent(online=False)
    run = run_shell(
        "--output", "json", "--timeout", "0.5", "-c", "invalidateRegistrationById AAAAAAAAAA",
        "-c", "help",
    )  # fmt: skip
    assert run.code == 4
    waited, skipped = answers(run, 2)
    assert waited["status"] == "PENDING" and waited["exitCode"] == 4 and waited["operationId"]
    assert waited["lastUpdated"] and waited["error"]
    assert skipped["status"] == "NOT_RUN" and skipped["exitCode"] == 4
    assert waited["operationId"] in run.err


def sent(tenant: SimulatedTenant, text: str) -> bool:
    ops = tenant.operations(tenant.connector_id)
    return any(op.get("c8y_Command", {}).get("text") == text for op in ops)


def test_exit_130_an_interrupt_while_waiting(env: dict[str, str], tenant: SimulatedTenant) -> None:
    tenant.set_agent(online=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "lwm2m_shell", "--output", "json",
         "-c", "invalidateRegistrationById ZZZZZZZZZZ", "-c", "help"],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stderr is not None
    logged: list[bytes] = []
    for line in proc.stderr:  # interrupt once the shell says it waits for the operation
        logged.append(line)  # (before, the ID may be unknown: see test_net_interrupts)
        if re.match(rb"operation \d+: ", line):
            break
    assert sent(tenant, "invalidateRegistrationById ZZZZZZZZZZ"), b"".join(logged)
    os.kill(proc.pid, signal.SIGINT)
    out, rest = proc.communicate(timeout=30)
    err = b"".join(logged) + rest
    run = Run(proc.returncode, out, err)
    assert run.code == 130, run.err
    stopped, skipped = answers(run, 2)
    assert stopped["exitCode"] == 130 and stopped["operationId"] and stopped["error"], stopped
    assert skipped["status"] == "NOT_RUN" and skipped["exitCode"] == 130
    assert b"Traceback" not in err
