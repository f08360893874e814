"""The shell commands of an LWM2M device (its Shell tab in Cumulocity), as ``CommandSpec`` data.

The agent turns each into a CoAP request to the device. The wording is lwm2m-shell's own; the
facts come from Cumulocity's public description of the LWM2M shell commands. The checks behind
these specs are in ``device_checks.py``; the object model they consult in ``objects/``.
"""

from __future__ import annotations

from .spec import ArgKind, ArgSpec, CommandSpec, TargetKind

DEVICE = TargetKind.DEVICE

SERIALIZATION_FORMATS = ("TLV", "JSON", "CBOR", "TEXT", "OPAQUE", "SENML_JSON", "SENML_CBOR")
SERIALIZATION_DEFAULT = "DEFAULT"
WRITE_ATTRIBUTE_KEYS = ("pmin", "pmax", "gt", "lt", "st", "cancel")
COAP_METHODS = ("get", "post", "put", "delete", "fetch", "ipatch", "patch")

_PATH_HELP = (
    "An LWM2M path of numbers: /object, /object/instance, /object/instance/resource, or with "
    "a resource instance as a fourth level, e.g. /3/0/9."
)


_ANY_PATH = "/obj[/inst[/res]]"


def _path(help_text: str = _PATH_HELP, metavar: str = _ANY_PATH) -> ArgSpec:
    return ArgSpec(name="path", kind=ArgKind.LWM2M_PATH, help=help_text, metavar=metavar)


def _paths(help_text: str) -> ArgSpec:
    return ArgSpec(
        name="paths", kind=ArgKind.LWM2M_PATH, help=help_text, repeat=True, metavar=_ANY_PATH
    )


def _spec(
    name: str,
    summary: str,
    help_text: str,
    args: tuple[ArgSpec, ...],
    examples: tuple[tuple[str, str], ...],
) -> CommandSpec:
    return CommandSpec(
        name=name,
        summary=summary,
        help=help_text,
        args=args,
        examples=examples,
        target_kind=DEVICE,
    )


READ = _spec(
    "read",
    "read an object, an instance or a resource of the device",
    "Asks the device for the current value of a path: a single resource, every resource of "
    "an instance, or every instance of an object. The device's answer is written into the "
    "operation's result.",
    (_path(),),
    (
        ("read /3/0/9", "the battery level of the device"),
        ("read /3/0", "every resource of the Device object's instance 0"),
    ),
)

CREAD = _spec(
    "cread",
    "composite read: several paths in one request (LwM2M 1.1)",
    "Reads several paths in one request and one answer. Needs a device speaking LwM2M 1.1 or "
    "later; the paths are separated by spaces.",
    (_paths("One or more LWM2M paths, separated by spaces."),),
    (("cread /3/0/0 /3/0/9 /6/0", "manufacturer, battery level and location at once"),),
)

OBSERVE = _spec(
    "observe",
    "start observing a path: the device reports changes",
    "Asks the device to report the value of a path whenever it changes (within the limits set "
    "by writeattr). Stop with cancelobservation.",
    (_path(),),
    (("observe /3303/0/5700", "follow the first temperature sensor's value"),),
)

COBSERVE = _spec(
    "cobserve",
    "composite observe: observe several paths together (LwM2M 1.1)",
    "Starts one observation covering several paths; each report carries all of them. Needs a "
    "device speaking LwM2M 1.1 or later.",
    (_paths("One or more LWM2M paths, separated by spaces."),),
    (("cobserve /3/0/9 /3/0/20", "battery level and battery status in one observation"),),
)

EXECUTE = _spec(
    "execute",
    "execute a resource (reboot, factory reset, update, ...)",
    "Triggers an executable resource, e.g. Reboot (/3/0/4). Arguments, when the resource "
    "takes any, follow the LwM2M argument list syntax: comma-separated single digits, each "
    "optionally with ='text' (no spaces, double quotes, single quotes or backslashes inside the "
    "text), e.g. 0='on',1. Only resources with the E operation can be executed.",
    (
        _path("The resource to execute, /object/instance/resource.", "/obj/inst/res"),
        ArgSpec(
            name="arguments",
            kind=ArgKind.EXECUTE_ARGS,
            help="Optional LwM2M argument list, e.g. 0='abc',1.",
            required=False,
        ),
    ),
    (
        ("execute /3/0/4", "reboot the device"),
        ("execute /5/0/2", "start installing the downloaded firmware"),
        ("execute /9/0/4 0='quick',1", "a resource executed with two arguments"),
    ),
)

EXECUTE_LEGACY = _spec(
    "executelegacy",
    "execute a resource, the parameters sent as plain text",
    "Like execute, but whatever follows the path is handed to the device as plain text, "
    "unchecked: the behaviour of agents before 10.15, for devices that expect parameters "
    "outside the LwM2M argument list syntax.",
    (
        _path("The resource to execute, /object/instance/resource.", "/obj/inst/res"),
        ArgSpec(
            name="parameters",
            kind=ArgKind.TEXT,
            help="Optional parameters, the rest of the line, sent as typed.",
            required=False,
            metavar="TEXT",
        ),
    ),
    (("executelegacy /3/0/4 now", "reboot, with the plain-text parameter now"),),
)

WRITE = _spec(
    "write",
    "write one value to a resource",
    "Writes a value to a writable resource. The value must fit the resource's type: a whole "
    "number for Integer and Unsigned Integer, a number for Float, true/false or 1/0 for "
    "Boolean, seconds since 1970 for Time, object:instance for Objlnk, hex digits for Opaque; "
    "a String is the rest of the line as typed. Ranges of the object model are checked too.",
    (
        _path("The resource, /object/instance/resource (or a resource instance).", "/obj/inst/res"),
        ArgSpec(
            name="value",
            kind=ArgKind.LWM2M_VALUE,
            help="The value, in the resource's type: the rest of the line.",
        ),
    ),
    (
        ("write /1/0/1 3600", "set the registration lifetime to one hour"),
        ("write /3/0/15 Europe/Berlin", "set the device's time zone"),
    ),
)

CWRITE = _spec(
    "cwrite",
    "composite write: several resources in one request (LwM2M 1.1)",
    "Writes several resources in one request: pairs of a path and a value, separated by "
    "spaces. Each value is one word and must fit its resource's type, as for write.",
    (
        _path("The first resource, /object/instance/resource.", "/obj/inst/res"),
        ArgSpec(name="value", kind=ArgKind.LWM2M_VALUE, help="The value for the first path."),
        ArgSpec(
            name="more",
            kind=ArgKind.LWM2M_PATH,
            help="Further pairs of a path and a value.",
            required=False,
            repeat=True,
            metavar="/obj/inst/res VALUE",
        ),
    ),
    (("cwrite /1/0/2 10 /1/0/3 60", "set the minimum and maximum observation periods"),),
)

WRITEB = _spec(
    "writeb",
    "write binary data (hex, or a file uploaded to the tenant)",
    "Writes binary data to a resource: either an even number of hex digits, or binary:ID to "
    "send a file already uploaded to the tenant, named by its managed object ID.",
    (
        _path("The resource, /object/instance/resource.", "/obj/inst/res"),
        ArgSpec(
            name="data",
            kind=ArgKind.HEX_OR_BINARY,
            help="Hex digits (an even number of them), or binary:<managed object ID>.",
        ),
    ),
    (
        ("writeb /5/0/0 010A0B020F", "five bytes to the firmware package resource"),
        ("writeb /5/0/0 binary:12345", "the uploaded file with ID 12345"),
    ),
)

CANCEL_OBSERVATION = _spec(
    "cancelobservation",
    "cancel an observation (single or composite)",
    "Stops an observation started with observe or cobserve. For a composite observation give "
    "the same set of paths, in any order.",
    (_paths("The observed path, or every path of a composite observation."),),
    (
        ("cancelobservation /3303/0/5700", "stop following the temperature"),
        ("cancelobservation /3/0/20 /3/0/9", "cancel the composite observation of two paths"),
    ),
)

DELETE = _spec(
    "delete",
    "delete an object instance (or a resource instance)",
    "Removes an object instance from the device, or a single resource or resource instance "
    "where the device allows it.",
    (_path("An instance, /object/instance, or a resource below it.", "/obj/inst[/res]"),),
    (("delete /3303/1", "remove the second temperature sensor instance"),),
)

DISCOVER = _spec(
    "discover",
    "list what an object, instance or resource offers, with its attributes",
    "Asks the device which instances and resources it implements below a path, with the "
    "notification attributes attached to them.",
    (_path("An object, instance or resource path."),),
    (("discover /3", "what the Device object implements"),),
)

CREATE = _spec(
    "create",
    "create an object instance, with optional initial values as JSON",
    "Creates a new instance of an object. Initial resource values may follow as JSON; without "
    "them the device chooses.",
    (
        _path("The object, /object.", "/obj"),
        ArgSpec(
            name="values",
            kind=ArgKind.OBJECT_JSON,
            help="Optional JSON with the new instance's values: the rest of the line.",
            required=False,
        ),
    ),
    (("create /3303", "a new temperature sensor instance"),),
)

WRITE_ATTR = _spec(
    "writeattr",
    "set notification attributes (pmin, pmax, gt, lt, st) of a path",
    "Sets the attributes that govern observations of a path, joined by &: pmin and pmax (the "
    "least and most seconds between reports), gt and lt (report when the value crosses these "
    "numbers), st (report when the value changes by at least this step), and cancel to remove "
    "them. Any subset may be given.",
    (
        _path("The object, instance or resource."),
        ArgSpec(
            name="attributes",
            kind=ArgKind.WRITE_ATTRIBUTES,
            help="key=value pairs joined by &: pmin, pmax, gt, lt, st, or cancel alone.",
        ),
    ),
    (
        (
            "writeattr /3/0/9 pmin=10&pmax=600",
            "battery reports at most every 10 s and at least every 10 minutes",
        ),
        ("writeattr /3303/0/5700 gt=30&lt=5", "report when the temperature leaves 5..30"),
    ),
)

FWUPDATE = _spec(
    "fwupdate",
    "update the device's firmware from a URL",
    "Starts a firmware update: the agent has the device fetch the image from the URL and "
    "install it. The argument is the firmware's name, its version and the URL, separated by "
    "semicolons.",
    (
        ArgSpec(
            name="firmware",
            kind=ArgKind.FIRMWARE,
            help="name;version;url, e.g. sensor-fw;2.1.0;https://example.com/fw.bin",
        ),
    ),
    (("fwupdate sensor-fw;2.1.0;https://example.com/fw.bin", "update to version 2.1.0"),),
)

SERIALIZATION = _spec(
    "serialization",
    "choose the data format used with this device",
    "Sets the content format the agent uses when talking to this device: "
    + ", ".join(SERIALIZATION_FORMATS)
    + f", or {SERIALIZATION_DEFAULT} to go back to the standard behaviour.",
    (
        ArgSpec(
            name="format",
            kind=ArgKind.SERIALIZATION,
            help="One of " + ", ".join((*SERIALIZATION_FORMATS, SERIALIZATION_DEFAULT)) + ".",
        ),
    ),
    (
        ("serialization SENML_JSON", "talk SenML JSON with the device"),
        ("serialization DEFAULT", "back to the standard format"),
    ),
)

COAP = _spec(
    "coap",
    "send a raw CoAP request (exceptional cases only)",
    "Sends a CoAP request built from JSON: method (one of "
    + ", ".join(COAP_METHODS)
    + "), uri (a path or null), contentFormat and accept (a CoAP content-format number or "
    "null), payloadHex (hex digits or null). The device's answer is stored unprocessed. Meant "
    "for what the other commands cannot express.",
    (
        ArgSpec(
            name="request",
            kind=ArgKind.COAP_REQUEST,
            help="The request as a JSON object: the rest of the line.",
        ),
    ),
    (('coap {"method":"get","uri":"/3/0/0","accept":0}', "read the manufacturer as text"),),
)

DEVICE_COMMANDS: tuple[CommandSpec, ...] = (
    READ,
    CREAD,
    OBSERVE,
    COBSERVE,
    EXECUTE,
    EXECUTE_LEGACY,
    WRITE,
    CWRITE,
    WRITEB,
    CANCEL_OBSERVATION,
    DELETE,
    DISCOVER,
    CREATE,
    WRITE_ATTR,
    FWUPDATE,
    SERIALIZATION,
    COAP,
)

_BY_NAME: dict[str, CommandSpec] = {spec.name: spec for spec in DEVICE_COMMANDS}
DEVICE_NAMES: tuple[str, ...] = tuple(_BY_NAME)


_WORD_KINDS = frozenset({ArgKind.LWM2M_PATH, ArgKind.SERIALIZATION, ArgKind.HEX_OR_BINARY})


def takes_free_text(spec: CommandSpec) -> bool:
    """Whether the command's last argument is text that may hold spaces and colons (a value,
    JSON, an argument list, ...) rather than a word such as a path."""
    return bool(spec.args) and spec.args[-1].kind not in _WORD_KINDS


def find_device_command(name: str) -> CommandSpec | None:
    """The device command called exactly ``name`` (case-sensitive), or None."""
    return _BY_NAME.get(name)
