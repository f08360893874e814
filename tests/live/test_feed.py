"""The feed of pushed operation updates: latest states, waiting, live and epochs."""

from __future__ import annotations

import threading
import time

from lwm2m_shell.client import Operation
from lwm2m_shell.live.feed import OperationFeed, Push


def push(op_id: str, status: str = "EXECUTING", action: str = "UPDATE") -> Push:
    operation = Operation.model_validate({"id": op_id, "status": status})
    return Push(action, operation, time.monotonic())


def test_latest_state_per_operation() -> None:
    feed = OperationFeed()
    first, second = push("1", "PENDING", "CREATE"), push("1", "SUCCESSFUL")
    feed.publish(first)
    feed.publish(push("2"))
    feed.publish(second)
    assert feed.latest("1") is second
    assert feed.latest("3") is None


def test_old_operations_are_forgotten_first() -> None:
    feed = OperationFeed(capacity=3)
    for number in range(5):
        feed.publish(push(str(number)))
    feed.publish(push("2"))  # refreshed: now the newest
    feed.publish(push("9"))
    assert [feed.latest(str(n)) is not None for n in (0, 1, 2, 3, 4, 9)] == [
        False, False, True, False, True, True,
    ]  # fmt: skip


def test_wait_newer_returns_a_push_from_another_thread() -> None:
    feed = OperationFeed()
    seen = push("5", "PENDING", "CREATE")
    feed.publish(seen)
    later = push("5", "SUCCESSFUL")
    threading.Timer(0.05, feed.publish, [later]).start()
    assert feed.wait_newer("5", seen, timeout=10) is later


def test_wait_newer_returns_what_is_already_there() -> None:
    feed = OperationFeed()
    there = push("5")
    feed.publish(there)
    assert feed.wait_newer("5", None, timeout=0) is there
    assert feed.wait_newer("5", there, timeout=0.01) is None


def test_a_change_of_live_state_ends_the_wait() -> None:
    feed = OperationFeed()
    threading.Timer(0.05, feed.set_live, [True]).start()
    assert feed.wait_newer("5", None, timeout=30) is None  # returns at the change, not after 30s
    assert feed.live


def test_epoch_counts_the_starts_of_live_updates() -> None:
    feed = OperationFeed()
    assert (feed.live, feed.epoch) == (False, 0)
    feed.set_live(True)
    feed.set_live(True)
    assert feed.epoch == 1
    feed.set_live(False)
    assert feed.epoch == 1
    feed.set_live(True)
    assert (feed.live, feed.epoch) == (True, 2)
