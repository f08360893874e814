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


def offsets(lengths: Iterable[int]) -> array[int]:
    """Start offsets (and the end as the last entry) of strings of these lengths, packed."""
    starts = array("Q", accumulate(lengths, initial=0))
    if starts[-1] < 2**32:
        return array("I", starts)  # half the size for anything under 4 G characters
    return starts


class PackedStrings(Sequence[str]):
    """An immutable sequence of strings stored end to end in one string."""

    __slots__ = ("_starts", "_text")

    def __init__(self, values: Sequence[str]) -> None:
        self._text = "".join(values)
        self._starts = offsets(map(len, values))

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
        known: dict[str, int] = {}
        codes = [known.setdefault(value, len(known)) for value in values]
        if len(known) > 2**16:
            raise ValueError("more than 65,536 distinct values")
        self._codes = array("H", codes)
        self._values = list(known)

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
