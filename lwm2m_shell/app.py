"""From parsed options to a running mode: settings, logging, the tenant session, the mode."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from contextlib import ExitStack

from .config import Settings, SettingsError, resolve
from .console import Console
from .exit_codes import ExitCode
from .logs import setup_logging
from .session import SessionError, TenantSession

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
            settings = ask_password_if_needed(settings)
            session = TenantSession(settings, demo=demo)
            stack.callback(session.close)
            return run_mode(args, session)
    except (SettingsError, SessionError) as error:
        console.error(str(error))
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    except KeyboardInterrupt:
        raise
    except Exception as error:  # the last line of defence: one line, details in the log
        log.exception("internal error")
        console.error(f"internal error: {type(error).__name__}: {error} (run with -v for details)")
        return int(ExitCode.FAILED)


def run_mode(args: argparse.Namespace, session: TenantSession) -> int:
    if args.commands:
        from .modes.oneshot import run_commands

        return run_commands(args, session, args.commands)
    if args.file or not sys.stdin.isatty():
        from .modes.batch import run_file

        return run_file(args, session, args.file or "-")
    from .modes.repl import run_repl

    return run_repl(args, session)


def start_demo(stack: ExitStack, settings: Settings, devices: int) -> Settings:
    """Start the simulated tenant in this process and point the settings at it."""
    from .simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant, SimulatorConfig

    tenant = SimulatedTenant(SimulatorConfig(devices=devices)).start()
    stack.callback(tenant.stop)
    user, password = ADMIN_USER, ADMIN_PASSWORD
    from pydantic import SecretStr

    return settings.model_copy(
        update={
            "url": tenant.url,
            "tenant": tenant.tenant_id,
            "user": user,
            "password": SecretStr(password),
            "token": None,
            "connector_id": None,
        }
    )


def ask_password_if_needed(settings: Settings) -> Settings:
    if settings.token is not None or settings.password is not None or not settings.user:
        return settings
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return settings
    import getpass

    from pydantic import SecretStr

    who = f"{settings.tenant}/{settings.user}" if settings.tenant else settings.user
    password = getpass.getpass(f"Password for {who}: ")
    return settings.model_copy(update={"password": SecretStr(password)}) if password else settings
