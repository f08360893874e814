"""The bash completion script, generated from the option model and the command set."""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from .options import PROGRAM, REGENERATE, CliOption, ValueKind

_BASH_HEADER = f"""\
# bash completion for {PROGRAM}
# Generated from the option parser and the command set by
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


def render(options: Sequence[CliOption], commands: Sequence[tuple[str, str]]) -> str:
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
