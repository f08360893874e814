"""The connector shell's local commands, by theme, in one registry.

The listings (``.devices``, ``.endpoints``, ``.refresh``) bring in the tenant catalogue's code;
a run that lists nothing does not load it: their module is imported when one of them first runs.
"""

from __future__ import annotations

from ..language import Command
from ..outcome import Outcome
from . import help_context, history_status, use_target
from .registry import Handler, LocalContext, Registry

LISTINGS = (".refresh", ".devices", ".endpoints")


def _listing(name: str) -> Handler:
    def run(context: LocalContext, command: Command) -> Outcome:
        from .listings import HANDLERS

        return HANDLERS[name](context, command)

    return run


BUILTIN = Registry(
    {
        **help_context.HANDLERS,
        **history_status.HANDLERS,
        **use_target.HANDLERS,
        **{name: _listing(name) for name in LISTINGS},
    }
)
