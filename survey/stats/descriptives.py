"""Sample profile (样本概况), descriptive statistics and Likert response distributions.

Skewness and kurtosis are the bias-corrected G1 and G2 that SPSS and Excel report (e1071 type 2),
with SPSS's standard errors: SES = √(6n(n−1)/((n−2)(n+1)(n+3))), SEK = 2·SES·√((n²−1)/((n−3)(n+5))).
Each column uses its own non-missing values (``n`` and ``missing`` are reported per column).

>>> import pandas as pd
>>> df = pd.DataFrame({"q1": [1, 2, 2, 3, 5], "q2": [2, 2, 3, 4, 4]})
>>> descriptives(df, ["q1", "q2"]).table["mean"].tolist()
[2.6, 3.0]
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError
from ..findings import Finding, KeyedFindings
from ..prep.weighting import levels_of
from ._diffutil import columns_present

__all__ = [
    "DescriptivesResult",
    "LikertDistributionResult",
    "SampleProfileResult",
    "descriptives",
    "likert_distribution",
    "sample_profile",
]


def _numeric_columns(data: pd.DataFrame, cols: Sequence[str], what: str) -> None:
    columns_present(data, cols, what=what)
    bad = [c for c in cols if not (pd.api.types.is_numeric_dtype(data[c]) or pd.api.types.is_bool_dtype(data[c]))]
    if bad:
        raise AnalysisError(f"{what}: columns are not numeric: {bad} (convert labels to codes first)")
    empty = [c for c in cols if data[c].notna().sum() == 0]
    if empty:
        raise AnalysisError(f"{what}: columns have no values at all: {empty}")


def _describe(x: np.ndarray, n_total: int) -> dict:
    n = len(x)
    m = float(x.mean()) if n else float("nan")
    sd = float(x.std(ddof=1)) if n > 1 else float("nan")
    out = {"n": n, "missing": n_total - n, "mean": m, "sd": sd, "se": sd / math.sqrt(n) if n > 1 else float("nan")}
    out.update(median=float(np.median(x)), min=float(x.min()), max=float(x.max()))
    d = x - m
    m2 = float((d**2).mean())
    if n >= 3 and m2 > 0:
        g1 = float((d**3).mean()) / m2**1.5
        skew = math.sqrt(n * (n - 1)) / (n - 2) * g1
        ses = math.sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
    else:
        skew = ses = float("nan")
    if n >= 4 and m2 > 0:
        g2 = float((d**4).mean()) / m2**2 - 3
        kurt = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)
        sek = 2 * ses * math.sqrt((n**2 - 1) / ((n - 3) * (n + 5)))
    else:
        kurt = sek = float("nan")
    out.update(skew=skew, skew_se=ses, kurtosis=kurt, kurtosis_se=sek)
    return out


@dataclass(frozen=True)
class DescriptivesResult(KeyedFindings, Result):
    """``table``: per variable (and group) n, missing, mean, sd, se, median, min, max, skew,
    skew_se, kurtosis, kurtosis_se. Skew/kurtosis are undefined (NaN) for n < 3 / n < 4 or no
    variance within a group; the overall table rejects constant columns instead."""

    table: pd.DataFrame
    by: str | None
    labels: Mapping[str, str] | None = None
    weighted: bool = False

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def finding_objects(self) -> list[Finding]:
        """Without groups: ``descriptives.mean`` per variable (detail), ``descriptives.highest_lowest``
        (main) and ``descriptives.non_normal`` (caution; unweighted only). By groups: none."""
        if self.by is not None:
            return []
        t = self.table
        out = [Finding("descriptives.mean", {"variable": var, "mean": row["mean"], "sd": row["sd"], "n": int(row["n"])}, level="detail", ids=(var,))
               for var, row in t.iterrows()]
        hi, lo = t["mean"].idxmax(), t["mean"].idxmin()
        if len(t) > 1 and hi != lo:
            out.append(Finding("descriptives.highest_lowest", {"highest": hi, "lowest": lo}, ids=(hi, lo)))
        big = [] if self.weighted else t[(t["skew"].abs() > 2) | (t["kurtosis"].abs() > 7)].index.tolist()
        if big:
            out.append(Finding("descriptives.non_normal", {"variables": big}, level="caution", ids=tuple(big)))
        return out


def descriptives(
    data: pd.DataFrame,
    columns: Sequence[str],
    *,
    by: str | None = None,
    labels: Mapping[str, str] | None = None,
    weights=None,
    suppress_below: int | None = None,
) -> DescriptivesResult:
    """Item and construct descriptives, overall or by group (index (group, variable)).

    With ``weights`` (a column of ``data`` or values aligned with its rows; see
    :mod:`survey.stats.weights`) the table holds weighted estimates instead: ``n`` and ``missing``
    (respondents), the weighted ``mean`` and ``sd`` (R's ``svymean``, ``svyvar``), its design-based
    ``se``, ``deff`` (R's ``deff = "replace"``), and the unweighted ``min`` and ``max``. A group's
    SE is that of a domain of the whole design (R's ``svyby``). ``suppress_below`` hides the numbers
    of group rows with fewer answers (``suppressed`` True; see
    :func:`survey.stats.weights.suppress_small`).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"q": [1, 2, 3, 4, 5, 5], "g": ["a", "a", "a", "b", "b", "b"]})
    >>> descriptives(df, ["q"], by="g").table["mean"].round(3).tolist()
    [2.0, 4.667]
    """
    cols = [columns] if isinstance(columns, str) else list(columns)
    what = "descriptives"
    _numeric_columns(data, cols, what)
    if by is None:
        const = [c for c in cols if data[c].nunique() < 2]
        if const:
            raise AnalysisError(f"{what}: columns are constant (zero variance): {const}")
    if weights is not None:
        res = _weighted(data, cols, by=by, labels=labels, weights=weights, what=what)
        return _suppressed(res, suppress_below)
    if by is None:
        rows = {c: _describe(data[c].dropna().to_numpy(float), len(data)) for c in cols}
        table = pd.DataFrame.from_dict(rows, orient="index")
        table.index.name = "variable"
        return DescriptivesResult(table=table, by=None, labels=labels)
    g, levels = _groups(data, by, what)
    rows = {}
    for lev in levels:
        sub = data.loc[g == lev]
        for c in cols:
            x = sub[c].dropna().to_numpy(float)
            if len(x) == 0:
                raise AnalysisError(f"{what}: no values of {c!r} in group {by}={lev!r}")
            rows[(lev, c)] = _describe(x, len(sub))
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=[by, "variable"])
    return _suppressed(DescriptivesResult(table=table, by=by, labels=labels), suppress_below)


def _suppressed(result: DescriptivesResult, below: int | None) -> DescriptivesResult:
    """Group rows of fewer than ``below`` answers hidden (the overall table has no groups)."""
    if below is None or result.by is None:
        return result
    from .weights import suppress_small

    return dataclasses.replace(result, table=suppress_small(result.table, below))


def _groups(data: pd.DataFrame, by: str, what: str) -> tuple[pd.Series, list]:
    columns_present(data, [by], what=what)
    g = data[by]
    levels = levels_of(g)
    if not levels:
        raise AnalysisError(f"{what}: grouping column {by!r} has no values")
    return g, levels


def _weighted(data: pd.DataFrame, cols: list[str], *, by: str | None, labels, weights, what: str) -> DescriptivesResult:
    """Weighted descriptives: mean, sd, design-based se, CI and deff per variable (and group)."""
    from .weights import check_weights, mean_rows

    if isinstance(weights, str):
        columns_present(data, [weights], what=what)
        weights = data[weights]
    w, raking = check_weights(weights, data.index, what=f"{what}: weights")
    everyone = np.ones(len(data), bool)
    domains = {None: everyone} if by is None else {lev: (g == lev).to_numpy() for g, levels in [_groups(data, by, what)] for lev in levels}
    rows = {}
    for c in cols:
        y = data[c].to_numpy(float)
        for row in mean_rows(y, w, raking, domains):
            mask = domains[row["key"]] & np.isfinite(y)
            key = c if by is None else (row["key"], c)
            rows[key] = {"n": row["n"], "missing": int(domains[row["key"]].sum()) - row["n"], "mean": row["estimate"], "sd": row["sd"],
                         "se": row["se"], "deff": row["deff"], "min": float(y[mask].min()), "max": float(y[mask].max())}
    table = pd.DataFrame.from_dict(rows, orient="index")
    if by is None:
        table.index.name = "variable"
    else:
        table.index = pd.MultiIndex.from_tuples(table.index, names=[by, "variable"])
    return DescriptivesResult(table=table, by=by, labels=labels, weighted=True)


@dataclass(frozen=True)
class LikertDistributionResult(KeyedFindings, Result):
    """``counts`` and ``percent`` (of valid answers, 0–100): items × codes (every code a column,
    empty categories kept as 0); ``n`` valid and ``missing`` per item."""

    counts: pd.DataFrame
    percent: pd.DataFrame
    n: pd.Series
    missing: pd.Series
    codes: tuple
    code_labels: Mapping[object, str] | None = None
    labels: Mapping[str, str] | None = None

    def to_frame(self) -> pd.DataFrame:
        out = self.counts.stack().rename("n").to_frame()
        out["percent"] = self.percent.stack()
        return out.reset_index()

    def finding_objects(self) -> list[Finding]:
        """``descriptives.top_categories`` per item (detail): the share choosing the upper half of the codes."""
        k = len(self.codes)
        top = self.codes[k - (k // 2) :] if k > 2 else self.codes[-1:]
        return [Finding("descriptives.top_categories", {"item": item, "percent": float(self.percent.loc[item, list(top)].sum()), "k_top": len(top),
                                                         "n": int(self.n[item])}, level="detail", ids=(item,))
                for item in self.percent.index]


def likert_distribution(
    data: pd.DataFrame,
    items: Sequence[str],
    *,
    codes: Sequence[object] = (1, 2, 3, 4, 5),
    code_labels: Mapping[object, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> LikertDistributionResult:
    """Response counts and percentages per item and code (for diverging stacked bars).

    A value outside ``codes`` raises ``AnalysisError`` listing item, value and count (screen or
    declare missing codes first); missing answers are counted per item, not in the percentages.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"q1": [1, 2, 2, 5], "q2": [4, 4, None, 5]})
    >>> likert_distribution(df, ["q1", "q2"]).counts.values.tolist()
    [[1, 2, 0, 0, 1], [0, 0, 0, 2, 1]]
    """
    items = [items] if isinstance(items, str) else list(items)
    codes = tuple(codes)
    what = "likert_distribution"
    columns_present(data, items, what=what)
    if len(set(codes)) != len(codes) or len(codes) < 2:
        raise AnalysisError(f"{what}: codes must be at least 2 distinct values, got {codes}")
    problems = []
    counts = {}
    for it in items:
        s = data[it].dropna()
        vc = s.value_counts()
        outside = {v: int(c) for v, c in vc.items() if v not in codes}
        if outside:
            problems.append(f"{it}: {outside}")
        counts[it] = [int(vc.get(c, 0)) for c in codes]
    if problems:
        raise AnalysisError(f"{what}: values outside codes {list(codes)}: " + "; ".join(problems))
    cnt = pd.DataFrame.from_dict(counts, orient="index", columns=list(codes))
    cnt.index.name, cnt.columns.name = "item", "code"
    n = cnt.sum(axis=1)
    if (n == 0).any():
        raise AnalysisError(f"{what}: items with no answers: {n[n == 0].index.tolist()}")
    pct = cnt.div(n, axis=0) * 100
    missing = pd.Series({it: int(data[it].isna().sum()) for it in items}, name="missing")
    return LikertDistributionResult(counts=cnt, percent=pct, n=n.rename("n"), missing=missing, codes=codes, code_labels=code_labels, labels=labels)


@dataclass(frozen=True)
class SampleProfileResult(KeyedFindings, Result):
    """``table``: variable, category, n, percent (of all respondents), valid_percent,
    cumulative_percent, suppressed. Suppressed cells have n and percentages <NA> (nullable)."""

    table: pd.DataFrame
    n: int
    suppress_below: int | None
    labels: Mapping[str, object] | None = None

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def finding_objects(self) -> list[Finding]:
        """``descriptives.largest_group`` per variable (main; suppressed and missing cells left out)
        and ``descriptives.suppressed`` (detail) when small cells are suppressed."""
        out = []
        t = self.table[(self.table["category"] != "(missing)") & ~self.table["suppressed"]]
        for var, sub in t.groupby("variable", sort=False):
            if sub.empty:
                continue
            top = sub.loc[sub["n"].astype("float64").idxmax()]
            out.append(Finding("descriptives.largest_group", {"variable": var, "category": top["category"], "n": int(top["n"]),
                                                              "percent": float(top["valid_percent"])}, ids=(var,)))
        if self.suppress_below:
            out.append(Finding("descriptives.suppressed", {"suppress_below": self.suppress_below}, level="detail"))
        return out


def sample_profile(
    data: pd.DataFrame,
    columns: Sequence[str],
    *,
    labels: Mapping[str, object] | None = None,
    suppress_below: int | None = None,
) -> SampleProfileResult:
    """Frequency and percentage table of each demographic (样本概况).

    Parameters
    ----------
    columns : list of str
        Demographic columns (codes or labels).
    labels : mapping, optional
        Per column either a display name (``{"gender": "性别"}``) or a value-label mapping
        (``{"gender": {1: "男", 2: "女"}}``, whose order also orders the categories).
    suppress_below : int, optional
        Cells with 0 < n < this are suppressed (n and percentages <NA>, ``suppressed`` True). If a
        variable would have exactly one suppressed cell, the next smallest cell is suppressed too,
        so the hidden count cannot be recovered from the total.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"gender": [1, 2, 2, 1, 2]})
    >>> sample_profile(df, ["gender"], labels={"gender": {1: "男", 2: "女"}}).table[["category", "n"]].values.tolist()
    [['男', 2], ['女', 3]]
    """
    cols = [columns] if isinstance(columns, str) else list(columns)
    what = "sample_profile"
    columns_present(data, cols, what=what)
    if suppress_below is not None and (not isinstance(suppress_below, int) or suppress_below < 1):
        raise AnalysisError(f"{what}: suppress_below must be a positive integer or None, got {suppress_below!r}")
    labels = dict(labels or {})
    total = len(data)
    if total == 0:
        raise AnalysisError(f"{what}: the data have no rows")
    rows = []
    for c in cols:
        s = data[c]
        vl = labels.get(c) if isinstance(labels.get(c), Mapping) else None
        vc = s.value_counts(dropna=True)
        if vl is not None:
            unknown = [v for v in vc.index if v not in vl]
            if unknown:
                raise AnalysisError(f"{what}: values of {c!r} without a label: {unknown}")
            order = [v for v in vl if v in vc.index]
        elif isinstance(s.dtype, pd.CategoricalDtype):
            order = [v for v in s.cat.categories if vc.get(v, 0) > 0]
        else:
            try:
                order = sorted(vc.index.tolist())
            except TypeError:
                order = sorted(vc.index.tolist(), key=str)
        valid = int(vc.sum())
        cum = 0.0
        for v in order:
            k = int(vc[v])
            cum += 100 * k / valid
            rows.append({"variable": c, "category": str(vl[v]) if vl else str(v), "n": k, "percent": 100 * k / total, "valid_percent": 100 * k / valid, "cumulative_percent": cum, "suppressed": False})
        miss = int(s.isna().sum())
        if miss:
            rows.append({"variable": c, "category": "(missing)", "n": miss, "percent": 100 * miss / total, "valid_percent": np.nan, "cumulative_percent": np.nan, "suppressed": False})
    table = pd.DataFrame(rows)
    if suppress_below:
        for c in cols:
            idx = table.index[(table["variable"] == c) & (table["category"] != "(missing)")]
            small = [i for i in idx if 0 < table.at[i, "n"] < suppress_below]
            if len(small) == 1 and len(idx) > 1:
                rest = [i for i in idx if i not in small]
                small.append(min(rest, key=lambda i: table.at[i, "n"]))
            table.loc[small, "suppressed"] = True
    table = table.astype({"n": "Int64", "percent": "Float64", "valid_percent": "Float64", "cumulative_percent": "Float64"})
    sup = table["suppressed"]
    table.loc[sup, ["n", "percent", "valid_percent", "cumulative_percent"]] = pd.NA
    if sup.any():  # cumulative percentages after a suppressed cell would reveal it
        for c in cols:
            idx = table.index[table["variable"] == c]
            first = next((i for i in idx if table.at[i, "suppressed"]), None)
            if first is not None:
                table.loc[[i for i in idx if i >= first], "cumulative_percent"] = pd.NA
    return SampleProfileResult(table=table, n=total, suppress_below=suppress_below, labels=labels)
