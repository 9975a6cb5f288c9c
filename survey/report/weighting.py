"""The plan's ``weights:``: read the population margins, weight the screened responses, and say so
in one sentence of the report."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..errors import PlanError, Problem
from ..schema.yaml_reader import read_yaml_file
from .context import Context
from .plan import Plan


def read_margins(path: Path) -> dict[str, dict]:
    """Margins from a YAML file ``{variable: {category: count}}`` or a CSV file with columns
    ``margin, category, count`` (categories kept as text; :func:`margins_for` matches them)."""
    if not path.is_file():
        raise PlanError(f"no margins file at {path}", [Problem(str(path), "file not found", "a YAML or CSV file of population margins")])
    if path.suffix.lower() == ".csv":
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        absent = [c for c in ("margin", "category", "count") if c not in table.columns]
        if absent:
            raise PlanError(f"{path.name}: margins file lacks columns {absent}", [Problem(path.name, f"columns {list(table.columns)}", "margin, category, count")])
        counts = pd.to_numeric(table["count"], errors="coerce")
        bad = [Problem(f"{path.name} line {i + 2}", f"count {v!r} is not a number") for i, v in enumerate(table["count"]) if pd.isna(counts[i])]
        if bad:
            raise PlanError(f"{path.name}: counts that are not numbers", bad)
        out: dict[str, dict] = {}
        for margin, category, count in zip(table["margin"], table["category"], counts):
            out.setdefault(margin, {})[category] = float(count)
        return out
    data, _, problems = read_yaml_file(path)
    if problems:
        raise PlanError(f"{path.name}: the margins file is not valid YAML", problems)
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise PlanError(f"{path.name}: margins must map each variable to {{category: count}}", [Problem(path.name, f"found {type(data).__name__}")])
    return data


def margins_for(margins: Mapping[str, Mapping], responses) -> dict[str, dict]:
    """The margins with each category as the responses hold it: a code for a coded item (given as
    the code, its text, or a label of the item's scale in any language), the text otherwise."""
    q = responses.questionnaire
    out = {}
    for var, targets in margins.items():
        column = responses.data[var] if var in responses.data.columns else responses.meta.get(var)
        numeric = column is not None and pd.api.types.is_numeric_dtype(column)
        scale = q.scale_of(var) if numeric and q is not None and var in q.item_ids else None
        by_label = {str(t): float(code) for code, text in (scale.labels.items() if scale else []) for t in (text.zh, text.en) if t}
        out[var] = {_category(key, numeric, by_label): count for key, count in targets.items()}
    return out


def _category(key, numeric: bool, by_label: dict):
    if not numeric or not isinstance(key, str):
        return key
    if key in by_label:
        return by_label[key]
    try:
        return float(key)
    except ValueError:
        return key  # the weighting then names it as a category absent from the data


def apply_weights(plan: Plan, responses):
    """The responses weighted as the plan says (unchanged without ``weights:``)."""
    options = plan.weights
    if options is None:
        return responses
    rake = options.rake
    if isinstance(rake, str):
        rake = read_margins(plan.path(rake))
    if rake is not None:
        rake = margins_for(rake, responses)
    return responses.weight(design=options.design, rake=rake, trim=options.trim)


def weighting_note(ctx: Context) -> None:
    """One paragraph: how the responses were weighted, the effective n and design effect, and
    which estimates use the weights."""
    result = ctx.clean.weighting
    if result is None:
        return
    margins = list(dict.fromkeys(result.margins["margin"])) if len(result.margins) else []
    labels = {m: ctx.label(m) for m in margins if m in ctx.questionnaire.item_ids}
    sentence = result.findings(ctx.lang, style=ctx.style, labels=labels)[0]
    ctx.para(sentence + ctx.t("满意度指数按权数估计（基于设计的标准误）；其余统计量未加权。",
                              " The satisfaction index is a weighted estimate (design-based standard errors); other statistics are unweighted."))
