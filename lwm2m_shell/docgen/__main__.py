"""``python -m lwm2m_shell.docgen``: write the completion scripts and the man page, or check them.

It writes ``completions/`` and ``man/`` of the source checkout the package was imported from
(an editable install), else of the current directory, or of ``--root DIR``.
With ``--check`` it writes nothing and exits 1 naming every file that differs from what the
program generates now (the tests run it so).

The only module of the package that imports ``lwm2m_shell.cli``: it builds the parser there and
passes it to the generators, which never import ``cli`` themselves.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..cli import build_parser
from . import completions, manpage
from .options import REGENERATE

MAN_PAGE = Path("man") / "lwm2m-shell.1"
COMPLETIONS = Path("completions")


def default_root() -> Path:
    """The source checkout holding this package, if it is one; else the current directory."""
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "pyproject.toml").is_file() else Path()


def documents(parser: argparse.ArgumentParser) -> dict[Path, str]:
    """Every generated file, by its path relative to the repository root, and its text."""
    found = {
        COMPLETIONS / completions.SCRIPT_NAMES[shell]: completions.render(shell, parser)
        for shell in completions.SHELLS
    }
    found[MAN_PAGE] = manpage.render(parser)
    return found


def stale(root: Path, wanted: dict[Path, str]) -> list[Path]:
    """The files under ``root`` that are missing or differ from ``wanted``."""
    out_of_date = []
    for relative, text in wanted.items():
        path = root / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out_of_date.append(relative)
    return out_of_date


def write(root: Path, wanted: dict[Path, str]) -> list[Path]:
    """Write ``wanted`` under ``root``; return the files whose text changed."""
    changed = stale(root, wanted)
    for relative in changed:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[relative], encoding="utf-8")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=REGENERATE,
        description="Regenerate the completion scripts and the man page from the program.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help="the repository root to write into (default: the checkout of this package)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a generated file is missing or out of date",
    )
    args = parser.parse_args(argv)
    root: Path = args.root if args.root is not None else default_root()
    wanted = documents(build_parser())
    if args.check:
        out_of_date = stale(root, wanted)
        for relative in out_of_date:
            print(f"{relative} is out of date: run `{REGENERATE}`", file=sys.stderr)
        return 1 if out_of_date else 0
    for relative in write(root, wanted):
        print(f"wrote {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
