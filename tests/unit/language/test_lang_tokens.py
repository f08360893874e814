"""The tokenizer: POSIX quoting, positions, comments and incomplete input."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import quote, tokenize


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("a b  c", ["a", "b", "c"]),
        ("a\tb", ["a", "b"]),
        ("'a b' c", ["a b", "c"]),
        ("'a\\b'", ["a\\b"]),  # single quotes keep backslashes
        ('"a\\"b"', ['a"b']),
        ('"a\\$b\\`c\\\\d"', ["a$b`c\\d"]),
        ('"a\\nb"', ["a\\nb"]),  # other backslashes in double quotes stay
        ("a\\ b", ["a b"]),
        ("a\\'b", ["a'b"]),
        ("x'y'\"z\"", ["xyz"]),
        ("''", [""]),
        ("a '' b", ["a", "", "b"]),
        ("$HOME `cmd`", ["$HOME", "`cmd`"]),  # nothing is expanded
        ("a #b", ["a"]),
        ("a#b", ["a#b"]),
        ("a '#b'", ["a", "#b"]),
        ("a\\\nb", ["ab"]),
        ("", []),
    ],
)
def test_values(line: str, values: list[str]) -> None:
    tokenized = tokenize(line)
    assert [token.value for token in tokenized.tokens] == values
    assert tokenized.complete


def test_positions_are_raw_spans() -> None:
    line = "cmd  'a b'\t\"c\"d"
    tokens = tokenize(line).tokens
    assert [(token.start, token.end) for token in tokens] == [(0, 3), (5, 10), (11, 15)]
    assert [line[token.start : token.end] for token in tokens] == ["cmd", "'a b'", '"c"d']
    assert [token.quoted for token in tokens] == [False, True, True]


def test_comment_start() -> None:
    tokenized = tokenize("help # what is there")
    assert tokenized.comment_start == 5
    assert tokenize("# all comment").tokens == ()


@pytest.mark.parametrize(
    ("line", "quote_char", "at", "partial"),
    [
        ("cmd 'abc", "'", 4, "abc"),
        ('cmd "ab\\"c', '"', 4, 'ab"c'),
        ("cmd x'abc", "'", 5, "xabc"),
        ("cmd 'a' \"b", '"', 8, "b"),
    ],
)
def test_unclosed_quote_is_reported_with_the_partial_word(
    line: str, quote_char: str, at: int, partial: str
) -> None:
    tokenized = tokenize(line)
    assert not tokenized.complete
    assert tokenized.open_quote == quote_char
    assert tokenized.open_quote_at == at
    assert tokenized.tokens[-1].value == partial
    assert tokenized.tokens[-1].end == len(line)


def test_trailing_backslash() -> None:
    tokenized = tokenize("cmd abc\\")
    assert tokenized.trailing_backslash_at == 7
    assert tokenized.tokens[-1].value == "abc"
    assert not tokenized.complete


@pytest.mark.parametrize("value", ["plain", "a b", "it's", 'say "hi"', "back\\slash", "#x", ""])
def test_quote_reads_back_as_one_word(value: str) -> None:
    tokens = tokenize(quote(value)).tokens
    assert [token.value for token in tokens] == [value]
