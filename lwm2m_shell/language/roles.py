"""What each stretch of a line is, for highlighting as the user types."""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    COMMAND = "command"  # a connector command name (help included)
    LOCAL_COMMAND = "local_command"  # a command of lwm2m-shell itself (.status, exit, ...)
    UNKNOWN_COMMAND = "unknown_command"
    FLAG = "flag"
    UNKNOWN_FLAG = "unknown_flag"
    DEVICE_ID = "device_id"
    ENDPOINT = "endpoint"
    REGISTRATION_ID = "registration_id"
    OPERATION_ID = "operation_id"
    NUMBER = "number"
    TEXT = "text"
    PLACEHOLDER = "placeholder"  # <endpoint_ID>, [-d ID...]: documentation, not a value
    INVALID = "invalid"  # a value that does not fit, an extra argument, a repeated flag
    COMMENT = "comment"  # '# ...', and paste decoration around a pasted command
    WHITESPACE = "whitespace"
    DEVICE_COMMAND = "device_command"  # a command of an LWM2M device (read, write, ...)
    PATH = "path"  # an LWM2M path, /3/0/9
    VALUE = "value"  # a device command's value, argument list, attributes or JSON
