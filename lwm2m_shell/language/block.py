"""A block of lines typed or pasted at once, checked as a whole before any of it is sent.

A paste is all-or-nothing, like a script: one line that is not a valid command (a placeholder,
a prose line, an unknown command...) and no line of the block may be sent. ``check_block`` does
the checking; the run mode decides what to ask and what to send.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Command, ParseError
from .objects import ObjectModel
from .parser import parse
from .spec import TargetKind


@dataclass(frozen=True)
class BlockLine:
    number: int  # 1-based line number in the block
    text: str  # the line as typed, without its line break
    result: Command | ParseError


@dataclass(frozen=True)
class Block:
    """Every line of the block that is neither blank nor a comment, in order."""

    lines: tuple[BlockLine, ...]

    @property
    def commands(self) -> list[tuple[BlockLine, Command]]:
        return [(line, line.result) for line in self.lines if isinstance(line.result, Command)]

    @property
    def errors(self) -> list[tuple[BlockLine, ParseError]]:
        return [(line, line.result) for line in self.lines if isinstance(line.result, ParseError)]

    @property
    def sendable(self) -> bool:
        """True when every line is a valid command: only then may any of them be sent."""
        return not self.errors

    @property
    def several(self) -> bool:
        """More than one command line: messages name the line, results are labelled."""
        return len(self.lines) > 1

    def error_messages(self) -> list[str]:
        """One message per bad line, naming it when the block holds several lines."""
        messages = []
        for line, error in self.errors:
            text = error.format().replace("\n", "\n  ")
            if self.several:
                shown = "".join(c if c.isprintable() else "?" for c in line.text.strip())
                if len(shown) > 60:
                    shown = shown[:57] + "..."
                text = f"line {line.number} ({shown}): {text}"
            messages.append(text)
        return messages


def check_block(
    text: str, kind: TargetKind = TargetKind.CONNECTOR, objects: ObjectModel | None = None
) -> Block:
    """Parse every line of ``text`` for a target of ``kind``; nothing here raises for any
    string."""
    lines: list[BlockLine] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        result = parse(line, kind, objects)
        if result is not None:
            lines.append(BlockLine(number, line, result))
    return Block(tuple(lines))
