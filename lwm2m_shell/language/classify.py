"""Highlighting as the user types: the role of every character of a line.

Tolerant by design: an unclosed quote, a half-typed flag or a pasted doc line are classified as
well as they can be, and the spans always cover the whole line, in order, each character once.
"""

from __future__ import annotations

from .analysis import analyze
from .command_set import LOCAL_COMMANDS
from .device_checks import check_device_command
from .objects import ObjectModel, core_model
from .paste import normalize_spaces, pasted_command_span, placeholder_in
from .roles import Role
from .spec import CommandSpec, TargetKind
from .target import command_set_for
from .tokens import WORD_SEPARATORS, Token, tokenize
from .typography import normalize_command_line
from .validate import MAX_LINE_LENGTH, forbidden_char

Span = tuple[int, int, Role]


def classify(
    line: str, kind: TargetKind = TargetKind.CONNECTOR, objects: ObjectModel | None = None
) -> list[Span]:
    """(start, end, role) spans covering ``line`` exactly; paste decoration counts as COMMENT.

    On a device target (``kind``) device commands are classified too, their paths and values
    checked against ``objects`` (the core object model when None)."""
    if not line:
        return []
    if len(line) > MAX_LINE_LENGTH:
        return [(0, len(line), Role.INVALID)]
    text = normalize_spaces(line)
    start, end = pasted_command_span(line)
    if start == end:
        return _gaps(text, 0, len(text), Role.COMMENT)
    spans = _gaps(text, 0, start, Role.COMMENT)
    body = _classify_command(text[start:end], kind, objects)
    spans += [(start + a, start + b, role) for a, b, role in body]
    spans += _gaps(text, end, len(text), Role.COMMENT)
    return spans


def _classify_command(body: str, kind: TargetKind, objects: ObjectModel | None) -> list[Span]:
    body = normalize_command_line(body).line  # as the parser reads it (same length)
    tokenized = tokenize(body)
    tokens = tokenized.tokens
    roles: dict[int, Role] = {}
    text_from: int | None = None  # where a free-text argument begins
    if tokens:
        head = tokens[0]
        spec = command_set_for(kind).find(head.value)
        if spec is not None and spec.target_kind is TargetKind.DEVICE:
            model = objects if objects is not None else core_model()
            return _classify_device(body, head, spec, model)
        if spec is None:
            unknown = placeholder_in(head.value) is not None
            roles[head.start] = Role.PLACEHOLDER if unknown else Role.UNKNOWN_COMMAND
            # What follows an unknown command cannot be judged: plain text.
            roles.update((token.start, Role.TEXT) for token in tokens[1:])
        else:
            roles[head.start] = Role.LOCAL_COMMAND if spec in LOCAL_COMMANDS else Role.COMMAND
            if spec.rest_of_line_arg is not None:
                rest = head.end
                while rest < len(body) and body[rest] in WORD_SEPARATORS:
                    rest += 1
                text_from = rest if rest < len(body) else None
            else:
                state = analyze(spec, body, tokens[1:])
                roles.update((token.start, role) for token, role in state.roles)
    spans: list[Span] = []
    position = 0
    for token in tokens:
        if text_from is not None and token.start >= text_from:
            break
        spans += _gaps(body, position, token.start, Role.WHITESPACE)
        spans.append((token.start, token.end, _token_role(body, token, roles)))
        position = token.end
    if text_from is not None:
        spans += _gaps(body, position, text_from, Role.WHITESPACE)
        role = Role.INVALID if forbidden_char(body[text_from:]) else Role.TEXT
        spans.append((text_from, len(body), role))
        return spans
    comment = tokenized.comment_start
    spans += _gaps(body, position, len(body) if comment is None else comment, Role.WHITESPACE)
    if comment is not None:
        spans.append((comment, len(body), Role.COMMENT))
    return spans


def _classify_device(body: str, head: Token, spec: CommandSpec, objects: ObjectModel) -> list[Span]:
    """A device command: its words are split by spaces only (it is sent as typed)."""
    check = check_device_command(spec, body, head.end, objects)
    spans = _gaps(body, 0, head.start, Role.WHITESPACE)
    spans.append((head.start, head.end, Role.DEVICE_COMMAND))
    position = head.end
    for start, end, role in sorted(check.spans):
        if start < position:
            continue
        spans += _gaps(body, position, start, Role.INVALID)
        spans.append((start, end, role))
        position = end
    spans += _gaps(body, position, len(body), Role.INVALID)
    return spans


def _token_role(body: str, token: Token, roles: dict[int, Role]) -> Role:
    if forbidden_char(body[token.start : token.end]) is not None:
        return Role.INVALID
    return roles.get(token.start, Role.INVALID)


def _gaps(text: str, start: int, end: int, role: Role) -> list[Span]:
    """Spans for ``text[start:end]``: runs of spaces and tabs are WHITESPACE, the rest ``role``."""
    spans: list[Span] = []
    position = start
    while position < end:
        blank = text[position] in WORD_SEPARATORS
        run_end = position + 1
        while run_end < end and (text[run_end] in WORD_SEPARATORS) == blank:
            run_end += 1
        spans.append((position, run_end, Role.WHITESPACE if blank else role))
        position = run_end
    return spans
