"""Typography from formatted documents: made plain with a note, or refused with a precise hint."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lwm2m_shell.language import Command, ParseError, parse
from lwm2m_shell.language.typography import normalize_typography, typography_problem
from lwm2m_shell.simulator.agent_commands import _parse_migrate

from .test_lang_properties import migrate_command


@given(st.text(max_size=60))
def test_normalizing_keeps_every_character_in_its_place(line: str) -> None:
    normalized = normalize_typography(line)
    assert len(normalized.line) == len(line)  # positions of errors and highlighting stay valid
    if line.isascii():
        assert normalized.line == line and normalized.notes == ()


@pytest.mark.parametrize(
    ("line", "sent", "note"),
    [
        (
            "invalidateRegistrationsForEndpoint \u201curn:imei:1\u201d",
            "invalidateRegistrationsForEndpoint urn:imei:1",
            "typographic quotes removed: \u201curn:imei:1\u201d",
        ),
        (
            "invalidateRegistrationsForEndpoint \u201eurn:imei:1\u201c",
            "invalidateRegistrationsForEndpoint urn:imei:1",
            "typographic quotes removed",
        ),
        (
            "invalidateRegistrationById \u00abF7DqjmW3Yy\u00bb",
            "invalidateRegistrationById F7DqjmW3Yy",
            "typographic quotes removed",
        ),
        (
            "migrateLwm2mDevices -d \uff11\uff12 -sr",
            "migrateLwm2mDevices -d 12 -sr",
            "fullwidth characters changed to ASCII: \uff11\uff12 → 12",
        ),
        (
            "migrateLwm2mDevices \uff0d\uff0dskipRegistrations",
            "migrateLwm2mDevices --skipRegistrations",
            "fullwidth characters changed to ASCII",
        ),
    ],
)
def test_quotes_and_fullwidth_forms_are_made_plain_with_a_note(
    line: str, sent: str, note: str
) -> None:
    command = parse(line)
    assert isinstance(command, Command), command
    assert command.text == sent
    assert any(note in said for said in command.notes), command.notes


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "migrateLwm2mDevices \u2014devices 10003",
            "'\u2014devices': \u2014 is an em dash (U+2014): did you mean --devices?",
        ),
        ("migrateLwm2mDevices \u2013d 10003", "\u2013 is an en dash (U+2013): did you mean -d?"),
        ("migrateLwm2mDevices \u2212sr", "\u2212 is a minus sign (U+2212): did you mean -sr?"),
        ("migrateLwm2mDevices \u2014x", "options start with ASCII hyphens (-)"),
        (
            "migr\u0430teLwm2mDevices -d 1",
            "\u0430 (CYRILLIC SMALL LETTER A), which only looks like ASCII: "
            "did you mean migrateLwm2mDevices?",
        ),
        (
            "invalidateRegistrationsForEndpoint \u201curn:imei:1",
            "holds the typographic quote \u201c (LEFT DOUBLE QUOTATION MARK)",
        ),
    ],
)
def test_dashes_look_alikes_and_stray_quotes_are_refused_with_a_hint(
    line: str, message: str
) -> None:
    result = parse(line)
    assert isinstance(result, ParseError), result
    assert message in result.message


def test_free_text_is_sent_exactly_as_typed() -> None:
    command = parse(".send \u201chelp\u201d")
    assert isinstance(command, Command)
    assert command.text == ".send \u201chelp\u201d" and command.notes == ()


def test_plain_words_have_no_typography_problem() -> None:
    assert typography_problem("--devices", ["--devices"]) is None


@settings(max_examples=300)
@given(migrate_command())
def test_what_the_local_check_accepts_the_simulated_agent_accepts(
    case: tuple[str, str, tuple[str, ...]],
) -> None:
    """Repeated -d/--devices pass the local check: the text sent must pass the agent's."""
    line, _name, device_ids = case
    command = parse(line)
    assert isinstance(command, Command)
    parsed = _parse_migrate(command.text.split()[1:])
    assert not isinstance(parsed, str), (command.text, parsed)
    selected, _skip = parsed
    assert tuple(selected or ()) == device_ids
