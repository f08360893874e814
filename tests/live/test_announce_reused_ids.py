"""Our own operations are told apart by more than the ID: a restarted tenant reuses IDs."""

from __future__ import annotations

import time

from lwm2m_shell.client import TAG_FRAGMENT, Operation
from lwm2m_shell.live.announce import Announcer
from lwm2m_shell.live.feed import Push


def operation(op_id: str, created: str, **extra: object) -> Operation:
    body = {
        "id": op_id,
        "status": "PENDING",
        "creationTime": created,
        "c8y_Command": {"text": "help"},
    }
    return Operation.model_validate({**body, **extra})


def test_an_old_id_of_ours_created_again_by_someone_else_is_announced() -> None:
    own_ids = ["7"]
    announcer = Announcer(lambda: own_ids, set)
    announcer.note_own(operation("7", "2026-11-30T01:00:00.000Z"))
    announcer.on_push(Push("CREATE", operation("7", "2026-11-30T01:00:00.000Z"), time.monotonic()))
    assert announcer.take() == []  # ours
    announcer.on_push(Push("CREATE", operation("7", "2026-11-30T02:00:00.000Z"), time.monotonic()))
    assert announcer.take() == ["» operation 7 sent by someone else: help"]


def test_another_requests_tag_is_never_ours() -> None:
    announcer = Announcer(lambda: ["8"], lambda: {"mine"})
    theirs = operation("8", "2026-11-30T02:00:00.000Z", **{TAG_FRAGMENT: {"id": "theirs"}})
    mine = operation("9", "2026-11-30T02:00:00.000Z", **{TAG_FRAGMENT: {"id": "mine"}})
    assert not announcer.is_own(theirs)
    assert announcer.is_own(mine)
