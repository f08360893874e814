"""Files under the XDG directories are ours only when they really are (issue 14, item 6).

A state folder owned by another user with the history planted as a symlink to the victim's
``~/.bashrc``; symlinked, foreign or world-writable history, cache and log files; temporaries
left by a process killed mid-write. Each is refused with one line naming the path and why, the
shell goes on without that file, and no file outside the XDG directories changes (content and
mode).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lwm2m_shell.catalogue import Device, Snapshot, cache
from lwm2m_shell.config.paths import state_dir
from lwm2m_shell.simulator import SimulatedTenant
from lwm2m_shell.ui.history import history_path
from tests.e2e.terminal import ShellTerminal, admin_login, shell_env

from .files_support import (
    BASHRC,
    NOBODY,
    lines_with,
    need_root,
    plant_bashrc,
    run_shell,
    snapshot,
    start_tenant,
    xdg_of,
)

DEAD_URL = "http://127.0.0.1:9"  # nothing listens: only the disk cache can feed completion
DEAD_TENANT = "t4711"


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    simulated = start_tenant()
    yield simulated
    simulated.stop()


def prompt_re(tenant: SimulatedTenant) -> str:
    return re.escape(f"{tenant.tenant_id}@{tenant.url.split('://', 1)[1]}>")


def use_repl_and_leave(env: dict[str, str], tenant: SimulatedTenant) -> list[str]:
    """The shell works (a local command, a command sent to the tenant, then Ctrl-D); the lines
    in which it refused a file or folder."""
    shell = ShellTerminal([], env)
    try:
        shell.wait_for(prompt_re(tenant))
        shell.line("help")
        shell.wait_for(r"invalidateRegistrationById")
        shell.line("invalidateRegistrationById F7DqjmW3Yy")
        shell.wait_for(r"(SUCCESSFUL|FAILED).* · operation \d+", timeout=30)
        assert shell.leave() == 0
    finally:
        shell.close()
    return lines_with(bytes(shell.raw).decode("utf-8", "replace"), "refusing to use")


# -- history --------------------------------------------------------------------------------


def test_foreign_state_folder_with_history_symlinked_to_bashrc(
    tenant: SimulatedTenant, home: Path
) -> None:
    need_root()
    bashrc = plant_bashrc(home)
    env = shell_env(home, admin_login(tenant))
    with xdg_of(home):
        history = history_path(tenant.url, tenant.tenant_id)
        ours = state_dir()
    history.parent.mkdir(parents=True)
    for folder in (ours, history.parent):  # the attacker's folders, open to everyone
        os.chown(folder, NOBODY, NOBODY)
        folder.chmod(0o777)
    history.symlink_to(bashrc)
    os.lchown(history, NOBODY, NOBODY)
    before = snapshot(home)

    said = use_repl_and_leave(env, tenant)
    assert len(said) == 1, said
    assert f"refusing to use {ours}: it belongs to user nobody (uid {NOBODY})" in said[0]
    assert "history is not saved this session" in said[0]
    assert bashrc.read_bytes() == BASHRC and bashrc.stat().st_mode & 0o777 == 0o644
    assert snapshot(home) == before  # nothing outside the XDG folders changed
    assert history.is_symlink() and os.readlink(history) == str(bashrc)


def test_history_planted_as_symlink_in_our_own_folder(tenant: SimulatedTenant, home: Path) -> None:
    bashrc = plant_bashrc(home)
    env = shell_env(home, admin_login(tenant))
    with xdg_of(home):
        history = history_path(tenant.url, tenant.tenant_id)
    history.parent.mkdir(parents=True, mode=0o700)
    history.symlink_to(bashrc)
    before = snapshot(home)

    said = use_repl_and_leave(env, tenant)
    assert len(said) == 1, said
    assert f"refusing to use {history}: it is a symbolic link" in said[0]
    assert bashrc.read_bytes() == BASHRC and bashrc.stat().st_mode & 0o777 == 0o644
    assert snapshot(home) == before


def test_history_is_written_to_a_private_file_of_ours(tenant: SimulatedTenant, home: Path) -> None:
    """The control case: with nothing planted, the history is kept (0600, in a 0700 folder)."""
    env = shell_env(home, admin_login(tenant))
    assert use_repl_and_leave(env, tenant) == []
    with xdg_of(home):
        history = history_path(tenant.url, tenant.tenant_id)
    assert "+invalidateRegistrationById F7DqjmW3Yy" in history.read_text()
    assert history.stat().st_mode & 0o777 == 0o600
    assert history.parent.stat().st_mode & 0o777 == 0o700
    assert history.stat().st_uid == os.geteuid()


# -- log file -------------------------------------------------------------------------------


def test_log_file_of_another_user_is_refused(tenant: SimulatedTenant, home: Path) -> None:
    need_root()
    theirs = home / "shared.log"
    theirs.parent.mkdir(parents=True, exist_ok=True)
    theirs.write_bytes(b"their log\n")
    os.chown(theirs, NOBODY, NOBODY)
    theirs.chmod(0o666)
    env = shell_env(home, admin_login(tenant))
    before = snapshot(home)
    result = run_shell(env, "--log-file", str(theirs), "-c", "help")
    assert result.returncode == 0, result.stderr
    assert "invalidateRegistrationById" in result.stdout
    said = lines_with(result.stderr, "refusing to use")
    assert said == [
        f"warning: refusing to use {theirs}: it belongs to user nobody (uid {NOBODY}), "
        "not to you; running without a log file"
    ]
    assert snapshot(home) == before


@pytest.mark.parametrize("where", ["state folder", "given path"])
def test_symlinked_log_file_is_refused(tenant: SimulatedTenant, home: Path, where: str) -> None:
    bashrc = plant_bashrc(home)
    env = shell_env(home, admin_login(tenant))
    if where == "state folder":
        with xdg_of(home):
            log = state_dir() / "lwm2m-shell.log"
        log.parent.mkdir(parents=True, mode=0o700)
        args = ["--log-file"]
    else:
        log = home / "my.log"
        args = ["--log-file", str(log)]
    log.symlink_to(bashrc)
    before = snapshot(home)
    result = run_shell(env, *args, "-c", "invalidateRegistrationById F7DqjmW3Yy")
    assert result.returncode in (0, 1), result.stderr  # sent and answered
    said = lines_with(result.stderr, "refusing to use")
    assert said == [
        f"warning: refusing to use {log}: it is a symbolic link; running without a log file"
    ]
    assert bashrc.read_bytes() == BASHRC
    assert snapshot(home) == before


# -- catalogue cache --------------------------------------------------------------------------


def poisoned_cache(path: Path) -> None:
    """A cache in our own format, naming a device the tenant does not have."""
    device = Device(id="990001", name="POISONED-DEVICE", type="c8y_lwm2m", external="urn:evil")
    snap = Snapshot.from_devices([device], fetched_at=1.0, complete=True)
    cache.save(path, snap, url=DEAD_URL, tenant=DEAD_TENANT, endpoint_types=("c8y_Id",))


def list_from_cache(home: Path) -> subprocess.CompletedProcess[str]:
    """``.devices`` while the tenant is unreachable: what is listed can only come from disk."""
    env = shell_env(
        home,
        {"C8Y_BASEURL": DEAD_URL, "C8Y_USER": f"{DEAD_TENANT}/admin", "C8Y_PASSWORD": "pw"},
    )
    return run_shell(env, "--request-timeout", "5", "-c", ".devices POISONED")


def test_a_cache_of_ours_is_used(home: Path) -> None:
    """The control case: the same file, ours and private, does feed the listing."""
    with xdg_of(home):
        path = cache.cache_path(DEAD_URL, DEAD_TENANT)
        poisoned_cache(path)
    result = list_from_cache(home)
    assert "POISONED-DEVICE" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("attack", ["symlink", "another user's file", "world-writable"])
def test_a_swapped_cache_cannot_poison_completion(home: Path, attack: str) -> None:
    with xdg_of(home):
        path = cache.cache_path(DEAD_URL, DEAD_TENANT)
        poisoned_cache(path)
    if attack == "symlink":
        elsewhere = home / "poison.json"
        path.rename(elsewhere)
        path.symlink_to(elsewhere)
        why = "it is a symbolic link"
    elif attack == "another user's file":
        need_root()
        os.chown(path, NOBODY, NOBODY)
        why = "it belongs to user nobody"
    else:
        path.chmod(0o666)
        why = "other users may write to it"
    before = snapshot(home)
    result = list_from_cache(home)
    assert "POISONED-DEVICE" not in result.stdout
    assert "Traceback" not in result.stderr
    shown = result.stdout + result.stderr
    assert "catalogue cache discarded (refused, " + why in shown, shown
    assert snapshot(home) == before  # the symlink's target was neither read into use nor changed


def test_cache_folder_of_another_user_is_never_written(tenant: SimulatedTenant, home: Path) -> None:
    need_root()
    env = shell_env(home, admin_login(tenant))
    with xdg_of(home):
        path = cache.cache_path(tenant.url, tenant.tenant_id)
    path.parent.mkdir(parents=True)
    for folder in (path.parent.parent, path.parent):
        os.chown(folder, NOBODY, NOBODY)
        folder.chmod(0o777)
    result = run_shell(env, "-c", ".devices")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^\d+ ", result.stdout, re.MULTILINE)  # listed from the tenant
    assert "cannot save the catalogue cache: refusing to use" in result.stdout
    assert list(path.parent.iterdir()) == []


# -- temporary files of a killed write --------------------------------------------------------

KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
from lwm2m_shell import private_files
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)  # killed in the middle of the write
private_files.write_atomic(Path(sys.argv[1]), b"x" * 100_000)
"""


def test_temporaries_of_a_killed_write_are_swept(tenant: SimulatedTenant, home: Path) -> None:
    env = shell_env(home, admin_login(tenant))
    with xdg_of(home):
        path = cache.cache_path(tenant.url, tenant.tenant_id)
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(path)], env=env, check=False)
    assert killed.returncode == -signal.SIGKILL
    left = [p.name for p in path.parent.iterdir()]
    assert len(left) == 1 and left[0].startswith(f".{path.name}.") and left[0].endswith(".tmp")
    busy = path.parent / f".{path.name}.{os.getpid()}.0123abcd.tmp"  # a live writer's: kept
    busy.write_bytes(b"in progress")

    result = run_shell(env, "-c", ".devices")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in path.parent.iterdir())
    assert left[0] not in names
    assert busy.name in names and path.name in names
