"""The working parts of the interactive shell, built in the background once the first prompt is
on screen: the runner, the tenant catalogue, live updates, the completer and the lexer.

They bring in the HTTP client, pydantic and the command language, which together cost more
start-up time than prompt_toolkit itself; nobody types fast enough to notice them loading.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.lexers import Lexer, PygmentsLexer

from ..catalogue import TenantCatalogue
from ..commands.runner import Confirm, Runner
from ..connection.session import TenantSession
from ..live.health_watch import HealthWatch
from ..live.service import LiveUpdates
from ..output.console import Console
from ..ui.completer import ShellCompleter
from ..ui.history import earlier_commands
from ..ui.history_key import history_url
from ..ui.lexer import CommandLexer
from ..ui.screen import AboveThePrompt
from ..ui.segments import catalogue_segment, live_segment
from ..ui.toolbar import Toolbar
from .repl_block import BlockRunner


@dataclass
class ReplParts:
    runner: Runner
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
    args: argparse.Namespace,
    session: TenantSession,
    console: Console,
    *,
    confirm: Confirm,
    toolbar: Toolbar,
    app: Callable[[], Application[Any]],
) -> ReplParts:
    """Build the parts and start their background work: the tenant check, the catalogue load
    and the realtime connection (results are polled for until realtime is up)."""
    color = session.settings.color
    runner = Runner(session, console, confirm=confirm, wait_timeout=args.timeout)
    # --demo: a new simulated tenant at every start, not worth a cache file each time
    catalogue = TenantCatalogue(
        session, history=lambda: _typed_before(session), disk=not session.demo
    )
    runner.catalogue = catalogue
    runner.on_operation.append(catalogue.note_operation)
    live = LiveUpdates(
        session,
        own_ids=lambda: runner.seen_operations,
        own_requests=lambda: runner.own_requests,
        announce=session.settings.announce_others,
    )
    runner.feed = live.feed
    runner.on_operation.append(live.announcer.note_own)
    completer = ShellCompleter(
        sources=lambda: catalogue, operation_ids=lambda: list(runner.seen_operations)
    )
    parts = ReplParts(
        runner=runner,
        catalogue=catalogue,
        live=live,
        completer=completer,
        lexer=PygmentsLexer(CommandLexer) if color else None,
        above=AboveThePrompt(live.announcer, app, color=color),
        block=BlockRunner(session, runner, catalogue, confirm),
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


def _typed_before(session: TenantSession) -> Iterable[str]:
    """Command lines of earlier sessions with this tenant (read by the catalogue's thread)."""
    return earlier_commands(history_url(session.url, demo=session.demo), session.tenant_id)
