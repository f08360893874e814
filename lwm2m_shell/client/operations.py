"""Creating a connector command exactly once, whatever the network does.

A POST that creates an operation is not idempotent: sent twice, the agent runs the command twice.
Every operation we create carries a tag fragment with a random request ID. When the answer to the
POST is lost, we look for an operation with our tag on the connector device before anything is
sent again:

- found: that is our operation; we carry on with it and say so;
- not found, by a look-up that succeeded, after a connection drop or a 502/503/504 (the request
  never got through): send again, with the same tag, at most ``MAX_SENDS`` times in all;
- not found after a timeout, a 500 or an unreadable answer (the server may have acted, or may
  still be working on it): never send again; the user is told to check the history;
- no look-up succeeded (each failed, answered garbage or timed out): a failed look-up is no proof
  of absence, so nothing more is sent and ``OutcomeUnknown`` says the operation may or may not
  exist.

Ctrl-C is never held back: it ends the sending at once as ``SendInterrupted``, which says whether
a POST may have reached the tenant. Nothing is sent after it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .api import CumulocityClient
from .backoff import Backoff
from .errors import (
    AnswerLost,
    AnswerTimedOut,
    BadResponse,
    ClientError,
    ConnectionFailed,
    HttpError,
    OutcomeUnknown,
    SendInterrupted,
)
from .models import Operation
from .retry import MAX_RETRY_AFTER, wait_text

TAG_FRAGMENT = "lwm2mShell_Request"
MAX_SENDS = 3
# Our clock and the tenant's may differ; look this far around the time we sent.
CLOCK_MARGIN = timedelta(hours=1)
ANSWERED_LOOK = 1.5  # seconds to keep looking after an unclear answer
RESEND = Backoff(first=0.5, cap=4.0)  # pauses before sending again after no connection was made
LOOK_AGAIN = Backoff(first=0.25, cap=2.0, jitter=False)  # pauses between look-ups for our tag
POST_WHAT = "POST /devicecontrol/operations"


@dataclass(frozen=True)
class Created:
    operation: Operation
    notes: tuple[str, ...] = ()  # what happened on the way, for the user (stderr)


def new_request_id() -> str:
    return uuid.uuid4().hex


def operation_body(connector_id: str, text: str, request_id: str) -> dict[str, object]:
    return {
        "deviceId": connector_id,
        "description": f"Execute shell command: {text}"[:500],
        "c8y_Command": {"text": text},
        TAG_FRAGMENT: {"id": request_id},
    }


class _Absent:
    """A look-up that succeeded and showed no operation with our tag."""


ABSENT = _Absent()
Search = Operation | _Absent | None  # found / proven absent / unknown (no look-up succeeded)


def create_operation(
    client: CumulocityClient,
    connector_id: str,
    text: str,
    *,
    request_id: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
    look_window: float | None = None,
) -> Created:
    """Create the ``c8y_Command`` operation for ``text`` on the connector, exactly once."""
    request_id = request_id or new_request_id()
    body = operation_body(connector_id, text, request_id)
    sent_at = datetime.now(timezone.utc)
    notes: list[str] = []
    sends = 0
    reached = False  # whether a POST may have reached the tenant
    try:
        while True:
            sends += 1
            # How long to keep looking for our operation when the outcome is unclear: briefly
            # when the tenant has answered (it is done with the request), longer after a
            # timeout (it may still be working on it).
            window = ANSWERED_LOOK
            try:
                reached = True
                return Created(client.post_operation(body), tuple(notes))
            except HttpError as error:
                if error.status == 429 and sends < MAX_SENDS:
                    reached = False  # refused, not run (and earlier sends were proven absent)
                    notes.append(_rate_limited(error, sleep))
                    continue
                if error.status not in (500, 502, 503, 504):
                    raise
                outcome = f"the tenant answered {error.status}"
                # 502/503/504 come from proxies that did not get an answer from the tenant; a
                # 500 is the tenant's own failure, after which it may or may not have stored it.
                may_resend = error.status != 500
            except AnswerLost as error:
                outcome = f"the answer was lost ({error.message})"
                may_resend = not isinstance(error, AnswerTimedOut)
                if not may_resend:
                    window = max(ANSWERED_LOOK, client.options.timeout)
            except BadResponse as error:
                # The tenant answered, but with something we cannot read: it may well have acted.
                outcome = f"the answer could not be read ({error.message})"
                may_resend = False
            except ConnectionFailed:
                # No connection was made: nothing reached the tenant, so sending again is safe.
                reached = False  # this one never left (earlier ones were proven absent)
                if sends >= MAX_SENDS:
                    raise
                notes.append("could not connect; sent again")
                sleep(RESEND.delay(sends))
                continue

            window = look_window if look_window is not None else window
            found = find_tagged(client, connector_id, request_id, sent_at, window, sleep)
            if isinstance(found, Operation):
                notes.append(f"{outcome}; found operation {found.id} created by this request")
                return Created(found, tuple(notes))
            if found is None:
                raise OutcomeUnknown(
                    f"{outcome}, and the look-up for it failed too; it was not sent again",
                    request=POST_WHAT,
                )
            if may_resend and sends < MAX_SENDS:
                reached = False  # proven absent by a look-up that succeeded
                notes.append(f"{outcome}; no operation was created, so it was sent again")
                continue
            raise AnswerLost(
                f"{outcome}, and no operation from this request was found on the connector "
                "device. It was not sent again: check `.history` before running it once more",
                request=POST_WHAT,
            )
    except KeyboardInterrupt:
        raise SendInterrupted(may_exist=reached) from None


def _rate_limited(error: HttpError, sleep: Callable[[float], None]) -> str:
    """Wait as a 429 asks (up to MAX_RETRY_AFTER; longer: the error stands), then say so."""
    wait = error.retry_after if error.retry_after is not None else 1.0
    if wait > MAX_RETRY_AFTER:
        raise error
    sleep(wait)
    return f"the tenant asked to slow down; sent again after {wait_text(wait)}"


def find_tagged(
    client: CumulocityClient,
    connector_id: str,
    request_id: str,
    sent_at: datetime,
    window: float,
    sleep: Callable[[float], None] = time.sleep,
) -> Search:
    """Look for the operation carrying ``request_id``, a few times over ``window`` seconds.

    The operation when found; ``ABSENT`` when at least one look-up succeeded and none showed it;
    None when every look-up failed (that proves nothing).
    """
    deadline = time.monotonic() + window
    looks = 0
    answered = False
    while True:
        try:
            recent = client.list_operations(
                connector_id,
                fragment_type=TAG_FRAGMENT,
                date_from=sent_at - CLOCK_MARGIN,
                date_to=datetime.now(timezone.utc) + CLOCK_MARGIN,
                newest_first=True,
                page_size=100,
            )
            answered = True
        except ClientError:
            recent = []
        looks += 1
        for operation in recent:
            tag = operation.fragment(TAG_FRAGMENT)
            if isinstance(tag, dict) and tag.get("id") == request_id:
                return operation
        left = deadline - time.monotonic()
        if left <= 0:
            return ABSENT if answered else None
        # the last look comes at the end of the window, not before it
        sleep(min(LOOK_AGAIN.delay(looks), left))
