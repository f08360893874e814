"""Tab completion: the language says what is expected at the cursor, this module finds candidates.

Command names and flags come from the command catalogue; device IDs, endpoints and registration
IDs come from a ``TenantSources`` (the tenant catalogue, in memory); operation IDs from what this
session has seen. On an LWM2M device target the language itself offers the candidates (device
commands, paths level by level with their names, formats, attributes), with the object instances
results of this session showed. Nothing here touches the network, and every list is capped.

Candidates from the tenant are its text: a value that holds a control, bidi or invisible
character, or white space, cannot be typed as one argument and is never offered (Tab must not
put a raw ESC into the line); meta texts are rendered safe and clipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from ..language import (
    ALL_COMMANDS,
    CommandSpec,
    ObjectModel,
    Suggestion,
    SuggestKind,
    TargetKind,
    suggest,
)
from ..output.safetext import clip, is_word
from .matching import rank

MAX_CANDIDATES = 200
META_WIDTH = 60

Candidate = tuple[str, str]  # (value, meta text)


class TenantSources(Protocol):
    """What the tenant catalogue offers to completion (memory only, bounded answers)."""

    def device_ids(self, word: str, exclude: frozenset[str], limit: int) -> list[Candidate]: ...

    def endpoints(self, word: str, limit: int) -> list[Candidate]: ...

    def registration_ids(self, word: str, limit: int) -> list[Candidate]: ...


class ShellCompleter(Completer):
    def __init__(
        self,
        sources: Callable[[], TenantSources | None] = lambda: None,
        operation_ids: Callable[[], Iterable[str]] = lambda: (),
        limit: int = MAX_CANDIDATES,
        *,
        kind: Callable[[], TargetKind] = lambda: TargetKind.CONNECTOR,
        objects: Callable[[], ObjectModel | None] = lambda: None,
        instances: Callable[[], Mapping[int, Iterable[int]]] = dict,
    ) -> None:
        """``kind``: the kind of the current target; ``objects``: the LWM2M object model for
        path completion (None: the core one); ``instances``: the object instance IDs results
        of this session showed on the current device."""
        self._sources = sources
        self._operation_ids = operation_ids
        self.limit = limit
        self._kind = kind
        self._objects = objects
        self._instances = instances

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterator[Completion]:
        text = document.text_before_cursor
        if "\n" in text:
            text = text.rsplit("\n", 1)[1]
        kind = self._kind()
        objects = self._objects() if kind is TargetKind.DEVICE else None
        instances = self._instances() if kind is TargetKind.DEVICE else None
        for suggestion in suggest(text, kind, objects, instances):
            if suggestion.candidates:  # the language knows them: device commands, paths ...
                for candidate in suggestion.candidates[: self.limit]:
                    if typeable(candidate.text):
                        yield Completion(
                            candidate.text,
                            start_position=suggestion.start - len(text),
                            display=candidate.display,
                            display_meta=clip(candidate.meta, META_WIDTH),
                        )
                continue
            for value, meta in self.candidates(suggestion):
                if not typeable(value):
                    continue
                yield Completion(
                    value,
                    start_position=suggestion.start - len(text),  # an opening quote too
                    display_meta=clip(meta, META_WIDTH),
                )

    def candidates(self, suggestion: Suggestion) -> list[Candidate]:
        kind, word = suggestion.kind, suggestion.word
        if kind is SuggestKind.COMMAND:
            return commands_matching(word, ALL_COMMANDS, self.limit)
        if kind is SuggestKind.COMMAND_NAME:
            names = [spec for spec in ALL_COMMANDS if not spec.name.startswith(".")]
            return commands_matching(word, names, self.limit)
        if kind is SuggestKind.FLAG:
            return flags_matching(word, suggestion)
        if kind is SuggestKind.OPERATION_ID:
            seen = [op for op in reversed(list(self._operation_ids())) if op.startswith(word)]
            return [(op, "operation") for op in seen[: self.limit]]
        sources = self._sources()
        if sources is None:
            return []
        if kind is SuggestKind.DEVICE_ID:
            return sources.device_ids(word, suggestion.exclude, self.limit)
        if kind is SuggestKind.ENDPOINT:
            return sources.endpoints(word, self.limit)
        if kind is SuggestKind.REGISTRATION_ID:
            return sources.registration_ids(word, self.limit)
        if kind is SuggestKind.TARGET:  # .use: endpoints, and device IDs once digits are typed
            found = sources.endpoints(word, self.limit)
            if word.isdigit():
                found += sources.device_ids(word, frozenset(), self.limit - len(found))
            return found
        return []


def typeable(value: str) -> bool:
    """Whether a candidate can go into the line as it is: one word of safe characters."""
    return is_word(value)


def commands_matching(word: str, specs: Iterable[CommandSpec], limit: int) -> list[Candidate]:
    ranked: list[tuple[int, int, str, str]] = []
    for order, spec in enumerate(specs):
        for name in (spec.name, *spec.aliases):
            score = rank(word, name)
            if score is not None:
                ranked.append((score, order, name, spec.summary))
                break
    ranked.sort()
    return [(name, summary) for _, _, name, summary in ranked[:limit]]


def flags_matching(word: str, suggestion: Suggestion) -> list[Candidate]:
    found: list[Candidate] = []
    for flag in suggestion.flags:
        if word.startswith("--") or not word or flag.short is None:
            spellings = [flag.long]
        else:
            spellings = [flag.short, flag.long]
        for spelling in spellings:
            if rank(word, spelling) == 0:
                found.append((spelling, flag.help))
                break
    return found
