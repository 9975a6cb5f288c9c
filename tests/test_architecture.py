"""Layers import one way: at module level, a lower layer never imports a higher one.

Imports inside functions are allowed to reach up (a result's ``.plot()`` calls into ``figures``;
a figure reads a label table from the model that made the result): they do not tie the layers
together at import time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "survey"

# rank of each layer; a module may import only from layers of equal or lower rank
RANK = {
    "errors": 0, "_result": 0, "_checks": 0,
    "schema": 1,
    "findings": 1, "figures": 1,
    "prep": 2, "responses": 2,
    "io": 3,
    "stats": 4, "models": 5, "interviews": 4,
    "datasets": 6,
    "report": 7, "cli": 8, "__init__": 9,
}


def _layer(module_path: Path) -> str:
    rel = module_path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imported_layers(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level > depth:  # reaches the package root
                    target = (node.module or "").split(".")[0]
                    if target:
                        found.add(target)
                    else:
                        found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("survey."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("survey."):
                    found.add(alias.name.split(".")[1])
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_lower_layers_do_not_import_higher_ones(path):
    layer = _layer(path)
    if layer not in RANK:
        pytest.fail(f"module {path.relative_to(PACKAGE)} is in no known layer; add it to RANK")
    upward = {t for t in _imported_layers(path) if t in RANK and RANK[t] > RANK[layer]}
    # figures draw results of stats/models/interviews, but only through objects passed in
    assert not upward, f"{path.relative_to(PACKAGE)} ({layer}) imports higher layers {sorted(upward)}"
