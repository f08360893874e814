"""Finding the device a ``.use`` / ``--device`` target names, against the simulated tenant over
HTTP: by endpoint, ID or name; from the catalogue in memory without asking the identity API; and
one clear error for an unknown, ambiguous or non-LWM2M target."""

from __future__ import annotations

import pytest

from lwm2m_shell.catalogue import TenantCatalogue
from lwm2m_shell.commands.target_lookup import TargetNotFound, find_target
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.exit_codes import ExitCode
from lwm2m_shell.simulator import SimulatedTenant


def devices(tenant: SimulatedTenant, mode: str = "online") -> list[dict[str, str]]:
    return [d for d in tenant.lwm2m_devices() if d["mode"] == mode]


def test_by_endpoint(session: TenantSession, tenant: SimulatedTenant) -> None:
    device = devices(tenant)[1]
    target = find_target(session, device["endpoint"])
    assert (target.device_id, target.label, target.name) == (
        device["id"],
        device["endpoint"],
        device["name"],
    )
    assert not target.sleeps
    # one identity look-up and one read of the managed object: its endpoint is not asked again
    assert tenant.request_count("/identity/externalIds/") == 1
    assert tenant.request_count("/identity/globalIds/") == 0
    assert tenant.request_count(f"/inventory/managedObjects/{device['id']}") == 1


def test_by_managed_object_id_with_its_endpoint(
    session: TenantSession, tenant: SimulatedTenant
) -> None:
    device = devices(tenant)[2]
    target = find_target(session, device["id"])
    assert (target.device_id, target.label) == (device["id"], device["endpoint"])


def test_by_name(session: TenantSession, tenant: SimulatedTenant) -> None:
    device = next(d for d in devices(tenant) if d["name"] != d["endpoint"])
    assert find_target(session, device["name"]).device_id == device["id"]


def test_a_sleeping_device_says_so(session: TenantSession, tenant: SimulatedTenant) -> None:
    device = devices(tenant, "sleeping")[0]
    target = find_target(session, device["id"])
    assert target.sleeps and target.awake_ms == device["awakeTime"]


def test_unknown_targets_are_a_usage_error(session: TenantSession) -> None:
    for wanted in ("urn:imei:000", "999999", "no such name", "a'quote"):
        with pytest.raises(TargetNotFound) as caught:
            find_target(session, wanted)
        assert caught.value.exit_code is ExitCode.USAGE
        assert str(caught.value) == f"no LWM2M device {wanted!r} in this tenant"


def test_the_connector_is_no_lwm2m_device(session: TenantSession, tenant: SimulatedTenant) -> None:
    with pytest.raises(TargetNotFound, match="is not an LWM2M device"):
        find_target(session, tenant.connector_id)


def test_two_devices_of_one_name_need_an_id(
    session: TenantSession, tenant: SimulatedTenant
) -> None:
    first = devices(tenant)[1]
    tenant.add_device(name=first["name"], endpoint="urn:imei:999000000000001")
    with pytest.raises(TargetNotFound, match="2 devices are called"):
        find_target(session, first["name"])


def test_the_catalogue_in_memory_answers_without_the_identity_api(
    session: TenantSession, tenant: SimulatedTenant
) -> None:
    catalogue = TenantCatalogue(session, disk=False)
    try:
        catalogue.load_now()
        device = devices(tenant)[1]
        before = tenant.request_count("/identity")
        target = find_target(session, device["endpoint"], catalogue)
        assert target.device_id == device["id"] and target.label == device["endpoint"]
        assert tenant.request_count("/identity") == before
        assert find_target(session, device["name"], catalogue).device_id == device["id"]
    finally:
        catalogue.close()


def test_an_unreachable_tenant_is_a_connection_error(
    session: TenantSession, tenant: SimulatedTenant
) -> None:
    session.require_ready(timeout=10)
    tenant.stop()
    with pytest.raises(TargetNotFound) as caught:
        find_target(session, "urn:imei:000")
    assert caught.value.exit_code is ExitCode.CONNECTION


def test_a_failing_tenant_is_asked_once_not_again_and_again(
    session: TenantSession, tenant: SimulatedTenant
) -> None:
    from lwm2m_shell.simulator import Fault

    session.require_ready(timeout=10)
    device = devices(tenant)[1]
    tenant.add_fault(Fault(kind="status", status=503, path="/identity/externalIds", times=None))
    with pytest.raises(TargetNotFound) as caught:
        find_target(session, device["endpoint"])
    assert caught.value.exit_code is ExitCode.CONNECTION and "503" in str(caught.value)
    assert tenant.request_count("/identity/externalIds") == 1
