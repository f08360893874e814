"""Property-based tests: any text at all is handled, and what is accepted is stable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lwm2m_shell.language import (
    ALL_COMMANDS,
    MAX_LINE_LENGTH,
    Command,
    ParseError,
    Role,
    classify,
    clean_pasted_line,
    parse,
    parse_lines,
    suggest,
)
from lwm2m_shell.language.validate import forbidden_char

ANY_CHAR = st.characters(exclude_categories=())  # control characters and surrogates included
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=120)
HUGE_TEXT = st.tuples(st.text(alphabet=ANY_CHAR, min_size=1, max_size=8), st.integers(1, 4)).map(
    lambda pair: pair[0] * (MAX_LINE_LENGTH // len(pair[0]) + pair[1])
)

NAMES = [name for spec in ALL_COMMANDS for name in spec.names]
FLAGS = ["-d", "--devices", "-sr", "--skipRegistrations", "-x", "--devices=1", "-"]
VALUES = [
    "1111",
    "2222",
    "1122,3344",
    "12a",
    "urn:imei:012345678901234",
    "F7DqjmW3Yy",
    "<endpoint_ID>",
    "[-d",
    "ID...]",
    "|",
    "''",
    '"a b"',
    "'x",
    "\\",
    "#",
    "20",
    ".status",
]
DECORATION = ["* ", "- ", "`", "Example usage: ", "Syntax: ", ": why", "$ ", "\u00a0", "\t", "  "]
WORD = st.one_of(
    st.sampled_from(NAMES + FLAGS + VALUES + DECORATION),
    st.text(alphabet=ANY_CHAR, max_size=6),
)
# Lines that look like commands, so that many of them are valid and most code paths run.
COMMANDISH = st.tuples(
    st.sampled_from(["", "* `", "Example usage: ", "  ", "$ "]),
    st.sampled_from(NAMES),
    st.lists(WORD, max_size=7),
    st.sampled_from(["", "`", "`: explanation", ": note", " # comment", "  "]),
).map(lambda parts: parts[0] + parts[1] + " " + " ".join(parts[2]) + parts[3])
# Short strings of the characters the parser treats specially, alone and together.
TRICKY = st.text(alphabet=" \t\x0c\x1c\x85\r\n\u00a0\u2028`'\"\\#:<>|[]-*$.,", max_size=12)
LINES = st.one_of(ANY_TEXT, COMMANDISH, TRICKY, st.lists(WORD, max_size=10).map("".join))


def _check_result(line: str, result: Command | ParseError | None) -> None:
    assert result is None or isinstance(result, (Command, ParseError))
    if isinstance(result, ParseError):
        assert result.message and "\n" not in result.message
        if result.position is not None and len(line) <= MAX_LINE_LENGTH:
            assert 0 <= result.position <= len(clean_pasted_line(line))
    if isinstance(result, Command):
        assert forbidden_char(result.text) is None
        if not result.local:
            assert result.text == " ".join(result.tokens)
            assert all(token and not any(c.isspace() for c in token) for token in result.tokens)


@settings(max_examples=400)
@given(LINES)
def test_parse_never_raises(line: str) -> None:
    _check_result(line, parse(line))


@settings(max_examples=25)
@given(HUGE_TEXT)
def test_huge_lines_are_refused_not_raised(line: str) -> None:
    result = parse(line)
    assert isinstance(result, ParseError)
    assert "line too long" in result.message
    assert classify(line) == [(0, len(line), Role.INVALID)]
    assert suggest(line) == []


@settings(max_examples=400)
@given(COMMANDISH)
def test_a_valid_command_round_trips_through_its_text(line: str) -> None:
    command = parse(line)
    if isinstance(command, Command):
        again = parse(command.text)
        assert again == command


@settings(max_examples=300)
@given(LINES)
def test_classify_covers_every_character_once(line: str) -> None:
    spans = classify(line)
    position = 0
    for start, end, role in spans:
        assert start == position and end > start
        assert isinstance(role, Role)
        position = end
    assert position == len(line)


@settings(max_examples=300)
@given(LINES)
def test_suggest_never_raises_and_points_into_the_text(text: str) -> None:
    for suggestion in suggest(text):
        assert 0 <= suggestion.start <= len(text)


@settings(max_examples=100)
@given(st.lists(LINES, max_size=6).map("\n".join))
def test_parse_lines_never_raises(block: str) -> None:
    numbers = []
    for number, result in parse_lines(block):
        assert isinstance(result, (Command, ParseError))
        numbers.append(number)
    assert numbers == sorted(set(numbers))


@settings(max_examples=300)
@given(LINES)
def test_clean_up_is_idempotent(line: str) -> None:
    once = clean_pasted_line(line)
    assert clean_pasted_line(once) == once


# --- generated valid commands, written with random quoting ---------------------------------------

DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
DEVICE_IDS = st.lists(
    st.text(alphabet=DIGITS, min_size=1, max_size=12), min_size=1, max_size=4, unique=True
)
# An endpoint ending in "..." reads as usage notation (``ID...``) and is refused on purpose.
ENDPOINTS = (
    st.tuples(
        st.sampled_from(LETTERS + DIGITS),
        st.text(alphabet=LETTERS + DIGITS + ":._@/+=-", max_size=40),
    )
    .map("".join)
    .filter(lambda value: not value.endswith("..."))
)
REGISTRATION_IDS = st.text(alphabet=LETTERS + DIGITS + "_-", min_size=1, max_size=20).filter(
    lambda value: not value.startswith("-")
)
MIGRATE_FLAGS = st.sampled_from(["-d", "--devices"])
SKIP_FLAGS = st.sampled_from(["-sr", "--skipRegistrations"])


@st.composite
def written(draw: st.DrawFn, value: str) -> str:
    """``value`` as a user might type it: plain, quoted, or with escapes."""
    style = draw(st.sampled_from(["plain", "single", "double", "escaped", "mixed"]))
    if style == "single":
        return f"'{value}'"
    if style == "double":
        return f'"{value}"'
    if style == "escaped":
        return "".join("\\" + char for char in value)
    if style == "mixed" and len(value) > 1:
        return f"{value[0]}'{value[1:]}'"
    return value


@st.composite
def migrate_command(draw: st.DrawFn) -> tuple[str, str, tuple[str, ...]]:
    """Flags in a random order, device IDs possibly split over two -d groups."""
    ids = draw(DEVICE_IDS) if draw(st.booleans()) else []
    split = draw(st.integers(1, max(len(ids), 1)))
    groups = [(draw(MIGRATE_FLAGS), group) for group in (ids[:split], ids[split:]) if group]
    parts: list[tuple[str, list[str]]] = list(groups)
    if draw(st.booleans()):
        parts.append((draw(SKIP_FLAGS), []))
    parts = draw(st.permutations(parts))
    words = [word for flag, group in parts for word in [flag, *(draw(written(i)) for i in group)]]
    in_order = tuple(i for _flag, group in parts for i in group)
    return " ".join(["migrateLwm2mDevices", *words]), "migrateLwm2mDevices", in_order


@st.composite
def valid_command(draw: st.DrawFn) -> tuple[str, str, tuple[str, ...]]:
    """(line, spec name, device IDs in order) for a command that must be accepted."""
    kind = draw(st.sampled_from(["migrate", "legacy", "endpoint", "registration"]))
    if kind == "migrate":
        return draw(migrate_command())
    if kind == "legacy":
        ids = draw(DEVICE_IDS)
        line = "migrateLwm2mDevices " + draw(written(",".join(ids)))
        return line, "migrateLwm2mDevices", tuple(ids)
    if kind == "endpoint":
        name = draw(
            st.sampled_from(
                ["invalidateRegistrationsForEndpoint", "cleanupClusterTenantObjectsForEndpoint"]
            )
        )
        return f"{name} {draw(written(draw(ENDPOINTS)))}", name, ()
    name = "invalidateRegistrationById"
    return f"{name} {draw(written(draw(REGISTRATION_IDS)))}", name, ()


@settings(max_examples=400)
@given(valid_command(), st.sampled_from(["", "  ", "* `", "Example usage: "]), st.booleans())
def test_generated_valid_commands_are_accepted_and_round_trip(
    case: tuple[str, str, tuple[str, ...]], prefix: str, explained: bool
) -> None:
    line, spec_name, device_ids = case
    decorated = prefix + line + ("`" if "`" in prefix else "") + (": why" if explained else "")
    command = parse(decorated)
    assert isinstance(command, Command), (decorated, command)
    assert command.spec_name == spec_name
    assert command.device_ids == device_ids
    assert command.tenant_wide == (spec_name == "migrateLwm2mDevices" and not device_ids)
    again = parse(command.text)  # what is sent reads back as the same command
    assert isinstance(again, Command) and again.text == command.text
    assert (again.device_ids, again.flags, again.args) == (device_ids, command.flags, command.args)
    assert parse(line) == command
