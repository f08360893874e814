"""Paste clean-up: turn a line copied from the documentation into the command it shows.

Operators paste from the rendered doc page or its Markdown source, so a line may carry a list
bullet, a label (``Example usage:``, ``Syntax:``), backticks around the command, a trailing
``: explanation``, a shell prompt (``$ ``) or non-breaking spaces. Every step only trims the line
or swaps one space character for another, so the cleaned command is always one stretch of the
original line: ``pasted_command_span`` gives that stretch for highlighting.

Placeholders (``<endpoint_ID>``) and syntax notation (``[-d ID...]``, ``|``) are recognised here
too, so the parser can refuse to send them and say what to write instead.
"""

from __future__ import annotations

import re
import unicodedata

from .command_set import find_command
from .device_commands import find_device_command, takes_free_text

_SPACES = " \t"
_TRAILING = " \t\r\n"
_LEADING_MARKER = re.compile(
    r"(?:[$>*\-•+]|\d{1,3}[.)])[ \t]+"  # shell prompt, bullet, numbered list item
    r"|(?:example\s+usages?|examples?|usage|syntax)[ \t]*:[ \t]*",  # a label
    re.IGNORECASE,
)
_CODE_FENCE = re.compile(r"(?:`{3,}|~{3,})[\w+.-]*")
_BACKTICK_RUN = re.compile(r"`+")
_PLACEHOLDER = re.compile(r"<[^<>\s]*>")
_MAX_ROUNDS = 8


def normalize_spaces(line: str) -> str:
    """Every Unicode space separator (no-break spaces included) becomes a plain space."""
    if line.isascii():
        return line
    return "".join(
        " " if char != " " and unicodedata.category(char) == "Zs" else char for char in line
    )


def pasted_command_span(line: str) -> tuple[int, int]:
    """The stretch ``line[start:end]`` that holds the command once the paste is cleaned up."""
    text = normalize_spaces(line)
    start, end = 0, len(text)
    for _ in range(_MAX_ROUNDS):
        new_start, new_end = _clean_once(text, start, end)
        if (new_start, new_end) == (start, end):
            break
        start, end = new_start, new_end
    return start, end


def clean_pasted_line(line: str) -> str:
    """The command a pasted line shows, with the paste decoration removed."""
    start, end = pasted_command_span(line)
    return normalize_spaces(line)[start:end]


def _clean_once(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if start == end or _CODE_FENCE.fullmatch(text, start, end):
        return start, start
    marker = _LEADING_MARKER.match(text, start, end)
    if marker:
        return marker.end(), end
    if text[start] == "`":
        return _inside_backticks(text, start, end)
    cut = _explanation_start(text, start, end)
    return start, end if cut is None else cut


def _inside_backticks(text: str, start: int, end: int) -> tuple[int, int]:
    """For ```cmd`: why`` the span of ``cmd``; unchanged when what follows is not a note."""
    opening = _BACKTICK_RUN.match(text, start, end)
    assert opening is not None
    width = opening.end() - start
    for run in _BACKTICK_RUN.finditer(text, opening.end(), end):
        if run.end() - run.start() != width:
            continue
        rest = text[run.end() : end].strip(_SPACES)
        if rest in ("", ".", ",") or rest.startswith(":"):
            return opening.end(), run.start()
        return start, end
    return start, end


def _explanation_start(text: str, start: int, end: int) -> int | None:
    """Where a trailing ``: explanation`` begins (a colon then a space, outside quotes)."""
    first_word = text[start:end].split(" ", 1)[0].split("\t", 1)[0]
    spec = find_command(first_word)
    if spec is not None and spec.rest_of_line_arg is not None:
        return None  # free text is sent as typed, colons and all
    device = find_device_command(first_word)
    if device is not None and takes_free_text(device):
        return None  # values and JSON are sent as typed too
    quote = ""
    i = start
    while i < end:
        char = text[i]
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"':
                i += 1
        elif char == "\\":
            i += 1
        elif char in "'\"":
            quote = char
        elif char == ":" and i + 1 < end and text[i + 1] in _SPACES:
            return i
        i += 1
    return None


def placeholder_in(value: str) -> str | None:
    """The ``<placeholder>`` a word holds, e.g. ``<endpoint_ID>``, or None."""
    found = _PLACEHOLDER.search(value)
    return found.group(0) if found else None


def is_syntax_notation(value: str) -> bool:
    """Whether a word is usage notation rather than a value: ``[-sr``, ``ID...]``, ``|``."""
    return (
        "|" in value
        or value.startswith("[")
        or value.endswith("]")
        or value.endswith("...")
        or value.endswith("…")
    )


def syntax_group(line: str, start: int) -> str:
    """The notation starting at ``start``: a whole ``[...]`` group, or the word there."""
    if line.startswith("[", start):
        depth = 0
        for i in range(start, len(line)):
            if line[i] == "[":
                depth += 1
            elif line[i] == "]":
                depth -= 1
                if depth == 0:
                    return line[start : i + 1]
    match = re.match(r"\S+", line[start:])
    return match.group(0) if match else line[start:]
