"""The bottom toolbar: which tenant, who, whether the connection is up, then the segments added
once the rest of the shell is loaded (catalogue, live updates: see ``segments``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.formatted_text import StyleAndTextTuples

from ..connection.session import State, TenantSession
from ..output.safetext import clip, one_line
from ..output.symbols import fits
from .fit import cut_words, fit_parts

Segment = Callable[[], StyleAndTextTuples]
log = logging.getLogger("lwm2m_shell.toolbar")


class Toolbar:
    def __init__(self, session: TenantSession) -> None:
        self.session = session
        self.extra: list[Segment] = []  # e.g. catalogue progress, live-update state

    def __call__(self) -> StyleAndTextTuples:
        parts = self.parts()
        used = sum(len(text) for _, text, *_ in parts)
        columns = _columns()
        if used + len(HINT) <= columns:  # the hint only where it fits: state comes first
            parts.append(("", HINT))
        fitted = fit_parts(parts, columns - 1)  # never cut in the middle of a word
        return [(style, fits(text), *rest) for style, text, *rest in fitted]  # type: ignore[misc]

    def parts(self) -> StyleAndTextTuples:
        """What the toolbar says, before it is fitted to the terminal."""
        session = self.session
        parts: StyleAndTextTuples = [("", f" {clip(session.label, 60)}")]
        if session.user:
            parts.append(("", f" · {clip(session.user, 40)}"))
        if session.demo:
            parts.append(("class:bottom-toolbar.warn", " · simulated"))
        if session.identity is not None:  # reached once: its state over time
            kind, words = session.health.toolbar_text()
            parts.append((f"class:bottom-toolbar.{kind}", f" · {cut_words(one_line(words), 90)}"))
        elif session.state is State.CONNECTING:
            parts.append(("class:bottom-toolbar.warn", " · ○ connecting…"))
        else:
            reason = str(session.error) if session.error else "not connected"
            parts.append(("class:bottom-toolbar.bad", f" · ✘ {cut_words(one_line(reason), 90)}"))
        for segment in self.extra:  # their texts may hold the tenant's words (errors): render
            for fragment in segment():
                parts.append((fragment[0], one_line(fragment[1])))
        return parts


class RedrawOnChange:
    """Redraws the idle prompt only when the toolbar would say something else (instead of a
    redraw twice a second whatever happened): looks every ``interval`` seconds, in a thread."""

    def __init__(
        self, toolbar: Toolbar, app: Callable[[], Application[Any]], interval: float = 0.5
    ) -> None:
        self.redraws = 0
        self._toolbar = toolbar
        self._app = app
        self._interval = interval
        self._last: StyleAndTextTuples | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="toolbar-redraw", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def check(self) -> bool:
        """Redraw when the toolbar changed since the last look; True when it did."""
        now = self._toolbar.parts()
        if now == self._last:
            return False
        self._last = now
        self.redraws += 1
        self._app().invalidate()
        return True

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.check()
            except Exception:  # a segment failing must not end the redraws for good
                log.debug("toolbar check failed", exc_info=True)


HINT = "  ·  Tab completes · help · Ctrl-D exits"


def _columns() -> int:
    try:
        return get_app().output.get_size().columns
    except Exception:  # no running application (tests): assume a wide terminal
        return 200
