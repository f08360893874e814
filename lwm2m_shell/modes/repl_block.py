"""What the interactive shell does with one entered text: a typed line or a pasted block.

The block is checked as a whole (``language.block``): one bad line and nothing of it is sent,
every bad line is named. Then every question is asked before the first command goes out: the
confirmation of a tenant-wide command, and whether to send IDs the tenant does not have (only
when the catalogue is complete and fresh: a stale one never blocks). One "no" and nothing of
the block is sent. When more than one command runs, each result is labelled with its command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..catalogue import TenantCatalogue
from ..commands.device_results import ObjectModelOnce
from ..commands.dispatch import Dispatcher
from ..commands.target import CurrentTarget
from ..connection.session import TenantSession
from ..exit_codes import ExitCode
from ..language import Command
from ..language.block import Block, BlockLine
from ..language.parser import parse
from ..language.spec import ArgKind, TargetKind
from ..output.console import Console

# Once one of these ends a command, the rest of the block is not sent (as in scripts).
STOPPING = {ExitCode.CONNECTION, ExitCode.TIMEOUT, ExitCode.INTERRUPTED}
ASK_ABOUT_UNKNOWN = frozenset({"migrateLwm2mDevices", "invalidateRegistrationsForEndpoint"})


@dataclass
class BlockRunner:
    session: TenantSession
    dispatcher: Dispatcher
    catalogue: TenantCatalogue
    confirm: Callable[[str], bool]
    target: CurrentTarget = field(default_factory=CurrentTarget)
    objects: ObjectModelOnce = field(default_factory=ObjectModelOnce)

    def run_text(self, text: str, console: Console) -> bool:
        """Run what was entered (checked for the current target); False means leave."""
        block = self._check(text)
        if not block.sendable:
            for message in block.error_messages():
                console.error(message)
            if block.several and block.commands:
                bad = len(block.errors)
                console.note(
                    f"nothing of the paste was sent: {bad} of {len(block.lines)} lines "
                    f"{'is' if bad == 1 else 'are'} not a valid command"
                )
            return True
        commands = [command for _line, command in block.commands]
        leave = any(command.spec_name == ".exit" for command in commands)
        if leave:
            commands = commands[: [c.spec_name for c in commands].index(".exit")]
        approved = self._ask_first(commands, console, several=len(commands) > 1)
        if approved is None:
            return True
        for index, command in enumerate(approved, start=1):
            if len(approved) > 1:
                console.note(f"[{index}/{len(approved)}] {command.text}")
            for note in command.notes:
                console.note(note)
            outcome = self.dispatcher.run(command)
            console.outcome(outcome)
            left = len(approved) - index
            # a failed .use stops the paste: the device commands after it must not go elsewhere
            failed_use = command.spec_name == ".use" and outcome.exit_code is not ExitCode.OK
            if (outcome.exit_code in STOPPING or failed_use) and left:
                console.note(f"the {left} command(s) after it in the paste were not sent")
                break
        return not leave

    def _check(self, text: str) -> Block:
        """Every line of ``text`` parsed for the current target; after a ``.use`` line, for
        the target it names (as ``language.block.check_block`` does for one target)."""
        kind = self.target.kind
        lines: list[BlockLine] = []
        for number, raw in enumerate(text.split("\n"), start=1):
            line = raw.removesuffix("\r")
            objects = self.objects.get() if kind is TargetKind.DEVICE else None
            result = parse(line, kind, objects)
            if result is None:
                continue
            lines.append(BlockLine(number, line, result))
            if isinstance(result, Command) and result.spec_name == ".use":
                kind = TargetKind.DEVICE if result.args else TargetKind.CONNECTOR
        return Block(tuple(lines))

    # -- questions, all before anything is sent ------------------------------------------------

    def _ask_first(
        self, commands: list[Command], console: Console, *, several: bool
    ) -> list[Command] | None:
        """The commands to run, each question answered; None when one answer was no."""
        approved: list[Command] = []
        for command in commands:
            questions = self._questions(command)
            for question in questions:
                if not self.confirm(question):
                    what = "nothing of the paste was sent" if several else "nothing was sent"
                    console.note(f"not sent: `{command.text}` was not confirmed; {what}")
                    return None
            if command.tenant_wide:  # confirmed above, or confirmation is off: not again
                command = command.model_copy(update={"tenant_wide": False})
            approved.append(command)
        return approved

    def _questions(self, command: Command) -> list[str]:
        questions = []
        if command.tenant_wide and self.session.settings.confirm_tenant_wide:
            tenant = self.session.tenant_id or self.session.host
            where = " (simulated)" if self.session.demo else ""
            questions.append(
                f"`{command.text}` acts on EVERY LWM2M device of tenant {tenant}{where}. Send it?"
            )
        unknown = unknown_targets(command, self.catalogue)
        if unknown:
            listed = ", ".join(unknown[:5]) + (
                f" and {len(unknown) - 5} more" if unknown[5:] else ""
            )
            questions.append(f"{listed} not in this tenant's LWM2M devices — send anyway?")
        return questions


def unknown_targets(command: Command, catalogue: TenantCatalogue) -> list[str]:
    """Device IDs and endpoints of ``command`` the tenant does not have, as far as a complete,
    fresh catalogue knows; empty when it cannot tell (loading, from the disk cache, failed)."""
    if command.local or command.spec_name not in ASK_ABOUT_UNKNOWN:
        return []
    status = catalogue.status()
    if not status.complete or status.loading or status.from_cache or status.error:
        return []
    snapshot = catalogue.snapshot
    unknown = [device for device in command.device_ids if snapshot.find_id(device) is None]
    given = command.args
    for arg in command.spec.args:
        value = given.get(arg.name)
        if arg.kind is ArgKind.ENDPOINT and value is not None:
            matches = snapshot.endpoint_matches(value, 20)
            if not any(match.endpoint == value for match in matches):
                unknown.append(value)
    return unknown
