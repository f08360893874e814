"""Paste clean-up: each decorated line gives the command it shows, and only that."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import Command, clean_pasted_line, parse, pasted_command_span

CMD = "migrateLwm2mDevices --devices 1111 2222"


@pytest.mark.parametrize(
    ("pasted", "clean"),
    [
        (f"`{CMD}`", CMD),
        (f"``{CMD}``", CMD),
        (f"`` {CMD} ``", CMD),
        (f"`{CMD}`: to migrate specific devices", CMD),
        (f"`{CMD}` : to migrate specific devices", CMD),
        (f"`{CMD}`.", CMD),
        (f"* `{CMD}`: to migrate", CMD),
        (f"- `{CMD}`", CMD),
        (f"• {CMD}", CMD),
        (f"+ {CMD}", CMD),
        (f"1. {CMD}", CMD),
        (f"2) `{CMD}`", CMD),
        (f"Example usage: `{CMD}`", CMD),
        (f"Example usages: {CMD}", CMD),
        (f"example usage:{CMD}", CMD),
        (f"Syntax: `{CMD}`", CMD),
        (f"Usage: {CMD}", CMD),
        (f"* Example usage: `{CMD}`: why", CMD),
        (f"$ {CMD}", CMD),
        (f"> {CMD}", CMD),
        (f"{CMD}: to migrate specific devices", CMD),
        (f"   {CMD}   ", CMD),
        (f"{CMD}\n", CMD),
        (f"{CMD}\r\n", CMD),
        ("\u00a0migrateLwm2mDevices\u00a0--devices\u202f1111\u20072222\u00a0", CMD),
        (f"\u3000{CMD}", CMD),
        ("```", ""),
        ("```bash", ""),
        ("~~~", ""),
        ("", ""),
        (
            "invalidateRegistrationsForEndpoint urn:imei:012345678901234",
            "invalidateRegistrationsForEndpoint urn:imei:012345678901234",
        ),
        (
            "invalidateRegistrationsForEndpoint urn:imei:0123: the meter",
            "invalidateRegistrationsForEndpoint urn:imei:0123",
        ),
        (
            "invalidateRegistrationsForEndpoint 'a: b': note",
            "invalidateRegistrationsForEndpoint 'a: b'",
        ),
        (".send foo: bar", ".send foo: bar"),
        (".devices a: b", ".devices a: b"),
        ("help `x`", "help `x`"),
    ],
)
def test_clean_pasted_line(pasted: str, clean: str) -> None:
    assert clean_pasted_line(pasted) == clean


def test_backticks_followed_by_prose_are_not_taken_apart() -> None:
    line = "`help` shell command shows the available operations"
    assert clean_pasted_line(line) == line
    result = parse(line)
    assert not isinstance(result, Command)


def test_explanation_after_a_pasted_command_is_not_sent() -> None:
    result = parse("invalidateRegistrationById F7DqjmW3Yy: invalidates that registration")
    assert isinstance(result, Command)
    assert result.text == "invalidateRegistrationById F7DqjmW3Yy"


@pytest.mark.parametrize(
    "pasted",
    [
        f"* `{CMD}`: to migrate",
        f"  Example usage: `{CMD}`  ",
        f"{CMD}: why",
        "\u00a0\u00a0migrateLwm2mDevices --devices 1111 2222",
    ],
)
def test_span_points_into_the_original_line(pasted: str) -> None:
    start, end = pasted_command_span(pasted)
    assert pasted[start:end].replace("\u00a0", " ") == clean_pasted_line(pasted)


@pytest.mark.parametrize(
    "line", [f"* `{CMD}`: x", "- - Syntax: `help`", "``  x  ``", "$ > 1. `a`: b"]
)
def test_cleaning_is_idempotent(line: str) -> None:
    once = clean_pasted_line(line)
    assert clean_pasted_line(once) == once
