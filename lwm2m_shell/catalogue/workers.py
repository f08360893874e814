"""A few daemon threads running the catalogue's look-ups, one batch at a time.

Unlike ``ThreadPoolExecutor``'s workers, these never hold up the end of the process: Python joins
an executor's threads at exit, so a Ctrl-C during a load would wait for every look-up under way
(each bounded only by the request timeout). Here the caller's wait is interruptible and the
threads are left to die with the process.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Batch(Generic[R]):
    """Results of one batch, by position; ``error`` is the first failure (the rest stop)."""

    def __init__(self, size: int) -> None:
        self.results: list[R | None] = [None] * size
        self.done: list[bool] = [False] * size
        self.error: BaseException | None = None
        self.left = size
        self.changed = threading.Condition()


class Workers(Generic[T, R]):
    def __init__(self, run: Callable[[T], R], count: int, name: str = "catalogue") -> None:
        self._run = run
        self._tasks: queue.SimpleQueue[tuple[Batch[R], int, T] | None] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True)
            for n in range(max(1, count))
        ]
        for thread in self._threads:
            thread.start()

    def map(self, items: Sequence[T]) -> Batch[R]:
        """Run every item; return when all are done or one failed (Ctrl-C ends the wait)."""
        batch: Batch[R] = Batch(len(items))
        for index, item in enumerate(items):
            self._tasks.put((batch, index, item))
        with batch.changed:
            while batch.left > 0 and batch.error is None:
                batch.changed.wait()
        return batch

    def close(self) -> None:
        """Let the threads end after the task each holds (nobody waits for them)."""
        for _ in self._threads:
            self._tasks.put(None)

    def _work(self) -> None:
        while True:
            task = self._tasks.get()
            if task is None:
                return
            batch, index, item = task
            if batch.error is not None:
                continue  # the batch failed already: skip what was not started
            try:
                result = self._run(item)
            except BaseException as error:  # handed to the waiting caller
                with batch.changed:
                    if batch.error is None:
                        batch.error = error
                    batch.changed.notify_all()
                continue
            with batch.changed:
                batch.results[index] = result
                batch.done[index] = True
                batch.left -= 1
                batch.changed.notify_all()
