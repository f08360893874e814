"""Running one command: validate, confirm, send once, wait, and report what happened.

The same runner serves every run mode; the mode decides how to ask for confirmation and what to do
with the outcome (print it, count it, stop on it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .client import AnswerLost, ClientError, Forbidden, Operation, Unauthorized, create_operation
from .client.operations import new_request_id
from .console import Console
from .exit_codes import ExitCode
from .interrupts import deferred_interrupt
from .language import Command, ParseError, parse
from .live.feed import OperationFeed
from .live.merged import wait_for_final
from .live.waiter import WaitTimeout
from .outcome import Outcome
from .session import DEVICE_CONTROL_ROLE, SessionError, TenantSession

if TYPE_CHECKING:
    from .catalogue import TenantCatalogue

Confirm = Callable[[str], bool]


class Runner:
    def __init__(
        self,
        session: TenantSession,
        console: Console,
        *,
        confirm: Confirm | None = None,
        wait_timeout: float | None = None,
    ) -> None:
        self.session = session
        self.console = console
        self.confirm = confirm
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
            from .local_commands import run_local

            return run_local(self, command)
        return self.send(command.text)

    # -- connector commands -------------------------------------------------------------------

    def send(self, text: str, *, login_retry: bool = True) -> Outcome:
        """Create the operation for ``text`` exactly once, then wait for its end.

        A 401 on the POST means it was not processed: after a new login it is sent again, once.
        """
        try:
            identity = self.session.require_ready(timeout=self.session.settings.request_timeout)
        except SessionError as error:
            return Outcome(line=text, exit_code=error.exit_code, error=str(error))
        started = time.monotonic()  # after any password or TFA prompt: typing is not counted
        try:
            with deferred_interrupt() as held:
                request_id = new_request_id()
                self.own_requests.add(request_id)  # before the POST: its push may come first
                created = create_operation(
                    self.session.client, identity.connector_id, text, request_id=request_id
                )
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
        except ClientError as error:
            return Outcome(line=text, exit_code=ExitCode.CONNECTION, error=f"not sent: {error}")
        if held.interrupted:  # Ctrl-C during the POST: the operation exists; do not wait for it
            self._remember(created.operation)
            outcome = self._stopped_waiting(created.operation, line=text, started=started)
        else:
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
        try:
            final = wait_for_final(
                self.session.client,
                operation,
                feed=self.feed,
                timeout=self.wait_timeout,
                on_progress=self.console.progress,
            )
        except WaitTimeout as error:
            return Outcome(
                line=line,
                exit_code=ExitCode.TIMEOUT,
                operation=error.operation,
                error=str(error),
                duration=time.monotonic() - started,
            )
        except KeyboardInterrupt:
            return self._stopped_waiting(operation, line=line, started=started)
        except ClientError as error:
            problem = None
            if isinstance(error, Unauthorized) and login_retry:
                problem = self.log_in_again(error)
                if problem is None:  # logged in again: go on waiting
                    return self.follow(operation, line=line, started=started, login_retry=False)
            return Outcome(
                line=line,
                exit_code=ExitCode.CONNECTION,
                operation=operation,
                error=f"lost track of operation {operation.id}: {problem or error}; "
                f"`.status {operation.id}` shows it later",
            )
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
            error=f"stopped waiting; operation {operation.id} goes on in the tenant: "
            f"`.status {operation.id}` shows it later",
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
