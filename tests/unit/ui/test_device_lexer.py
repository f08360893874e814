"""Highlighting on a device target: device commands, paths and values get their own tokens;
on the connector the same line is an unknown command."""

from __future__ import annotations

from pygments.token import Token

from lwm2m_shell.ui.lexer import CommandLexer, DeviceCommandLexer
from lwm2m_shell.ui.style import PYGMENTS, T


def tokens(lexer: CommandLexer, text: str) -> list[tuple[object, str]]:
    return [(kind, value) for _start, kind, value in lexer.get_tokens_unprocessed(text)]


def test_a_device_line_is_coloured_by_role() -> None:
    found = tokens(DeviceCommandLexer(), "write /3/0/15 Europe/Berlin")
    assert found[0] == (T.DeviceCommand, "write")
    assert (T.Path, "/3/0/15") in found
    assert (T.Value, "Europe/Berlin") in found
    assert {T.DeviceCommand, T.Path, T.Value} <= set(PYGMENTS)


def test_on_the_connector_a_device_command_is_not_known() -> None:
    found = tokens(CommandLexer(), "read /3/0/9")
    assert found[0][0] is not T.DeviceCommand
    assert all(kind is not T.Path for kind, _value in found)
    assert Token.Text is not T.DeviceCommand
