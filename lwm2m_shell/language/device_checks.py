"""Checks of a device command before it is sent: grammar, paths against the object model,
operations, value types and ranges, and the special arguments (hex, attributes, firmware, CoAP).

Errors stop the command (nothing is sent); warnings are shown and the command goes out as typed.
An unknown object or resource is only a warning: devices carry vendor objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .device_commands import SERIALIZATION_DEFAULT, SERIALIZATION_FORMATS
from .device_values import (
    arglist_problems,
    binary_problem,
    coap_problems,
    firmware_problem,
    json_problem,
    value_problem,
    write_attribute_problems,
)
from .lwm2m_path import depth_problem, parse_path
from .objects import ObjectModel, ResourceDef
from .roles import Role
from .spec import ArgKind, ArgSpec, CommandSpec

# Arguments that, when last, take the rest of the line as typed (spaces included).
REST_KINDS = frozenset(
    {
        ArgKind.LWM2M_VALUE,
        ArgKind.TEXT,
        ArgKind.EXECUTE_ARGS,
        ArgKind.OBJECT_JSON,
        ArgKind.COAP_REQUEST,
        ArgKind.FIRMWARE,
        ArgKind.WRITE_ATTRIBUTES,
    }
)
_EXECUTES = frozenset({"execute", "executelegacy"})
_WRITES = frozenset({"write", "cwrite", "writeb"})
_READS = frozenset({"read", "cread", "observe", "cobserve"})
_SEPARATORS = " \t"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: ``position`` is the offset in the line it concerns, when known."""

    severity: Severity
    message: str
    position: int | None = None
    suggestion: str | None = None


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int


def split_words(line: str, start: int = 0) -> list[Word]:
    """The words of ``line[start:]``, separated by spaces and tabs; no quoting (device commands
    are sent as typed, so quotes are part of the words)."""
    words: list[Word] = []
    position = start
    while position < len(line):
        while position < len(line) and line[position] in _SEPARATORS:
            position += 1
        begin = position
        while position < len(line) and line[position] not in _SEPARATORS:
            position += 1
        if position > begin:
            words.append(Word(line[begin:position], begin, position))
    return words


@dataclass
class DeviceCheck:
    """The result of checking one device command line."""

    spec: CommandSpec
    line: str
    findings: list[Finding] = field(default_factory=list)
    args: dict[str, str] = field(default_factory=dict)
    paths: list[tuple[int, ...]] = field(default_factory=list)
    spans: list[tuple[int, int, Role]] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [found for found in self.findings if found.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [found for found in self.findings if found.severity is Severity.WARNING]

    def error(self, message: str, position: int | None, suggestion: str | None = None) -> None:
        self.findings.append(Finding(Severity.ERROR, message, position, suggestion))

    def warn(self, message: str, position: int | None) -> None:
        self.findings.append(Finding(Severity.WARNING, message, position))

    def mark(self, word: Word, role: Role) -> None:
        self.spans.append((word.start, word.end, role))


def check_device_command(
    spec: CommandSpec, line: str, head_end: int, objects: ObjectModel
) -> DeviceCheck:
    """Check ``line`` (the command word ends at ``head_end``) against ``spec`` and ``objects``."""
    check = DeviceCheck(spec, line)
    words = split_words(line, head_end)
    index = 0
    for number, arg in enumerate(spec.args):
        rest = words[index:]
        if arg.repeat:
            _repeated(check, arg, rest, objects)
            index = len(words)
            break
        if not rest:
            if arg.required:
                example = spec.examples[0][0] if spec.examples else spec.usage
                check.error(f"{spec.name} needs {arg.display} after it, e.g. {example}", len(line))
            break
        if number == len(spec.args) - 1 and arg.kind in REST_KINDS:
            word = Word(line[rest[0].start :], rest[0].start, len(line))
            index = len(words)
        else:
            word = rest[0]
            index += 1
        _argument(check, arg, word, objects)
    for extra in words[index:]:
        check.error(f"unexpected '{extra.text}': usage: {spec.usage}", extra.start)
        check.mark(extra, Role.INVALID)
    return check


def _repeated(check: DeviceCheck, arg: ArgSpec, words: list[Word], objects: ObjectModel) -> None:
    """cread, cobserve, cancelobservation: paths; cwrite's further pairs: path value ..."""
    spec = check.spec
    if not words and arg.required:
        example = spec.examples[0][0] if spec.examples else spec.usage
        check.error(f"{spec.name} needs at least one path, e.g. {example}", len(check.line))
        return
    pairs = spec.name == "cwrite"
    seen: set[str] = set(check.args.get("path", "").split()) if pairs else set()
    resource: ResourceDef | None = None
    for position, word in enumerate(words):
        if pairs and position % 2:
            _value(check, word, resource)
            continue
        if word.text in seen:
            check.warn(f"path {word.text} given twice", word.start)
        seen.add(word.text)
        resource = _path(check, word, objects)
    if pairs and len(words) % 2:
        check.error(f"missing the value for {words[-1].text}", len(check.line))
    check.args[arg.name] = " ".join(word.text for word in words)


def _argument(check: DeviceCheck, arg: ArgSpec, word: Word, objects: ObjectModel) -> None:
    check.args[arg.name] = word.text
    kind = arg.kind
    if kind is ArgKind.LWM2M_PATH:
        check.args[arg.name] = word.text
        _path(check, word, objects)
        return
    if kind is ArgKind.LWM2M_VALUE:
        resource = _last_resource(check, objects)
        _value(check, word, resource)
        return
    errors: list[tuple[str, int]] = []
    warnings: list[tuple[str, int]] = []
    if kind is ArgKind.EXECUTE_ARGS:
        errors = arglist_problems(word.text)
    elif kind is ArgKind.HEX_OR_BINARY:
        problem = binary_problem(word.text)
        errors = [(problem, 0)] if problem else []
    elif kind is ArgKind.WRITE_ATTRIBUTES:
        errors, warnings = write_attribute_problems(word.text)
    elif kind is ArgKind.FIRMWARE:
        found = firmware_problem(word.text)
        errors = [found] if found else []
    elif kind is ArgKind.COAP_REQUEST:
        errors, warnings = coap_problems(word.text)
    elif kind is ArgKind.OBJECT_JSON:
        problem = json_problem(word.text)
        errors = [(problem, 0)] if problem else []
    elif kind is ArgKind.SERIALIZATION:
        _serialization(check, word)
        return
    for message, offset in errors:
        check.error(message, word.start + offset)
    for message, offset in warnings:
        check.warn(message, word.start + offset)
    check.mark(word, Role.INVALID if errors else Role.VALUE)


def _serialization(check: DeviceCheck, word: Word) -> None:
    formats = (*SERIALIZATION_FORMATS, SERIALIZATION_DEFAULT)
    if word.text in formats:
        check.mark(word, Role.VALUE)
        return
    close = next((name for name in formats if name.lower() == word.text.lower()), None)
    hint = f": did you mean {close}?" if close else f": one of {', '.join(formats)}"
    check.error(f"unknown data format '{word.text}'{hint}", word.start, close)
    check.mark(word, Role.INVALID)


def _last_resource(check: DeviceCheck, objects: ObjectModel) -> ResourceDef | None:
    if not check.paths or len(check.paths[-1]) < 3:
        return None
    ids = check.paths[-1]
    return objects.resource(ids[0], ids[2])


def _value(check: DeviceCheck, word: Word, resource: ResourceDef | None) -> None:
    problem = value_problem(resource.type, resource.range, word.text) if resource else None
    if resource is None and word.text == "":
        problem = "the value is empty"
    if problem is not None:
        check.error(problem, word.start)
        check.mark(word, Role.INVALID)
    else:
        check.mark(word, Role.VALUE)


def _path(check: DeviceCheck, word: Word, objects: ObjectModel) -> ResourceDef | None:
    """Check one path word; the resource it names, when the model knows it."""
    name = check.spec.name
    parsed = parse_path(word.text)
    if not isinstance(parsed, tuple):
        suggestion = f"/{word.text}" if word.text[:1].isdigit() else None
        check.error(parsed.message, word.start + parsed.offset, suggestion)
        check.mark(word, Role.INVALID)
        return None
    check.paths.append(parsed)
    problem = depth_problem(name, parsed, word.text)
    if problem is not None:
        check.error(problem, word.start)
        check.mark(word, Role.INVALID)
        return None
    check.mark(word, Role.PATH)
    definition = objects.get(parsed[0])
    if definition is None:
        check.warn(
            f"object {parsed[0]} is not in the object model (a vendor object?): not checked",
            word.start,
        )
        return None
    if len(parsed) >= 2 and not definition.multiple and parsed[1] != 0:
        check.warn(f"{definition.name} ({definition.id}) has a single instance, 0", word.start)
    if len(parsed) < 3:
        return None
    resource = definition.resource(parsed[2])
    if resource is None:
        check.warn(
            f"{definition.name} ({definition.id}) has no resource {parsed[2]} in the object "
            "model: not checked",
            word.start,
        )
        return None
    if len(parsed) == 4 and not resource.multiple:
        check.warn(f"{resource.name} is a single resource: it has no instances", word.start)
    _operation(check, word, resource)
    return resource


def _operation(check: DeviceCheck, word: Word, resource: ResourceDef) -> None:
    name = check.spec.name
    what = f"{word.text} ({resource.name})"
    operations = resource.operations or "none (bootstrap server only)"
    if name in _EXECUTES and not resource.executable:
        check.error(f"{what} cannot be executed: its operations are {operations}", word.start)
    elif name in _WRITES and not resource.writable:
        if resource.executable:
            check.error(f"{what} is executable, not writable: use execute", word.start)
        else:
            check.error(f"{what} cannot be written: its operations are {operations}", word.start)
    elif name in _READS and not resource.readable:
        check.warn(f"{what} is not readable (operations: {operations})", word.start)
    elif name == "writeb" and resource.type not in ("Opaque", ""):
        check.warn(f"{what} is a {resource.type}, not Opaque", word.start)
