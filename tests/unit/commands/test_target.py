"""The target value and the shell's current target: kinds, labels, listeners, instances."""

from __future__ import annotations

from lwm2m_shell.commands.target import CONNECTOR, CurrentTarget, Target
from lwm2m_shell.language import TargetKind


def test_the_connector_is_the_default() -> None:
    current = CurrentTarget()
    assert current.value is CONNECTOR
    assert current.kind is TargetKind.CONNECTOR
    assert current.instances() == {}
    assert CONNECTOR.describe() == "the connector device"
    assert CONNECTOR.as_json()["kind"] == "connector"


def test_pointing_at_a_device_tells_the_listeners() -> None:
    heard: list[Target] = []
    current = CurrentTarget(on_change=[heard.append])
    meter = Target(device_id="4711", label="urn:imei:1", name="meter", awake_ms=30000)
    current.point_at(meter)
    assert heard == [meter]
    assert current.kind is TargetKind.DEVICE
    assert meter.sleeps and not Target(device_id="1", awake_ms=0).sleeps
    assert meter.describe() == "urn:imei:1 (device 4711)"
    assert Target(device_id="4711").describe() == "4711"
    assert meter.as_json() == {
        "kind": "device",
        "deviceId": "4711",
        "endpoint": "urn:imei:1",
        "name": "meter",
    }


def test_instances_are_kept_per_device() -> None:
    current = CurrentTarget(Target(device_id="1"))
    current.learn_instances("1", {3303: [2, 0]})
    current.learn_instances("1", {3303: [5], 6: [0]})
    current.learn_instances("2", {3303: [9]})
    assert current.instances() == {3303: [0, 2, 5], 6: [0]}
    current.point_at(Target(device_id="2"))
    assert current.instances() == {3303: [9]}
    current.point_at(CONNECTOR)
    assert current.instances() == {}
