"""Tab completion for each argument kind, with the catalogue loaded from the simulated tenant."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prompt_toolkit.completion import CompleteEvent, Completion
from prompt_toolkit.document import Document

from lwm2m_shell.catalogue import TenantCatalogue
from lwm2m_shell.client import Operation
from lwm2m_shell.simulator import SimulatedTenant
from lwm2m_shell.ui.completer import MAX_CANDIDATES, ShellCompleter

from .conftest import DEVICES, Factory, loaded

ENDPOINT_COMMAND = "invalidateRegistrationsForEndpoint "


@pytest.fixture
def catalogue(make_catalogue: Factory) -> TenantCatalogue:
    return loaded(make_catalogue())


@pytest.fixture
def completer(catalogue: TenantCatalogue) -> Iterator[ShellCompleter]:
    operations = ["4711", "4712", "5100"]
    yield ShellCompleter(sources=lambda: catalogue, operation_ids=lambda: operations)


def complete(completer: ShellCompleter, text: str) -> list[Completion]:
    return list(completer.get_completions(Document(text, len(text)), CompleteEvent()))


def texts(completions: list[Completion]) -> list[str]:
    return [c.text for c in completions]


def imei_devices(tenant: SimulatedTenant) -> list[dict[str, object]]:
    return [d for d in tenant.lwm2m_devices() if str(d["endpoint"]).startswith("urn:imei:")]


def test_command_names_by_prefix_and_camel_humps(completer: ShellCompleter) -> None:
    assert texts(complete(completer, "inv")) == [
        "invalidateRegistrationsForEndpoint",
        "invalidateRegistrationById",
    ]
    assert texts(complete(completer, "iRFE")) == ["invalidateRegistrationsForEndpoint"]
    assert texts(complete(completer, ".dev")) == [".devices"]
    names = texts(complete(completer, ""))
    assert "migrateLwm2mDevices" in names and ".endpoints" in names and ".refresh" in names


def test_flags_not_yet_used_with_their_help(completer: ShellCompleter) -> None:
    found = complete(completer, "migrateLwm2mDevices -")
    assert texts(found) == ["-d", "-sr"]
    assert "migrate only these devices" in found[0].display_meta_text
    assert texts(complete(completer, "migrateLwm2mDevices -sr ")) == ["--devices"]


def test_device_ids_after_devices_flag_skip_those_typed(
    completer: ShellCompleter, tenant: SimulatedTenant
) -> None:
    devices = tenant.lwm2m_devices()
    first, second = str(devices[0]["id"]), str(devices[1]["id"])
    offered = complete(completer, "migrateLwm2mDevices -d ")
    assert len(offered) == DEVICES
    assert texts(offered)[:2] == sorted([first, second])
    meta = offered[0].display_meta_text
    assert str(devices[0]["endpoint"]) in meta
    after_one = texts(complete(completer, f"migrateLwm2mDevices -sr -d {first} "))
    assert first not in after_one and second in after_one
    assert len(after_one) == DEVICES - 1
    prefix = first[:3]
    typed = complete(completer, f"migrateLwm2mDevices -d {first} {prefix}")
    assert typed and all(c.text.startswith(prefix) and c.text != first for c in typed)
    assert typed[0].start_position == -len(prefix)


def test_device_id_found_by_the_digits_of_its_endpoint(
    completer: ShellCompleter, tenant: SimulatedTenant
) -> None:
    device = imei_devices(tenant)[3]
    tail = str(device["endpoint"])[-7:]  # not the start of any ID (IDs have five digits)
    found = complete(completer, f"migrateLwm2mDevices --devices {tail}")
    assert texts(found)[0] == device["id"]
    assert str(device["endpoint"]) in found[0].display_meta_text


def test_endpoint_by_its_last_digits(completer: ShellCompleter, tenant: SimulatedTenant) -> None:
    device = imei_devices(tenant)[5]
    endpoint = str(device["endpoint"])
    found = complete(completer, ENDPOINT_COMMAND + endpoint[-6:])
    assert found[0].text == endpoint
    assert found[0].start_position == -6
    assert f"device {device['id']}" in found[0].display_meta_text


def test_endpoint_prefix_matches_come_first(completer: ShellCompleter) -> None:
    found = texts(complete(completer, "cleanupClusterTenantObjectsForEndpoint urn:imei:35"))
    assert found and all(e.startswith("urn:imei:35") for e in found)
    mixed = texts(complete(completer, ENDPOINT_COMMAND + "me"))
    starts = [e.startswith("me") for e in mixed]
    assert starts == sorted(starts, reverse=True)  # every prefix match before the others
    assert any(not s for s in starts)  # there are others ("...-meter..." names, uuids)


def test_quoted_endpoint_replaces_the_quote_too(
    completer: ShellCompleter, tenant: SimulatedTenant
) -> None:
    endpoint = str(imei_devices(tenant)[0]["endpoint"])
    found = complete(completer, ENDPOINT_COMMAND + '"' + endpoint[:12])
    assert found[0].text.startswith(endpoint[:12])
    assert found[0].start_position == -13


def test_registration_ids_remembered_from_results(
    completer: ShellCompleter, catalogue: TenantCatalogue
) -> None:
    assert complete(completer, "invalidateRegistrationById ") == []
    catalogue.note_operation(
        Operation.model_validate(
            {
                "id": "9",
                "status": "SUCCESSFUL",
                "c8y_Command": {"text": "invalidateRegistrationById Ab3dE5gH7j", "result": "ok"},
            }
        )
    )
    found = complete(completer, "invalidateRegistrationById A")
    assert texts(found) == ["Ab3dE5gH7j"] and found[0].display_meta_text == "operation 9"


def test_operation_ids_after_status(completer: ShellCompleter) -> None:
    assert texts(complete(completer, ".status 47")) == ["4712", "4711"]  # newest first
    assert texts(complete(completer, ".status ")) == ["5100", "4712", "4711"]


def test_candidates_are_capped(tenant: SimulatedTenant, make_catalogue: Factory) -> None:
    for n in range(MAX_CANDIDATES - DEVICES + 10):
        tenant.add_device(name=f"extra {n}", endpoint=f"urn:imei:49015420{n:07d}")
    completer = ShellCompleter(sources=lambda: loaded(make_catalogue()))
    assert len(complete(completer, ENDPOINT_COMMAND)) == MAX_CANDIDATES
    assert len(complete(completer, "migrateLwm2mDevices -d ")) == MAX_CANDIDATES


def test_without_a_catalogue_only_the_language_completes() -> None:
    completer = ShellCompleter()
    assert complete(completer, ENDPOINT_COMMAND) == []
    assert complete(completer, "migrateLwm2mDevices -d ") == []
    assert texts(complete(completer, "he"))[0] == "help"
