"""Shell completion scripts for the ``lwm2m-shell`` command line (bash, zsh, fish).

Each script is generated from the command line's parser (passed in) and the command set, so it
offers exactly the options and commands the program has. ``completions/`` holds the generated
files (``python -m lwm2m_shell.docgen`` writes them); ``lwm2m-shell --completions SHELL`` prints
the same text. Profile names are not baked in: the scripts ask ``lwm2m-shell --list-profiles``
when completing the value of ``--profile``.

``cli`` imports this module lazily, for ``--completions``: it must stay free of heavy libraries.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from . import bash, fish, zsh
from .options import CliOption, cli_options, command_words

SHELLS = ("bash", "zsh", "fish")
SCRIPT_NAMES = {"bash": "lwm2m-shell.bash", "zsh": "_lwm2m-shell", "fish": "lwm2m-shell.fish"}

Renderer = Callable[[Sequence[CliOption], Sequence[tuple[str, str]]], str]
_RENDERERS: dict[str, Renderer] = {"bash": bash.render, "zsh": zsh.render, "fish": fish.render}


def render(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (one of ``SHELLS``) of the command line ``parser``."""
    try:
        renderer = _RENDERERS[shell]
    except KeyError:
        raise ValueError(
            f"no completion for {shell!r}: choose one of {', '.join(SHELLS)}"
        ) from None
    return renderer(cli_options(parser), command_words())
