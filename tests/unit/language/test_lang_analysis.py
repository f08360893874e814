"""The spec-driven walk on a made-up command, for flag shapes the catalogue does not use yet."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import ArgKind, ArgSpec, CommandSpec, FlagSpec, tokenize
from lwm2m_shell.language.analysis import Analysis, analyze, finish

SPEC = CommandSpec(
    name="demo",
    summary="a command with a one-value flag",
    help="For tests only.",
    args=(ArgSpec(name="registrationId", kind=ArgKind.REGISTRATION_ID, help="an ID"),),
    flags=(
        FlagSpec(short="-e", long="--endpoint", help="one endpoint", value=ArgKind.ENDPOINT),
        FlagSpec(short=None, long="--force", help="a switch"),
    ),
)


def walk(line: str) -> Analysis:
    tokens = tokenize(line).tokens
    state = analyze(SPEC, line, tokens[1:])
    finish(state)
    return state


def test_usage_of_a_one_value_flag_and_a_long_only_switch() -> None:
    assert SPEC.usage == "demo <registrationId> [-e|--endpoint <endpoint>] [--force]"


def test_one_value_flag_takes_its_value() -> None:
    state = walk("demo -e urn:imei:1 F7Dq --force")
    assert state.problem is None
    assert state.flags == {"--endpoint": ["urn:imei:1"], "--force": True}
    assert state.args == {"registrationId": "F7Dq"}


@pytest.mark.parametrize(
    ("line", "message", "position"),
    [
        ("demo F7Dq -e", "-e/--endpoint needs a value: the device's endpoint client ID", 10),
        ("demo F7Dq -e --force", "-e/--endpoint needs a value", 10),
        ("demo F7Dq -e a -e b", "-e/--endpoint is given twice", 15),
        ("demo F7Dq --force --force", "--force is given twice", 18),
        ("demo F7Dq -e 'a b'", "endpoint must not contain whitespace", 13),
        ("demo -f F7Dq", "unknown option '-f' for demo: did you mean --force?", 5),
    ],
)
def test_one_value_flag_problems(line: str, message: str, position: int) -> None:
    state = walk(line)
    assert state.problem is not None
    assert message in state.problem.message
    assert state.problem.position == position


def test_flags_still_available() -> None:
    state = analyze(SPEC, "demo --force ", tokenize("demo --force ").tokens[1:])
    assert [flag.long for flag in state.available_flags()] == ["--endpoint"]
    assert state.expected_kind() is ArgKind.REGISTRATION_ID
