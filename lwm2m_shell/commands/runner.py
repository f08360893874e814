"""Sending one command text to one device and following the operation to its end.

The runner creates the operation exactly once, waits for it (pushed updates when a feed is given,
else polling) and turns what happened into an outcome. It knows nothing of local commands,
confirmation or which device a command belongs to: the dispatcher decides that and passes the
device ID to ``send``, and for an LWM2M device's operation (``device``) the runner lets it go back
from EXECUTING to PENDING and says when it waits for the device ("queued").
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..client import (
    AnswerLost,
    ClientError,
    Forbidden,
    NotFound,
    Operation,
    Unauthorized,
    create_operation,
)
from ..client.errors import OutcomeUnknown, SendInterrupted
from ..client.operations import new_request_id
from ..connection.health import failure_words
from ..connection.session import DEVICE_CONTROL_ROLE, SessionError, TenantSession
from ..durations import seconds_text
from ..exit_codes import ExitCode
from ..live.feed import OperationFeed
from ..live.merged import wait_for_final
from ..live.waiter import Progress, WaitTimeout, poll_delays
from ..outcome import Outcome
from ..output.console import QUEUED, Console
from .interrupts import describe_failure
from .own_operations import OwnOperations
from .relogin import log_in_again
from .target import Target

log = logging.getLogger("lwm2m_shell")
OperationListener = Callable[[Operation], None]
FindAgain = Callable[[], str]


class Runner:
    def __init__(
        self,
        session: TenantSession,
        console: Console,
        *,
        own: OwnOperations | None = None,
        feed: OperationFeed | None = None,
        on_operation: Sequence[OperationListener] = (),
        wait_timeout: float | None = None,
        scripted: bool = False,
        pushed: Callable[[str], bool] = lambda _device_id: False,
    ) -> None:
        """``feed``: pushed updates when live updates run (None: results are polled for).
        ``pushed``: whether an LWM2M device's operations come through ``feed`` too.
        ``on_operation``: told of every state of an operation this runner sees.
        ``scripted``: -c / -f, where hints name the command line, not the prompt."""
        self.session = session
        self.console = console
        self.own = own if own is not None else OwnOperations()
        self.feed = feed
        self.on_operation = tuple(on_operation)
        self.wait_timeout = (
            wait_timeout if wait_timeout is not None else session.settings.wait_timeout
        )
        self.scripted = scripted
        self._pushed = pushed

    def hint(self, local_command: str) -> str:
        """How to run ``local_command`` (e.g. ``.history``) from where the user is."""
        if self.scripted:
            return f"`lwm2m-shell -c '{local_command}'`"
        return f"`{local_command}`"

    def send(
        self,
        text: str,
        device_id: str,
        *,
        find_again: FindAgain | None = None,
        login_retry: bool = True,
        device: Target | None = None,
    ) -> Outcome:
        """Create the operation for ``text`` on device ``device_id`` exactly once, then wait for
        its end.

        A 401 on the POST means it was not processed: after a new login it is sent again, once.
        A 404 for the device (gone from the tenant) ends here, unless ``find_again`` is given (a
        device ID remembered from an earlier run): it names the device anew and the command is
        sent there, once. ``device``: the LWM2M device the operation is for (None: the
        connector).
        """
        started = time.monotonic()  # after any password or TFA prompt: typing is not counted
        try:
            request_id = new_request_id()
            self.own.requests.add(request_id)  # before the POST: its push may come first
            created = create_operation(self.session.client, device_id, text, request_id=request_id)
        except SendInterrupted as stop:
            self.console.clear_progress()
            if stop.may_exist:
                message = (
                    "interrupted while sending: the operation may have been created; "
                    f"{self.hint('.history')} shows it within a minute"
                )
            else:
                message = "interrupted: nothing was sent"
            return Outcome(line=text, exit_code=ExitCode.INTERRUPTED, error=message)
        except OutcomeUnknown as error:
            return Outcome(
                line=text,
                exit_code=ExitCode.CONNECTION,
                error=f"{error}. The operation may or may not exist; "
                f"{self.hint('.history')} shows it within a minute",
            )
        except NotFound as error:
            if find_again is None:
                return Outcome(line=text, exit_code=ExitCode.CONNECTION, error=f"not sent: {error}")
            try:
                found = find_again()
            except SessionError as lost:
                return Outcome(line=text, exit_code=lost.exit_code, error=str(lost))
            return self.send(text, found, login_retry=login_retry, device=device)
        except Forbidden:
            return Outcome(
                line=text,
                exit_code=ExitCode.CONNECTION,
                error=f"permission denied: user {self.session.user} may not create operations "
                f"(the role {DEVICE_CONTROL_ROLE} is needed)",
            )
        except Unauthorized as error:
            problem = log_in_again(self.session, error) if login_retry else None
            if problem is None and login_retry:
                return self.send(
                    text, device_id, find_again=find_again, login_retry=False, device=device
                )
            return Outcome(
                line=text,
                exit_code=ExitCode.CONNECTION,
                error=f"not sent: {problem}" if problem else f"not authenticated ({error.message})",
            )
        except AnswerLost as error:
            return Outcome(line=text, exit_code=ExitCode.CONNECTION, error=str(error))
        except ClientError as error:  # the tenant unreachable: said in plain words
            return Outcome(
                line=text, exit_code=ExitCode.CONNECTION, error=f"not sent: {failure_words(error)}"
            )
        outcome = self.follow(created.operation, line=text, started=started, device=device)
        outcome.notes[:0] = list(created.notes)
        return outcome

    def follow(
        self,
        operation: Operation,
        *,
        line: str,
        started: float | None = None,
        login_retry: bool = True,
        device: Target | None = None,
    ) -> Outcome:
        """Wait for ``operation`` to end; Ctrl-C stops the waiting, not the operation.

        For an LWM2M device's operation (``device``), PENDING after EXECUTING, or PENDING on a
        device that sleeps, shows as queued."""
        started = time.monotonic() if started is None else started
        self._remember(operation)
        latest = [operation]  # the last state seen: what Ctrl-C reports
        executed = [False]  # a device operation seen EXECUTING: PENDING after it is a requeue

        def progress(update: Progress) -> None:
            latest[0] = update.operation
            status = update.operation.status.value
            if device is not None:
                executed[0] = executed[0] or status == "EXECUTING"
                if status == "PENDING" and (executed[0] or device.sleeps):
                    update = replace(update, queued=True)
            self.console.progress(update)

        try:
            final = wait_for_final(
                self.session.client,
                operation,
                # a device's operations are pushed once its channel is subscribed, else polled
                feed=self.feed if device is None or self._pushed(device.device_id or "") else None,
                timeout=self.wait_timeout,
                on_progress=progress,
                delays=poll_delays(at_once=True),  # a fast agent may be done already
                requeue=device is not None,
            )
        except WaitTimeout as error:
            waited = error.operation
            after = seconds_text(error.waited)
            requeued = device is not None and (executed[0] or device.sleeps)
            queued = f" ({QUEUED})" if requeued and waited.status.value == "PENDING" else ""
            return Outcome(
                line=line,
                exit_code=ExitCode.TIMEOUT,
                operation=waited,
                error=f"gave up waiting after {after}; operation {waited.id} is "
                f"still {waited.status.value}{queued}: {self.hint(f'.status {waited.id}')} shows "
                "it later",
                duration=time.monotonic() - started,
            )
        except KeyboardInterrupt:
            return self._stopped_waiting(latest[0], line=line, started=started)
        except Exception as error:
            if not isinstance(error, ClientError):
                log.exception("waiting for operation %s failed", operation.id)
                return self._lost_track(latest[0], line, started, describe_failure(error))
            if isinstance(error, NotFound):  # a 404 for an operation we know: gone from the tenant
                self.console.clear_progress()
                return Outcome(
                    line=line,
                    exit_code=ExitCode.CONNECTION,
                    error=f"the tenant no longer has operation {operation.id} (it was restarted, "
                    "or the operation was removed): its result is lost",
                    duration=time.monotonic() - started,
                )
            problem = None
            if isinstance(error, Unauthorized) and login_retry:
                problem = log_in_again(self.session, error)
                if problem is None:  # logged in again: go on waiting
                    return self.follow(
                        latest[0], line=line, started=started, login_retry=False, device=device
                    )
            return self._lost_track(latest[0], line, started, str(problem or error))
        self._remember(final)
        code = ExitCode.OK if final.status.value == "SUCCESSFUL" else ExitCode.FAILED
        return Outcome(
            line=line, exit_code=code, operation=final, duration=time.monotonic() - started
        )

    # -- helpers ------------------------------------------------------------------------------

    def _stopped_waiting(self, operation: Operation, *, line: str, started: float) -> Outcome:
        """Ctrl-C: the operation goes on in the tenant; say how to look it up later."""
        self.console.clear_progress()
        return Outcome(
            line=line,
            exit_code=ExitCode.INTERRUPTED,
            operation=operation,
            error=f"stopped waiting; operation {operation.id} goes on in the tenant "
            f"({operation.status.value} when last seen): {self.hint(f'.status {operation.id}')} "
            "shows it later",
            duration=time.monotonic() - started,
        )

    def _lost_track(self, operation: Operation, line: str, started: float, why: str) -> Outcome:
        self.console.clear_progress()
        return Outcome(
            line=line,
            exit_code=ExitCode.CONNECTION,
            operation=operation,
            error=f"lost track of operation {operation.id}: {why}; "
            f"{self.hint(f'.status {operation.id}')} shows it later",
            duration=time.monotonic() - started,
        )

    def _remember(self, operation: Operation) -> None:
        self.own.note(operation.id)
        for listener in self.on_operation:
            listener(operation)
