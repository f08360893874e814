"""Fixtures every test package may use (registered by the root conftest)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lwm2m_shell.simulator import SimulatedTenant

from .ports import refused_url
from .tenants import QUICK, TenantFactory, tenant_factory

if TYPE_CHECKING:
    from tests.e2e.terminal import ShellTerminal


@pytest.fixture(autouse=True)
def private_xdg_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test runs with private XDG directories: nothing reads or writes the real
    configuration, history, logs or caches of whoever runs the suite."""
    home = tmp_path_factory.mktemp("xdg")
    for name in ("CONFIG", "STATE", "CACHE"):
        folder: Path = home / name.lower()
        monkeypatch.setenv(f"XDG_{name}_HOME", str(folder))


@pytest.fixture
def make_tenant() -> Iterator[TenantFactory]:
    """Start simulated tenants (quick ones unless told otherwise); they stop after the test."""
    with tenant_factory(**QUICK) as start:
        yield start


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    """A quick simulated tenant of this test's own (packages override it with their shape)."""
    return make_tenant()


@pytest.fixture
def down_url() -> Iterator[str]:
    """The URL of a tenant that is down: every connection refused, the port lent to no other
    test meanwhile (see ``ports``)."""
    with refused_url() as url:
        yield url


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The home directory of the shell a test starts (created by whoever needs it)."""
    return tmp_path / "home"


@pytest.fixture
def env(tenant: SimulatedTenant, home: Path) -> dict[str, str]:
    """The environment of a shell pointed at ``tenant`` as its administrator (private XDG
    homes under ``home``, a fixed terminal, no stray ``C8Y_*`` variables)."""
    from tests.e2e.terminal import admin_login, shell_env

    return shell_env(home, admin_login(tenant))


@pytest.fixture
def spawn_timeout() -> float:
    """How long ``spawn``'s terminals wait for a screen (packages with slower tenants raise it)."""
    return 15.0


@pytest.fixture
def spawn(
    env: dict[str, str], terminals: Callable[..., ShellTerminal], spawn_timeout: float
) -> Callable[..., ShellTerminal]:
    """``spawn(*args, extra_env=None)``: the real shell in a pseudo-terminal, with ``env``."""

    def start(*args: str, extra_env: dict[str, str] | None = None) -> ShellTerminal:
        return terminals(args, {**env, **(extra_env or {})}, timeout=spawn_timeout)

    return start


@pytest.fixture
def terminals() -> Iterator[Callable[..., ShellTerminal]]:
    """Start the real shell in pseudo-terminals; every one started is closed when the test ends.

    ``terminals(args, env, timeout=None)``: each test package's ``spawn`` fixture is this with its
    own arguments and environment.
    """
    from tests.e2e.terminal import ShellTerminal as Terminal  # pexpect and pyte: only when used

    started: list[ShellTerminal] = []

    def start(
        args: Sequence[str], env: dict[str, str], timeout: float | None = None
    ) -> ShellTerminal:
        terminal = (
            Terminal(list(args), env)
            if timeout is None
            else Terminal(list(args), env, timeout=timeout)
        )
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.close()
