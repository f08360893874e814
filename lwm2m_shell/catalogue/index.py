"""Search structures built once per snapshot, so a keystroke costs a few bisects and one scan.

For endpoints (case-insensitive), everything lives in a few flat objects, not one per endpoint:

- ``order``: device indexes sorted by lower-cased endpoint (an ``array``);
- ``low``: those endpoints, lower-cased, in that order, each followed by a newline, as one string
  with the start offset of each (``starts``); the original spelling shares this string when it
  is already lower case (IMEIs, UUIDs), and is a second string otherwise;
- ``rank``: for each device, its position in ``order`` (to read its endpoint back).

A prefix is a contiguous run of ``order`` found by bisect; any other substring is found with
``str.find`` (C speed), an offset mapping back to its entry by bisect, and a scan stops as soon
as the limit is reached. Suffixes (the last IMEI digits) get a sorted order of their own
(``by_suffix``: positions sorted by the reversed endpoint), so a suffix is a contiguous run too.
It costs as much to build as the rest together, so it is built separately
(``build_suffix_order``, by the loader thread once the snapshot is in use); until then one scan
of the text finds suffix matches and the rest together.

Candidates are ranked prefix matches first, then suffix matches, then the rest, each group in
endpoint order. Device IDs have their own sorted order for prefix matching.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from operator import itemgetter

from .packed import PackedStrings, offsets

SEPARATOR = "\n"
NONE = 2**32 - 1  # rank of a device without an endpoint

CHUNK = 32_768
NARROW_AT_MOST = 4_096  # entries a finished scan may leave for the next keystroke to narrow


def sorted_gently(items: Sequence[int], key: Callable[[int], str]) -> array[int]:
    """``items`` sorted by ``key``, as an array.

    One big C-level sort would hold the GIL for over half a second at a million entries and
    freeze the prompt; sorting chunks first leaves a final sort that only merges sorted runs
    (about half the time, at C speed) and lets other threads run between the chunks.
    """
    ordered: list[int] = []
    for i in range(0, len(items), CHUNK):
        ordered.extend(sorted(items[i : i + CHUNK], key=key))
    if len(items) > CHUNK:
        ordered.sort(key=key)  # Timsort finds the sorted chunks as runs and merges them
    return array("I", ordered)


def _lowered(values: Sequence[str]) -> list[str]:
    """Lower-cased copies, sharing the original string where lowering changes nothing.

    Lowers them all as one string (C speed) and splits it again, unless some character changes
    its length when lowered (the Turkish dotted I), or a value holds the separator."""
    joined = SEPARATOR.join(values)
    lowered = joined.lower()
    if lowered == joined:
        return list(values)
    if len(lowered) == len(joined) and not any(SEPARATOR in value for value in values):
        return [
            value if low == value else low
            for value, low in zip(values, lowered.split(SEPARATOR), strict=True)
        ]
    out: list[str] = []
    for value in values:
        low = value.lower()
        out.append(value if low == value else low)
    return out


def _gathered(values: Sequence[str], order: Sequence[int]) -> Sequence[str]:
    """``values`` in ``order`` (``itemgetter`` gathers them at C speed)."""
    if len(order) < 2:
        return [values[i] for i in order]
    gathered: tuple[str, ...] = itemgetter(*order)(values)
    return gathered


def _offsets_with_separators(values: Sequence[str], total: int) -> array[int]:
    """Start offsets of ``values`` joined with a separator after each (and the end), where
    ``total`` is the length of that text."""
    return offsets(map((1).__add__, map(len, values)), total)


class EndpointIndex:
    """Find device indexes whose endpoint contains a word, best matches first."""

    def __init__(self, endpoints: Sequence[str]) -> None:
        clean = endpoints
        if SEPARATOR in "".join(endpoints):  # rare: one pass at C speed finds none
            clean = [value.replace(SEPARATOR, " ") for value in endpoints]
        low = _lowered(clean)
        present: Sequence[int] = range(len(low))
        if not all(low):  # usually every device has one: no list of a million indexes then
            present = [i for i, value in enumerate(low) if value]
        order = sorted_gently(present, low.__getitem__)
        del present
        self._order = order
        sorted_low = _gathered(low, order)
        self._low = SEPARATOR.join(sorted_low) + SEPARATOR if order else ""
        self._starts = _offsets_with_separators(sorted_low, len(self._low))
        if low == clean:  # already lower case (IMEIs, UUIDs): one string serves both
            self._text, self._text_starts = self._low, self._starts
        else:
            sorted_text = _gathered(clean, order)
            self._text = SEPARATOR.join(sorted_text) + SEPARATOR if order else ""
            self._text_starts = _offsets_with_separators(sorted_text, len(self._text))
        del sorted_low, low
        rank = array("I", [NONE]) * len(endpoints)
        for position, index in enumerate(order):
            rank[index] = position
        self._rank = rank
        self._by_suffix: array[int] | None = None
        self._narrow: tuple[str, tuple[int, ...]] | None = None  # see _found

    def build_suffix_order(self) -> None:
        """Sort the entries by their reversed text, for fast suffix matches (idempotent)."""
        if self._by_suffix is not None:
            return
        reversed_low = [self._low_at(k)[::-1] for k in range(len(self._order))]
        self._by_suffix = sorted_gently(range(len(reversed_low)), reversed_low.__getitem__)

    def __len__(self) -> int:
        return len(self._order)

    def endpoint(self, index: int) -> str:
        """The endpoint of device ``index`` as stored ("" when it has none)."""
        position = self._rank[index]
        if position == NONE:
            return ""
        starts = self._text_starts
        return self._text[starts[position] : starts[position + 1] - 1]

    def _low_at(self, position: int) -> str:
        starts = self._starts
        return self._low[starts[position] : starts[position + 1] - 1]

    def prefixed(self, word: str) -> Iterator[int]:
        """Device indexes whose endpoint starts with ``word`` (lower case), in endpoint order."""
        order, at = self._order, self._low_at
        for k in range(bisect_left(range(len(order)), word, key=at), len(order)):
            if not at(k).startswith(word):
                return
            yield order[k]

    def _found(self, needle: str) -> Iterator[int]:
        """Positions (in endpoint order) of the entries holding ``needle``, each once.

        Typing narrows: the entries holding ``needle`` are among those holding any part of it.
        The last complete scan that found few entries is kept, so the next keystroke checks
        those few instead of reading the whole text again.
        """
        low, starts = self._low, self._starts
        narrow = self._narrow
        if narrow is not None and narrow[0] in needle:
            for k in narrow[1]:
                if low.find(needle, starts[k], starts[k + 1]) != -1:
                    yield k
            return
        seen: list[int] | None = []
        position = low.find(needle)
        while position != -1:
            k = bisect_right(starts, position) - 1
            if seen is not None:  # remembered until there are too many to be worth it
                if len(seen) < NARROW_AT_MOST:
                    seen.append(k)
                else:
                    seen = None
            yield k
            position = low.find(needle, starts[k + 1])
        if seen is not None:  # the scan ran to the end: every entry holding needle is known
            self._narrow = (needle, tuple(seen))

    def suffixed(self, word: str) -> Iterator[int]:
        """Device indexes whose endpoint ends with ``word`` (lower case), in endpoint order
        (in the order of their reversed text once ``build_suffix_order`` ran)."""
        if not word or SEPARATOR in word:
            return
        order, by_suffix = self._order, self._by_suffix
        if by_suffix is None:
            for k in self._found(word + SEPARATOR):
                yield order[k]
            return
        at = self._low_at
        reverse = word[::-1]
        start = bisect_left(by_suffix, reverse, key=lambda k: at(k)[::-1])
        for j in range(start, len(by_suffix)):
            k = by_suffix[j]
            if not at(k).endswith(word):
                return
            yield order[k]

    def containing(self, word: str) -> Iterator[int]:
        """Device indexes whose endpoint contains ``word`` (lower case), in endpoint order."""
        if not word or SEPARATOR in word:
            return
        order = self._order
        for k in self._found(word):
            yield order[k]

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
        if not word or SEPARATOR in word:
            return found
        # one scan for suffix matches and the rest: it ends early once the suffix group alone
        # fills the list, and at worst reads the text once
        taken = set(found)
        if self._by_suffix is not None:
            for group in (self.suffixed(word), self.containing(word)):
                for index in group:
                    if index not in taken:
                        taken.add(index)
                        found.append(index)
                        if len(found) >= limit:
                            return found
            return found
        need = limit - len(found)
        ending: list[int] = []
        other: list[int] = []
        low, starts, order = self._low, self._starts, self._order
        for k in self._found(word):
            index = order[k]
            if index in taken:
                continue
            if low.endswith(word, starts[k], starts[k + 1] - 1):
                ending.append(index)
                if len(ending) >= need:
                    break
            elif len(other) < need:
                other.append(index)
        return found + (ending + other)[:need]


class IdIndex:
    """Find device indexes whose ID starts with a word (the IDs are kept packed)."""

    def __init__(self, ids: Sequence[str]) -> None:
        self._order = sorted_gently(range(len(ids)), ids.__getitem__)  # listed by ID: fast
        self._ids = ids if isinstance(ids, PackedStrings) else PackedStrings(ids)

    @property
    def ids(self) -> PackedStrings:
        return self._ids

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
