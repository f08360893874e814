"""The local commands (answered by the shell, never sent as typed): name → handler.

A handler gets the :class:`LocalContext` (what a local command may use) and the parsed command,
and returns an Outcome. A registry is a plain table built once; a second command set adds its
own table with :meth:`Registry.with_handlers`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..connection.session import TenantSession
from ..language import Command
from ..outcome import Outcome
from .catalogue_access import CatalogueAccess
from .own_operations import OwnOperations
from .runner import Runner
from .target import CurrentTarget


@dataclass(frozen=True)
class LocalContext:
    """What a local command may use."""

    session: TenantSession
    runner: Runner  # to follow an operation (``.status``)
    own: OwnOperations  # operation IDs this shell saw (``.history`` adds to them)
    catalogue: CatalogueAccess  # the tenant's devices and endpoints (the listings)
    send: Callable[[str], Outcome]  # a text to the connector, as the dispatcher sends it
    target: CurrentTarget = field(default_factory=CurrentTarget)  # where device commands go


Handler = Callable[[LocalContext, Command], Outcome]


class Registry:
    def __init__(self, handlers: Mapping[str, Handler]) -> None:
        self._handlers = MappingProxyType(dict(handlers))

    def handler_for(self, name: str) -> Handler | None:
        return self._handlers.get(name)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._handlers)

    def with_handlers(self, more: Mapping[str, Handler]) -> Registry:
        """A new registry: these handlers and ``more`` (which win for a name in both)."""
        return Registry({**self._handlers, **more})


def first_arg(command: Command) -> str | None:
    """The command's first argument, if it has a non-empty one."""
    return next(iter(command.args.values()), None) or None
