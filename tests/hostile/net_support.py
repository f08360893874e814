"""Helpers of the network tests: Ctrl-C latency measured on the real shell, and a blackhole.

Latencies are collected per state and printed as one table at the end of the run (the plugin
registers itself the first time a test records a figure).
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import wait_until

from ..e2e.terminal import ShellTerminal

SHELL = [sys.executable, "-m", "lwm2m_shell"]
BOUND = 1.0  # seconds: Ctrl-C must win within this, in every state


class LatencyMiss(AssertionError):
    """Ctrl-C took longer than ``BOUND``. Like a screen that did not show in time
    (``ScreenTimeout``), a miss on two busy cores is run again (``--only-rerun``, see the
    README); one that misses three times fails the run."""


COMMAND = "invalidateRegistrationById ZZZZZZZZZZ"


@dataclass
class LatencyTable:
    rows: dict[str, float] = field(default_factory=dict)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.rows:
            return
        terminalreporter.section(
            "Ctrl-C latency: state -> ms from the interrupt to the prompt / exit"
        )
        for state, seconds in self.rows.items():
            terminalreporter.write_line(f"{state:<58} {seconds * 1000:7.0f} ms")


_TABLE = LatencyTable()


def record(config: pytest.Config, state: str, seconds: float) -> None:
    if not config.pluginmanager.is_registered(_TABLE):
        config.pluginmanager.register(_TABLE, "net-latency-table")
    _TABLE.rows[state] = seconds


def commands(tenant: SimulatedTenant) -> list[str]:
    """Texts of the commands the shell created (the tenant also holds seeded operations)."""
    return [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]


@dataclass
class Interrupted:
    code: int
    stderr: str
    stdout: str
    latency: float  # seconds from SIGINT to the process's end


def interrupt_script(
    env: dict[str, str], args: list[str], reached: Callable[[], bool]
) -> Interrupted:
    """Run the shell with ``args`` (``-c ...``), send SIGINT once ``reached()``, time the exit."""
    proc = subprocess.Popen(
        [*SHELL, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: reached() or proc.poll() is not None, 20, "the state to interrupt")
        assert proc.poll() is None, f"the shell ended before the state: {proc.communicate()}"
        time.sleep(0.2)  # let it settle into the state (it cannot observe the interrupt sooner)
        os.kill(proc.pid, signal.SIGINT)
        sent = time.monotonic()
        while proc.poll() is None and time.monotonic() - sent < 30:
            time.sleep(0.005)
        latency = time.monotonic() - sent
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in err, err
    return Interrupted(proc.returncode, err, out, latency)


def interrupt_prompt(shell: ShellTerminal, expect: str) -> float:
    """Ctrl-C in the running shell; seconds until ``expect`` shows and the prompt is back."""
    shell.ctrl("c")
    sent = time.monotonic()
    shell.wait_for(expect, timeout=30)
    while not shell.at_empty_prompt():
        if not shell.pump(0.01) or time.monotonic() - sent > 30:
            raise AssertionError(shell.text())
    return time.monotonic() - sent


@contextmanager
def blackhole() -> Iterator[tuple[str, Callable[[], bool]]]:
    """A loopback port that takes connections into its queue and never answers: the URL and a
    function telling whether a connection is waiting there."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]

    def knocked() -> bool:
        readable, _, _ = select.select([server], [], [], 0)
        return bool(readable)

    try:
        yield f"http://127.0.0.1:{port}", knocked
    finally:
        server.close()
