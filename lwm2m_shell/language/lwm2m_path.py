"""LWM2M paths (``/3/0/9``): reading them, and how deep each device command wants them."""

from __future__ import annotations

from dataclasses import dataclass

MAX_ID = 65535

# (least, most) levels of the path each device command accepts: 1 = /obj ... 4 = /obj/i/r/ri.
PATH_DEPTH: dict[str, tuple[int, int]] = {
    "read": (1, 4),
    "cread": (1, 4),
    "observe": (1, 4),
    "cobserve": (1, 4),
    "execute": (3, 3),
    "executelegacy": (3, 3),
    "write": (3, 4),
    "cwrite": (3, 4),
    "writeb": (3, 4),
    "cancelobservation": (1, 4),
    "delete": (2, 4),
    "discover": (1, 3),
    "create": (1, 1),
    "writeattr": (1, 4),
}

_LEVELS = ("/object", "/object/instance", "/object/instance/resource", "/obj/inst/res/instance")


@dataclass(frozen=True)
class PathProblem:
    message: str
    offset: int  # within the path text


def parse_path(text: str) -> tuple[int, ...] | PathProblem:
    """The IDs of ``/obj[/inst[/res[/ri]]]``, or why ``text`` is not such a path."""
    if not text.startswith("/"):
        hint = f": write /{text}" if text[:1].isdigit() else ", e.g. /3/0/9"
        return PathProblem(f"an LWM2M path starts with '/': '{text}'{hint}", 0)
    ids: list[int] = []
    offset = 1
    parts = text[1:].split("/")
    if len(parts) > 4:
        return PathProblem(f"too many levels in '{text}': at most /obj/inst/res/ri", 0)
    for index, part in enumerate(parts):
        if part == "":
            if index == len(parts) - 1:
                message = f"the path '{text}' ends with '/': complete or remove it"
                return PathProblem(message, offset)
            return PathProblem(f"empty level ('//') in the path '{text}'", offset)
        if not (part.isascii() and part.isdigit()):
            return PathProblem(f"path levels are numbers: '{part}' in '{text}'", offset)
        if int(part) > MAX_ID:
            return PathProblem(f"ID {part} in '{text}' is out of range (0..{MAX_ID})", offset)
        ids.append(int(part))
        offset += len(part) + 1
    return tuple(ids)


def depth_problem(command: str, ids: tuple[int, ...], text: str) -> str | None:
    """Why a path of this depth does not suit ``command``, or None."""
    least, most = PATH_DEPTH.get(command, (1, 4))
    if least <= len(ids) <= most:
        return None
    if least == most:
        return f"{command} needs a {_LEVELS[least - 1]} path, not '{text}'"
    if len(ids) < least:
        return f"{command} needs at least {_LEVELS[least - 1]}, not '{text}'"
    return f"{command} goes down to {_LEVELS[most - 1]} at most, not '{text}'"
