"""The command language of lwm2m-shell, pure Python: the catalogue of commands, the parser,
paste clean-up, help text, and what completion and highlighting need.

Imports nothing of lwm2m-shell outside this package, and no UI, network or colour library.
"""

from __future__ import annotations

from .catalogue import ALL_COMMANDS, CONNECTOR_COMMANDS, LOCAL_COMMANDS, find_command
from .classify import classify
from .helptext import render_command_help, render_help
from .matching import did_you_mean, matches_camel_humps
from .model import Command, ParseError
from .parser import parse, parse_lines
from .paste import clean_pasted_line, pasted_command_span
from .roles import Role
from .spec import ArgKind, ArgSpec, CommandSpec, FlagSpec
from .suggest import Suggestion, SuggestKind, suggest
from .tokens import Token, Tokenized, quote, tokenize
from .validate import MAX_LINE_LENGTH

__all__ = [
    "ALL_COMMANDS",
    "CONNECTOR_COMMANDS",
    "LOCAL_COMMANDS",
    "MAX_LINE_LENGTH",
    "ArgKind",
    "ArgSpec",
    "Command",
    "CommandSpec",
    "FlagSpec",
    "ParseError",
    "Role",
    "SuggestKind",
    "Suggestion",
    "Token",
    "Tokenized",
    "classify",
    "clean_pasted_line",
    "did_you_mean",
    "find_command",
    "matches_camel_humps",
    "parse",
    "parse_lines",
    "pasted_command_span",
    "quote",
    "render_command_help",
    "render_help",
    "suggest",
    "tokenize",
]
