"""From a device command line to a ``Command`` (sent exactly as typed) or a ``ParseError``."""

from __future__ import annotations

from .device_checks import check_device_command, split_words
from .model import Command, ParseError
from .objects import ObjectModel, core_model
from .spec import CommandSpec, TargetKind
from .tokens import Token


def parse_device_command(
    spec: CommandSpec,
    cleaned: str,
    head: Token,
    notes: list[str],
    objects: ObjectModel | None = None,
) -> Command | ParseError:
    """Check a device command; ``objects`` defaults to the core object model (loaded now)."""
    if head.quoted or head.value != cleaned[head.start : head.end]:
        message = f"write the command name {head.value} without quotes or backslashes"
        return ParseError(message=message, usage=spec.usage, position=head.start)
    model = objects if objects is not None else core_model()
    check = check_device_command(spec, cleaned, head.end, model)
    errors = check.errors
    if errors:
        first = errors[0]
        return ParseError(
            message=first.message,
            usage=spec.usage,
            position=first.position,
            suggestion=first.suggestion,
        )
    words = tuple(word.text for word in split_words(cleaned, head.end))
    return Command(
        spec_name=spec.name,
        tokens=(head.value, *words),
        args=check.args,
        flags={},
        text=cleaned,
        local=False,
        tenant_wide=False,
        notes=(*notes, *(f"warning: {found.message}" for found in check.warnings)),
        target_kind=TargetKind.DEVICE,
    )
