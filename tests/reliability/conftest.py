"""Collects the fault matrix's cells and prints them as one table at the end of the run."""

from __future__ import annotations

from typing import Any

import pytest

MATRIX: dict[tuple[str, str], str] = {}
NOTES: dict[str, str] = {}  # step -> what its cells show, when not an exit code


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not MATRIX:
        return
    faults = list(dict.fromkeys(fault for fault, _ in MATRIX))
    steps = list(dict.fromkeys(step for _, step in MATRIX))
    width = max(24, *(len(cell) + 2 for cell in MATRIX.values()))
    terminalreporter.section("fault matrix: exit code / operations on the tenant / verdict")
    terminalreporter.write_line("fault".ljust(22) + "".join(step.ljust(width) for step in steps))
    for fault in faults:
        row = fault.ljust(22)
        row += "".join(MATRIX.get((fault, step), "-").ljust(width) for step in steps)
        terminalreporter.write_line(row)
    for step in steps:
        if step in NOTES:
            terminalreporter.write_line(f"{step}: {NOTES[step]}, not an exit code")


@pytest.fixture
def record_cell() -> Any:
    def record(fault: str, step: str, text: str) -> None:
        MATRIX[(fault, step)] = text

    return record


@pytest.fixture
def note_step() -> Any:
    def note(step: str, text: str) -> None:
        NOTES[step] = text

    return note
