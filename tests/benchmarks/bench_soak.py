"""Soak benchmark, run on demand: the interactive shell left open under other clients' traffic.

    python tests/benchmarks/bench_soak.py                  # 30 minutes
    python tests/benchmarks/bench_soak.py --minutes 5
    LWM2M_SOAK_MINUTES=5 pytest -m benchmark tests/benchmarks/bench_soak.py -s

The real shell runs in a pseudo-terminal against a simulated tenant in this process. Another
client creates an operation on the connector every few seconds (the shell announces each), and
half-way through the tenant is restarted on the same port (it hands out the same operation IDs
again). Nobody types. Measured for the shell's process in the first and the last minute: resident
memory (RSS), CPU use while idle, and the API requests the shell made per minute (the other
client's own requests are not counted). At the end the shell must still be alive, back on live
updates, and leave cleanly; memory and request rate must stay flat.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant, SimulatorConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.e2e.terminal import ShellTerminal, admin_login, shell_env
from tests.helpers.restart import restarted

DEFAULT_MINUTES = 30.0
OTHER_EVERY = 5.0  # seconds between operations of the other client
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Sample:
    at: float  # time.monotonic()
    rss_kib: int
    cpu_seconds: float
    shell_requests: int


@dataclass(frozen=True)
class Window:
    rss_mib: float
    cpu_percent: float
    requests_per_minute: float


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


class Traffic:
    """The other client: one operation every ``OTHER_EVERY`` seconds on the current tenant."""

    def __init__(self, tenant: SimulatedTenant) -> None:
        self.tenant = tenant
        self.created = 0  # requests of ours, not the shell's
        self.ids: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._lock = threading.Lock()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        while not self._stop.wait(OTHER_EVERY):
            with self._lock:
                tenant = self.tenant
            auth = (f"{tenant.tenant_id}/{ADMIN_USER}", ADMIN_PASSWORD)
            try:
                with httpx.Client(base_url=tenant.url, auth=auth, timeout=5) as other:
                    answer = other.post(
                        "/devicecontrol/operations",
                        json={"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}},
                    )
                self.created += 1
                if answer.status_code == 201:
                    self.ids.append(str(answer.json()["id"]))
            except httpx.HTTPError:
                pass  # the tenant is restarting

    def switch(self, tenant: SimulatedTenant) -> None:
        with self._lock:
            self.tenant = tenant


def soak(minutes: float) -> dict[str, object]:
    config = SimulatorConfig(devices=200, pending_delay=0.0, execution_delay=0.05)
    tenant = SimulatedTenant(config).start()
    home = Path(tempfile.mkdtemp(prefix="lwm2m-soak-"))
    shell = ShellTerminal([], shell_env(home, admin_login(tenant)), columns=200, timeout=60)
    pid = shell.child.pid
    traffic = Traffic(tenant)
    counted = [0]  # API requests of tenants before the restart

    def shell_requests() -> int:
        return counted[0] + traffic.tenant.request_count() - traffic.created

    def sample() -> Sample:
        return Sample(time.monotonic(), rss_kib(pid), cpu_seconds(pid), shell_requests())

    def idle(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            shell.pump(0.2)  # keep reading the terminal: a full pty would block the shell

    def window(first: Sample, last: Sample) -> Window:
        span = last.at - first.at
        return Window(
            rss_mib=last.rss_kib / 1024,
            cpu_percent=100 * (last.cpu_seconds - first.cpu_seconds) / span,
            requests_per_minute=60 * (last.shell_requests - first.shell_requests) / span,
        )

    total = minutes * 60
    span = min(60.0, total / 4)
    started = time.monotonic()
    again: SimulatedTenant | None = None
    try:
        shell.wait_for("⚡ live updates", timeout=60)
        traffic.start()
        idle(10)  # the first announcements, the catalogue settled
        first = sample()
        idle(span)
        start_window = window(first, sample())
        idle(max(0.0, total / 2 - (time.monotonic() - started)))
        counted[0] += tenant.request_count() - traffic.created
        traffic.created = 0
        again = restarted(tenant)  # the same config, on the same port
        traffic.switch(again)
        idle(max(0.0, total - span - (time.monotonic() - started)))
        last = sample()
        idle(span)
        end_window = window(last, sample())
        traffic.stop()
        alive = shell.child.isalive()
        live_again = "⚡ live updates" in shell.text()
        announced = len(re.findall(rb"operation \d+ sent by someone else", shell.raw))
        shell.line("exit")
        code = shell.wait_exit(30)
    finally:
        traffic.stop()
        shell.close()
        tenant.stop()
        if again is not None:
            again.stop()
    return {
        "minutes": round((time.monotonic() - started) / 60, 1),
        "start": start_window,
        "end": end_window,
        "other_operations": len(traffic.ids),
        "announced": announced,
        "alive_at_end": alive,
        "live_updates_at_end": live_again,
        "exit_code": code,
    }


def report(result: dict[str, object]) -> str:
    start, end = result["start"], result["end"]
    assert isinstance(start, Window) and isinstance(end, Window)
    return "\n".join(
        [
            f"soak: {result['minutes']} min, {result['other_operations']} operations of another "
            f"client ({result['announced']} announced), one tenant restart",
            f"{'':14}{'start':>10}{'end':>10}",
            f"{'RSS (MiB)':14}{start.rss_mib:>10.1f}{end.rss_mib:>10.1f}",
            f"{'CPU (%)':14}{start.cpu_percent:>10.2f}{end.cpu_percent:>10.2f}",
            f"{'requests/min':14}{start.requests_per_minute:>10.1f}"
            f"{end.requests_per_minute:>10.1f}",
            f"alive at the end: {result['alive_at_end']}, live updates: "
            f"{result['live_updates_at_end']}, exit code {result['exit_code']}",
        ]
    )


def minutes_wanted() -> float:
    return float(os.environ.get("LWM2M_SOAK_MINUTES", DEFAULT_MINUTES))


@pytest.mark.benchmark
@pytest.mark.soak
def test_soak() -> None:
    result = soak(minutes_wanted())
    print(report(result))
    start, end = result["start"], result["end"]
    assert isinstance(start, Window) and isinstance(end, Window)
    assert result["alive_at_end"] and result["live_updates_at_end"] and result["exit_code"] == 0
    assert end.rss_mib < start.rss_mib * 1.25 + 5  # flat memory
    assert end.cpu_percent < 5.0
    assert end.requests_per_minute <= start.requests_per_minute * 1.5 + 4  # no creeping polls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=minutes_wanted())
    print(report(soak(parser.parse_args().minutes)))


if __name__ == "__main__":
    main()
