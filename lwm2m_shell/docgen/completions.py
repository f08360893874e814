"""Shell completion scripts for the ``lwm2m-shell`` command line (bash, zsh, fish).

The scripts are generated from ``cli.build_parser()`` and the command catalogue, so they offer
exactly the options and commands the program has. ``completions/`` holds the generated files;
``lwm2m-shell --completions SHELL`` prints the same text. Regenerate the files with::

    python -m lwm2m_shell.docgen.completions --write completions/

Profile names are not baked in: the scripts ask ``lwm2m-shell --list-profiles`` when completing
the value of ``--profile``.
"""

from __future__ import annotations

import argparse
import enum
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SHELLS = ("bash", "zsh", "fish")
SCRIPT_NAMES = {"bash": "lwm2m-shell.bash", "zsh": "_lwm2m-shell", "fish": "lwm2m-shell.fish"}
PROGRAM = "lwm2m-shell"
REGENERATE = "python -m lwm2m_shell.docgen.completions --write completions/"
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
    """One visible option of the command line, in the terms completion needs."""

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


def cli_options(parser: argparse.ArgumentParser | None = None) -> tuple[CliOption, ...]:
    """The options shown by ``--help``, in the order they are declared (hidden ones left out)."""
    if parser is None:
        from ..cli import build_parser

        parser = build_parser()
    formatter = parser._get_formatter()
    repeating = (argparse._AppendAction, argparse._AppendConstAction, argparse._CountAction)
    found: list[CliOption] = []
    for group in parser._action_groups:
        for action in group._group_actions:
            if not action.option_strings or action.help == argparse.SUPPRESS:
                continue
            metavar = action.metavar if isinstance(action.metavar, str) else ""
            found.append(
                CliOption(
                    spellings=tuple(action.option_strings),
                    help=formatter._expand_help(action) if action.help else "",
                    kind=_value_kind(action),
                    metavar=metavar or action.dest.upper(),
                    choices=tuple(str(choice) for choice in action.choices or ()),
                    optional_value=action.nargs == "?",
                    repeatable=isinstance(action, repeating),
                    ends_options=isinstance(
                        action, (argparse._HelpAction, argparse._VersionAction)
                    ),
                    group=group.title or "",
                )
            )
    return tuple(found)


def command_words() -> tuple[tuple[str, str], ...]:
    """(name, summary) of every connector and local command, for the value of ``-c``."""
    from ..language import ALL_COMMANDS

    return tuple((spec.name, spec.summary) for spec in ALL_COMMANDS)


# --- bash -------------------------------------------------------------------------------------

_BASH_HEADER = f"""\
# bash completion for {PROGRAM}
# Generated from the option parser and the command catalogue by
#   {REGENERATE}
# Do not edit by hand. Enable it in ~/.bashrc with:
#   eval "$({PROGRAM} --completions bash)"
"""

_BASH_HELPERS = """
# Add to COMPREPLY each word ($3...) that starts with $2, prefixed with $1.
_lwm2m_shell_add() {
    local pre=$1 cur=$2 word
    shift 2
    for word in "$@"; do
        if [[ $word == "$cur"* ]]; then
            COMPREPLY+=("$pre$(printf '%q' "$word")")
        fi
    done
}

_lwm2m_shell_files() {
    local pre=$1 path
    while IFS= read -r path; do
        COMPREPLY+=("$pre$path")
    done < <(compgen -f -- "$2")
    compopt -o filenames 2>/dev/null
}

# Command names after -c. Inside an opened quote a single match is offered twice, once with a
# space after it: readline then inserts it without closing the quote, so arguments can follow.
_lwm2m_shell_command_names() {
    local pre=$1 cur=$2 quoted=''
    if [[ $cur == [\\\"\\\']* ]]; then quoted=1; cur=${cur:1}; fi
    [[ $cur == *' '* ]] && return 0
    _lwm2m_shell_add "$pre" "$cur" "${_lwm2m_shell_commands[@]}"
    if [[ -n $quoted && ${#COMPREPLY[@]} -eq 1 ]]; then
        COMPREPLY+=("${COMPREPLY[0]} ")
    fi
}

_lwm2m_shell_profiles() {
    local name names=()
    while IFS= read -r name; do
        names+=("$name")
    done < <(command lwm2m-shell --list-profiles 2>/dev/null)
    _lwm2m_shell_add "$1" "$2" "${names[@]}"
}
"""

_BASH_MAIN_START = """
_lwm2m_shell() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' pre=''
    if (( COMP_CWORD > 0 )); then prev=${COMP_WORDS[COMP_CWORD-1]}; fi
    # "--option=value": bash splits it at "=" (COMP_WORDBREAKS), or keeps one word.
    if [[ $cur == = ]]; then
        cur=''
    elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        pre=$prev=
        cur=${cur#*=}
    fi
    COMPREPLY=()
    case $prev in
"""

_BASH_MAIN_END = """\
    esac
    if [[ -z $cur || $cur == -* ]]; then
        _lwm2m_shell_add '' "$cur" "${_lwm2m_shell_options[@]}"
    fi
    return 0
}

complete -F _lwm2m_shell lwm2m-shell
"""


def _bash_words(words: Sequence[str]) -> str:
    return " ".join(shlex.quote(word) for word in words)


def render_bash(options: Sequence[CliOption], commands: Sequence[tuple[str, str]]) -> str:
    cases: list[str] = []
    free: list[str] = []
    for option in options:
        pattern = "|".join(option.spellings)
        if option.kind is ValueKind.CHOICES:
            body = f'_lwm2m_shell_add "$pre" "$cur" {_bash_words(option.choices)}; return 0'
        elif option.kind is ValueKind.COMMAND:
            # The value is a whole command line: complete its first word, even after a quote.
            body = '_lwm2m_shell_command_names "$pre" "$cur"; return 0'
        elif option.kind is ValueKind.PROFILE:
            body = '_lwm2m_shell_profiles "$pre" "$cur"; return 0'
        elif option.kind is ValueKind.FILE:
            body = '_lwm2m_shell_files "$pre" "$cur"; return 0'
        elif option.kind is ValueKind.FREE:
            free.extend(option.spellings)
            continue
        else:
            continue
        if option.optional_value:
            body = f"if [[ $cur != -* ]]; then {body}; fi"
        cases.append(f"        {pattern}) {body} ;;\n")
    if free:  # a value only the user knows (URL, ID, number): offer nothing
        cases.append(f"        {'|'.join(free)}) return 0 ;;\n")
    spellings = [spelling for option in options for spelling in _long_first(option.spellings)]
    names = [name for name, _summary in commands]
    return (
        _BASH_HEADER
        + f"\n_lwm2m_shell_options=({_bash_words(spellings)})\n"
        + f"_lwm2m_shell_commands=({_bash_words(names)})\n"
        + _BASH_HELPERS
        + _BASH_MAIN_START
        + "".join(cases)
        + _BASH_MAIN_END
    )


def _long_first(spellings: Sequence[str]) -> list[str]:
    return sorted(spellings, key=lambda spelling: not spelling.startswith("--"))


# --- zsh --------------------------------------------------------------------------------------

_ZSH_HEADER = f"""\
#compdef {PROGRAM}
# zsh completion for {PROGRAM}
# Generated from the option parser and the command catalogue by
#   {REGENERATE}
# Do not edit by hand. Enable it in ~/.zshrc (after compinit) with:
#   eval "$({PROGRAM} --completions zsh)"
# or install this file as _{PROGRAM} in a directory of $fpath.
"""

_ZSH_PROFILES = """
_lwm2m-shell_profiles() {
    local -a profiles expl
    profiles=(${(f)"$(_call_program profiles command lwm2m-shell --list-profiles 2>/dev/null)"})
    _wanted profiles expl 'profile' compadd -a profiles
}
"""

_ZSH_FOOTER = """
if [[ ${funcstack[1]} == _lwm2m-shell ]]; then
    _lwm2m-shell "$@"  # autoloaded from $fpath by compinit: complete now
elif (( $+functions[compdef] )); then
    compdef _lwm2m-shell lwm2m-shell
else
    print -u2 "lwm2m-shell completion: run 'autoload -Uz compinit && compinit' first"
fi
"""


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh_escape(text: str, special: str) -> str:
    for char in "\\" + special:
        text = text.replace(char, "\\" + char)
    return text


def _zsh_specs(option: CliOption) -> list[str]:
    if option.ends_options:
        exclude = "(- *)"
    elif option.repeatable:
        exclude = "*"
    else:
        exclude = "(" + " ".join(option.spellings) + ")"
    message = _zsh_escape(option.metavar.lower(), ":")
    if option.kind is ValueKind.CHOICES:
        action = "(" + " ".join(_zsh_escape(choice, ":() ") for choice in option.choices) + ")"
    elif option.kind is ValueKind.COMMAND:
        action = "_lwm2m-shell_commands"
    elif option.kind is ValueKind.PROFILE:
        action = "_lwm2m-shell_profiles"
    elif option.kind is ValueKind.FILE:
        action = "_files"
    else:
        action = " "  # a value only the user knows: show the message, offer nothing
    argument = ""
    if option.takes_value:
        argument = ("::" if option.optional_value else ":") + f"{message}:{action}"
    description = "[" + _zsh_escape(option.help, "[]") + "]"
    specs = []
    for spelling in option.spellings:
        suffix = ""
        if option.takes_value:
            suffix = "=" if spelling.startswith("--") else "+"
        specs.append(_zsh_quote(f"{exclude}{spelling}{suffix}{description}{argument}"))
    return specs


def render_zsh(options: Sequence[CliOption], commands: Sequence[tuple[str, str]]) -> str:
    specs = [spec for option in options for spec in _zsh_specs(option)]
    described = [_zsh_quote(f"{_zsh_escape(name, ':')}:{summary}") for name, summary in commands]
    lines = [_ZSH_HEADER, _ZSH_PROFILES]
    lines.append("\n_lwm2m-shell_commands() {\n    local -a commands\n    commands=(\n")
    lines.extend(f"        {item}\n" for item in described)
    lines.append("    )\n    _describe -t commands 'command' commands\n}\n")
    lines.append("\n_lwm2m-shell() {\n    _arguments -s -S : \\\n")
    lines.append(" \\\n".join(f"        {spec}" for spec in specs) + "\n}\n")
    lines.append(_ZSH_FOOTER)
    return "".join(lines)


# --- fish -------------------------------------------------------------------------------------

_FISH_HEADER = f"""\
# fish completion for {PROGRAM}
# Generated from the option parser and the command catalogue by
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


def render_fish(options: Sequence[CliOption], commands: Sequence[tuple[str, str]]) -> str:
    lines = [_FISH_HEADER, "\nfunction __lwm2m_shell_commands\n"]
    lines.extend(
        f"    printf '%s\\t%s\\n' {_fish_quote(n)} {_fish_quote(s)}\n" for n, s in commands
    )
    lines.append("end\n\n")
    lines.append(f"complete -c {PROGRAM} -f  # no positional arguments: never offer files\n")
    lines.extend(_fish_line(option) for option in options)
    return "".join(lines)


# --- entry points -----------------------------------------------------------------------------

_RENDERERS = {"bash": render_bash, "zsh": render_zsh, "fish": render_fish}


def render(shell: str, parser: argparse.ArgumentParser | None = None) -> str:
    """The completion script for ``shell`` (one of ``SHELLS``)."""
    try:
        renderer = _RENDERERS[shell]
    except KeyError:
        raise ValueError(
            f"no completion for {shell!r}: choose one of {', '.join(SHELLS)}"
        ) from None
    return renderer(cli_options(parser), command_words())


def write_all(directory: Path) -> list[Path]:
    """Write every shell's script into ``directory``; return the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for shell in SHELLS:
        path = directory / SCRIPT_NAMES[shell]
        path.write_text(render(shell), encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lwm2m_shell.docgen.completions",
        description="Print a completion script, or write all of them into a directory.",
    )
    parser.add_argument("shell", nargs="?", choices=SHELLS, help="print this shell's script")
    parser.add_argument("--write", metavar="DIR", type=Path, help="write every script into DIR")
    args = parser.parse_args(argv)
    if args.write is not None:
        for path in write_all(args.write):
            print(f"wrote {path}")
        return 0
    if args.shell is None:
        parser.error("name a shell or give --write DIR")
    sys.stdout.write(render(args.shell))
    return 0


if __name__ == "__main__":
    sys.exit(main())
