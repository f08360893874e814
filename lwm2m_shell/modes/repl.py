"""The interactive shell: one prompt bound to one tenant until Ctrl-D, ``exit`` or ``.exit``.

The first prompt is drawn before anything else happens: this module imports only prompt_toolkit
and light parts of ours. Once it is on screen, a thread builds the working parts (``repl_parts``:
dispatcher, catalogue, live updates, completer, lexer), which start the tenant check and the
loads. Completion and highlighting join in as soon as they are there; a line entered
before that (hardly possible for a person) waits for them. Each line, or each line of a paste, is
parsed locally; errors never reach the tenant.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory, ThreadedAutoSuggest
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import DynamicLexer, Lexer
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.shortcuts import prompt as ask

from .. import __version__
from ..commands.interrupts import describe_failure
from ..commands.target import CONNECTOR, CurrentTarget, Target
from ..connection.session import TenantSession
from ..output.console import Console
from ..output.logs import route_echo
from ..output.safetext import clip
from ..ui.bound_history import BoundHistory
from ..ui.history_key import history_url
from ..ui.keys_kept import kept_between_prompts, keys_kept_input
from ..ui.log_echo import AboveThePromptHandler
from ..ui.style import build_style
from ..ui.tab import InFlight, tab_bindings
from ..ui.toolbar import RedrawOnChange, Toolbar
from ..ui.typeahead import AcceptedLine, interrupted_ahead
from .leave_signals import Leaving, leave_on_signals
from .repl_login import LOG_IN, LoginAtPrompt

if TYPE_CHECKING:
    from .repl_parts import ReplParts


def confirm(question: str) -> bool:
    try:
        answer = ask(f"{clip(question, 400)} [y/N] ")
    except (KeyboardInterrupt, EOFError):
        return False
    return answer.strip().lower() in ("y", "yes")


NOT_RUN = "interrupted: the line was not run, nothing was sent"  # Ctrl-C right after Enter
TARGET_WIDTH = 40  # characters of a device's endpoint or name shown in the prompt


def prompt_message(session: TenantSession, target: Target = CONNECTOR) -> StyleAndTextTuples:
    """``t123@host> ``; on a device ``t123@host urn:imei:…> ``."""
    if session.demo:
        tenant = clip(session.tenant_id or "demo", 40)
        where = [("class:prompt.tenant", f"{tenant}@demo")]
    else:
        where = [("class:prompt.tenant", clip(session.label, 80))]
    if target.is_device:
        shown = target.label or target.name or target.device_id or ""
        where.append(("class:prompt.target", " " + clip(shown, TARGET_WIDTH)))
    return [*where, ("", "> ")]


class Background:
    """Builds the working parts in a thread of its own, once; ``parts()`` waits for them."""

    def __init__(self, build: Callable[[], ReplParts]) -> None:
        self._build = build
        self._parts: ReplParts | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="shell-parts", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            self._parts = self._build()
        except BaseException as error:  # handed to the main thread by parts()
            self._error = error
        finally:
            self._done.set()

    @property
    def ready(self) -> ReplParts | None:
        """The parts when they are built, else None (never waits)."""
        return self._parts if self._done.is_set() else None

    def follow_target(self) -> None:
        """The shell points at another device: live updates follow (once they run)."""
        parts = self.ready
        if parts is not None:
            parts.live.follow_target()

    def parts(self) -> ReplParts:
        self.start()
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._parts is not None
        return self._parts

    def close(self) -> None:
        if self._thread is not None:
            self.parts().close()


class PartsCompleter(Completer):
    """The shell's completer once the parts are built. Completion runs in a thread of its own
    (``complete_in_thread``), so a Tab pressed while they still load waits there, never in the
    prompt's loop, and still gets every candidate."""

    def __init__(self, background: Background) -> None:
        self.background = background
        self.in_flight = InFlight()  # so that Tab knows whether the menu is complete

    def get_completions(self, document: Document, event: CompleteEvent) -> Iterator[Completion]:
        with self.in_flight:
            try:
                completer = self.background.parts().completer
            except Exception:  # the parts failed to build: the next command reports it
                return
            yield from completer.get_completions(document, event)


def run_repl(session: TenantSession, target: Target | None = None) -> int:
    """The shell, on the connector or (``--device``) on one LWM2M device."""
    if session.problem is not None:
        raise session.problem
    current = CurrentTarget(
        target if target is not None else CONNECTOR,
        on_change=[lambda _target: background.follow_target()],  # its results pushed too
    )
    color = session.settings.color
    console = Console(color=color)
    echoes = route_echo(AboveThePromptHandler)  # -v, or a log file on the terminal
    toolbar = Toolbar(session)
    prompt: PromptSession[str]

    def build() -> ReplParts:
        from .repl_parts import build_parts

        parts = build_parts(
            session,
            console,
            confirm=confirm,
            toolbar=toolbar,
            app=lambda: prompt.app,
            target=current,
        )
        prompt.app.invalidate()  # highlight what was typed meanwhile
        return parts

    background = Background(build)

    def lexer() -> Lexer | None:
        parts = background.ready
        return parts.lexer if parts else None

    completer = PartsCompleter(background)
    history = BoundHistory(history_url(session.url, demo=session.demo), console.warn)
    session.on_ready.append(lambda identity: history.bind(identity.tenant_id))
    if session.identity is not None:
        history.bind(session.identity.tenant_id)
    login = LoginAtPrompt(session, lambda: prompt.app)
    session.on_failed.append(login.on_failed)
    terminal = keys_kept_input()  # None: prompt_toolkit's default (not a terminal)
    prompt = PromptSession[str](
        message=lambda: prompt_message(session, current.value),
        history=history,
        completer=completer,
        key_bindings=tab_bindings(completer, completer.in_flight, DEFAULT_BUFFER),
        complete_while_typing=True,
        complete_in_thread=True,
        auto_suggest=ThreadedAutoSuggest(AutoSuggestFromHistory()),
        lexer=DynamicLexer(lexer),
        style=build_style(),
        include_default_pygments_style=False,
        bottom_toolbar=toolbar,  # redrawn when it changes (RedrawOnChange), not on a timer
        color_depth=None if color else ColorDepth.MONOCHROME,
        input=terminal,
    )
    console.note(
        f"lwm2m-shell {__version__} · `help` lists the commands · Tab completes · Ctrl-D exits"
    )
    prompt.app.after_render += lambda _app: background.start()
    accepted = AcceptedLine(prompt.default_buffer)
    redraw = RedrawOnChange(toolbar, lambda: prompt.app)
    redraw.start()

    def pre_run() -> None:
        parts = background.ready
        if parts is not None:
            parts.above.pre_run()

    code = 0
    try:
        with leave_on_signals(), kept_between_prompts(terminal):  # keys typed ahead stay keys
            typed = ""  # what was on the prompt line when a login question took it over
            while True:
                if login.wanted.is_set():
                    login.ask(console)
                try:
                    text = prompt.prompt(pre_run=pre_run, default=typed)
                except KeyboardInterrupt:
                    typed = ""
                    if accepted.take() is not None:  # Enter, then Ctrl-C before the prompt returned
                        console.error(NOT_RUN)
                    continue  # Ctrl-C at the prompt clears the line
                except EOFError:
                    break
                accepted.take()
                typed = ""
                if text is LOG_IN:  # the prompt gave way to a login question
                    typed = login.kept
                    continue
                if interrupted_ahead(prompt.app.input):  # Ctrl-C right after Enter: not run
                    console.error(NOT_RUN)
                    continue
                for echo in echoes:  # log lines the ended prompt had no time to print
                    echo.flush()
                try:
                    if not background.parts().run_text(text, console):
                        break
                except KeyboardInterrupt:
                    console.error("interrupted")
                except Exception as error:  # nothing ends the shell but the operator
                    console.error(f"`{text.strip()[:80]}` failed: {describe_failure(error)}")
    except Leaving as leaving:  # SIGTERM or SIGHUP: leave as Ctrl-D does, with its exit code
        code = leaving.exit_code
    finally:
        redraw.stop()
        background.close()
        history.bind_unbound(session.tenant_id)  # the check never ended: keyed as configured
    return code
