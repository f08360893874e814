"""No module of config/ or connection/ sits on an import circle, counting every import: at the
top, inside functions (imported late to keep start-up light) and under TYPE_CHECKING."""

from __future__ import annotations

import ast
from pathlib import Path

import lwm2m_shell

PACKAGE = Path(lwm2m_shell.__file__).parent
OWNED = ("lwm2m_shell.config", "lwm2m_shell.connection")


def module_files() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package that ``name`` imports (``from . import x`` counts as x)."""
    base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            start = base[: len(base) - node.level + 1] if node.level else []
            module = ".".join([*start, *([node.module] if node.module else [])])
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(target for target in targets if target in known and target != name)
    return found


def circle_through(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A path of imports from ``start`` back to itself, or None."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        current, path = stack.pop()
        for target in sorted(graph[current]):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def import_graph() -> dict[str, set[str]]:
    files = module_files()
    return {name: imports_of(name, path, set(files)) for name, path in files.items()}


def test_the_import_graph_is_read() -> None:
    """The check itself works: known edges are found, lazy and TYPE_CHECKING ones included."""
    graph = import_graph()
    assert "lwm2m_shell.config.toml_lines" in graph["lwm2m_shell.config.profile_schema"]
    assert "lwm2m_shell.config.profile_schema" in graph["lwm2m_shell.config.profiles"]  # lazy
    assert "lwm2m_shell.connection.identity" in graph["lwm2m_shell.connection.login_flow"]
    cycle = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert circle_through("a", cycle) == ["a", "b", "c", "a"]
    assert circle_through("a", {"a": {"b"}, "b": set()}) is None


def test_no_circle_runs_through_config_or_connection() -> None:
    graph = import_graph()
    circles = [
        " -> ".join(found)
        for name in sorted(graph)
        if name.startswith(OWNED) and (found := circle_through(name, graph)) is not None
    ]
    assert circles == []
