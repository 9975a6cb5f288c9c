"""The report picks findings by key, never by position, and never edits a finished sentence.

A source scan of ``survey/report``: a section may not index or slice what ``.findings(...)``
returns (``res.findings(lang)[:3]``, or a name bound to it), may not call ``.replace(`` on a
findings sentence, and may not call a relabelling helper on sentences. It selects sentences with
``ctx.findings(result, "topic.key", ...)`` instead, which renders the result's ``Finding`` objects
with labels resolved at render time.

``NOT_YET_MIGRATED`` lists the sections whose results still return sentences only (old-style
``findings(lang, style)``); it only shrinks: moving a result to keyed findings removes its line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPORT = Path(__file__).resolve().parents[2] / "survey" / "report"

# (module, function): the result whose sentences it still picks by position
NOT_YET_MIGRATED = {
    ("sections_battery", "common_method_bias"): "CommonMethodBiasResult",
    ("sections_battery", "_one_item"): "MultipleResponseResult",
    ("sections_interviews", "_incidents"): "CriticalIncidentResult",
    ("sections_process", "process"): "ProcessResult",
    ("weighting", "weighting_note"): "WeightingResult",
    ("sections_invariance", "invariance"): "InvarianceResult",
    ("sections_open_ended", "_coded"): "AgreementResult",
    ("sections_policy", "policy_documents"): "PolicyMatrixResult",
    ("sections_policy", "_agreement"): "AgreementResult",
}


def _is_findings_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "findings"


def violations(source: str) -> list[tuple[str, int, str]]:
    """(function, line, what) for each positional pick or sentence edit in ``source``."""
    tree = ast.parse(source)
    found = []
    for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        sentences, lists = set(), set()  # names bound to one findings sentence / to a findings list
        for node in ast.walk(func):
            if isinstance(node, ast.Assign) and _is_findings_call(node.value):
                lists.update(t.id for t in node.targets if isinstance(t, ast.Name))
            if isinstance(node, (ast.For, ast.comprehension)) and (_is_findings_call(node.iter) or
                                                                  (isinstance(node.iter, ast.Subscript) and _is_findings_call(node.iter.value))):
                if isinstance(node.target, ast.Name):
                    sentences.add(node.target.id)
        for node in ast.walk(func):
            if isinstance(node, ast.Subscript) and (_is_findings_call(node.value) or (isinstance(node.value, ast.Name) and node.value.id in lists)):
                found.append((func.name, node.lineno, "findings picked by position"))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace":
                receiver = node.func.value
                if (isinstance(receiver, ast.Name) and receiver.id in sentences) or isinstance(receiver, ast.Subscript) and _is_findings_call(receiver.value):
                    found.append((func.name, node.lineno, ".replace( on a findings sentence"))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_relabel":
                found.append((func.name, node.lineno, "sentences relabelled after rendering"))
    return found


@pytest.mark.parametrize("path", sorted(REPORT.glob("*.py")), ids=lambda p: p.stem)
def test_sections_pick_findings_by_key(path):
    bad = [(f, line, what) for f, line, what in violations(path.read_text(encoding="utf-8")) if (path.stem, f) not in NOT_YET_MIGRATED]
    assert not bad, f"{path.name}: select findings with ctx.findings(result, 'topic.key', ...) instead: {bad}"


def test_allow_list_names_only_places_that_still_need_it():
    """A line left in NOT_YET_MIGRATED after its section moved to keys would hide a regression."""
    stale = []
    for module, function in NOT_YET_MIGRATED:
        found = violations((REPORT / f"{module}.py").read_text(encoding="utf-8"))
        if not any(f == function for f, _, _ in found):
            stale.append((module, function))
    assert not stale, f"remove these from NOT_YET_MIGRATED, they pick by key now: {stale}"


def test_the_scan_sees_each_pattern():
    source = '''
def a(ctx, res):
    ctx.paras(res.findings(ctx.lang)[:2])
def b(ctx, res):
    said = res.findings(ctx.lang)
    ctx.paras([said[0], *said[2:]])
def c(ctx, res, outcome):
    ctx.paras([s.replace(outcome, ctx.label(outcome)) for s in res.findings(ctx.lang)[:3]])
def d(ctx, res, keys):
    ctx.paras(_relabel(ctx, res.findings(ctx.lang), keys))
def e(ctx, res):
    ctx.paras(ctx.findings(res, "groups.significant"))
'''
    found = violations(source)
    assert {f for f, _, _ in found} == {"a", "b", "c", "d"}
    assert ("c", 8, ".replace( on a findings sentence") in found and ("d", 10, "sentences relabelled after rendering") in found
