"""A Ctrl-C that escapes the prompt after Enter is told apart from one that clears the line."""

from __future__ import annotations

from prompt_toolkit.buffer import Buffer
from prompt_toolkit.document import Document

from lwm2m_shell.ui.typeahead import AcceptedLine


def test_an_accepted_line_is_remembered_once_and_the_prompts_handler_still_runs() -> None:
    seen: list[str] = []
    buffer = Buffer(accept_handler=lambda b: seen.append(b.text) or True)
    accepted = AcceptedLine(buffer)
    assert accepted.take() is None  # typing, then Ctrl-C: nothing was accepted
    buffer.set_document(Document("invalidateRegistrationById ZZZZZZZZZZ"))
    buffer.validate_and_handle()  # Enter
    assert seen == ["invalidateRegistrationById ZZZZZZZZZZ"]
    assert accepted.take() == "invalidateRegistrationById ZZZZZZZZZZ"
    assert accepted.take() is None  # taken: the next prompt starts clean


def test_a_buffer_without_a_handler_is_still_remembered() -> None:
    buffer = Buffer()
    accepted = AcceptedLine(buffer)
    buffer.set_document(Document(".context"))
    buffer.validate_and_handle()
    assert accepted.take() == ".context"
