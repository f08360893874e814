"""Which pushed operations are announced, and how they read."""

from __future__ import annotations

import time
from typing import Any

from lwm2m_shell.client import TAG_FRAGMENT, Operation
from lwm2m_shell.live.announce import MAX_PENDING, Announcer, describe
from lwm2m_shell.live.feed import Push


def created(op_id: str, **fragments: Any) -> Push:
    body = {"id": op_id, "status": "PENDING", "deviceId": "100", **fragments}
    return Push("CREATE", Operation.model_validate(body), time.monotonic())


def command(op_id: str, text: str, request: str | None = None) -> Push:
    fragments: dict[str, Any] = {"c8y_Command": {"text": text}}
    if request is not None:
        fragments[TAG_FRAGMENT] = {"id": request}
    return created(op_id, **fragments)


def test_operations_of_others_are_announced_ours_are_not() -> None:
    own_ids: list[str] = ["11"]
    own_requests = {"req-a"}
    announcer = Announcer(lambda: own_ids, lambda: own_requests)
    notified: list[int] = []
    announcer.on_pending.append(lambda: notified.append(1))
    announcer.on_push(command("10", "help", request="req-a"))  # ours, before we knew its ID
    announcer.on_push(command("11", "help"))  # ours, by ID
    announcer.on_push(command("12", "migrateLwm2mDevices -d 5", request="req-of-another-shell"))
    announcer.on_push(created("13", description="Bulk device registration"))
    assert announcer.pending
    lines = announcer.take()
    assert lines == [
        "» operation 12 sent by someone else: migrateLwm2mDevices -d 5",
        "» new operation 13 on the connector device: Bulk device registration",
    ]
    assert notified == [1, 1]
    assert announcer.take() == [] and not announcer.pending  # each line is handed out once


def test_updates_are_not_announced() -> None:
    announcer = Announcer(list, set)
    update = command("12", "help")
    announcer.on_push(Push("UPDATE", update.operation, update.received))
    assert announcer.take() == []


def test_silenced_announcer_queues_nothing() -> None:
    announcer = Announcer(list, set, enabled=False)
    announcer.on_push(command("12", "help"))
    assert announcer.take() == []


def test_pending_lines_are_bounded() -> None:
    announcer = Announcer(list, set)
    for number in range(MAX_PENDING + 10):
        announcer.on_push(command(str(number), "help"))
    lines = announcer.take()
    assert len(lines) == MAX_PENDING
    assert lines[-1].startswith(f"» operation {MAX_PENDING + 9} ")


def test_long_and_multi_line_texts_become_one_short_line() -> None:
    line = describe(command("7", "help\n" + "x" * 500).operation)
    assert "\n" not in line and len(line) < 200 and line.endswith("…")
    assert describe(created("8").operation).endswith("(no description)")
