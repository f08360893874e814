"""Printing announcements above a running prompt without breaking the line being edited.

The realtime thread may not touch the terminal: it asks the prompt's event loop to do it with
``run_in_terminal`` (which hides the prompt, prints, and draws the prompt again with the text
typed so far). While no prompt runs (a command is being waited for), lines stay queued and are
shown as the next prompt starts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from prompt_toolkit.application import Application, run_in_terminal
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.shortcuts import print_formatted_text

from ..live.announce import Announcer
from ..output.safetext import one_line

ANNOUNCE_STYLE = "fg:ansicyan"


class AboveThePrompt:
    def __init__(
        self, announcer: Announcer, app: Callable[[], Application[Any]], *, color: bool = True
    ) -> None:
        self._announcer = announcer
        self._app = app
        self._style = ANNOUNCE_STYLE if color else ""
        announcer.on_pending.append(self.notify)

    def notify(self) -> None:
        """Lines are waiting (called on any thread): have the prompt's loop print them."""
        app = self._app()
        loop = app.loop
        if loop is None or not app.is_running:
            return  # no prompt on screen: ``pre_run`` of the next one shows them
        with contextlib.suppress(RuntimeError):  # the loop just closed: same as above
            loop.call_soon_threadsafe(self._print_above)

    def pre_run(self) -> None:
        """For ``PromptSession.prompt(pre_run=...)``: show what queued while no prompt ran."""
        if self._announcer.pending:
            self._print_above()

    def _print_above(self) -> None:
        run_in_terminal(self._print)

    def _print(self) -> None:
        for line in self._announcer.take():  # safe already; rendering again changes nothing
            print_formatted_text(FormattedText([(self._style, one_line(line))]))
