"""What completion is told to offer, for text before the cursor."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import SuggestKind, suggest

K = SuggestKind
BOTH = ("--devices", "--skipRegistrations")

# text -> [(kind, word, start, flags by long spelling, excluded device IDs)]
TABLE: list[tuple[str, list[tuple[SuggestKind, str, int, tuple[str, ...], frozenset[str]]]]] = [
    ("", [(K.COMMAND, "", 0, (), frozenset())]),
    ("mig", [(K.COMMAND, "mig", 0, (), frozenset())]),
    (".st", [(K.COMMAND, ".st", 0, (), frozenset())]),
    ("  inv", [(K.COMMAND, "inv", 2, (), frozenset())]),
    ("migrateLwm2mDevices", [(K.COMMAND, "migrateLwm2mDevices", 0, (), frozenset())]),
    ("migrateLwm2mDevices ", [(K.FLAG, "", 20, BOTH, frozenset())]),
    ("migrateLwm2mDevices -", [(K.FLAG, "-", 20, BOTH, frozenset())]),
    ("migrateLwm2mDevices --s", [(K.FLAG, "--s", 20, BOTH, frozenset())]),
    ("migrateLwm2mDevices -d ", [(K.DEVICE_ID, "", 23, (), frozenset())]),
    ("migrateLwm2mDevices -d 1", [(K.DEVICE_ID, "1", 23, (), frozenset())]),
    (
        "migrateLwm2mDevices -d 11 ",
        [
            (K.DEVICE_ID, "", 26, (), frozenset({"11"})),
            (K.FLAG, "", 26, ("--skipRegistrations",), frozenset()),
        ],
    ),
    ("migrateLwm2mDevices -d 11 2", [(K.DEVICE_ID, "2", 26, (), frozenset({"11"}))]),
    ("migrateLwm2mDevices -d 11 -", [(K.FLAG, "-", 26, ("--skipRegistrations",), frozenset())]),
    ("migrateLwm2mDevices -sr -", [(K.FLAG, "-", 24, ("--devices",), frozenset())]),
    ("migrateLwm2mDevices -sr ", [(K.FLAG, "", 24, ("--devices",), frozenset())]),
    (
        "migrateLwm2mDevices -d 11 22 -sr ",
        [(K.FLAG, "", 33, ("--devices",), frozenset())],  # -d may be given again
    ),
    (
        "migrateLwm2mDevices -d 11 -sr -d ",
        [(K.DEVICE_ID, "", 33, (), frozenset({"11"}))],
    ),
    ("migrateLwm2mDevices 11,22 ", []),  # the legacy list takes no flags
    ("migrateLwm2mDevices -d ", [(K.DEVICE_ID, "", 23, (), frozenset())]),
    (
        "invalidateRegistrationsForEndpoint ",
        [(K.ENDPOINT, "", 35, (), frozenset())],
    ),
    (
        "invalidateRegistrationsForEndpoint urn:im",
        [(K.ENDPOINT, "urn:im", 35, (), frozenset())],
    ),
    ("invalidateRegistrationsForEndpoint urn:imei:1 ", []),
    (
        'invalidateRegistrationsForEndpoint "urn:im',  # inside an open quote: the value so far
        [(K.ENDPOINT, "urn:im", 35, (), frozenset())],
    ),
    (
        "invalidateRegistrationsForEndpoint 'urn:'im",
        [(K.ENDPOINT, "urn:im", 35, (), frozenset())],
    ),
    (
        "cleanupClusterTenantObjectsForEndpoint 12",
        [(K.ENDPOINT, "12", 39, (), frozenset())],
    ),
    ("invalidateRegistrationById F7", [(K.REGISTRATION_ID, "F7", 27, (), frozenset())]),
    ("invalidateRegistrationById -", []),
    (".status ", [(K.OPERATION_ID, "", 8, (), frozenset())]),
    (".status 12", [(K.OPERATION_ID, "12", 8, (), frozenset())]),
    (".status 12 ", []),
    ("help ", [(K.COMMAND_NAME, "", 5, (), frozenset())]),
    (".help mi", [(K.COMMAND_NAME, "mi", 6, (), frozenset())]),
    ("help migrateLwm2mDevices ", []),
    (".history ", []),
    (".send mig", []),
    (".bulk ", []),
    ("nosuch ", []),
    ("migrateLwm2mDevices # comment ", []),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_suggest(
    text: str, expected: list[tuple[SuggestKind, str, int, tuple[str, ...], frozenset[str]]]
) -> None:
    got = [
        (s.kind, s.word, s.start, tuple(flag.long for flag in s.flags), s.exclude)
        for s in suggest(text)
    ]
    assert got == expected


def test_suggestions_after_a_command_carry_its_spec() -> None:
    (suggestion,) = suggest("invalidateRegistrationById ")
    assert suggestion.command is not None
    assert suggestion.command.name == "invalidateRegistrationById"
    (first,) = suggest("mi")
    assert first.command is None


def test_flags_come_with_their_help() -> None:
    (suggestion,) = suggest("migrateLwm2mDevices -")
    assert all(flag.help for flag in suggestion.flags)
    assert {flag.short for flag in suggestion.flags} == {"-d", "-sr"}
