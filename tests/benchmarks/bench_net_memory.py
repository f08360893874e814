"""Peak memory of the shell under hostile answers, run on demand (never in the default run).

    python tests/benchmarks/bench_net_memory.py
    pytest -m benchmark tests/benchmarks/bench_net_memory.py -s   # the same, asserting the target

Each case runs the real shell (``python -m lwm2m_shell -c ...``) against a fresh simulated tenant
in this process and reads the child's peak RSS from ``os.wait4``. Every hostile case is compared
with a baseline of the same command against a well-behaved tenant, measured in the same run:

- a 200 MB operation answer (every poll of the operation answers 200 MB of JSON);
- inventory pages that never end (full pages of new devices past the real ones);
- inventory pages that repeat (page 2 is page 1 again).

Target: no hostile case more than 50 MB above its baseline.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from lwm2m_shell.simulator import Fault, SimulatedTenant, SimulatorConfig
from tests.e2e.terminal import admin_login, shell_env

TARGET_MB = 50.0
COMMAND = "invalidateRegistrationById ZZZZZZZZZZ"
OPS = "/devicecontrol/operations/"


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    faults: Callable[[], list[Fault]]
    agent_online: bool = True


CASES = [
    Case("200 MB operation answer", ("-c", COMMAND), lambda: []),
    Case(
        "200 MB operation answer",
        ("-c", COMMAND),
        lambda: [Fault(kind="oversize", size=200_000_000, method="GET", path=OPS, times=None)],
        agent_online=False,
    ),
    Case("endless inventory pages", ("-c", ".devices"), lambda: []),
    Case(
        "endless inventory pages",
        ("-c", ".devices"),
        lambda: [Fault(kind="endless_pages", method="GET", path="/inventory", times=None)],
    ),
    Case(
        "repeating inventory pages",
        ("-c", ".devices"),
        lambda: [
            Fault(kind="endless_pages", repeat=True, method="GET", path="/inventory", times=None)
        ],
    ),
]


@dataclass(frozen=True)
class Figure:
    name: str
    hostile: bool
    peak_mb: float
    seconds: float
    exit_code: int


def peak_of(case: Case, devices: int) -> Figure:
    config = SimulatorConfig(devices=devices, pending_delay=0.0, execution_delay=0.05)
    with SimulatedTenant(config) as tenant, tempfile.TemporaryDirectory() as home:
        tenant.set_agent(online=case.agent_online)
        faults = case.faults()
        for fault in faults:
            tenant.add_fault(fault)
        env = shell_env(Path(home), admin_login(tenant))
        args = [sys.executable, "-m", "lwm2m_shell", "--connector-id", tenant.connector_id]
        args += ["--timeout", "20", *case.args]
        started = time.monotonic()
        proc = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=home
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.monotonic() - started
    return Figure(case.name, bool(faults), usage.ru_maxrss / 1024, took, proc.returncode)


def measure(devices: int) -> list[tuple[Figure, Figure]]:
    """(baseline, hostile) pairs; the repeating case shares the endless case's baseline."""
    figures = [peak_of(case, devices) for case in CASES]
    baselines = {f.name: f for f in figures if not f.hostile}
    baselines["repeating inventory pages"] = baselines["endless inventory pages"]
    return [(baselines[f.name], f) for f in figures if f.hostile]


def report(pairs: list[tuple[Figure, Figure]]) -> str:
    lines = [
        f"{'case':<28}{'baseline MB':>12}{'hostile MB':>12}{'above':>9}{'s':>7}{'exit':>6}",
    ]
    for base, hostile in pairs:
        lines.append(
            f"{hostile.name:<28}{base.peak_mb:>12.1f}{hostile.peak_mb:>12.1f}"
            f"{hostile.peak_mb - base.peak_mb:>9.1f}{hostile.seconds:>7.1f}{hostile.exit_code:>6}"
        )
    return "\n".join(lines)


@pytest.mark.benchmark
@pytest.mark.timeout(600)
def test_hostile_answers_stay_within_50_mb_of_the_baseline() -> None:
    pairs = measure(devices=200)
    print("\n" + report(pairs))
    for base, hostile in pairs:
        assert hostile.peak_mb - base.peak_mb <= TARGET_MB, report(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=200, help="devices of the tenant")
    args = parser.parse_args(argv)
    pairs = measure(args.devices)
    print(report(pairs))
    worst = max(hostile.peak_mb - base.peak_mb for base, hostile in pairs)
    print(f"worst: {worst:.1f} MB above the baseline (target: {TARGET_MB:.0f} MB)")
    return 0 if worst <= TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
