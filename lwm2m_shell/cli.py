"""The ``lwm2m-shell`` command line: option parsing only, then a run mode.

This module imports nothing heavy at the top: ``--version`` and ``--help`` answer before
prompt_toolkit, httpx or pydantic are loaded. The completion scripts and the man page are
generated from ``build_parser()`` by ``python -m lwm2m_shell.docgen``, which imports this module;
here only the plain-text leaves of ``docgen`` are imported (``facts``, and ``completions`` lazily).
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import NoReturn

from . import __version__
from .config.limits import MAX_DEMO_DEVICES, MAX_REQUEST_TIMEOUT, MAX_WAIT_TIMEOUT, number_problem
from .docgen.facts import PRECEDENCE
from .exit_codes import EXIT_CODE_HELP

DESCRIPTION = (
    "An interactive shell for the LWM2M connector device of a Cumulocity IoT tenant: "
    "validates, completes and sends connector commands and shows the agent's answers."
)
EPILOG_ENVIRONMENT = """\
environment:
  C8Y_BASEURL, C8Y_HOST, C8Y_URL   tenant URL (first one set wins; no scheme means https)
  C8Y_TENANT                       tenant ID
  C8Y_USER, C8Y_USERNAME           user name ("tenant/user" accepted)
  C8Y_PASSWORD, C8Y_TOKEN          password or bearer token (never given as options)
  C8Y_SESSION                      go-c8y-cli session file (JSON), same rank as --session
  HTTPS_PROXY, SSL_CERT_FILE       proxy and trust store, as for other tools
  NO_COLOR                         no colours
"""
EPILOG_EXAMPLES = """\
examples:
  lwm2m-shell --demo                          try it on a simulated tenant
  lwm2m-shell --url example.cumulocity.com --user t123/alice
  lwm2m-shell -c 'invalidateRegistrationById F7DqjmW3Yy' --output json
  lwm2m-shell -f commands.txt --yes
"""


def _epilog() -> str:
    indent = "  "
    precedence = textwrap.fill(PRECEDENCE, 94, initial_indent=indent, subsequent_indent=indent)
    codes = "\n".join(f"{indent}{int(code):<4}{text}" for code, text in EXIT_CODE_HELP.items())
    return (
        f"{EPILOG_ENVIRONMENT}\nprecedence:\n{precedence}\n\nexit status:\n{codes}\n\n"
        f"{EPILOG_EXAMPLES}"
    )


EPILOG = _epilog()

# What a bare --log-file stands for: output.logs reads it as "the log in the state directory".
# The same text as output.logs.DEFAULT_LOG_MARK (a test holds them equal); not imported from there
# because output.logs loads the logging module, which --help and --version do not need.
DEFAULT_LOG_MARK = "<state-dir>"


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line (the full usage is in ``--help``)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def bounded_float(maximum: float) -> Callable[[str], float]:
    """An argparse type: a finite number of seconds above 0 and at most ``maximum``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        problem = number_problem(value, maximum)
        if problem is not None:
            raise argparse.ArgumentTypeError(problem)
        return value

    return parse


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    if value > MAX_DEMO_DEVICES:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_DEMO_DEVICES}")
    return value


def object_id(text: str) -> str:
    """An argparse type: a managed object ID, which is all digits (checked before any request)."""
    value = text.strip()
    if not value.isascii() or not value.isdigit():
        raise argparse.ArgumentTypeError(
            f"not a managed object ID (digits only): {text[:40]!r}; "
            "leave out --connector-id to find the connector device"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="lwm2m-shell",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lwm2m-shell {__version__}")
    parser.add_argument(
        "--completions",
        choices=("bash", "zsh", "fish"),
        help="print the completion script for this shell and exit",
    )
    parser.add_argument("--list-profiles", action="store_true", help=argparse.SUPPRESS)

    tenant = parser.add_argument_group("tenant")
    tenant.add_argument("--url", metavar="URL", help="tenant URL, e.g. example.cumulocity.com")
    tenant.add_argument("--tenant", metavar="ID", help="tenant ID, e.g. t12345")
    tenant.add_argument("--user", metavar="USER", help='user name, or "tenant/user"')
    tenant.add_argument(
        "--connector-id",
        metavar="ID",
        type=object_id,
        help="managed object ID of the connector device (default: found in the tenant)",
    )
    tenant.add_argument(
        "--profile",
        metavar="NAME",
        help="use profile NAME of $XDG_CONFIG_HOME/lwm2m-shell/config.toml",
    )
    tenant.add_argument(
        "--session", metavar="FILE", help="read tenant and credentials from a go-c8y-cli session"
    )
    tenant.add_argument(
        "--auth",
        choices=("auto", "basic", "oauth", "token"),
        help="how to log in (default: auto: OAuth when the tenant offers it, else Basic)",
    )
    tenant.add_argument(
        "--demo", action="store_true", help="run against a built-in simulated tenant"
    )
    tenant.add_argument(
        "--demo-devices",
        metavar="N",
        type=positive_int,
        default=50,
        help="number of LWM2M devices of the simulated tenant (default: 50)",
    )

    run = parser.add_argument_group("running commands")
    run.add_argument(
        "-c",
        "--command",
        metavar="COMMAND",
        action="append",
        dest="commands",
        help="run COMMAND and exit (repeatable: run in order)",
    )
    run.add_argument(
        "-f", "--file", metavar="FILE", help="run the commands in FILE, one per line ('-': stdin)"
    )
    run.add_argument(
        "--device",
        metavar="TARGET",
        help="point the shell at one LWM2M device (endpoint, managed object ID or name), "
        "as .use does; its device commands (read /3/0/9 ...) go there",
    )
    run.add_argument(
        "-o",
        "--output",
        choices=("text", "json"),
        default="text",
        help="text, or one JSON object per command (default: text)",
    )
    run.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=bounded_float(MAX_WAIT_TIMEOUT),
        help="give up waiting for an operation after SECONDS (exit code 4)",
    )
    run.add_argument(
        "--request-timeout",
        metavar="SECONDS",
        type=bounded_float(MAX_REQUEST_TIMEOUT),
        help="give up on one HTTP request after SECONDS (default: 30)",
    )
    run.add_argument(
        "-y", "--yes", action="store_true", help="do not ask before tenant-wide commands"
    )

    safety = parser.add_argument_group("transport")
    safety.add_argument(
        "--insecure", action="store_true", help="do not verify TLS certificates (warned each start)"
    )
    safety.add_argument(
        "--ca-bundle", metavar="FILE", help="also trust the CAs in FILE (added to the default ones)"
    )
    safety.add_argument(
        "--allow-http",
        action="store_true",
        help="allow credentials over plain http:// to a host other than this machine",
    )

    out = parser.add_argument_group("output and logging")
    out.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR)")
    out.add_argument(
        "-v", "--verbose", action="store_true", help="log HTTP requests to stderr (no secrets)"
    )
    out.add_argument(
        "--log-file",
        metavar="FILE",
        nargs="?",
        const=DEFAULT_LOG_MARK,
        help="write a log of HTTP requests (no secrets) to FILE "
        "(default: $XDG_STATE_HOME/lwm2m-shell/lwm2m-shell.log)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .output.symbols import protect_streams

    protect_streams()  # an ASCII-only output gets ASCII symbols, never an encoding crash
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.completions:  # answered before anything heavy is imported
        from .docgen.completions import render

        sys.stdout.write(render(args.completions, parser))
        return 0
    if args.list_profiles:  # for the completion scripts: must stay fast and never fail
        from .config.profiles import profile_names

        sys.stdout.write("".join(f"{name}\n" for name in profile_names()))
        return 0
    if args.commands and args.file:
        parser.error("use either -c or -f, not both")
    try:
        from .app import run

        return run(args)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130


def entry() -> None:
    """Console-script entry point: exit with ``main``'s code, flushing stdout safely."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
