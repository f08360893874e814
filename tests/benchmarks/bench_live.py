"""Live-update benchmark, run on demand (never in the default test run).

    python tests/benchmarks/bench_live.py                 # 60 commands per mode
    python tests/benchmarks/bench_live.py --commands 100
    pytest -m benchmark tests/benchmarks/bench_live.py -s # the same, asserting the target

One simulated tenant, two shells' runners on it: one waits with realtime pushes (the REPL's
``LiveUpdates``), one polls with backoff (no feed). Commands alternate between the two, each
with the same agent execution time drawn from a seeded spread (50 ms to 1 s), so neither mode
is favoured by a lucky alignment with the polling schedule.

Measured per command: from the agent's final update (timestamped in the simulator's subscribe
callback, in this process) to ``Runner.send`` handing back the outcome, i.e. the result being
available to the shell. Also counted: the GETs of the operation each command cost.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pytest

from lwm2m_shell.commands.own_operations import OwnOperations
from lwm2m_shell.commands.runner import Runner
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.live.service import LiveUpdates
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import SimulatedTenant, SimulatorConfig
from tests.helpers import settings_for

TARGET_MEDIAN_MS = 50.0
COMMAND = "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000"
POLLS = "/devicecontrol/operations/"


@dataclass
class Mode:
    name: str
    runner: Runner
    device_id: str  # the connector the commands go to
    delays_ms: list[float] = field(default_factory=list)
    polls: list[int] = field(default_factory=list)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(commands: int, seed: int = 11) -> dict[str, dict[str, float]]:
    config = SimulatorConfig(devices=50, pending_delay=0.0, execution_delay=0.1)
    finals: dict[str, float] = {}
    lock = threading.Lock()

    def on_change(action: str, body: dict[str, Any]) -> None:
        if action == "UPDATE" and body.get("status") in ("SUCCESSFUL", "FAILED"):
            with lock:
                finals[str(body["id"])] = time.monotonic()

    with SimulatedTenant(config) as tenant:
        tenant.subscribe(on_change)
        quiet = Console(stdout=io.StringIO(), stderr=io.StringIO(), color=False)
        live_session = TenantSession(settings_for(tenant, request_timeout=10.0))
        poll_session = TenantSession(settings_for(tenant, request_timeout=10.0))
        own = OwnOperations()
        live = LiveUpdates(
            live_session,
            own_ids=lambda: own.ids,
            own_requests=lambda: own.requests,
            announce=False,
        )
        live_runner = Runner(live_session, quiet, own=own, feed=live.feed)
        poll_runner = Runner(poll_session, quiet)  # no feed: it polls
        live_connector = live_session.require_ready().connector_id
        poll_connector = poll_session.require_ready().connector_id
        live.start()
        assert live.client is not None
        if not live.client.wait_until_on(10):
            raise RuntimeError(f"live updates did not start: {live.problem}")
        modes = [
            Mode("realtime", live_runner, live_connector),
            Mode("polling", poll_runner, poll_connector),
        ]
        spread = random.Random(seed)
        try:
            for _ in range(commands):
                execution = spread.uniform(0.05, 1.0)
                tenant.set_agent(execution_delay=execution)
                for mode in modes:
                    before = tenant.request_count(POLLS)
                    outcome = mode.runner.send(COMMAND, mode.device_id)
                    done = time.monotonic()
                    if outcome.operation is None or not outcome.operation.is_final:
                        raise RuntimeError(f"{mode.name}: no final result ({outcome.error})")
                    with lock:
                        final_at = finals[outcome.operation.id]
                    mode.delays_ms.append((done - final_at) * 1000)
                    mode.polls.append(tenant.request_count(POLLS) - before)
        finally:
            live.stop()
            live_session.close()
            poll_session.close()
    return {
        mode.name: {
            "commands": len(mode.delays_ms),
            "median_ms": statistics.median(mode.delays_ms),
            "p95_ms": p95(mode.delays_ms),
            "max_ms": max(mode.delays_ms),
            "polls_per_command": statistics.mean(mode.polls),
        }
        for mode in modes
    }


def show(figures: dict[str, dict[str, float]]) -> str:
    lines = [
        f"{'mode':<10} {'commands':>8} {'median ms':>10} {'p95 ms':>9} {'max ms':>9} "
        f"{'polls/cmd':>10}"
    ]
    for name, row in figures.items():
        lines.append(
            f"{name:<10} {row['commands']:>8.0f} {row['median_ms']:>10.1f} {row['p95_ms']:>9.1f} "
            f"{row['max_ms']:>9.1f} {row['polls_per_command']:>10.2f}"
        )
    return "\n".join(lines)


@pytest.mark.benchmark
@pytest.mark.timeout(600)
def test_realtime_shows_results_sooner_than_polling() -> None:
    figures = run(commands=50)
    print("\n" + show(figures))
    assert figures["realtime"]["median_ms"] < TARGET_MEDIAN_MS
    assert figures["realtime"]["median_ms"] < figures["polling"]["median_ms"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commands", type=int, default=60, help="commands per mode (>= 50)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    figures = run(args.commands, args.seed)
    print(show(figures))
    median = figures["realtime"]["median_ms"]
    verdict = "met" if median < TARGET_MEDIAN_MS else "MISSED"
    print(f"target: realtime median under {TARGET_MEDIAN_MS:.0f} ms: {verdict}")
    return 0 if median < TARGET_MEDIAN_MS else 1


if __name__ == "__main__":
    sys.exit(main())
