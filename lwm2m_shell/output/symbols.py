"""The shell's symbols, and their ASCII stand-ins for an output that cannot show them.

Chosen once, at start: when stdout or stderr cannot encode the symbols (``PYTHONIOENCODING=ascii``,
``LC_ALL=C`` without UTF-8 mode, an old terminal), ``SYMBOLS`` holds ASCII ones and
``protect_streams`` wraps both streams so that every line written to them is translated (the
symbols of the whole shell, in one table here) and anything else that cannot be encoded (the
tenant's text) is written as a backslash escape: an encoding never ends the shell.
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from typing import Any, TextIO


@dataclass(frozen=True)
class Symbols:
    dot: str = "●"
    circle: str = "○"
    check: str = "✔"
    cross: str = "✘"
    sep: str = "·"
    ellipsis: str = "…"
    bolt: str = "⚡"
    arrow: str = "»"
    spinner: str = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


ASCII_SYMBOLS = Symbols(
    dot="*",
    circle="o",
    check="+",
    cross="x",
    sep="-",
    ellipsis="...",
    bolt="~",
    arrow=">>",
    spinner="|/-\\",
)

# Every non-ASCII character the shell itself writes, and what it becomes on an ASCII output.
_TABLE = {
    **{ord(c): a for c, a in zip(Symbols.spinner, "|/-\\|/-\\|/", strict=True)},
    ord("●"): "*",
    ord("○"): "o",
    ord("✔"): "+",
    ord("✘"): "x",
    ord("·"): "-",
    ord("…"): "...",
    ord("⚡"): "~",
    ord("»"): ">>",
    ord("«"): "<<",
    ord("→"): "->",
    ord("←"): "<-",
    ord("—"): "-",
    ord("–"): "-",
    ord("‘"): "'",
    ord("’"): "'",
    ord("“"): '"',
    ord("”"): '"',
    ord("─"): "-",
    ord("│"): "|",
    ord("⏎"): "<Enter>",
}


def can_encode(stream: Any, text: str = "●✔✘·…⚡⠋") -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        codecs.lookup(encoding)
        text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def to_ascii(text: str) -> str:
    """The shell's symbols as ASCII; other non-ASCII characters as backslash escapes."""
    translated = text.translate(_TABLE)
    if translated.isascii():
        return translated
    return translated.encode("ascii", "backslashreplace").decode("ascii")


def fits(text: str) -> str:
    """``text`` as it can be shown on this output (unchanged when the output takes Unicode)."""
    return text if SYMBOLS is not ASCII_SYMBOLS else to_ascii(text)


class AsciiStream:
    """A text stream that writes the ASCII form of what it is given (see ``to_ascii``)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(to_ascii(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, buffer ...
        return getattr(self._stream, name)


def _choose() -> Symbols:
    return Symbols() if can_encode(sys.stdout) and can_encode(sys.stderr) else ASCII_SYMBOLS


SYMBOLS = _choose()


def protect_streams() -> None:
    """On an output that cannot take the symbols: translate and escape everything written to
    stdout and stderr (called once, at start)."""
    if SYMBOLS is not ASCII_SYMBOLS:
        return
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, AsciiStream):
            setattr(sys, name, AsciiStream(stream))
