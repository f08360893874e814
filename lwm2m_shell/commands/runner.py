"""Running one command: validate, confirm, send once, wait, and report what happened.

The same runner serves every run mode; the mode decides how to ask for confirmation and what to do
with the outcome (print it, count it, stop on it).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

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
from ..exit_codes import ExitCode
from ..language import Command, ParseError, parse
from ..live.feed import OperationFeed
from ..live.merged import wait_for_final
from ..live.waiter import Progress, WaitTimeout, poll_delays
from ..outcome import Outcome
from ..output.console import Console
from .interrupts import describe_failure

if TYPE_CHECKING:
    from ..catalogue import TenantCatalogue

log = logging.getLogger("lwm2m_shell")
Confirm = Callable[[str], bool]


class Runner:
    def __init__(
        self,
        session: TenantSession,
        console: Console,
        *,
        confirm: Confirm | None = None,
        wait_timeout: float | None = None,
        scripted: bool = False,
    ) -> None:
        self.session = session
        self.console = console
        self.confirm = confirm
        self.scripted = scripted  # -c / -f: hints name the command line, not the prompt
        self.wait_timeout = (
            wait_timeout if wait_timeout is not None else session.settings.wait_timeout
        )
        self.catalogue: TenantCatalogue | None = None
        self.seen_operations: list[str] = []  # for completion of `.status`
        self.on_operation: list[Callable[[Operation], None]] = []
        self.feed: OperationFeed | None = None  # pushed updates, when live updates run
        self.own_requests: set[str] = set()  # request tags of the operations we created

    # -- entry points -------------------------------------------------------------------------

    def run_line(self, line: str) -> Outcome | None:
        """Parse and run one line; None for a blank or comment line."""
        parsed = parse(line)
        if parsed is None:
            return None
        if isinstance(parsed, ParseError):
            return Outcome(line=line.strip(), exit_code=ExitCode.USAGE, error=parsed.format())
        return self.run(parsed)

    def run(self, command: Command) -> Outcome:
        """Run one command. Nothing escapes but the outcome: Ctrl-C and any failure (even a
        RecursionError or MemoryError from an answer) become one line and an exit code."""
        try:
            return self._run(command)
        except KeyboardInterrupt:
            self.console.clear_progress()
            return Outcome(line=command.text, exit_code=ExitCode.INTERRUPTED, error="interrupted")
        except Exception as error:
            log.exception("running %r failed", command.text)
            self.console.clear_progress()
            return Outcome(
                line=command.text,
                exit_code=ExitCode.CONNECTION,
                error=f"`{command.text}` failed: {describe_failure(error)}",
            )

    def hint(self, local_command: str) -> str:
        """How to run ``local_command`` (e.g. ``.history``) from where the user is."""
        if self.scripted:
            return f"`lwm2m-shell -c '{local_command}'`"
        return f"`{local_command}`"

    def _run(self, command: Command) -> Outcome:
        if command.tenant_wide and not self._confirmed(command):  # also `.send migrate...`
            if self.confirm is None:  # nobody to ask: refused
                return Outcome(
                    line=command.text,
                    exit_code=ExitCode.USAGE,
                    error="not sent: a tenant-wide command needs confirmation (use --yes in "
                    "scripts)",
                )
            return Outcome(  # asked, and the answer was no: a normal outcome, not an error
                line=command.text,
                exit_code=ExitCode.USAGE,
                notes=[f"not sent: `{command.text}` was not confirmed"],
                status_override="NOT_RUN",
            )
        if command.local:
            from .local import run_local

            return run_local(self, command)
        return self.send(command.text)

    # -- connector commands -------------------------------------------------------------------

    def send(self, text: str, *, login_retry: bool = True, refind: bool = True) -> Outcome:
        """Create the operation for ``text`` exactly once, then wait for its end.

        A 401 on the POST means it was not processed: after a new login it is sent again, once.
        So does a 404 for a connector ID remembered from an earlier run (the device is gone):
        the connector is looked up again and the command sent to it, once.
        """
        try:
            identity = self.session.require_ready(timeout=self.session.settings.request_timeout)
        except SessionError as error:
            return Outcome(line=text, exit_code=error.exit_code, error=str(error))
        started = time.monotonic()  # after any password or TFA prompt: typing is not counted
        try:
            request_id = new_request_id()
            self.own_requests.add(request_id)  # before the POST: its push may come first
            created = create_operation(
                self.session.client, identity.connector_id, text, request_id=request_id
            )
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
            if not (refind and identity.connector_remembered):
                return Outcome(line=text, exit_code=ExitCode.CONNECTION, error=f"not sent: {error}")
            try:
                self.session.find_connector_again()
            except SessionError as lost:
                return Outcome(line=text, exit_code=lost.exit_code, error=str(lost))
            return self.send(text, login_retry=login_retry, refind=False)
        except Forbidden:
            return Outcome(
                line=text,
                exit_code=ExitCode.CONNECTION,
                error=f"permission denied: user {identity.user} may not create operations "
                f"(the role {DEVICE_CONTROL_ROLE} is needed)",
            )
        except Unauthorized as error:
            problem = self.log_in_again(error) if login_retry else None
            if problem is None and login_retry:
                return self.send(text, login_retry=False)
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
        outcome = self.follow(created.operation, line=text, started=started)
        outcome.notes[:0] = list(created.notes)
        return outcome

    def follow(
        self,
        operation: Operation,
        *,
        line: str,
        started: float | None = None,
        login_retry: bool = True,
    ) -> Outcome:
        """Wait for ``operation`` to end; Ctrl-C stops the waiting, not the operation."""
        started = time.monotonic() if started is None else started
        self._remember(operation)
        latest = [operation]  # the last state seen: what Ctrl-C reports

        def progress(update: Progress) -> None:
            latest[0] = update.operation
            self.console.progress(update)

        try:
            final = wait_for_final(
                self.session.client,
                operation,
                feed=self.feed,
                timeout=self.wait_timeout,
                on_progress=progress,
                delays=poll_delays(at_once=True),  # a fast agent may be done already
            )
        except WaitTimeout as error:
            waited = error.operation
            return Outcome(
                line=line,
                exit_code=ExitCode.TIMEOUT,
                operation=waited,
                error=f"gave up waiting after {_seconds(error.waited)}s; operation {waited.id} is "
                f"still {waited.status.value}: {self.hint(f'.status {waited.id}')} shows it later",
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
                problem = self.log_in_again(error)
                if problem is None:  # logged in again: go on waiting
                    return self.follow(latest[0], line=line, started=started, login_retry=False)
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

    def log_in_again(self, error: Unauthorized) -> str | None:
        """After a 401: log in again (asking, when interactive). None when done, else why not."""
        try:
            self.session.relogin(error.message)
        except SessionError as failure:
            return str(failure)
        return None

    def _confirmed(self, command: Command) -> bool:
        if not self.session.settings.confirm_tenant_wide:
            return True
        if self.confirm is None:
            return False
        tenant = self.session.tenant_id or self.session.host
        where = " (simulated)" if self.session.demo else ""
        return self.confirm(
            f"`{command.text}` acts on EVERY LWM2M device of tenant {tenant}{where}. Send it?"
        )

    def _remember(self, operation: Operation) -> None:
        if operation.id not in self.seen_operations:
            self.seen_operations.append(operation.id)
        for listener in self.on_operation:
            listener(operation)


def _seconds(value: float) -> str:
    """``0.5``, ``2``, ``30``: a wait as the user gave it, without a row of zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
