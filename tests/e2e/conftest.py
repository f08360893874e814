"""Fixtures for end-to-end tests: a simulated tenant on loopback and a clean shell environment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import TenantFactory

from .terminal import ShellTerminal, admin_login, shell_env


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=30, pending_delay=0.0, execution_delay=0.05)


@pytest.fixture
def env(tenant: SimulatedTenant, home: Path) -> dict[str, str]:
    """Environment pointing the shell at the simulated tenant as its admin user."""
    return shell_env(home, admin_login(tenant))


@pytest.fixture
def spawn(
    env: dict[str, str], terminals: Callable[..., ShellTerminal]
) -> Callable[..., ShellTerminal]:
    def start(*args: str, extra_env: dict[str, str] | None = None) -> ShellTerminal:
        return terminals(args, {**env, **(extra_env or {})})

    return start
