"""Compact columns: many strings in one ``str`` with offsets, instead of one object per string.

A Python ``str`` object costs about 50 bytes before its first character, so a million short IDs
as a list cost ~60 MB; packed end to end they cost their characters plus 4 bytes of offset each.
Reading one back slices it out (a new small string, freed after use).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from typing import TypeVar, overload

T = TypeVar("T")


def offsets(lengths: Iterable[int], total: int | None = None) -> array[int]:
    """Start offsets (and the end as the last entry) of strings of these lengths, packed.

    With ``total`` (the sum of the lengths) known to be under 4 G, they are packed in 4 bytes
    each at once; otherwise in 8, then in 4 when they fit."""
    if total is not None and total < 2**32:
        return array("I", accumulate(lengths, initial=0))
    starts = array("Q", accumulate(lengths, initial=0))
    if starts[-1] < 2**32:
        return array("I", starts)  # half the size for anything under 4 G characters
    return starts


class PackedStrings(Sequence[str]):
    """An immutable sequence of strings stored end to end in one string."""

    __slots__ = ("_starts", "_text")

    def __init__(self, values: Sequence[str]) -> None:
        self._text = "".join(values)
        self._starts = offsets(map(len, values), len(self._text))

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        starts = self._starts
        return self._text[starts[index] : starts[index + 1]]

    def __iter__(self) -> Iterator[str]:
        text, starts = self._text, self._starts
        for k in range(len(starts) - 1):
            yield text[starts[k] : starts[k + 1]]


class CodedStrings(Sequence[str]):
    """A sequence of strings with few distinct values (device types): one small code each."""

    __slots__ = ("_codes", "_values")

    def __init__(self, values: Iterable[str]) -> None:
        column: Sequence[str] = values if isinstance(values, Sequence) else list(values)
        distinct: list[str] = list(
            dict.fromkeys(column)
        )  # in order of first appearance, at C speed
        if len(distinct) > 2**16:
            raise ValueError("more than 65,536 distinct values")
        if len(distinct) <= 1:  # one type for every device, as usual: no lookups at all
            self._codes = array("H", [0]) * len(column)
        else:
            code = {value: n for n, value in enumerate(distinct)}
            self._codes = array("H", map(code.__getitem__, column))
        self._values = distinct

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._values[c] for c in self._codes[index]]
        return self._values[self._codes[index]]


class Derived(Sequence[T]):
    """A read-only column computed from others, one index at a time."""

    __slots__ = ("_at", "_length")

    def __init__(self, length: int, at: Callable[[int], T]) -> None:
        self._length = length
        self._at = at

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[T]:
        return map(self._at, range(self._length))

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return self._at(index)
