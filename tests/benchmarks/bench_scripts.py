"""Script benchmarks: one connector command with ``-c`` against a bare httpx script (before and
after), and ``-f`` with 20 commands with realtime against polling.

    python tests/benchmarks/bench_scripts.py            # 15 runs per figure
    python tests/benchmarks/bench_scripts.py --runs 5
    pytest -m benchmark tests/benchmarks -k bench_scripts -s

``-c``: ``lwm2m-shell --auth basic -c COMMAND`` (and with the default OAuth login) of this
checkout ("after", the connector ID remembered from the warm-up run) and of the version this
branch started from ("before", see ``bench_trees``), alternating with the bare httpx script of
``startup_timing`` (tenant check, connector look-up, POST, polls) against one simulated tenant
whose agent answers at once; medians in milliseconds and their ratio to the floor. Target:
<= 1.8x.

``-f``: a file of 20 ``.send help`` lines with ``--output json`` against a tenant whose agent
takes 0.3 s per command, once with realtime and once against the same kind of tenant without
realtime (its ``/notification/realtime`` answers 404, so the shell polls), alternating; per
command, the delay from the agent's final update (timestamped by the simulator's subscribe
callback, in this process) to the command's JSON line arriving on the shell's stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

if __package__ in (None, ""):  # run as a script: make ``tests`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lwm2m_shell.simulator import Fault, SimulatedTenant, SimulatorConfig
from tests.benchmarks.bench_trees import before_tree
from tests.benchmarks.startup_timing import (
    BIN,
    HTTPX_FLOOR,
    clean_env,
    run_process,
    tenant_process,
    write_floor,
)
from tests.e2e.terminal import admin_login

pytestmark = pytest.mark.benchmark

SHELL = str(BIN / "lwm2m-shell")
PYTHON = sys.executable
COMMAND = "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000"
FILE_COMMANDS = 20
AGENT_SECONDS = 0.3


def bench_one_shot(
    runs: int, out: Callable[[str], None], before: str | None = None
) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with (
        tempfile.TemporaryDirectory() as folder,
        before_tree(before) as (revision, tree),
        tenant_process() as tenant,
    ):
        home = Path(folder)
        floor = write_floor(home, "floor.py", HTTPX_FLOOR)
        env = clean_env(home / "home", admin_login(tenant))  # type: ignore[arg-type]
        before_env = {**env, "PYTHONPATH": str(tree)}
        bare = [PYTHON, str(floor), tenant.url, tenant.tenant_id, *admin_secret(), COMMAND]
        for label, args in (
            ("--auth basic -c <command>", ["--auth", "basic", "-c", COMMAND]),
            ("-c <command> (OAuth)", ["-c", COMMAND]),
        ):
            subjects = {
                "before": lambda a=args: run_process([SHELL, *a], before_env),  # type: ignore[misc]
                "after": lambda a=args: run_process([SHELL, *a], env),  # type: ignore[misc]
                "floor": lambda: run_process(bare, env),
            }
            for run in subjects.values():  # warm-up (and the after run remembers the connector)
                run()
            times: dict[str, list[float]] = {name: [] for name in subjects}
            for _ in range(runs):
                for name, run in subjects.items():
                    times[name].append(run())
            medians = {name: statistics.median(t) * 1000 for name, t in times.items()}
            figures[label] = medians
            out(
                f"lwm2m-shell {label:<27} before ({revision}) {medians['before']:6.0f} ms "
                f"{medians['before'] / medians['floor']:.2f}x · after {medians['after']:6.0f} ms "
                f"{medians['after'] / medians['floor']:.2f}x · bare httpx "
                f"{medians['floor']:6.0f} ms"
            )
    return figures


def admin_secret() -> list[str]:
    from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER

    return [ADMIN_USER, ADMIN_PASSWORD]


def final_times(tenant: SimulatedTenant) -> dict[str, float]:
    """Operation ID -> when the agent made it final (filled in as it happens)."""
    finals: dict[str, float] = {}

    def on_change(_action: str, body: dict[str, Any]) -> None:
        if body.get("status") in ("SUCCESSFUL", "FAILED"):
            finals.setdefault(str(body["id"]), time.monotonic())

    tenant.subscribe(on_change)
    return finals


def file_run(env: dict[str, str], script: Path, finals: dict[str, float]) -> list[float]:
    """Seconds from each command's final update on the tenant to its JSON line on our stdout."""
    process = subprocess.Popen(
        [SHELL, "-f", str(script), "--output", "json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    delays: list[float] = []
    for line in process.stdout:
        seen = time.monotonic()
        answer = json.loads(line)
        if answer.get("status") != "SUCCESSFUL":
            raise RuntimeError(f"a command did not succeed: {line}")
        delays.append(seen - finals[str(answer["operationId"])])
    if process.wait(60) != 0:
        raise RuntimeError("the -f run failed")
    return delays


def bench_file(runs: int, out: Callable[[str], None]) -> dict[str, Any]:
    config = SimulatorConfig(devices=30, pending_delay=0.0, execution_delay=AGENT_SECONDS)
    figures: dict[str, Any] = {}
    with (
        tempfile.TemporaryDirectory() as folder,
        SimulatedTenant(config) as live,
        SimulatedTenant(config) as polled,
    ):
        polled.add_fault(Fault("status", path="/notification/realtime", status=404, times=None))
        script = Path(folder) / "commands.txt"
        script.write_text(".send help\n" * FILE_COMMANDS)
        envs = {
            name: clean_env(Path(folder) / name, admin_login(tenant))  # type: ignore[arg-type]
            for name, tenant in (("realtime", live), ("polling", polled))
        }
        finals = {"realtime": final_times(live), "polling": final_times(polled)}
        delays: dict[str, list[float]] = {name: [] for name in envs}
        for _ in range(runs):
            for name, env in envs.items():
                delays[name] += file_run(env, script, finals[name])
        for name, samples in delays.items():
            ordered = sorted(samples)
            median = statistics.median(ordered) * 1000
            p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000
            figures[name] = {"median_ms": median, "p95_ms": p95, "results": len(samples)}
            polls = (live if name == "realtime" else polled).request_count(
                "/devicecontrol/operations/"
            )
            figures[name]["polls_per_command"] = polls / len(samples)
            out(
                f"-f with {FILE_COMMANDS} commands, {name:<8}: result delay "
                f"median {median:6.1f} ms, p95 {p95:6.1f} ms ({len(samples)} results, "
                f"{polls / len(samples):.1f} polls per command)"
            )
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (default 15)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--before", metavar="REV", help="the git revision to compare with (default: merge-base)"
    )
    args = parser.parse_args(argv)

    def out(line: str) -> None:
        print(line, flush=True)

    out(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (shared machine)")
    figures = {
        "one_shot": bench_one_shot(args.runs, out, args.before),
        "file": bench_file(max(1, args.runs // 5), out),
    }
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return figures


@pytest.mark.timeout(3600)
def test_script_benchmark() -> None:
    figures = main([])
    basic = figures["one_shot"]["--auth basic -c <command>"]
    assert basic["after"] / basic["floor"] <= 1.8
    assert figures["file"]["realtime"]["median_ms"] < figures["file"]["polling"]["median_ms"]


if __name__ == "__main__":
    main()
