"""The one output boundary for text that comes from the tenant.

Agent results, failure reasons, error bodies, device names, endpoints: any of them may carry
terminal control sequences (ESC/CSI/OSC), carriage returns, C1 controls or bidi overrides that
would retitle the window, clear or hide text, write the clipboard or reorder what is shown.
Everything the shell writes passes one of these functions first, so such characters are shown,
never obeyed.

Rendering (one style throughout): a dangerous character becomes ``\\u`` and its four hex digits
(``\\U`` and eight for the few above U+FFFF), e.g. ESC -> ``\\u001b``, a lone CR -> ``\\u000d``,
CSI -> ``\\u009b``, RIGHT-TO-LEFT OVERRIDE -> ``\\u202e``. A CR right before a LF is dropped
(Windows line ends). ``safe_text`` keeps newlines and tabs; ``one_line`` renders them too (for
menus, table cells, the toolbar and status lines). Both are idempotent: rendered text contains
no dangerous character, so rendering it again changes nothing.

``clip`` cuts to a display width after rendering, only between rendered characters (never inside
an escape), counting East Asian wide characters as two columns and combining marks as none.

``dumps`` serialises JSON with every dangerous character escaped (``json.dumps`` with
``ensure_ascii=False`` escapes only C0 controls): the values stay exact for a JSON reader.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

ELLIPSIS = "…"

# Invisible or reordering characters shown visibly besides C0/DEL/C1 (the reason in brackets):
_FORMAT = (
    "\u061c"  # ARABIC LETTER MARK (bidi)
    "\u180e"  # MONGOLIAN VOWEL SEPARATOR (invisible)
    "\u200b\u200e\u200f"  # ZERO WIDTH SPACE, LRM, RLM (invisible, bidi)
    "\u2028\u2029"  # LINE / PARAGRAPH SEPARATOR (line breaks in some viewers)
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # WORD JOINER, invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\u206a-\u206f"  # deprecated format characters
    "\ufeff"  # ZERO WIDTH NO-BREAK SPACE / BOM
    "\ufff9-\ufffb"  # interlinear annotation controls
    "\ud800-\udfff"  # lone surrogates (cannot even be encoded for output)
    "\U000e0000-\U000e007f"  # tag characters (invisible ASCII look-alikes)
)
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# What safe_text renders (newline and tab pass); what one_line renders (they do not).
_DANGEROUS = re.compile(f"\r\n|[{_CONTROLS}\r{_FORMAT}]")
_DANGEROUS_LINE = re.compile(f"\r\n|[{_CONTROLS}\r\n\t{_FORMAT}]")
_NOT_WORD = re.compile(f"[{_CONTROLS}\\s{_FORMAT}]")
_JSON_ESCAPE = re.compile(f"[\x7f-\x9f{_FORMAT}]")


def escape_char(char: str) -> str:
    """The visible form of one character: ``\\u001b`` (``\\U000e0041`` above U+FFFF)."""
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _render(match: re.Match[str], *, keep_newline: bool) -> str:
    found = match.group()
    if found == "\r\n":
        return "\n" if keep_newline else escape_char("\n")
    return escape_char(found)


def safe_text(text: object) -> str:
    """``text`` with every dangerous character rendered visibly; newlines and tabs kept."""
    value = text if isinstance(text, str) else str(text)
    return _DANGEROUS.sub(lambda m: _render(m, keep_newline=True), value)


def one_line(text: object) -> str:
    """Like ``safe_text``, and newlines and tabs rendered too: the result is one line."""
    value = text if isinstance(text, str) else str(text)
    return _DANGEROUS_LINE.sub(lambda m: _render(m, keep_newline=False), value)


def is_plain(text: str) -> bool:
    """Whether ``text`` is a single line that rendering would leave as it is."""
    return _DANGEROUS_LINE.search(text) is None


def is_word(text: str) -> bool:
    """Whether ``text`` is one non-empty word that rendering would leave as it is."""
    return bool(text) and _NOT_WORD.search(text) is None


def char_width(char: str) -> int:
    """Columns a terminal gives one (rendered, hence printable) character: 0, 1 or 2."""
    if " " <= char <= "~":
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns of a rendered single line."""
    if text.isascii() and text.isprintable():  # the common case: one column a character
        return len(text)
    return sum(char_width(char) for char in text)


def _units(text: str) -> list[str]:
    """``one_line(text)`` as pieces that must not be split: one escape or one character."""
    units: list[str] = []
    position = 0
    for match in _DANGEROUS_LINE.finditer(text):
        units.extend(text[position : match.start()])
        units.append(_render(match, keep_newline=False))
        position = match.end()
    units.extend(text[position:])
    return units


def clip(text: object, width: int) -> str:
    """``one_line(text)`` cut to at most ``width`` columns, with ``…`` where it was cut."""
    value = text if isinstance(text, str) else str(text)
    if value.isascii() and value.isprintable():  # nothing to render, one column a character
        if len(value) <= width:
            return value
        return value[: max(0, width - 1)] + ELLIPSIS if width > 0 else ""
    if is_plain(value) and display_width(value) <= width:  # fits as it is
        return value
    units = _units(value)
    widths = [display_width(unit) for unit in units]
    if sum(widths) <= width:
        return "".join(units)
    room = max(0, width - 1)
    kept: list[str] = []
    used = 0
    for unit, columns in zip(units, widths, strict=True):
        if used + columns > room:
            break
        kept.append(unit)
        used += columns
    return "".join(kept) + ELLIPSIS if width > 0 else ""


def pad(text: str, width: int) -> str:
    """A rendered single line padded with spaces to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))


def dumps(value: Any) -> str:
    """JSON text of ``value`` in which no control, bidi or invisible format character is raw."""
    text = json.dumps(value, ensure_ascii=False)
    # Outside strings JSON text is ASCII without controls, so each hit is inside a string.
    return _JSON_ESCAPE.sub(lambda m: _json_escape(m.group()), text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON spells characters above U+FFFF as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
