"""The value checks behind the device commands, one type or grammar at a time."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import TargetKind, suggest
from lwm2m_shell.language.device_values import (
    arglist_problems,
    binary_problem,
    firmware_problem,
    value_problem,
)

# (type, range, value) that fit
FITTING = [
    ("Integer", "", "-9223372036854775808"),
    ("Integer", "", "+42"),
    ("Integer", "0..100", "100"),
    ("Integer", "16,32,48", "32"),
    ("Unsigned Integer", "", "18446744073709551615"),
    ("Float", "", "-1.5e3"),
    ("Float", "", ".5"),
    ("Float", "-40..85", "85.0"),
    ("Boolean", "", "true"),
    ("Boolean", "", "1"),
    ("Time", "", "1700000000"),
    ("Time", "", "2024-05-01T12:00:00+02:00"),
    ("Objlnk", "", "3303:0"),
    ("Opaque", "", "00ff"),
    ("Opaque", "6", "0102030405FF"),
    ("Opaque", "16,32,48", "00" * 32),
    ("Opaque", "0..4 bytes", "01020304"),
    ("String", "0..255 bytes", "x" * 255),
    ("String", "", "anything at all"),
    ("Corelnk", "", "</3/0>"),
]

# (type, range, value, part of the message)
WRONG = [
    ("Integer", "", "1.0", "not a whole number"),
    ("Integer", "", "9223372036854775808", "does not fit a 64-bit Integer"),
    ("Integer", "0..100", "101", "out of range: 0..100"),
    ("Integer", "16,32,48", "33", "not allowed: one of 16,32,48"),
    ("Unsigned Integer", "", "-1", "0 or more"),
    ("Unsigned Integer", "", "18446744073709551616", "does not fit"),
    ("Float", "", "nan", "not a number"),
    ("Float", "", "1e999", "not a number"),
    ("Float", "-40..85", "85.5", "out of range"),
    ("Boolean", "", "TRUE", "not a Boolean"),
    ("Boolean", "", "yes", "not a Boolean"),
    ("Time", "", "noon", "not a Time"),
    ("Objlnk", "", "3303", "object:instance"),
    ("Objlnk", "", "3303:70000", "object:instance"),
    ("Opaque", "", "0", "odd number of hex digits"),
    ("Opaque", "", "0g", "'g' at character 2"),
    ("Opaque", "6", "0102", "2 bytes given; the resource takes 6 bytes"),
    ("Opaque", "16,32,48", "00", "takes 16, 32, 48 bytes"),
    ("Opaque", "0..4 bytes", "0102030405", "5 bytes given; the resource takes 0 to 4"),
    ("String", "0..255 bytes", "é" * 128, "256 bytes long"),
    ("String", "", "", "the value is empty"),
]


@pytest.mark.parametrize(("kind", "allowed", "value"), FITTING)
def test_values_that_fit_their_resource(kind: str, allowed: str, value: str) -> None:
    assert value_problem(kind, allowed, value) is None


@pytest.mark.parametrize(("kind", "allowed", "value", "message"), WRONG)
def test_values_that_do_not_fit(kind: str, allowed: str, value: str, message: str) -> None:
    problem = value_problem(kind, allowed, value)
    assert problem is not None and message in problem


def test_an_unreadable_range_is_not_checked() -> None:
    text = "The possible values are those listed in the LwM2M Core Specification"
    assert value_problem("Integer", text, "12345") is None


@pytest.mark.parametrize("arglist", ["0", "9", "0,1,2", "0='abc'", "1='x',2,3=''", "0='a=b,c'"])
def test_arglists_of_the_lwm2m_grammar(arglist: str) -> None:
    assert arglist_problems(arglist) == []


@pytest.mark.parametrize(
    ("arglist", "offset"),
    [("", 0), ("12", 1), ("0,", 2), (",0", 0), ("0='a'b", 5), ("0=''x", 4), ("0='\t'", 3)],
)
def test_arglists_outside_the_grammar_point_at_the_problem(arglist: str, offset: int) -> None:
    problems = arglist_problems(arglist)
    assert len(problems) == 1 and problems[0][1] == offset


def test_binary_data_and_firmware_triples() -> None:
    assert binary_problem("binary:1") is None
    assert binary_problem("") == "no hex digits given"
    assert binary_problem("binary:") is not None
    assert firmware_problem("fw;1;coaps+tcp://host/fw") is None
    assert firmware_problem("fw;1;https://") is not None
    assert firmware_problem("fw;1;https://[::1") is not None


def test_help_completes_device_command_names_on_a_device_target() -> None:
    found = suggest("help cr", TargetKind.DEVICE)
    assert [c.text for s in found for c in s.candidates] == ["cread", "create"]
    assert [s.candidates for s in suggest("help cr")] == [()]
