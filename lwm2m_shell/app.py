"""From parsed options to a running mode: settings, logging, the tenant session, the mode."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from contextlib import ExitStack
from dataclasses import dataclass

from .config.resolve import resolve
from .config.secret import Secret
from .config.settings import Settings, SettingsError, encrypted_problem
from .connection.session import SessionError, TenantSession
from .exit_codes import ExitCode
from .output.console import Console
from .output.logs import setup_logging

log = logging.getLogger("lwm2m_shell")


def run(args: argparse.Namespace) -> int:
    console = Console(color=not (args.no_color or "NO_COLOR" in os.environ), json_mode=False)
    try:
        setup_logging(args)
        with ExitStack() as stack:
            settings = resolve(args, os.environ)
            demo = bool(args.demo)
            if demo:
                settings = start_demo(stack, settings, args.demo_devices)
            if settings.verify is False:
                console.warn("TLS certificates are NOT verified (--insecure)")
            for note in settings.notes:
                console.note(note)
            prompter = TerminalPrompter(console) if can_prompt() else None
            encrypted = encrypted_problem(settings)
            if encrypted and prompter is not None:
                console.note(f"{encrypted}: asking for the password instead")
            session = TenantSession(settings, demo=demo, prompter=prompter)
            stack.callback(session.close)
            session.log_in_at_start()
            return run_mode(RunPlan.of(args), session)
    except (SettingsError, SessionError) as error:
        console.error(str(error))
        code = int(getattr(error, "exit_code", ExitCode.USAGE))
        if getattr(args, "output", None) == "json":  # the JSON contract: errors included
            from .outcome import never_run

            for answer in never_run(args.commands, str(error), code):
                console.json(answer)
        return code
    except KeyboardInterrupt:
        raise
    except Exception as error:  # the last line of defence: one line, details in the log
        log.exception("internal error")
        console.error(f"internal error: {type(error).__name__}: {error} (run with -v for details)")
        return int(ExitCode.INTERNAL)


@dataclass(frozen=True)
class RunPlan:
    """What to run, as the command line said: the -c commands, else a -f file (or commands
    piped on stdin), else the interactive shell. The argparse Namespace stops here."""

    commands: tuple[str, ...] = ()
    file: str | None = None
    json_output: bool = False
    device: str | None = None  # --device TARGET: found once, before anything is sent

    @classmethod
    def of(cls, args: argparse.Namespace) -> RunPlan:
        return cls(
            commands=tuple(args.commands or ()),
            file=args.file,
            json_output=args.output == "json",
            device=getattr(args, "device", None),
        )


def run_mode(plan: RunPlan, session: TenantSession) -> int:
    target = None  # the connector, unless --device names a device
    if plan.device is not None:
        from .modes.start_target import start_target

        found = start_target(
            session, plan.device, commands=plan.commands, json_output=plan.json_output
        )
        if isinstance(found, int):  # not found: said, nothing sent
            return found
        target = found
    if plan.commands:
        from .modes.oneshot import run_commands

        return run_commands(session, plan.commands, json_output=plan.json_output, target=target)
    if plan.file or not sys.stdin.isatty():
        from .modes.batch import run_file

        return run_file(session, plan.file or "-", json_output=plan.json_output, target=target)
    from .modes.repl import run_repl

    return run_repl(session, target=target)


def start_demo(stack: ExitStack, settings: Settings, devices: int) -> Settings:
    """Start the simulated tenant in this process and point the settings at it."""
    from .simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant, SimulatorConfig

    tenant = SimulatedTenant(SimulatorConfig(devices=devices)).start()
    stack.callback(tenant.stop)
    return settings.replace(
        url=tenant.url,
        tenant=tenant.tenant_id,
        user=ADMIN_USER,
        password=Secret(ADMIN_PASSWORD),
        token=None,
        connector_id=None,
    )


def can_prompt() -> bool:
    """Whether a password or TFA code can be asked for (a person at a terminal)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


class TerminalPrompter:
    """Asks on the terminal with hidden input; Ctrl-C or Ctrl-D means "no answer"."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def note(self, message: str) -> None:
        self.console.note(message)

    def secret(self, prompt: str) -> str | None:
        import getpass

        from .ui.keys_kept import cooked_for_getpass

        self.console.clear_progress()
        try:
            with cooked_for_getpass():  # the REPL keeps the terminal raw between prompts
                return getpass.getpass(prompt) or None
        except (KeyboardInterrupt, EOFError):
            print(file=sys.stderr)
            return None
