"""Checks of characters and values: each returns a one-line reason, or None when all is well."""

from __future__ import annotations

import re
import unicodedata

from .command_set import EXAMPLE_ENDPOINT, EXAMPLE_REGISTRATION_ID
from .spec import ArgKind

MAX_LINE_LENGTH = 10_000
MAX_COUNT = 100_000

_DIGITS = re.compile(r"[0-9]+")
_REGISTRATION_ID = re.compile(r"[A-Za-z0-9_-]+")
_NOT_PLAIN_ASCII = re.compile(r"[^\t\x20-\x7e]")
# The C0 control characters by their usual abbreviations, U+0000 to U+001F.
_C0_NAMES = (  # noqa: SIM905 (one string reads better than 32 list items)
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()

# What belongs in a place of each kind, for "missing ..." and "replace ..." messages.
KIND_EXPECTED: dict[ArgKind, str] = {
    ArgKind.DEVICE_ID: "a device's managed object ID (digits), e.g. 1111",
    ArgKind.DEVICE_ID_LIST: "device IDs separated by commas, e.g. 1122,3344",
    ArgKind.ENDPOINT: f"the device's endpoint client ID, e.g. {EXAMPLE_ENDPOINT}",
    ArgKind.REGISTRATION_ID: f"the registration ID, e.g. {EXAMPLE_REGISTRATION_ID}",
    ArgKind.OPERATION_ID: "an operation ID (digits), e.g. 4711",
    ArgKind.COMMAND_NAME: "a command name, e.g. migrateLwm2mDevices",
    ArgKind.COUNT: "a positive whole number, e.g. 20",
    ArgKind.TEXT: "some text",
    ArgKind.LWM2M_PATH: "an LWM2M path, e.g. /3/0/9",
    ArgKind.LWM2M_VALUE: "a value in the resource's type",
    ArgKind.EXECUTE_ARGS: "an LwM2M argument list, e.g. 0='on',1",
    ArgKind.HEX_OR_BINARY: "hex digits, e.g. 010A, or binary:<ID>",
    ArgKind.WRITE_ATTRIBUTES: "attributes, e.g. pmin=10&pmax=60",
    ArgKind.FIRMWARE: "name;version;url",
    ArgKind.SERIALIZATION: "a data format, e.g. TLV",
    ArgKind.COAP_REQUEST: 'a JSON request, e.g. {"method":"get","uri":"/3/0/0"}',
    ArgKind.OBJECT_JSON: "JSON",
    ArgKind.TARGET: f"an LWM2M device: its endpoint (e.g. {EXAMPLE_ENDPOINT}), ID or name",
}


def describe_char(char: str) -> str:
    """``U+0007 (BEL)``: the code point and, when it has one, the character's name."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0xD800 <= code <= 0xDFFF:
        name = "lone surrogate, not valid Unicode text"
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def forbidden_char(line: str) -> tuple[int, str] | None:
    """The first character no command may hold, as (offset, reason), or None.

    Tabs are allowed (they separate words). Refused: control characters (C0, DEL, C1), lone
    surrogates, and invisible format characters such as U+200B or U+FEFF that would silently
    change an ID pasted from a web page.
    """
    for found in _NOT_PLAIN_ASCII.finditer(line):
        char = found.group(0)
        code = ord(char)
        category = unicodedata.category(char)
        column = found.start() + 1
        if code in (0x0A, 0x0D) or category in ("Zl", "Zp"):
            return found.start(), (
                f"line break {describe_char(char)} at column {column}: give one command per line"
            )
        if category == "Cc":
            return found.start(), f"control character {describe_char(char)} at column {column}"
        if category == "Cs":
            return found.start(), f"invalid character {describe_char(char)} at column {column}"
        if category == "Cf":
            return found.start(), f"invisible character {describe_char(char)} at column {column}"
    return None


def value_problem(kind: ArgKind, value: str) -> str | None:
    """Why ``value`` is not a valid value of ``kind``, or None when it is."""
    if kind in (ArgKind.DEVICE_ID, ArgKind.OPERATION_ID):
        what = "device ID" if kind is ArgKind.DEVICE_ID else "operation ID"
        if _DIGITS.fullmatch(value):
            return None
        if kind is ArgKind.DEVICE_ID and "," in value:
            return f"device IDs after -d/--devices are separated by spaces, not commas: '{value}'"
        return f"{what} must be digits: '{value}'"
    if kind is ArgKind.DEVICE_ID_LIST:
        return _device_list_problem(value)
    if kind is ArgKind.ENDPOINT:
        return _word_problem("endpoint", value) or _endpoint_problem(value)
    if kind is ArgKind.REGISTRATION_ID:
        problem = _word_problem("registration ID", value)
        if problem is None and not _REGISTRATION_ID.fullmatch(value):
            problem = f"registration ID may only hold letters, digits, '_' and '-': '{value}'"
        return problem
    if kind is ArgKind.COUNT:
        significant = value.lstrip("0")
        if not _DIGITS.fullmatch(value) or significant == "":
            return f"the number must be a positive whole number: '{value}'"
        if len(significant) > len(str(MAX_COUNT)) or int(significant) > MAX_COUNT:
            return f"the number is too large: '{value}' (at most {MAX_COUNT:,})"
        return None
    return None  # COMMAND_NAME is checked against the catalogue; TEXT is free


def split_device_list(value: str) -> list[str]:
    return value.split(",")


def _device_list_problem(value: str) -> str | None:
    parts = split_device_list(value)
    for part in parts:
        if part == "":
            return f"empty entry in the device list '{value}'"
        if not _DIGITS.fullmatch(part):
            return f"device ID must be digits: '{part}' in the device list '{value}'"
    return None


def _word_problem(what: str, value: str) -> str | None:
    if value == "":
        return f"the {what} is empty"
    if any(char.isspace() for char in value):
        return f"{what} must not contain whitespace: '{value}'"
    return None


def _endpoint_problem(value: str) -> str | None:
    # The connector receives the command as one line of words; a quote or backslash in an
    # endpoint could not be written so that the shell reads back the same line.
    for char in "'\"\\":
        if char in value:
            return f"endpoint must not contain quotes or backslashes: '{value}'"
    if value.startswith("#"):
        return f"endpoint must not start with '#': '{value}'"
    return None
