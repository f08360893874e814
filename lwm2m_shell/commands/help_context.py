"""``help`` and ``.context``: the shell describes its commands and where it is connected."""

from __future__ import annotations

import shutil

from ..connection.session import TenantSession
from ..exit_codes import ExitCode
from ..language import Command, render_command_help, render_help
from ..outcome import Outcome
from ..output.safetext import one_line
from .registry import Handler, LocalContext, first_arg


def width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


def show_help(context: LocalContext, command: Command) -> Outcome:
    name = first_arg(command)
    if name:
        text = render_command_help(name, width())
        if text is None:
            return Outcome(
                line=command.text,
                exit_code=ExitCode.USAGE,
                local=True,
                error=f"no such command: {name}",
            )
        return Outcome(line=command.text, output=text, local=True)
    return Outcome(
        line=command.text, output=render_help(width(), kind=context.target.kind), local=True
    )


def show_context(context: LocalContext, command: Command) -> Outcome:
    session = context.session
    ident = session.identity
    # What the settings already say is shown at once; the tenant check confirms or fills it in.
    unchecked = "" if ident else " (not checked yet)"
    connector = ident.connector_id if ident else session.settings.connector_id
    rows = [
        ("URL", session.url + ("  (simulated tenant)" if session.demo else "")),
        ("tenant", session.tenant_id + unchecked if session.tenant_id else "(not known yet)"),
        ("user", session.user + unchecked if session.user else "(not known yet)"),
        ("login", session.settings.login_source or "(no tenant URL)"),
        ("connector device", connector + unchecked if connector else "(not known yet)"),
        ("target", context.target.value.describe()),
        ("connection", _connection(session)),
    ]
    if ident and ident.can_send is False:
        rows.append(("warning", "this user cannot create operations (ROLE_DEVICE_CONTROL_ADMIN)"))
    text = "\n".join(f"{key:>17}  {one_line(value)}" for key, value in rows)
    data = {
        "url": session.url,
        "simulated": session.demo,
        "tenant": session.tenant_id,
        "user": session.user,
        "connectorId": connector,
        "connection": session.state.value,
        "health": session.health.view.health.value,
        "healthDetail": session.health.describe(),
        "connectionError": str(session.error) if session.error else None,
        "canCreateOperations": ident.can_send if ident else None,
        "target": context.target.value.as_json(),
    }
    return Outcome(line=command.text, output=text, local=True, data=data)


def _connection(session: TenantSession) -> str:
    """The truth about the connection: the state over time once the tenant was reached."""
    if session.identity is not None:  # reached once: its state over time
        return session.health.describe()
    return str(session.state.value) + (f": {session.error}" if session.error else "")


HANDLERS: dict[str, Handler] = {"help": show_help, ".help": show_help, ".context": show_context}
