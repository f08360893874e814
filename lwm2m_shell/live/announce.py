"""Announcing operations that someone else created on the connector device.

Another shell, the web UI or a bulk registration may create operations on the connector while the
user types; the REPL shows one line for each, above the prompt. Our own operations are recognised
by their ID or by the request tag (``lwm2mShell_Request``) that ``create_operation`` puts on them:
the CREATE push can arrive before the POST that made it has answered, so the ID alone is not
enough.

IDs are not unique over time: a tenant that was restarted (or restored) hands out the same IDs
again. So an ID counts as ours only when the creation time matches the one we saw for it
(``note_own``), and an operation tagged by another request is never ours.

The ``Announcer`` only decides and queues (it is called on the realtime thread); the UI takes the
lines with ``take()`` when it can print them without breaking the line being edited.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import datetime

from ..client import TAG_FRAGMENT, Operation
from ..output.safetext import clip
from .feed import Push

MAX_PENDING = 50  # announcements kept while none can be shown (the oldest are dropped)
MAX_TEXT = 120
MAX_OWN = 4096  # creation times of our own operations kept (the oldest forgotten first)


class Announcer:
    def __init__(
        self,
        own_ids: Callable[[], set[str] | list[str]],
        own_requests: Callable[[], set[str]],
        *,
        enabled: bool = True,
    ) -> None:
        self.enabled = enabled
        self.on_pending: list[Callable[[], None]] = []  # called (any thread) when lines wait
        self._own_ids = own_ids
        self._own_requests = own_requests
        self._pending: deque[str] = deque(maxlen=MAX_PENDING)
        self._created: OrderedDict[str, datetime] = OrderedDict()  # our ID -> its creation time
        self._lock = threading.Lock()

    def note_own(self, operation: Operation) -> None:
        """Remember when an operation of ours was created (a Runner hook)."""
        if operation.creation_time is None:
            return
        with self._lock:
            self._created[operation.id] = operation.creation_time
            self._created.move_to_end(operation.id)
            while len(self._created) > MAX_OWN:
                self._created.popitem(last=False)

    def is_own(self, operation: Operation) -> bool:
        tag = operation.fragment(TAG_FRAGMENT)
        if isinstance(tag, dict) and tag.get("id") is not None:
            return tag.get("id") in self._own_requests()  # another request's tag: not ours
        if operation.id not in self._own_ids():
            return False
        with self._lock:
            ours = self._created.get(operation.id)
        created = operation.creation_time
        return ours is None or created is None or ours == created  # a reused ID is not ours

    def on_push(self, push: Push) -> None:
        """Queue a line for an operation created by someone else (a realtime listener)."""
        if not self.enabled or push.action != "CREATE" or self.is_own(push.operation):
            return
        with self._lock:
            self._pending.append(describe(push.operation))
        for notify in list(self.on_pending):
            notify()

    def take(self) -> list[str]:
        """The lines waiting to be shown, oldest first; each is handed out once."""
        with self._lock:
            lines = list(self._pending)
            self._pending.clear()
        return lines

    @property
    def pending(self) -> bool:
        with self._lock:
            return bool(self._pending)


def describe(operation: Operation) -> str:
    """One line about a new operation, e.g. ``operation 123 sent by someone else: help``.

    The operation's text is the tenant's: rendered safe (controls shown, never obeyed), then
    clipped, so a cut never falls inside an escape."""
    op_id = clip(operation.id, 24)
    if operation.text is not None:
        return f"» operation {op_id} sent by someone else: {_flat(operation.text)}"
    what = _flat(operation.description or "(no description)")
    return f"» new operation {op_id} on the connector device: {what}"


def _flat(text: str) -> str:
    """Runs of white space as one space (a multi-line text fits one line), rendered safe and
    clipped (``clip`` renders first, so a cut never falls inside an escape)."""
    return clip(" ".join(text.split()), MAX_TEXT)
