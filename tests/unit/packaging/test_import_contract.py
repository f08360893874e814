"""The import-linter contracts of pyproject.toml hold, and they do catch what they forbid.

``lint-imports`` runs as CI runs it, on the installed package; then on a copy of the package
with one bad import added, to show that a new circle, an upward import or an import into the
command language fails the suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .shells import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PACKAGE = REPO / "lwm2m_shell"
LAYERS = "Layers: a package imports only the packages below it"
NO_CIRCLES = "No import circles, between packages or between the modules of one package"
PURE_LANGUAGE = "The command language imports nothing else of lwm2m-shell"
SIMULATOR_APART = "The simulated tenant shares no code with the client side"
ONLY_ENTRY_POINTS = "Only the entry points import cli"


def lint_imports(root: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the pyproject.toml of ``root``, run in ``root``."""
    program = Path(sys.executable).parent / "lint-imports"
    assert program.exists(), "lint-imports is not installed: pip install -e '.[test]'"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(program), "--no-cache", "--no-logo", "pyproject.toml"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_keeps_every_contract() -> None:
    done = lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
    for name in (LAYERS, NO_CIRCLES, PURE_LANGUAGE, SIMULATOR_APART, ONLY_ENTRY_POINTS):
        assert f"{name} KEPT" in done.stdout


def contract_layers() -> list[str]:
    """The layers of the layers contract, top first, each as "a | b"."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [contract["layers"] for contract in contracts if contract["type"] == "layers"]
    return [" | ".join(part.strip() for part in layer.split("|")) for layer in layers]


def documented_layers() -> list[str]:
    """The layers drawn under "The layers" of docs/architecture.md, top first, each as "a | b"."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    drawing = text.split("## The layers", 1)[1].split("```", 2)[1]
    found = [re.match(r"(\w+(?: +\| +\w+)*)  ", line) for line in drawing.splitlines()]
    names = [match.group(1) for match in found if match]
    return [" | ".join(part.strip() for part in layer.split("|")) for layer in names]


def test_the_architecture_document_draws_the_contracts_layers() -> None:
    assert documented_layers() == contract_layers()
    assert len(contract_layers()) >= 8


def copy_of_the_package(tmp_path: Path) -> Path:
    """The package and pyproject.toml copied into ``tmp_path`` (caches left out)."""
    shutil.copytree(PACKAGE, tmp_path / "lwm2m_shell", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


# (module to change, import added at its end, the contract that must break)
BAD_IMPORTS = [
    pytest.param("ui/lexer.py", "from . import completer", NO_CIRCLES, id="circle-inside-ui"),
    pytest.param(
        "live/announce.py", "from ..commands import runner", LAYERS, id="live-imports-commands"
    ),
    pytest.param("client/__init__.py", "from .. import ui", LAYERS, id="client-imports-ui"),
    pytest.param(
        "language/spec.py", "from ..output import safetext", PURE_LANGUAGE, id="impure-language"
    ),
    pytest.param(
        "simulator/api.py", "from ..client import errors", SIMULATOR_APART, id="simulator-client"
    ),
    pytest.param("modes/batch.py", "from .. import cli", ONLY_ENTRY_POINTS, id="modes-import-cli"),
]


@pytest.mark.parametrize(("module", "line", "contract"), BAD_IMPORTS)
def test_a_bad_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    root = copy_of_the_package(tmp_path)
    target = root / "lwm2m_shell" / module
    assert target.is_file(), target
    if module == "ui/lexer.py":  # a circle needs both directions: completer imports lexer
        completer = (root / "lwm2m_shell" / "ui" / "completer.py").read_text(encoding="utf-8")
        assert "from . import lexer" not in completer
        with (root / "lwm2m_shell" / "ui" / "completer.py").open("a", encoding="utf-8") as out:
            out.write("\nfrom . import lexer  # noqa\n")
    with target.open("a", encoding="utf-8") as out:
        out.write(f"\n{line}  # noqa\n")
    done = lint_imports(root, pythonpath=root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{contract} BROKEN" in done.stdout, done.stdout
    # The copy was checked (the installed package keeps every contract) and the report names
    # the module that was changed.
    changed = Path(module).parent.name if module.endswith("__init__.py") else Path(module).stem
    assert changed in done.stdout.split(f"{contract}\n", 1)[-1]


def test_a_top_level_module_without_a_layer_breaks_the_layers_contract(tmp_path: Path) -> None:
    root = copy_of_the_package(tmp_path)
    (root / "lwm2m_shell" / "stray.py").write_text('"""Placed nowhere."""\n', encoding="utf-8")
    done = lint_imports(root, pythonpath=root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{LAYERS} BROKEN" in done.stdout
    assert "lwm2m_shell.stray" in done.stdout
