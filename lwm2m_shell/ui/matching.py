"""How a typed word ranks against a command or flag name in the completion menu.

Prefixes (case-insensitive) come first, then camel-hump abbreviations such as ``iRFE`` for
``invalidateRegistrationsForEndpoint``; the hump rule itself lives in the language package.
"""

from __future__ import annotations

from ..language import matches_camel_humps


def rank(word: str, name: str) -> int | None:
    """0 for a prefix match, 1 for a camel-hump match, None when ``word`` cannot mean ``name``."""
    if not word or name.lower().startswith(word.lower()):
        return 0
    bare_word, bare_name = word.lstrip(".-"), name.lstrip(".-")
    if not bare_word or word[0] != name[0]:
        return None if word[0] in ".-" or name[0] in ".-" else _humps(bare_word, bare_name)
    if bare_name.lower().startswith(bare_word.lower()):
        return 0
    return _humps(bare_word, bare_name)


def _humps(word: str, name: str) -> int | None:
    return 1 if matches_camel_humps(word, name) else None
