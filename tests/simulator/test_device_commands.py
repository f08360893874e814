"""The simulated LWM2M devices answer the seventeen device shell commands over the real API.

Every test creates c8y_Command operations on an LWM2M device (deviceId = the device, not the
connector) over HTTP and reads the agent's answer from the operation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .conftest import admin_client, run_command


@pytest.fixture(scope="module")
def tenant() -> Iterator[SimulatedTenant]:
    with SimulatedTenant(
        devices=50, pending_delay=0.0, execution_delay=0.0, registration_interval=3600
    ) as running:
        yield running


@pytest.fixture(scope="module")
def client(tenant: SimulatedTenant) -> Iterator[httpx.Client]:
    with admin_client(tenant) as http:
        yield http


_used: set[str] = set()


@pytest.fixture
def device(tenant: SimulatedTenant) -> str:
    """A fresh online LWM2M device for each test (its object model untouched)."""
    for found in tenant.lwm2m_devices():
        if found["mode"] == "online" and found["id"] not in _used:
            _used.add(found["id"])
            return str(found["id"])
    raise AssertionError("no unused online device left")


def ok(client: httpx.Client, device_id: str, text: str) -> str:
    op = run_command(client, device_id, text)
    assert op["status"] == "SUCCESSFUL", op
    assert op["deviceId"] == device_id
    result: str = op["c8y_Command"]["result"]
    return result


def failed(client: httpx.Client, device_id: str, text: str) -> dict[str, Any]:
    op = run_command(client, device_id, text)
    assert op["status"] == "FAILED", op
    return op


def test_read_answers_the_value(client: httpx.Client, device: str) -> None:
    battery = int(ok(client, device, "read /3/0/9"))
    assert 0 <= battery <= 100
    assert ok(client, device, "read /3/0/16") == "U"  # an online device: UDP binding
    instance = json.loads(ok(client, device, "read /3/0"))
    assert instance["9"] == battery and instance["11"] == {"0": 0}
    assert {"0", "1", "2", "3", "13", "14", "15"} <= set(instance)
    location = json.loads(ok(client, device, "read /6/0"))
    assert -90 <= location["0"] <= 90 and -180 <= location["1"] <= 180
    assert set(json.loads(ok(client, device, "read /4"))) == {"0"}


def test_values_are_deterministic_per_device(client: httpx.Client, device: str) -> None:
    text = "cread /3/0/0 /3/0/1 /3/0/2 /3/0/3 /4/0/4 /6/0/0"
    first = ok(client, device, text)
    with (
        SimulatedTenant(devices=50, pending_delay=0, execution_delay=0) as other,
        admin_client(other) as second_client,
    ):
        assert ok(second_client, device, text) == first
        neighbour = next(d["id"] for d in other.lwm2m_devices() if d["id"] != device)
        assert ok(second_client, neighbour, text) != first


def test_cread_answers_one_json_of_path_to_value(client: httpx.Client, device: str) -> None:
    answer = json.loads(ok(client, device, "cread /3/0/0 /3/0/9 /5/0/3"))
    assert list(answer) == ["/3/0/0", "/3/0/9", "/5/0/3"]
    assert answer["/3/0/0"] == ok(client, device, "read /3/0/0")
    assert answer["/5/0/3"] == 0


def test_observe_cobserve_and_cancelobservation(
    tenant: SimulatedTenant, client: httpx.Client, device: str
) -> None:
    assert ok(client, device, "observe /3/0/9") == ok(client, device, "read /3/0/9")
    composite = json.loads(ok(client, device, "cobserve /3/0/9 /3/0/10"))
    assert set(composite) == {"/3/0/9", "/3/0/10"}
    state = tenant.lwm2m_device_state(device)
    assert state is not None and state["observations"] == [["/3/0/9"], ["/3/0/9", "/3/0/10"]]
    assert "cancelled" in ok(client, device, "cancelobservation /3/0/10 /3/0/9")  # any order
    assert "cancelled" in ok(client, device, "cancelobservation /3/0/9")
    again = failed(client, device, "cancelobservation /3/0/9")
    assert again["failureReason"] == "4.04 Not Found"


def test_execute_reboot_and_executelegacy(
    tenant: SimulatedTenant, client: httpx.Client, device: str
) -> None:
    assert ok(client, device, "execute /3/0/4").startswith("2.04 Changed")
    assert ok(client, device, "execute /3/0/4 0='now',1").startswith("2.04 Changed")
    assert ok(client, device, "executelegacy /3/0/4 any text at all").startswith("2.04")
    state = tenant.lwm2m_device_state(device)
    assert state is not None and state["reboots"] == 3
    assert state["lastUpdate"] is not None  # it registered again after the reboot
    bad_args = failed(client, device, "execute /3/0/4 not an arglist")
    assert bad_args["failureReason"] == "4.00 Bad Request"


def test_write_changes_the_value_later_reads_see(client: httpx.Client, device: str) -> None:
    assert ok(client, device, "write /3/0/15 America/Chicago") == "2.04 Changed"
    assert ok(client, device, "read /3/0/15") == "America/Chicago"
    assert ok(client, device, "write /3/0/13 2020-01-01T00:00:00+00:00") == "2.04 Changed"
    assert 1_577_836_800 <= int(ok(client, device, "read /3/0/13")) < 1_577_836_800 + 60


def test_cwrite_writes_all_pairs(client: httpx.Client, device: str) -> None:
    assert ok(client, device, "cwrite /3/0/14 +02:00 /3/0/15 Europe/Athens") == "2.04 Changed"
    both = json.loads(ok(client, device, "cread /3/0/14 /3/0/15"))
    assert both == {"/3/0/14": "+02:00", "/3/0/15": "Europe/Athens"}
    refused = failed(client, device, "cwrite /3/0/15 Europe/Rome /3/0/9 5")
    assert refused["failureReason"] == "4.05 Method Not Allowed"
    assert ok(client, device, "read /3/0/15") == "Europe/Athens"  # all or nothing


def test_writeb_pushes_a_firmware_package(client: httpx.Client, device: str) -> None:
    assert "2 byte(s)" in ok(client, device, "writeb /5/0/0 0A0B")
    assert ok(client, device, "read /5/0/3") == "2"  # Downloaded
    assert "installed" in ok(client, device, "execute /5/0/2")
    assert json.loads(ok(client, device, "cread /5/0/3 /5/0/5")) == {"/5/0/3": 0, "/5/0/5": 1}
    assert "8 byte(s)" in ok(client, device, "writeb /5/0/0 binary:12345")
    odd = failed(client, device, "writeb /5/0/0 0A0")
    assert odd["failureReason"] == "4.00 Bad Request"


def test_create_delete_and_discover(client: httpx.Client, device: str) -> None:
    created = ok(client, device, 'create /3303 {"5750": "Lab bench"}')
    match = re.fullmatch(r"2\.01 Created: /3303/(\d+)", created)
    assert match, created
    path = f"/3303/{match.group(1)}"
    assert ok(client, device, f"read {path}/5750") == "Lab bench"
    assert ok(client, device, f"read {path}/5701") == "Cel"
    links = ok(client, device, f"discover {path}")
    assert links.startswith(f"<{path}>,<{path}/5518>,") and f"<{path}/5605>" in links
    assert ok(client, device, f"delete {path}") == "2.02 Deleted"
    assert failed(client, device, f"read {path}")["failureReason"] == "4.04 Not Found"
    device_links = ok(client, device, "discover /3/0")
    assert device_links.startswith("</3/0>,</3/0/0>,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>")
    assert "</3/0/11>;dim=1" in device_links
    assert ok(client, device, "discover /3").startswith("</3>,</3/0>,</3/0/0>")


def test_writeattr_shows_in_discover(client: httpx.Client, device: str) -> None:
    assert ok(client, device, "writeattr /3/0/9 pmin=10&pmax=60&gt=50") == "2.04 Changed"
    assert ok(client, device, "discover /3/0/9") == "</3/0/9>;pmin=10;pmax=60;gt=50"
    unknown = failed(client, device, "writeattr /3/0/9 every=10")
    assert unknown["failureReason"] == "4.00 Bad Request"


def test_fwupdate_moves_the_state_at_registration_updates(
    tenant: SimulatedTenant, client: httpx.Client, device: str
) -> None:
    before = ok(client, device, "read /3/0/3")
    started = ok(client, device, "fwupdate meter-fw;9.9.9;https://example.com/fw/9.9.9.bin")
    assert "9.9.9" in started
    assert ok(client, device, "read /5/0/3") == "1"  # Downloading
    assert ok(client, device, "read /5/0/1") == "https://example.com/fw/9.9.9.bin"
    busy = failed(client, device, "fwupdate meter-fw;9.9.9;https://example.com/fw/9.9.9.bin")
    assert busy["failureReason"] == "4.05 Method Not Allowed"
    assert tenant.wake_device(device)
    assert ok(client, device, "read /5/0/3") == "2"  # Downloaded
    assert ok(client, device, "read /3/0/3") == before
    assert tenant.wake_device(device)
    result = json.loads(ok(client, device, "cread /5/0/3 /5/0/5 /5/0/7 /3/0/3"))
    assert result == {"/5/0/3": 0, "/5/0/5": 1, "/5/0/7": "9.9.9", "/3/0/3": "9.9.9"}


def test_serialization_is_remembered(
    tenant: SimulatedTenant, client: httpx.Client, device: str
) -> None:
    assert ok(client, device, "serialization SENML_JSON") == "Serialization set to SENML_JSON"
    state = tenant.lwm2m_device_state(device)
    assert state is not None and state["serialization"] == "SENML_JSON"
    battery = json.loads(ok(client, device, "read /3/0/9"))
    assert battery[0]["bn"] == "/3/0/9" and isinstance(battery[0]["v"], int)
    ok(client, device, "serialization DEFAULT")
    assert ok(client, device, "read /3/0/9").isdigit()


def test_coap_answers_like_a_raw_coap_response(client: httpx.Client, device: str) -> None:
    request = {
        "method": "get",
        "uri": "/3/0/0",
        "contentFormat": None,
        "accept": 0,
        "payloadHex": None,
    }
    answer = json.loads(ok(client, device, "coap " + json.dumps(request)))
    assert answer["code"] == "2.05"
    assert bytes.fromhex(answer["payloadHex"]).decode() == ok(client, device, "read /3/0/0")
    put = dict(request, method="put", uri="/3/0/15", payloadHex=b"Asia/Tokyo".hex())
    assert json.loads(ok(client, device, "coap " + json.dumps(put)))["code"] == "2.04"
    assert ok(client, device, "read /3/0/15") == "Asia/Tokyo"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("read /3/0/99", "4.04 Not Found"),
        ("read /42/0/1", "4.04 Not Found"),
        ("read /3/7", "4.04 Not Found"),
        ("discover /9", "4.04 Not Found"),
        ("delete /3303/77", "4.04 Not Found"),
        ("write /3/0/9 42", "4.05 Method Not Allowed"),
        ("write /3/0/0 Other Inc", "4.05 Method Not Allowed"),
        ("execute /3/0/9", "4.05 Method Not Allowed"),
        ("read /3/0/4", "4.05 Method Not Allowed"),
        ("read /5/0/0", "4.05 Method Not Allowed"),
        ("delete /3/0", "4.05 Method Not Allowed"),
        ("execute /5/0/2", "4.05 Method Not Allowed"),
        ("create /3", "4.00 Bad Request"),
        ("create /3303 {not json", "4.00 Bad Request"),
        ("write /3/0/13 yesterday", "4.00 Bad Request"),
        ("read 3/0/9", "4.00 Bad Request"),
        ("read", "4.00 Bad Request"),
        ("reboot /3/0/4", "4.00 Bad Request"),
        ("serialization XML", "4.00 Bad Request"),
        ("fwupdate name;1.0", "4.00 Bad Request"),
        ("fwupdate name;1.0;not-a-url", "4.00 Bad Request"),
        ("coap {method: get}", "4.00 Bad Request"),
        ('coap {"method": "brew", "uri": "/3/0/0"}', "4.00 Bad Request"),
        ("writeb /3/0/15 00", "4.00 Bad Request"),
        ("read /3/0/9 ", "4.00 Bad Request"),
        (" read /3/0/9", "4.00 Bad Request"),
    ],
)
def test_failures_carry_the_coap_code(
    client: httpx.Client, tenant: SimulatedTenant, text: str, reason: str
) -> None:
    device = tenant.lwm2m_devices()[0]["id"]
    op = failed(client, device, text)
    assert op["failureReason"] == reason
    assert op["c8y_Command"]["result"].startswith(reason + ": ")


def test_several_lines_are_answered_in_one_result(client: httpx.Client, device: str) -> None:
    text = "read /3/0/0\nwrite /3/0/15 Europe/Oslo\nread /3/0/15"
    result = ok(client, device, text)
    blocks = result.split("\n\n")
    assert blocks[1] == "write /3/0/15 Europe/Oslo\n2.04 Changed"
    assert blocks[2] == "read /3/0/15\nEurope/Oslo"
    assert blocks[0].startswith("read /3/0/0\n")
    op = failed(client, device, "read /3/0/9\nread /3/0/99\nwrite /3/0/15 UTC")
    assert op["failureReason"] == "line 2: 4.04 Not Found"
    assert "read /3/0/99\n4.04 Not Found" in op["c8y_Command"]["result"]
    assert ok(client, device, "read /3/0/15") == "UTC"  # each line is its own operation


def test_every_command_is_recorded_with_device_and_exact_text(
    tenant: SimulatedTenant, client: httpx.Client, device: str
) -> None:
    texts = ["read /3/0/9", "read /3/0/0\nread /3/0/1", 'create /3303 {"5750": "x"}']
    ops = [run_command(client, device, text)["id"] for text in texts]
    recorded = tenant.commands(device)
    assert [(c["operationId"], c["deviceId"], c["text"]) for c in recorded] == [
        (op_id, device, text) for op_id, text in zip(ops, texts, strict=True)
    ]
    over_http = client.get("/__simulator__/commands", params={"deviceId": device}).json()
    assert over_http == recorded
    run_command(client, tenant.connector_id, "help")
    assert tenant.commands()[-1]["deviceId"] == tenant.connector_id
    assert tenant.commands()[-1]["text"] == "help"
