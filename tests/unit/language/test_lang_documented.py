"""Every command the documentation shows parses to the right command and renders the right text.

The lines are kept here as literal tables. ``tests/data/documented_commands.json`` holds what the
documentation itself shows (derived from it once; its ``_source`` says from where): every line
there that shows a command must be covered by the tables and parse as documented. The
repository carries that file, so these tests run on a plain clone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lwm2m_shell.language import ALL_COMMANDS, Command, ParseError, parse

DOCUMENTED = Path(__file__).resolve().parents[2] / "data" / "documented_commands.json"

# (command line, spec_name, flags, device_ids, args, tenant_wide)
Expected = tuple[str, str, dict[str, object], tuple[str, ...], dict[str, str], bool]
DOCUMENTED_EXAMPLES: list[Expected] = [
    ("migrateLwm2mDevices", "migrateLwm2mDevices", {}, (), {}, True),
    (
        "migrateLwm2mDevices --skipRegistrations",
        "migrateLwm2mDevices",
        {"--skipRegistrations": True},
        (),
        {},
        True,
    ),
    (
        "migrateLwm2mDevices --devices 1111 2222",
        "migrateLwm2mDevices",
        {"--devices": ["1111", "2222"]},
        ("1111", "2222"),
        {},
        False,
    ),
    (
        "migrateLwm2mDevices -sr -d 1111 2222",
        "migrateLwm2mDevices",
        {"--skipRegistrations": True, "--devices": ["1111", "2222"]},
        ("1111", "2222"),
        {},
        False,
    ),
    (
        "migrateLwm2mDevices 1122,3344",
        "migrateLwm2mDevices",
        {},
        ("1122", "3344"),
        {"devices": "1122,3344"},
        False,
    ),
    (
        "cleanupClusterTenantObjectsForEndpoint urn:imei:012345678901234",
        "cleanupClusterTenantObjectsForEndpoint",
        {},
        (),
        {"endpoint": "urn:imei:012345678901234"},
        False,
    ),
    (
        "invalidateRegistrationsForEndpoint urn:imei:012345678901234",
        "invalidateRegistrationsForEndpoint",
        {},
        (),
        {"endpoint": "urn:imei:012345678901234"},
        False,
    ),
    (
        "invalidateRegistrationById F7DqjmW3Yy",
        "invalidateRegistrationById",
        {},
        (),
        {"registrationId": "F7DqjmW3Yy"},
        False,
    ),
]

# Lines of connector-device-doc.md that show a command: (line, the command text it must give).
DOC_PAGE_COMMAND_LINES: dict[str, str] = {
    "* `migrateLwm2mDevices`: to migrate all devices and client registration objects of the "
    "tenant": "migrateLwm2mDevices",
    "* `migrateLwm2mDevices --skipRegistrations`: to migrate all devices without their client "
    "registration objects": "migrateLwm2mDevices --skipRegistrations",
    "* `migrateLwm2mDevices --devices 1111 2222`: to migrate specific devices with their client "
    "registration objects": "migrateLwm2mDevices --devices 1111 2222",
    "* `migrateLwm2mDevices -sr -d 1111 2222`: to migrate specific devices without their client "
    "registration objects": "migrateLwm2mDevices -sr -d 1111 2222",
    "Example usage: `cleanupClusterTenantObjectsForEndpoint urn:imei:012345678901234`": (
        "cleanupClusterTenantObjectsForEndpoint urn:imei:012345678901234"
    ),
    "Example usage: `invalidateRegistrationsForEndpoint urn:imei:012345678901234`": (
        "invalidateRegistrationsForEndpoint urn:imei:012345678901234"
    ),
    "Example usage: `invalidateRegistrationById F7DqjmW3Yy`": (
        "invalidateRegistrationById F7DqjmW3Yy"
    ),
}

# Lines of the docs that show syntax with placeholders: (line, placeholder, words of the advice).
DOC_PAGE_SYNTAX_LINES: dict[str, tuple[str, str]] = {
    "Syntax: `invalidateRegistrationsForEndpoint <endpoint_ID>`": (
        "<endpoint_ID>",
        "endpoint client ID, e.g. urn:imei:012345678901234",
    ),
    "Syntax: `invalidateRegistrationById <registration_ID>`": (
        "<registration_ID>",
        "registration ID, e.g. F7DqjmW3Yy",
    ),
}

# The same lines as the rendered page shows them (no backticks), as a browser copy gives them.
RENDERED_PAGE_LINES: dict[str, str] = {
    "migrateLwm2mDevices: to migrate all devices and client registration objects of the tenant": (
        "migrateLwm2mDevices"
    ),
    "migrateLwm2mDevices -sr -d 1111 2222: to migrate specific devices without their client "
    "registration objects": "migrateLwm2mDevices -sr -d 1111 2222",
    "• migrateLwm2mDevices --devices 1111 2222: to migrate specific devices": (
        "migrateLwm2mDevices --devices 1111 2222"
    ),
    "Example usage: cleanupClusterTenantObjectsForEndpoint urn:imei:012345678901234": (
        "cleanupClusterTenantObjectsForEndpoint urn:imei:012345678901234"
    ),
    "Example usage:\u00a0invalidateRegistrationById\u00a0F7DqjmW3Yy": (
        "invalidateRegistrationById F7DqjmW3Yy"
    ),
}


def _command(line: str) -> Command:
    result = parse(line)
    assert isinstance(result, Command), f"{line!r} gave {result!r}"
    return result


@pytest.mark.parametrize(
    ("line", "spec_name", "flags", "device_ids", "args", "tenant_wide"), DOCUMENTED_EXAMPLES
)
def test_documented_example_parses_to_the_right_command(
    line: str,
    spec_name: str,
    flags: dict[str, object],
    device_ids: tuple[str, ...],
    args: dict[str, str],
    tenant_wide: bool,
) -> None:
    command = _command(line)
    assert command.spec_name == spec_name
    assert command.flags == flags
    assert command.device_ids == device_ids
    assert command.args == args
    assert command.tenant_wide is tenant_wide
    assert command.local is False
    assert command.text == line
    assert command.tokens == tuple(line.split(" "))


@pytest.mark.parametrize(("line", "text"), sorted(DOC_PAGE_COMMAND_LINES.items()))
def test_doc_page_line_parses_to_the_command_it_shows(line: str, text: str) -> None:
    command = _command(line)
    assert command.text == text
    assert command.spec_name == text.split(" ")[0]


@pytest.mark.parametrize(("line", "text"), sorted(RENDERED_PAGE_LINES.items()))
def test_rendered_page_line_parses_to_the_command_it_shows(line: str, text: str) -> None:
    assert _command(line).text == text


@pytest.mark.parametrize(("line", "expected"), sorted(DOC_PAGE_SYNTAX_LINES.items()))
def test_doc_syntax_line_is_refused_naming_the_placeholder(
    line: str, expected: tuple[str, str]
) -> None:
    placeholder, advice = expected
    result = parse(line)
    assert isinstance(result, ParseError)
    assert placeholder in result.message
    assert advice in result.message
    assert result.usage is not None and result.usage.startswith(line.split("`")[1].split()[0])


def test_help_is_a_documented_command_answered_locally() -> None:
    command = _command("help")
    assert command.spec_name == "help"
    assert command.local is True


# --- what the documentation shows, derived into tests/data -----------------------------------

_COMMAND_NAMES = {spec.name for spec in ALL_COMMANDS}
_SHOWS_COMMAND = re.compile(r"^(?:[*-]\s+|Example usages?:\s*|Syntax:\s*)`(?P<code>[^`]+)`")


def _documented(key: str) -> list[str]:
    data = json.loads(DOCUMENTED.read_text(encoding="utf-8"))
    assert "_source" in data, "the derived data says where it comes from"
    values = data[key]
    assert isinstance(values, list) and all(isinstance(value, str) for value in values)
    return values


def _doc_page_lines_showing_commands() -> list[tuple[str, str]]:
    found = []
    for line in _documented("doc_page_command_lines"):
        match = _SHOWS_COMMAND.match(line.strip())
        assert match, line
        assert match.group("code").split()[0] in _COMMAND_NAMES, line
        found.append((line.strip(), match.group("code")))
    return found


def test_every_command_line_of_the_doc_page_is_in_the_tables() -> None:
    lines = _doc_page_lines_showing_commands()
    assert len(lines) >= 9, "the doc page should show at least nine command lines"
    for line, _code in lines:
        assert line in DOC_PAGE_COMMAND_LINES or line in DOC_PAGE_SYNTAX_LINES, line


def test_every_command_line_of_the_doc_page_parses() -> None:
    for line, code in _doc_page_lines_showing_commands():
        result = parse(line)
        if "<" in code:
            assert isinstance(result, ParseError), line
            assert re.search(r"<\w+>", result.message), result.message
        else:
            assert isinstance(result, Command), (line, result)
            assert result.text == " ".join(code.split())


def test_every_documented_example_of_the_reference_parses() -> None:
    examples = _documented("documented_examples")
    assert len(examples) >= 8
    table = {line for line, *_ in DOCUMENTED_EXAMPLES}
    for example in examples:
        assert example in table, example
        assert _command(example).text == example
    syntax = _documented("syntax_lines")
    assert syntax, "the reference lists syntax lines with placeholders"
    for line in syntax:
        result = parse(line)
        assert isinstance(result, ParseError), line
        assert "replace the placeholder <" in result.message
