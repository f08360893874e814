"""What may be typed at the cursor: typed suggestions for the completer, from the catalogue.

``suggest`` says *what kind* of word is expected (a command, a flag, a device ID, ...) and which
partial word to replace; the completer turns that into candidates from the tenant's data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from .analysis import Analysis, analyze
from .device_suggest import (
    Candidate,
    Instances,
    argument_at,
    path_before,
    path_candidates,
    value_candidates,
)
from .objects import ObjectModel, core_model
from .spec import ArgKind, CommandSpec, FlagSpec, TargetKind
from .target import command_set_for
from .tokens import tokenize
from .validate import MAX_LINE_LENGTH


class SuggestKind(str, Enum):
    COMMAND = "command"
    FLAG = "flag"
    DEVICE_ID = "device_id"
    ENDPOINT = "endpoint"
    REGISTRATION_ID = "registration_id"
    OPERATION_ID = "operation_id"
    COMMAND_NAME = "command_name"
    LWM2M_PATH = "lwm2m_path"  # candidates: objects, instances or resources
    SERIALIZATION_FORMAT = "serialization_format"  # candidates: TLV, JSON, ...
    WRITE_ATTRIBUTE = "write_attribute"  # candidates: pmin=, pmax=, ...
    LWM2M_VALUE = "lwm2m_value"  # candidates: true, false for a Boolean resource
    TARGET = "target"  # .use: endpoints and device IDs from the tenant catalogue


@dataclass(frozen=True)
class Suggestion:
    """One kind of word that fits at the cursor.

    ``word`` is the partial word before the cursor with quotes removed ('' at a fresh word);
    ``start`` is where that word begins in the text, opening quote included, so a completer
    replaces ``text[start:]``. ``flags`` lists the flags still allowed (for FLAG) and ``exclude``
    the device IDs already typed (for DEVICE_ID). ``candidates`` are ready-made completions
    where the language itself knows them (device paths, formats, attribute keys; and on a device
    target, the command names, device commands first).
    """

    kind: SuggestKind
    word: str
    start: int
    command: CommandSpec | None = None
    flags: tuple[FlagSpec, ...] = ()
    exclude: frozenset[str] = frozenset()
    candidates: tuple[Candidate, ...] = ()


_VALUE_SUGGESTION: dict[ArgKind, SuggestKind] = {
    ArgKind.DEVICE_ID: SuggestKind.DEVICE_ID,
    ArgKind.ENDPOINT: SuggestKind.ENDPOINT,
    ArgKind.REGISTRATION_ID: SuggestKind.REGISTRATION_ID,
    ArgKind.OPERATION_ID: SuggestKind.OPERATION_ID,
    ArgKind.COMMAND_NAME: SuggestKind.COMMAND_NAME,
    ArgKind.TARGET: SuggestKind.TARGET,
}


_DEVICE_SUGGESTION: dict[ArgKind, SuggestKind] = {
    ArgKind.LWM2M_PATH: SuggestKind.LWM2M_PATH,
    ArgKind.SERIALIZATION: SuggestKind.SERIALIZATION_FORMAT,
    ArgKind.WRITE_ATTRIBUTES: SuggestKind.WRITE_ATTRIBUTE,
    ArgKind.LWM2M_VALUE: SuggestKind.LWM2M_VALUE,
}


def suggest(
    text_before_cursor: str,
    kind: TargetKind = TargetKind.CONNECTOR,
    objects: ObjectModel | None = None,
    instances: Instances | None = None,
) -> list[Suggestion]:
    """The kinds of word that may be typed at the end of ``text_before_cursor``.

    On a device target (``kind``), device commands complete too: paths from ``objects`` (the
    core object model when None), with the instance IDs of ``instances`` (object ID -> IDs seen
    in results; 0 when none are known)."""
    text = text_before_cursor
    if len(text) > MAX_LINE_LENGTH:
        return []
    tokenized = tokenize(text)
    if tokenized.comment_start is not None:
        return []
    tokens = list(tokenized.tokens)
    if tokens and tokens[-1].end == len(text):  # the cursor is inside (at the end of) a word
        partial = tokens.pop()
        word, start = partial.value, partial.start
    else:
        word, start = "", len(text)
    command_set = command_set_for(kind)
    if not tokens:
        if kind is TargetKind.CONNECTOR:
            return [Suggestion(SuggestKind.COMMAND, word, start)]
        names = tuple(
            Candidate(name, name, spec.summary)
            for spec in command_set.commands
            for name in spec.names
            if name.startswith(word)
        )
        return [Suggestion(SuggestKind.COMMAND, word, start, candidates=names)]
    spec = command_set.find(tokens[0].value)
    if spec is not None and spec.target_kind is TargetKind.DEVICE:
        model = objects if objects is not None else core_model()
        return _device_next(spec, text, tokens[0].end, model, instances)
    if spec is None or spec.rest_of_line_arg is not None:
        return []
    found = _what_next(analyze(spec, text, tokens[1:]), word, start)
    if kind is TargetKind.DEVICE:  # help NAME: the device commands are names too
        found = [_with_device_names(item) for item in found]
    return found


def _with_device_names(found: Suggestion) -> Suggestion:
    if found.kind is not SuggestKind.COMMAND_NAME:
        return found
    names = tuple(
        Candidate(name, name, spec.summary)
        for spec in command_set_for(TargetKind.DEVICE).commands
        for name in spec.names
        if name.startswith(found.word)
    )
    return replace(found, candidates=names)


def _device_next(
    spec: CommandSpec,
    text: str,
    head_end: int,
    objects: ObjectModel,
    instances: Instances | None,
) -> list[Suggestion]:
    arg, word, start = argument_at(spec, text, head_end)
    if arg is None:
        return []
    if arg.kind is ArgKind.LWM2M_PATH:
        found = path_candidates(spec.name, word, objects, instances)
    else:
        found = value_candidates(arg, word, path_before(text, start, head_end, objects))
    suggestion_kind = _DEVICE_SUGGESTION.get(arg.kind)
    if suggestion_kind is None or not found:
        return []
    return [Suggestion(suggestion_kind, word, start, spec, candidates=tuple(found))]


def _what_next(state: Analysis, word: str, start: int) -> list[Suggestion]:
    spec = state.spec
    typing_flag = word.startswith("-")
    flags = state.available_flags()
    found: list[Suggestion] = []

    def value(kind: ArgKind | None) -> None:
        suggestion_kind = _VALUE_SUGGESTION.get(kind) if kind is not None else None
        if suggestion_kind is not None and not typing_flag:
            exclude = frozenset(state.device_ids) if kind is ArgKind.DEVICE_ID else frozenset()
            found.append(Suggestion(suggestion_kind, word, start, spec, exclude=exclude))

    def flag() -> None:
        if flags and (typing_flag or word == ""):
            found.append(Suggestion(SuggestKind.FLAG, word, start, spec, flags=flags))

    if state.pending is not None:
        value(state.pending.value)  # the flag's value must come first
    elif state.collecting is not None:
        value(state.collecting.value)
        if state.collected > 0:
            flag()
    else:
        value(state.expected_kind())
        flag()
    return found
