"""The output boundary for tenant text (``output/safetext.py``): properties and examples."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from lwm2m_shell.client import Operation
from lwm2m_shell.live.announce import describe
from lwm2m_shell.output.safetext import (
    clip,
    display_width,
    dumps,
    escape_char,
    is_plain,
    is_word,
    one_line,
    safe_text,
)

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
C1 = {chr(code) for code in range(0x80, 0xA0)}
C0_BUT_NEWLINE_TAB = {chr(code) for code in range(0x20)} - {"\n", "\t"}
FORBIDDEN = C0_BUT_NEWLINE_TAB | {"\x7f"} | C1 | BIDI
ATTACK = "\x1b]0;PWNED\x07 \x1b[2J ok\rFAKE \x1b[8mhid \u009b31m \u202eevil \x1b]52;c;eA==\x07"

# Text as a hostile tenant would write it: control and format characters well represented.
dangerous = st.sampled_from(sorted(FORBIDDEN | {"\n", "\t", "\r\n", "\u200b", "\ufeff", "\ud800"}))
hostile_text = st.lists(
    st.one_of(dangerous, st.characters(), st.text(max_size=3)), max_size=40
).map("".join)


def forbidden_in(text: str) -> set[str]:
    return {char for char in text if char in FORBIDDEN}


@given(hostile_text)
def test_safe_text_never_emits_a_control_c1_del_or_bidi_character(text: str) -> None:
    assert forbidden_in(safe_text(text)) == set()


@given(hostile_text)
def test_one_line_gives_one_line_without_tabs(text: str) -> None:
    rendered = one_line(text)
    assert forbidden_in(rendered) == set()
    assert "\n" not in rendered and "\t" not in rendered


@given(hostile_text)
def test_rendering_is_idempotent(text: str) -> None:
    assert safe_text(safe_text(text)) == safe_text(text)
    assert one_line(one_line(text)) == one_line(text)
    assert is_plain(one_line(text))


@given(hostile_text)
def test_a_word_completion_may_insert_is_safe_and_one_word(text: str) -> None:
    if is_word(text):
        assert one_line(text) == text and text.split() == [text]
    else:
        assert (
            text == "" or one_line(text) != text or len(text.split()) != 1 or text.strip() != text
        )


@given(hostile_text)
def test_the_output_can_be_encoded_for_any_utf8_terminal(text: str) -> None:
    safe_text(text).encode("utf-8")  # lone surrogates would raise here
    one_line(text).encode("utf-8")


@given(hostile_text, st.integers(min_value=0, max_value=60))
def test_clipping_never_splits_a_rendered_escape(text: str, width: int) -> None:
    source = text.replace("\\", "/")  # so every backslash in the output starts an escape
    clipped = clip(source, width)
    assert display_width(clipped) <= width
    assert forbidden_in(clipped) == set()
    body = clipped.removesuffix("…")
    for found in re.finditer(r"\\", body):
        assert re.match(r"\\u[0-9a-f]{4}|\\U[0-9a-f]{8}", body[found.start() :]), body
    assert one_line(source).startswith(body)  # a prefix of the rendered text, cut between units


@given(hostile_text)
def test_json_escapes_every_dangerous_character_and_keeps_the_value(text: str) -> None:
    encoded = dumps({"result": text, "list": [text]})
    assert forbidden_in(encoded) == set()
    assert not set(encoded) & {chr(c) for c in range(0xD800, 0xE000)}
    encoded.encode("utf-8")
    assert json.loads(encoded) == {"result": text, "list": [text]}


def test_the_attack_of_issue_14_is_shown_not_obeyed() -> None:
    shown = safe_text(ATTACK)
    assert shown.startswith("\\u001b]0;PWNED\\u0007 \\u001b[2J ok\\u000dFAKE")
    assert "\\u009b31m" in shown and "\\u202eevil" in shown and "\\u001b]52;c;" in shown
    assert "\x1b" not in shown and "\r" not in shown


def test_windows_line_ends_become_newlines_a_lone_cr_is_shown() -> None:
    assert safe_text("a\r\nb\rc\n\td") == "a\nb\\u000dc\n\td"
    assert one_line("a\r\nb\tc") == "a\\u000ab\\u0009c"


def test_json_escapes_c1_and_bidi_which_json_dumps_leaves_raw() -> None:
    raw = json.dumps("\u009b\u202e\x7f", ensure_ascii=False)
    assert "\u009b" in raw  # the hole dumps() closes
    assert dumps("\u009b\u202e\x7f\U000e0041") == '"\\u009b\\u202e\\u007f\\udb40\\udc41"'
    assert dumps("ü 漢") == '"ü 漢"'  # readable text stays readable


def test_clip_counts_wide_characters_twice_and_marks_the_cut() -> None:
    assert clip("漢字漢字", 5) == "漢字…"
    assert clip("abc", 3) == "abc"
    assert clip("abcd", 3) == "ab…"
    assert clip("ab\x1bcd", 4) == "ab…"  # the 6-column escape does not fit: not cut inside
    assert clip("e\u0301e\u0301", 2) == "e\u0301e\u0301"  # combining marks take no column


def test_invisible_format_characters_and_surrogates_are_shown() -> None:
    for char in ("\u200b", "\u200e", "\u2028", "\ufeff", "\u061c", "\ud800"):
        assert one_line(f"a{char}b") == f"a{escape_char(char)}b"
    assert one_line("a\U000e0041b") == "a\\U000e0041b"
    assert one_line("emoji 👩\u200d💻 and ä") == "emoji 👩\u200d💻 and ä"  # ZWJ sequences stay


@given(hostile_text)
def test_an_announcement_is_one_safe_line_cut_between_escapes(text: str) -> None:
    source = text.replace("\\", "/")
    line = describe(
        Operation.model_validate(
            {"id": "7", "status": "PENDING", "c8y_Command": {"text": source * 9}}
        )
    )
    assert forbidden_in(line) == set() and "\n" not in line
    shown = line.split(": ", 1)[1].removesuffix("…")
    for found in re.finditer(r"\\", shown):
        assert re.match(r"\\u[0-9a-f]{4}|\\U[0-9a-f]{8}", shown[found.start() :]), shown
