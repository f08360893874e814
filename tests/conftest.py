"""Every test runs with private XDG directories: nothing reads or writes the real
configuration, history, logs or caches of whoever runs the suite."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_xdg_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("xdg")
    for name in ("CONFIG", "STATE", "CACHE"):
        folder: Path = home / name.lower()
        monkeypatch.setenv(f"XDG_{name}_HOME", str(folder))
