"""The text of ``help`` and ``help NAME``, built from the catalogue and wrapped to a width.

Paragraphs are wrapped with textwrap; command lines (usages, examples) are never broken, even
when they are wider than the terminal, so they can still be copied whole.
"""

from __future__ import annotations

import textwrap

from .command_set import CONNECTOR_COMMANDS, LOCAL_COMMANDS, find_command
from .device_commands import DEVICE_COMMANDS, find_device_command
from .spec import CommandSpec, TargetKind

_INDENT = "  "
_MIN_WIDTH = 40
KEYS = (
    ("Tab", "complete commands, options, device IDs, endpoints"),
    ("Up / Down", "earlier commands of this tenant"),
    ("Ctrl-L", "clear the screen"),
    ("Ctrl-C", "clear the line; while a command waits, stop waiting"),
    ("Ctrl-D", "leave (also exit, quit)"),
)


def render_help(width: int = 80, kind: TargetKind = TargetKind.CONNECTOR) -> str:
    """The command list: connector commands, then local ones, each with usage and summary.

    On a device target (``kind``) the device's commands come first, and the connector's are
    marked as going to the connector."""
    width = max(width, _MIN_WIDTH)
    lines: list[str] = []
    if kind is TargetKind.DEVICE:
        lines += _wrap("Device commands (sent to the targeted LWM2M device, as typed):", width)
        lines += _command_table(DEVICE_COMMANDS, width)
        lines.append("")
        title = "Connector commands (these still go to the connector device, not the device):"
    else:
        title = "Connector commands (run by the LWM2M connector device):"
    lines += _wrap(title, width)
    for spec in CONNECTOR_COMMANDS:
        lines.append(_INDENT + spec.usage)
        lines += _wrap(_summary(spec), width, indent=_INDENT * 3)
    lines += [
        "",
        *_wrap("Shell commands (answered by lwm2m-shell; only .send sends, verbatim):", width),
    ]
    lines += _command_table(LOCAL_COMMANDS, width)
    lines += ["", *_wrap("Keys at the prompt:", width)]
    lines += _two_columns(list(KEYS), width)
    lines.append("")
    lines += _wrap(
        "Type help NAME to see one command in full, with its options and examples. "
        "Type .send help to ask the agent for its own help text.",
        width,
    )
    return "\n".join(lines)


def render_command_help(name: str, width: int = 80) -> str | None:
    """One command in full, or None when there is no command of that name (aliases count).
    Device commands are shown whatever the target, so help read works before .use."""
    spec = find_command(name) or find_device_command(name)
    if spec is None:
        return None
    width = max(width, _MIN_WIDTH)
    lines = [f"usage: {spec.usage}"]
    lines += [f"   or: {legacy}   (legacy syntax)" for legacy in spec.legacy_usages]
    if spec.aliases:
        lines.append(f"also: {', '.join(spec.aliases)}")
    if spec.deprecated:
        lines += ["", *_wrap(f"This command is {spec.deprecated}.", width)]
    for paragraph in spec.help.split("\n\n"):
        lines += ["", *_wrap(paragraph, width)]
    lines += _arguments(spec, width)
    lines += _options(spec, width)
    lines += ["", *_wrap(_where_it_runs(spec), width)]
    if spec.examples:
        lines += ["", "Examples:"]
        for example, meaning in spec.examples:
            lines.append(_INDENT + example)
            lines += _wrap(meaning, width, indent=_INDENT * 3)
    return "\n".join(lines)


def _where_it_runs(spec: CommandSpec) -> str:
    if spec.target_kind is TargetKind.DEVICE:
        return (
            "A device command: sent as typed to the LWM2M device the shell points at "
            "(.use TARGET), never to the connector device."
        )
    if spec.local and spec in CONNECTOR_COMMANDS:
        return "Answered by lwm2m-shell itself; nothing is sent to the tenant."
    if spec.local:
        return "A command of lwm2m-shell; nothing is sent to the connector device."
    if spec.tenant_wide:
        narrowing = " or ".join(_narrowing_names(spec))
        return (
            f"Tenant-wide: without {narrowing} it acts on every LWM2M device of the tenant, "
            "so the shell asks for confirmation before sending it."
        )
    return "Not tenant-wide: acts only on what it names."


def _narrowing_names(spec: CommandSpec) -> list[str]:
    names: list[str] = []
    for name in spec.scoped_by:
        flag = next((flag for flag in spec.flags if flag.long == name), None)
        if flag is not None:
            names.append(flag.label)
        elif any(arg.name == name and arg.legacy for arg in spec.args):
            names.append("a legacy device list")
        else:
            names.append(name)
    return names


def _arguments(spec: CommandSpec, width: int) -> list[str]:
    rows = [(arg.display, arg.help) for arg in spec.args if not arg.legacy]
    return ["", "Arguments:", *_two_columns(rows, width)] if rows else []


def _options(spec: CommandSpec, width: int) -> list[str]:
    rows = [
        (", ".join(flag.spellings) + (f" {flag.metavar}" if flag.metavar else ""), flag.help)
        for flag in spec.flags
    ]
    return ["", "Options:", *_two_columns(rows, width)] if rows else []


def _summary(spec: CommandSpec) -> str:
    if spec.deprecated:
        return f"{spec.summary} ({spec.deprecated.split(':')[0]})"
    return spec.summary


def _command_table(specs: tuple[CommandSpec, ...], width: int) -> list[str]:
    return _two_columns([(spec.usage, _summary(spec)) for spec in specs], width)


def _two_columns(rows: list[tuple[str, str]], width: int, max_left: int = 28) -> list[str]:
    """Left column never broken; a left cell too wide puts its text on the next line."""
    column = min(max(len(left) for left, _ in rows), max_left) + len(_INDENT) + 2
    lines: list[str] = []
    for left, right in rows:
        wrapped = textwrap.wrap(right, max(width - column, 12)) or [""]
        if len(_INDENT + left) + 2 <= column:
            lines.append((_INDENT + left).ljust(column) + wrapped[0])
            rest = wrapped[1:]
        else:
            lines.append(_INDENT + left)
            rest = wrapped
        lines += [" " * column + piece for piece in rest]
    return lines


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
