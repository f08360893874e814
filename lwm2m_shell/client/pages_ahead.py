"""Fetching numbered pages a few at a time, read back strictly in page order.

Once a listing's first page says how many pages there are, the next ones can be asked for
together: while the caller reads one page, the tenant is already answering the next. ``PagesAhead``
runs ``fetch(n)`` for pages ``first..last`` in a few daemon threads (lowest page first, never more
than ``window`` pages ahead of the reader) and yields the results in order. A failed page is
raised when the reader reaches it (the pages before it are yielded first). ``close`` (also on
leaving the iteration early) stops new pages from being started; requests under way are left to
finish on their own threads and are dropped. Like the catalogue's workers, the threads never hold
up the end of the process, and the reader's wait ends at once on Ctrl-C.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

P = TypeVar("P")


class PagesAhead(Generic[P]):
    def __init__(
        self,
        fetch: Callable[[int], P],
        first: int,
        last: int,
        *,
        workers: int,
        window: int | None = None,
        name: str = "pages",
    ) -> None:
        self._fetch = fetch
        self._last = last
        self._window = max(1, window if window is not None else 2 * workers)
        self._next_start = first
        self._next_read = first
        self._done: dict[int, tuple[bool, P | BaseException]] = {}
        self._closed = False
        self._changed = threading.Condition()
        self.started = 0  # pages whose fetch began (for tests and figures)
        count = max(1, min(workers, last - first + 1))
        for n in range(count):
            threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True).start()

    def close(self) -> None:
        """Start no more pages (those under way finish unread)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def __iter__(self) -> Iterator[P]:
        try:
            for number in range(self._next_read, self._last + 1):
                with self._changed:
                    while number not in self._done:
                        self._changed.wait()
                    ok, value = self._done.pop(number)
                    self._next_read = number + 1
                    self._changed.notify_all()
                if not ok:
                    assert isinstance(value, BaseException)
                    raise value
                yield value  # type: ignore[misc]
        finally:
            self.close()

    def _take(self) -> int | None:
        """The next page to fetch, waiting while the reader is a window behind; None: stop."""
        with self._changed:
            while True:
                number = self._next_start
                if self._closed or number > self._last:
                    return None
                if number < self._next_read + self._window:
                    self._next_start += 1
                    self.started += 1
                    return number
                self._changed.wait()

    def _work(self) -> None:
        while (number := self._take()) is not None:
            try:
                result: tuple[bool, P | BaseException] = (True, self._fetch(number))
            except BaseException as error:  # handed to the reader when it gets there
                result = (False, error)
            with self._changed:
                self._done[number] = result
                if not result[0]:
                    self._closed = True  # the reader stops at this page: fetch no further
                self._changed.notify_all()
