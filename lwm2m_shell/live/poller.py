"""One poll of an operation, and what a failed poll means: the one place that decides it.

Both ways of waiting (plain polling, ``waiter.wait_for_operation``, and pushes with polls as the
safety net, ``merged.wait_for_final``) ask the tenant through a ``Poller``. After a failure:

- try again later: the connection was lost, the request timed out, the tenant answered 5xx or
  429, or an answer could not be read (fewer than ``BAD_IN_A_ROW`` times in a row). ``problem``
  names it for the progress line; ``hold`` is how long a ``Retry-After`` asked to wait;
- log in again: 401 (``Unauthorized``) ends the wait; the caller renews the login;
- no right to look: 403 (``Forbidden``) ends the wait;
- lost track: 404 (``NotFound``), or the ID now names another operation (``Gone``: a restarted
  tenant hands out the same IDs again) ends the wait;
- the tenant asked to wait longer than ``MAX_RETRY_AFTER``, or ``BAD_IN_A_ROW`` unreadable
  answers in a row: the wait ends with that error.

Whatever ends the wait is raised; the caller names the operation and how to look it up later.
"""

from __future__ import annotations

from ..client import NO_RETRY, ClientError, CumulocityClient, Operation
from ..client.errors import (
    BadResponse,
    ConnectionFailed,
    Forbidden,
    HttpError,
    NotFound,
    Unauthorized,
)
from ..client.retry import MAX_RETRY_AFTER

BAD_IN_A_ROW = 3  # unreadable poll answers in a row after which waiting stops


class Gone(NotFound):
    """The tenant no longer has this operation (its ID now names another one)."""

    def __init__(self, operation: Operation) -> None:
        super().__init__(404, "Not Found")
        self.message = f"the tenant no longer has operation {operation.id}"


def same_operation(known: Operation, other: Operation) -> bool:
    """Whether ``other`` (same ID) is the operation we know, not another that reused its ID."""
    if known.creation_time is None or other.creation_time is None:
        return True
    return known.creation_time == other.creation_time


class Poller:
    """Asks ``client`` for the state of an operation, once per ``poll``, without retries of its
    own (the waiting loop is the retry)."""

    def __init__(self, client: CumulocityClient) -> None:
        self._client = client
        self.problem: str | None = None  # the last poll's failure, e.g. "connection lost, ..."
        self.hold = 0.0  # seconds the tenant asked us to wait before the next poll
        self._bad = 0  # unreadable answers in a row

    def poll(self, known: Operation) -> Operation | None:
        """The tenant's state of ``known``; None when this poll failed and waiting goes on.

        Raises what ends the wait (see the module's description).
        """
        try:
            polled = self._client.get_operation(known.id, retry=NO_RETRY)
        except ClientError as error:
            self._failed(error)
            return None
        self.problem = None
        self.hold = 0.0
        self._bad = 0
        if not same_operation(known, polled):
            raise Gone(known)
        return polled

    def _failed(self, error: ClientError) -> None:
        if isinstance(error, (Unauthorized, Forbidden, NotFound)):
            raise error
        self.hold = 0.0
        if isinstance(error, HttpError) and error.retry_after is not None:
            if error.retry_after > MAX_RETRY_AFTER:
                raise error
            self.hold = error.retry_after
        if isinstance(error, BadResponse):
            self._bad += 1
            if self._bad >= BAD_IN_A_ROW:
                raise error
        else:
            self._bad = 0
        if isinstance(error, ConnectionFailed):
            self.problem = "connection lost, retrying"
        else:
            self.problem = f"{error.message}, retrying"
