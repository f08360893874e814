"""How a device's answer is shown (names next to paths, JSON pretty-printed) and which object
instances it teaches path completion; pure functions over the core object model."""

from __future__ import annotations

import json

import pytest

from lwm2m_shell.commands.device_results import instances_seen, path_ids, shown_result
from lwm2m_shell.language import Command, TargetKind, core_model, parse


def device(line: str) -> Command:
    parsed = parse(line, TargetKind.DEVICE)
    assert isinstance(parsed, Command), parsed
    return parsed


def test_a_read_value_gets_the_resource_name() -> None:
    assert shown_result(device("read /3/0/9"), "87", core_model()) == "/3/0/9 Battery Level: 87"


def test_an_unknown_resource_keeps_its_bare_path() -> None:
    assert shown_result(device("read /32769/0/1"), "on", core_model()) == "/32769/0/1: on"


def test_an_instance_read_lists_each_resource_by_name() -> None:
    answer = json.dumps({"0": "Acme", "9": 55, "6": {"0": 1, "1": 5}})
    shown = shown_result(device("read /3/0"), answer, core_model())
    assert shown == (
        "/3/0/0 Manufacturer: Acme\n"
        "/3/0/9 Battery Level: 55\n"
        '/3/0/6 Available Power Sources: {"0": 1, "1": 5}'
    )


def test_an_object_read_is_opened_down_to_its_resources() -> None:
    answer = json.dumps({"0": {"5700": 21.5, "5701": "Cel"}, "2": {"5700": 3.0}})
    shown = shown_result(device("read /3303"), answer, core_model())
    assert shown == (
        "/3303/0/5700 Sensor Value: 21.5\n/3303/0/5701 Sensor Units: Cel\n"
        "/3303/2/5700 Sensor Value: 3.0"
    )


def test_a_composite_read_names_every_path() -> None:
    answer = json.dumps({"/3/0/9": 87, "/6/0/0": 52.1})
    shown = shown_result(device("cread /3/0/9 /6/0/0"), answer, core_model())
    assert shown == "/3/0/9 Battery Level: 87\n/6/0/0 Latitude: 52.1"


def test_other_json_is_pretty_printed() -> None:
    line = 'coap {"method":"get","uri":"/3/0/0"}'
    answer = '{"code":"2.05","payload":[1,2]}'
    shown = shown_result(device(line), answer, core_model())
    assert shown == json.dumps(json.loads(answer), indent=2)


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("write /3/0/15 Europe/Berlin", "2.04 Changed"),  # plain text: shown as it came
        ("read /3/0/9", ""),
        ("read /3/0/9", "first\nsecond"),  # several lines: not one value
        ("read /3/0", "{not json"),
    ],
)
def test_answers_that_are_no_value_are_shown_as_they_came(line: str, answer: str) -> None:
    assert shown_result(device(line), answer, core_model()) is None


def test_instances_come_from_paths_that_worked_and_from_answers() -> None:
    assert instances_seen(device("read /3303/2/5700"), "21.5", True) == {3303: {2}}
    assert instances_seen(device("read /3303/2/5700"), "4.04 Not Found", False) == {}
    links = "</3303>,</3303/0>,</3303/4/5700>"
    assert instances_seen(device("discover /3303"), links, True) == {3303: {0, 4}}
    answer = json.dumps({"0": {"5700": 20.0}, "7": {"5700": 3.0}})
    assert instances_seen(device("read /3303"), answer, True) == {3303: {0, 7}}
    assert instances_seen(device("delete /3303/1"), "2.02 Deleted", True) == {}


def test_path_ids() -> None:
    assert path_ids("/3/0/9") == (3, 0, 9)
    assert path_ids("/3") == (3,)
    assert path_ids("3/0") is None
    assert path_ids("/3/x") is None
