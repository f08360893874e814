"""What a device target looks like: highlighting roles and help text; and properties that hold
for any input (never an exception, spans cover the line, valid paths are sent as typed)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from lwm2m_shell.language import (
    DEVICE_COMMANDS,
    Command,
    ParseError,
    Role,
    TargetKind,
    classify,
    parse,
    render_command_help,
    render_help,
    suggest,
)

DEVICE = TargetKind.DEVICE


def roles(line: str) -> list[tuple[str, str]]:
    return [
        (line[start:end], role.value)
        for start, end, role in classify(line, DEVICE)
        if role is not Role.WHITESPACE
    ]


def test_device_command_words_get_their_roles() -> None:
    assert roles("read /3/0/9") == [("read", "device_command"), ("/3/0/9", "path")]
    assert roles("execute /3/0/4 0='on',1") == [
        ("execute", "device_command"),
        ("/3/0/4", "path"),
        ("0='on',1", "value"),
    ]
    assert roles("write /3/0/15 Europe Berlin") == [
        ("write", "device_command"),
        ("/3/0/15", "path"),
        ("Europe Berlin", "value"),
    ]
    assert roles("cwrite /1/0/2 10 /1/0/3 x") == [
        ("cwrite", "device_command"),
        ("/1/0/2", "path"),
        ("10", "value"),
        ("/1/0/3", "path"),
        ("x", "invalid"),
    ]
    assert roles("read 3/0/9 more") == [
        ("read", "device_command"),
        ("3/0/9", "invalid"),
        ("more", "invalid"),
    ]
    assert roles("serialization XML") == [("serialization", "device_command"), ("XML", "invalid")]


def test_connector_lines_classify_as_before_and_device_names_only_on_a_device() -> None:
    assert classify("read /3/0/9")[0][2] is Role.UNKNOWN_COMMAND
    assert classify("help read", DEVICE) == classify("help read")
    assert roles("help read")[-1] == ("read", "device_command")
    assert classify("migrateLwm2mDevices -d 1", DEVICE) == classify("migrateLwm2mDevices -d 1")


def test_help_on_a_device_lists_device_commands_then_the_connectors() -> None:
    text = render_help(100, DEVICE)
    device_at = text.index("Device commands")
    connector_at = text.index("Connector commands (these still go to the connector device")
    assert device_at < connector_at
    for spec in DEVICE_COMMANDS:
        assert spec.usage in text[device_at:connector_at]
    assert "migrateLwm2mDevices" in text[connector_at:]
    assert "Device commands" not in render_help(100)


def test_help_for_one_device_command_is_in_full() -> None:
    text = render_command_help("read")
    assert text is not None
    assert text.startswith("usage: read /obj[/inst[/res]]")
    assert "read /3/0/9" in text and "Examples:" in text
    assert "sent as typed to the LWM2M device the shell points at" in text
    for spec in DEVICE_COMMANDS:
        full = render_command_help(spec.name)
        assert full is not None and spec.help.split(".")[0] in " ".join(full.split())


@settings(deadline=None)  # a loaded machine must not fail it: no wall-clock limit
@given(st.sampled_from([spec.name for spec in DEVICE_COMMANDS]), st.text(max_size=60))
def test_any_device_line_gives_a_result_and_covering_spans(name: str, rest: str) -> None:
    line = f"{name} {rest}"
    result = parse(line, DEVICE)
    assert result is None or isinstance(result, (Command, ParseError))
    if isinstance(result, ParseError):
        assert "\n" not in result.message
    spans = classify(line, DEVICE)
    positions = [(start, end) for start, end, _ in spans]
    assert positions[0][0] == 0 and positions[-1][1] == len(line)
    assert all(a_end == b_start for (_, a_end), (b_start, _) in itertools.pairwise(positions))
    suggest(line, DEVICE)


@settings(deadline=None)
@given(
    st.sampled_from(["read", "observe", "discover", "cancelobservation", "writeattr"]),
    st.lists(st.integers(0, 65535), min_size=1, max_size=3),
)
def test_any_well_formed_path_is_sent_as_typed(name: str, ids: list[int]) -> None:
    path = "/" + "/".join(map(str, ids))
    line = f"{name} {path}" + (" pmin=1" if name == "writeattr" else "")
    result = parse(line, DEVICE)
    assert isinstance(result, Command), result
    assert result.text == line and result.args["path" if name != "cancelobservation" else "paths"]
