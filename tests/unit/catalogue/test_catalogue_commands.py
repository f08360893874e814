""".refresh, .devices and .endpoints, through the dispatcher like any local command."""

from __future__ import annotations

import io

import pytest

from lwm2m_shell.catalogue import TenantCatalogue
from lwm2m_shell.commands import listings as catalogue_commands
from lwm2m_shell.commands.assemble import connector_dispatcher
from lwm2m_shell.commands.dispatch import Dispatcher
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.exit_codes import ExitCode
from lwm2m_shell.language import Command, parse
from lwm2m_shell.outcome import Outcome
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import Fault, SimulatedTenant
from tests.helpers import settings_for

from .conftest import DEVICES, truth


def quiet() -> Console:
    return Console(stdout=io.StringIO(), stderr=io.StringIO(), color=False)


@pytest.fixture
def shell(tenant: SimulatedTenant) -> Dispatcher:
    return connector_dispatcher(TenantSession(settings_for(tenant)), quiet())


def run(shell: Dispatcher, line: str) -> Outcome:
    parsed = parse(line)
    assert isinstance(parsed, Command), parsed
    return shell.run(parsed)


def test_devices_without_a_background_catalogue_loads_one_first(
    shell: Dispatcher, tenant: SimulatedTenant
) -> None:
    assert shell.context.catalogue.current is None  # one-shot and batch runs have none
    outcome = run(shell, ".devices")
    assert outcome.exit_code is ExitCode.OK
    assert isinstance(shell.context.catalogue.current, TenantCatalogue)
    lines = (outcome.output or "").splitlines()
    assert lines[0].split() == ["ID", "NAME", "TYPE", "ENDPOINT"]
    assert len(lines) == 1 + catalogue_commands.MAX_ROWS + 2
    more = DEVICES - catalogue_commands.MAX_ROWS
    assert lines[-2] == f"… and {more:,} more: narrow the list with .devices TEXT"
    assert lines[-1].startswith(f"(catalogue: {DEVICES} endpoints")
    assert tenant.request_count("/identity/globalIds/") == DEVICES
    run(shell, ".devices")  # loaded once
    assert tenant.request_count("/identity/globalIds/") == DEVICES


def test_devices_filtered_by_any_column(shell: Dispatcher, tenant: SimulatedTenant) -> None:
    device = next(d for d in tenant.lwm2m_devices() if d["type"] == "lwm2m_water_meter")
    outcome = run(shell, f".devices {device['endpoint']}")
    rows = (outcome.output or "").splitlines()[1:-1]
    assert len(rows) == 1 and rows[0].split()[0] == device["id"]
    meters = run(shell, ".devices WATER_meter").output or ""
    expected = sum(1 for d in tenant.lwm2m_devices() if d["type"] == "lwm2m_water_meter")
    assert len(meters.splitlines()) == 1 + expected + 1
    none = run(shell, ".devices no-such-thing")
    assert (none.output or "").splitlines()[0] == "no devices match 'no-such-thing'"


def test_endpoints_filtered_by_digits(shell: Dispatcher, tenant: SimulatedTenant) -> None:
    endpoints = truth(tenant)
    some_id, endpoint = next((i, e) for i, e in endpoints.items() if e.startswith("urn:imei:"))
    tail = endpoint[-5:]
    outcome = run(shell, f".endpoints {tail}")
    lines = (outcome.output or "").splitlines()
    assert lines[0].split()[:2] == ["ENDPOINT", "DEVICE"]
    shown = [line.split()[0] for line in lines[1:-1]]
    assert endpoint in shown
    assert set(shown) == {e for e in endpoints.values() if tail in e.lower()}
    row = next(line for line in lines if line.startswith(endpoint))
    assert row.split()[1] == some_id


def test_refresh_in_a_run_without_background_loads_and_reports(
    shell: Dispatcher, tenant: SimulatedTenant
) -> None:
    outcome = run(shell, ".refresh")
    assert outcome.exit_code is ExitCode.OK
    assert outcome.output == f"(catalogue: {DEVICES} endpoints · just now)"
    tenant.add_device(name="fresh", endpoint="urn:imei:352099001761481")
    again = run(shell, ".refresh")  # reloads at once, looking up only the new device
    assert again.output == f"(catalogue: {DEVICES + 1} endpoints · just now)"
    assert tenant.request_count("/identity/globalIds/") == DEVICES + 1


def test_refresh_with_a_background_catalogue_starts_a_reload(tenant: SimulatedTenant) -> None:
    session = TenantSession(settings_for(tenant))
    catalogue = TenantCatalogue(session)
    shell = connector_dispatcher(session, quiet(), catalogue=catalogue)
    catalogue.start()
    assert catalogue.wait(30)
    new_id = tenant.add_device(name="fresh", endpoint="urn:imei:352099001761481")
    outcome = run(shell, ".refresh")
    assert outcome.output is not None and "in the background" in outcome.output
    assert catalogue.wait(30)
    assert catalogue.snapshot.find_id(new_id) is not None
    tenant.add_fault(Fault("latency", path="/inventory", delay=0.5, times=1))
    run(shell, ".refresh")
    busy = run(shell, ".refresh")
    assert busy.output is not None and "already loading" in busy.output
    assert catalogue.wait(30)
    catalogue.close()


def test_listing_when_the_tenant_cannot_be_loaded(tenant: SimulatedTenant) -> None:
    from lwm2m_shell.config.secret import Secret

    session = TenantSession(settings_for(tenant, password=Secret("wrong")))
    shell = connector_dispatcher(session, quiet())
    outcome = run(shell, ".endpoints")
    assert outcome.exit_code is ExitCode.CONNECTION
    assert outcome.error is not None and "authentication failed" in outcome.error
    refresh = run(shell, ".refresh")
    assert refresh.exit_code is ExitCode.CONNECTION
