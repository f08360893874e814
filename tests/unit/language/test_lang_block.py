"""A pasted block is all-or-nothing: properties of ``check_block`` over generated pastes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lwm2m_shell.language import Command, ParseError, parse
from lwm2m_shell.language.block import check_block

VALID_LINES = [
    "invalidateRegistrationById F7DqjmW3Yy",
    "invalidateRegistrationsForEndpoint urn:imei:012345678901234",
    "* `migrateLwm2mDevices -sr -d 1111 2222`: migrate two devices",
    "migrateLwm2mDevices --skipRegistrations",
    "migrateLwm2mDevices -d 10003 --devices 10007",
    "cleanupClusterTenantObjectsForEndpoint \u201curn:imei:1\u201d",
    ".status 4711",
    "help migrateLwm2mDevices",
]
INVALID_LINES = [
    "invalidateRegistrationsForEndpoint <endpoint_ID>",
    "Run these commands on the connector device:",
    "migrateLwm2mDevices [-d ID...] [-sr]",
    "migrateLwm2mDevices \u2014devices 10003",
    "invalidateRegistrationById",
    "migrateLwm2mDevices -d 12a",
    "migrateLwm2mDevices -sr -sr",
    "inv4lidateRegistrationById F7DqjmW3Yy",
    "invalidateRegistrationsForEndpoint 'urn:imei:0123",
]
BLANK_LINES = ["", "   ", "# a comment", "```"]


@st.composite
def paste_with_a_bad_line(draw: st.DrawFn) -> tuple[list[str], set[int]]:
    """Lines of a paste (at least one invalid) and the 1-based numbers of the invalid ones."""
    good = st.sampled_from(VALID_LINES + BLANK_LINES)
    lines = draw(st.lists(good, max_size=12))
    bad = draw(st.lists(st.sampled_from(INVALID_LINES), min_size=1, max_size=4))
    for line in bad:
        lines.insert(draw(st.integers(0, len(lines))), line)
    numbers = {n for n, line in enumerate(lines, start=1) if line in INVALID_LINES}
    return lines, numbers


@settings(max_examples=300)
@given(paste_with_a_bad_line(), st.sampled_from(["\n", "\r\n"]))
def test_one_bad_line_makes_the_whole_paste_unsendable(
    case: tuple[list[str], set[int]], newline: str
) -> None:
    lines, bad_numbers = case
    block = check_block(newline.join(lines))
    assert not block.sendable
    assert {line.number for line, _error in block.errors} == bad_numbers
    messages = block.error_messages()
    assert len(messages) == len(bad_numbers)  # every bad line is named, once
    if block.several:
        assert all(
            message.startswith(f"line {n} (")
            for n, message in zip(sorted(bad_numbers), messages, strict=True)
        )
    assert not any(message.startswith("error:") for message in messages)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(VALID_LINES + BLANK_LINES), max_size=12))
def test_a_paste_of_valid_lines_is_sendable_in_order(lines: list[str]) -> None:
    block = check_block("\n".join(lines))
    assert block.sendable
    expected = [parse(line) for line in lines]
    assert [command for _line, command in block.commands] == [
        result for result in expected if isinstance(result, Command)
    ]
    assert not any(isinstance(result, ParseError) for result in expected)


def test_a_hostile_line_is_named_without_its_control_characters() -> None:
    block = check_block("help\ninvalidateRegistrationById F7\x1b]0;x\x07Dq")
    (message,) = block.error_messages()
    assert message.startswith("line 2 (invalidateRegistrationById F7?]0;x?Dq): ")
    assert "\x1b" not in message
