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
    """The toolbar's parts fitted into ``columns``, each cut at a word boundary.

    The widest parts give up their room first (a long error must not push the short states
    after it off the line): every part is cut to the largest common width that lets them all
    fit. Only when even ``MIN_PART`` columns each are too many are the last parts dropped.
    """
    widths = [display_width(text) for _, text, *_ in parts]
    if sum(widths) <= columns:
        return list(parts)
    cap = _common_cap(widths, columns)
    capped: StyleAndTextTuples = [
        part if width <= cap else (part[0], cut_words(part[1], cap))
        for part, width in zip(parts, widths, strict=True)
    ]
    return _drop_tail(capped, columns)


MIN_PART = 12  # columns a cut part keeps at least ("· ✘ cannot…")


def _common_cap(widths: list[int], columns: int) -> int:
    """The largest width w >= MIN_PART with sum(min(width, w)) <= columns, else MIN_PART."""
    low, high = MIN_PART, max(widths)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(width, middle) for width in widths) <= columns:
            low = middle
        else:
            high = middle - 1
    return low


def _drop_tail(parts: StyleAndTextTuples, columns: int) -> StyleAndTextTuples:
    """``parts`` up to the one that no longer fits (cut when there is room for some words)."""
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
