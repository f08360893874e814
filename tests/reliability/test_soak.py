"""Soak: 500 commands in batch mode through a flaky tenant; every one accounted for exactly once.

Run on demand: ``pytest -m soak``. One in ten requests meets a fault (answers from proxies,
dropped connections before or after the tenant did the work, rate limiting, latency); the batch
must still end with each command on the tenant exactly once and reported exactly once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, Fault, SimulatedTenant

pytestmark = pytest.mark.soak

COMMANDS = 500
FAULT_RATE = 0.10


def flaky_faults() -> list[Fault]:
    share = FAULT_RATE / 6
    every = {"times": None, "probability": share}
    return [
        Fault(kind="status", status=503, **every),  # type: ignore[arg-type]
        Fault(kind="html_502", **every),  # type: ignore[arg-type]
        Fault(kind="status", status=429, retry_after=0.05, **every),  # type: ignore[arg-type]
        Fault(kind="drop", **every),  # type: ignore[arg-type]
        Fault(kind="drop", after_processing=True, **every),  # type: ignore[arg-type]
        Fault(kind="latency", delay=0.05, **every),  # type: ignore[arg-type]
    ]


@pytest.mark.timeout(600)
def test_500_commands_through_a_flaky_tenant(tmp_path: Path) -> None:
    texts = [f"invalidateRegistrationById Soak{n:06d}" for n in range(COMMANDS)]
    script = tmp_path / "soak.txt"
    script.write_text("\n".join(texts) + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("C8Y_", "XDG_"))}
    for name in ("config", "state", "cache"):
        env[f"XDG_{name.upper()}_HOME"] = str(tmp_path / name)
    with SimulatedTenant(devices=50, pending_delay=0.0, execution_delay=0.0, seed=11) as tenant:
        env.update(
            C8Y_BASEURL=tenant.url,
            C8Y_USER=f"{tenant.tenant_id}/{ADMIN_USER}",
            C8Y_PASSWORD=ADMIN_PASSWORD,
        )
        for fault in flaky_faults():
            tenant.add_fault(fault)
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "lwm2m_shell", "-f", str(script), "--output", "json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=540,
        )
        elapsed = time.monotonic() - started
        tenant.clear_faults()
        created = [op for op in tenant.operations() if TAG_FRAGMENT in op]
        faulted = tenant.request_count()
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    print(
        f"\nsoak: {COMMANDS} commands, {len(reports)} reported, {len(created)} operations, "
        f"{faulted} requests, {elapsed:.1f}s, exit {result.returncode}"
    )
    assert "Traceback" not in result.stderr
    # Unknown registration IDs: every command ends FAILED on the tenant (exit code 1).
    assert result.returncode == 1, result.stderr[-2000:]
    assert [r["command"] for r in reports] == texts
    assert all(r["status"] == "FAILED" for r in reports)
    sent = sorted(op["c8y_Command"]["text"] for op in created)  # type: ignore[index]
    assert sent == sorted(texts)  # each command exactly once on the tenant
    assert len({r["operationId"] for r in reports}) == COMMANDS
