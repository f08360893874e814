"""``private_files``: our folders and files are checked on the open descriptor, written
atomically, and never reached through a symlink, a hard link, a FIFO or someone else's folder."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from prompt_toolkit.history import FileHistory

from lwm2m_shell import private_files
from lwm2m_shell.catalogue import Device, Snapshot, cache
from lwm2m_shell.config.paths import cache_dir, state_dir, strip_userinfo, tenant_key
from lwm2m_shell.private_files import UnsafePath
from lwm2m_shell.ui.history import PrivateFileHistory


@pytest.fixture
def ours() -> Path:
    """A folder of ours: the shell's state folder of this test's private XDG home."""
    return state_dir() / "history"


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_folders_are_0700_and_files_0600_even_with_a_lax_umask(ours: Path) -> None:
    old = os.umask(0)
    try:
        private_files.write_atomic(ours / "a.json", b"{}")
        private_files.append(ours / "b.history", b"+x\n")
    finally:
        os.umask(old)
    assert mode(state_dir()) == mode(ours) == 0o700
    assert mode(ours / "a.json") == mode(ours / "b.history") == 0o600
    assert (ours / "a.json").read_bytes() == b"{}"


def test_a_folder_of_ours_readable_by_others_is_tightened(ours: Path) -> None:
    ours.mkdir(parents=True)
    ours.chmod(0o755)
    private_files.ensure_file(ours / "x")
    assert mode(ours) == 0o700


def test_a_folder_of_ours_writable_by_others_is_refused(ours: Path) -> None:
    ours.mkdir(parents=True)
    ours.chmod(0o777)
    with pytest.raises(UnsafePath, match=r"other users may write to it \(mode 0777; chmod 700"):
        private_files.ensure_file(ours / "x")
    assert not (ours / "x").exists()


def test_a_symlinked_folder_on_the_way_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache_dir().mkdir(parents=True)
    (cache_dir() / "catalogue").symlink_to(elsewhere)
    with pytest.raises(UnsafePath, match="catalogue: it is a symbolic link"):
        private_files.write_atomic(cache_dir() / "catalogue" / "c.json", b"{}")
    assert list(elsewhere.iterdir()) == []


def test_a_folder_of_another_user_is_refused(ours: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user")
    ours.mkdir(parents=True, mode=0o700)
    os.chown(ours, 65534, 65534)
    with pytest.raises(UnsafePath, match=r"it belongs to user nobody \(uid 65534\), not to you"):
        private_files.read_bytes(ours / "x")


def test_a_symlinked_file_is_neither_read_nor_written(ours: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep me")
    victim.chmod(0o644)
    ours.mkdir(parents=True)
    link = ours / "h.history"
    link.symlink_to(victim)
    for action in (
        lambda: private_files.read_bytes(link),
        lambda: private_files.append(link, b"+x\n"),
        lambda: private_files.write_atomic(link, b"x"),
        lambda: private_files.ensure_file(link),
    ):
        with pytest.raises(UnsafePath, match="it is a symbolic link"):
            action()
    assert victim.read_bytes() == b"keep me" and mode(victim) == 0o644
    assert link.is_symlink()


def test_a_dangling_symlink_is_not_created_through(ours: Path, tmp_path: Path) -> None:
    ours.mkdir(parents=True)
    (ours / "h.history").symlink_to(tmp_path / "would-be-created")
    with pytest.raises(UnsafePath):
        private_files.append(ours / "h.history", b"+x\n")
    assert not (tmp_path / "would-be-created").exists()


def test_a_hard_link_to_another_file_is_refused(ours: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep me")
    victim.chmod(0o644)
    ours.mkdir(parents=True)
    os.link(victim, ours / "h.history")
    with pytest.raises(UnsafePath, match="2 hard links"):
        private_files.append(ours / "h.history", b"+x\n")
    assert victim.read_bytes() == b"keep me" and mode(victim) == 0o644


@pytest.mark.parametrize("flags", [os.O_RDONLY, os.O_WRONLY | os.O_APPEND])
def test_a_fifo_is_refused_without_hanging(ours: Path, flags: int) -> None:
    ours.mkdir(parents=True)
    os.mkfifo(ours / "h.history", 0o600)
    with pytest.raises(UnsafePath, match="not a regular file"):
        private_files.open_file(ours / "h.history", flags)


def test_a_file_writable_by_others_is_refused_readable_is_tightened(ours: Path) -> None:
    ours.mkdir(parents=True)
    loose = ours / "loose"
    loose.write_bytes(b"x")
    loose.chmod(0o644)
    assert private_files.read_bytes(loose) == b"x"
    assert mode(loose) == 0o600
    loose.chmod(0o666)
    with pytest.raises(UnsafePath, match="other users may write to it"):
        private_files.read_bytes(loose)


def test_a_file_outside_our_folders_is_checked_too(tmp_path: Path) -> None:
    """``--log-file ./x.log``: its folder is the user's, the file itself is still checked."""
    target = tmp_path / "t"
    target.write_bytes(b"")
    (tmp_path / "x.log").symlink_to(target)
    with pytest.raises(UnsafePath, match="symbolic link"):
        private_files.append(tmp_path / "x.log", b"line\n")
    private_files.append(tmp_path / "y.log", b"line\n")
    assert mode(tmp_path / "y.log") == 0o600


# -- atomic writes and stale temporaries ------------------------------------------------------


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_stale_temporaries_are_swept_live_ones_kept(ours: Path) -> None:
    ours.mkdir(parents=True)
    dead = ours / f".c.json.{dead_pid()}.0123abcd.tmp"
    live = ours / f".c.json.{os.getppid()}.0123abcd.tmp"
    old_style = ours / ".c.json.k2j_x9aq.tmp"  # mkstemp name of an earlier version
    unrelated = ours / ".notes.tmp"
    for path in (dead, live, old_style, unrelated):
        path.write_bytes(b"partial")
    hour_ago = time.time() - 2 * private_files.STALE_AFTER
    os.utime(old_style, (hour_ago, hour_ago))
    private_files.write_atomic(ours / "c.json", b"{}")  # a write sweeps its folder first
    names = sorted(p.name for p in ours.iterdir())
    assert names == sorted([live.name, unrelated.name, "c.json"])


def test_write_atomic_leaves_no_temporary_and_replaces_whole(ours: Path) -> None:
    private_files.write_atomic(ours / "c.json", b"old")
    private_files.write_atomic(ours / "c.json", b"new content")
    assert [p.name for p in ours.iterdir()] == ["c.json"]
    assert (ours / "c.json").read_bytes() == b"new content"


# -- names and content derived from URLs ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("https://alice:secret@example.com/x", "https://example.com/x"),
        ("alice@example.com", "example.com"),
        ("http://h:8080?next=a@b", "http://h:8080?next=a@b"),
        ("https://example.com/a@b", "https://example.com/a@b"),
    ],
)
def test_strip_userinfo(url: str, clean: str) -> None:
    assert strip_userinfo(url) == clean


def test_file_names_never_hold_a_url_secret() -> None:
    key = tenant_key("https://admin:s3cret@example.com", "t1")
    assert "s3cret" not in key and "admin" not in key
    assert key == tenant_key("https://example.com", "t1")


def test_cache_url_field_never_holds_a_secret() -> None:
    path = cache.cache_path("https://example.com", "t1")
    snap = Snapshot.from_devices([Device(id="1", name="n", type="t")], fetched_at=1.0)
    cache.save(path, snap, url="https://u:s3cret@example.com", tenant="t1", endpoint_types=())
    assert b"s3cret" not in path.read_bytes()
    document = cache.load(path)
    assert document is not None and document.url == "https://example.com"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"ids": ["1", "x2"]}, "a device ID is not a number"),
        ({"ids": ["1", "1"]}, "a device ID appears twice"),
        ({"url": "https://u:p@example.com"}, "the URL holds a user name"),
    ],
)
def test_cache_content_is_checked(change: dict[str, object], why: str) -> None:
    import json

    path = cache.cache_path("https://example.com", "t1")
    snap = Snapshot.from_devices(
        [Device(id="1", name="a", type="t"), Device(id="2", name="b", type="t")], fetched_at=1.0
    )
    cache.save(path, snap, url="https://example.com", tenant="t1", endpoint_types=())
    document = json.loads(path.read_bytes())
    document.update(change)
    private_files.write_atomic(path, json.dumps(document).encode())
    with pytest.raises(cache.CacheError, match=why):
        cache.load(path)


# -- history --------------------------------------------------------------------------------


def test_history_file_format_is_prompt_toolkits(ours: Path) -> None:
    path = ours / "t.history"
    ours.mkdir(parents=True)
    theirs = FileHistory(str(path))
    theirs.store_string("first")
    ours_history = PrivateFileHistory(path)
    ours_history.store_string("second\nline two")
    ours_history.store_string("with \r inside")
    assert list(ours_history.load_history_strings()) == [
        "with \r inside",
        "second\nline two",
        "first",
    ]
    assert list(FileHistory(str(path)).load_history_strings()) == [
        "with \r inside",
        "second\nline two",
        "first",
    ]
    assert mode(path) == 0o600


@pytest.mark.parametrize("line", ["424242", " 12345678 ", "0000"])
def test_a_tfa_code_typed_at_the_prompt_is_never_written(ours: Path, line: str) -> None:
    path = ours / "t.history"
    history = PrivateFileHistory(path)
    history.store_string("help")
    history.store_string(line)
    history.store_string("invalidateRegistrationById F7DqjmW3Yy")
    assert list(history.load_history_strings()) == ["invalidateRegistrationById F7DqjmW3Yy", "help"]
    assert line.strip() not in path.read_text()


@pytest.mark.parametrize(
    "line", ["123", "12345678901", ".status 12345", "migrateLwm2mDevices -d 1111"]
)
def test_other_lines_with_digits_are_kept(ours: Path, line: str) -> None:
    history = PrivateFileHistory(ours / "t.history")
    history.store_string(line)
    assert list(history.load_history_strings()) == [line]
