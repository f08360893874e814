"""Every way a line can be wrong gives one line saying exactly what, with the usage when known."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import MAX_LINE_LENGTH, Command, ParseError, find_command, parse

MIGRATE_USAGE = "migrateLwm2mDevices [-d|--devices ID...] [-sr|--skipRegistrations]"

# (line, fragments the message must hold, command whose usage is shown or None, suggestion)
ERRORS: list[tuple[str, tuple[str, ...], str | None, str | None]] = [
    # unknown commands, with did-you-mean
    (
        "migratelwm2mdevices",
        ("unknown command 'migratelwm2mdevices'", "did you mean migrateLwm2mDevices?", "case"),
        None,
        "migrateLwm2mDevices",
    ),
    (
        "invalidateRegistration urn:imei:1",
        (
            "unknown command 'invalidateRegistration'",
            "invalidateRegistrationsForEndpoint",
            "invalidateRegistrationById",
        ),
        None,
        "invalidateRegistrationsForEndpoint",
    ),
    ("migrateLwm2mDevice", ("did you mean migrateLwm2mDevices?",), None, "migrateLwm2mDevices"),
    ("HELP", ("unknown command 'HELP'", "did you mean help"), None, "help"),
    ("status 12", ("unknown command 'status'", "did you mean .status?"), None, ".status"),
    (
        "iRFE urn:imei:1",
        ("did you mean invalidateRegistrationsForEndpoint?",),
        None,
        "invalidateRegistrationsForEndpoint",
    ),
    ("frobnicate", ("unknown command 'frobnicate'", "type help"), None, None),
    ("-d 1111", ("starts with a command name", "'-d'"), None, None),
    ("`help", ("stray backtick", "between the backticks"), None, None),
    ("<command> x", ("replace the placeholder <command>", "command name"), None, None),
    # unknown flags
    (
        "migrateLwm2mDevices --skip",
        ("unknown option '--skip' for migrateLwm2mDevices", "did you mean --skipRegistrations?"),
        "migrateLwm2mDevices",
        "--skipRegistrations",
    ),
    (
        "migrateLwm2mDevices -SR",
        ("unknown option '-SR'", "did you mean -sr?"),
        "migrateLwm2mDevices",
        "-sr",
    ),
    (
        "migrateLwm2mDevices -devices 1",
        ("unknown option '-devices'", "did you mean --devices?"),
        "migrateLwm2mDevices",
        "--devices",
    ),
    ("migrateLwm2mDevices -x", ("unknown option '-x'",), "migrateLwm2mDevices", None),
    (
        "migrateLwm2mDevices -s",
        ("unknown option '-s' for migrateLwm2mDevices: did you mean -sr?",),
        "migrateLwm2mDevices",
        "-sr",
    ),
    (
        "invalidateRegistrationById -f F7DqjmW3Yy",
        ("invalidateRegistrationById takes no options: '-f'",),
        "invalidateRegistrationById",
        None,
    ),
    (
        "migrateLwm2mDevices --devices=1111",
        ("write '--devices 1111'", "'--devices=1111'"),
        "migrateLwm2mDevices",
        None,
    ),
    # flag values
    (
        "migrateLwm2mDevices -d",
        ("-d/--devices needs at least one device ID",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices --devices -sr",
        ("-d/--devices needs at least one device ID",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d 12a",
        ("device ID must be digits: '12a'",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d 1111 ²²",
        ("device ID must be digits: '²²'",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d 1111,2222",
        ("separated by spaces, not commas", "'1111,2222'"),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d 1111 2222 1111",
        ("device ID 1111 is given twice",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d 1111 -sr --devices 1111",
        ("device ID 1111 is given twice",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -sr -sr",
        ("-sr/--skipRegistrations is given twice",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -sr -d 1 --skipRegistrations",
        ("-sr/--skipRegistrations is given twice",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d 1111 -sr 2222",
        ("unexpected argument '2222'", "right after -d/--devices"),
        "migrateLwm2mDevices",
        None,
    ),
    # the legacy comma list
    (
        "migrateLwm2mDevices 1122,3344 -d 5566",
        ("either after -d/--devices or as the legacy comma list '1122,3344'", "not both"),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d 5566 1122,3344",
        ("separated by spaces, not commas",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices 1122,3344 -sr",
        (
            "legacy device list '1122,3344' cannot be combined with -sr/--skipRegistrations",
            "write migrateLwm2mDevices -sr -d 1122 3344",
        ),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices --skipRegistrations 1122,3344",
        ("cannot be combined with -sr/--skipRegistrations",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices 1122,,3344",
        ("empty entry in the device list '1122,,3344'",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices 1122,abc",
        ("device ID must be digits: 'abc'", "'1122,abc'"),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices 1122,1122",
        ("device ID 1122 is given twice",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices 1111 2222",
        ("unexpected extra argument '2222'", "write migrateLwm2mDevices -d 1111 2222"),
        "migrateLwm2mDevices",
        None,
    ),
    # missing and extra arguments
    (
        "invalidateRegistrationById",
        ("missing argument <registrationId>", "e.g. F7DqjmW3Yy"),
        "invalidateRegistrationById",
        None,
    ),
    (
        "invalidateRegistrationsForEndpoint",
        ("missing argument <endpoint>", "endpoint client ID, e.g. urn:imei:012345678901234"),
        "invalidateRegistrationsForEndpoint",
        None,
    ),
    (
        "cleanupClusterTenantObjectsForEndpoint urn:imei:1 urn:imei:2",
        ("unexpected extra argument 'urn:imei:2'", "holds no spaces"),
        "cleanupClusterTenantObjectsForEndpoint",
        None,
    ),
    (
        "invalidateRegistrationById F7Dq jmW3Yy",
        ("unexpected extra argument 'jmW3Yy' after the registration ID 'F7Dq'",),
        "invalidateRegistrationById",
        None,
    ),
    (".bulk all", (".bulk takes no arguments: unexpected 'all'",), ".bulk", None),
    ("help migrateLwm2mDevices x", ("unexpected extra argument 'x'",), "help", None),
    (".status", ("missing argument ID", "operation ID"), ".status", None),
    (".status 12x", ("operation ID must be digits: '12x'",), ".status", None),
    (".history 0", ("positive whole number: '0'",), ".history", None),
    (".history -3", ("takes no options",), ".history", None),
    (".history 99999999999", ("too large",), ".history", None),
    (".send", (".send needs TEXT", "e.g. .send help"), ".send", None),
    ("help nosuch", ("unknown command 'nosuch'",), "help", None),
    (
        "help migratelwm2mdevices",
        ("unknown command 'migratelwm2mdevices'", "did you mean migrateLwm2mDevices?"),
        "help",
        "migrateLwm2mDevices",
    ),
    # values that cannot be IDs
    (
        "invalidateRegistrationById 'F7Dq jmW3Yy'",
        ("registration ID must not contain whitespace: 'F7Dq jmW3Yy'",),
        "invalidateRegistrationById",
        None,
    ),
    (
        'invalidateRegistrationsForEndpoint "urn:imei 0123"',
        ("endpoint must not contain whitespace: 'urn:imei 0123'",),
        "invalidateRegistrationsForEndpoint",
        None,
    ),
    (
        "invalidateRegistrationsForEndpoint urn\\ imei",
        ("endpoint must not contain whitespace",),
        "invalidateRegistrationsForEndpoint",
        None,
    ),
    (
        "invalidateRegistrationsForEndpoint ''",
        ("the endpoint is empty",),
        "invalidateRegistrationsForEndpoint",
        None,
    ),
    (
        "invalidateRegistrationsForEndpoint 'urn\"x'",
        ("endpoint must not contain quotes",),
        "invalidateRegistrationsForEndpoint",
        None,
    ),
    (
        "invalidateRegistrationById F7Dq/jm",
        ("registration ID may only hold letters, digits", "'F7Dq/jm'"),
        "invalidateRegistrationById",
        None,
    ),
    # quoting
    (
        'invalidateRegistrationsForEndpoint "urn:imei:1',
        ('unclosed double quote (") opened at column 36',),
        "invalidateRegistrationsForEndpoint",
        None,
    ),
    (
        "invalidateRegistrationById 'F7Dq",
        ("unclosed single quote (') opened at column 28",),
        "invalidateRegistrationById",
        None,
    ),
    (
        "invalidateRegistrationById F7Dq\\",
        ("ends with a lone backslash", "column 32"),
        "invalidateRegistrationById",
        None,
    ),
    # characters
    ("help\x07", ("control character U+0007 (BEL) at column 5",), "help", None),
    ("migrateLwm2mDevices\x00", ("control character U+0000 (NUL)",), "migrateLwm2mDevices", None),
    ("\x1b[Ahelp", ("control character U+001B (ESC) at column 1",), None, None),
    ("help\x7f", ("control character U+007F (DEL)",), "help", None),
    ("help\x85", ("control character U+0085",), "help", None),
    (
        "invalidateRegistrationById F7Dq\u200bjmW3Yy",
        ("invisible character U+200B (ZERO WIDTH SPACE) at column 32",),
        "invalidateRegistrationById",
        None,
    ),
    ("help\ud800", ("invalid character U+D800", "surrogate"), "help", None),
    ("help\nhelp", ("line break U+000A (LF)", "one command per line"), "help", None),
    ("help\rx", ("line break U+000D (CR)",), "help", None),
    ("\x0c", ("control character U+000C (FF) at column 1",), None, None),
    ("help \x1c", ("control character U+001C (FS)",), "help", None),
    ("help\u2028", ("line break U+2028 (LINE SEPARATOR)",), "help", None),
    # placeholders and syntax notation
    (
        "invalidateRegistrationsForEndpoint <endpoint_ID>",
        (
            "replace the placeholder <endpoint_ID> with the device's endpoint client ID, "
            "e.g. urn:imei:012345678901234",
        ),
        "invalidateRegistrationsForEndpoint",
        None,
    ),
    (
        "cleanupClusterTenantObjectsForEndpoint <endpoint>",
        ("replace the placeholder <endpoint>", "endpoint client ID"),
        "cleanupClusterTenantObjectsForEndpoint",
        None,
    ),
    (
        "invalidateRegistrationById <registrationId>",
        ("replace the placeholder <registrationId> with the registration ID, e.g. F7DqjmW3Yy",),
        "invalidateRegistrationById",
        None,
    ),
    (
        "invalidateRegistrationById '<registration_ID>'",
        ("replace the placeholder <registration_ID>",),
        "invalidateRegistrationById",
        None,
    ),
    (
        "migrateLwm2mDevices -d <device_ID>",
        ("replace the placeholder <device_ID> with a device's managed object ID",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        ".status <operation_ID>",
        ("replace the placeholder <operation_ID> with an operation ID",),
        ".status",
        None,
    ),
    (
        "migrateLwm2mDevices [-d ID...] [-sr]",
        ("'[-d ID...]' is usage notation", "e.g. migrateLwm2mDevices -sr -d 1111 2222"),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices [-d|--devices ID...] [-sr|--skipRegistrations]",
        ("'[-d|--devices ID...]' is usage notation",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "invalidateRegistrationsForEndpoint A...",
        ("'A...' is usage notation", "e.g. invalidateRegistrationsForEndpoint urn:imei:"),
        "invalidateRegistrationsForEndpoint",
        None,
    ),
    (
        "migrateLwm2mDevices -d ID...",
        ("'ID...' is usage notation",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d|--devices 1111",
        ("'-d|--devices' is usage notation",),
        "migrateLwm2mDevices",
        None,
    ),
    (
        "migrateLwm2mDevices -d 1111 | -sr",
        ("'|' is usage notation",),
        "migrateLwm2mDevices",
        None,
    ),
]


@pytest.mark.parametrize(("line", "fragments", "usage_of", "suggestion"), ERRORS)
def test_error_says_what_is_wrong(
    line: str, fragments: tuple[str, ...], usage_of: str | None, suggestion: str | None
) -> None:
    result = parse(line)
    assert isinstance(result, ParseError), f"{line!r} gave {result!r}"
    for fragment in fragments:
        assert fragment in result.message, (fragment, result.message)
    assert "\n" not in result.message
    spec = find_command(usage_of) if usage_of else None
    expected_usage = spec.usage if spec else None
    assert result.usage == expected_usage
    assert result.suggestion == suggestion
    lines = result.format().split("\n")
    assert lines[0] == result.message  # the console adds "error: " once
    assert lines[1:] == ([f"usage: {expected_usage}"] if expected_usage else [])


@pytest.mark.parametrize(
    ("line", "position"),
    [
        ("migrateLwm2mDevices -d 12a", 23),
        ("migrateLwm2mDevices -sr -sr", 24),
        ("migrateLwm2mDevices -d", 20),
        ("invalidateRegistrationById", 26),
        ('invalidateRegistrationsForEndpoint "urn:imei:1', 35),
        ("help\x07", 4),
        ("frobnicate now", 0),
        ("  * `migrateLwm2mDevices -x`: why", 20),  # offset in the cleaned line
    ],
)
def test_error_position_points_at_the_problem(line: str, position: int) -> None:
    result = parse(line)
    assert isinstance(result, ParseError)
    assert result.position == position


def test_usage_of_migrate_is_the_advertised_syntax() -> None:
    result = parse("migrateLwm2mDevices -q")
    assert isinstance(result, ParseError)
    assert result.usage == MIGRATE_USAGE


def test_line_too_long_names_the_limit() -> None:
    result = parse("migrateLwm2mDevices -d " + "1 " * 6000)
    assert isinstance(result, ParseError)
    assert "line too long: 12,023 characters" in result.message
    assert f"the limit is {MAX_LINE_LENGTH:,}" in result.message


def test_a_line_at_the_limit_is_still_parsed() -> None:
    ids = " ".join(str(1000 + n) for n in range(1995))
    line = f"migrateLwm2mDevices -d {ids}"
    line += " " * (MAX_LINE_LENGTH - len(line))
    assert len(line) == MAX_LINE_LENGTH
    result = parse(line)
    assert isinstance(result, Command)
    assert len(result.device_ids) == 1995


def test_first_problem_of_several_is_reported() -> None:
    result = parse("migrateLwm2mDevices -d 12a -x -sr -sr")
    assert isinstance(result, ParseError)
    assert "'12a'" in result.message
