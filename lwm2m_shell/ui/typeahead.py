"""Ctrl-C pressed right after Enter, before the shell let go of the terminal.

While the prompt owns the terminal, Ctrl-C is a key, not a signal. When Enter and Ctrl-C are read
in one go (a fast hand, a paste, a busy machine), prompt_toolkit accepts the line and keeps the
Ctrl-C as type-ahead for the next prompt: the command would run, deaf to the Ctrl-C that was
meant to stop it, and the next prompt would swallow it. The REPL asks here first and does not run
the line; keys typed after the Ctrl-C stay for the next prompt.
"""

from __future__ import annotations

from prompt_toolkit.buffer import Buffer
from prompt_toolkit.input import Input
from prompt_toolkit.input.typeahead import get_typeahead, store_typeahead
from prompt_toolkit.keys import Keys


def interrupted_ahead(terminal: Input) -> bool:
    """Whether a Ctrl-C waits in the type-ahead of ``terminal`` (it is taken out, with what
    came before it; what came after stays for the next prompt)."""
    keys = get_typeahead(terminal)
    for position, key in enumerate(keys):
        if key.key == Keys.ControlC:
            store_typeahead(terminal, keys[position + 1 :])
            return True
    store_typeahead(terminal, keys)
    return False


class AcceptedLine:
    """The line the prompt accepted, kept until the prompt call returns.

    A Ctrl-C that arrives after Enter, while prompt_toolkit is still letting go of the terminal
    (its own SIGINT handler already removed), escapes the prompt call as KeyboardInterrupt
    instead of returning the line. Without this the REPL would take it for "Ctrl-C clears the
    line" and drop the accepted line without a word; with it the REPL can say it was not run.
    """

    def __init__(self, buffer: Buffer) -> None:
        self._text: str | None = None
        handler = buffer.accept_handler

        def accept(accepted: Buffer) -> bool:
            self._text = accepted.text
            return handler(accepted) if handler is not None else False

        # prompt_toolkit's own object: wrapping its handler where the session is built
        buffer.accept_handler = accept

    def take(self) -> str | None:
        """The accepted line since the last call (None when nothing was accepted)."""
        text, self._text = self._text, None
        return text
