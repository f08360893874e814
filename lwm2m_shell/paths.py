"""Where lwm2m-shell keeps its files (XDG base directories) and how it writes them safely.

Config lives in ``$XDG_CONFIG_HOME/lwm2m-shell``, history and logs in
``$XDG_STATE_HOME/lwm2m-shell`` and caches in ``$XDG_CACHE_HOME/lwm2m-shell``. Every directory we
create is 0700 and every file 0600: history and caches name tenants, users and devices, which are
nobody else's business.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

APP_NAME = "lwm2m-shell"


def config_dir() -> Path:
    from xdg_base_dirs import xdg_config_home

    return xdg_config_home() / APP_NAME


def state_dir() -> Path:
    from xdg_base_dirs import xdg_state_home

    return xdg_state_home() / APP_NAME


def cache_dir() -> Path:
    from xdg_base_dirs import xdg_cache_home

    return xdg_cache_home() / APP_NAME


def tenant_key(url: str, tenant: str) -> str:
    """A file-name-safe key for one tenant at one URL, readable and collision-free."""
    readable = "".join(c if c.isalnum() or c in "-." else "_" for c in f"{tenant}@{_host(url)}")
    digest = hashlib.sha256(f"{url.rstrip('/')}\n{tenant}".encode()).hexdigest()[:10]
    return f"{readable[:80]}-{digest}"


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0]


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents, each 0700 (as the XDG spec asks).

    Existing directories of ours (in the config, state and cache directories of lwm2m-shell)
    that others could enter are made 0700; other existing directories (the folder of
    ``--log-file ./x.log``) are left alone.
    """
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir(mode=0o700)
    ours = (config_dir(), state_dir(), cache_dir())
    for folder in (path, *path.parents):
        if not any(folder.is_relative_to(base) for base in ours):
            break
        with contextlib.suppress(OSError):
            if folder.stat().st_mode & 0o077:
                folder.chmod(0o700)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create ``path`` empty if missing, and make sure only its owner can read it."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
    os.close(fd)
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    return path


def write_private_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a 0600 temporary file and a rename.

    A crash leaves either the old file or the new one, never a torn mix, and a second process
    writing the same file at the same time cannot interleave with us.
    """
    ensure_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
