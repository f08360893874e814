"""Toolbar segments of the parts loaded after the first prompt: the catalogue and live updates."""

from __future__ import annotations

import time

from prompt_toolkit.formatted_text import StyleAndTextTuples

from ..catalogue import TenantCatalogue, toolbar_parts
from ..catalogue.status import BAD, BUSY
from ..connection.session import State
from ..live.realtime import LiveState
from ..live.service import LiveUpdates
from .toolbar import Segment

_CATALOGUE_STYLES = {BUSY: "class:bottom-toolbar.warn", BAD: "class:bottom-toolbar.bad"}


def catalogue_segment(catalogue: TenantCatalogue) -> Segment:
    """The catalogue's progress, age or failure, e.g. `` · endpoints 42,000/100,000``."""

    def segment() -> StyleAndTextTuples:
        parts = toolbar_parts(catalogue.status(), time.time())
        return [(_CATALOGUE_STYLES.get(kind, ""), f" · {text}") for kind, text in parts]

    return segment


_LIVE_TEXT = {
    LiveState.ON: ("class:bottom-toolbar.ok", "⚡ live updates"),
    LiveState.WAITING: ("class:bottom-toolbar.warn", "live updates starting…"),
    LiveState.CONNECTING: ("class:bottom-toolbar.warn", "live updates starting…"),
    LiveState.RETRYING: ("class:bottom-toolbar.warn", "live updates off (polling)"),
    LiveState.OFF: ("", "live updates off (polling)"),
}


def live_segment(live: LiveUpdates) -> Segment:
    """Whether results are pushed (`` · ⚡ live updates``) or polled for."""

    def segment() -> StyleAndTextTuples:
        state = live.state
        if state is LiveState.WAITING and live.session.state is State.FAILED:
            state = LiveState.OFF  # no tenant, no live updates: not "starting"
        style, text = _LIVE_TEXT[state]
        return [(style, f" · {text}")]

    return segment
