"""Completion after a device command: LWM2M paths level by level with names from the object
model, data formats for ``serialization``, attribute keys for ``writeattr``.

Pure: the caller passes the object model and the instance IDs it has seen in results.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .device_checks import REST_KINDS, split_words
from .device_commands import SERIALIZATION_DEFAULT, SERIALIZATION_FORMATS, WRITE_ATTRIBUTE_KEYS
from .lwm2m_path import PATH_DEPTH
from .objects import ObjectDef, ObjectModel, ResourceDef
from .spec import ArgKind, ArgSpec, CommandSpec

Instances = Mapping[int, Iterable[int]]

_EXECUTES = frozenset({"execute", "executelegacy"})
_WRITES = frozenset({"write", "cwrite", "writeb"})
_READS = frozenset({"read", "cread", "observe", "cobserve"})


@dataclass(frozen=True)
class Candidate:
    """One completion: ``text`` replaces the partial word; ``display`` and ``meta`` are what a
    menu shows (``4`` and ``Reboot  E``)."""

    text: str
    display: str
    meta: str = ""


def argument_at(spec: CommandSpec, text: str, head_end: int) -> tuple[ArgSpec | None, str, int]:
    """The argument being typed at the end of ``text``, the partial word and where it starts.

    For cwrite's pairs the value places answer LWM2M_VALUE and the path places LWM2M_PATH."""
    words = split_words(text, head_end)
    if words and words[-1].end == len(text):
        partial = words.pop()
        word, start = partial.text, partial.start
    else:
        word, start = "", len(text)
    done = len(words)
    for index, arg in enumerate(spec.args):
        last = index == len(spec.args) - 1
        if arg.repeat:
            if spec.name == "cwrite" and (done - index) % 2:
                return spec.args[1], word, start  # the value of a pair
            return arg, word, start
        if done == index:
            return arg, word, start
        if last and arg.kind in REST_KINDS:
            return None, word, start  # inside free text: nothing to offer
    return None, word, start


def path_candidates(
    command: str, partial: str, objects: ObjectModel, instances: Instances | None = None
) -> list[Candidate]:
    """Candidates for a path being typed: objects after ``/``, instances after ``/3/``,
    resources after ``/3/0/``, filtered by what ``command`` can do with them."""
    if partial and not partial.startswith("/"):
        return []
    parts = partial[1:].split("/") if partial else [""]
    done, prefix = parts[:-1], parts[-1]
    if not all(part.isascii() and part.isdigit() for part in done):
        return []
    level = len(parts)
    if level > PATH_DEPTH.get(command, (1, 4))[1] or level > 3:
        return []
    if level == 1:
        return [
            Candidate(f"/{definition.id}", str(definition.id), definition.name)
            for definition in objects
            if _offers_object(command, definition) and _matches(prefix, definition)
        ]
    definition = objects.get(int(done[0]))
    base = "/" + "/".join(done)
    if level == 2:
        known = list(instances.get(int(done[0]), ())) if instances else []
        ids = sorted(set(known)) if known and (definition is None or definition.multiple) else [0]
        name = definition.name if definition else f"object {done[0]}"
        return [
            Candidate(f"{base}/{ident}", str(ident), f"{name} instance")
            for ident in ids
            if str(ident).startswith(prefix)
        ]
    if definition is None:
        return []
    return [
        Candidate(f"{base}/{resource.id}", str(resource.id), resource.label)
        for resource in sorted(definition.resources.values(), key=lambda found: found.id)
        if _offers_resource(command, resource) and str(resource.id).startswith(prefix)
    ]


def format_candidates(partial: str) -> list[Candidate]:
    names = (*SERIALIZATION_FORMATS, SERIALIZATION_DEFAULT)
    return [
        Candidate(name, name, "restore the standard" if name == SERIALIZATION_DEFAULT else "")
        for name in names
        if name.lower().startswith(partial.lower())
    ]


def attribute_candidates(partial: str) -> list[Candidate]:
    """The writeattr keys not given yet, for the segment after the last ``&``."""
    head, _, segment = partial.rpartition("&")
    if "=" in segment:
        return []
    given = {part.partition("=")[0] for part in head.split("&")} if head else set()
    before = f"{head}&" if head else ""
    return [
        Candidate(before + key + ("" if key == "cancel" else "="), key)
        for key in WRITE_ATTRIBUTE_KEYS
        if key not in given and key.startswith(segment)
    ]


def value_candidates(
    arg: ArgSpec | None, partial: str, resource: ResourceDef | None = None
) -> list[Candidate]:
    """What to offer for an argument that is not a path (formats, attribute keys, the two
    values of a Boolean resource), or []."""
    if arg is None:
        return []
    if arg.kind is ArgKind.LWM2M_VALUE and resource is not None and resource.type == "Boolean":
        return [
            Candidate(word, word, resource.name)
            for word in ("true", "false")
            if word.startswith(partial)
        ]
    if arg.kind is ArgKind.SERIALIZATION:
        return format_candidates(partial)
    if arg.kind is ArgKind.WRITE_ATTRIBUTES:
        return attribute_candidates(partial)
    return []


def path_before(text: str, start: int, head_end: int, objects: ObjectModel) -> ResourceDef | None:
    """The resource named by the word before offset ``start`` (the path a value is for)."""
    words = [word for word in split_words(text, head_end) if word.end <= start]
    if not words:
        return None
    parts = words[-1].text[1:].split("/") if words[-1].text.startswith("/") else []
    if len(parts) < 3 or not all(part.isascii() and part.isdigit() for part in parts[:3]):
        return None
    return objects.resource(int(parts[0]), int(parts[2]))


def _matches(prefix: str, definition: ObjectDef) -> bool:
    if prefix.isdigit() or prefix == "":
        return str(definition.id).startswith(prefix)
    return definition.name.lower().startswith(prefix.lower())


def _offers_object(command: str, definition: ObjectDef) -> bool:
    resources = definition.resources.values()
    if command in _EXECUTES:
        return any(resource.executable for resource in resources)
    if command in _WRITES:
        return any(resource.writable for resource in resources)
    return True


def _offers_resource(command: str, resource: ResourceDef) -> bool:
    if command in _EXECUTES:
        return resource.executable
    if command in _WRITES:
        return resource.writable
    if command in _READS:
        return resource.readable
    return True
