"""The fixtures shared by every test package live in ``tests/helpers/fixtures.py``: private XDG
directories for every test (nothing touches the real configuration, history, logs or caches of
whoever runs the suite), ``make_tenant``/``tenant`` and ``home``."""

from __future__ import annotations

import os
import sys

# The suite starts some 400 shells. With PYTHONDONTWRITEBYTECODE set (as some CI images do) each
# of them would compile the whole package from source again (measured: ~25 s of CPU per run on
# 2 cores); the workers xdist starts after this line, and the shells they start, cache it.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

pytest_plugins = ["tests.helpers.fixtures"]
