"""The REPL's history, keyed by the tenant the session is bound to (issue 20).

The prompt needs its history object before the tenant check has ended, but the file must be the
one of the tenant and host the session ends up bound to: ``--user admin`` and
``--user t100200/admin`` are one tenant and share one history. So the history starts unbound:
prompt_toolkit's loader thread (``ThreadedHistory``) waits until ``bind(tenant)`` is called (when
the check succeeds) and then hands the file's entries to the prompt, which shows them even on the
prompt already on screen. Lines entered before that are kept in memory and appended to the file
when it is known. If the check never succeeds, ``bind_unbound`` uses the tenant as configured
when the shell ends, so nothing typed is lost.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from prompt_toolkit.history import History, ThreadedHistory

from .. import private_files
from .history import PrivateFileHistory, history_path, looks_like_a_code


class UnboundFile(History):
    """The storage behind ``BoundHistory``: no file until ``bind``."""

    def __init__(self, url: str, warn: Callable[[str], None] | None) -> None:
        super().__init__()
        self.url = url
        self.warn = warn
        self.tenant: str | None = None  # the tenant bound to; None until then
        self._file: PrivateFileHistory | None = None
        self._earlier: list[str] = []
        self._pending: list[str] = []
        self._bound = threading.Event()
        self._lock = threading.Lock()

    def load_history_strings(self) -> Iterable[str]:
        """Runs in ThreadedHistory's loader thread: waits for the tenant, then the entries of
        earlier sessions, newest first."""
        self._bound.wait()
        return list(self._earlier)

    def store_string(self, string: str) -> None:
        with self._lock:
            if self.tenant is None:
                self._pending.append(string)
                return
            file = self._file
        if file is not None:
            file.store_string(string)

    def has_pending(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def bind(self, tenant: str) -> None:
        with self._lock:
            if self.tenant is not None:
                return  # the first call wins: a session never changes its tenant
            self.tenant = tenant
            pending, self._pending = self._pending, []
        try:
            self._file = self._open(tenant)
            if self._file is not None:
                self._earlier = list(self._file.load_history_strings())  # before adding ours
                for line in pending:
                    self._file.store_string(line)
        finally:
            self._bound.set()

    def _open(self, tenant: str) -> PrivateFileHistory | None:
        path = history_path(self.url, tenant)
        private_files.sweep(path.parent)
        try:
            private_files.ensure_file(path)
        except OSError as error:
            if self.warn is not None:
                self.warn(f"{error}; history is not saved this session")
            return None
        return PrivateFileHistory(path)


class BoundHistory(ThreadedHistory):
    def __init__(self, url: str, warn: Callable[[str], None] | None = None) -> None:
        self.storage = UnboundFile(url, warn)
        super().__init__(self.storage)

    @property
    def tenant(self) -> str | None:
        return self.storage.tenant

    def append_string(self, string: str) -> None:
        if looks_like_a_code(string):
            return  # a TFA code typed at the wrong prompt: kept neither on disk nor in memory
        super().append_string(string)

    def bind(self, tenant: str) -> None:
        """Use the history file of ``tenant`` from now on (the first call wins)."""
        self.storage.bind(tenant)

    def bind_unbound(self, tenant: str | None) -> None:
        """At the end of a session whose tenant check never succeeded: keep what was typed in
        the file of the tenant as configured (or of the URL alone)."""
        if self.storage.tenant is None and self.storage.has_pending():
            self.storage.bind(tenant or "-")
