"""The fish completion script, generated from the option model and the command set."""

from __future__ import annotations

from collections.abc import Sequence

from .options import PROGRAM, REGENERATE, CliOption, ValueKind

_FISH_HEADER = f"""\
# fish completion for {PROGRAM}
# Generated from the option parser and the command set by
#   {REGENERATE}
# Do not edit by hand. Enable it with:
#   {PROGRAM} --completions fish > ~/.config/fish/completions/{PROGRAM}.fish

function __lwm2m_shell_profiles
    command -q lwm2m-shell; and command lwm2m-shell --list-profiles 2>/dev/null
end
"""


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_line(option: CliOption) -> str:
    parts = [f"complete -c {PROGRAM}"]
    for spelling in option.spellings:
        if spelling.startswith("--"):
            parts.append(f"-l {spelling[2:]}")
        elif len(spelling) == 2:
            parts.append(f"-s {spelling[1:]}")
        else:
            parts.append(f"-o {spelling[1:]}")
    if option.kind is ValueKind.FILE:
        parts.append("-r -F")
    elif option.kind is ValueKind.CHOICES:
        parts.append("-x -a " + _fish_quote(" ".join(option.choices)))
    elif option.kind is ValueKind.COMMAND:
        parts.append("-x -a '(__lwm2m_shell_commands)'")
    elif option.kind is ValueKind.PROFILE:
        parts.append("-x -a '(__lwm2m_shell_profiles)'")
    elif option.kind is ValueKind.FREE:
        parts.append("-x")
    parts.append("-d " + _fish_quote(option.help))
    return " ".join(parts) + "\n"


def render(options: Sequence[CliOption], commands: Sequence[tuple[str, str]]) -> str:
    lines = [_FISH_HEADER, "\nfunction __lwm2m_shell_commands\n"]
    lines.extend(
        f"    printf '%s\\t%s\\n' {_fish_quote(n)} {_fish_quote(s)}\n" for n, s in commands
    )
    lines.append("end\n\n")
    lines.append(f"complete -c {PROGRAM} -f  # no positional arguments: never offer files\n")
    lines.extend(_fish_line(option) for option in options)
    return "".join(lines)
