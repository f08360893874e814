"""Checks of the values device commands carry: resource values by type and range, hex data,
LwM2M argument lists, notification attributes, firmware triples, raw CoAP requests.

Each check returns problems as ``(message, offset)`` pairs, the offset counted within the value
text, so the caller can point at the character; an empty list means all is well.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from .device_commands import COAP_METHODS, WRITE_ATTRIBUTE_KEYS

Problem = tuple[str, int]

_INTEGER = re.compile(r"[+-]?[0-9]+")
_UNSIGNED = re.compile(r"\+?[0-9]+")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_HEX = re.compile(r"[0-9A-Fa-f]*")
_OBJLNK = re.compile(r"([0-9]+):([0-9]+)")
_NUMBER_RANGE = re.compile(r"(-?[0-9.]+)\.\.(-?[0-9.]+)")
_BYTES_RANGE = re.compile(r"([0-9]+)\.\.([0-9]+)(?: bytes)?")
_NUMBER_LIST = re.compile(r"-?[0-9.]+(?:,-?[0-9.]+)*")
BOOLEAN_VALUES = ("true", "false", "1", "0")
FIRMWARE_SCHEMES = ("http", "https", "coap", "coaps", "coap+tcp", "coaps+tcp")
INT64 = (-(2**63), 2**63 - 1)
UINT64_MAX = 2**64 - 1
_ARG_TEXT_FORBIDDEN = " \"'\\"  # outside CHAR of the arglist grammar (printable ASCII else)
COAP_KEYS = ("method", "uri", "contentFormat", "accept", "payloadHex")


def value_problem(kind: str, allowed: str, value: str) -> str | None:
    """Why ``value`` is no value of resource type ``kind`` within range ``allowed``, or None."""
    if value == "":
        return "the value is empty"
    number: float | None = None
    if kind == "Integer":
        if not _INTEGER.fullmatch(value):
            return f"'{value}' is not a whole number (the resource is an Integer)"
        number = int(value)
        if not INT64[0] <= number <= INT64[1]:
            return f"{value} does not fit a 64-bit Integer"
    elif kind == "Unsigned Integer":
        if not _UNSIGNED.fullmatch(value):
            return f"'{value}' is not a whole number of 0 or more (an Unsigned Integer)"
        number = int(value)
        if number > UINT64_MAX:
            return f"{value} does not fit a 64-bit Unsigned Integer"
    elif kind == "Float":
        if not _FLOAT.fullmatch(value) or not math.isfinite(float(value)):
            return f"'{value}' is not a number (the resource is a Float)"
        number = float(value)
    elif kind == "Boolean":
        if value not in BOOLEAN_VALUES:
            return f"'{value}' is not a Boolean: write true, false, 1 or 0"
    elif kind == "Time":
        return _time_problem(value)
    elif kind == "Objlnk":
        return _objlnk_problem(value)
    elif kind == "Opaque":
        return hex_problem(value) or _opaque_length_problem(len(value) // 2, allowed)
    if number is not None:
        return _number_range_problem(number, value, allowed)
    if kind == "String":
        return _length_problem(value, allowed)
    return None


def _time_problem(value: str) -> str | None:
    if _INTEGER.fullmatch(value):
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f"'{value}' is not a Time: seconds since 1970 (e.g. 1700000000) or ISO 8601"
    return None


def _objlnk_problem(value: str) -> str | None:
    found = _OBJLNK.fullmatch(value)
    if found is None or max(int(found.group(1)), int(found.group(2))) > 65535:
        return f"'{value}' is not an object link: write object:instance, e.g. 3303:0"
    return None


def _number_range_problem(number: float, value: str, allowed: str) -> str | None:
    found = _NUMBER_RANGE.fullmatch(allowed)
    if found is not None:
        low, high = _to_number(found.group(1)), _to_number(found.group(2))
        if low is not None and high is not None and not low <= number <= high:
            return f"{value} is out of range: {allowed}"
        return None
    if _NUMBER_LIST.fullmatch(allowed):
        choices = [_to_number(part) for part in allowed.split(",")]
        if number not in choices:
            return f"{value} is not allowed: one of {allowed}"
    return None


def _length_problem(value: str, allowed: str) -> str | None:
    found = _BYTES_RANGE.fullmatch(allowed)
    if found is None:
        return None
    size = len(value.encode("utf-8"))
    low, high = int(found.group(1)), int(found.group(2))
    if not low <= size <= high:
        return f"the text is {size} bytes long; the resource takes {low} to {high} bytes"
    return None


def _opaque_length_problem(size: int, allowed: str) -> str | None:
    """An Opaque's range is its length in bytes: ``0..255 bytes``, ``6`` or ``16,32,48``."""
    found = _BYTES_RANGE.fullmatch(allowed)
    if found is not None and not int(found.group(1)) <= size <= int(found.group(2)):
        return f"{size} bytes given; the resource takes {found.group(1)} to {found.group(2)}"
    listed = found is None and _NUMBER_LIST.fullmatch(allowed) is not None
    if listed and str(size) not in allowed.split(","):
        return f"{size} bytes given; the resource takes {allowed.replace(',', ', ')} bytes"
    return None


def _to_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def hex_problem(value: str) -> str | None:
    """Why ``value`` is not an even, non-empty run of hex digits, or None."""
    if value == "":
        return "no hex digits given"
    found = _HEX.match(value)
    stop = found.end() if found else 0
    if stop < len(value):
        return f"'{value[stop]}' at character {stop + 1} of '{value}' is not a hex digit"
    if len(value) % 2:
        return f"odd number of hex digits ({len(value)}): every byte takes two, e.g. 0A"
    return None


def binary_problem(value: str) -> str | None:
    """writeb's data: hex digits, or ``binary:<managed object ID>``."""
    if value.startswith("binary:"):
        ident = value.removeprefix("binary:")
        if ident.isascii() and ident.isdigit():
            return None
        return f"binary: takes the managed object ID of an uploaded file (digits): '{value}'"
    return hex_problem(value)


def arglist_problems(text: str) -> list[Problem]:
    """The LwM2M 1.1.1 argument list: ``arg *("," arg)``, ``arg = DIGIT ["='" *CHAR "'"]``,
    CHAR being printable ASCII without space, double quote, single quote and backslash."""
    position = 0
    while True:
        if position >= len(text) or not text[position].isdigit() or not text[position].isascii():
            return [("an argument is a single digit 0-9, e.g. 0='on',1", position)]
        position += 1
        if text.startswith("='", position):
            close = text.find("'", position + 2)
            if close < 0:
                return [("unclosed ' in the argument list", position + 1)]
            for offset in range(position + 2, close):
                char = text[offset]
                if char in _ARG_TEXT_FORBIDDEN or not " " < char < "\x7f":
                    shown = "a space" if char == " " else f"'{char}'"
                    return [(f"{shown} is not allowed inside an argument's text", offset)]
            position = close + 1
        elif position < len(text) and text[position] == "=":
            return [("an argument's text is written in single quotes: 0='text'", position + 1)]
        if position == len(text):
            return []
        if text[position] != ",":
            return [("arguments are separated by commas, e.g. 0='on',1", position)]
        position += 1


def write_attribute_problems(text: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for ``pmin=10&pmax=60&gt=1.5&cancel``."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    values: dict[str, float] = {}
    offset = 0
    for part in text.split("&"):
        key, has_value, raw = part.partition("=")
        if key not in WRITE_ATTRIBUTE_KEYS:
            known = ", ".join(WRITE_ATTRIBUTE_KEYS)
            errors.append((f"unknown attribute '{key}': the attributes are {known}", offset))
        elif key in values:
            errors.append((f"attribute {key} given twice", offset))
        elif key == "cancel":
            if has_value:
                errors.append(("cancel takes no value", offset))
            values[key] = 0
        elif not has_value or raw == "":
            errors.append((f"{key} needs a value: {key}=<number>", offset))
        elif key in ("pmin", "pmax") and not _UNSIGNED.fullmatch(raw):
            errors.append((f"{key} is a number of seconds (0 or more): '{raw}'", offset))
        elif not _FLOAT.fullmatch(raw):
            errors.append((f"{key} needs a number: '{raw}'", offset))
        elif key == "st" and float(raw) < 0:
            errors.append((f"st is a step and cannot be negative: '{raw}'", offset))
        else:
            values[key] = float(raw)
        offset += len(part) + 1
    if "pmin" in values and "pmax" in values and values["pmin"] > values["pmax"]:
        warnings.append(("pmin is greater than pmax: the device will ignore pmax", 0))
    if "cancel" in values and len(values) > 1:
        warnings.append(("cancel removes the attributes; the others given with it are moot", 0))
    return errors, warnings


def firmware_problem(text: str) -> Problem | None:
    """``<name>;<version>;<url>``: three parts, none empty, the last a URL with a host."""
    parts = text.split(";")
    if len(parts) != 3:
        return (f"give name;version;url (three parts separated by ';'), not {len(parts)}", 0)
    name, version, url = parts
    if not name.strip():
        return ("the firmware name is empty", 0)
    if not version.strip():
        return ("the firmware version is empty", len(name) + 1)
    url_at = len(name) + len(version) + 2
    try:
        split = urlsplit(url)
    except ValueError:
        return (f"'{url}' is not a URL", url_at)
    if split.scheme.lower() not in FIRMWARE_SCHEMES or not split.netloc:
        schemes = ", ".join(FIRMWARE_SCHEMES)
        return (f"'{url}' is not a URL with a host; the schemes are {schemes}", url_at)
    return None


def json_problem(text: str) -> str | None:
    """Why ``text`` is not a JSON value (create's initial values), or None."""
    try:
        json.loads(text)
    except RecursionError:
        return "not valid JSON: nested too deeply"
    except ValueError as error:
        return f"not valid JSON: {error}"
    return None


def coap_problems(text: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for a raw CoAP request in JSON."""
    try:
        request = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as duplicate:
        return [(f"key {duplicate} given twice in the request", 0)], []
    except RecursionError:
        return [("the request is nested too deeply", 0)], []
    except ValueError as error:
        return [(f"the request is not valid JSON: {error}", 0)], []
    if not isinstance(request, dict):
        return [('the request must be a JSON object: {"method": "get", ...}', 0)], []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    method = request.get("method")
    if not isinstance(method, str) or method.lower() not in COAP_METHODS:
        methods = ", ".join(COAP_METHODS)
        errors.append((f"method must be one of {methods}, not {json.dumps(method)}", 0))
    uri = request.get("uri")
    if uri is not None and not isinstance(uri, str):
        errors.append(("uri must be a string (a path) or null", 0))
    elif isinstance(uri, str) and not uri.startswith("/"):
        warnings.append((f"uri '{uri}' does not start with '/'", 0))
    for key in ("contentFormat", "accept"):
        errors += _content_format_problem(key, request.get(key))
    payload = request.get("payloadHex")
    if payload is not None:
        problem = hex_problem(payload) if isinstance(payload, str) else "not a string"
        if problem is not None:
            errors.append((f"payloadHex: {problem}", 0))
    unknown = [key for key in request if key not in COAP_KEYS]
    if unknown:
        warnings.append((f"unknown key(s) {', '.join(unknown)}: the agent may ignore them", 0))
    return errors, warnings


def _content_format_problem(key: str, value: Any) -> list[Problem]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        return [(f"{key} must be a CoAP content-format number (0..65535) or null", 0)]
    return []


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result
