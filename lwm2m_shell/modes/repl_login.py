"""A TFA code asked right after the first prompt appears (issue 20).

When the password is known (``C8Y_PASSWORD``, a profile), the shell starts at once and the
tenant check logs in in the background. If the tenant then wants a TFA code, waiting for the
first command would leave the user typing the code at the shell prompt. Instead, the prompt gives
way (whatever was typed on it is kept and put back), the code is asked on the terminal as a hidden
prompt, and the check runs again. Nothing typed at a login prompt goes to the history.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..connection.session import LoginRequired, SessionError, TenantSession, TfaRequired

if TYPE_CHECKING:
    from prompt_toolkit.application import Application

    from ..output.console import Console

# What ``PromptSession.prompt`` returns when the prompt gave way to a login (compared with `is`).
LOG_IN = "\x00log in\x00"


class LoginAtPrompt:
    def __init__(self, session: TenantSession, app: Callable[[], Application[str]]) -> None:
        self.session = session
        self.app = app
        self.wanted = threading.Event()  # a TFA code must be asked before the next prompt
        self.kept = ""  # what was typed on the prompt line it took over

    def on_failed(self, error: SessionError) -> None:
        """Called on the checking thread when the tenant check fails."""
        if not isinstance(error, TfaRequired) or self.session.prompter is None:
            return
        self.wanted.set()
        app = self.app()
        if not app.is_running or app.loop is None:
            return  # a command runs, or another question is asked: done before the next prompt
        app.loop.call_soon_threadsafe(self._give_way, app)

    def _give_way(self, app: Application[str]) -> None:
        if app.is_running and not app.is_done:
            self.kept = app.current_buffer.text
            app.exit(result=LOG_IN)

    def ask(self, console: Console) -> None:
        """Ask for the TFA code (hidden) on the terminal, then check the tenant again in the
        background. A refused code is one line; the next command asks again."""
        self.wanted.clear()
        if not isinstance(self.session.error, TfaRequired):
            return  # a command has logged in meanwhile (it asked for the code itself)
        try:
            self.session.relogin("a TFA code is needed")
        except LoginRequired as error:
            console.error(str(error))
            return
        except KeyboardInterrupt:
            console.note("no TFA code given: it is asked for with the next command")
            return
        threading.Thread(
            target=self.session.retry_connect, name="tenant-check", daemon=True
        ).start()
