"""The command line's options as the generated documents describe them.

``cli_options(parser)`` reads the argparse parser that ``lwm2m_shell.cli`` builds (it is passed
in, never imported here) and says, for each visible option, how it is spelled, what its value is
and which ``--help`` group it belongs to. The completion scripts and the man page both use it,
so they list exactly the options ``--help`` lists.
"""

from __future__ import annotations

import argparse
import enum
from dataclasses import dataclass

PROGRAM = "lwm2m-shell"
REGENERATE = "python -m lwm2m_shell.docgen"
FILE_METAVARS = frozenset({"FILE", "PATH", "DIR"})


class ValueKind(enum.Enum):
    """What an option's value is, as far as completion is concerned."""

    NONE = "none"  # a switch
    CHOICES = "choices"  # one of a fixed list
    FILE = "file"  # a path
    PROFILE = "profile"  # a profile of the config file (asked at completion time)
    COMMAND = "command"  # a shell command line: its first word is a command name
    FREE = "free"  # anything the user knows (URL, ID, number): nothing to offer


@dataclass(frozen=True)
class CliOption:
    """One visible option of the command line."""

    spellings: tuple[str, ...]
    help: str
    kind: ValueKind
    metavar: str = ""
    choices: tuple[str, ...] = ()
    optional_value: bool = False
    repeatable: bool = False
    ends_options: bool = False  # --help, --version: nothing else makes sense with them
    group: str = ""

    @property
    def takes_value(self) -> bool:
        return self.kind is not ValueKind.NONE


def _value_kind(action: argparse.Action) -> ValueKind:
    if action.nargs == 0:
        return ValueKind.NONE
    if action.choices is not None:
        return ValueKind.CHOICES
    if action.dest == "profile" or "--profile" in action.option_strings:
        return ValueKind.PROFILE
    if "--command" in action.option_strings:
        return ValueKind.COMMAND
    if isinstance(action.metavar, str) and action.metavar in FILE_METAVARS:
        return ValueKind.FILE
    return ValueKind.FREE


_REPEATING = (argparse._AppendAction, argparse._AppendConstAction, argparse._CountAction)
_ENDING = (argparse._HelpAction, argparse._VersionAction)


def _option(action: argparse.Action, help_text: str, group: str) -> CliOption:
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    return CliOption(
        spellings=tuple(action.option_strings),
        help=help_text,
        kind=_value_kind(action),
        metavar=metavar or action.dest.upper(),
        choices=tuple(str(choice) for choice in action.choices or ()),
        optional_value=action.nargs == "?",
        repeatable=isinstance(action, _REPEATING),
        ends_options=isinstance(action, _ENDING),
        group=group,
    )


def cli_options(parser: argparse.ArgumentParser) -> tuple[CliOption, ...]:
    """The options ``parser`` shows in ``--help``, in declaration order (hidden ones left out)."""
    formatter = parser._get_formatter()
    found: list[CliOption] = []
    for group in parser._action_groups:
        for action in group._group_actions:
            if not action.option_strings or action.help == argparse.SUPPRESS:
                continue
            help_text = formatter._expand_help(action) if action.help else ""
            found.append(_option(action, help_text, group.title or ""))
    return tuple(found)


def command_words() -> tuple[tuple[str, str], ...]:
    """(name, summary) of every connector, local and device command, for the value of ``-c``
    (the device commands for ``--device TARGET -c ...``)."""
    from ..language import ALL_COMMANDS, DEVICE_COMMANDS

    device = tuple((spec.name, f"device: {spec.summary}") for spec in DEVICE_COMMANDS)
    return tuple((spec.name, spec.summary) for spec in ALL_COMMANDS) + device
