"""Keys typed while no prompt reads them reach the next prompt as they were typed (Ctrl-D too).

Between two prompts (a command runs, or the shell is on its way from one prompt to the next)
and while a line is printed above the prompt (prompt_toolkit's ``run_in_terminal``), the
terminal used to be in its ordinary "cooked" mode. There the tty's line discipline handles keys
before anyone reads them: Ctrl-D becomes an end-of-file for a reader that is not reading, and
the next prompt read a NUL byte (Ctrl-Space) in its place. A Ctrl-D pressed right after Enter,
or while a log line or a live update was printed, did not leave the shell.

So for as long as the REPL runs, the terminal stays out of canonical mode: what is typed waits
byte for byte for the next prompt, and is not echoed into a command's output (the next prompt
shows it). Signals stay on between prompts: Ctrl-C still interrupts a command. A password or
TFA code is asked (``getpass``) in the ordinary mode again: ``cooked_for_getpass``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.input import Input

if sys.platform != "win32":
    import termios

    from prompt_toolkit.input.vt100 import Vt100Input, cooked_mode, raw_mode

    class keys_kept(raw_mode):
        """No canonical mode, no echo; signals, flow control and Enter as they were."""

        @classmethod
        def _patch_lflag(cls, attrs: int) -> int:
            return attrs & ~(termios.ICANON | termios.ECHO | termios.IEXTEN)

        @classmethod
        def _patch_iflag(cls, attrs: int) -> int:
            return attrs

    class KeysKeptInput(Vt100Input):
        """prompt_toolkit's terminal input, except that printing above a running prompt
        (``run_in_terminal``) leaves the terminal raw instead of making it cooked: a key
        pressed meanwhile is read by the prompt once the line is printed."""

        def cooked_mode(self) -> AbstractContextManager[None]:
            return keys_kept(self.stdin.fileno())


def keys_kept_input() -> Input | None:
    """The input for the REPL's prompts when they read a terminal; None (prompt_toolkit's
    default) otherwise, e.g. a pipe input in tests."""
    if sys.platform == "win32":  # pragma: no cover - the console has no line discipline
        return None
    current = get_app_session().input
    if type(current) is not Vt100Input:
        return None
    return KeysKeptInput(current.stdin)


@contextmanager
def kept_between_prompts(terminal: Input | None) -> Iterator[None]:
    """The terminal of ``terminal`` out of canonical mode until the block ends."""
    if sys.platform == "win32" or not isinstance(terminal, KeysKeptInput):
        yield
        return
    with keys_kept(terminal.fileno()):
        yield


@contextmanager
def cooked_for_getpass() -> Iterator[None]:
    """The terminal in its ordinary mode for a ``getpass`` (line editing, Ctrl-D = no answer)."""
    if sys.platform == "win32" or sys.stdin is None or not sys.stdin.isatty():
        yield
        return
    with cooked_mode(sys.stdin.fileno()):
        yield
