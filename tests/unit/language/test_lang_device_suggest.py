"""Completion on a device target: command names, paths level by level, formats, attributes."""

from __future__ import annotations

from pathlib import Path

from lwm2m_shell.language import (
    Candidate,
    Suggestion,
    SuggestKind,
    TargetKind,
    load_object_model,
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
