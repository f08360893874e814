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
from prompt_toolkit.history import FileHistory
from prompt_toolkit.lexers import Lexer, PygmentsLexer

from ..catalogue import TenantCatalogue
from ..console import Console
from ..exit_codes import ExitCode
from ..language import ParseError, parse_lines
from ..live.screen import AboveThePrompt
from ..live.service import LiveUpdates
from ..runner import Confirm, Runner
from ..session import TenantSession
from ..ui.completer import ShellCompleter
from ..ui.history import history_path
from ..ui.lexer import CommandLexer
from ..ui.segments import catalogue_segment, live_segment
from ..ui.toolbar import Toolbar


@dataclass
class ReplParts:
    runner: Runner
    catalogue: TenantCatalogue
    live: LiveUpdates
    completer: ShellCompleter
    lexer: Lexer | None
    above: AboveThePrompt

    def run_text(self, text: str, console: Console) -> bool:
        """Run every command of ``text`` (a typed line or a pasted block); False means leave."""
        for number, parsed in parse_lines(text):
            if isinstance(parsed, ParseError):
                where = f"line {number}: " if "\n" in text.strip() else ""
                console.error(where + parsed.format())
                continue
            if parsed.spec_name == ".exit":
                return False
            outcome = self.runner.run(parsed)
            console.outcome(outcome)
            if outcome.exit_code is ExitCode.INTERRUPTED:
                break  # Ctrl-C: nothing more of this paste is sent
        return True

    def close(self) -> None:
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
    catalogue = TenantCatalogue(session, history=lambda: _typed_before(session))
    runner.catalogue = catalogue
    runner.on_operation.append(catalogue.note_operation)
    live = LiveUpdates(
        session,
        own_ids=lambda: runner.seen_operations,
        own_requests=lambda: runner.own_requests,
        announce=session.settings.announce_others,
    )
    runner.feed = live.feed
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
    )
    toolbar.extra += [catalogue_segment(catalogue), live_segment(live)]
    session.connect_in_background()
    catalogue.start()
    live.start()
    return parts


def _typed_before(session: TenantSession) -> Iterable[str]:
    """Command lines of earlier sessions with this tenant (read by the catalogue's thread)."""
    path = history_path(session.url, session.settings.tenant)
    return FileHistory(str(path)).load_history_strings()
