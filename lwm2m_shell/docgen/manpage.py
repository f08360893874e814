"""The ``lwm2m-shell(1)`` man page, generated from the command line's parser (passed in), the
command set, the exit codes and ``facts``, so its lists cannot drift from the program.
``man/lwm2m-shell.1`` is this module's output, written by ``python -m lwm2m_shell.docgen``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence

from .. import __version__
from ..exit_codes import EXIT_CODE_HELP, ExitCode
from ..language import CONNECTOR_COMMANDS, LOCAL_COMMANDS, CommandSpec
from .facts import JSON_STATUSES, LIMITS, PRECEDENCE, RULES
from .options import REGENERATE, CliOption, ValueKind, cli_options

# More than the one-line --help text, for the options that need it (keyed by long spelling).
OPTION_NOTES: dict[str, str] = {
    "--command": (
        "COMMAND is a whole shell line, so quote it: "
        "lwm2m-shell -c 'migrateLwm2mDevices -d 1111 2222'. "
        "Every command is checked before the first one is sent. -c and -f cannot be combined."
    ),
    "--file": (
        "Empty lines and lines starting with # are skipped. Every line is checked before "
        "anything is sent: one invalid line and nothing goes out."
    ),
    "--output": (
        "json prints one JSON object per command on stdout, with the keys command, "
        "operationId, status, result, failureReason, error, creationTime, lastUpdated, "
        "durationSeconds and exitCode; JSON STATUS lists the values of status."
    ),
    "--ca-bundle": (
        "The CAs of FILE are added to the default trust store (SSL_CERT_FILE, SSL_CERT_DIR, "
        "else the certifi bundle), so public tenants still verify."
    ),
    "--connector-id": (
        "ID is digits only. It must name the LWM2M connector device "
        "(type c8y_lwm2m_connector_device); another device, or none, is refused with exit code 2."
    ),
    "--yes": "Without a terminal, a tenant-wide command is refused unless this is given.",
    "--completions": "EXAMPLES shows the line that enables completion in each shell.",
}

DESCRIPTION = (
    "lwm2m-shell is an interactive shell, on your own terminal, for the shell of the LWM2M "
    "connector device of a Cumulocity IoT tenant.",
    "Every command is checked before it leaves your machine: unknown commands, misspelt options, "
    "missing or malformed IDs and documentation placeholders pasted as they are (such as "
    "<endpoint_ID>) are reported with the reason and nothing is sent. While you type, commands, "
    "options, device IDs and endpoint IDs of your tenant are completed.",
    "A valid command is sent once, as a c8y_Command operation of the connector device. "
    "lwm2m-shell then waits for the agent, showing the operation's status and the time taken, "
    "and prints the agent's answer. Ctrl-C stops waiting (the operation goes on in the tenant; "
    ".status picks it up again). A command that acts on every device of the tenant asks for "
    "confirmation first.",
    "Without -c or -f and with a terminal, lwm2m-shell runs interactively. With -c, -f or "
    "commands on standard input it runs them in order and exits; results go to standard "
    "output, progress and errors to standard error.",
    "--demo starts a simulated tenant on 127.0.0.1 and connects to it, to try everything "
    "without a Cumulocity account.",
)

ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("C8Y_BASEURL, C8Y_HOST, C8Y_URL", "The tenant URL, as --url. The first one set wins."),
    ("C8Y_TENANT", "The tenant ID, as --tenant."),
    ("C8Y_USER, C8Y_USERNAME", "The user name, as --user; tenant/user is accepted."),
    ("C8Y_PASSWORD", "The password. When it is missing, lwm2m-shell asks for it (hidden)."),
    ("C8Y_TOKEN", "A bearer token, used instead of user name and password."),
    (
        "C8Y_SESSION",
        "A go-c8y-cli session file (JSON: host, tenant, username, password, token), at the "
        "same rank as --session. A session file with encrypted values is read; only the "
        "{encrypted}... values are skipped (lwm2m-shell does not decrypt them: it asks for the "
        "password instead, and in a script exits with code 3).",
    ),
    ("HTTPS_PROXY, HTTP_PROXY, NO_PROXY", "The proxy to reach the tenant through, as for curl."),
    (
        "SSL_CERT_FILE, SSL_CERT_DIR",
        "The trust store for TLS (default: the certifi bundle); --ca-bundle adds to it.",
    ),
    ("NO_COLOR", "When set (to anything), no colours, as --no-color."),
    ("XDG_CONFIG_HOME", "Where the configuration directory is (default: ~/.config)."),
    ("XDG_STATE_HOME", "Where history and logs are kept (default: ~/.local/state)."),
    ("XDG_CACHE_HOME", "Where caches are kept (default: ~/.cache)."),
    (
        "XDG_DATA_HOME",
        "Where your own LwM2M object definitions are read from (default: ~/.local/share).",
    ),
)
ENVIRONMENT_NOTE = (
    "Passwords and tokens are never accepted as options, since the process list would show them."
)

FILES: tuple[tuple[str, str], ...] = (
    (
        "$XDG_CONFIG_HOME/lwm2m-shell/config.toml",
        "Profiles: named tenants, one [profiles.NAME] table each, with url, tenant and user.",
    ),
    (
        "$XDG_STATE_HOME/lwm2m-shell/history/",
        "Command history, one file per tenant and host, as bound after the tenant check "
        "(--user admin and --user t12345/admin share one).",
    ),
    (
        "$XDG_STATE_HOME/lwm2m-shell/lwm2m-shell.log",
        "The log written by --log-file when it is given without a file name.",
    ),
    (
        "$XDG_CACHE_HOME/lwm2m-shell/",
        "The tenant's devices and endpoints, cached for completion.",
    ),
    (
        "$XDG_DATA_HOME/lwm2m-shell/objects/",
        "Your own LwM2M object definitions (OMA XML files, *.xml): device commands complete "
        "and check their paths like those of the core objects.",
    ),
)
FILES_NOTE = "Directories are created with mode 0700 and files with mode 0600."

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("lwm2m-shell --demo", "Try lwm2m-shell on a simulated tenant."),
    (
        "lwm2m-shell --url example.cumulocity.com --user t12345/alice",
        "Work interactively on a tenant; the password is asked for.",
    ),
    (
        "lwm2m-shell -c 'invalidateRegistrationById F7DqjmW3Yy' --output json",
        "Run one command, print its outcome as JSON and exit.",
    ),
    (
        "lwm2m-shell -f commands.txt --yes",
        "Run the commands of a file, one per line, without confirmation questions.",
    ),
    (
        "lwm2m-shell --url example.cumulocity.com --device urn:imei:012345678901234 "
        "-c 'read /3/0/9'",
        "Read the battery level of one LWM2M device (.use points an interactive shell at it).",
    ),
    ('eval "$(lwm2m-shell --completions bash)"', "Enable completion in bash (in ~/.bashrc)."),
    (
        'eval "$(lwm2m-shell --completions zsh)"',
        "Enable completion in zsh (in ~/.zshrc, after compinit).",
    ),
    (
        "lwm2m-shell --completions fish > ~/.config/fish/completions/lwm2m-shell.fish",
        "Enable completion in fish.",
    ),
)

SEE_ALSO = (
    "The README of lwm2m-shell. The Cumulocity IoT documentation of the LWM2M connector device, "
    "which describes the commands of its shell."
)


def escape(text: str) -> str:
    """Text made safe for roff: backslashes, dashes, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text.startswith((".", "'")) else text


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _bold(text: str) -> str:
    return f"\\fB{escape(text)}\\fR"


def _italic(text: str) -> str:
    return f"\\fI{escape(text)}\\fR"


def _option_tag(option: CliOption) -> str:
    spelled = ", ".join(_bold(spelling) for spelling in option.spellings)
    if option.kind is ValueKind.NONE:
        return spelled
    if option.kind is ValueKind.CHOICES:
        value = "{" + "|".join(_bold(choice) for choice in option.choices) + "}"
    else:
        value = _italic(option.metavar)
    return f"{spelled} [{value}]" if option.optional_value else f"{spelled} {value}"


def _group_title(title: str) -> str:
    if title in ("options", "optional arguments"):
        return "General"
    return title[:1].upper() + title[1:]


def _options_section(options: Sequence[CliOption]) -> list[str]:
    lines = [".SH OPTIONS"]
    group = None
    for option in options:
        if option.group != group:
            group = option.group
            lines.append(f".SS {escape(_group_title(group))}")
        text = _sentence(option.help)
        for spelling in option.spellings:
            if spelling in OPTION_NOTES:
                text += " " + OPTION_NOTES[spelling]
        lines += [".TP", _option_tag(option), escape(text)]
    return lines


def _command_entry(spec: CommandSpec) -> list[str]:
    name, _, rest = spec.usage.partition(" ")
    tag = _bold(name) + (" " + escape(rest) if rest else "")
    lines = [".TP", tag, escape(_sentence(spec.summary))]
    for paragraph in spec.help.split("\n\n"):
        lines += [".IP", escape(paragraph.strip())]
    if spec.aliases:
        lines += [".IP", "Also spelled " + ", ".join(_bold(alias) for alias in spec.aliases) + "."]
    for legacy in spec.legacy_usages:
        lines += [".IP", "Also accepted: " + _bold(legacy) + "."]
    if spec.deprecated:
        lines += [".IP", escape(_sentence(spec.deprecated[:1].upper() + spec.deprecated[1:]))]
    if spec.flags:
        lines += [".RS"]
        for flag in spec.flags:
            value = " " + _italic(flag.metavar) if flag.metavar else ""
            spelled = ", ".join(_bold(spelling) for spelling in flag.spellings)
            lines += [".TP", spelled + value, escape(_sentence(flag.help))]
        lines += [".RE"]
    if spec.examples:
        lines += [".IP", "Examples:", ".RS"]
        for example, meaning in spec.examples:
            lines += [".TP", _bold(example), escape(_sentence(meaning))]
        lines += [".RE"]
    return lines


def _commands_section(title: str, intro: str, specs: Iterable[CommandSpec]) -> list[str]:
    lines = [f".SH {title}", escape(intro)]
    for spec in specs:
        lines += _command_entry(spec)
    return lines


def _pairs(pairs: Iterable[tuple[str, str]], bold: bool = True) -> list[str]:
    lines: list[str] = []
    for tag, text in pairs:
        lines += [".TP", _bold(tag) if bold else escape(tag), escape(text)]
    return lines


def _paragraphs(texts: Iterable[str]) -> list[str]:
    lines: list[str] = []
    for index, text in enumerate(texts):
        if index:
            lines.append(".PP")
        lines.append(escape(text))
    return lines


def render(parser: argparse.ArgumentParser) -> str:
    """The whole man page of the command line ``parser``, in roff with the ``man`` macros."""
    options = cli_options(parser)
    lines = [
        f'.\\" Generated by: {REGENERATE}',
        '.\\" Do not edit by hand: options, commands and exit codes come from the program.',
        f'.TH LWM2M\\-SHELL 1 "" "lwm2m\\-shell {escape(__version__)}" "User Commands"',
        ".nh",
        ".ad l",
        ".SH NAME",
        "lwm2m\\-shell \\- interactive shell for the LWM2M connector device of a Cumulocity tenant",
        ".SH SYNOPSIS",
        f"{_bold('lwm2m-shell')} [{_italic('OPTION')}]...",
        ".br",
        f"{_bold('lwm2m-shell')} [{_italic('OPTION')}]... {_bold('-c')} {_italic('COMMAND')}...",
        ".br",
        f"{_bold('lwm2m-shell')} [{_italic('OPTION')}]... {_bold('-f')} {_italic('FILE')}",
        ".SH DESCRIPTION",
        *_paragraphs(DESCRIPTION),
        *_options_section(options),
        *_commands_section(
            "COMMANDS",
            "The commands of the connector device's shell, checked by lwm2m-shell before they "
            "are sent. help is the exception: lwm2m-shell answers it itself, from its own "
            "command set (.send help asks the agent for its own help text).",
            CONNECTOR_COMMANDS,
        ),
        *_commands_section(
            "LOCAL COMMANDS",
            "Commands of lwm2m-shell itself, answered by lwm2m-shell; only .send sends "
            "something to the tenant (its text, verbatim).",
            LOCAL_COMMANDS,
        ),
        ".SH ENVIRONMENT",
        *_pairs(ENVIRONMENT),
        ".PP",
        escape(ENVIRONMENT_NOTE),
        ".SH PRECEDENCE",
        escape(PRECEDENCE),
        ".SH LIMITS",
        *_pairs(LIMITS, bold=False),
        ".SH NOTES",
        *_paragraphs(RULES),
        ".SH FILES",
        *_pairs(FILES, bold=False),
        ".PP",
        escape(FILES_NOTE),
        ".SH JSON STATUS",
        escape("The status key of each --output json object is one of:"),
        *_pairs(JSON_STATUSES),
        ".SH EXIT STATUS",
        *_pairs((str(int(code)), _sentence(EXIT_CODE_HELP[code])) for code in ExitCode),
        ".SH EXAMPLES",
        *_pairs(EXAMPLES),
        ".SH SEE ALSO",
        escape(SEE_ALSO),
    ]
    return "\n".join(lines) + "\n"
