"""Running one parsed command: confirm a tenant-wide one, answer a local one here, send the rest.

The dispatcher decides where a command goes. A local command (``help``, ``.status`` ...) is
answered by its handler in the registry, without the runner sending anything; a device command
(``read /3/0/9`` ...) is sent as typed to the LWM2M device the shell points at (``.use``), and
its answer shown with the resource names; every other command is sent as typed to the connector
device by the runner. Nothing escapes ``run`` but the
outcome: Ctrl-C and any failure (even a RecursionError or MemoryError from an answer) become one
line and an exit code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..client import ClientError, Unauthorized
from ..connection.session import SessionError, TenantSession
from ..exit_codes import ExitCode
from ..language import Command, TargetKind
from ..outcome import Outcome
from .catalogue_access import CatalogueAccess
from .device_results import ObjectModelOnce, instances_seen, shown_result
from .interrupts import describe_failure
from .registry import Handler, LocalContext, Registry
from .relogin import log_in_again
from .runner import Runner
from .target import CurrentTarget

log = logging.getLogger("lwm2m_shell")
Confirm = Callable[[str], bool]


class Dispatcher:
    def __init__(
        self,
        runner: Runner,
        *,
        local: Registry,
        catalogue: CatalogueAccess,
        confirm: Confirm | None = None,
        target: CurrentTarget | None = None,
        objects: ObjectModelOnce | None = None,
    ) -> None:
        """``local``: the local commands this shell answers. ``confirm``: asks a yes/no
        question of a person (None: nobody to ask, so tenant-wide commands are refused).
        ``target``: where device commands go; ``objects``: the object model their results are
        shown with."""
        self.runner = runner
        self.target = target if target is not None else CurrentTarget()
        self.objects = objects if objects is not None else ObjectModelOnce()
        self.session: TenantSession = runner.session
        self.local = local
        self.confirm = confirm
        self.context = LocalContext(
            session=self.session,
            runner=runner,
            own=runner.own,
            catalogue=catalogue,
            send=self.send_to_connector,
            target=self.target,
        )

    def run(self, command: Command) -> Outcome:
        """Run one command and return its outcome, whatever happens."""
        try:
            return self._run(command)
        except KeyboardInterrupt:
            self.runner.console.clear_progress()
            return Outcome(line=command.text, exit_code=ExitCode.INTERRUPTED, error="interrupted")
        except Exception as error:
            log.exception("running %r failed", command.text)
            self.runner.console.clear_progress()
            return Outcome(
                line=command.text,
                exit_code=ExitCode.CONNECTION,
                error=f"`{command.text}` failed: {describe_failure(error)}",
            )

    def send_to_connector(self, text: str) -> Outcome:
        """Send ``text`` as typed to the connector device and follow it to its end."""
        try:
            identity = self.session.require_ready(timeout=self.session.settings.request_timeout)
        except SessionError as error:
            return Outcome(line=text, exit_code=error.exit_code, error=str(error))
        # a connector ID remembered from an earlier run may name a device that is gone
        find_again = self._connector_again if identity.connector_remembered else None
        return self.runner.send(text, identity.connector_id, find_again=find_again)

    def _connector_again(self) -> str:
        return self.session.find_connector_again().connector_id

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
            return self._answer_locally(command)
        if command.target_kind is TargetKind.DEVICE:
            return self.send_to_device(command)
        return self.send_to_connector(command.text)

    def send_to_device(self, command: Command) -> Outcome:
        """Send a device command as typed to the targeted LWM2M device; show its answer with
        the resource names, and remember the object instances it shows."""
        target = self.target.value
        if target.device_id is None:
            return Outcome(
                line=command.text,
                exit_code=ExitCode.USAGE,
                error=f"{command.spec_name} is a device command: point the shell at a device "
                "first (.use ENDPOINT)",
            )
        try:
            self.session.require_ready(timeout=self.session.settings.request_timeout)
        except SessionError as error:
            return Outcome(line=command.text, exit_code=error.exit_code, error=str(error))
        outcome = self.runner.send(command.text, target.device_id, device=target)
        op = outcome.operation
        if op is not None and op.is_final:
            succeeded = op.status.value == "SUCCESSFUL"
            seen = instances_seen(command, op.result, succeeded)
            if seen:
                self.target.learn_instances(target.device_id, seen)
            if outcome.output is None and succeeded:  # a failure is shown as the agent said it
                outcome.output = shown_result(command, op.result, self.objects.get())
        return outcome

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

    # -- local commands -----------------------------------------------------------------------

    def _answer_locally(self, command: Command) -> Outcome:
        handler = self.local.handler_for(command.spec_name)
        if handler is None:
            return Outcome(
                line=command.text,
                exit_code=ExitCode.USAGE,
                local=True,
                error=f"{command.spec_name} is not available in this mode",
            )
        try:
            return self._answer(handler, command)
        except Unauthorized as error:
            # Local commands only read (GET): after a new login they simply run again, once.
            problem = log_in_again(self.session, error)
            if problem is None:
                try:
                    return self._answer(handler, command)
                except Unauthorized as again:
                    problem = again.message
            return Outcome(
                line=command.text,
                exit_code=ExitCode.CONNECTION,
                error=f"not authenticated: {problem}",
                local=True,
            )

    def _answer(self, handler: Handler, command: Command) -> Outcome:
        """The handler's outcome; failures become one-line outcomes, except a 401 (raised)."""
        try:
            return handler(self.context, command)
        except SessionError as error:
            return Outcome(
                line=command.text, exit_code=error.exit_code, error=str(error), local=True
            )
        except Unauthorized:
            raise
        except ClientError as error:
            return Outcome(
                line=command.text, exit_code=ExitCode.CONNECTION, error=str(error), local=True
            )
