"""Device commands from scripts: ``--device TARGET`` with ``-c``, ``-f`` and stdin, ``.use`` in a
script, and every device command's valid forms sent exactly as typed (the simulated tenant
records the ``c8y_Command`` text and the device ID) while invalid ones send nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lwm2m_shell.language import DEVICE_COMMANDS

from ..e2e.terminal import run_script
from .conftest import Control

# Every example of the seventeen commands' specs, and a few more forms a user types.
VALID = [example for spec in DEVICE_COMMANDS for example, _ in spec.examples] + [
    "read /3/0/0",
    'create /3303 {"5700": 21.5}',
    "write /3/0/14 +02:00",
    'coap {"method":"put","uri":"/3/0/14","contentFormat":0,"payloadHex":"2B3031"}',
    "read /32769/0/1",  # a vendor object: a warning, and sent all the same
]
INVALID = [
    "execute /3/0/9",  # Battery Level is not executable
    "write /3/0/9 50",  # read-only
    "write /1/0/1 soon",  # Integer resource
    "writeb /5/0/0 ABC",  # odd number of hex digits
    "writeattr /3/0/9 often=1",  # unknown attribute
    "fwupdate firmware;1.0",  # not name;version;url
    'coap {"method":"get"',  # malformed JSON
    "serialization XML",  # unknown format
    "read",  # no path
    "read 3/0/9",  # not a path
    "cread",
    "create",
]


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_device_one_shot_reads_a_resource_with_its_name(
    env: dict[str, str], control: Control
) -> None:
    device = control.device()
    done = run_script(env, "--device", device["endpoint"], "-c", "read /3/0/0")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("/3/0/0 Manufacturer: "), done.stdout
    sent = control.commands(device["id"])
    assert [(c["deviceId"], c["text"]) for c in sent] == [(device["id"], "read /3/0/0")]


def test_every_valid_form_is_sent_exactly_as_typed_to_the_device(
    env: dict[str, str], control: Control, tmp_path: Path
) -> None:
    device = control.device()
    script = tmp_path / "device.txt"
    script.write_text("# device commands\n" + "\n".join(VALID) + "\n", encoding="utf-8")
    done = run_script(
        env, "--device", device["id"], "-f", str(script), "--output", "json", timeout=180
    )
    answers = json_lines(done.stdout)
    assert [a["command"] for a in answers] == VALID
    assert all(a["status"] in ("SUCCESSFUL", "FAILED") for a in answers), answers
    assert done.returncode in (0, 1), done.stderr
    sent = control.commands(device["id"])
    assert [c["text"] for c in sent] == VALID
    assert {c["deviceId"] for c in sent} == {device["id"]}
    ids = [a["operationId"] for a in answers]
    assert ids == [c["operationId"] for c in sent]
    assert "warning" in done.stderr and "32769" in done.stderr  # shown, and sent anyway
    # the JSON result is the agent's answer as it came: no names added there
    read = next(a for a in answers if a["command"] == "read /3/0/0")
    assert read["status"] == "SUCCESSFUL" and "Manufacturer" not in read["result"]


def test_invalid_forms_are_refused_and_nothing_is_sent(
    env: dict[str, str], control: Control, tmp_path: Path
) -> None:
    device = control.device()
    script = tmp_path / "bad.txt"
    script.write_text("\n".join(["read /3/0/9", *INVALID]) + "\n", encoding="utf-8")
    done = run_script(env, "--device", device["id"], "-f", str(script), "--output", "json")
    assert done.returncode == 2, done.stderr
    answers = json_lines(done.stdout)
    assert [a["status"] for a in answers] == ["NOT_RUN"] + ["INVALID"] * len(INVALID)
    assert "nothing was sent" in done.stderr
    assert control.commands() == []


def test_each_invalid_form_alone_sends_nothing(env: dict[str, str], control: Control) -> None:
    device = control.device()
    args: list[str] = []
    for line in INVALID:
        args += ["-c", line]
    done = run_script(env, "--device", device["endpoint"], *args)
    assert done.returncode == 2
    for number in range(1, len(INVALID) + 1):
        assert f"-c #{number}:" in done.stderr, done.stderr  # every line named, one by one
    assert control.commands() == []


def test_an_unknown_device_is_one_error_and_nothing_is_sent(
    env: dict[str, str], control: Control
) -> None:
    done = run_script(
        env, "--device", "urn:imei:000", "-c", "read /3/0/0", "-c", "read /3/0/9", "-o", "json"
    )
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: --device urn:imei:000: no LWM2M device 'urn:imei:000' in this tenant"]
    assert [a["status"] for a in json_lines(done.stdout)] == ["INVALID", "INVALID"]
    assert control.commands() == []


def test_a_device_command_without_a_device_is_refused_with_a_hint(
    env: dict[str, str], control: Control
) -> None:
    done = run_script(env, "-c", "read /3/0/9")
    assert done.returncode == 2
    assert "point the shell at a device first (.use" in done.stderr
    assert control.commands() == []


def test_use_in_a_script_switches_the_target_and_back(
    env: dict[str, str], control: Control
) -> None:
    device = control.device()
    lines = [f".use {device['name']}", "read /3/0/9", ".use", ".context"]
    stdin = ("\n".join(lines) + "\n").encode()
    done = run_script(env, "--output", "json", stdin=stdin)
    assert done.returncode == 0, done.stderr
    answers = json_lines(done.stdout)
    assert answers[0]["result"]["deviceId"] == device["id"]
    assert answers[1]["status"] == "SUCCESSFUL"
    assert answers[3]["result"]["target"]["kind"] == "connector"
    sent = control.commands()
    assert [(c["deviceId"], c["text"]) for c in sent] == [(device["id"], "read /3/0/9")]


def test_connector_commands_still_go_to_the_connector(
    env: dict[str, str], control: Control, tenant: Any
) -> None:
    device = control.device()
    done = run_script(
        env,
        "--device",
        device["id"],
        "-c",
        "invalidateRegistrationById F7DqjmW3Yy",
        "-c",
        "read /3/0/9",
    )
    assert done.returncode in (0, 1), done.stderr
    sent = control.commands()
    assert [c["deviceId"] for c in sent] == [tenant.connector_id, device["id"]]


def test_a_failed_use_stops_the_script(env: dict[str, str], control: Control) -> None:
    device = control.device()
    lines = [f".use {device['id']}", ".use no-such-device", "read /3/0/9"]
    done = run_script(env, "-o", "json", stdin=("\n".join(lines) + "\n").encode())
    assert done.returncode == 2
    assert [a["status"] for a in json_lines(done.stdout)] == ["LOCAL", "INVALID", "NOT_RUN"]
    assert control.commands() == []


def test_timeout_ends_the_wait_for_a_sleeping_device_with_the_operation_id(
    env: dict[str, str], control: Control
) -> None:
    device = control.device()
    control.set_mode(device["id"], "sleeping", awake_ms=5000)  # asleep until woken
    done = run_script(env, "--device", device["id"], "--timeout", "2", "-c", "read /3/0/9")
    assert done.returncode == 4, done.stderr
    [sent] = control.commands(device["id"])
    op_id = sent["operationId"]
    assert f"operation {op_id} is still PENDING (queued: the device is asleep" in done.stderr
    assert f"`lwm2m-shell -c '.status {op_id}'`" in done.stderr


def test_help_shows_the_command_set_of_the_target(env: dict[str, str], control: Control) -> None:
    connector = run_script(env, "-c", "help")
    assert connector.returncode == 0
    assert ".use [TARGET]" in connector.stdout and "Device commands" not in connector.stdout
    device = run_script(env, "--device", control.device()["endpoint"], "-c", "help")
    assert device.returncode == 0, device.stderr
    assert device.stdout.startswith("Device commands")
    assert "read /obj[/inst[/res]]" in device.stdout and ".use [TARGET]" in device.stdout


def test_your_own_object_definitions_are_checked_like_the_core_ones(
    env: dict[str, str], control: Control, tmp_path: Path
) -> None:
    from ..unit.language.object_samples import USER_OBJECT  # Pump 33001: Speed RW Integer

    device = control.device()
    data = tmp_path / "data"
    (data / "lwm2m-shell" / "objects").mkdir(parents=True)
    (data / "lwm2m-shell" / "objects" / "pump.xml").write_text(USER_OBJECT, encoding="utf-8")
    line = "write /33001/0/1 fast"  # an unknown object is only a warning: this one is known
    unknown = run_script(env, "--device", device["id"], "-c", line, "--timeout", "30")
    assert unknown.returncode in (0, 1) and "warning" in unknown.stderr
    known = run_script({**env, "XDG_DATA_HOME": str(data)}, "--device", device["id"], "-c", line)
    assert known.returncode == 2, known.stderr
    assert "nothing was sent" in known.stderr and "Integer" in known.stderr
    assert [c["text"] for c in control.commands(device["id"])] == [line]  # the first one only
