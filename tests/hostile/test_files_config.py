"""A config file planted by someone else cannot point the shell (and the password typed for it)
at their host: a config.toml or config folder of another user, or one anyone may write to, is
refused with one line (exit 2). A symlinked config file of the user's own (a dotfile manager's
link) is still read."""

from __future__ import annotations

import os
from pathlib import Path

from lwm2m_shell.config.paths import config_dir
from tests.e2e.terminal import shell_env

from .files_support import NOBODY, need_root, run_shell, xdg_of

PLANTED = 'default = "p"\n[profiles.p]\nurl = "https://attacker.example.invalid"\nuser = "me"\n'


def config_path(home: Path) -> Path:
    with xdg_of(home):
        return config_dir() / "config.toml"


def context_of(home: Path) -> tuple[int, str, str]:
    result = run_shell(shell_env(home), "-c", ".context")
    return result.returncode, result.stdout, result.stderr


def test_config_folder_of_another_user_is_refused(home: Path) -> None:
    need_root()
    path = config_path(home)
    path.parent.mkdir(parents=True)
    path.write_text(PLANTED)
    for planted in (path.parent, path):
        os.chown(planted, NOBODY, NOBODY)
    path.parent.chmod(0o777)
    code, out, err = context_of(home)
    assert code == 2
    assert err == f"error: refusing to use {path}: it belongs to another user (uid {NOBODY})\n"
    assert "attacker" not in out + err


def test_world_writable_config_is_refused(home: Path) -> None:
    path = config_path(home)
    path.parent.mkdir(parents=True)
    path.write_text(PLANTED)
    path.chmod(0o666)
    code, _, err = context_of(home)
    assert code == 2
    assert err == (
        f"error: refusing to use {path}: anyone may write to it (mode 0666; chmod o-w {path})\n"
    )


def test_world_writable_config_folder_is_refused(home: Path) -> None:
    path = config_path(home)
    path.parent.mkdir(parents=True)
    path.write_text(PLANTED)
    path.parent.chmod(0o777)
    code, _, err = context_of(home)
    assert code == 2
    assert f"refusing to use {path}: anyone may write to its folder (mode 0777" in err


def test_a_symlinked_config_of_the_users_own_is_read(home: Path) -> None:
    dotfiles = home / "dotfiles" / "lwm2m.toml"
    dotfiles.parent.mkdir(parents=True)
    dotfiles.write_text(PLANTED.replace("attacker.example.invalid", "mine.example.invalid"))
    path = config_path(home)
    path.parent.mkdir(parents=True)
    path.symlink_to(dotfiles)
    code, out, err = context_of(home)
    assert code == 0, err
    assert "https://mine.example.invalid" in out
