"""Search structures built once per snapshot, so a keystroke costs a few bisects and one scan.

For endpoints (case-insensitive):

- ``by_prefix``: device indexes sorted by endpoint; a prefix is a contiguous run found by bisect.
- ``by_suffix``: device indexes sorted by the reversed endpoint; a suffix (the last IMEI digits)
  is a contiguous run too.
- ``joined``: every endpoint in ``by_prefix`` order in one string, separated by newlines, with
  the start offset of each; any other substring is found with ``str.find`` (C speed), and the
  offset maps back to its device by bisect. The scan stops as soon as the limit is reached.

Candidates are ranked prefix matches first, then suffix matches, then the rest, each group in
endpoint order. Device IDs have their own sorted order for prefix matching.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate

SEPARATOR = "\n"


CHUNK = 32_768


def sorted_gently(items: Sequence[int], key: Callable[[int], str]) -> array[int]:
    """``items`` sorted by ``key``, as an array.

    One big C-level sort would hold the GIL for up to half a second at a million entries and
    freeze the prompt; sorting chunks and merging them in Python lets other threads run.
    """
    chunks = [sorted(items[i : i + CHUNK], key=key) for i in range(0, len(items), CHUNK)]
    if len(chunks) <= 1:
        return array("I", chunks[0] if chunks else ())
    return array("I", heapq.merge(*chunks, key=key))


def _lowered(values: Sequence[str]) -> list[str]:
    """Lower-cased copies, sharing the original string where lowering changes nothing."""
    out: list[str] = []
    for value in values:
        low = value.lower()
        out.append(value if low == value else low)
    return out


class EndpointIndex:
    """Find device indexes whose endpoint contains a word, best matches first."""

    def __init__(self, endpoints: Sequence[str]) -> None:
        low = _lowered([value.replace(SEPARATOR, " ") for value in endpoints])
        present = [i for i, value in enumerate(low) if value]
        self._low = low
        self._by_prefix = sorted_gently(present, low.__getitem__)
        self._by_suffix = sorted_gently(present, lambda i: low[i][::-1])
        parts = [low[i] for i in self._by_prefix]
        self._joined = SEPARATOR.join(parts)
        self._starts = array("Q", accumulate((len(p) + 1 for p in parts[:-1]), initial=0))
        if not parts:
            self._starts = array("Q")

    def __len__(self) -> int:
        return len(self._by_prefix)

    def prefixed(self, word: str) -> Iterator[int]:
        """Device indexes whose endpoint starts with ``word`` (lower case), in endpoint order."""
        low, order = self._low, self._by_prefix
        for k in range(bisect_left(order, word, key=low.__getitem__), len(order)):
            index = order[k]
            if not low[index].startswith(word):
                return
            yield index

    def suffixed(self, word: str) -> Iterator[int]:
        """Device indexes whose endpoint ends with ``word`` (lower case)."""
        low, order = self._low, self._by_suffix
        start = bisect_left(order, word[::-1], key=lambda i: low[i][::-1])
        for k in range(start, len(order)):
            index = order[k]
            if not low[index].endswith(word):
                return
            yield index

    def containing(self, word: str) -> Iterator[int]:
        """Device indexes whose endpoint contains ``word`` (lower case), in endpoint order."""
        joined, starts, order = self._joined, self._starts, self._by_prefix
        if not word or SEPARATOR in word:
            return
        end = len(joined)
        position = joined.find(word)
        while position != -1:
            k = bisect_right(starts, position) - 1
            yield order[k]
            following = starts[k + 1] if k + 1 < len(starts) else end
            position = joined.find(word, following)

    def matches(self, word: str, limit: int) -> list[int]:
        """Up to ``limit`` device indexes: prefix matches, then suffix matches, then the rest."""
        if limit <= 0:
            return []
        word = word.lower()
        found: list[int] = []
        for index in self.prefixed(word):
            found.append(index)
            if len(found) >= limit:
                return found
        if not word:
            return found
        taken = set(found)
        for group in (self.suffixed(word), self.containing(word)):
            for index in group:
                if index not in taken:
                    taken.add(index)
                    found.append(index)
                    if len(found) >= limit:
                        return found
        return found


class IdIndex:
    """Find device indexes whose ID starts with a word."""

    def __init__(self, ids: Sequence[str]) -> None:
        self._ids = ids
        self._order = sorted_gently(range(len(ids)), ids.__getitem__)

    def prefixed(self, word: str) -> Iterator[int]:
        ids, order = self._ids, self._order
        for k in range(bisect_left(order, word, key=ids.__getitem__), len(order)):
            index = order[k]
            if not ids[index].startswith(word):
                return
            yield index

    def find(self, device_id: str) -> int | None:
        """The index of the device with exactly this ID, or None."""
        for index in self.prefixed(device_id):
            return index if self._ids[index] == device_id else None
        return None


class TextIndex:
    """Case-insensitive search over several columns of every device (for listings, not typing)."""

    def __init__(self, columns: Sequence[Sequence[str]]) -> None:
        count = len(columns[0]) if columns else 0
        rows = ["\t".join(column[i] for column in columns) for i in range(count)]
        low = _lowered([row.replace(SEPARATOR, " ") for row in rows])
        self._joined = SEPARATOR.join(low)
        self._starts = array("Q", accumulate((len(r) + 1 for r in low[:-1]), initial=0))
        if not low:
            self._starts = array("Q")

    def search(self, text: str) -> Iterator[int]:
        """Indexes of the rows containing ``text`` (any case), in row order."""
        word = text.lower()
        if SEPARATOR in word:
            return
        if not word:
            yield from range(len(self._starts))
            return
        joined, starts = self._joined, self._starts
        position = joined.find(word)
        while position != -1:
            k = bisect_right(starts, position) - 1
            yield k
            following = starts[k + 1] if k + 1 < len(starts) else len(joined)
            position = joined.find(word, following)
