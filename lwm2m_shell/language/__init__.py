"""The command language of lwm2m-shell, pure Python: the catalogue of commands (the connector's,
lwm2m-shell's own, and an LWM2M device's), the parser, paste clean-up, help text, the LwM2M
object model (``objects``, read on first use), and what completion and highlighting need. The parsed
``Command`` (pydantic) and the parser are loaded on first use.

Imports nothing of lwm2m-shell outside this package, and no UI, network or colour library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .classify import classify
from .command_set import ALL_COMMANDS, CONNECTOR_COMMANDS, LOCAL_COMMANDS, find_command
from .device_checks import DeviceCheck, Finding, Severity, check_device_command
from .device_commands import DEVICE_COMMANDS, find_device_command
from .device_suggest import Candidate
from .helptext import render_command_help, render_help
from .matching import did_you_mean, matches_camel_humps
from .objects import ObjectModel, core_model, load_object_model
from .paste import clean_pasted_line, pasted_command_span
from .roles import Role
from .spec import ArgKind, ArgSpec, CommandSpec, FlagSpec, TargetKind
from .suggest import Suggestion, SuggestKind, suggest
from .target import CommandSet, command_set_for
from .tokens import Token, Tokenized, quote, tokenize
from .validate import MAX_LINE_LENGTH

if TYPE_CHECKING:
    from .model import Command, ParseError
    from .parser import parse, parse_lines

# The parsed command is a pydantic model: it and the parser are imported on first use (PEP 562),
# so what needs only the catalogue (the shell completion scripts) does not load pydantic.
_LAZY = {"Command": "model", "ParseError": "model", "parse": "parser", "parse_lines": "parser"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "ALL_COMMANDS",
    "CONNECTOR_COMMANDS",
    "DEVICE_COMMANDS",
    "LOCAL_COMMANDS",
    "MAX_LINE_LENGTH",
    "ArgKind",
    "ArgSpec",
    "Candidate",
    "Command",
    "CommandSet",
    "CommandSpec",
    "DeviceCheck",
    "Finding",
    "FlagSpec",
    "ObjectModel",
    "ParseError",
    "Role",
    "Severity",
    "SuggestKind",
    "Suggestion",
    "TargetKind",
    "Token",
    "Tokenized",
    "check_device_command",
    "classify",
    "clean_pasted_line",
    "command_set_for",
    "core_model",
    "did_you_mean",
    "find_command",
    "find_device_command",
    "load_object_model",
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
