"""Exit codes of lwm2m-shell, one meaning each (documented in the README and the man page)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # every command succeeded
    FAILED = 1  # a command ended FAILED on the tenant
    USAGE = 2  # usage or validation error: nothing was sent
    CONNECTION = 3  # connection, authentication or permission error
    TIMEOUT = 4  # gave up waiting; the operation ID was printed
    INTERNAL = 70  # a fault of lwm2m-shell itself (sysexits' EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C


EXIT_CODE_HELP: dict[ExitCode, str] = {
    ExitCode.OK: "every command succeeded",
    ExitCode.FAILED: "a command ended FAILED on the tenant",
    ExitCode.USAGE: "usage or validation error; nothing was sent",
    ExitCode.CONNECTION: "connection, authentication or permission error",
    ExitCode.TIMEOUT: "timed out waiting for an operation; its ID was printed",
    ExitCode.INTERNAL: "internal error of lwm2m-shell (a bug: please report it)",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
}
