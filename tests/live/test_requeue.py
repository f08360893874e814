"""A device operation may go back from EXECUTING to PENDING (its device did not answer): the one
exception to the never-backwards rule, for device operations only, and never for a stale copy."""

from __future__ import annotations

from lwm2m_shell.client import Operation
from lwm2m_shell.live.merged import advanced


def op(status: str, updated: str | None = None) -> Operation:
    body = {"id": "1", "status": status}
    if updated is not None:
        body["lastUpdated"] = updated
    return Operation.model_validate(body)


def test_requeued_device_operations_go_back_to_pending() -> None:
    running = op("EXECUTING", "2026-01-01T10:00:01Z")
    requeued = op("PENDING", "2026-01-01T10:00:05Z")
    assert advanced(running, requeued, requeue=True) is requeued
    assert advanced(running, op("PENDING"), requeue=True).status.value == "PENDING"  # no time


def test_a_stale_pending_copy_does_not_undo_executing() -> None:
    running = op("EXECUTING", "2026-01-01T10:00:05Z")
    stale = op("PENDING", "2026-01-01T10:00:01Z")
    assert advanced(running, stale, requeue=True) is running


def test_connector_operations_never_go_backwards() -> None:
    running = op("EXECUTING", "2026-01-01T10:00:01Z")
    assert advanced(running, op("PENDING", "2026-01-01T10:00:05Z")) is running


def test_a_final_state_stays_final_for_device_operations_too() -> None:
    done = op("SUCCESSFUL", "2026-01-01T10:00:01Z")
    assert advanced(done, op("PENDING", "2026-01-01T10:00:05Z"), requeue=True) is done
