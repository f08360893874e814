"""Running a benchmark step against another version of the package ("before"), in one run.

``before_tree`` extracts ``lwm2m_shell/`` of a git revision (by default where this branch left
``main``) into a temporary directory; ``run_child`` runs this directory's bench scripts in a
child process whose ``import lwm2m_shell`` finds that copy first (``PYTHONPATH`` comes before
the editable install). Both versions then measure the same data on the same loaded machine, so
their ratio means something even when single figures are noisy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def base_revision() -> str:
    """Where this branch left main (the figures' "before")."""
    answer = subprocess.run(
        ["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return answer.stdout.strip()


@contextmanager
def before_tree(revision: str | None = None) -> Iterator[tuple[str, Path]]:
    """(revision, directory holding that revision's ``lwm2m_shell`` package)."""
    revision = revision or base_revision()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "lwm2m_shell"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="lwm2m-before-") as directory:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(directory, filter="data")
        yield revision[:10], Path(directory)


def run_child(script: str, tree: Path | None, arguments: dict[str, Any]) -> dict[str, Any]:
    """Run ``script --child JSON`` with ``tree`` first on the path (None: this checkout);
    return the JSON object it prints last."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (tree or ROOT, ROOT) if p)
    answer = subprocess.run(
        [sys.executable, str(HERE / script), "--child", json.dumps(arguments)],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if answer.returncode != 0:
        raise RuntimeError(f"{script} child failed:\n{answer.stderr[-3000:]}")
    return dict(json.loads(answer.stdout.strip().splitlines()[-1]))
