"""The shell's command parts, built in the right order from what a run mode brings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..connection.session import TenantSession
from ..live.feed import OperationFeed
from ..output.console import Console
from .builtin import BUILTIN
from .catalogue_access import CatalogueAccess
from .device_results import ObjectModelOnce
from .dispatch import Confirm, Dispatcher
from .own_operations import OwnOperations
from .runner import OperationListener, Runner
from .target import CurrentTarget

if TYPE_CHECKING:
    from ..catalogue import TenantCatalogue


def connector_dispatcher(
    session: TenantSession,
    console: Console,
    *,
    own: OwnOperations | None = None,
    confirm: Confirm | None = None,
    feed: OperationFeed | None = None,
    catalogue: TenantCatalogue | None = None,
    on_operation: Sequence[OperationListener] = (),
    scripted: bool = False,
    wait_timeout: float | None = None,
    target: CurrentTarget | None = None,
    objects: ObjectModelOnce | None = None,
    pushed: Callable[[str], bool] = lambda _device_id: False,
) -> Dispatcher:
    """The dispatcher of the connector's commands with its runner and built-in local commands.

    ``catalogue``: the interactive shell's (None: the first listing makes and loads one).
    ``feed``: pushed results when live updates run (None: the runner polls).
    ``on_operation``: told of every state of every operation the runner sees.
    ``target``: where device commands go (None: the connector, until ``.use``).
    ``objects``: the LWM2M object model device results are shown with (None: loaded on use).
    ``pushed``: whether a device's operations are pushed through ``feed`` (its channel is on).
    """
    access = CatalogueAccess(session, catalogue)
    runner = Runner(
        session,
        console,
        own=own,
        feed=feed,
        on_operation=(access.note_operation, *on_operation),
        scripted=scripted,
        wait_timeout=wait_timeout,
        pushed=pushed,
    )
    return Dispatcher(
        runner, local=BUILTIN, catalogue=access, confirm=confirm, target=target, objects=objects
    )
