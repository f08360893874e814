"""Registration IDs remembered for completion: from typed commands and from the agent's results.

No API lists LWM2M registration IDs, so the shell remembers those it has seen:

- in commands: the argument of ``invalidateRegistrationById`` (sent now, or in the history);
- in results: on a result line that mentions "registration", every word that looks like a
  registration ID. A registration ID looks like ``F7DqjmW3Yy``: exactly 10 letters and digits,
  with at least one letter, and a digit or an upper-case letter after the first character (so
  plain words such as ``Invalidate`` or ``successful`` are not taken for IDs).

The newest are offered first; at most ``MAX_REMEMBERED`` are kept. Only IDs the tenant confirmed
(from an operation that ended SUCCESSFUL, or read back from the file) are saved, and saving merges
with what other shells saved meanwhile (``union``): the last shell to close never clobbers the rest.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable

MAX_REMEMBERED = 2000
COMMAND = "invalidateRegistrationById"

_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{10}(?![A-Za-z0-9])")
_COMMAND = re.compile(rf"^\s*{COMMAND}\s+([A-Za-z0-9_-]+)\s*$")  # what the parser accepts


def looks_like_registration_id(word: str) -> bool:
    if len(word) != 10 or not word.isascii() or not word.isalnum():
        return False
    if not any(c.isalpha() for c in word):
        return False
    return any(c.isdigit() or c.isupper() for c in word[1:])


def ids_in_result(text: str) -> list[str]:
    """Registration IDs on the lines of ``text`` that talk about registrations."""
    found: list[str] = []
    for line in text.splitlines():
        if "registration" not in line.lower():
            continue
        found.extend(w for w in _WORD.findall(line) if looks_like_registration_id(w))
    return found


def id_in_command(line: str) -> str | None:
    """The registration ID of an ``invalidateRegistrationById ID`` line, or None."""
    match = _COMMAND.match(line)
    return match.group(1) if match else None


class RegistrationMemory:
    """A bounded, thread-safe, most-recent-first set of registration IDs with a note each."""

    def __init__(self, limit: int = MAX_REMEMBERED) -> None:
        self._limit = limit
        self._seen: OrderedDict[str, str] = OrderedDict()
        self._confirmed: set[str] = set()  # the tenant confirmed them: worth saving
        self._lock = threading.Lock()

    def add(self, registration_id: str, note: str, *, confirmed: bool = False) -> None:
        with self._lock:
            self._seen.pop(registration_id, None)
            self._seen[registration_id] = note
            if confirmed:
                self._confirmed.add(registration_id)
            self._trim()

    def add_older(self, items: Iterable[tuple[str, str]], *, confirmed: bool = False) -> None:
        """Add IDs seen before anything already remembered (oldest first in ``items``)."""
        with self._lock:
            current = list(self._seen.items())
            older = list(items)
            merged: OrderedDict[str, str] = OrderedDict()
            for key, note in [*older, *current]:
                merged.pop(key, None)
                merged[key] = note
            self._seen = merged
            if confirmed:
                self._confirmed.update(key for key, _ in older)
            self._trim()

    def _trim(self) -> None:
        while len(self._seen) > self._limit:
            dropped, _ = self._seen.popitem(last=False)
            self._confirmed.discard(dropped)

    def confirmed_items(self) -> list[tuple[str, str]]:
        """The confirmed IDs, oldest first: what is saved."""
        with self._lock:
            return [(key, note) for key, note in self._seen.items() if key in self._confirmed]

    def learn_from_result(self, text: str, note: str, *, confirmed: bool = False) -> None:
        for found in ids_in_result(text):
            self.add(found, note, confirmed=confirmed)

    def matching(self, word: str, limit: int) -> list[tuple[str, str]]:
        """Remembered IDs starting with ``word`` (case-sensitive), newest first."""
        with self._lock:
            items = list(self._seen.items())
        found = [(key, note) for key, note in reversed(items) if key.startswith(word)]
        return found[:limit]

    def items(self) -> list[tuple[str, str]]:
        """Oldest first, as stored on disk."""
        with self._lock:
            return list(self._seen.items())

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)


def union(
    on_disk: list[tuple[str, str]], ours: list[tuple[str, str]], limit: int = MAX_REMEMBERED
) -> list[tuple[str, str]]:
    """What to save: every ID another shell saved plus ours (ours newer), oldest first, at most
    ``limit`` (the oldest dropped)."""
    merged: OrderedDict[str, str] = OrderedDict()
    for key, note in [*on_disk, *ours]:
        merged.pop(key, None)
        merged[key] = note
    while len(merged) > limit:
        merged.popitem(last=False)
    return list(merged.items())
