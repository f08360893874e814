"""The toolbar is cut at a word boundary when the tenant's error does not fit."""

from __future__ import annotations

import re

import pytest

from .terminal import ShellTerminal

pytestmark = pytest.mark.pty


@pytest.mark.parametrize("columns", [72, 120])
def test_an_error_in_the_toolbar_is_cut_between_words(
    env: dict[str, str], down_url: str, columns: int
) -> None:
    overrides = {"C8Y_BASEURL": down_url, "COLUMNS": str(columns)}
    shell = ShellTerminal([], {**env, **overrides}, columns=columns)
    try:
        shell.wait_for(r"✘ cannot reach")
        shell.line("invalidateRegistrationById F7DqjmW3Yy")
        full = shell.wait_for(r"error: (cannot reach.*)").group(1)
        shell.settle(0.3)
        toolbar = shell.text().splitlines()[-1].rstrip()
        shown = toolbar.split("✘ ", 1)[1]
        assert len(toolbar) < columns
        if shown.endswith("…"):  # cut: whole words only, then the ellipsis
            kept = shown[:-1]
            assert full.startswith(kept), (kept, full)
            assert re.match(r"[\s.,:;·)]", full[len(kept) :]), (kept, full)
        else:
            assert full.startswith(shown.split(" · ")[0])
        assert shell.leave() == 0
    finally:
        shell.close()
