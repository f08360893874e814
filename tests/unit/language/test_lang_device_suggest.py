"""Completion on a device target: command names, paths level by level, formats, attributes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lwm2m_shell.language import (
    Candidate,
    Command,
    ParseError,
    Suggestion,
    SuggestKind,
    TargetKind,
    core_model,
    load_object_model,
    parse,
    suggest,
)

from .object_samples import USER_OBJECT

DEVICE = TargetKind.DEVICE


def only(text: str, **options: object) -> Suggestion:
    found = suggest(text, DEVICE, **options)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def menu(suggestion: Suggestion) -> list[str]:
    """What a completion menu would show: display and meta, as in "0 Manufacturer  R String"."""
    return [f"{c.display} {c.meta}".strip() for c in suggestion.candidates]


def test_command_names_on_a_device_target_put_device_commands_first() -> None:
    found = only("")
    assert found.kind is SuggestKind.COMMAND
    names = [candidate.text for candidate in found.candidates]
    assert names[:3] == ["read", "cread", "observe"]
    assert "migrateLwm2mDevices" in names and ".status" in names
    assert [c.text for c in only("c").candidates] == [
        "cread",
        "cobserve",
        "cwrite",
        "cancelobservation",
        "create",
        "coap",
        "cleanupClusterTenantObjectsForEndpoint",
    ]


def test_the_connector_target_suggests_as_before() -> None:
    assert suggest("") == [Suggestion(SuggestKind.COMMAND, "", 0)]
    assert suggest("read /3/") == []


def test_objects_after_a_slash() -> None:
    found = only("read /")
    assert (found.kind, found.word, found.start) == (SuggestKind.LWM2M_PATH, "/", 5)
    shown = menu(found)
    assert shown[:4] == ["0 LWM2M Security", "1 LwM2M Server", "2 LwM2M Access Control", "3 Device"]
    assert "3303 Temperature" in shown
    assert found.candidates[3] == Candidate("/3", "3", "Device")


def test_objects_from_an_empty_word_and_by_number_or_name() -> None:
    assert [c.text for c in only("read ").candidates][:2] == ["/0", "/1"]
    assert [c.text for c in only("read /33").candidates] == [
        "/3300", "/3303", "/3304", "/3311", "/3316", "/3323", "/3328",
    ]  # fmt: skip
    assert [c.text for c in only("read /temp").candidates] == ["/3303"]


def test_instances_default_to_zero_and_come_from_what_results_showed() -> None:
    assert menu(only("read /3303/")) == ["0 Temperature instance"]
    seen = {3303: [2, 0, 1], 3: [0, 5]}
    assert menu(only("read /3303/", instances=seen)) == [
        "0 Temperature instance",
        "1 Temperature instance",
        "2 Temperature instance",
    ]
    assert [c.text for c in only("read /3303/2", instances=seen).candidates] == ["/3303/2"]
    assert menu(only("read /3/", instances=seen)) == ["0 Device instance"]  # single instance
    assert menu(only("read /33001/", instances={33001: [4]})) == ["4 object 33001 instance"]


def test_resources_with_names_operations_and_types() -> None:
    found = only("read /3/0/")
    shown = menu(found)
    assert shown[0] == "0 Manufacturer  R String"
    assert "9 Battery Level  R Integer [/100]" in shown
    assert not any("Reboot" in line for line in shown)  # read offers readable resources
    assert found.candidates[0].text == "/3/0/0"
    assert [c.text for c in only("read /3/0/1").candidates] == [
        "/3/0/1", "/3/0/10", "/3/0/11", "/3/0/13", "/3/0/14", "/3/0/15", "/3/0/16", "/3/0/17",
        "/3/0/18", "/3/0/19",
    ]  # fmt: skip


def test_execute_offers_only_executable_resources_and_objects() -> None:
    assert menu(only("execute /3/0/")) == [
        "4 Reboot  E",
        "5 Factory Reset  E",
        "12 Reset Error Code  E",
    ]
    objects = [c.text for c in only("execute /").candidates]
    assert "/3" in objects and "/5" in objects and "/6" not in objects  # Location has no E
    assert next(c.text for c in only("executelegacy /3/0/").candidates) == "/3/0/4"


def test_write_offers_only_writable_resources() -> None:
    shown = menu(only("write /1/0/"))
    assert shown[0] == "1 Lifetime  RW Integer [s]"
    assert all(" RW " in line or " W " in line or line.endswith((" RW", " W")) for line in shown)
    assert "/3/0/0" not in [c.text for c in only("write /3/0/").candidates]
    assert [c.text for c in only("write /3/0/1").candidates] == [
        "/3/0/13", "/3/0/14", "/3/0/15",
    ]  # fmt: skip


def test_discover_and_delete_offer_everything_and_create_stops_at_the_object() -> None:
    assert "4 Reboot  E" in menu(only("discover /3/0/"))
    assert suggest("create /3303/", DEVICE) == []
    assert only("create /").kind is SuggestKind.LWM2M_PATH
    assert suggest("execute /3/0/4/", DEVICE) == []


def test_further_paths_of_composite_commands() -> None:
    found = only("cread /3/0/0 /3/0/")
    assert found.start == len("cread /3/0/0 ")
    assert menu(found)[0] == "0 Manufacturer  R String"
    assert only("cwrite /1/0/1 60 /1/0/").candidates[0].text == "/1/0/1"
    assert suggest("cwrite /1/0/1 ", DEVICE) == []  # a value comes next
    assert suggest("cwrite /1/0/1 60 /1/0/2 ", DEVICE) == []


def test_serialization_formats() -> None:
    found = only("serialization ")
    assert found.kind is SuggestKind.SERIALIZATION_FORMAT
    assert [c.text for c in found.candidates] == [
        "TLV", "JSON", "CBOR", "TEXT", "OPAQUE", "SENML_JSON", "SENML_CBOR", "DEFAULT",
    ]  # fmt: skip
    assert [c.text for c in only("serialization sen").candidates] == ["SENML_JSON", "SENML_CBOR"]
    assert suggest("serialization TLV ", DEVICE) == []


def test_writeattr_keys_not_given_yet() -> None:
    found = only("writeattr /3/0/9 ")
    assert found.kind is SuggestKind.WRITE_ATTRIBUTE
    assert [c.text for c in found.candidates] == ["pmin=", "pmax=", "gt=", "lt=", "st=", "cancel"]
    assert [c.text for c in only("writeattr /3/0/9 pmin=10&p").candidates] == ["pmin=10&pmax="]
    assert suggest("writeattr /3/0/9 pmin=1", DEVICE) == []


def test_nothing_inside_free_text_or_after_unknown_words() -> None:
    assert suggest("write /3/0/15 Europe", DEVICE) == []
    assert suggest('coap {"method', DEVICE) == []
    assert suggest("read 3", DEVICE) == []
    assert suggest("read /x/", DEVICE) == []
    assert suggest("read /999/0/", DEVICE) == []  # an unknown object has no resource list


def test_user_objects_complete_like_core_ones(tmp_path: Path) -> None:
    (tmp_path / "pump.xml").write_text(USER_OBJECT, encoding="utf-8")
    model = load_object_model(tmp_path)
    assert "33001 Pump" in menu(only("read /", objects=model))
    assert menu(only("write /33001/0/", objects=model)) == ["1 Speed  RW Integer [rpm]"]
    assert menu(only("execute /33001/0/", objects=model)) == ["2 Flush  E"]


def test_a_boolean_resource_offers_its_two_values() -> None:
    found = only("write /1/0/6 ")
    assert found.kind is SuggestKind.LWM2M_VALUE
    assert [c.text for c in found.candidates] == ["true", "false"]
    assert [c.text for c in only("cwrite /1/0/1 60 /1/0/6 f").candidates] == ["false"]
    assert suggest("write /1/0/1 ", DEVICE) == []  # an Integer: nothing to offer


@pytest.mark.parametrize("command", ["read", "observe", "discover", "execute", "delete"])
def test_every_path_completion_offers_is_accepted_by_the_checks(command: str) -> None:
    """Completion and checks read the same model: what one offers, the other lets through."""
    objects = [c.text for c in only(f"{command} /").candidates]
    assert objects
    for object_path in objects:
        for instance in only(f"{command} {object_path}/").candidates:
            resources = suggest(f"{command} {instance.text}/", DEVICE)
            for candidate in resources[0].candidates if resources else ():
                result = parse(f"{command} {candidate.text}", DEVICE)
                assert isinstance(result, Command), (candidate.text, result)
                assert result.notes == ()


def test_write_completions_take_a_value_of_their_type() -> None:
    samples = {
        "Integer": "1",
        "Unsigned Integer": "1",
        "Float": "1.5",
        "Boolean": "true",
        "String": "U",
        "Time": "0",
        "Objlnk": "3:0",
        "Opaque": "00",
        "Corelnk": "x",
    }
    for object_path in [c.text for c in only("write /").candidates]:
        resources = suggest(f"write {object_path}/0/", DEVICE)
        model = core_model()
        for candidate in resources[0].candidates if resources else ():
            ids = tuple(int(part) for part in candidate.text[1:].split("/"))
            resource = model.resource(ids[0], ids[2])
            assert resource is not None
            value = samples[resource.type]
            result = parse(f"write {candidate.text} {value}", DEVICE)
            if isinstance(result, ParseError):  # only a range may refuse the sample
                assert "range" in result.message or "bytes" in result.message, result


def test_the_model_names_paths_for_results() -> None:
    model = core_model()
    assert model.path_name((3,)) == "Device"
    assert model.path_name((3303, 1)) == "Temperature 1"
    assert model.path_name((3, 0, 9)) == "Battery Level"
    assert model.path_name((3, 0, 6, 1)) == "Available Power Sources"
    assert model.path_name((3, 0, 999)) is None
    assert model.path_name((33001,)) is None
    assert model.path_name(()) is None
