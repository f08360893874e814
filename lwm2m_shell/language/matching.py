"""Fuzzy matching of names: "did you mean" suggestions and camel-hump abbreviations."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_HUMP = re.compile(r"[^A-Z]+|[A-Z][^A-Z]*")


def humps(name: str) -> list[str]:
    """``invalidateRegistrationsForEndpoint`` -> invalidate, Registrations, For, Endpoint."""
    return _HUMP.findall(name)


def matches_camel_humps(typed: str, name: str) -> bool:
    """Whether ``typed`` abbreviates ``name`` by hump prefixes, e.g. ``iRFE``, ``invRegById``.

    The first hump must be matched; later humps may be skipped. Case-insensitive.
    """
    if not typed:
        return True
    parts = [hump.lower() for hump in humps(name)]
    wanted = typed.lower()

    def match(rest: str, index: int, first: bool) -> bool:
        if not rest:
            return True
        for at in range(index, len(parts) if not first else index + 1):
            hump = parts[at]
            for length in range(min(len(rest), len(hump)), 0, -1):
                if hump[:length] == rest[:length] and match(rest[length:], at + 1, False):
                    return True
        return False

    return match(wanted, 0, True)


def did_you_mean(typed: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Candidates close to ``typed``, best first: same letters in another case, then names
    ``typed`` begins or abbreviates, then names spelled alike. A leading dot or dash is
    ignored when comparing, so ``status`` finds ``.status`` and ``-devices`` finds ``--devices``.
    """
    names = list(dict.fromkeys(candidates))
    lowered = typed.lower()
    bare = lowered.lstrip(".-")
    found: list[str] = []

    def add(matches: Iterable[str]) -> None:
        for name in matches:
            if name not in found:
                found.append(name)

    add(name for name in names if name.lower() == lowered)
    add(name for name in names if name.lower().lstrip(".-") == bare and bare)
    if found:
        return found[:limit]
    if len(bare) >= 3 or (bare and typed.startswith("-")):  # '-s' may well mean '-sr'
        add(name for name in names if name.lower().lstrip(".-").startswith(bare))
        add(name for name in names if matches_camel_humps(bare, name.lstrip(".-")))
    by_bare = {name.lower().lstrip(".-"): name for name in names}
    add(by_bare[close] for close in difflib.get_close_matches(bare, list(by_bare), limit, 0.6))
    return found[:limit]
