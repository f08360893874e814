"""Walking a command's words against its spec.

One walk serves three users: the parser (which wants the first problem), highlighting (which
wants a role for every word) and completion (which wants to know what may come next). The walk
never stops at a problem: it records the first one and carries on as sensibly as it can.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .command_set import ALL_NAMES, LOCAL_COMMANDS, find_command
from .device_commands import find_device_command
from .matching import did_you_mean
from .paste import is_syntax_notation, placeholder_in, syntax_group
from .roles import Role
from .spec import ArgKind, ArgSpec, CommandSpec, FlagSpec
from .tokens import Token
from .validate import KIND_EXPECTED, split_device_list, value_problem

KIND_ROLE: dict[ArgKind, Role] = {
    ArgKind.DEVICE_ID: Role.DEVICE_ID,
    ArgKind.DEVICE_ID_LIST: Role.DEVICE_ID,
    ArgKind.ENDPOINT: Role.ENDPOINT,
    ArgKind.REGISTRATION_ID: Role.REGISTRATION_ID,
    ArgKind.OPERATION_ID: Role.OPERATION_ID,
    ArgKind.COUNT: Role.NUMBER,
    ArgKind.TEXT: Role.TEXT,
    ArgKind.COMMAND_NAME: Role.COMMAND,
    ArgKind.LWM2M_PATH: Role.PATH,
    ArgKind.LWM2M_VALUE: Role.VALUE,
    ArgKind.EXECUTE_ARGS: Role.VALUE,
    ArgKind.HEX_OR_BINARY: Role.VALUE,
    ArgKind.WRITE_ATTRIBUTES: Role.VALUE,
    ArgKind.FIRMWARE: Role.VALUE,
    ArgKind.SERIALIZATION: Role.VALUE,
    ArgKind.COAP_REQUEST: Role.VALUE,
    ArgKind.OBJECT_JSON: Role.VALUE,
    ArgKind.TARGET: Role.ENDPOINT,
}

KIND_NOUN: dict[ArgKind, str] = {
    ArgKind.DEVICE_ID: "device ID",
    ArgKind.DEVICE_ID_LIST: "device list",
    ArgKind.ENDPOINT: "endpoint",
    ArgKind.REGISTRATION_ID: "registration ID",
    ArgKind.OPERATION_ID: "operation ID",
    ArgKind.COMMAND_NAME: "command name",
    ArgKind.COUNT: "number",
    ArgKind.TEXT: "text",
    ArgKind.LWM2M_PATH: "path",
    ArgKind.LWM2M_VALUE: "value",
    ArgKind.EXECUTE_ARGS: "argument list",
    ArgKind.HEX_OR_BINARY: "binary data",
    ArgKind.WRITE_ATTRIBUTES: "attributes",
    ArgKind.FIRMWARE: "firmware",
    ArgKind.SERIALIZATION: "data format",
    ArgKind.COAP_REQUEST: "CoAP request",
    ArgKind.OBJECT_JSON: "JSON",
}

_LOCAL_NAMES = frozenset(name for spec in LOCAL_COMMANDS for name in spec.names)


@dataclass(frozen=True)
class Problem:
    message: str
    position: int
    suggestion: str | None = None


@dataclass
class Analysis:
    """The state after walking some words of a command (the command word excluded)."""

    spec: CommandSpec
    line: str
    roles: list[tuple[Token, Role]] = field(default_factory=list)
    problem: Problem | None = None
    flags: dict[str, list[str] | bool] = field(default_factory=dict)
    args: dict[str, str] = field(default_factory=dict)
    device_ids: list[str] = field(default_factory=list)
    seen_ids: set[str] = field(default_factory=set)  # device_ids as a set, for quick look-up
    collecting: FlagSpec | None = None  # the many-valued flag whose values are being read
    collected: int = 0
    collecting_token: Token | None = None
    pending: FlagSpec | None = None  # a one-value flag still waiting for its value
    pending_token: Token | None = None
    next_arg: int = 0  # index of the next positional argument to fill
    legacy_token: Token | None = None

    @property
    def positional(self) -> tuple[ArgSpec, ...]:
        return tuple(arg for arg in self.spec.args if not arg.rest_of_line)

    @property
    def next_positional(self) -> ArgSpec | None:
        positional = self.positional
        return positional[self.next_arg] if self.next_arg < len(positional) else None

    def expected_kind(self) -> ArgKind | None:
        """The kind of value the next word would be, when a value is expected there."""
        if self.pending is not None:
            return self.pending.value
        if self.collecting is not None:
            return self.collecting.value
        arg = self.next_positional
        return arg.kind if arg is not None and not arg.legacy else None

    def available_flags(self) -> tuple[FlagSpec, ...]:
        """Flags that may still be given: not yet used, or repeatable; not the one being read."""
        if self.legacy_token is not None:
            return ()
        return tuple(
            flag
            for flag in self.spec.flags
            if flag is not self.collecting and (flag.many or flag.long not in self.flags)
        )

    def fail(self, message: str, position: int, suggestion: str | None = None) -> None:
        if self.problem is None:
            self.problem = Problem(message, position, suggestion)

    def mark(self, token: Token, role: Role) -> None:
        self.roles.append((token, role))


def analyze(spec: CommandSpec, line: str, words: Sequence[Token]) -> Analysis:
    """Walk ``words`` (the tokens after the command word) of ``line`` against ``spec``."""
    state = Analysis(spec, line)
    for token in words:
        _step(state, token)
    return state


def finish(state: Analysis) -> None:
    """The checks that only the end of the line can make: values and arguments still missing."""
    _close_collecting(state)
    _close_pending(state)
    for arg in state.positional[state.next_arg :]:
        if arg.required:
            state.fail(
                f"missing argument {arg.display}: give {KIND_EXPECTED[arg.kind]}", len(state.line)
            )
            break


def _step(state: Analysis, token: Token) -> None:
    value = token.value
    notation = is_syntax_notation(value) or placeholder_in(value) is not None
    if value.startswith("-") and not notation:
        _close_pending(state)
        _flag(state, token)
        return
    placeholder = placeholder_in(value)
    if placeholder is not None:
        expected = state.expected_kind() or _guess_kind(placeholder)
        what = KIND_EXPECTED[expected] if expected is not None else "a real value"
        state.fail(f"replace the placeholder {placeholder} with {what}", token.start)
        state.mark(token, Role.PLACEHOLDER)
        _consume_slot(state)
        return
    if notation:
        group = syntax_group(state.line, token.start)
        state.fail(
            f"'{group}' is usage notation, not part of a command: write real values, "
            f"e.g. {_richest_example(state.spec)}",
            token.start,
        )
        state.mark(token, Role.PLACEHOLDER)
        return
    if state.pending is not None:
        _pending_value(state, token, state.pending)
    elif state.collecting is not None:
        _collected_value(state, token, state.collecting)
    else:
        _positional(state, token)


def _consume_slot(state: Analysis) -> None:
    """A placeholder stands where a value would: move on as if one had been given."""
    if state.pending is not None:
        state.pending = None
    elif state.collecting is not None:
        state.collected += 1
    else:
        state.next_arg += 1


def _close_pending(state: Analysis) -> None:
    """A one-value flag met the end of the line or another flag before its value."""
    flag, token = state.pending, state.pending_token
    if flag is not None and token is not None:
        state.fail(
            f"{flag.label} needs a value: {KIND_EXPECTED[flag.value or ArgKind.TEXT]}", token.start
        )
    state.pending = None


def _close_collecting(state: Analysis) -> None:
    flag, token = state.collecting, state.collecting_token
    if flag is not None and token is not None and state.collected == 0:
        noun = KIND_NOUN[flag.value or ArgKind.TEXT]
        state.fail(f"{flag.label} needs at least one {noun}", token.start)
    state.collecting = None


def _flag(state: Analysis, token: Token) -> None:
    spec, value = state.spec, token.value
    _close_collecting(state)
    name, equals, attached = value.partition("=")
    if equals and spec.find_flag(name) is not None:
        state.fail(
            f"write '{name} {attached}' instead of '{value}': the value is a separate word",
            token.start,
        )
        state.mark(token, Role.INVALID)
        return
    flag = spec.find_flag(value)
    if flag is None:
        state.mark(token, Role.UNKNOWN_FLAG)
        if not spec.flags:
            state.fail(f"{spec.name} takes no options: '{value}'", token.start)
            return
        spellings = [spelling for known in spec.flags for spelling in known.spellings]
        close, named = [], set()
        for spelling in did_you_mean(value, spellings):
            flag_named = spec.find_flag(spelling)
            if flag_named is not None and flag_named.long not in named:
                named.add(flag_named.long)
                close.append(spelling)  # one spelling per flag
        hint = f": did you mean {' or '.join(close)}?" if close else ""
        state.fail(
            f"unknown option '{value}' for {spec.name}{hint}",
            token.start,
            close[0] if close else None,
        )
        return
    if state.legacy_token is not None:
        state.fail(_legacy_conflict(state, flag, state.legacy_token.value), token.start)
        state.mark(token, Role.INVALID)
        return
    if flag.long in state.flags and not flag.many:
        state.fail(f"{flag.label} is given twice", token.start)
        state.mark(token, Role.INVALID)
        return
    state.mark(token, Role.FLAG)
    if flag.value is None:
        state.flags[flag.long] = True
    elif flag.many:
        state.flags.setdefault(flag.long, [])
        state.collecting, state.collected, state.collecting_token = flag, 0, token
    else:
        state.pending, state.pending_token = flag, token


def _pending_value(state: Analysis, token: Token, flag: FlagSpec) -> None:
    kind = flag.value or ArgKind.TEXT
    state.pending = None
    problem = value_problem(kind, token.value)
    if problem is not None:
        state.fail(problem, token.start)
        state.mark(token, Role.INVALID)
        return
    state.flags[flag.long] = [token.value]
    state.mark(token, KIND_ROLE[kind])


def _collected_value(state: Analysis, token: Token, flag: FlagSpec) -> None:
    kind = flag.value or ArgKind.TEXT
    value = token.value
    state.collected += 1
    problem = value_problem(kind, value)
    if problem is None and kind is ArgKind.DEVICE_ID and value in state.seen_ids:
        problem = f"device ID {value} is given twice"
    if problem is not None:
        state.fail(problem, token.start)
        state.mark(token, Role.INVALID)
        return
    if kind is ArgKind.DEVICE_ID:
        state.device_ids.append(value)
        state.seen_ids.add(value)
    values = state.flags.setdefault(flag.long, [])
    if isinstance(values, list):
        values.append(value)
    state.mark(token, KIND_ROLE[kind])


def _positional(state: Analysis, token: Token) -> None:
    arg = state.next_positional
    value = token.value
    if arg is None:
        state.fail(_extra_message(state, value), token.start)
        state.mark(token, Role.INVALID)
        return
    state.next_arg += 1
    known = find_command(value) or find_device_command(value)
    if arg.kind is ArgKind.COMMAND_NAME and known is None:
        close = did_you_mean(value, ALL_NAMES)
        hint = f": did you mean {' or '.join(close)}?" if close else ""
        state.fail(f"unknown command '{value}'{hint}", token.start, close[0] if close else None)
        state.mark(token, Role.INVALID)
        return
    problem = _positional_problem(state, arg, value)
    if problem is not None:
        state.fail(problem, token.start)
        state.mark(token, Role.INVALID)
        return
    if arg.legacy:
        state.legacy_token = token
        state.device_ids.extend(split_device_list(value))
        state.seen_ids.update(state.device_ids)
    state.args[arg.name] = value
    role = KIND_ROLE[arg.kind]
    if arg.kind is ArgKind.COMMAND_NAME and value in _LOCAL_NAMES:
        role = Role.LOCAL_COMMAND
    elif arg.kind is ArgKind.COMMAND_NAME and find_device_command(value) is not None:
        role = Role.DEVICE_COMMAND
    state.mark(token, role)


def _positional_problem(state: Analysis, arg: ArgSpec, value: str) -> str | None:
    problem = value_problem(arg.kind, value)
    if problem is not None or not arg.legacy:
        return problem
    seen: set[str] = set()
    for device_id in split_device_list(value):
        if device_id in seen:
            return f"device ID {device_id} is given twice"
        seen.add(device_id)
    if state.flags:
        first = next(iter(state.flags))
        flag = state.spec.find_flag(first)
        if flag is not None and flag.value is ArgKind.DEVICE_ID and "," not in value:
            return f"unexpected argument '{value}': put device IDs right after {flag.label}"
        if flag is not None:
            return _legacy_conflict(state, flag, value)
    return None


def _legacy_conflict(state: Analysis, flag: FlagSpec, legacy: str) -> str:
    if flag.value is ArgKind.DEVICE_ID:
        return (
            f"give the device IDs either after {flag.label} or as the legacy comma list "
            f"'{legacy}', not both"
        )
    ids_flag = next((f for f in state.spec.flags if f.value is ArgKind.DEVICE_ID), None)
    rewrite = ""
    if ids_flag is not None:
        spelled = ids_flag.short or ids_flag.long
        ids = " ".join(split_device_list(legacy))
        rewrite = f": write {state.spec.name} {flag.short or flag.long} {spelled} {ids}"
    return f"the legacy device list '{legacy}' cannot be combined with {flag.label}{rewrite}"


def _extra_message(state: Analysis, value: str) -> str:
    positional = state.positional
    if not positional:
        return f"{state.spec.name} takes no arguments: unexpected '{value}'"
    last = positional[-1]
    previous = state.args.get(last.name, "")
    if last.legacy and state.legacy_token is not None and value.isdigit():
        ids_flag = next((f for f in state.spec.flags if f.value is ArgKind.DEVICE_ID), None)
        if ids_flag is not None:
            ids = " ".join([*split_device_list(previous), value])
            return (
                f"unexpected extra argument '{value}': to name several devices write "
                f"{state.spec.name} {ids_flag.short or ids_flag.long} {ids}"
            )
    if last.kind in (ArgKind.ENDPOINT, ArgKind.REGISTRATION_ID) and previous:
        noun = KIND_NOUN[last.kind]
        return (
            f"unexpected extra argument '{value}' after the {noun} '{previous}' "
            f"(a {noun} holds no spaces)"
        )
    return f"unexpected extra argument '{value}'"


def _guess_kind(placeholder: str) -> ArgKind | None:
    """What a placeholder found where no value is expected probably stands for, by its name."""
    name = placeholder.lower()
    for word, kind in (
        ("endpoint", ArgKind.ENDPOINT),
        ("registration", ArgKind.REGISTRATION_ID),
        ("operation", ArgKind.OPERATION_ID),
        ("device", ArgKind.DEVICE_ID),
        ("command", ArgKind.COMMAND_NAME),
        ("id", ArgKind.DEVICE_ID),
    ):
        if word in name:
            return kind
    return None


def _richest_example(spec: CommandSpec) -> str:
    """The documented example with the most words: the best model of a full command."""
    if not spec.examples:
        return spec.name
    return max(spec.examples, key=lambda example: len(example[0].split()))[0]
