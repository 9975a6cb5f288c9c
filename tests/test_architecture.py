"""Layers import one way, and no two modules import each other.

Every import counts, at module level and inside functions alike: a lower layer never imports a
higher one, except the few function-level imports listed in ``UPWARD_ALLOWED`` (each with its
reason). The graph of module-to-module imports has no cycle. docs/architecture.md draws the same
layers as ``RANK``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "survey"

# rank of each layer; a module may import only from layers of equal or lower rank
RANK = {
    "errors": 0, "_result": 0, "_checks": 0, "_bootstrap": 0,
    "schema": 1,
    "findings": 1, "figures": 1,
    "prep": 2, "responses": 2,
    "io": 3, "draft": 3,
    # engines: sufficient statistics from memory, DuckDB or Dask; the statistics (layer 4) read
    # them, and they read only the error family and Responses' layer below
    "engines": 3,
    "stats": 4, "models": 5, "interviews": 4,
    "datasets": 6,
    "report": 7, "cli": 8, "__init__": 9,
}

# (importing module, imported layer): why a function inside it may reach up. Keep this short.
UPWARD_ALLOWED: dict[tuple[str, str], str] = {
    ("survey.report.manifest", "__init__"): "reads the package's __version__ (a constant) for the manifest",
}

# Cycles still to be broken (module names); the list only shrinks.
KNOWN_CYCLES: list[set[str]] = []

MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


def _name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {_name(p): p for p in MODULES}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, inside a function?) for every ``survey`` import in the file, resolved to a
    module where the name imported is one, else to the package or module named in the statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    in_function = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_function.update(id(n) for n in ast.walk(node) if n is not node)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("survey"):
                continue
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in NAMES]
            for t in subs or [target]:
                found.append((t, id(node) in in_function))
        elif isinstance(node, ast.Import):
            found.extend((a.name, id(node) in in_function) for a in node.names if a.name.startswith("survey"))
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_lower_layers_do_not_import_higher_ones(path):
    module = _name(path)
    layer = _layer(module)
    if layer not in RANK:
        pytest.fail(f"module {module} is in no known layer; add it to RANK")
    upward = sorted(
        {
            (target, "in a function" if inside else "at module level")
            for target, inside in _imports(path)
            if _layer(target) in RANK and RANK[_layer(target)] > RANK[layer]
            and not (inside and (module, _layer(target)) in UPWARD_ALLOWED)
        }
    )
    assert not upward, f"{module} ({layer}) imports higher layers: {upward}"


def _cycles() -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan), package __init__s left out:
    they re-export, and importing a package's name is not depending on its every module."""
    packages = {n for n, p in NAMES.items() if p.name == "__init__.py"}
    graph = {
        n: {t for t, _ in _imports(NAMES[n]) if t in NAMES and t not in packages and t != n}
        for n in NAMES if n not in packages
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    new = [c for c in _cycles() if c not in KNOWN_CYCLES]
    assert not new, f"modules that import each other: {[sorted(c) for c in new]}"


def test_known_cycles_are_still_cycles():
    """Once a listed cycle is broken, take it off KNOWN_CYCLES so that it cannot come back."""
    current = _cycles()
    assert [c for c in KNOWN_CYCLES if c not in current] == []


def test_docs_draw_the_same_layers():
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for layer, rank in RANK.items():
        if layer in ("__init__",):
            continue
        shown = (f"`{layer}/`",) if (PACKAGE / layer).is_dir() else (f"`{layer}`", f"`{layer}.py`")
        row = next((line for line in doc.splitlines() if line.startswith("|") and any(s in line for s in shown)), None)
        assert row is not None, f"docs/architecture.md does not place {shown}"
        first = row.split("|")[1].strip()
        assert str(rank) in first.replace("–", " ").split(), f"{shown}: docs say layer {first}, the test {rank}"
