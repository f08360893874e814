"""Which history file a session uses: the tenant's URL, or one fixed key for ``--demo``.

The simulated tenant of ``--demo`` listens on a new random port at every start; keyed by its URL,
each start would begin with an empty history and leave one more file behind.
"""

from __future__ import annotations

DEMO_HISTORY_URL = "demo://lwm2m-shell"


def history_url(url: str, *, demo: bool) -> str:
    return DEMO_HISTORY_URL if demo else url
