"""Start-up time and memory of big simulated tenants (run with ``pytest -m benchmark -s``).

Each size runs in a fresh interpreter so that its resident memory is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SCRIPT = r"""
import json, sys, time
started = time.perf_counter()
import httpx
from lwm2m_shell.simulator import SimulatedTenant

def rss_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return -1.0

devices, crawl = int(sys.argv[1]), sys.argv[2] == "crawl"
tenant = SimulatedTenant(devices=devices, pending_delay=0, execution_delay=0).start()
figures = {"devices": devices, "start_s": time.perf_counter() - started}
figures["rss_start_mb"] = rss_mb("VmRSS")
client = httpx.Client(base_url=tenant.url, auth=("admin", "admin-secret-1"),
                      headers={"Accept": "application/json"}, timeout=300)
params = {"fragmentType": "c8y_IsLwm2mDevice", "pageSize": 2000}
t0 = time.perf_counter()
if crawl:
    seen, body = 0, client.get("/inventory/managedObjects", params=params).json()
    while True:
        seen += len(body["managedObjects"])
        if "next" not in body:
            break
        body = client.get(body["next"]).json()
    assert seen == devices, seen
    figures["crawl_s"] = time.perf_counter() - t0
else:
    last = (devices + 1999) // 2000
    body = client.get("/inventory/managedObjects", params={**params, "currentPage": last}).json()
    assert body["managedObjects"], body["statistics"]
    figures["last_page_s"] = time.perf_counter() - t0
t0 = time.perf_counter()
command = {"deviceId": tenant.connector_id, "c8y_Command": {"text": "migrateLwm2mDevices"}}
op = client.post("/devicecontrol/operations", json=command).json()
deadline = time.monotonic() + 120
while client.get(op["self"]).json()["status"] not in ("SUCCESSFUL", "FAILED"):
    assert time.monotonic() < deadline, "migrateLwm2mDevices did not end in 120 s"
    time.sleep(0.02)
figures["migrate_all_s"] = time.perf_counter() - t0
figures["rss_peak_mb"] = rss_mb("VmHWM")
tenant.stop()
print(json.dumps(figures))
"""


def measure(devices: int, crawl: bool) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(devices), "crawl" if crawl else "jump"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    shown = ", ".join(f"{k}={v:.2f}" for k, v in figures.items() if k != "devices")
    print(f"\nsimulator {devices:,} devices: {shown}")
    return figures


@pytest.mark.benchmark
@pytest.mark.timeout(900)
def test_start_100k_devices_under_10s_and_500mb() -> None:
    figures = measure(100_000, crawl=True)
    assert figures["start_s"] < 10
    assert figures["rss_peak_mb"] < 500


@pytest.mark.benchmark
@pytest.mark.timeout(900)
def test_start_1m_devices_figures() -> None:
    figures = measure(1_000_000, crawl=False)
    assert figures["rss_peak_mb"] < 500
