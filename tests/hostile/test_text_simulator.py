"""The simulated tenant's hostile text, over real HTTP: what it sends, and that it is opt-in."""

from __future__ import annotations

import httpx
import pytest

from lwm2m_shell.simulator import SimulatedTenant, SimulatorConfig
from lwm2m_shell.simulator.__main__ import build_parser
from lwm2m_shell.simulator.hostile_text import HOSTILE_ENDPOINTS, HOSTILE_NAMES, HOSTILE_TEXT

from ..simulator.conftest import admin_client, run_command


def control(tenant: SimulatedTenant) -> httpx.Client:
    return httpx.Client(base_url=tenant.url + "/__simulator__", timeout=10)


def test_results_reasons_and_error_bodies_carry_the_hostile_text(tenant: SimulatedTenant) -> None:
    with admin_client(tenant) as client:
        failed = run_command(client, tenant.connector_id, "invalidateRegistrationById AAAAAAAAAA")
        assert failed["status"] == "FAILED"
        assert failed["c8y_Command"]["result"].startswith(HOSTILE_TEXT + " No LWM2M registration")
        assert failed["failureReason"].startswith(HOSTILE_TEXT + " No LWM2M registration")
        missing = client.get("/devicecontrol/operations/99999999")
        assert missing.status_code == 404
        assert missing.json()["message"].startswith(HOSTILE_TEXT)


def test_hostile_devices_are_listed_with_their_names_and_endpoints(
    tenant: SimulatedTenant,
) -> None:
    devices = {d["endpoint"]: d for d in tenant.lwm2m_devices()}
    for name, endpoint in zip(HOSTILE_NAMES, HOSTILE_ENDPOINTS, strict=True):
        assert devices[endpoint]["name"] == name
    with admin_client(tenant) as client:
        listed = client.get("/inventory/managedObjects", params={"pageSize": 2000}).json()
        names = {mo["id"]: mo["name"] for mo in listed["managedObjects"]}
        hostile = [i for i, name in names.items() if name in HOSTILE_NAMES]
        assert len(hostile) == len(HOSTILE_NAMES)
        external = client.get(f"/identity/globalIds/{hostile[0]}/externalIds").json()
    assert external["externalIds"][0]["externalId"] in HOSTILE_ENDPOINTS


def test_the_control_path_switches_parts_on_and_off_and_renames_devices(
    tenant: SimulatedTenant,
) -> None:
    with control(tenant) as ctl, admin_client(tenant) as client:
        assert ctl.get("/hostile").json() == {
            "results": True, "reasons": True, "errors": True, "text": HOSTILE_TEXT
        }  # fmt: skip
        answer = ctl.post("/hostile", json={"results": False, "text": "\x1b]0;X\x07"})
        assert answer.json()["results"] is False and answer.json()["text"] == "\x1b]0;X\x07"
        done = run_command(client, tenant.connector_id, "invalidateRegistrationById AAAAAAAAAA")
        assert done["c8y_Command"]["result"].startswith("No LWM2M registration")
        assert done["failureReason"].startswith("\x1b]0;X\x07 No LWM2M")
        assert ctl.post("/hostile", json={"results": "yes"}).status_code == 400
        assert ctl.post("/hostile", json={"colour": True}).status_code == 400
        device_id = tenant.lwm2m_devices()[0]["id"]
        renamed = ctl.post(f"/devices/{device_id}", json={"name": "\x1b[2Jnew\rname"})
        assert renamed.status_code == 200
        shown = client.get(f"/inventory/managedObjects/{device_id}").json()
        assert shown["name"] == "\x1b[2Jnew\rname"
        assert ctl.post("/devices/1", json={"name": "x"}).status_code == 404
        assert ctl.post(f"/devices/{device_id}", json={"name": 3}).status_code == 400


def test_without_the_flag_the_tenant_is_well_behaved() -> None:
    with SimulatedTenant(SimulatorConfig(devices=10, pending_delay=0, execution_delay=0.01)) as t:
        with admin_client(t) as client:
            failed = run_command(client, t.connector_id, "invalidateRegistrationById AAAAAAAAAA")
        assert failed["failureReason"] == "No LWM2M registration with ID AAAAAAAAAA"
        assert not any("\x1b" in d["name"] + d["endpoint"] for d in t.lwm2m_devices())


@pytest.mark.parametrize(("argv", "expected"), [([], False), (["--hostile-text"], True)])
def test_the_command_line_flag(argv: list[str], expected: bool) -> None:
    assert build_parser().parse_args(argv).hostile_text is expected
