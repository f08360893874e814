"""The interactive shell: one prompt bound to one tenant until Ctrl-D, ``exit`` or ``.exit``.

The first prompt appears at once: the tenant check runs in the background and its state shows in
the toolbar. Each line (or each line of a paste) is parsed locally; errors never reach the tenant.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory, ThreadedAutoSuggest
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.history import FileHistory
from prompt_toolkit.lexers import PygmentsLexer
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.shortcuts import prompt as ask

from .. import __version__, catalogue_commands  # noqa: F401  (registers .refresh, .devices ...)
from ..catalogue import TenantCatalogue
from ..console import Console
from ..language import ParseError, parse_lines
from ..live.screen import AboveThePrompt
from ..live.service import LiveUpdates
from ..runner import Runner
from ..session import TenantSession
from ..ui.completer import ShellCompleter
from ..ui.history import history_path, tenant_history
from ..ui.lexer import CommandLexer
from ..ui.style import build_style
from ..ui.toolbar import Toolbar, catalogue_segment, live_segment


def confirm(question: str) -> bool:
    try:
        answer = ask(f"{question} [y/N] ")
    except (KeyboardInterrupt, EOFError):
        return False
    return answer.strip().lower() in ("y", "yes")


def prompt_message(session: TenantSession) -> StyleAndTextTuples:
    if session.demo:
        return [("class:prompt.tenant", f"{session.tenant_id or 'demo'}@demo"), ("", "> ")]
    return [("class:prompt.tenant", session.label), ("", "> ")]


def run_repl(args: argparse.Namespace, session: TenantSession) -> int:
    if session.problem is not None:
        raise session.problem
    color = session.settings.color
    console = Console(color=color)
    runner = Runner(session, console, confirm=confirm, wait_timeout=args.timeout)
    toolbar = Toolbar(session)
    catalogue = TenantCatalogue(session, history=lambda: _typed_before(session))
    runner.catalogue = catalogue
    runner.on_operation.append(catalogue.note_operation)
    toolbar.extra.append(catalogue_segment(catalogue))
    live = LiveUpdates(
        session,
        own_ids=lambda: runner.seen_operations,
        own_requests=lambda: runner.own_requests,
        announce=session.settings.announce_others,
    )
    runner.feed = live.feed
    toolbar.extra.append(live_segment(live))
    completer = ShellCompleter(
        sources=lambda: catalogue, operation_ids=lambda: list(runner.seen_operations)
    )
    prompt = PromptSession[str](
        message=lambda: prompt_message(session),
        history=tenant_history(session.url, session.settings.tenant),
        completer=completer,
        complete_while_typing=True,
        complete_in_thread=True,
        auto_suggest=ThreadedAutoSuggest(AutoSuggestFromHistory()),
        lexer=PygmentsLexer(CommandLexer) if color else None,
        style=build_style(),
        include_default_pygments_style=False,
        bottom_toolbar=toolbar,
        refresh_interval=0.5,
        color_depth=None if color else _monochrome(),
    )
    console.note(
        f"lwm2m-shell {__version__} · `help` lists the commands · Tab completes · Ctrl-D exits"
    )
    above = AboveThePrompt(live.announcer, lambda: prompt.app, color=color)
    started = False

    def start_background(_app: object) -> None:
        """Once the first prompt is drawn, start the tenant check, the catalogue and realtime
        in their threads (started earlier they would slow down the first drawing); until
        realtime is up, results are polled for."""
        nonlocal started
        if not started:
            started = True
            session.connect_in_background()
            catalogue.start()
            live.start()

    prompt.app.after_render += start_background
    try:
        while True:
            try:
                text = prompt.prompt(pre_run=above.pre_run)
            except KeyboardInterrupt:
                continue  # Ctrl-C at the prompt clears the line
            except EOFError:
                break
            if not run_text(text, runner, console):
                break
    finally:
        live.stop()
        catalogue.close()
    return 0


def _typed_before(session: TenantSession) -> Iterable[str]:
    """Command lines of earlier sessions with this tenant (read by the catalogue's thread)."""
    path = history_path(session.url, session.settings.tenant)
    return FileHistory(str(path)).load_history_strings()


def run_text(text: str, runner: Runner, console: Console) -> bool:
    """Run every command of ``text`` (a typed line or a pasted block); False means leave."""
    for number, parsed in parse_lines(text):
        if isinstance(parsed, ParseError):
            where = f"line {number}: " if "\n" in text.strip() else ""
            console.error(where + parsed.format())
            continue
        if parsed.spec_name == ".exit":
            return False
        console.outcome(runner.run(parsed))
    return True


def _monochrome() -> ColorDepth:
    return ColorDepth.MONOCHROME
