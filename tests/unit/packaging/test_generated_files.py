"""The committed completion scripts and man page are exactly what ``python -m lwm2m_shell.docgen``
generates now, and that one command writes and checks them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lwm2m_shell.cli import build_parser
from lwm2m_shell.docgen import completions
from lwm2m_shell.docgen.__main__ import COMPLETIONS as COMPLETIONS_DIR
from lwm2m_shell.docgen.__main__ import MAN_PAGE, documents, main
from lwm2m_shell.docgen.options import REGENERATE, ValueKind, cli_options

from .shells import REPO


def docgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m lwm2m_shell.docgen ARGS``, run in ``cwd`` as a developer or CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "lwm2m_shell.docgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_committed_files_are_current(tmp_path: Path) -> None:
    # Run elsewhere: without --root it checks the checkout the package comes from.
    done = docgen("--check", cwd=tmp_path)
    assert done.returncode == 0, f"{done.stderr}(regenerate with `{REGENERATE}` and commit)"
    assert (done.stdout, done.stderr) == ("", "")


def test_every_generated_file_is_committed_and_installed() -> None:
    wanted = documents(build_parser())
    assert set(wanted) == {
        *(COMPLETIONS_DIR / name for name in completions.SCRIPT_NAMES.values()),
        MAN_PAGE,
    }
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for relative in wanted:
        assert (REPO / relative).is_file(), relative
        assert f'"{relative.as_posix()}"' in pyproject, f"{relative} is not in data-files"


def test_writing_into_an_empty_tree_gives_the_committed_files(tmp_path: Path) -> None:
    done = docgen("--root", str(tmp_path), cwd=REPO)
    assert done.returncode == 0, done.stderr
    wanted = documents(build_parser())
    assert sorted(done.stdout.splitlines()) == sorted(f"wrote {path}" for path in wanted)
    for relative in wanted:
        assert (tmp_path / relative).read_bytes() == (REPO / relative).read_bytes(), relative
    again = docgen("--root", str(tmp_path), cwd=REPO)  # nothing changed: nothing rewritten
    assert (again.returncode, again.stdout) == (0, "")


def test_check_names_each_stale_or_missing_file_and_writes_nothing(tmp_path: Path) -> None:
    assert main(["--root", str(tmp_path)]) == 0
    script = tmp_path / COMPLETIONS_DIR / completions.SCRIPT_NAMES["fish"]
    script.write_text(script.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    (tmp_path / MAN_PAGE).unlink()
    done = docgen("--check", "--root", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    stale = done.stderr.splitlines()
    assert stale == [
        f"{COMPLETIONS_DIR / completions.SCRIPT_NAMES['fish']} is out of date: run `{REGENERATE}`",
        f"{MAN_PAGE} is out of date: run `{REGENERATE}`",
    ]
    assert not (tmp_path / MAN_PAGE).exists()
    assert script.read_text(encoding="utf-8").endswith("# edited by hand\n")


def test_the_cli_offers_exactly_the_shells_there_are_scripts_for() -> None:
    action = build_parser()._option_string_actions["--completions"]
    assert tuple(action.choices or ()) == completions.SHELLS


def test_a_shell_without_a_script_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="tcsh"):
        completions.render("tcsh", build_parser())


def test_option_kinds_follow_the_parser() -> None:
    kinds = {s: o.kind for o in cli_options(build_parser()) for s in o.spellings}
    assert kinds["--output"] is ValueKind.CHOICES
    assert kinds["--completions"] is ValueKind.CHOICES
    assert kinds["-c"] is kinds["--command"] is ValueKind.COMMAND
    assert kinds["-f"] is kinds["--log-file"] is kinds["--ca-bundle"] is ValueKind.FILE
    assert kinds["--url"] is ValueKind.FREE
    assert kinds["--demo"] is kinds["--help"] is ValueKind.NONE
    assert "--list-profiles" not in kinds


def test_the_generators_take_the_parser_they_are_given() -> None:
    parser = build_parser()
    parser.add_argument("--brand-new", metavar="FILE", help="an option added for this test")
    for shell in completions.SHELLS:
        assert "brand-new" in completions.render(shell, parser)
        assert "brand-new" not in completions.render(shell, build_parser())
    page = documents(parser)[MAN_PAGE]
    assert "brand\\-new" in page and "an option added for this test" in page.lower()
