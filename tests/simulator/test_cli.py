"""``python -m lwm2m_shell.simulator``: help, start-up banner, Ctrl-C, and fault specs."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import httpx
import pytest

from lwm2m_shell.simulator import Fault, parse_fault_spec


def test_help_documents_fault_syntax() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lwm2m_shell.simulator", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0
    assert "status=503,path=/inventory,times=3" in done.stdout
    for option in ("--devices", "--port", "--seed", "--agent-offline", "--connectors", "--fault"):
        assert option in done.stdout


def test_runs_prints_credentials_and_stops_cleanly_on_ctrl_c() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "lwm2m_shell.simulator", "--devices", "20", "--agent-offline",
         "--fault", "status=503,path=/inventory,times=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        banner = [process.stdout.readline() for _ in range(8)]
        text = "".join(banner)
        url = re.search(r"http://127\.0\.0\.1:\d+", text)
        assert url, text
        assert "admin / admin-secret-1" in text and "424242" in text
        auth = ("t100200/admin", "admin-secret-1")
        first = httpx.get(f"{url.group(0)}/inventory/managedObjects", auth=auth)
        assert first.status_code == 503
        assert httpx.get(f"{url.group(0)}/inventory/managedObjects", auth=auth).status_code == 200
        agent = httpx.get(f"{url.group(0)}/__simulator__/agent").json()
        assert agent["online"] is False
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Traceback" not in err and "stopped" in out


def test_bad_arguments_exit_2_without_traceback() -> None:
    for args in (["--fault", "explode"], ["--devices", "-3"], ["--connectors", "x"]):
        done = subprocess.run(
            [sys.executable, "-m", "lwm2m_shell.simulator", *args],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("spec", "fault"),
    [
        (
            "status=503,path=/inventory,times=3",
            Fault("status", status=503, path="/inventory", times=3),
        ),
        ("latency=0.5", Fault("latency", delay=0.5)),
        ("slow=5,method=post,after", Fault("slow", delay=5, method="POST", after_processing=True)),
        ("drop,times=all,probability=0.1", Fault("drop", times=None, probability=0.1)),
        ("status=429,retry_after=2", Fault("status", status=429, retry_after=2)),
        ("kind=html_502,path=/devicecontrol", Fault("html_502", path="/devicecontrol")),
        ("malformed_json,after=false", Fault("malformed_json")),
    ],
)
def test_fault_specs(spec: str, fault: Fault) -> None:
    assert parse_fault_spec(spec) == fault


@pytest.mark.parametrize(
    "spec",
    ["", "explode", "drop=3", "status=abc", "status=503,colour=red", "path=/x", "drop,times=0"],
)
def test_bad_fault_specs(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_fault_spec(spec)
