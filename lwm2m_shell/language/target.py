"""The command set of a target: what may be typed when the shell points at the connector device
(the default) or at one LWM2M device.

On a device target the device commands come first; the connector's commands stay valid (they
still go to the connector: ``spec.target_kind`` tells the caller where to send a command), and
so do lwm2m-shell's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .command_set import ALL_COMMANDS, CONNECTOR_COMMANDS, LOCAL_COMMANDS
from .device_commands import DEVICE_COMMANDS
from .spec import CommandSpec, TargetKind


@dataclass(frozen=True)
class CommandSet:
    """The commands usable on one kind of target, looked up by name (aliases included)."""

    kind: TargetKind
    commands: tuple[CommandSpec, ...]
    _by_name: dict[str, CommandSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = {name: spec for spec in self.commands for name in spec.names}
        object.__setattr__(self, "_by_name", table)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    @property
    def device_commands(self) -> tuple[CommandSpec, ...]:
        return tuple(spec for spec in self.commands if spec.target_kind is TargetKind.DEVICE)

    def find(self, name: str) -> CommandSpec | None:
        return self._by_name.get(name)


CONNECTOR_SET = CommandSet(TargetKind.CONNECTOR, ALL_COMMANDS)
DEVICE_SET = CommandSet(TargetKind.DEVICE, DEVICE_COMMANDS + CONNECTOR_COMMANDS + LOCAL_COMMANDS)


def command_set_for(kind: TargetKind = TargetKind.CONNECTOR) -> CommandSet:
    """The command set of a target kind: the connector's (default) or a device's."""
    return DEVICE_SET if kind is TargetKind.DEVICE else CONNECTOR_SET
