"""Ctrl-C pressed right after Enter, before the shell let go of the terminal.

While the prompt owns the terminal, Ctrl-C is a key, not a signal. When Enter and Ctrl-C are read
in one go (a fast hand, a paste, a busy machine), prompt_toolkit accepts the line and keeps the
Ctrl-C as type-ahead for the next prompt: the command would run, deaf to the Ctrl-C that was
meant to stop it, and the next prompt would swallow it. The REPL asks here first and does not run
the line; keys typed after the Ctrl-C stay for the next prompt.
"""

from __future__ import annotations

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
