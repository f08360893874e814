"""``.refresh``, ``.devices [TEXT]`` and ``.endpoints [TEXT]``: the tenant catalogue as commands.

In the interactive shell the catalogue loads in the background and ``.refresh`` reloads it there.
In one-shot and batch runs there is no background: the first of these commands loads the
catalogue (disk cache, then the tenant) before answering.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from ..catalogue import Match, TenantCatalogue, summary
from ..exit_codes import ExitCode
from ..language import Command
from ..outcome import Outcome
from ..output.safetext import clip, display_width, one_line, pad
from .registry import Handler, LocalContext, first_arg

MAX_ROWS = 50
NAME_WIDTH = 32


def _state_line(catalogue: TenantCatalogue) -> str:
    return f"(catalogue: {summary(catalogue.status(), time.time())})"


def refresh(context: LocalContext, command: Command) -> Outcome:
    catalogue = context.catalogue.current
    if catalogue is not None and catalogue.in_background:
        if catalogue.refresh():
            text = (
                "reloading the device catalogue in the background; the toolbar shows its progress"
            )
        else:
            text = "the device catalogue is already loading; the toolbar shows its progress"
        return Outcome(line=command.text, output=text, local=True)
    if catalogue is None:
        catalogue = context.catalogue.get()  # created and loaded now
    else:
        catalogue.load_now()  # no background here: reload now
    status = catalogue.status()
    if status.error:
        return Outcome(
            line=command.text,
            exit_code=ExitCode.CONNECTION,
            error=f"catalogue not loaded: {status.error}",
            local=True,
        )
    return Outcome(line=command.text, output=_state_line(catalogue), local=True)


def list_devices(context: LocalContext, command: Command) -> Outcome:
    catalogue = context.catalogue.get()
    text = first_arg(command) or ""
    shown, total = catalogue.snapshot.search(text.strip(), MAX_ROWS)
    rows = [(clip(m.id, 24), clip(m.name, NAME_WIDTH), clip(m.type, 24), one_line(m.endpoint))
            for m in shown]  # fmt: skip
    table = _table(("ID", "NAME", "TYPE", "ENDPOINT"), rows)
    data = [{"id": m.id, "name": m.name, "type": m.type, "endpoint": m.endpoint} for m in shown]
    return _listing(command, catalogue, table, (data, total), "devices", text)


def list_endpoints(context: LocalContext, command: Command) -> Outcome:
    catalogue = context.catalogue.get()
    text = first_arg(command) or ""
    shown, total = catalogue.snapshot.search_endpoints(text.strip(), MAX_ROWS)
    rows = [(one_line(m.endpoint), clip(m.id, 24), _name_if_other(m), _state(m)) for m in shown]
    table = _table(("ENDPOINT", "DEVICE", "NAME", "STATE"), rows)
    data = [
        {"endpoint": m.endpoint, "deviceId": m.id, "name": m.name, "provisional": m.provisional}
        for m in shown
    ]
    return _listing(command, catalogue, table, (data, total), "endpoints", text)


def _listing(
    command: Command,
    catalogue: TenantCatalogue,
    table: list[str],
    found: tuple[Sequence[Mapping[str, object]], int],
    what: str,
    text: str,
) -> Outcome:
    rows, total = found
    shown = len(rows)
    status = catalogue.status()
    lines: list[str] = []
    if total == 0:
        wanted = one_line(repr(text.strip()))
        lines.append(f"no {what} match {wanted}" if text.strip() else f"no {what} known")
    else:
        lines.extend(table)
        if total > shown:
            more = f"… and {total - shown:,} more"
            lines.append(f"{more}: narrow the list with .{what} TEXT")
    footer = _state_line(catalogue)
    if text.strip() and total:
        counted = f"{total:,} {what} match" if total != 1 else f"1 {what[:-1]} matches"
        footer = f"{counted} {text.strip()!r} {footer}"
    lines.append(footer)
    code = ExitCode.OK
    error = None
    if status.error and len(catalogue.snapshot) == 0:
        code, error = ExitCode.CONNECTION, f"catalogue not loaded: {status.error}"
    output = "\n".join(lines)
    data = {
        what: rows,
        "shown": shown,
        "total": total,
        "catalogue": summary(status, time.time()),
    }
    return Outcome(
        line=command.text, output=output, exit_code=code, error=error, local=True, data=data
    )


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Columns of rendered (single-line, safe) cells, aligned by display width."""
    if not rows:
        return []
    widths = [
        max(display_width(header[i]), *(display_width(row[i]) for row in rows))
        for i in range(len(header))
    ]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(pad(cell, width) for cell, width in zip(cells, widths, strict=True))

    return [line(header).rstrip(), *(line(row).rstrip() for row in rows)]


def _name_if_other(match: Match) -> str:
    return "" if match.name == match.endpoint else clip(match.name, NAME_WIDTH)


def _state(match: Match) -> str:
    """``provisional`` while the endpoint is only the device's name, not yet confirmed."""
    return "provisional" if match.provisional else ""


HANDLERS: dict[str, Handler] = {
    ".refresh": refresh,
    ".devices": list_devices,
    ".endpoints": list_endpoints,
}
