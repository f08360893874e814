"""Tab completes what is on the line, even when it arrives together with the text.

Why prompt_toolkit's own Tab does nothing then: typing starts a completion in the background
(complete while typing). A Tab that arrives before it has finished finds a completion state with
no candidates yet and "selects the next" of none; or it asks for a new completion, which
prompt_toolkit drops because one is already running (one at a time, and the running one was
started without "insert" so it only shows the menu). Either way the Tab is lost.

Our Tab: when the menu holds the finished candidates, it moves to the next one as usual.
Otherwise it computes the candidates for the line itself (in a worker thread, like completion
while typing) and then acts on them: one candidate is inserted, several are shown with the first
selected, exactly as a Tab pressed a moment later would.
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

    @bindings.add("tab", filter=has_focus(buffer_name) & ~completion_is_selected)
    def _tab(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        state = buffer.complete_state
        if state is not None and state.completions and not in_flight.busy:
            buffer.complete_next()  # the menu is complete: Tab walks it, as usual
            return
        event.app.create_background_task(_complete_now(buffer, completer))

    return bindings


async def _complete_now(buffer: Buffer, completer: Completer) -> None:
    document = buffer.document
    event = CompleteEvent(completion_requested=True)
    loop = asyncio.get_running_loop()
    found = await loop.run_in_executor(
        None, lambda: list(completer.get_completions(document, event))
    )
    if buffer.document != document:
        return  # typed on meanwhile: the completion while typing takes over
    candidates = [c for c in found if not _does_nothing(document, c)]
    buffer.complete_state = None  # a completion still running for this text gives up
    if not candidates:
        return
    if len(candidates) == 1:
        buffer.apply_completion(candidates[0])
        return
    buffer.complete_state = CompletionState(original_document=document, completions=candidates)
    buffer.go_to_completion(0)


def _does_nothing(document: Document, completion: Completion) -> bool:
    before = document.text_before_cursor
    return before[len(before) + completion.start_position :] == completion.text
