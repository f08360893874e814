"""The committed completion scripts and man page are exactly what the generators produce now."""

from __future__ import annotations

from pathlib import Path

import pytest

from lwm2m_shell.cli import build_parser
from lwm2m_shell.docgen import completions as shell_completions
from lwm2m_shell.docgen import manpage

from .shells import COMPLETIONS, REPO

STALE = "{path} is out of date with the code: regenerate it with `{command}` and commit it"


@pytest.mark.parametrize("shell", shell_completions.SHELLS)
def test_committed_completion_script_is_current(shell: str) -> None:
    path = COMPLETIONS / shell_completions.SCRIPT_NAMES[shell]
    assert path.is_file(), STALE.format(path=path, command=shell_completions.REGENERATE)
    assert path.read_text(encoding="utf-8") == shell_completions.render(shell), STALE.format(
        path=path.relative_to(REPO), command=shell_completions.REGENERATE
    )


def test_committed_man_page_is_current() -> None:
    path = REPO / "man" / "lwm2m-shell.1"
    assert path.is_file(), STALE.format(path=path, command=manpage.REGENERATE)
    assert path.read_text(encoding="utf-8") == manpage.render(), STALE.format(
        path=path.relative_to(REPO), command=manpage.REGENERATE
    )


def test_write_produces_the_committed_files(tmp_path: Path) -> None:
    assert shell_completions.main(["--write", str(tmp_path / "completions")]) == 0
    assert manpage.main(["--write", str(tmp_path / "man" / "lwm2m-shell.1")]) == 0
    for name in shell_completions.SCRIPT_NAMES.values():
        assert (tmp_path / "completions" / name).read_bytes() == (COMPLETIONS / name).read_bytes()
    page = (tmp_path / "man" / "lwm2m-shell.1").read_bytes()
    assert page == (REPO / "man" / "lwm2m-shell.1").read_bytes()


def test_the_cli_offers_exactly_the_shells_there_are_scripts_for() -> None:
    action = build_parser()._option_string_actions["--completions"]
    assert tuple(action.choices or ()) == shell_completions.SHELLS


def test_a_shell_without_a_script_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="tcsh"):
        shell_completions.render("tcsh")


def test_option_kinds_follow_the_parser() -> None:
    kinds = {s: o.kind for o in shell_completions.cli_options() for s in o.spellings}
    kind = shell_completions.ValueKind
    assert kinds["--output"] is kind.CHOICES
    assert kinds["--completions"] is kind.CHOICES
    assert kinds["-c"] is kinds["--command"] is kind.COMMAND
    assert kinds["-f"] is kinds["--log-file"] is kinds["--ca-bundle"] is kind.FILE
    assert kinds["--url"] is kind.FREE
    assert kinds["--demo"] is kinds["--help"] is kind.NONE
    assert "--list-profiles" not in kinds
