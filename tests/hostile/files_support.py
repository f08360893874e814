"""Helpers of the hostile file tests: a victim's home, snapshots of it, foreign owners, a shell.

The victim's home holds the XDG directories (``config``, ``state``, ``cache``) and files the
shell must never touch (a fake ``~/.bashrc``). ``snapshot`` records content and mode of every
file outside the XDG directories, so a test can prove nothing there changed.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lwm2m_shell.simulator import SimulatedTenant, SimulatorConfig

SHELL = [sys.executable, "-m", "lwm2m_shell"]
NOBODY = 65534  # the uid of "nobody": another user, present on every Linux
XDG = ("config", "state", "cache")
BASHRC = b"# the victim's shell start-up file\nexport PATH=$HOME/bin:$PATH\n"

Snapshot = dict[str, tuple[bytes | str, int]]


def start_tenant() -> SimulatedTenant:
    config = SimulatorConfig(devices=20, pending_delay=0.0, execution_delay=0.02)
    return SimulatedTenant(config).start()


def need_root() -> None:
    """Files of another user can only be made by root (``os.chown``)."""
    if os.geteuid() != 0:
        pytest.skip("only root can create files owned by another user (os.chown)")


def plant_bashrc(home: Path) -> Path:
    bashrc = home / ".bashrc"
    bashrc.parent.mkdir(parents=True, exist_ok=True)
    bashrc.write_bytes(BASHRC)
    bashrc.chmod(0o644)
    return bashrc


def snapshot(home: Path) -> Snapshot:
    """Content (or link target) and mode of every entry of ``home`` outside its XDG folders."""
    found: Snapshot = {}
    for folder, dirs, files in os.walk(home):
        here = Path(folder)
        if here == home:
            dirs[:] = [d for d in dirs if d not in XDG]
        for name in [*dirs, *files]:
            path = here / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[str(path)] = (os.readlink(path), info.st_mode)
            elif stat.S_ISREG(info.st_mode):
                found[str(path)] = (path.read_bytes(), info.st_mode)
            else:
                found[str(path)] = (b"", info.st_mode)
    return found


def xdg_env(home: Path) -> dict[str, str]:
    return {f"XDG_{name.upper()}_HOME": str(home / name) for name in XDG}


@contextmanager
def xdg_of(home: Path) -> Iterator[None]:
    """Point this process's XDG variables at ``home`` (to compute the shell's file names)."""
    saved = {key: os.environ.get(key) for key in xdg_env(home)}
    os.environ.update(xdg_env(home))
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_shell(
    env: dict[str, str], *args: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*SHELL, *args],
        env=env,
        input="",
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,  # no controlling terminal: nobody can be asked
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def lines_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]
