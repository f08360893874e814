"""The LWM2M agent's handling of a device shell operation: the seventeen commands.

The text of one ``c8y_Command`` may hold several lines; each is its own LWM2M operation, all are
run and answered in one result. A line that fails makes the whole operation FAILED, with the
CoAP code of the first failure as the failure reason (``4.04 Not Found`` ...). Independent of
lwm2m_shell.language: this is the server side's own parser.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable

from .agent_commands import Outcome
from .lwm2m_device import (
    ATTRIBUTE_KEYS,
    BAD_REQUEST,
    NOT_FOUND,
    SERIALIZATIONS,
    CoapError,
    Lwm2mDevice,
    Path,
    parse_path,
)

COAP_METHODS = ("get", "post", "put", "delete", "fetch", "ipatch", "patch")
_ARGLIST = re.compile(r"\d(='[^']*')?(,\d(='[^']*')?)*")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
Handler = Callable[[Lwm2mDevice, str], str]


def run_device_command(text: object, device: Lwm2mDevice) -> Outcome:
    """Answer the whole text of one device shell operation."""
    if not isinstance(text, str) or not text.strip():
        return Outcome("FAILED", f"{BAD_REQUEST}: no command given", BAD_REQUEST)
    if text != text.strip():
        detail = "the command text has leading or trailing whitespace"
        return Outcome("FAILED", f"{BAD_REQUEST}: {detail}", BAD_REQUEST)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    answers: list[str] = []
    failure: str | None = None
    for number, line in enumerate(lines, start=1):
        try:
            answer = run_line(line, device)
        except CoapError as error:
            answer = f"{error.code}: {error.detail}"
            if failure is None:
                failure = error.code if len(lines) == 1 else f"line {number}: {error.code}"
        answers.append(answer if len(lines) == 1 else f"{line}\n{answer}")
    result = "\n\n".join(answers)
    return Outcome("FAILED" if failure else "SUCCESSFUL", result, failure)


def run_line(line: str, device: Lwm2mDevice) -> str:
    name, _, rest = line.partition(" ")
    handler = _HANDLERS.get(name)
    if handler is None:
        raise CoapError(BAD_REQUEST, f"unknown command '{name}'")
    return handler(device, rest.strip())


# --- formatting --------------------------------------------------------------------------
def _plain(value: object) -> object:
    if isinstance(value, bytes):
        return value.hex().upper()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _text(value: object) -> str:
    shown = _plain(value)
    if isinstance(shown, dict):
        return json.dumps(shown)
    if isinstance(shown, bool):
        return "true" if shown else "false"
    return str(shown)


def _senml(path: Path, value: object) -> str:
    records: list[dict[str, object]] = []

    def add(name: str, item: object) -> None:
        if isinstance(item, dict):
            for key, inner in item.items():
                add(f"{name}/{key}" if name else str(key), inner)
            return
        record: dict[str, object] = {"n": name}
        if isinstance(item, bool):
            record["vb"] = item
        elif isinstance(item, (int, float)):
            record["v"] = item
        elif isinstance(item, bytes):
            record["vd"] = base64.urlsafe_b64encode(item).decode().rstrip("=")
        else:
            record["vs"] = str(item)
        records.append(record)

    add("", value)
    if records:
        records[0]["bn"] = path.text + "/" if isinstance(value, dict) else path.text
    return json.dumps(records)


def _render(device: Lwm2mDevice, path: Path, value: object) -> str:
    if device.serialization == "SENML_JSON":
        return _senml(path, value)
    return _text(value)


# --- arguments ---------------------------------------------------------------------------
def _one_path(rest: str, command: str) -> tuple[Path, str]:
    """The path at the start of ``rest`` and what follows it."""
    if not rest:
        raise CoapError(BAD_REQUEST, f"{command} needs a path")
    text, _, tail = rest.partition(" ")
    return parse_path(text), tail.strip()


def _paths(rest: str, command: str) -> tuple[str, ...]:
    words = rest.split()
    if not words:
        raise CoapError(BAD_REQUEST, f"{command} needs at least one path")
    for word in words:
        parse_path(word)
    return tuple(words)


def _only_path(rest: str, command: str) -> Path:
    path, tail = _one_path(rest, command)
    if tail:
        raise CoapError(BAD_REQUEST, f"{command} takes one path, not '{tail}'")
    return path


# --- the commands ------------------------------------------------------------------------
def _read(device: Lwm2mDevice, rest: str) -> str:
    path = _only_path(rest, "read")
    return _render(device, path, device.read(path))


def _cread(device: Lwm2mDevice, rest: str) -> str:
    paths = _paths(rest, "cread")
    return json.dumps({p: _plain(device.read(parse_path(p))) for p in paths})


def _observe(device: Lwm2mDevice, rest: str) -> str:
    path = _only_path(rest, "observe")
    value = device.read(path)
    device.observe((path.text,))
    return _render(device, path, value)


def _cobserve(device: Lwm2mDevice, rest: str) -> str:
    paths = _paths(rest, "cobserve")
    values = {p: _plain(device.read(parse_path(p))) for p in paths}
    device.observe(paths)
    return json.dumps(values)


def _execute(device: Lwm2mDevice, rest: str) -> str:
    path, arguments = _one_path(rest, "execute")
    if arguments and not _ARGLIST.fullmatch(arguments):
        raise CoapError(BAD_REQUEST, f"'{arguments}' is not an LWM2M argument list (0='abc',1)")
    return f"2.04 Changed: {device.execute(path, arguments)}"


def _execute_legacy(device: Lwm2mDevice, rest: str) -> str:
    path, arguments = _one_path(rest, "executelegacy")
    return f"2.04 Changed: {device.execute(path, arguments)}"


def _write(device: Lwm2mDevice, rest: str) -> str:
    path, value = _one_path(rest, "write")
    if not value:
        raise CoapError(BAD_REQUEST, "write needs a path and a value")
    device.write(path, value)
    return "2.04 Changed"


def _cwrite(device: Lwm2mDevice, rest: str) -> str:
    words = rest.split()
    if not words or len(words) % 2:
        raise CoapError(BAD_REQUEST, "cwrite needs pairs of path and value")
    pairs = [(parse_path(words[i]), words[i + 1]) for i in range(0, len(words), 2)]
    for path, value in pairs:
        device.check_writable(path, value)
    for path, value in pairs:
        device.write(path, value)
    return "2.04 Changed"


def _writeb(device: Lwm2mDevice, rest: str) -> str:
    path, data = _one_path(rest, "writeb")
    if data.startswith("binary:"):
        binary_id = data[len("binary:") :]
        if not binary_id.isdigit():
            raise CoapError(BAD_REQUEST, f"'{binary_id}' is not a managed object ID")
        data = f"{int(binary_id):016X}"
    if not data or len(data) % 2 or not re.fullmatch(r"[0-9A-Fa-f]+", data):
        raise CoapError(BAD_REQUEST, "writeb needs an even number of hex digits")
    device.write(path, data, binary=True)
    return f"2.04 Changed: {len(data) // 2} byte(s) written"


def _cancel(device: Lwm2mDevice, rest: str) -> str:
    device.cancel_observation(_paths(rest, "cancelobservation"))
    return "2.05 Content: observation cancelled"


def _delete(device: Lwm2mDevice, rest: str) -> str:
    device.delete(_only_path(rest, "delete"))
    return "2.02 Deleted"


def _discover(device: Lwm2mDevice, rest: str) -> str:
    return device.discover(_only_path(rest, "discover"))


def _create(device: Lwm2mDevice, rest: str) -> str:
    path, body = _one_path(rest, "create")
    if path.instance is not None:
        raise CoapError(BAD_REQUEST, "create takes an object path (/3303)")
    resources: dict[int, str] = {}
    if body:
        try:
            data = json.loads(body)
        except json.JSONDecodeError as error:
            raise CoapError(BAD_REQUEST, f"malformed JSON: {error.msg}") from None
        if not isinstance(data, dict) or not all(k.isdigit() for k in data):
            raise CoapError(BAD_REQUEST, 'expected {"<resource ID>": value, ...}')
        for key, value in data.items():
            if isinstance(value, (dict, list)) or value is None:
                raise CoapError(BAD_REQUEST, f"resource {key}: a single value is expected")
            resources[int(key)] = json.dumps(value) if isinstance(value, bool) else str(value)
    instance = device.create(path.object, resources)
    return f"2.01 Created: /{path.object}/{instance}"


def _writeattr(device: Lwm2mDevice, rest: str) -> str:
    path, query = _one_path(rest, "writeattr")
    if not query:
        raise CoapError(BAD_REQUEST, "writeattr needs attributes (pmin=10&pmax=60)")
    attributes: dict[str, str] = {}
    for item in query.split("&"):
        key, sep, value = item.partition("=")
        if key == "cancel" and not sep:
            attributes["cancel"] = ""
        elif key in ATTRIBUTE_KEYS and sep and _NUMBER.fullmatch(value):
            attributes[key] = value
        else:
            raise CoapError(BAD_REQUEST, f"bad attribute '{item}'")
    device.write_attributes(path, attributes)
    return "2.04 Changed"


def _fwupdate(device: Lwm2mDevice, rest: str) -> str:
    parts = rest.split(";")
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise CoapError(BAD_REQUEST, "fwupdate needs <name>;<version>;<url>")
    name, version, url = (p.strip() for p in parts)
    if not re.fullmatch(r"(https?|coaps?)://\S+", url):
        raise CoapError(BAD_REQUEST, f"'{url}' is not a URL")
    device.start_firmware_update(name, version, url)
    return f"Firmware update of {name} {version} started: downloading from {url}"


def _serialization(device: Lwm2mDevice, rest: str) -> str:
    if rest not in SERIALIZATIONS:
        raise CoapError(BAD_REQUEST, f"unknown format '{rest}'; one of {', '.join(SERIALIZATIONS)}")
    device.serialization = rest
    return f"Serialization set to {rest}"


def _coap(device: Lwm2mDevice, rest: str) -> str:
    try:
        request = json.loads(rest)
    except json.JSONDecodeError as error:
        raise CoapError(BAD_REQUEST, f"malformed request JSON: {error.msg}") from None
    if not isinstance(request, dict) or request.get("method") not in COAP_METHODS:
        raise CoapError(BAD_REQUEST, f"a request needs a method ({', '.join(COAP_METHODS)})")
    uri, payload_hex = request.get("uri"), request.get("payloadHex")
    if not isinstance(uri, str):
        raise CoapError(NOT_FOUND, "the request has no uri")
    if payload_hex is not None and (
        not isinstance(payload_hex, str) or len(payload_hex) % 2
        or not re.fullmatch(r"[0-9A-Fa-f]*", payload_hex)
    ):  # fmt: skip
        raise CoapError(BAD_REQUEST, "payloadHex must be an even number of hex digits")
    payload = bytes.fromhex(payload_hex or "").decode("utf-8", "replace")
    path = parse_path(uri)
    method = request["method"]
    body, code, content_format = "", "2.04", None
    if method in ("get", "fetch"):
        body, code, content_format = _text(device.read(path)), "2.05", 0
    elif method in ("put", "ipatch", "patch"):
        device.write(path, payload)
    elif method == "post":
        device.execute(path, payload)
    else:
        device.delete(path)
        code = "2.02"
    answer = {"code": code, "contentFormat": content_format, "payloadHex": body.encode().hex()}
    return json.dumps(answer)


_HANDLERS: dict[str, Handler] = {
    "read": _read,
    "cread": _cread,
    "observe": _observe,
    "cobserve": _cobserve,
    "execute": _execute,
    "executelegacy": _execute_legacy,
    "write": _write,
    "cwrite": _cwrite,
    "writeb": _writeb,
    "cancelobservation": _cancel,
    "delete": _delete,
    "discover": _discover,
    "create": _create,
    "writeattr": _writeattr,
    "fwupdate": _fwupdate,
    "serialization": _serialization,
    "coap": _coap,
}
