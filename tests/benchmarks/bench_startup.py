"""Start-up and command latency against the floor, run on demand (never in the default run).

    python tests/benchmarks/bench_startup.py              # 20 runs of everything
    python tests/benchmarks/bench_startup.py --runs 40
    pytest -m benchmark tests/benchmarks -k startup -s    # the same, asserting the targets

Each figure is a median over ``--runs`` runs, next to its floor measured in the same run of the
script (alternating with it):

1. ``lwm2m-shell --version`` vs ``python -c pass`` (target <= 2.0x);
2. spawn in a pseudo-terminal -> prompt on screen, against a running simulated tenant, vs a bare
   prompt_toolkit ``PromptSession`` script measured the same way (target <= 1.5x); and again with
   the tenant answering every request 2 s late (the prompt must not wait for it);
3. ``lwm2m-shell -c help`` (local) and one connector command with ``-c`` (agent with no delay) vs
   a bare httpx script making the same requests (target <= 1.5x).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

if __package__ in (None, ""):  # run as a script: make ``tests`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER
from tests.benchmarks.startup_timing import (
    BIN,
    HTTPX_FLOOR,
    PROMPT_FLOOR,
    BenchError,
    Row,
    RunningTenant,
    clean_env,
    paired_medians,
    run_process,
    tenant_process,
    time_to_prompt,
    write_floor,
)
from tests.e2e.terminal import admin_login

SHELL = str(BIN / "lwm2m-shell")
PYTHON = sys.executable
SHELL_PROMPT = r"@127\.0\.0\.1:\d+>$"  # lines are read right-stripped
FLOOR_PROMPT = r"^floor>$"
SLOW_TENANT = 2.0  # seconds added to every API request
COMMAND = "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000"


def tenant_env(home: Path, tenant: RunningTenant) -> dict[str, str]:
    return clean_env(home, admin_login(tenant))


def measure(runs: int, say: bool = True) -> list[Row]:
    """Every row of the benchmark, each printed as soon as it is measured."""
    rows: list[Row] = []

    def add(row: Row) -> None:
        rows.append(row)
        if say:
            print(row.format(), flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        folder = Path(scratch)
        home = folder / "home"
        prompt_floor = write_floor(folder, "prompt_floor.py", PROMPT_FLOOR)
        httpx_floor = write_floor(folder, "httpx_floor.py", HTTPX_FLOOR)
        local = clean_env(home)

        ours, floor = paired_medians(
            lambda: run_process([SHELL, "--version"], local),
            lambda: run_process([PYTHON, "-c", "pass"], local),
            runs,
        )
        add(Row("lwm2m-shell --version", ours, "python -c pass", floor, 2.0))

        for latency, label in ((0.0, ""), (SLOW_TENANT, f", tenant {SLOW_TENANT:g} s late")):
            with tenant_process(latency) as tenant:
                env = tenant_env(home, tenant)
                ours, floor = paired_medians(
                    lambda env=env: time_to_prompt([SHELL], env, SHELL_PROMPT),  # type: ignore[misc]
                    lambda env=env: time_to_prompt(  # type: ignore[misc]
                        [PYTHON, str(prompt_floor)], env, FLOOR_PROMPT
                    ),
                    runs,
                )
                add(Row(f"spawn -> prompt{label}", ours, "bare PromptSession", floor, 1.5))

        with tenant_process() as tenant:
            env = tenant_env(home, tenant)
            bare = [
                PYTHON,
                str(httpx_floor),
                tenant.url,
                tenant.tenant_id,
                ADMIN_USER,
                ADMIN_PASSWORD,
                COMMAND,
            ]
            commands = (
                ("lwm2m-shell -c help", ["-c", "help"], 1.5),
                ("lwm2m-shell --auth basic -c <command>", ["--auth", "basic", "-c", COMMAND], 1.5),
                ("lwm2m-shell -c <command> (OAuth login)", ["-c", COMMAND], None),
            )
            for name, args, target in commands:
                ours, floor = paired_medians(
                    lambda args=args: run_process([SHELL, *args], env),  # type: ignore[misc]
                    lambda: run_process(bare, env),
                    runs,
                )
                add(Row(name, ours, "bare httpx command", floor, target))
    return rows


def machine() -> str:
    return (
        f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )


@pytest.fixture(scope="module")
def rows() -> Iterator[list[Row]]:
    yield measure(runs=20)


@pytest.mark.benchmark
@pytest.mark.timeout(900)
def test_startup_targets(rows: list[Row]) -> None:
    missed = [row.format() for row in rows if row.met is False]
    assert not missed, "targets missed:\n" + "\n".join(missed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="runs per series (default: 20)")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}; median of {args.runs} runs each (alternating with the floor)")
    try:
        rows = measure(max(1, args.runs))
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    missed = [row for row in rows if row.met is False]
    print("all targets met" if not missed else f"{len(missed)} target(s) missed")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
