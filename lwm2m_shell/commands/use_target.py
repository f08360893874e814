"""``.use [TARGET]``: point the shell at one LWM2M device, or (alone) back at the connector."""

from __future__ import annotations

from ..language import Command
from ..outcome import Outcome
from .registry import Handler, LocalContext, first_arg
from .target import CONNECTOR
from .target_lookup import TargetNotFound, find_target


def use_target(context: LocalContext, command: Command) -> Outcome:
    wanted = first_arg(command)
    if wanted is None:
        context.target.point_at(CONNECTOR)
        return Outcome(
            line=command.text,
            output="commands go to the connector device",
            local=True,
            data=CONNECTOR.as_json(),
        )
    try:
        target = find_target(context.session, wanted, context.catalogue.current)
    except TargetNotFound as error:
        return Outcome(line=command.text, exit_code=error.exit_code, error=str(error), local=True)
    context.target.point_at(target)
    sleeps = (
        f"; it sleeps (awake {target.awake_ms} ms after each registration update): "
        "commands wait for it"
        if target.sleeps
        else ""
    )
    return Outcome(
        line=command.text,
        output=f"device commands go to {target.describe()}{sleeps}; `.use` alone goes back "
        "to the connector",
        local=True,
        data=target.as_json(),
    )


HANDLERS: dict[str, Handler] = {".use": use_target}
