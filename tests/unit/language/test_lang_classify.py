"""Highlighting roles for every character of a line."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import Role, classify

R = Role


def words(line: str) -> list[tuple[str, Role]]:
    """The non-whitespace spans of ``line`` with their roles."""
    return [(line[a:b], role) for a, b, role in classify(line) if role is not Role.WHITESPACE]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "migrateLwm2mDevices -sr -d 1111 2222",
            [
                ("migrateLwm2mDevices", R.COMMAND),
                ("-sr", R.FLAG),
                ("-d", R.FLAG),
                ("1111", R.DEVICE_ID),
                ("2222", R.DEVICE_ID),
            ],
        ),
        (
            "migrateLwm2mDevices -d 12a 1111 -x",
            [
                ("migrateLwm2mDevices", R.COMMAND),
                ("-d", R.FLAG),
                ("12a", R.INVALID),
                ("1111", R.DEVICE_ID),
                ("-x", R.UNKNOWN_FLAG),
            ],
        ),
        (
            "migrateLwm2mDevices -sr -sr",
            [("migrateLwm2mDevices", R.COMMAND), ("-sr", R.FLAG), ("-sr", R.INVALID)],
        ),
        (
            "migrateLwm2mDevices 1122,3344",
            [("migrateLwm2mDevices", R.COMMAND), ("1122,3344", R.DEVICE_ID)],
        ),
        (
            "invalidateRegistrationsForEndpoint urn:imei:0123 extra",
            [
                ("invalidateRegistrationsForEndpoint", R.COMMAND),
                ("urn:imei:0123", R.ENDPOINT),
                ("extra", R.INVALID),
            ],
        ),
        (
            "invalidateRegistrationById <registration_ID>",
            [("invalidateRegistrationById", R.COMMAND), ("<registration_ID>", R.PLACEHOLDER)],
        ),
        (
            "invalidateRegistrationById F7DqjmW3Yy",
            [("invalidateRegistrationById", R.COMMAND), ("F7DqjmW3Yy", R.REGISTRATION_ID)],
        ),
        (
            "migrateLwm2mDevices [-d ID...]",
            [
                ("migrateLwm2mDevices", R.COMMAND),
                ("[-d", R.PLACEHOLDER),
                ("ID...]", R.PLACEHOLDER),
            ],
        ),
        (
            "migratelwm2mdevices -d 1",
            [("migratelwm2mdevices", R.UNKNOWN_COMMAND), ("-d", R.TEXT), ("1", R.TEXT)],
        ),
        (".status 4711", [(".status", R.LOCAL_COMMAND), ("4711", R.OPERATION_ID)]),
        (".history 20", [(".history", R.LOCAL_COMMAND), ("20", R.NUMBER)]),
        ("exit", [("exit", R.LOCAL_COMMAND)]),
        ("help .status", [("help", R.COMMAND), (".status", R.LOCAL_COMMAND)]),
        ("help migrateLwm2mDevices", [("help", R.COMMAND), ("migrateLwm2mDevices", R.COMMAND)]),
        ("help nosuch", [("help", R.COMMAND), ("nosuch", R.INVALID)]),
        (".send any 'text # here", [(".send", R.LOCAL_COMMAND), ("any 'text # here", R.TEXT)]),
        (
            "migrateLwm2mDevices -d 1 # why",
            [
                ("migrateLwm2mDevices", R.COMMAND),
                ("-d", R.FLAG),
                ("1", R.DEVICE_ID),
                ("# why", R.COMMENT),
            ],
        ),
        ("# just a note", [("# just a note", R.COMMENT)]),
        (
            'invalidateRegistrationsForEndpoint "urn:im',
            [("invalidateRegistrationsForEndpoint", R.COMMAND), ('"urn:im', R.ENDPOINT)],
        ),
        (
            "* `invalidateRegistrationById F7DqjmW3Yy`: invalidates it",
            [
                ("*", R.COMMENT),
                ("`", R.COMMENT),
                ("invalidateRegistrationById", R.COMMAND),
                ("F7DqjmW3Yy", R.REGISTRATION_ID),
                ("`:", R.COMMENT),
                ("invalidates", R.COMMENT),
                ("it", R.COMMENT),
            ],
        ),
        ("help\x07", [("help\x07", R.INVALID)]),
        ("```", [("```", R.COMMENT)]),
    ],
)
def test_classify(line: str, expected: list[tuple[str, Role]]) -> None:
    assert words(line) == expected


def test_whitespace_spans() -> None:
    assert classify("  help  ") == [
        (0, 2, Role.WHITESPACE),
        (2, 6, Role.COMMAND),
        (6, 8, Role.WHITESPACE),
    ]
    assert classify("") == []


def test_a_line_over_the_limit_is_one_invalid_span() -> None:
    line = "x" * 10_001
    assert classify(line) == [(0, 10_001, Role.INVALID)]
