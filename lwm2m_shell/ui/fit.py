"""Fitting text into a width without cutting a word in half (for the toolbar)."""

from __future__ import annotations

from prompt_toolkit.formatted_text import StyleAndTextTuples

ELLIPSIS = "…"


def cut_words(text: str, limit: int) -> str:
    """``text`` when it fits in ``limit`` characters, else its words that fit, then "…"."""
    if len(text) <= limit:
        return text
    room = max(limit - len(ELLIPSIS), 0)
    cut = text[: room + 1].rstrip()
    if len(cut) > room:  # the last word does not fit whole: drop it
        space = cut.rfind(" ", 0, room + 1)
        cut = cut[:space].rstrip() if space > 0 else cut[:room]
    return cut.rstrip(" ·:;,") + ELLIPSIS


def fit_parts(parts: StyleAndTextTuples, columns: int) -> StyleAndTextTuples:
    """The toolbar's parts cut at a word boundary so that they fit in ``columns``."""
    fitted: StyleAndTextTuples = []
    used = 0
    for style, text, *rest in parts:
        if used + len(text) <= columns:
            fitted.append((style, text, *rest))  # type: ignore[arg-type]
            used += len(text)
            continue
        room = columns - used
        if room > len(ELLIPSIS) + 3:
            fitted.append((style, cut_words(text, room)))
        break
    return fitted
