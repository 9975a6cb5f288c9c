"""Crosstabs: counts and percentages, Pearson χ², Cramér's V, Fisher's exact test for small 2×2.

Pearson's χ² is uncorrected by default (SPSS's "Pearson Chi-Square"; R ``chisq.test(correct =
FALSE)``); ``correction=True`` applies Yates' continuity correction to 2×2 tables (R's default).
Cramér's V = √(χ²/(n·(min(r, c) − 1))) from the uncorrected χ². When a 2×2 table has an expected
count below ``min_expected`` (5), Fisher's exact test (two-sided, R ``fisher.test``) is the test
reported; for larger tables with more than 20% of expected counts below 5 (Cochran's rule) the χ²
is reported with a warning in ``.warning`` and the findings.

>>> import pandas as pd
>>> df = pd.DataFrame({"a": ["x", "x", "y", "y"] * 10, "b": ["u", "v", "u", "u"] * 10})
>>> res = crosstab(df, "a", "b")
>>> res.test, round(res.statistic, 4), res.df
('chi_square', 13.3333, 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_num, fmt_p
from ._diffutil import columns_present, label, lang_style

__all__ = ["CrosstabResult", "crosstab"]


@dataclass(frozen=True)
class CrosstabResult(Result):
    """``counts`` (row × column), ``expected``, ``row_percent``, ``col_percent`` (0–100)."""

    row: str
    col: str
    counts: pd.DataFrame
    expected: pd.DataFrame
    row_percent: pd.DataFrame
    col_percent: pd.DataFrame
    test: str
    statistic: float
    df: int
    p_value: float
    chi2: float
    chi2_p_value: float
    correction: bool
    cramers_v: float
    fisher_p_value: float | None
    odds_ratio: float | None
    min_expected: float
    share_expected_below_5: float
    warning: str | None
    n: int
    n_excluded: int
    labels: Mapping[object, str] | None = None

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per cell with n, expected, row and column percentages."""
        out = self.counts.stack().rename("n").to_frame()
        out["expected"] = self.expected.stack()
        out["row_percent"] = self.row_percent.stack()
        out["col_percent"] = self.col_percent.stack()
        return out.reset_index()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        r, c = label(self.labels, self.row), label(self.labels, self.col)
        p = fmt_p(self.p_value, style=style)
        v = f"V = {fmt_num(self.cramers_v, bounded=True, style=style, digits=3 if style == 'gb' else 2)}"
        sig = self.p_value < 0.05
        if self.test == "fisher":
            stat = "Fisher's exact test" if lang == "en" else "Fisher精确检验"
        else:
            stat = f"χ²({self.df}, N = {self.n}) = {fmt_num(self.statistic, style=style)}" if lang == "en" else f"χ² = {fmt_num(self.statistic, style=style)}，df = {self.df}"
        out = []
        if lang == "en":
            if sig:
                out.append(f"{r} and {c} were significantly associated, {stat}, {p}, Cramér's {v}.")
            else:
                out.append(f"No significant association was found between {r} and {c}, {stat}, {p}, Cramér's {v}.")
            if self.warning:
                out.append(self.warning)
        else:
            if sig:
                out.append(f"由表可知，{r}与{c}之间存在显著关联（{stat}，{p}，Cramér's {v}）。")
            else:
                out.append(f"由表可知，{r}与{c}之间不存在显著关联（{stat}，{p}）。")
            if self.warning:
                out.append(f"注意：{self.share_expected_below_5:.0%}的单元格期望频数小于5，χ²检验结果需谨慎解释。")
        return out


def _levels(s: pd.Series, given) -> list:
    if given is not None:
        return list(given)
    if isinstance(s.dtype, pd.CategoricalDtype):
        present = set(s.dropna().unique())
        return [c for c in s.cat.categories if c in present]
    vals = s.dropna().unique().tolist()
    try:
        return sorted(vals)
    except TypeError:
        return sorted(vals, key=str)


def crosstab(
    data: pd.DataFrame,
    row: str,
    col: str,
    *,
    correction: bool = False,
    row_levels: Sequence[object] | None = None,
    col_levels: Sequence[object] | None = None,
    min_expected: float = 5.0,
    labels: Mapping[object, str] | None = None,
) -> CrosstabResult:
    """Crosstab of ``row`` × ``col`` with χ², Cramér's V and Fisher's exact test (small 2×2).

    Rows missing either variable (or outside the given levels) are excluded and counted.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"g": [1, 1, 1, 2, 2, 2, 2, 1], "y": [0, 0, 1, 1, 1, 1, 0, 0]})
    >>> crosstab(df, "g", "y").test
    'fisher'
    """
    what = f"crosstab({row!r}, {col!r})"
    columns_present(data, [row, col], what=what)
    if row == col:
        raise AnalysisError(f"{what}: row and column are the same variable")
    rl = _levels(data[row], row_levels)
    cl = _levels(data[col], col_levels)
    keep = data[row].isin(rl) & data[col].isin(cl)
    n_excluded = int(len(data) - keep.sum())
    sub = data.loc[keep, [row, col]]
    if len(rl) < 2 or len(cl) < 2:
        raise AnalysisError(f"{what}: needs at least 2 levels in each variable, found {len(rl)} × {len(cl)} ({rl} × {cl})")
    counts = pd.crosstab(
        pd.Categorical(sub[row], categories=rl), pd.Categorical(sub[col], categories=cl), dropna=False
    ).reindex(index=rl, columns=cl, fill_value=0)
    counts.index.name, counts.columns.name = row, col
    obs = counts.to_numpy().astype(float)
    n = int(obs.sum())
    empty_r = [rl[i] for i in np.flatnonzero(obs.sum(axis=1) == 0)]
    empty_c = [cl[j] for j in np.flatnonzero(obs.sum(axis=0) == 0)]
    if empty_r or empty_c:
        raise AnalysisError(f"{what}: levels with no cases (drop them via row_levels/col_levels): rows {empty_r}, columns {empty_c}")
    chi2, p, dof, exp = stats.chi2_contingency(obs, correction=False)
    chi2_c, p_c = chi2, p
    is_2x2 = obs.shape == (2, 2)
    if correction and is_2x2:
        chi2_c, p_c, _, _ = stats.chi2_contingency(obs, correction=True)
    v = float(np.sqrt(chi2 / (n * (min(obs.shape) - 1))))
    share = float((exp < 5).mean())
    fisher_p = odds = None
    warning = None
    test, statistic, p_value = "chi_square", float(chi2_c), float(p_c)
    if is_2x2:
        fr = stats.fisher_exact(obs.astype(int))
        fisher_p, odds = float(fr.pvalue), float(fr.statistic)
        if exp.min() < min_expected:
            test, statistic, p_value = "fisher", float(odds), fisher_p
    elif share > 0.2:
        warning = (
            f"{share:.0%} of expected counts are below 5 (minimum {exp.min():.2f}): the χ² approximation may be "
            f"inaccurate; consider merging categories."
        )
    tot_r = obs.sum(axis=1, keepdims=True)
    tot_c = obs.sum(axis=0, keepdims=True)
    frame = lambda a: pd.DataFrame(a, index=counts.index, columns=counts.columns)  # noqa: E731
    return CrosstabResult(
        row=row,
        col=col,
        counts=counts,
        expected=frame(exp),
        row_percent=frame(100 * obs / tot_r),
        col_percent=frame(100 * obs / tot_c),
        test=test,
        statistic=statistic,
        df=int(dof),
        p_value=p_value,
        chi2=float(chi2),
        chi2_p_value=float(p),
        correction=bool(correction and is_2x2),
        cramers_v=v,
        fisher_p_value=fisher_p,
        odds_ratio=odds,
        min_expected=float(exp.min()),
        share_expected_below_5=share,
        warning=warning,
        n=n,
        n_excluded=n_excluded,
        labels=labels,
    )
