"""Device commands: every valid form accepted and sent exactly as typed, every invalid form
refused with a one-line message pointing at the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from lwm2m_shell.language import (
    DEVICE_COMMANDS,
    Command,
    ParseError,
    TargetKind,
    command_set_for,
    load_object_model,
    parse,
)

from .object_samples import USER_OBJECT

DEVICE = TargetKind.DEVICE

VALID = [
    "read /3/0/9",
    "read /3/0",
    "read /3",
    "read /3/0/6/1",
    "cread /3/0/0 /3/0/9 /6/0",
    "cread /3/0/0",
    "observe /3303/0/5700",
    "cobserve /3/0/9 /3/0/20",
    "execute /3/0/4",
    "execute /9/0/4 0='quick',1",
    "execute /9/0/4 9",
    "execute /9/0/4 0='!#$%&()*+-./:;<=>?@[]^_`{|}~'",
    "executelegacy /3/0/4",
    'executelegacy /3/0/4 any "plain" text, even: this',
    "write /1/0/1 3600",
    "write /1/0/1 -5",
    "write /1/0/6 true",
    "write /1/0/6 0",
    "write /3/0/15 Europe/Berlin",
    "write /3/0/14 +02:00",
    "write /3/0/13 1700000000",
    "write /3/0/13 2024-05-01T12:00:00Z",
    "write /1/0/7 U",
    "write /3/0/15 coaps://lwm2m.example.com:5684",
    "write /3311/0/5851 50",
    "write /3311/0/5850 false",
    "cwrite /1/0/2 10 /1/0/3 60",
    "cwrite /1/0/1 60",
    "writeb /5/0/0 010A0B020F",
    "writeb /5/0/0 binary:12345",
    "cancelobservation /3303/0/5700",
    "cancelobservation /3/0/20 /3/0/9",
    "delete /3303/1",
    "delete /3303/1/5700",
    "discover /3",
    "discover /3/0/9",
    "create /3303",
    'create /3303 {"5700": 21.5, "5701": "Cel"}',
    "writeattr /3/0/9 pmin=10&pmax=600",
    "writeattr /3303/0/5700 gt=30&lt=5&st=0.5",
    "writeattr /3/0 cancel",
    "fwupdate sensor-fw;2.1.0;https://example.com/fw.bin",
    "fwupdate my firmware;1.0 beta;coap://10.0.0.1:5683/fw",
    "serialization TLV",
    "serialization SENML_CBOR",
    "serialization DEFAULT",
    'coap {"method":"get","uri":"/3/0/0","accept":0}',
    'coap {"method": "put", "uri": "/1/0/1", "contentFormat": 0, "payloadHex": "3630"}',
    'coap {"method":"post","uri":null,"contentFormat":null,"accept":null,"payloadHex":null}',
    "read   /3/0/9",
]


@pytest.mark.parametrize("line", VALID)
def test_valid_device_commands_are_sent_exactly_as_typed(line: str) -> None:
    result = parse(line, DEVICE)
    assert isinstance(result, Command), result
    assert result.text == line
    assert result.target_kind is TargetKind.DEVICE
    assert not result.local and not result.tenant_wide
    assert result.spec.name == line.split()[0]
    assert not [note for note in result.notes if note.startswith("warning:")]


def test_the_parsed_arguments_are_the_words_as_typed() -> None:
    result = parse("execute /9/0/4 0='quick',1", DEVICE)
    assert isinstance(result, Command)
    assert result.args == {"path": "/9/0/4", "arguments": "0='quick',1"}
    assert result.tokens == ("execute", "/9/0/4", "0='quick',1")
    result = parse("cwrite /1/0/2 10 /1/0/3 60", DEVICE)
    assert isinstance(result, Command)
    assert result.args == {"path": "/1/0/2", "value": "10", "more": "/1/0/3 60"}
    result = parse("write /3/0/15 Europe/Berlin", DEVICE)
    assert isinstance(result, Command)
    assert result.args == {"path": "/3/0/15", "value": "Europe/Berlin"}


def test_every_documented_example_of_a_device_command_is_valid() -> None:
    for spec in DEVICE_COMMANDS:
        for example, _ in spec.examples:
            result = parse(example, DEVICE)
            assert isinstance(result, Command), (example, result)
            assert result.text == example


# line -> (part of the message, column of the problem)
INVALID: list[tuple[str, str, int]] = [
    ("read", "read needs /obj[/inst[/res]] after it", 4),
    ("read 3/0/9", "starts with '/': '3/0/9': write /3/0/9", 5),
    ("read /3/0/", "ends with '/'", 10),
    ("read /3//9", "empty level", 8),
    ("read /3/x/9", "path levels are numbers: 'x'", 8),
    ("read /3/0/9/1/2", "too many levels", 5),
    ("read /70000", "out of range", 6),
    ("read /3/0/9 /3/0/1", "unexpected '/3/0/1'", 12),
    ("cread", "needs at least one path", 5),
    ("execute /3/0", "needs a /object/instance/resource path", 8),
    ("execute /3/0/9", "cannot be executed: its operations are R", 8),
    ("executelegacy /3/0/0", "cannot be executed", 14),
    ("execute /3/0/4 0='a b'", "a space is not allowed", 19),
    ("execute /3/0/4 10", "arguments are separated by commas", 16),
    ("execute /3/0/4 a", "a single digit", 15),
    ("execute /3/0/4 0=abc", "single quotes", 17),
    ("execute /3/0/4 0='abc", "unclosed '", 17),
    ("execute /3/0/4 0='a\"b'", "'\"' is not allowed", 19),
    ("execute /3/0/4 0,", "a single digit", 17),
    ("write /3/0/9 50", "cannot be written: its operations are R", 6),
    ("write /3/0/4 1", "executable, not writable: use execute", 6),
    ("write /1/0/1", "write needs VALUE after it", 12),
    ("write /1/0/1 abc", "'abc' is not a whole number", 13),
    ("write /1/0/1 1.5", "not a whole number", 13),
    ("write /1/0/6 maybe", "not a Boolean", 13),
    ("write /3/0/13 yesterday", "not a Time", 14),
    ("write /3311/0/5851 101", "out of range: 0..100", 19),
    ("write /3311/0/5851 -1", "out of range", 19),
    ("write /1/0/1 99999999999999999999", "does not fit a 64-bit Integer", 13),
    ("write /1", "write needs at least /object/instance/resource", 6),
    ("write /0/0/0 coaps://x", "its operations are none (bootstrap server only)", 6),
    ("cwrite /1/0/2 10 /1/0/3", "missing the value for /1/0/3", 23),
    ("cwrite /1/0/2 x", "not a whole number", 14),
    ("cwrite /1/0/2 10 /3/0/9 5", "cannot be written", 17),
    ("writeb /5/0/0 010", "odd number of hex digits (3)", 14),
    ("writeb /5/0/0 01XY", "'X' at character 3", 14),
    ("writeb /5/0/0 binary:abc", "managed object ID", 14),
    ("writeb /5/0/0", "writeb needs HEX|binary:ID", 13),
    ("writeb /3/0/0 00", "cannot be written", 7),
    ("delete /3303", "needs at least /object/instance", 7),
    ("discover /3/0/9/1", "at most", 9),
    ("create /3303/0", "needs a /object path", 7),
    ("create /3303 {bad", "not valid JSON", 13),
    ("writeattr /3/0/9", "writeattr needs ATTR=VALUE&...", 16),
    ("writeattr /3/0/9 foo=1", "unknown attribute 'foo'", 17),
    ("writeattr /3/0/9 pmin=1&epmin=2", "unknown attribute 'epmin'", 24),
    ("writeattr /3/0/9 pmin=x", "pmin is a number of seconds", 17),
    ("writeattr /3/0/9 pmin=-1", "pmin is a number of seconds", 17),
    ("writeattr /3/0/9 gt=abc", "gt needs a number", 17),
    ("writeattr /3/0/9 pmin", "pmin needs a value", 17),
    ("writeattr /3/0/9 pmin=1&pmin=2", "given twice", 24),
    ("writeattr /3/0/9 cancel=1", "cancel takes no value", 17),
    ("writeattr /3/0/9 st=-1", "cannot be negative", 17),
    ("fwupdate fw;1.0", "three parts separated by ';'", 9),
    ("fwupdate fw;1.0;https://x/y;z", "not 4", 9),
    ("fwupdate ;1.0;https://x/y", "name is empty", 9),
    ("fwupdate fw;;https://x/y", "version is empty", 12),
    ("fwupdate fw;1.0;ftp-site/fw.bin", "not a URL with a host", 16),
    ("fwupdate", "fwupdate needs <name>;<version>;<url>", 8),
    ("serialization XML", "unknown data format 'XML'", 14),
    ("serialization tlv", "did you mean TLV?", 14),
    ("serialization", "serialization needs FORMAT", 13),
    ("serialization TLV JSON", "unexpected 'JSON'", 18),
    ("coap", "coap needs JSON", 4),
    ("coap {method: get}", "not valid JSON", 5),
    ('coap ["get"]', "must be a JSON object", 5),
    ('coap {"uri":"/3/0/0"}', "method must be one of", 5),
    ('coap {"method":"grab"}', 'not "grab"', 5),
    ('coap {"method":"get","uri":3}', "uri must be a string", 5),
    ('coap {"method":"get","accept":"text"}', "accept must be a CoAP content-format", 5),
    ('coap {"method":"get","contentFormat":-1}', "contentFormat must be", 5),
    ('coap {"method":"put","payloadHex":"ABC"}', "payloadHex: odd number", 5),
    ('coap {"method":"put","payloadHex":"zz"}', "payloadHex: 'z'", 5),
    ('coap {"method":"get","method":"put"}', "key method given twice", 5),
    ("coap " + "[" * 5000 + "]" * 4000, "", 5),
]


@pytest.mark.parametrize(("line", "message", "column"), INVALID)
def test_invalid_device_commands_are_refused_with_the_place(
    line: str, message: str, column: int
) -> None:
    result = parse(line, DEVICE)
    assert isinstance(result, ParseError), result
    assert message in result.message
    assert "\n" not in result.message
    assert result.position == column
    assert result.usage == command_set_for(DEVICE).find(line.split()[0]).usage  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        ("read /33001/0/1", "object 33001 is not in the object model (a vendor object?)"),
        ("write /33001/0/1 anything", "object 33001 is not in the object model"),
        ("read /3/0/999", "Device (3) has no resource 999 in the object model"),
        ("execute /3/0/999", "has no resource 999"),
        ("read /3/1/0", "Device (3) has a single instance, 0"),
        ("read /3/0/0/1", "Manufacturer is a single resource"),
        ("read /3/0/4", "/3/0/4 (Reboot) is not readable"),
        ("cread /3/0/9 /3/0/9", "path /3/0/9 given twice"),
        ("writeb /3/0/15 00", "/3/0/15 (Timezone) is a String, not Opaque"),
        ("writeattr /3/0/9 pmin=60&pmax=10", "pmin is greater than pmax"),
        ("writeattr /3/0/9 cancel&pmin=1", "the others given with it are moot"),
        ('coap {"method":"get","uri":"3/0/0"}', "does not start with '/'"),
        ('coap {"method":"get","token":"ab"}', "unknown key(s) token"),
    ],
)
def test_doubtful_device_commands_are_sent_with_a_warning(line: str, warning: str) -> None:
    result = parse(line, DEVICE)
    assert isinstance(result, Command), result
    assert result.text == line
    assert any(note.startswith("warning: ") and warning in note for note in result.notes)


def test_a_user_object_checks_like_a_core_one(tmp_path: Path) -> None:
    directory = tmp_path
    (directory / "pump.xml").write_text(USER_OBJECT, encoding="utf-8")
    model = load_object_model(directory)
    ok = parse("write /33001/2/1 1500", DEVICE, model)
    assert isinstance(ok, Command) and ok.notes == ()
    too_fast = parse("write /33001/2/1 5000", DEVICE, model)
    assert isinstance(too_fast, ParseError) and "out of range: 0..3000" in too_fast.message
    flush = parse("write /33001/2/2 1", DEVICE, model)
    assert isinstance(flush, ParseError) and "use execute" in flush.message


def test_on_the_connector_a_device_command_is_refused_with_a_hint() -> None:
    result = parse("read /3/0/9")
    assert isinstance(result, ParseError)
    assert result.message == (
        "read is a device command: point the shell at a device first (.use TARGET)"
    )


@pytest.mark.parametrize(
    "line",
    ["migrateLwm2mDevices -d 1111", "invalidateRegistrationById F7DqjmW3Yy", "help", ".status 4"],
)
def test_connector_and_shell_commands_stay_valid_on_a_device_target(line: str) -> None:
    on_device = parse(line, DEVICE)
    on_connector = parse(line)
    assert isinstance(on_device, Command)
    assert on_device == on_connector
    assert on_device.target_kind is TargetKind.CONNECTOR


def test_help_names_device_commands_on_both_targets() -> None:
    for kind in TargetKind:
        result = parse("help read", kind)
        assert isinstance(result, Command) and result.args == {"name": "read"}


def test_the_command_sets_of_the_two_targets() -> None:
    connector = command_set_for()
    device = command_set_for(DEVICE)
    assert connector.kind is TargetKind.CONNECTOR and connector.device_commands == ()
    assert connector.find("read") is None
    assert [spec.name for spec in device.device_commands] == [
        "read", "cread", "observe", "cobserve", "execute", "executelegacy", "write", "cwrite",
        "writeb", "cancelobservation", "delete", "discover", "create", "writeattr", "fwupdate",
        "serialization", "coap",
    ]  # fmt: skip
    assert set(connector.names) < set(device.names)
    assert device.names[:1] == ("read",)


def test_a_pasted_device_command_keeps_its_json_and_values() -> None:
    line = 'create /3303 {"5701": "Cel"}'
    result = parse(f"`{line}`", DEVICE)
    assert isinstance(result, Command) and result.text == line
    result = parse("- read /3/0/9: the battery level", DEVICE)
    assert isinstance(result, Command) and result.text == "read /3/0/9"


def test_a_quoted_command_word_is_refused_rather_than_sent_with_its_quotes() -> None:
    for line in ("'read' /3/0/9", "re\\ad /3/0/9", '"read" /3/0/9'):
        result = parse(line, DEVICE)
        assert isinstance(result, ParseError), line
        assert result.position == 0 and "without quotes" in result.message


def test_a_block_of_device_commands_is_checked_as_a_whole() -> None:
    from lwm2m_shell.language import parse_lines
    from lwm2m_shell.language.block import check_block

    text = "read /3/0/9\n# a comment\nexecute /3/0/9\nmigrateLwm2mDevices -d 1"
    block = check_block(text, DEVICE)
    assert not block.sendable
    assert [line.number for line, _ in block.errors] == [3]
    assert [command.target_kind for _, command in block.commands] == [
        TargetKind.DEVICE,
        TargetKind.CONNECTOR,
    ]
    assert [number for number, _ in parse_lines(text, DEVICE)] == [1, 3, 4]
    assert not check_block("read /3/0/9").sendable  # on the connector: not a command
