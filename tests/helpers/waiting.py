"""Waiting for a condition, always with a deadline and a message that says what did not happen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")

POLL_INTERVAL = 0.01  # seconds between two looks; small: the tests wait on other threads


def wait_until(
    predicate: Callable[[], T],
    timeout: float = 20.0,
    what: str = "the condition",
    *,
    interval: float = POLL_INTERVAL,
) -> T:
    """Call ``predicate`` until it returns something truthy and return that value.

    Fails the test (naming ``what`` and the time waited) when ``timeout`` seconds pass first.
    The deadline is generous by default: on a loaded machine other threads and processes are
    slow, and a test that passes only on an idle machine is a flaky test.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"gave up after {timeout:g} s waiting for {what}", pytrace=False)
        time.sleep(interval)
