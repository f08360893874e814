"""The zsh completion script, generated from the option model and the command set."""

from __future__ import annotations

from collections.abc import Sequence

from .options import PROGRAM, REGENERATE, CliOption, ValueKind

_ZSH_HEADER = f"""\
#compdef {PROGRAM}
# zsh completion for {PROGRAM}
# Generated from the option parser and the command set by
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


def render(options: Sequence[CliOption], commands: Sequence[tuple[str, str]]) -> str:
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
