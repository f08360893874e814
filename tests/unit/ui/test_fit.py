"""The toolbar's text cut between words, measured in terminal columns (as safetext measures)."""

from __future__ import annotations

import pytest

from lwm2m_shell.output.safetext import clip, display_width
from lwm2m_shell.ui.fit import cut_words, fit_parts

ERROR = "cannot reach the tenant: connection refused; retrying in 4s"


def test_text_that_fits_is_left_as_it_is() -> None:
    assert cut_words(ERROR, len(ERROR)) == ERROR
    assert cut_words("", 0) == ""


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (30, "cannot reach the tenant…"),  # "connection" would be cut: dropped, and the ":"
        (19, "cannot reach the…"),
        (8, "cannot…"),
        (4, "can…"),  # one word longer than the room: cut hard, nothing better
        (1, "…"),
    ],
)
def test_ascii_is_cut_between_words(limit: int, expected: str) -> None:
    assert cut_words(ERROR, limit) == expected


def test_wide_characters_take_two_columns() -> None:
    text = "接続 できません もう一度 お試しください"  # 2 columns per character
    assert display_width(text) == 2 * len(text.replace(" ", "")) + 3
    cut = cut_words(text, 20)
    assert cut == "接続 できません…"  # 2 + 1 + 10 + 1 columns; "もう一度" would need 8 more
    assert display_width(cut) <= 20
    for limit in range(1, display_width(text)):
        assert display_width(cut_words(text, limit)) <= limit


def test_combining_marks_take_no_column() -> None:
    text = "cafe\u0301 au lait"  # "café" with a combining accent: 12 columns, 13 characters
    assert display_width(text) == 12
    assert cut_words(text, 12) == text  # len() would have said it does not fit
    assert cut_words(text, 11) == "cafe\u0301 au…"


def test_cut_words_and_clip_measure_alike() -> None:
    text = "設定 " * 30
    for limit in (5, 17, 40):
        assert display_width(cut_words(text, limit)) <= display_width(clip(text, limit))


def test_parts_are_fitted_into_the_columns_by_width() -> None:
    parts = [("", " t100200"), ("class:bad", " · ✘ 接続できません サーバーが 応答しません")]
    fitted = fit_parts(parts, 30)
    assert fitted[0] == parts[0]
    assert sum(display_width(text) for _, text, *_ in fitted) <= 30
    assert fitted[1][1].endswith("…")
    whole = fit_parts(parts, 200)
    assert whole == parts
