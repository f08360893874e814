"""Tab completion in a real pseudo-terminal, read off the screen, against the simulated tenant."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lwm2m_shell.catalogue import Device, Snapshot, cache
from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers.tenants import TenantFactory

from .terminal import ShellTerminal, admin_login, shell_env

pytestmark = pytest.mark.pty

Spawn = Callable[..., ShellTerminal]
PROMPT = r"@127\.0\.0\.1:\d+>"
BIG = 100_000


def imei_only(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in records if str(d["endpoint"]).startswith("urn:imei:")]


def imei_devices(tenant: SimulatedTenant) -> list[dict[str, Any]]:
    return imei_only(tenant.lwm2m_devices())


def ready(shell: ShellTerminal, endpoints: int) -> None:
    """Wait for the prompt and for the catalogue to be loaded."""
    shell.wait_for(PROMPT)
    shell.wait_for(rf"{endpoints:,} endpoints · just now")


def type_then_tab(shell: ShellTerminal, text: str) -> None:
    """Type like a person: the text, a moment (completion runs while typing), then Tab."""
    shell.type(text)
    shell.settle(0.3)
    shell.type("\t")


def menu_lines(shell: ShellTerminal) -> list[str]:
    """The completion menu's rows: the screen lines between the prompt line and the toolbar."""
    lines = shell.text().splitlines()
    start = next(i for i, line in enumerate(lines) if re.search(PROMPT, line))
    return [line.strip() for line in lines[start + 1 : -1] if line.strip()]


def test_tab_completes_command_names(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(PROMPT)
    type_then_tab(shell, "inv")
    shell.wait_for(PROMPT + r" invalidateRegistrationsForEndpoint$")  # the first one, taken
    shell.wait_for(r"invalidateRegistrationById +invalidate one LWM2M registration")
    shell.ctrl("u")
    type_then_tab(shell, "iRFE")  # camel humps
    shell.wait_for(PROMPT + r" invalidateRegistrationsForEndpoint$")
    shell.ctrl("u")
    assert shell.leave() == 0


def test_tab_completes_flags_with_their_help(spawn: Spawn, tenant: SimulatedTenant) -> None:
    shell = spawn()
    shell.wait_for(PROMPT)
    type_then_tab(shell, "migrateLwm2mDevices -sr -")
    shell.wait_for(PROMPT + r" migrateLwm2mDevices -sr -d$")
    shell.wait_for(r"-d +migrate only these devices")
    assert not any(row.startswith("-sr") for row in menu_lines(shell))  # already used


def test_tab_completes_an_endpoint_by_its_last_digits(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    device = imei_devices(tenant)[4]
    endpoint = str(device["endpoint"])
    shell = spawn()
    ready(shell, len(tenant.lwm2m_devices()))
    type_then_tab(shell, f"invalidateRegistrationsForEndpoint {endpoint[-5:]}")
    shell.wait_for(PROMPT + rf" invalidateRegistrationsForEndpoint {endpoint}$")
    shell.wait_for(rf"{endpoint} +device {device['id']}")
    shell.line("")
    shell.wait_for(r"SUCCESSFUL · operation \d+")
    texts = [op["c8y_Command"]["text"] for op in tenant.operations() if "c8y_Command" in op]
    assert texts[-1] == f"invalidateRegistrationsForEndpoint {endpoint}"


def test_tab_lists_device_ids_after_devices_flag(spawn: Spawn, tenant: SimulatedTenant) -> None:
    devices = tenant.lwm2m_devices()
    shell = spawn()
    ready(shell, len(devices))
    first = str(devices[0]["id"])
    type_then_tab(shell, f"migrateLwm2mDevices -d {first} ")
    second = str(devices[1]["id"])
    shell.wait_for(PROMPT + rf" migrateLwm2mDevices -d {first} {second}$")
    rows = menu_lines(shell)
    assert rows[0].startswith(f"{second} ") and str(devices[1]["endpoint"]) in rows[0]
    assert not any(row.startswith(f"{first} ") for row in rows)  # typed already: not offered


def test_devices_and_endpoints_commands_list_the_catalogue(
    spawn: Spawn, tenant: SimulatedTenant
) -> None:
    device = imei_devices(tenant)[2]
    shell = spawn()
    ready(shell, len(tenant.lwm2m_devices()))
    shell.line(f".endpoints {str(device['endpoint'])[-6:]}")
    shell.wait_for(rf"{device['endpoint']} +{device['id']}")
    shell.line(f".devices {device['id']}")
    shell.wait_for(rf"{device['id']} +.*{device['endpoint']}")


# -- 100,000 devices ---------------------------------------------------------------------------


@pytest.fixture
def big_tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=BIG, pending_delay=0.0, execution_delay=0.05)


@pytest.fixture
def big_env(big_tenant: SimulatedTenant, tmp_path: Path) -> dict[str, str]:
    return shell_env(tmp_path / "home", admin_login(big_tenant))


@pytest.fixture
def big_spawn(big_env: dict[str, str]) -> Iterator[Spawn]:
    started: list[ShellTerminal] = []

    def start(*args: str) -> ShellTerminal:
        terminal = ShellTerminal(list(args), big_env, timeout=30.0)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.close()


def write_cache_from_the_tenant(
    tenant: SimulatedTenant, age: float, records: list[dict[str, Any]]
) -> None:
    """The cache a finished load leaves behind, written from the simulator's own ``records``
    (``tenant.lwm2m_devices()``: the caller's copy, as 100,000 of them take seconds to list).

    Written through the catalogue's cache module, exactly as the loader saves it (a real cold
    load of 100,000 devices takes about a minute: see ``test_100k_cold_load_then_warm_start``).
    """
    devices = [
        Device(
            str(d["id"]),
            str(d["name"]),
            str(d["type"]),
            next((x["externalId"] for x in d["externalIds"] if x["type"] == "c8y_Id"), None),
        )
        for d in records
    ]
    snapshot = Snapshot.from_devices(devices, fetched_at=time.time() - age)
    path = cache.cache_path(tenant.url, tenant.tenant_id)
    cache.save(path, snapshot, url=tenant.url, tenant=tenant.tenant_id, endpoint_types=("c8y_Id",))


def test_100k_first_prompt_comes_before_the_catalogue_and_second_start_uses_the_disk(
    big_spawn: Spawn,
    big_tenant: SimulatedTenant,
    big_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shell = big_spawn()
    shell.wait_for(PROMPT)
    loading = r"catalogue waits for the tenant|devices [\d,]+…|endpoints [\d,]+/100,000"
    shell.wait_for(loading)  # the prompt is up while the catalogue is still loading
    assert not re.search(r"100,000 endpoints", shell.text())
    assert shell.leave() == 0

    monkeypatch.setenv("XDG_CACHE_HOME", big_env["XDG_CACHE_HOME"])
    records = big_tenant.lwm2m_devices()
    write_cache_from_the_tenant(big_tenant, age=600, records=records)
    device = imei_only(records)[55_555]
    endpoint = str(device["endpoint"])
    lookups = big_tenant.request_count("/identity/globalIds/")
    second = big_spawn()
    second.wait_for(PROMPT)
    second.wait_for(r"100,000 endpoints · 10 min old · updating")  # from the disk, at once
    type_then_tab(second, f"invalidateRegistrationsForEndpoint {endpoint[-7:]}")
    second.wait_for(PROMPT + rf" invalidateRegistrationsForEndpoint {endpoint}$")
    assert "updating" in second.text(), "completed from the disk while the reload still runs"
    assert big_tenant.request_count("/identity/globalIds/") == lookups


@pytest.mark.benchmark  # a real cold load of 100,000 devices takes a minute or more
@pytest.mark.timeout(1200)
def test_100k_cold_load_then_warm_start_and_refresh(
    big_spawn: Spawn, big_tenant: SimulatedTenant
) -> None:
    shell = big_spawn()
    shell.wait_for(PROMPT)
    shell.wait_for(r"endpoints [\d,]+/100,000")
    shell.wait_for(r"100,000 endpoints · just now", timeout=600)
    assert big_tenant.request_count("/identity/globalIds/") == BIG
    assert shell.leave() == 0

    lookups = big_tenant.request_count("/identity/globalIds/")
    second = big_spawn()
    second.wait_for(PROMPT)
    second.wait_for(r"100,000 endpoints · (just now|\d+ min old) · updating")  # the disk
    endpoint = str(imei_devices(big_tenant)[12_345]["endpoint"])
    type_then_tab(second, f"invalidateRegistrationsForEndpoint {endpoint[-7:]}")
    second.wait_for(PROMPT + rf" invalidateRegistrationsForEndpoint {endpoint}$")
    second.ctrl("u")
    second.wait_for(r"100,000 endpoints · just now(?! · updating)", timeout=120)
    assert big_tenant.request_count("/identity/globalIds/") == lookups  # the update: nothing new

    added = big_tenant.add_device(name="added pump", endpoint="urn:imei:353456789012348")
    second.line(".refresh")
    second.wait_for(r"reloading the device catalogue in the background")
    second.wait_for(r"100,001 endpoints · just now(?! · updating)", timeout=120)
    assert big_tenant.request_count("/identity/globalIds/") == lookups + 1  # only the new one
    type_then_tab(second, "invalidateRegistrationsForEndpoint 56789012348")
    second.wait_for(PROMPT + r" invalidateRegistrationsForEndpoint urn:imei:353456789012348$")
    second.wait_for(rf"device {added} · added pump")
    second.ctrl("u")

    big_tenant.remove_device(added)
    second.line(".refresh")
    second.wait_for(r"100,000 endpoints · just now(?! · updating)", timeout=120)
    second.line(".endpoints 56789012348")
    second.wait_for(r"no endpoints match '56789012348'")
    assert second.leave() == 0
