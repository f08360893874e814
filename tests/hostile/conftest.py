"""Fixtures of the hostile-tenant tests: a simulated tenant whose text carries control
sequences, a clean shell environment for it, and checks on raw output bytes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import TenantFactory

# Bytes no tenant text may bring to stdout or stderr: C0 controls but newline and tab, DEL,
# and (UTF-8 encoded) C1 controls and bidi overrides/isolates.
C1_AND_BIDI = [chr(c).encode() for c in (*range(0x80, 0xA0), *range(0x202A, 0x202F))] + [
    chr(c).encode() for c in range(0x2066, 0x206A)
]


def unsafe_bytes(data: bytes) -> list[str]:
    """Every forbidden control sequence found in ``data`` (empty when it is safe)."""
    found = [repr(bytes([b])) for b in data if (b < 0x20 and b not in (0x09, 0x0A)) or b == 0x7F]
    found += [repr(seq) for seq in C1_AND_BIDI if seq in data]
    return found


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=20, pending_delay=0.0, execution_delay=0.05, hostile_text=True)


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8")


RunShell = Callable[..., Run]


@pytest.fixture
def run_shell(env: dict[str, str]) -> RunShell:
    """Run ``lwm2m-shell ARGS`` (no terminal) and return its exit code and raw output."""

    def run(*args: str, stdin: bytes = b"", extra_env: dict[str, str] | None = None) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "lwm2m_shell", *args],
            input=stdin,
            env={**env, **(extra_env or {})},
            capture_output=True,
            timeout=120,
            start_new_session=True,  # no controlling terminal: nobody can be asked
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def spawn_timeout() -> float:
    return 30.0
