"""Small helpers shared by the group-difference, correlation and regression modules (private)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import numeric_frame
from ..errors import AnalysisError

LANGS = ("en", "zh")


def lang_style(lang: str, style: str | None) -> tuple[str, str]:
    """Validate ``lang`` and pick the default style for it (``apa`` for en, ``gb`` for zh)."""
    if lang not in LANGS:
        raise AnalysisError(f"lang must be one of {LANGS}, got {lang!r}")
    if style is None:
        style = "apa" if lang == "en" else "gb"
    if style not in ("apa", "gb"):
        raise AnalysisError(f"style must be 'apa' or 'gb', got {style!r}")
    return lang, style


def label(labels: Mapping[str, str] | None, name: object) -> str:
    """The display label of a column or level (falls back to its id)."""
    if labels and name in labels:
        return str(labels[name])
    return str(name)


def columns_present(data: pd.DataFrame, cols: Sequence[str], *, what: str) -> None:
    if not isinstance(data, pd.DataFrame):
        raise AnalysisError(f"{what} needs a pandas DataFrame, got {type(data).__name__}")
    absent = [c for c in cols if c not in data.columns]
    if absent:
        raise AnalysisError(f"{what}: columns not in the data: {absent}")


def dv_and_groups(
    data: pd.DataFrame,
    dv: str,
    by: str,
    *,
    levels: Sequence[object] | None = None,
    what: str,
) -> tuple[pd.Series, pd.Series, list[object], int, str]:
    """Listwise-complete numeric ``dv`` and grouping ``by``; returns (y, g, levels, n_excluded, order).

    Group order, named by ``order``: ``"levels"`` when given (rows in other groups are excluded
    and counted); else ``"categories"`` of a Categorical; else ``"codes"``, numeric codes in
    ascending order; else ``"appearance"``, text in order of first appearance (never the
    alphabetical or Unicode order of labels, which has no meaning: 女 sorts before 男).
    """
    columns_present(data, [dv, by], what=what)
    if dv == by:
        raise AnalysisError(f"{what}: the outcome and the grouping variable are the same column {dv!r}")
    y = data[dv]
    if not (pd.api.types.is_numeric_dtype(y) or pd.api.types.is_bool_dtype(y)):
        raise AnalysisError(f"{what}: outcome {dv!r} is not numeric (dtype {y.dtype}); convert labels to codes first")
    g = data[by]
    keep = y.notna() & g.notna()
    if levels is None:
        if isinstance(g.dtype, pd.CategoricalDtype):
            present = set(g[keep].unique())
            levels, order = [c for c in g.cat.categories if c in present], "categories"
        elif pd.api.types.is_numeric_dtype(g) or pd.api.types.is_bool_dtype(g):
            levels, order = sorted(g[keep].unique().tolist()), "codes"
        else:
            levels, order = pd.unique(g[keep]).tolist(), "appearance"
    else:
        order = "levels"
        levels = list(levels)
        if len(set(levels)) != len(levels):
            raise AnalysisError(f"{what}: levels has duplicates: {levels}")
        keep &= g.isin(levels)
    n_excluded = int(len(data) - keep.sum())
    y = y[keep].astype("float64")
    g = g[keep]
    return y, g, list(levels), n_excluded, order


def scale_levels(values: pd.Series, questionnaire, item_id: str, *, what: str) -> list[object]:
    """The distinct values of ``values`` (codes or labels of ``item_id``'s scale) in the scale's code order."""
    from ..io.coding import LabelIndex

    try:
        scale = questionnaire.scale_of(item_id)
    except KeyError:
        raise AnalysisError(f"{what}: {item_id!r} is not an item of questionnaire {questionnaire.id!r}; "
                            "pass the item id as by=, or leave questionnaire out") from None
    if scale is None:
        raise AnalysisError(f"{what}: item {item_id!r} has no response scale whose codes could order its groups")
    index = LabelIndex(scale)
    codes: dict[object, int] = {}
    unknown = []
    for value in pd.unique(values.dropna()).tolist():
        if isinstance(value, str):
            code = index.lookup(value)
        else:
            code = int(value) if float(value).is_integer() else None
        if code is None or code not in scale.labels:
            unknown.append(value)
        else:
            codes[value] = code
    if unknown:
        raise AnalysisError(f"{what}: values of {item_id!r} that are neither codes nor labels of its scale: {unknown} "
                            f"(codes {list(scale.codes)})")
    by_code: dict[int, list[object]] = {}
    for value, code in codes.items():
        by_code.setdefault(code, []).append(value)
    shared = {code: vals for code, vals in by_code.items() if len(vals) > 1}
    if shared:
        raise AnalysisError(f"{what}: different values of {item_id!r} stand for the same code: {shared}; recode them to one first")
    return sorted(codes, key=codes.__getitem__)


def fisher_z_ci(r: np.ndarray | float, n: np.ndarray | float, ci_level: float, *, se=None):
    """Fisher-z CI of a correlation: tanh(atanh(r) ± z·se), se = 1/sqrt(n−3) unless given."""
    r = np.asarray(r, dtype=float)
    n = np.asarray(n, dtype=float)
    if se is None:
        with np.errstate(divide="ignore", invalid="ignore"):
            se = 1.0 / np.sqrt(n - 3)
    z = stats.norm.ppf(0.5 + ci_level / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        zr = np.arctanh(np.clip(r, -1 + 1e-15, 1 - 1e-15))
    return np.tanh(zr - z * se), np.tanh(zr + z * se)


def numeric(data: pd.DataFrame, cols: Sequence[str], *, what: str, min_rows: int = 3) -> tuple[pd.DataFrame, int]:
    """Listwise-complete float frame of ``cols`` (named errors), plus the count of rows dropped."""
    columns_present(data, list(cols), what=what)
    frame = numeric_frame(data, list(cols), what=what, nan_policy="listwise", min_rows=min_rows)
    return frame, int(len(data) - len(frame))
