"""Which line of a TOML text sets a key: for error messages that point at ``file, line N``.

A small line scanner, not a TOML parser: the text was parsed already (by ``tomllib``); this
only finds the place again, so a message can name the line the user has to fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"[^\"]*\"|'[^']*'"
_DOTTED = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_TABLE = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_ARRAY_TABLE = re.compile(r"^\s*\[\[")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(rf"\"([^\"]*)\"|'([^']*)'|({_BARE})")


def where(path: Path, line: int | None) -> str:
    """``path, line N``, or the path alone when the line is not known."""
    return f"{path}, line {line}" if line else str(path)


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None) for m in _PART.finditer(dotted))


def locate(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line (1-based) of the TOML text that sets the key at ``loc``, or of its closest
    enclosing table or inline table; None when nothing matches."""
    wanted = tuple(str(part) for part in loc if not isinstance(part, int))
    table: tuple[str, ...] = ()
    best: int | None = None
    best_depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if _ARRAY_TABLE.match(line):
            table = ("\0",)  # arrays of tables are not part of our format
            continue
        header = _TABLE.match(line)
        if header:
            table = _split(header.group(1))
            path = table
        else:
            assign = _ASSIGN.match(line)
            if not assign:
                continue
            path = table + _split(assign.group(1))
        if path == wanted:
            return number
        if best_depth < len(path) <= len(wanted) and wanted[: len(path)] == path:
            best, best_depth = number, len(path)
    return best
