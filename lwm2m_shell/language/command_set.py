"""The catalogue: every command the shell knows, connector and local, as ``CommandSpec`` data.

This is the single source of truth for syntax, help, completion and highlighting. The wording
is lwm2m-shell's own; the facts come from the connector device's public documentation.
"""

from __future__ import annotations

from .spec import ArgKind, ArgSpec, CommandSpec, FlagSpec

EXAMPLE_ENDPOINT = "urn:imei:012345678901234"
EXAMPLE_REGISTRATION_ID = "F7DqjmW3Yy"

_ENDPOINT_ARG = ArgSpec(
    name="endpoint",
    kind=ArgKind.ENDPOINT,
    help=(
        "The endpoint client ID the device registers with (the same ID as in its device "
        f"registration), e.g. {EXAMPLE_ENDPOINT}. One word, no spaces."
    ),
)

# The connector device has a help command, so help is listed with the connector commands; but
# lwm2m-shell answers it from this catalogue (local=True) and never sends it: .send help does.
HELP = CommandSpec(
    name="help",
    summary="list the commands, or show one in full (answered by lwm2m-shell)",
    help=(
        "Without a name, lists the connector device's commands with their syntax, then the "
        "commands of lwm2m-shell itself. With a name, shows that command in full: what it does, "
        "its options and documented examples.\n\n"
        "The connector device has a help command of its own. lwm2m-shell answers help from its "
        "own catalogue, at once and without creating an operation; to see the agent's own help "
        "text, type .send help."
    ),
    args=(
        ArgSpec(
            name="name",
            kind=ArgKind.COMMAND_NAME,
            help="A command name, e.g. migrateLwm2mDevices or .status.",
            required=False,
            metavar="NAME",
        ),
    ),
    examples=(
        ("help", "list every command"),
        ("help migrateLwm2mDevices", "show the migration command in full"),
    ),
    local=True,
)

MIGRATE = CommandSpec(
    name="migrateLwm2mDevices",
    summary="migrate LWM2M devices to the device registration format of 10.15 and later",
    help=(
        "Devices created before version 10.15.0, and devices created by bulk registration, must "
        "be moved to the device registration format introduced in 10.15.0. This command "
        "rewrites their managed objects, and their client registration objects, in the new "
        "format. The old fragments are kept, so the migration is backwards compatible.\n\n"
        "Without -d/--devices the command migrates every LWM2M device of the tenant. Name "
        "devices by managed object ID after -d/--devices to migrate only those; add "
        "-sr/--skipRegistrations to leave their client registration objects as they are. The "
        "options may come in any order.\n\n"
        "Older agents documented a single comma-separated list of device IDs instead "
        "(migrateLwm2mDevices 1122,3344); lwm2m-shell still accepts and sends it as typed. That "
        "form cannot be combined with -d or -sr."
    ),
    args=(
        ArgSpec(
            name="devices",
            kind=ArgKind.DEVICE_ID_LIST,
            help="Legacy syntax: the device IDs as one comma-separated word, e.g. 1122,3344.",
            required=False,
            legacy=True,
        ),
    ),
    flags=(
        FlagSpec(
            short="-d",
            long="--devices",
            help="migrate only these devices (managed object IDs, separated by spaces)",
            value=ArgKind.DEVICE_ID,
            many=True,
        ),
        FlagSpec(
            short="-sr",
            long="--skipRegistrations",
            help="do not migrate the devices' client registration objects",
        ),
    ),
    examples=(
        ("migrateLwm2mDevices", "migrate every device of the tenant and its registration objects"),
        (
            "migrateLwm2mDevices --skipRegistrations",
            "migrate every device of the tenant, without its client registration objects",
        ),
        (
            "migrateLwm2mDevices --devices 1111 2222",
            "migrate devices 1111 and 2222 with their client registration objects",
        ),
        (
            "migrateLwm2mDevices -sr -d 1111 2222",
            "migrate devices 1111 and 2222 without their client registration objects",
        ),
        ("migrateLwm2mDevices 1122,3344", "legacy syntax: migrate devices 1122 and 3344"),
    ),
    tenant_wide=True,
    scoped_by=("--devices", "devices"),
)

CLEANUP = CommandSpec(
    name="cleanupClusterTenantObjectsForEndpoint",
    summary="remove the routing objects the cluster tenant keeps for an endpoint",
    help=(
        "When an LWM2M device registers, the cluster tenant stores which tenant the endpoint "
        "belongs to. Deleting only the device from the tenant used to leave that routing "
        "information behind. This command removes the cluster tenant's managed objects for the "
        "endpoint. Run it from the tenant that owned the device.\n\n"
        "It works whether or not the device still exists in the tenant, so it can also unlink "
        "an endpoint from the tenant while keeping the device and its history."
    ),
    args=(_ENDPOINT_ARG,),
    examples=(
        (
            f"cleanupClusterTenantObjectsForEndpoint {EXAMPLE_ENDPOINT}",
            "remove the cluster tenant's routing objects for this endpoint",
        ),
    ),
    deprecated=(
        "deprecated since 10.18: deleting a device now cleans up its cluster tenant objects"
    ),
)

INVALIDATE_ENDPOINT = CommandSpec(
    name="invalidateRegistrationsForEndpoint",
    summary="invalidate every LWM2M registration of an endpoint",
    help=(
        "Removes all known LWM2M registrations of the endpoint, so that the device has to "
        "register again. Useful when a device is stuck with a stale registration."
    ),
    args=(_ENDPOINT_ARG,),
    examples=(
        (
            f"invalidateRegistrationsForEndpoint {EXAMPLE_ENDPOINT}",
            f"invalidate every registration of {EXAMPLE_ENDPOINT}",
        ),
    ),
)

INVALIDATE_ID = CommandSpec(
    name="invalidateRegistrationById",
    summary="invalidate one LWM2M registration by its registration ID",
    help=(
        "Removes the single LWM2M registration with this ID, so that its device has to register "
        "again. Registration IDs are short words of letters and digits, e.g. "
        f"{EXAMPLE_REGISTRATION_ID}."
    ),
    args=(
        ArgSpec(
            name="registrationId",
            kind=ArgKind.REGISTRATION_ID,
            help=f"The registration ID, e.g. {EXAMPLE_REGISTRATION_ID}.",
        ),
    ),
    examples=(
        (
            f"invalidateRegistrationById {EXAMPLE_REGISTRATION_ID}",
            f"invalidate the registration {EXAMPLE_REGISTRATION_ID}",
        ),
    ),
)

CONNECTOR_COMMANDS: tuple[CommandSpec, ...] = (
    HELP,
    MIGRATE,
    CLEANUP,
    INVALIDATE_ENDPOINT,
    INVALIDATE_ID,
)

_FILTER_ARG_HELP = "Show only entries containing this text (case-insensitive)."

LOCAL_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        name=".help",
        summary="the same as help",
        help="Lists every command, or shows one command in full. The same as help.",
        args=HELP.args,
        examples=((".help .status", "show the .status command in full"),),
        local=True,
    ),
    CommandSpec(
        name=".status",
        summary="show an operation, waiting for its end if it still runs",
        help=(
            "Shows the status and result of an operation of the connector device. If the "
            "operation is still pending or executing, waits for it as if it had just been sent. "
            "Useful after Ctrl-C stopped a wait, or for an operation started elsewhere."
        ),
        args=(
            ArgSpec(
                name="id",
                kind=ArgKind.OPERATION_ID,
                help="The operation ID, digits only.",
                metavar="ID",
            ),
        ),
        examples=((".status 4711", "show operation 4711, waiting for it if it runs"),),
        local=True,
    ),
    CommandSpec(
        name=".history",
        summary="list the connector device's latest shell commands from the tenant",
        help=(
            "Lists the latest shell commands of the connector device as the tenant records them "
            "(what the web UI's shell history shows): status, date and text, newest last."
        ),
        args=(
            ArgSpec(
                name="count",
                kind=ArgKind.COUNT,
                help="How many commands to list.",
                required=False,
                metavar="N",
            ),
        ),
        examples=((".history", "the latest commands"), (".history 20", "the latest 20 commands")),
        local=True,
    ),
    CommandSpec(
        name=".bulk",
        summary="list bulk device registrations with their status and result",
        help=(
            "Lists the bulk device registrations recorded on the connector device, with their "
            "status and result."
        ),
        local=True,
    ),
    CommandSpec(
        name=".context",
        summary="show the tenant URL, tenant, user and connector device",
        help="Shows where this session is bound: tenant URL, tenant ID, user, connector device ID.",
        local=True,
    ),
    CommandSpec(
        name=".send",
        summary="send text to the agent verbatim, without checking it",
        help=(
            "Sends the rest of the line to the connector device exactly as typed, without "
            "checking it against the catalogue. Meant for agent commands this version of "
            "lwm2m-shell does not know. .send help shows the agent's own help text. Text "
            "that would migrate the whole tenant (.send migrateLwm2mDevices) still counts as "
            "tenant-wide, so the shell asks before sending it."
        ),
        args=(
            ArgSpec(
                name="text",
                kind=ArgKind.TEXT,
                help="The command text for the agent, sent as typed.",
                rest_of_line=True,
            ),
        ),
        examples=((".send help", "ask the agent for its own help text"),),
        local=True,
        sends_text=True,
    ),
    CommandSpec(
        name=".refresh",
        summary="reload the tenant's devices and endpoints for completion",
        help="Reloads the list of LWM2M devices and endpoints that completion offers.",
        local=True,
    ),
    CommandSpec(
        name=".devices",
        summary="list the tenant's LWM2M devices known to completion",
        help="Lists the LWM2M devices that completion knows: ID, name, type and endpoint.",
        args=(
            ArgSpec(
                name="filter",
                kind=ArgKind.TEXT,
                help=_FILTER_ARG_HELP,
                required=False,
                rest_of_line=True,
            ),
        ),
        examples=((".devices", "all devices"), (".devices meter", "devices mentioning meter")),
        local=True,
    ),
    CommandSpec(
        name=".endpoints",
        summary="list the tenant's LWM2M endpoints known to completion",
        help="Lists the endpoint client IDs that completion knows, with their device.",
        args=(
            ArgSpec(
                name="filter",
                kind=ArgKind.TEXT,
                help=_FILTER_ARG_HELP,
                required=False,
                rest_of_line=True,
            ),
        ),
        examples=((".endpoints 1234", "endpoints containing 1234"),),
        local=True,
    ),
    CommandSpec(
        name=".use",
        summary="point the shell at one LWM2M device; alone: back to the connector",
        help=(
            "Points the shell at one LWM2M device, named by its endpoint, managed object ID or "
            "name (quote a name with spaces): its device commands (read, write, execute ...) "
            "then go to it, and the prompt shows it. Connector commands still go to the "
            "connector device. .use alone points the shell back at the connector."
        ),
        args=(
            ArgSpec(
                name="target",
                kind=ArgKind.TARGET,
                help="The device's endpoint, managed object ID or name.",
                required=False,
            ),
        ),
        examples=(
            (f".use {EXAMPLE_ENDPOINT}", "point the shell at this device"),
            (".use 4711", "the device with managed object ID 4711"),
            (".use", "back to the connector device"),
        ),
        local=True,
    ),
    CommandSpec(
        name=".exit",
        summary="leave the shell (also exit, quit, Ctrl-D)",
        help="Leaves lwm2m-shell. Operations still running on the tenant go on.",
        local=True,
        aliases=("exit", "quit", ".quit"),
    ),
)

ALL_COMMANDS: tuple[CommandSpec, ...] = CONNECTOR_COMMANDS + LOCAL_COMMANDS

_BY_NAME: dict[str, CommandSpec] = {name: spec for spec in ALL_COMMANDS for name in spec.names}

ALL_NAMES: tuple[str, ...] = tuple(_BY_NAME)


def find_command(name: str) -> CommandSpec | None:
    """The command called exactly ``name`` (case-sensitive, aliases included), or None."""
    return _BY_NAME.get(name)
