"""The working parts of the interactive shell, built in the background once the first prompt is
on screen: the command dispatcher, the tenant catalogue, live updates, the completer and the lexer.

They bring in the HTTP client, pydantic and the command language, which together cost more
start-up time than prompt_toolkit itself; nobody types fast enough to notice them loading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.lexers import DynamicLexer, Lexer, PygmentsLexer

from ..catalogue import TenantCatalogue
from ..commands.assemble import connector_dispatcher
from ..commands.device_results import ObjectModelOnce, user_objects_home
from ..commands.dispatch import Confirm, Dispatcher
from ..commands.own_operations import OwnOperations
from ..commands.target import CurrentTarget
from ..connection.session import TenantSession
from ..language import TargetKind
from ..live.health_watch import HealthWatch
from ..live.service import LiveUpdates
from ..output.console import Console
from ..ui.completer import ShellCompleter
from ..ui.history import earlier_commands
from ..ui.history_key import history_url
from ..ui.lexer import CommandLexer, DeviceCommandLexer
from ..ui.screen import AboveThePrompt
from ..ui.segments import catalogue_segment, live_segment
from ..ui.toolbar import Toolbar
from .repl_block import BlockRunner


@dataclass
class ReplParts:
    dispatcher: Dispatcher
    catalogue: TenantCatalogue
    live: LiveUpdates
    completer: ShellCompleter
    lexer: Lexer | None
    above: AboveThePrompt
    block: BlockRunner
    watch: HealthWatch

    def run_text(self, text: str, console: Console) -> bool:
        """Run every command of ``text`` (a typed line or a pasted block); False means leave."""
        return self.block.run_text(text, console)

    def close(self) -> None:
        self.watch.stop()
        self.live.stop()
        self.catalogue.close()


def build_parts(
    session: TenantSession,
    console: Console,
    *,
    confirm: Confirm,
    toolbar: Toolbar,
    app: Callable[[], Application[Any]],
    target: CurrentTarget | None = None,
) -> ReplParts:
    """Build the parts and start their background work: the tenant check, the catalogue load
    and the realtime connection (results are polled for until realtime is up). ``target``:
    where device commands go (``.use`` changes it; the prompt shows it)."""
    color = session.settings.color
    target = target if target is not None else CurrentTarget()
    objects = ObjectModelOnce(user_objects_home())
    own = OwnOperations()
    # --demo: a new simulated tenant at every start, not worth a cache file each time
    catalogue = TenantCatalogue(
        session, history=lambda: _typed_before(session), disk=not session.demo
    )
    live = LiveUpdates(
        session,
        own_ids=lambda: own.ids,
        own_requests=lambda: own.requests,
        announce=session.settings.announce_others,
        device=lambda: target.value.device_id,
    )
    dispatcher = connector_dispatcher(
        session,
        console,
        own=own,
        confirm=confirm,
        feed=live.feed,
        catalogue=catalogue,
        on_operation=(live.announcer.note_own,),
        target=target,
        objects=objects,
        pushed=live.pushes_for,
    )
    completer = ShellCompleter(
        sources=lambda: catalogue,
        operation_ids=lambda: list(own.ids),
        kind=lambda: target.kind,
        objects=objects.get,
        instances=target.instances,
    )
    parts = ReplParts(
        dispatcher=dispatcher,
        catalogue=catalogue,
        live=live,
        completer=completer,
        lexer=_lexer(target) if color else None,
        above=AboveThePrompt(live.announcer, app, color=color),
        block=BlockRunner(session, dispatcher, catalogue, confirm, target=target, objects=objects),
        watch=HealthWatch(  # the tenant back after an outage: reload, reconnect at once
            session, lambda: live.state, on_back=[catalogue.refresh, live.feed.forget, live.wake]
        ),
    )
    toolbar.extra += [catalogue_segment(catalogue), live_segment(live)]
    session.connect_in_background()
    catalogue.start()
    live.start()
    parts.watch.start()
    return parts


def _lexer(target: CurrentTarget) -> Lexer:
    """Highlighting for the current target: the device's commands too once ``.use`` ran."""
    lexers = {
        TargetKind.CONNECTOR: PygmentsLexer(CommandLexer),
        TargetKind.DEVICE: PygmentsLexer(DeviceCommandLexer),
    }
    return DynamicLexer(lambda: lexers[target.kind])


def _typed_before(session: TenantSession) -> Iterable[str]:
    """Command lines of earlier sessions with this tenant (read by the catalogue's thread)."""
    return earlier_commands(history_url(session.url, demo=session.demo), session.tenant_id)
