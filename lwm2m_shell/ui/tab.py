"""Tab completes what is on the line, even when it arrives together with the text.

Why prompt_toolkit's own Tab does nothing then: typing starts a completion in the background
(complete while typing). A Tab that arrives before it has finished finds a completion state with
no candidates yet and "selects the next" of none; or it asks for a new completion, which
prompt_toolkit drops because one is already running (one at a time, and the running one was
started without "insert" so it only shows the menu). Either way the Tab is lost.

Our Tab: when the menu holds the finished candidates, it moves to the next one as usual.
Otherwise it computes the candidates for the line itself (in a worker thread, like completion
while typing) and then acts on them: they are shown with the first selected and inserted,
exactly as a Tab pressed a moment later would (after completion while typing showed its menu).
"""

from __future__ import annotations

import asyncio
import threading

from prompt_toolkit.buffer import Buffer, CompletionState
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.filters import completion_is_selected, has_focus
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent


class InFlight:
    """Counts completions being computed, so Tab knows whether the menu is complete."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0

    def __enter__(self) -> None:
        with self._lock:
            self._count += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._count -= 1

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._count > 0


def tab_bindings(completer: Completer, in_flight: InFlight, buffer_name: str) -> KeyBindings:
    bindings = KeyBindings()
    tab = _Tab(completer, in_flight)

    @bindings.add("tab", filter=has_focus(buffer_name) & ~completion_is_selected)
    def _first_tab(event: KeyPressEvent) -> None:
        tab.press(event)

    @bindings.add("tab", filter=has_focus(buffer_name) & completion_is_selected)
    def _next_tab(event: KeyPressEvent) -> None:
        if tab.computing:
            tab.more += 1
        else:
            event.current_buffer.complete_next()

    return bindings


class _Tab:
    def __init__(self, completer: Completer, in_flight: InFlight) -> None:
        self.completer = completer
        self.in_flight = in_flight
        self.computing = False
        self.more = 0  # Tabs pressed while our own computation ran: each moves one further

    def press(self, event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if self.computing:
            self.more += 1
            return
        state = buffer.complete_state
        if state is not None and state.completions and not self.in_flight.busy:
            buffer.complete_next()  # the menu is complete: Tab walks it, as usual
            return
        self.computing, self.more = True, 0
        event.app.create_background_task(self._complete_now(buffer))

    async def _complete_now(self, buffer: Buffer) -> None:
        try:
            document = buffer.document
            event = CompleteEvent(completion_requested=True)
            loop = asyncio.get_running_loop()
            found = await loop.run_in_executor(
                None, lambda: list(self.completer.get_completions(document, event))
            )
            if buffer.document != document:
                return  # typed on meanwhile: the completion while typing takes over
            candidates = [c for c in found if not _does_nothing(document, c)]
            # A completion while typing still running for this text must give up and end
            # before ours is applied: it would restart itself on the text Tab inserts and
            # replace the menu.
            buffer.complete_state = None
            await self._running_one_ended()
            if buffer.document != document:
                return
            buffer.complete_state = None
            if not candidates:
                return
            # Even a single candidate is selected in a menu (not just inserted): that is what a
            # Tab a moment later does, once completion while typing has shown its menu.
            state = CompletionState(original_document=document, completions=candidates)
            buffer.complete_state = state
            buffer.go_to_completion(self.more % len(candidates))
        finally:
            self.computing = False

    async def _running_one_ended(self, limit: float = 3.0) -> None:
        """Until no completion has run for a few turns of the loop (its last steps run there)."""
        waited, quiet = 0.0, 0
        while quiet < 3 and waited < limit:
            quiet = 0 if self.in_flight.busy else quiet + 1
            await asyncio.sleep(0.01)
            waited += 0.01


def _does_nothing(document: Document, completion: Completion) -> bool:
    before = document.text_before_cursor
    return before[len(before) + completion.start_position :] == completion.text
