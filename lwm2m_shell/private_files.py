"""Opening and writing our own files so that nobody else's can be touched through them.

Every directory under the config, state and cache directories of lwm2m-shell is walked one
component at a time with ``O_NOFOLLOW`` relative to its parent's descriptor, so a symlink planted
anywhere on the way is never followed, and each one is checked on the *open* descriptor (no
window between the check and the use):

- it must belong to the user running the shell;
- nobody else may write to it (readable by others is tightened to 0700 with ``fchmod``);
- files must be regular files with a single link (a hard link to ``~/.bashrc`` is refused).

Anything else raises ``UnsafePath`` (an ``OSError``, so every existing ``except OSError`` already
copes) with one line naming the path and the reason. Writes go through a temporary file in the
same directory, fsync'ed and renamed into place; temporaries left behind by a process that was
killed mid-write are swept when the directory is next used.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
STALE_AFTER = 3600.0  # a temporary file this old is left over whatever its process is doing
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$")
_OLD_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # mkstemp names of earlier versions
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as a file must not hang the open


class UnsafePath(OSError):
    """A file or directory we refuse to use; ``str()`` is one line naming it and why."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(f"refusing to use {path}: {why}")
        self.path = str(path)
        self.why = why

    def __str__(self) -> str:
        return str(self.args[0])


def our_roots() -> tuple[Path, ...]:
    """The directories of lwm2m-shell itself (config, state, cache)."""
    from .config.paths import cache_dir, config_dir, state_dir

    return (config_dir(), state_dir(), cache_dir())


def _root_of(path: Path) -> Path | None:
    for root in our_roots():
        if path == root or path.is_relative_to(root):
            return root
    return None


def _describe_open_error(path: Path, error: OSError, dir_fd: int) -> OSError:
    if error.errno in (errno.ELOOP, errno.ENOTDIR):
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.stat(path.name, dir_fd=dir_fd, follow_symlinks=False).st_mode):
                return UnsafePath(path, "it is a symbolic link")
    if error.errno == errno.ELOOP:
        return UnsafePath(path, "it is a symbolic link")
    if error.errno == errno.ENOTDIR:
        return UnsafePath(path, "it is not a directory")
    if error.errno == errno.ENXIO:
        return UnsafePath(path, "it is not a regular file")
    return error


def _check_owner_and_mode(fd: int, path: Path, *, directory: bool) -> None:
    info = os.fstat(fd)
    if directory and not stat.S_ISDIR(info.st_mode):
        raise UnsafePath(path, "it is not a directory")
    if not directory and not stat.S_ISREG(info.st_mode):
        raise UnsafePath(path, "it is not a regular file")
    if info.st_uid != os.geteuid():
        raise UnsafePath(path, f"it belongs to user {_user_name(info.st_uid)}, not to you")
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o022:
        fix = "700" if directory else "600"
        raise UnsafePath(path, f"other users may write to it (mode {mode:04o}; chmod {fix} it)")
    if not directory and info.st_nlink > 1:
        raise UnsafePath(path, f"it has {info.st_nlink} hard links (another name for some file)")
    wanted = PRIVATE_DIR_MODE if directory else PRIVATE_FILE_MODE
    if mode & 0o077:
        os.fchmod(fd, wanted)  # the open object: never a path that may have been swapped


def _user_name(uid: int) -> str:
    try:
        import pwd

        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except (ImportError, KeyError):
        return f"uid {uid}"


def _make_parents(folder: Path) -> None:
    """Create ``folder`` and its missing parents 0700 (the XDG spec's mode), checking nothing:
    the XDG base directories are the user's to choose."""
    missing: list[Path] = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir(mode=PRIVATE_DIR_MODE)


def open_dir(path: Path) -> int:
    """A descriptor of directory ``path``, created (0700) if missing.

    Under our own directories every component from lwm2m-shell's own folder down is opened
    without following symlinks and checked (owner, mode); a folder outside them (that of
    ``--log-file ./x.log``) is only created. The caller closes the descriptor.
    """
    root = _root_of(path)
    if root is None:
        _make_parents(path)
        return os.open(path, _DIR_FLAGS)
    _make_parents(root.parent)
    fd = os.open(root.parent, _DIR_FLAGS)
    shown = root.parent
    try:
        for part in (root.name, *path.relative_to(root).parts):
            shown = shown / part
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, PRIVATE_DIR_MODE, dir_fd=fd)
            try:
                child = os.open(part, _DIR_FLAGS | _NOFOLLOW, dir_fd=fd)
            except OSError as error:
                raise _describe_open_error(shown, error, fd) from None
            os.close(fd)
            fd = child
            _check_owner_and_mode(fd, shown, directory=True)
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def private_dir(path: Path) -> Iterator[int]:
    fd = open_dir(path)
    try:
        yield fd
    finally:
        os.close(fd)


def open_file(path: Path, flags: int, *, create: bool = False) -> int:
    """A checked descriptor of file ``path`` (``flags``: ``os.O_RDONLY``, ``os.O_WRONLY |
    os.O_APPEND`` ...), created 0600 when ``create``. Raises FileNotFoundError when it is
    missing and not created, ``UnsafePath`` when it must not be used."""
    with private_dir(path.parent) as dir_fd:
        return open_in(dir_fd, path, flags, create=create)


def open_in(dir_fd: int, path: Path, flags: int, *, create: bool = False) -> int:
    """Like ``open_file`` for ``path.name`` in the already checked directory ``dir_fd``."""
    more = os.O_CREAT if create else 0
    try:
        fd = os.open(
            path.name, flags | more | _NOFOLLOW | _NONBLOCK | os.O_CLOEXEC, 0o600, dir_fd=dir_fd
        )
    except OSError as error:
        raise _describe_open_error(path, error, dir_fd) from None
    try:
        _check_owner_and_mode(fd, path, directory=False)
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def ensure_file(path: Path) -> Path:
    """Create ``path`` (0600) if missing and check that it may be used; UnsafePath if not."""
    os.close(open_file(path, os.O_WRONLY | os.O_APPEND, create=True))
    return path


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The content of our file ``path`` (at most ``limit`` bytes when given)."""
    fd = open_file(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as handle:
        return handle.read() if limit is None else handle.read(limit)


def append(path: Path, data: bytes) -> None:
    """Append ``data`` to our file ``path`` (created 0600) in one write: O_APPEND keeps
    records of two shells writing at once whole."""
    fd = open_file(path, os.O_WRONLY | os.O_APPEND, create=True)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace our file ``path`` with ``data``: temporary file, fsync, rename, all inside the
    checked directory. A crash leaves the old file or the new one, never a torn mix."""
    with private_dir(path.parent) as dir_fd:
        sweep_temporaries(dir_fd)
        _refuse_unsafe_target(dir_fd, path)
        temp = f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | os.O_CLOEXEC
        fd = os.open(temp, flags, PRIVATE_FILE_MODE, dir_fd=dir_fd)
        try:
            try:
                os.fchmod(fd, PRIVATE_FILE_MODE)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, path.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=dir_fd)
            raise
        with contextlib.suppress(OSError):  # the rename itself survives a power cut
            os.fsync(dir_fd)


def _refuse_unsafe_target(dir_fd: int, path: Path) -> None:
    try:
        info = os.stat(path.name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePath(path, "it is a symbolic link")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePath(path, "it is not a regular file")
    if info.st_uid != os.geteuid():
        raise UnsafePath(path, f"it belongs to user {_user_name(info.st_uid)}, not to you")


def remove(path: Path) -> None:
    """Remove our file ``path`` (a missing one is fine); only inside a checked directory."""
    with private_dir(path.parent) as dir_fd, contextlib.suppress(FileNotFoundError):
        os.unlink(path.name, dir_fd=dir_fd)


def sweep_temporaries(dir_fd: int, now: float | None = None) -> list[str]:
    """Remove temporary files of ours that a killed process left in ``dir_fd``; their names."""
    now = time.time() if now is None else now
    swept: list[str] = []
    for entry in os.scandir(dir_fd):
        if not entry.name.endswith(".tmp") or not entry.name.startswith("."):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            continue
        if not _is_stale(entry.name, info.st_mtime, now):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.name, dir_fd=dir_fd)
            swept.append(entry.name)
    return swept


def _is_stale(name: str, mtime: float, now: float) -> bool:
    if now - mtime > STALE_AFTER:
        return bool(_TEMP.match(name) or _OLD_TEMP.match(name))
    found = _TEMP.match(name)
    if not found:
        return False
    pid = int(found.group("pid"))
    return pid != os.getpid() and not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    except OverflowError:
        return False
    return True


def sweep(path: Path) -> list[str]:
    """Sweep the stale temporaries of our directory ``path`` (nothing when it is unusable)."""
    try:
        with private_dir(path) as dir_fd:
            return sweep_temporaries(dir_fd)
    except OSError:
        return []
