"""Typography a word processor or a rendered page adds to a command, and what to do about it.

Text copied from formatted documents carries curly quotes around values, fullwidth digits and
letters (from East Asian input methods), dashes where the command has hyphens, and letters of
other scripts that look like Latin ones. The agent takes none of these as the ASCII it resembles.

- Typographic quotes wrapped around a word are stripped; fullwidth ASCII forms become ASCII.
  Both keep every character where it was (a pair of curly quotes becomes a pair of ASCII ones,
  which the tokenizer removes), so positions in the line stay valid; each change is a note.
- A dash or a look-alike letter in a command name or an option is refused with a precise hint
  ("— is an em dash (U+2014): did you mean --devices?"): guessing how many hyphens it stood for
  could send a different command.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .command_set import find_command

# Opening quote -> the closing quotes that may end it (German, English, French styles).
_QUOTE_PAIRS: dict[str, str] = {
    "\u201c": "\u201d\u201c",  # “…” (and “…“)
    "\u201d": "\u201d",  # ”…” (Swedish style)
    "\u201e": "\u201c\u201d",  # „…“ / „…”
    "\u2018": "\u2019\u2018",  # ‘…’
    "\u2019": "\u2019",  # ’…’
    "\u201a": "\u2018\u2019",  # ‚…‘
    "\u00ab": "\u00bb",  # «…»
    "\u00bb": "\u00ab",  # »…«
    "\u2039": "\u203a",  # ‹…›
    "\u203a": "\u2039",  # ›…‹
}
TYPOGRAPHIC_QUOTES = frozenset(
    "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a"
)

DASHES: dict[str, str] = {
    "\u2010": "hyphen",
    "\u2011": "non-breaking hyphen",
    "\u2012": "figure dash",
    "\u2013": "en dash",
    "\u2014": "em dash",
    "\u2015": "horizontal bar",
    "\u2212": "minus sign",
    "\ufe58": "small em dash",
    "\ufe63": "small hyphen-minus",
}

# Letters of other scripts that look like an ASCII letter (the common ones in pasted text).
LOOKALIKES: dict[str, str] = {
    **dict(zip("асеорхуіјѕԁһӏԛԝ", "aceopxyijsdhlqw", strict=True)),  # Cyrillic small
    **dict(zip("АВСЕНІЈКМОРЅТХУ", "ABCEHIJKMOPSTXY", strict=True)),  # Cyrillic capital
    **dict(zip("αοντυικ", "aovtuik", strict=True)),  # Greek small
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),  # Greek capital
    "ı": "i",
    "ℓ": "l",
}

_WORD = re.compile(r"[^ \t]+")


@dataclass(frozen=True)
class Normalized:
    """The line with typography made plain, and one note per kind of change."""

    line: str
    notes: tuple[str, ...] = ()


def _fullwidth_to_ascii(char: str) -> str:
    code = ord(char)
    return chr(code - 0xFEE0) if 0xFF01 <= code <= 0xFF5E else char


def normalize_typography(line: str) -> Normalized:
    """Strip curly quotes around words and turn fullwidth forms into ASCII, length-preserving."""
    if line.isascii():
        return Normalized(line)
    notes: list[str] = []
    chars = list(line)
    widened = [i for i, char in enumerate(chars) if 0xFF01 <= ord(char) <= 0xFF5E]
    if widened:
        words = _words_touching(line, widened)
        for i in widened:
            chars[i] = _fullwidth_to_ascii(chars[i])
        after = "".join(chars)
        changed = ", ".join(f"{line[a:b]} → {after[a:b]}" for a, b in words)
        notes.append(f"fullwidth characters changed to ASCII: {changed}")
    stripped: list[str] = []
    text = "".join(chars)
    for found in _WORD.finditer(text):
        word = found.group(0)
        if len(word) < 3 or word[0] not in _QUOTE_PAIRS or word[-1] not in _QUOTE_PAIRS[word[0]]:
            continue
        inner = word[1:-1]
        if any(char in TYPOGRAPHIC_QUOTES for char in inner):
            continue
        ascii_quote = "'" if "'" not in inner else '"'
        if ascii_quote == '"' and any(char in inner for char in '"\\$`'):
            continue  # could not be written plainly: left for the checks to refuse
        chars[found.start()] = chars[found.end() - 1] = ascii_quote
        stripped.append(word)
    if stripped:
        notes.append("typographic quotes removed: " + ", ".join(stripped))
    return Normalized("".join(chars), tuple(notes))


def normalize_command_line(line: str) -> Normalized:
    """``normalize_typography`` unless the line's command takes free text (``.send``), which is
    sent exactly as typed."""
    if line.isascii():
        return Normalized(line)
    first = line.lstrip(" \t").split(" ", 1)[0].split("\t", 1)[0]
    spec = find_command(first)
    if spec is not None and spec.rest_of_line_arg is not None:
        return Normalized(line)
    return normalize_typography(line)


def _words_touching(line: str, offsets: list[int]) -> list[tuple[int, int]]:
    wanted = set(offsets)
    return [
        (found.start(), found.end())
        for found in _WORD.finditer(line)
        if wanted.intersection(range(found.start(), found.end()))
    ]


def typography_problem(word: str, known: list[str]) -> str | None:
    """Why a command name or option ``word`` is not plain ASCII, with the spelling it resembles.

    ``known`` are the spellings the word may stand for (command names, or a command's options).
    """
    if word.isascii():
        return None
    for char in word:
        if char in TYPOGRAPHIC_QUOTES:
            return (
                f"'{word}' holds the typographic quote {char} ({_name(char)}): "
                "type ASCII quotes (' or \") or none"
            )
    lead = word[0]
    if lead in DASHES:
        rest = word[1:]
        tries = [f"--{rest}", f"-{rest}"]
        guess = next((spelling for spelling in tries if spelling in known), None)
        hint = f": did you mean {guess}?" if guess else ": options start with ASCII hyphens (-)"
        return f"'{word}': {lead} is {_article(DASHES[lead])} (U+{ord(lead):04X}){hint}"
    for char in word:
        if char in DASHES:
            return (
                f"'{word}': {char} is {_article(DASHES[char])} (U+{ord(char):04X}), "
                "not an ASCII hyphen (-)"
            )
    odd = [char for char in word if char in LOOKALIKES]
    if odd:
        plain = "".join(LOOKALIKES.get(char, char) for char in word)
        which = ", ".join(f"{char} ({_name(char)})" for char in dict.fromkeys(odd))
        hint = f": did you mean {plain}?" if plain in known else ""
        return f"'{word}' holds {which}, which only looks like ASCII{hint}"
    return None


def _article(name: str) -> str:
    """``an em dash``, ``a hyphen``."""
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _name(char: str) -> str:
    return unicodedata.name(char, f"U+{ord(char):04X}")
