"""Splitting a line into words by POSIX shell quoting rules, keeping character positions.

Single quotes keep everything literally; double quotes keep everything except that a backslash
escapes ``$``, a backtick, ``"``, a backslash or a newline; outside quotes a backslash escapes
any character. Spaces and tabs separate words, and a ``#`` at the start of a word begins a
comment. Nothing is expanded: ``$`` and backticks are ordinary characters here.

The tokenizer never fails: incomplete input (an unclosed quote, a trailing backslash) is
reported in the result, so the same function serves the parser (which rejects it) and
completion or highlighting while the user types (which tolerate it).
"""

from __future__ import annotations

from dataclasses import dataclass

WORD_SEPARATORS = frozenset(" \t")
_DOUBLE_QUOTE_ESCAPABLE = frozenset('$`"\\\n')


@dataclass(frozen=True)
class Token:
    """One word: ``value`` after quote removal; ``start``/``end`` its raw span in the line."""

    value: str
    start: int
    end: int
    quoted: bool = False  # some part of it was quoted or backslash-escaped


@dataclass(frozen=True)
class Tokenized:
    tokens: tuple[Token, ...]
    comment_start: int | None = None  # offset of the '#' that starts a comment
    open_quote: str | None = None  # the quote character left open at the end of the line
    open_quote_at: int | None = None  # its offset
    trailing_backslash_at: int | None = None  # offset of a backslash with nothing after it

    @property
    def complete(self) -> bool:
        return self.open_quote is None and self.trailing_backslash_at is None


def tokenize(line: str) -> Tokenized:
    """Split ``line`` into tokens; see the module docstring for the rules."""
    tokens: list[Token] = []
    n = len(line)
    i = 0
    while True:
        while i < n and line[i] in WORD_SEPARATORS:
            i += 1
        if i >= n:
            return Tokenized(tuple(tokens))
        if line[i] == "#":
            return Tokenized(tuple(tokens), comment_start=i)
        start = i
        parts: list[str] = []
        quoted = False
        while i < n and line[i] not in WORD_SEPARATORS:
            char = line[i]
            if char == "'":
                quoted = True
                close = line.find("'", i + 1)
                if close < 0:
                    parts.append(line[i + 1 :])
                    tokens.append(Token("".join(parts), start, n, True))
                    return Tokenized(tuple(tokens), open_quote="'", open_quote_at=i)
                parts.append(line[i + 1 : close])
                i = close + 1
            elif char == '"':
                quoted = True
                opened_at = i
                i, closed = _read_double_quoted(line, i + 1, parts)
                if not closed:
                    tokens.append(Token("".join(parts), start, n, True))
                    return Tokenized(tuple(tokens), open_quote='"', open_quote_at=opened_at)
            elif char == "\\":
                quoted = True
                if i + 1 >= n:
                    tokens.append(Token("".join(parts), start, n, True))
                    return Tokenized(tuple(tokens), trailing_backslash_at=i)
                if line[i + 1] != "\n":  # backslash-newline joins lines
                    parts.append(line[i + 1])
                i += 2
            else:
                parts.append(char)
                i += 1
        tokens.append(Token("".join(parts), start, i, quoted))


def _read_double_quoted(line: str, i: int, parts: list[str]) -> tuple[int, bool]:
    """Read after an opening ``"``; return the offset after the closing quote, and whether found."""
    n = len(line)
    while i < n:
        char = line[i]
        if char == '"':
            return i + 1, True
        if char == "\\" and i + 1 < n and line[i + 1] in _DOUBLE_QUOTE_ESCAPABLE:
            if line[i + 1] != "\n":
                parts.append(line[i + 1])
            i += 2
            continue
        parts.append(char)
        i += 1
    return n, False


def needs_quoting(value: str) -> bool:
    """Whether ``value`` would not come back unchanged as one word when written as is."""
    if not value or value.startswith("#"):
        return True
    return any(char in WORD_SEPARATORS or char in "'\"\\\n" for char in value)


def quote(value: str) -> str:
    """``value`` written so that ``tokenize`` reads it back as exactly one word."""
    if not needs_quoting(value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"
