"""Highlighting as you type: a pygments lexer over the command language's own classification.

The language package decides what each span of the line is (command, flag, endpoint, an invalid
value ...); this module only maps those roles to pygments tokens, so highlighting can never
disagree with the parser.
"""

from __future__ import annotations

from collections.abc import Iterator

from pygments.lexer import Lexer
from pygments.token import Token, _TokenType

from ..language import Role, TargetKind, classify
from .style import T

ROLE_TOKENS: dict[Role, _TokenType] = {
    Role.COMMAND: T.Command,
    Role.LOCAL_COMMAND: T.LocalCommand,
    Role.UNKNOWN_COMMAND: T.UnknownCommand,
    Role.FLAG: T.Flag,
    Role.UNKNOWN_FLAG: T.UnknownFlag,
    Role.DEVICE_ID: T.DeviceId,
    Role.ENDPOINT: T.Endpoint,
    Role.REGISTRATION_ID: T.RegistrationId,
    Role.OPERATION_ID: T.OperationId,
    Role.NUMBER: T.Number,
    Role.TEXT: Token.Text,
    Role.PLACEHOLDER: T.Placeholder,
    Role.INVALID: T.Invalid,
    Role.COMMENT: T.Comment,
    Role.WHITESPACE: Token.Text,
    Role.DEVICE_COMMAND: T.DeviceCommand,
    Role.PATH: T.Path,
    Role.VALUE: T.Value,
}


class CommandLexer(Lexer):
    """The command line of a shell pointed at the connector (``kind``)."""

    name = "lwm2m-shell"
    aliases = ("lwm2m-shell",)
    kind = TargetKind.CONNECTOR

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        offset = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            for start, end, role in classify(body, self.kind):
                yield offset + start, ROLE_TOKENS.get(role, Token.Text), body[start:end]
            if len(body) < len(line):
                yield offset + len(body), Token.Text, line[len(body) :]
            offset += len(line)


class DeviceCommandLexer(CommandLexer):
    """The command line of a shell pointed at an LWM2M device: its commands, paths and values
    too (checked against the core object model)."""

    name = "lwm2m-shell-device"
    aliases = ("lwm2m-shell-device",)
    kind = TargetKind.DEVICE
