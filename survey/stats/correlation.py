"""Pearson and Spearman correlation matrices with p values, CIs and n; the APA M/SD/r/α table.

p values use t = r·√((n−2)/(1−r²)) with n − 2 df (R's ``cor.test``; for Spearman this is
``cor.test(method="spearman", exact=FALSE)``). CIs use Fisher's z with se = 1/√(n−3) for both
methods (R's ``cor.test`` gives this CI for Pearson; for Spearman it is the usual approximation —
Bonett & Wright's se is an alternative, not used here).

>>> import pandas as pd
>>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 1, 4, 3, 5], "c": [5, 3, 4, 1, 2]})
>>> res = correlations(df)
>>> round(float(res.r.loc["a", "b"]), 3)
0.8
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level, numeric_frame
from .._result import Result
from ..errors import AnalysisError, RowsNeededError
from ..findings.format import fmt_ci, fmt_num, fmt_p, stars
from ._diffutil import columns_present, fisher_z_ci, label, lang_style

__all__ = ["CorrelationResult", "correlations"]

METHODS = ("pearson", "spearman")


@dataclass(frozen=True)
class CorrelationResult(Result):
    """Square tables labelled by column id: ``r``, ``p_value``, ``ci_low``, ``ci_high``, ``n``."""

    r: pd.DataFrame
    p_value: pd.DataFrame
    ci_low: pd.DataFrame
    ci_high: pd.DataFrame
    n: pd.DataFrame
    method: str
    nan_policy: str
    ci_level: float
    n_excluded: int
    labels: Mapping[str, str] | None = None

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per pair (x, y) in the lower triangle."""
        cols = list(self.r.columns)
        rows = []
        for i, a in enumerate(cols):
            for b in cols[:i]:
                rows.append(
                    {
                        "x": b,
                        "y": a,
                        "estimate": self.r.loc[a, b],
                        "ci_low": self.ci_low.loc[a, b],
                        "ci_high": self.ci_high.loc[a, b],
                        "p_value": self.p_value.loc[a, b],
                        "n": int(self.n.loc[a, b]),
                        "method": self.method,
                    }
                )
        return pd.DataFrame(rows)

    def starred(self, *, style: str = "apa", digits: int = 2) -> pd.DataFrame:
        """Lower-triangle matrix of formatted r with significance stars (diagonal '—')."""
        cols = list(self.r.columns)
        out = pd.DataFrame("", index=cols, columns=cols, dtype=object)
        for i, a in enumerate(cols):
            out.loc[a, a] = "—"
            for b in cols[:i]:
                out.loc[a, b] = fmt_num(self.r.loc[a, b], digits=digits, bounded=True, style=style) + stars(self.p_value.loc[a, b])
        return out

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        sym = "r" if self.method == "pearson" else "r_s"
        out = []
        for row in self.to_frame().itertuples(index=False):
            x, y = label(self.labels, row.x), label(self.labels, row.y)
            r_text = f"{sym} = {fmt_num(row.estimate, bounded=True, style=style)}"
            p_text = fmt_p(row.p_value, style=style)
            sig = row.p_value < 0.05
            if lang == "en":
                ci = fmt_ci(row.ci_low, row.ci_high, bounded=True, style=style, ci_level=self.ci_level)
                if sig:
                    sign = "positively" if row.estimate > 0 else "negatively"
                    out.append(f"{x} and {y} were significantly {sign} correlated, {r_text}, {ci}, {p_text}, n = {row.n}.")
                else:
                    out.append(f"The correlation between {x} and {y} was not significant, {r_text}, {ci}, {p_text}, n = {row.n}.")
            else:
                if sig:
                    sign = "正" if row.estimate > 0 else "负"
                    out.append(f"{x}与{y}之间存在显著的{sign}相关（{r_text}，{p_text}）。")
                else:
                    out.append(f"{x}与{y}之间的相关不显著（{r_text}，{p_text}）。")
        return out

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.differences import plot_correlations

        return plot_correlations(self, ax=ax, lang=lang)


def _pairwise_counts(mask: np.ndarray) -> np.ndarray:
    m = mask.astype(float)
    return m.T @ m


def correlations(
    data: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    method: str = "pearson",
    ci_level: float = 0.95,
    nan_policy: str = "listwise",
    labels: Mapping[str, str] | None = None,
) -> CorrelationResult:
    """Correlation matrix with p values, Fisher-z CIs and n per pair.

    Parameters
    ----------
    data : DataFrame or LazyResponses
        A scanned table (``survey.scan``) gives Pearson's r of the complete rows (docs/scale.md).
    columns : list of str, optional
        Numeric columns (default: all columns).
    method : {"pearson", "spearman"}
    ci_level : float
    nan_policy : {"listwise", "pairwise"}
        ``"listwise"`` (default) uses the rows complete on every column; ``"pairwise"`` uses all
        rows complete on each pair and reports each pair's n.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [1, 2, 3, 4, 5, 6], "y": [2, 1, 4, 3, 6, 5]})
    >>> correlations(df).to_frame()[["x", "y", "n"]]
       x  y  n
    0  x  y  6
    """
    what = "correlations"
    if method not in METHODS:
        raise AnalysisError(f"{what}: method must be one of {METHODS}, got {method!r}")
    if nan_policy not in ("listwise", "pairwise"):
        raise AnalysisError(f"{what}: nan_policy must be 'listwise' or 'pairwise', got {nan_policy!r}")
    ci_level = check_ci_level(ci_level)
    cols = list(data.columns if columns is None else columns)
    if getattr(data, "is_lazy", False):  # a scanned table: Pearson's r from the moments of the complete rows
        if method != "pearson":
            raise RowsNeededError(data.rows_needed(f"{what} (method={method!r})"))
        m = data.checked_moments(cols, what=what, nan_policy=nan_policy, min_rows=3, min_columns=2)
        return _result(m.corr(), np.full((len(cols), len(cols)), float(m.n)), cols, method=method, nan_policy=nan_policy,
                       ci_level=ci_level, n_excluded=len(data) - m.n, labels=labels)
    columns_present(data, cols, what=what)
    frame = numeric_frame(data, cols, what=what, nan_policy=nan_policy, min_rows=3, min_columns=2)
    n_excluded = int(len(data) - len(frame)) if nan_policy == "listwise" else 0
    x = frame.to_numpy()
    if method == "spearman":
        x = frame.rank(method="average").to_numpy()  # NaN stays NaN; pairwise ranks re-done below
    if nan_policy == "listwise" or not np.isnan(x).any():
        n = np.full((len(cols), len(cols)), float(len(x)))
        r = np.corrcoef(x, rowvar=False)
    else:
        mask = ~np.isnan(x)
        n = _pairwise_counts(mask)
        r = np.eye(len(cols))
        for i in range(len(cols)):
            for j in range(i):
                ok = mask[:, i] & mask[:, j]
                a, b = frame.iloc[ok, i].to_numpy(), frame.iloc[ok, j].to_numpy()
                if method == "spearman":
                    a, b = stats.rankdata(a), stats.rankdata(b)
                if ok.sum() < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
                    raise AnalysisError(f"{what}: pair ({cols[j]!r}, {cols[i]!r}) has fewer than 3 complete rows or no variance in them")
                r[i, j] = r[j, i] = np.corrcoef(a, b)[0, 1]
    return _result(r, n, cols, method=method, nan_policy=nan_policy, ci_level=ci_level, n_excluded=n_excluded, labels=labels)


def _result(r: np.ndarray, n: np.ndarray, cols: list, *, method: str, nan_policy: str, ci_level: float, n_excluded: int,
            labels) -> CorrelationResult:
    """p values and Fisher-z CIs of a correlation matrix with the n of each pair."""
    np.fill_diagonal(r, 1.0)
    r = np.clip(r, -1.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = r * np.sqrt((n - 2) / (1 - r**2))
        p = 2 * stats.t.sf(np.abs(t), n - 2)
    p = np.where(np.abs(r) >= 1, 0.0, p)
    np.fill_diagonal(p, 0.0)
    lo, hi = fisher_z_ci(r, n, ci_level)
    lo = np.where(n > 3, lo, -1.0)
    hi = np.where(n > 3, hi, 1.0)
    np.fill_diagonal(lo, 1.0)
    np.fill_diagonal(hi, 1.0)

    def lab(a):
        out = pd.DataFrame(a, index=cols, columns=cols)
        out.index.name = "variable"
        return out

    return CorrelationResult(
        r=lab(r),
        p_value=lab(p),
        ci_low=lab(lo),
        ci_high=lab(hi),
        n=lab(n.astype(int)),
        method=method,
        nan_policy=nan_policy,
        ci_level=ci_level,
        n_excluded=n_excluded,
        labels=labels,
    )
