"""Screening that scales: the quality rules as SQL predicates, counted where the data lie.

``screen_counts`` gives, for the rules that have a predicate here, the number of rows each rule
excludes after the rules before it (the order of :data:`survey.prep.screening.RULE_ORDER`), i.e.
the counts of the ledger that :func:`survey.prep.screening.screen` writes on the same data:

- ``invalid``: a value of a scaled item that is neither a code of its scale nor a declared missing
  code;
- ``straightliner``: identical answers within every answered block (``scope="all"``, at least two
  blocks answered) or within any block (``"any"``), the blocks of
  :func:`survey.prep.quality.assess` (constructs, or matrix questions, of ≥ ``min_items`` Likert
  items).

Not here yet: duplicate ids and duplicate answers (a hash per row), speeders (the median duration),
partial completes and attention checks.
"""

from __future__ import annotations

import pandas as pd

from ..errors import AnalysisError
from ..prep.quality import DEFAULT_STRAIGHTLINE_MIN_ITEMS, _likert_blocks
from ..prep.screening import RULE_ORDER
from .sources import quoted

__all__ = ["screen_counts", "rule_predicates", "non_answers"]


def _codes(values) -> str:
    return ", ".join(repr(float(v)) for v in sorted(values))


def _invalid(q, columns) -> str | None:
    parts = []
    for item in q.items:
        scale = q.scale_of(item.id) if item.scale else None
        if scale is None or item.id not in columns:
            continue
        allowed = [*scale.labels, *scale.missing]
        c = quoted(item.id)
        parts.append(f"({c} IS NOT NULL AND CAST({c} AS DOUBLE) NOT IN ({_codes(allowed)}))")
    return " OR ".join(parts) if parts else None


def non_answers(q, columns) -> dict[str, str]:
    """``{column: SQL condition}``, true where a cell holds a value no statistic may average: a
    declared missing code, or a code of a scaled item that its scale does not have."""
    out = {}
    for item in q.items:
        if item.id not in columns:
            continue
        scale = q.scale_of(item.id) if item.scale else None
        c = f"TRY_CAST({quoted(item.id)} AS DOUBLE)"
        if scale is not None and scale.labels:
            out[item.id] = f"({c} IS NOT NULL AND {c} NOT IN ({_codes(scale.labels)}))"
        elif item.missing:
            out[item.id] = f"({c} IN ({_codes(item.missing)}))"
    return out


def _straightliner(q, columns, min_items: int, scope: str) -> str | None:
    blocks = _likert_blocks(q, columns, min_items)
    if not blocks:
        return None
    same, answered = [], []
    for cols in blocks.values():
        c = [quoted(x) for x in cols]
        complete = " AND ".join(f"{x} IS NOT NULL" for x in c)
        equal = " AND ".join(f"{c[0]} = {x}" for x in c[1:])
        answered.append(f"CAST(({complete}) AS INTEGER)")
        same.append(f"CAST(coalesce(({complete}) AND ({equal}), false) AS INTEGER)")
    n_same, n_answered = " + ".join(same), " + ".join(answered)
    if scope == "any":
        return f"({n_same}) > 0"
    return f"(({n_same}) = ({n_answered}) AND ({n_answered}) >= 2)"


def rule_predicates(q, columns, *, straightline_min_items: int = DEFAULT_STRAIGHTLINE_MIN_ITEMS,
                    straightline_scope: str = "all") -> dict[str, str]:
    """``{rule: SQL condition}`` for the rules that have one and apply to this questionnaire."""
    if straightline_scope not in ("all", "any"):
        raise AnalysisError(f"straightline_scope must be 'all' or 'any', got {straightline_scope!r}")
    found = {"invalid": _invalid(q, columns), "straightliner": _straightliner(q, columns, straightline_min_items, straightline_scope)}
    return {rule: sql for rule, sql in found.items() if sql is not None}


def screen_counts(lazy, questionnaire=None, *, invalid: bool = True, straightliner: bool = True,
                  straightline_min_items: int = DEFAULT_STRAIGHTLINE_MIN_ITEMS, straightline_scope: str = "all") -> pd.DataFrame:
    """Rows in, rows each rule excludes (after the earlier rules) and rows left: columns ``rule``, ``n``."""
    q = questionnaire if questionnaire is not None else lazy.questionnaire
    if q is None:
        raise AnalysisError("screen_counts needs the questionnaire (scan(..., questionnaire) or questionnaire=)")
    chosen = {"invalid": invalid, "straightliner": straightliner}
    predicates = rule_predicates(q, set(lazy.engine.columns), straightline_min_items=straightline_min_items,
                                 straightline_scope=straightline_scope)
    rows, earlier = [], []
    n_input = lazy.engine.n_rows()
    for rule in RULE_ORDER:
        if not chosen.get(rule) or rule not in predicates:
            continue
        condition = f"coalesce({predicates[rule]}, false)"
        before = " AND ".join(f"NOT coalesce({p}, false)" for p in earlier) or "TRUE"
        rows.append({"rule": rule, "n": lazy.engine.count_rows(f"({condition}) AND {before}")})
        earlier.append(predicates[rule])
    excluded = sum(r["n"] for r in rows)
    return pd.DataFrame([{"rule": "input", "n": n_input}, *rows, {"rule": "used", "n": n_input - excluded}])
