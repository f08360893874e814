"""The fixtures shared by every test package live in ``tests/helpers/fixtures.py``: private XDG
directories for every test (nothing touches the real configuration, history, logs or caches of
whoever runs the suite), ``make_tenant``/``tenant`` and ``home``."""

from __future__ import annotations

pytest_plugins = ["tests.helpers.fixtures"]
