"""Fitting text into a width without cutting a word in half (for the toolbar).

Widths are terminal columns, measured as ``output.safetext`` measures them (``display_width``):
an East Asian wide character takes two, a combining mark none. The text is already rendered
(``one_line``), so it holds no control character to measure.
"""

from __future__ import annotations

from prompt_toolkit.formatted_text import StyleAndTextTuples

from ..output.safetext import ELLIPSIS, char_width, display_width

_ELLIPSIS_WIDTH = display_width(ELLIPSIS)


def cut_words(text: str, limit: int) -> str:
    """``text`` when it fits in ``limit`` columns, else its words that fit, then "…"."""
    if display_width(text) <= limit:
        return text
    room = max(limit - _ELLIPSIS_WIDTH, 0)
    cut = _widest_prefix(text, room)
    rest = text[len(cut) :]
    if rest and not rest[0].isspace():  # the last word does not fit whole: drop it
        space = cut.rfind(" ")
        cut = cut[:space] if space > 0 else cut
    return cut.rstrip().rstrip(" ·:;,") + ELLIPSIS


def _widest_prefix(text: str, columns: int) -> str:
    """The longest start of ``text`` that takes at most ``columns`` columns."""
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > columns:
            return text[:index]
    return text


def fit_parts(parts: StyleAndTextTuples, columns: int) -> StyleAndTextTuples:
    """The toolbar's parts cut at a word boundary so that they fit in ``columns``."""
    fitted: StyleAndTextTuples = []
    used = 0
    for style, text, *rest in parts:
        width = display_width(text)
        if used + width <= columns:
            fitted.append((style, text, *rest))  # type: ignore[arg-type]
            used += width
            continue
        room = columns - used
        if room > _ELLIPSIS_WIDTH + 3:
            fitted.append((style, cut_words(text, room)))
        break
    return fitted
