"""Commands as data: what a command takes, described once and read by everything else.

The parser, the help text, completion and highlighting are all driven by these specs, so a
command's syntax is written down in exactly one place (``catalogue.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ArgKind(str, Enum):
    """What kind of value an argument or flag takes."""

    DEVICE_ID = "device_id"  # managed object ID, digits only
    DEVICE_ID_LIST = "device_id_list"  # legacy "1122,3344": device IDs in one comma list
    ENDPOINT = "endpoint"  # LWM2M endpoint client ID, e.g. urn:imei:012345678901234
    REGISTRATION_ID = "registration_id"  # e.g. F7DqjmW3Yy
    OPERATION_ID = "operation_id"  # digits (local .status)
    COMMAND_NAME = "command_name"  # a command of the catalogue (help NAME)
    COUNT = "count"  # a positive whole number (.history N)
    TEXT = "text"  # free text
    # Arguments of the LWM2M device commands (device_commands.py):
    LWM2M_PATH = "lwm2m_path"  # /obj[/inst[/res[/resinst]]], digits
    LWM2M_VALUE = "lwm2m_value"  # a value in the resource's type
    EXECUTE_ARGS = "execute_args"  # LwM2M arglist: 0='abc',1
    HEX_OR_BINARY = "hex_or_binary"  # 010A0B or binary:<managed object ID>
    WRITE_ATTRIBUTES = "write_attributes"  # pmin=10&pmax=60&cancel
    FIRMWARE = "firmware"  # <name>;<version>;<url>
    SERIALIZATION = "serialization"  # TLV, JSON, CBOR, TEXT, ...
    COAP_REQUEST = "coap_request"  # {"method": "get", "uri": "/3/0/0", ...}
    OBJECT_JSON = "object_json"  # JSON for create
    TARGET = "target"  # .use: an endpoint, managed object ID or device name


class TargetKind(str, Enum):
    """Where a command goes: the connector device (the default) or one LWM2M device."""

    CONNECTOR = "connector"
    DEVICE = "device"


# How a value kind is written in usage lines when the spec names no metavar.
KIND_METAVAR: dict[ArgKind, str] = {
    ArgKind.DEVICE_ID: "ID",
    ArgKind.DEVICE_ID_LIST: "ID,ID,...",
    ArgKind.ENDPOINT: "<endpoint>",
    ArgKind.REGISTRATION_ID: "<registrationId>",
    ArgKind.OPERATION_ID: "ID",
    ArgKind.COMMAND_NAME: "NAME",
    ArgKind.COUNT: "N",
    ArgKind.TEXT: "TEXT",
    ArgKind.LWM2M_PATH: "/obj/inst/res",
    ArgKind.LWM2M_VALUE: "VALUE",
    ArgKind.EXECUTE_ARGS: "ARGLIST",
    ArgKind.HEX_OR_BINARY: "HEX|binary:ID",
    ArgKind.WRITE_ATTRIBUTES: "ATTR=VALUE&...",
    ArgKind.FIRMWARE: "<name>;<version>;<url>",
    ArgKind.SERIALIZATION: "FORMAT",
    ArgKind.COAP_REQUEST: "JSON",
    ArgKind.OBJECT_JSON: "JSON",
    ArgKind.TARGET: "TARGET",
}


@dataclass(frozen=True)
class ArgSpec:
    """A positional argument.

    ``rest_of_line``: the argument is the rest of the line, verbatim (no tokenizing).
    ``legacy``: an older syntax still accepted but not advertised in the usage line or completion.
    ``metavar``: how usage lines write it; derived from ``kind`` when empty.
    """

    name: str
    kind: ArgKind
    help: str
    required: bool = True
    rest_of_line: bool = False
    legacy: bool = False
    metavar: str = ""
    repeat: bool = False  # one or more values (device commands: several paths)

    @property
    def display(self) -> str:
        return (self.metavar or KIND_METAVAR[self.kind]) + ("..." if self.repeat else "")

    @property
    def usage(self) -> str:
        return self.display if self.required else f"[{self.display}]"


@dataclass(frozen=True)
class FlagSpec:
    """A flag, spelled with its dashes (``short="-d"``, ``long="--devices"``).

    ``value`` is the kind of value the flag takes, None for a switch. With ``many=True`` one or
    more values follow, up to the next flag or the end of the line (``-d 1111 2222``), and the
    flag may be repeated (its values merge).
    """

    short: str | None
    long: str
    help: str
    value: ArgKind | None = None
    many: bool = False

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.short, self.long) if self.short else (self.long,)

    @property
    def label(self) -> str:
        """Both spellings for messages, e.g. ``-d/--devices``."""
        return "/".join(self.spellings)

    @property
    def metavar(self) -> str:
        if self.value is None:
            return ""
        return KIND_METAVAR[self.value] + ("..." if self.many else "")

    @property
    def usage(self) -> str:
        spelled = "|".join(self.spellings)
        return f"[{spelled} {self.metavar}]" if self.value else f"[{spelled}]"


@dataclass(frozen=True)
class CommandSpec:
    """One command of the shell: a connector command or a local one.

    ``tenant_wide``: the command acts on the whole tenant unless one of ``scoped_by`` (flag long
    spellings or argument names) narrows it. ``local``: lwm2m-shell answers it itself and never
    sends it to the agent (``help`` is such a command even though the connector has one too).
    ``sends_text``: a local command whose free-text argument goes to the agent as the command
    text (``.send``). ``target_kind``: whom the command is for; a device command is sent to the
    targeted LWM2M device, every other command to the connector device or to nobody.
    """

    name: str
    summary: str
    help: str
    args: tuple[ArgSpec, ...] = ()
    flags: tuple[FlagSpec, ...] = ()
    examples: tuple[tuple[str, str], ...] = ()
    tenant_wide: bool = False
    scoped_by: tuple[str, ...] = ()
    deprecated: str | None = None
    local: bool = False
    aliases: tuple[str, ...] = ()
    sends_text: bool = False
    target_kind: TargetKind = TargetKind.CONNECTOR

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def usage(self) -> str:
        """The advertised syntax, e.g. ``migrateLwm2mDevices [-d|--devices ID...] [-sr|...]``."""
        parts = [self.name]
        parts.extend(arg.usage for arg in self.args if not arg.legacy)
        parts.extend(flag.usage for flag in self.flags)
        return " ".join(parts)

    @property
    def legacy_usages(self) -> tuple[str, ...]:
        """Older syntaxes still accepted, one usage line each."""
        return tuple(f"{self.name} {arg.usage}" for arg in self.args if arg.legacy)

    @property
    def rest_of_line_arg(self) -> ArgSpec | None:
        """The free-text argument when the command takes the rest of the line verbatim."""
        for arg in self.args:
            if arg.rest_of_line:
                return arg
        return None

    def find_flag(self, spelling: str) -> FlagSpec | None:
        for flag in self.flags:
            if spelling in flag.spellings:
                return flag
        return None
