"""The LwM2M object model: generated file in step with the OMA XML, lazy loading, user files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lwm2m_shell.language.objects import (
    ObjectFileError,
    core_model,
    load_object_model,
    parse_object_xml,
)
from lwm2m_shell.language.objects.generate import generate, main
from lwm2m_shell.language.objects.registry import CORE_DATA

from .object_samples import USER_OBJECT

REPOSITORY = Path(__file__).resolve().parents[3]
XML_DIR = REPOSITORY / "data" / "lwm2m-objects"


def test_the_committed_data_file_is_what_the_generator_writes_from_the_xml(
    tmp_path: Path,
) -> None:
    output = tmp_path / "core_objects.json"
    assert main([str(XML_DIR), str(output)]) == 0
    assert output.read_text(encoding="utf-8") == CORE_DATA.read_text(encoding="utf-8")
    assert generate(XML_DIR) == CORE_DATA.read_text(encoding="utf-8")


def test_every_xml_file_is_in_the_model_with_its_bsd_notice() -> None:
    data = json.loads(CORE_DATA.read_text(encoding="utf-8"))
    files = sorted(path.name for path in XML_DIR.glob("*.xml"))
    assert sorted(entry["file"] for entry in data["objects"]) == files
    assert len(files) == 16
    for entry in data["objects"]:
        notice = data["notices"][entry["notice"]]
        assert "Redistribution and use in source and binary forms" in notice
        assert "Open Mobile Alliance" in notice


def test_core_objects_hold_the_documented_facts() -> None:
    model = core_model()
    device = model.get(3)
    assert device is not None and device.name == "Device" and not device.multiple
    reboot = model.resource(3, 4)
    assert reboot is not None and reboot.name == "Reboot" and reboot.operations == "E"
    battery = model.resource(3, 9)
    assert battery is not None
    assert (battery.operations, battery.type, battery.range) == ("R", "Integer", "0..100")
    lifetime = model.resource(1, 1)
    assert lifetime is not None and lifetime.writable and lifetime.units == "s"
    temperature = model.get(3303)
    assert temperature is not None and temperature.multiple
    assert {0, 1, 2, 3, 4, 5, 6, 7, 9, 3300, 3303, 3304, 3311, 3316, 3323, 3328} == set(
        model.objects
    )


def test_importing_and_using_the_language_on_the_connector_does_not_read_the_model() -> None:
    script = (
        "import lwm2m_shell.language as language\n"
        "from lwm2m_shell.language.objects import core_loaded\n"
        "language.parse('migrateLwm2mDevices -d 1'); language.classify('help read')\n"
        "language.suggest('mig'); language.render_help(kind=language.TargetKind.DEVICE)\n"
        "before = core_loaded()\n"
        "language.parse('read /3/0/9', language.TargetKind.DEVICE)\n"
        "print(before, core_loaded())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "True"]


def test_user_definitions_are_merged_over_the_core_ones(tmp_path: Path) -> None:
    (tmp_path / "pump.xml").write_text(USER_OBJECT, encoding="utf-8")
    replaced = USER_OBJECT.replace("33001", "3").replace("Pump", "My Device")
    (tmp_path / "device.xml").write_text(replaced, encoding="utf-8")
    model = load_object_model(tmp_path)
    assert model.warnings == ()
    pump = model.get(33001)
    assert pump is not None and pump.name == "Pump" and pump.multiple
    speed = model.resource(33001, 1)
    assert speed is not None and (speed.type, speed.range, speed.units) == (
        "Integer",
        "0..3000",
        "rpm",
    )
    mine = model.get(3)
    assert mine is not None and mine.name == "My Device"
    assert mine.source.endswith("device.xml")
    assert model.get(4) is not None  # the rest of the core is still there
    assert core_model().get(33001) is None  # the core model itself is not changed


def test_an_unusable_user_file_is_one_warning_line_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "a_broken.xml").write_text("<LWM2M><Object>", encoding="utf-8")
    (tmp_path / "b_entity.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><LWM2M/>',
        encoding="utf-8",
    )
    (tmp_path / "c_bad_id.xml").write_text(
        USER_OBJECT.replace("<ObjectID>33001", "<ObjectID>pump"), encoding="utf-8"
    )
    (tmp_path / "d_pump.xml").write_text(USER_OBJECT, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a definition", encoding="utf-8")
    model = load_object_model(tmp_path)
    assert model.get(33001) is not None
    assert len(model.warnings) == 3
    assert all("\n" not in warning for warning in model.warnings)
    broken, entity, bad_id = model.warnings
    assert "a_broken.xml" in broken and "not well-formed XML" in broken
    assert "b_entity.xml" in entity and "DOCTYPE" in entity
    assert "c_bad_id.xml" in bad_id and "not a number" in bad_id


def test_a_missing_user_directory_means_no_user_objects(tmp_path: Path) -> None:
    model = load_object_model(tmp_path / "nowhere")
    assert model.warnings == ()
    assert len(model) == len(core_model())


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<LWM2M/>", "no <Object>"),
        ("not xml", "not well-formed"),
        ("<!DOCTYPE LWM2M><LWM2M/>", "DOCTYPE"),
        (
            USER_OBJECT.replace("<Operations>RW</Operations>", "<Operations>RX</Operations>"),
            "unknown operations 'RX'",
        ),
    ],
)
def test_parse_object_xml_refuses_with_one_line(xml: str, message: str) -> None:
    with pytest.raises(ObjectFileError, match=message):
        parse_object_xml(xml.encode())


def test_resource_labels_name_operations_and_type() -> None:
    model = core_model()
    labels = {
        (3, 0): "Manufacturer  R String",
        (3, 4): "Reboot  E",
        (1, 1): "Lifetime  RW Integer [s]",
    }
    for (object_id, resource_id), label in labels.items():
        resource = model.resource(object_id, resource_id)
        assert resource is not None and resource.label == label
