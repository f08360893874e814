"""What parsing produces: a validated ``Command``, or a ``ParseError`` that says what is wrong."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .command_set import find_command
from .device_commands import find_device_command
from .spec import CommandSpec, TargetKind


class Command(BaseModel):
    """A command that passed every local check.

    ``tokens`` are the words as typed (after paste clean-up and quote removal); for a command
    taking free text they are the command word and the verbatim rest of the line. ``text`` is
    what is sent as ``c8y_Command.text``: the tokens joined by single spaces for a connector
    command, the cleaned line for a local one. ``flags`` is keyed by the flag's long spelling
    (``"--devices"``): a list of values, or True for a switch. ``target_kind`` says where it
    goes: a device command (sent as typed to the targeted device) or any other command.
    """

    model_config = ConfigDict(frozen=True)

    spec_name: str
    tokens: tuple[str, ...]
    args: dict[str, str]
    flags: dict[str, list[str] | bool]
    device_ids: tuple[str, ...] = ()
    text: str
    local: bool
    tenant_wide: bool
    notes: tuple[str, ...] = ()  # what the checks changed or want said (shown before sending)
    target_kind: TargetKind = TargetKind.CONNECTOR

    @property
    def spec(self) -> CommandSpec:
        spec = find_command(self.spec_name) or find_device_command(self.spec_name)
        if spec is None:  # only possible for a Command built by hand with a wrong name
            raise LookupError(f"no command called {self.spec_name!r}")
        return spec


class ParseError(BaseModel):
    """Why a line cannot be sent: a one-line ``message`` and, when known, the command's usage.

    ``position`` is the offset in the cleaned line where the problem is; ``suggestion`` the
    "did you mean" target (a command name or flag spelling), when there is one.
    """

    model_config = ConfigDict(frozen=True)

    message: str
    usage: str | None = None
    position: int | None = None
    suggestion: str | None = None

    def format(self) -> str:
        """``<message>``, then ``usage: <usage>`` on a second line when known. No ``error:``
        prefix: whoever prints it as an error adds that once."""
        return f"{self.message}\nusage: {self.usage}" if self.usage else self.message
