"""From a line of input to a validated ``Command`` or a ``ParseError``: the one entry point that
decides what may be sent to the tenant.

The checks run from the whole line down to single words: length, forbidden characters, the
command name, quoting, then every word against the command's spec (``analysis.py``). The first
problem found is reported; nothing here raises for any string.
"""

from __future__ import annotations

from .analysis import analyze, finish
from .command_set import ALL_NAMES, find_command
from .device_commands import find_device_command
from .matching import did_you_mean
from .model import Command, ParseError
from .objects import ObjectModel
from .paste import clean_pasted_line, placeholder_in
from .spec import CommandSpec, TargetKind
from .target import command_set_for
from .tokens import Token, Tokenized, tokenize
from .typography import DASHES, TYPOGRAPHIC_QUOTES, normalize_command_line, typography_problem
from .validate import MAX_LINE_LENGTH, forbidden_char


def parse(
    line: str,
    kind: TargetKind = TargetKind.CONNECTOR,
    objects: ObjectModel | None = None,
) -> Command | ParseError | None:
    """One line: a ``Command``, a ``ParseError``, or None for a blank or ``#`` comment line.

    ``kind`` is the kind of target the shell points at: on a device, the device commands are
    valid too and are checked against ``objects`` (the core object model when None)."""
    if len(line) > MAX_LINE_LENGTH:
        return ParseError(
            message=(f"line too long: {len(line):,} characters (the limit is {MAX_LINE_LENGTH:,})"),
            position=MAX_LINE_LENGTH,
        )
    cleaned = clean_pasted_line(line)
    if not cleaned or cleaned.startswith("#"):
        return None
    normalized = normalize_command_line(cleaned)  # curly quotes, fullwidth forms
    cleaned, notes = normalized.line, list(normalized.notes)
    tokenized = tokenize(cleaned)
    if not tokenized.tokens:
        return None
    head = tokenized.tokens[0]
    spec = command_set_for(kind).find(head.value)
    usage = spec.usage if spec else None
    bad = forbidden_char(cleaned)
    if bad is not None:
        return ParseError(message=bad[1], usage=_usage_before(cleaned, bad[0]), position=bad[0])
    if spec is None:
        typo = typography_problem(head.value, list(ALL_NAMES))
        if typo is not None:
            return ParseError(message=typo, position=head.start)
        return _unknown_command(head)
    if spec.target_kind is TargetKind.DEVICE:
        from .device_parse import parse_device_command

        return parse_device_command(spec, cleaned, head, notes, objects)
    if spec.args and spec.args[0].rest_of_line:
        return _free_text_command(spec, cleaned, head)
    if not tokenized.complete:
        return _incomplete(tokenized, usage)
    typo_error = _typography_in_words(spec, tokenized.tokens[1:])
    if typo_error is not None:
        return typo_error
    state = analyze(spec, cleaned, tokenized.tokens[1:])
    finish(state)
    if state.problem is not None:
        problem = state.problem
        return ParseError(
            message=problem.message,
            usage=usage,
            position=problem.position,
            suggestion=problem.suggestion,
        )
    tokens = tuple(token.value for token in tokenized.tokens)
    narrowed = any(name in state.flags or name in state.args for name in spec.scoped_by)
    words, merged = merge_repeated_flags(spec, tokens)
    text = cleaned if spec.local else " ".join(words)
    for flag in merged:
        notes.append(f"{flag} given more than once: the IDs are sent as one list: {text}")
    if spec.deprecated:
        notes.append(f"note: {spec.name} is {spec.deprecated}")
    return Command(
        spec_name=spec.name,
        tokens=tokens,
        args=state.args,
        flags=state.flags,
        device_ids=tuple(state.device_ids),
        text=text,
        local=spec.local,
        tenant_wide=spec.tenant_wide and not narrowed,
        notes=tuple(notes),
    )


def merge_repeated_flags(spec: CommandSpec, tokens: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The words to send, with the values of a repeated many-valued flag (``-d 1 -d 2``) gathered
    behind its first use (``-d 1 2``): the agent takes each option once. Also the labels of the
    flags that were merged (empty when the words are sent as typed)."""
    groups: dict[str, list[str]] = {}
    slots: list[str | list[str]] = [tokens[0]]  # a word, or the group of a many-valued flag
    merged: list[str] = []
    current: list[str] | None = None
    for word in tokens[1:]:
        flag = spec.find_flag(word)
        if flag is None:
            if current is not None:
                current.append(word)
            else:
                slots.append(word)
            continue
        current = None
        if not flag.many:
            slots.append(word)
        elif flag.long in groups:
            current = groups[flag.long]
            if flag.label not in merged:
                merged.append(flag.label)
        else:
            current = groups[flag.long] = [word]
            slots.append(current)
    if not merged:
        return list(tokens), []
    words: list[str] = []
    for slot in slots:
        words.extend(slot if isinstance(slot, list) else [slot])
    return words, merged


def _typography_in_words(spec: CommandSpec, words: tuple[Token, ...]) -> ParseError | None:
    """A dash, look-alike letter or stray curly quote where an option or a value goes."""
    spellings = [spelling for flag in spec.flags for spelling in flag.spellings]
    for token in words:
        value = token.value
        if not value or value.isascii():
            continue
        flag_like = value[0] in DASHES or value.startswith("-")
        if flag_like or any(char in TYPOGRAPHIC_QUOTES for char in value):
            problem = typography_problem(value, spellings)
            if problem is not None:
                return ParseError(message=problem, usage=spec.usage, position=token.start)
    return None


def parse_lines(
    text: str, kind: TargetKind = TargetKind.CONNECTOR, objects: ObjectModel | None = None
) -> list[tuple[int, Command | ParseError]]:
    """Parse a pasted block, one command per line: (1-based line number, result) for each line
    that is neither blank nor a comment, in order."""
    results: list[tuple[int, Command | ParseError]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        result = parse(raw.removesuffix("\r"), kind, objects)
        if result is not None:
            results.append((number, result))
    return results


def _usage_before(line: str, end: int) -> str | None:
    """The usage of the command named before offset ``end``, when a command is named there."""
    words = tokenize(line[:end]).tokens
    spec = find_command(words[0].value) if words else None
    return spec.usage if spec else None


def _unknown_command(head: Token) -> ParseError:
    name = head.value
    placeholder = placeholder_in(name)
    if placeholder is not None:
        message = f"replace the placeholder {placeholder} with a command name, e.g. help"
        return ParseError(message=message, position=head.start)
    if "`" in name:
        message = f"stray backtick in '{name}': paste only the command between the backticks"
        return ParseError(message=message, position=head.start)
    if find_device_command(name) is not None:
        message = f"{name} is a device command: point the shell at a device first (.use TARGET)"
        return ParseError(message=message, position=head.start)
    if name.startswith("-") and len(name) > 1:
        message = f"a line starts with a command name, not with the option '{name}'"
        return ParseError(message=message, position=head.start)
    close = did_you_mean(name, ALL_NAMES)
    if not close:
        return ParseError(
            message=f"unknown command '{name}' (type help for the list)", position=head.start
        )
    message = f"unknown command '{name}': did you mean {' or '.join(close)}?"
    if close[0].lower() == name.lower():
        message += " (command names are case-sensitive)"
    return ParseError(message=message, position=head.start, suggestion=close[0])


def _free_text_command(spec: CommandSpec, cleaned: str, head: Token) -> Command | ParseError:
    """``.send TEXT`` and the like: the rest of the line is the argument, verbatim."""
    arg = spec.args[0]
    rest = cleaned[head.end :].lstrip(" \t")
    if not rest and arg.required:
        example = spec.examples[0][0] if spec.examples else spec.usage
        return ParseError(
            message=f"{spec.name} needs {arg.display} after it, e.g. {example}",
            usage=spec.usage,
            position=len(cleaned),
        )
    return Command(
        spec_name=spec.name,
        tokens=(head.value, rest) if rest else (head.value,),
        args={arg.name: rest} if rest else {},
        flags={},
        text=cleaned,
        local=spec.local,
        tenant_wide=spec.tenant_wide or (spec.sends_text and _sent_text_is_tenant_wide(rest)),
    )


def _sent_text_is_tenant_wide(text: str) -> bool:
    """Whether raw text for the agent names a tenant-wide command without narrowing it.

    Text that is not even a valid command counts as tenant-wide when it starts with the name of
    one: the agent may read it differently from us, and asking once too often is the safe side.
    """
    words = tokenize(text).tokens
    target = find_command(words[0].value) if words else None
    if target is None or not target.tenant_wide:
        return False
    parsed = parse(text)
    return not (isinstance(parsed, Command) and not parsed.tenant_wide)


def _incomplete(tokenized: Tokenized, usage: str | None) -> ParseError:
    if tokenized.open_quote is not None and tokenized.open_quote_at is not None:
        which = "single" if tokenized.open_quote == "'" else "double"
        at = tokenized.open_quote_at
        message = (
            f"unclosed {which} quote ({tokenized.open_quote}) opened at column {at + 1}: "
            f"close it or remove it"
        )
        return ParseError(message=message, usage=usage, position=at)
    at = tokenized.trailing_backslash_at or 0
    message = f"the line ends with a lone backslash (\\) at column {at + 1}"
    return ParseError(message=message, usage=usage, position=at)
