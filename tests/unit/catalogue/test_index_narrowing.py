"""Typing narrows: the endpoint index reuses its last complete scan for the next keystroke, and
what it answers is exactly what a fresh index (nothing remembered) answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lwm2m_shell.catalogue.index import NARROW_AT_MOST, EndpointIndex

ALPHABET = "abc:1é"
endpoints = st.lists(st.text(ALPHABET, min_size=1, max_size=8), max_size=40)
words = st.lists(st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8)


def fresh_matches(items: list[str], word: str, limit: int) -> list[int]:
    return EndpointIndex(items).matches(word, limit)


@settings(max_examples=300, deadline=None)
@given(endpoints, words, st.integers(min_value=1, max_value=50), st.booleans())
def test_narrowed_answers_equal_fresh_ones(
    items: list[str], typed: list[str], limit: int, by_suffix: bool
) -> None:
    index = EndpointIndex(items)
    if by_suffix:
        index.build_suffix_order()
    for word in typed:
        expected = EndpointIndex(items)
        if by_suffix:
            expected.build_suffix_order()
        assert index.matches(word, limit) == expected.matches(word, limit), word
        assert sorted(index.containing(word)) == sorted(expected.containing(word)), word


def test_typing_key_by_key_narrows_to_the_one_endpoint() -> None:
    items = [f"urn:imei:{n:015d}" for n in range(5_000)] + ["urn:dev:special-meter"]
    index = EndpointIndex(items)
    typed = "special-meter"
    for end in range(1, len(typed) + 1):
        found = index.matches(typed[:end], 10)
        assert [items[i] for i in found] == ["urn:dev:special-meter"], typed[:end]
    assert index._narrow is not None and index._narrow[0] in typed  # it did narrow


def test_a_scan_with_too_many_entries_is_not_kept() -> None:
    items = [f"x{n}" for n in range(NARROW_AT_MOST + 10)]
    index = EndpointIndex(items)
    assert len(list(index.containing("x"))) == len(items)
    assert index._narrow is None
    assert len(list(index.containing("x1"))) == sum("x1" in item for item in items)
