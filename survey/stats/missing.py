"""Where data are missing: the pattern table and Little's MCAR test.

``missing_patterns`` counts the distinct patterns of observed (1) and missing (0) cells, like R's
``mice::md.pattern``: one row per pattern with the number of respondents showing it and the number
of variables it lacks, columns ordered by how often they are missing (fewest first), rows by the
number of variables missing, then by frequency (``md.pattern`` orders rows differently; the
counts are the same).

``little_mcar`` is Little's (1988) test that the data are missing completely at random:
d² = Σⱼ nⱼ (ȳⱼ − μ̂ⱼ)ᵀ Σ̂ⱼ⁻¹ (ȳⱼ − μ̂ⱼ) over the missing-data patterns j, where ȳⱼ is the mean of
the nⱼ respondents with pattern j on the variables they answered and μ̂, Σ̂ are the maximum-likelihood
mean and covariance of all the data (EM algorithm for the multivariate normal, Dempster, Laird &
Rubin 1977), restricted to those variables. Under MCAR d² is χ² with Σⱼ kⱼ − k degrees of freedom
(kⱼ variables observed in pattern j). This is the formula of ``naniar::mcar_test`` and SPSS MVA;
checked against an R implementation of it (tests/reference/mi/little.R) and by hand. Respondents who
answered none of the variables carry no information and are left out (``n_empty`` counts them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_p, fmt_stat
from ._diffutil import columns_present
from .fiml import missing_patterns as pattern_groups
from .fiml import saturated_moments

__all__ = ["LittleMCARResult", "MissingPatternsResult", "little_mcar", "missing_patterns"]

EM_TOL = 1e-10  # largest change of any mean or covariance between EM steps at convergence
EM_MAX_ITER = 10_000


def numeric_columns(data: pd.DataFrame, columns: Sequence[str] | None, what: str) -> list[str]:
    """The columns named (default: all), each present and numeric; text columns are a named error."""
    chosen = list(data.columns) if columns is None else list(columns)
    columns_present(data, chosen, what=what)
    text = [c for c in chosen if not pd.api.types.is_numeric_dtype(data[c]) or pd.api.types.is_bool_dtype(data[c])]
    if text:
        raise AnalysisError(f"{what}: text columns {text} cannot be used; name the numeric columns with columns=[...]")
    if not chosen:
        raise AnalysisError(f"{what}: no columns")
    return chosen


def _numeric(data: pd.DataFrame, columns: Sequence[str] | None, what: str) -> pd.DataFrame:
    return data[numeric_columns(data, columns, what)].astype(float)


@dataclass(frozen=True, repr=False)
class MissingPatternsResult(Result):
    """The missing-data patterns: ``patterns`` (one row per pattern; 1 observed, 0 missing, then
    ``n`` respondents and ``n_missing`` variables lacking), ``missing`` per variable (count and share)."""

    patterns: pd.DataFrame
    missing: pd.DataFrame
    n: int

    @property
    def columns(self) -> list[str]:
        return list(self.missing.index)

    @property
    def n_complete(self) -> int:
        complete = self.patterns[self.patterns["n_missing"] == 0]
        return int(complete["n"].sum())

    def to_frame(self) -> pd.DataFrame:
        return self.patterns.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        cells = int(self.missing["n_missing"].sum())
        share = cells / (self.n * len(self.columns)) if self.n else 0.0
        worst = self.missing["n_missing"].idxmax()
        if lang == "zh":
            return [f"{len(self.columns)}个变量共有{cells}个缺失值（占全部数据的{100 * share:.1f}%），形成{len(self.patterns)}种缺失模式；"
                    f"{self.n_complete}名受访者（{100 * self.n_complete / self.n:.1f}%）数据完整，缺失最多的变量为{worst}"
                    f"（{int(self.missing.loc[worst, 'n_missing'])}个）。"]
        return [f"{cells} of {self.n * len(self.columns)} values ({100 * share:.1f}%) were missing in {len(self.columns)} variables, "
                f"in {len(self.patterns)} patterns; {self.n_complete} respondents ({100 * self.n_complete / self.n:.1f}%) were complete, "
                f"and {worst} was missing most often ({int(self.missing.loc[worst, 'n_missing'])})."]

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.missing import plot_missing_patterns

        return plot_missing_patterns(self, ax=ax, lang=lang)


def missing_patterns(data: pd.DataFrame, *, columns: Sequence[str] | None = None) -> MissingPatternsResult:
    """The table of missing-data patterns (as ``mice::md.pattern``).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2, np.nan, 4], "b": [1, np.nan, np.nan, 3], "c": [1, 2, 3, 4]})
    >>> missing_patterns(df).patterns.values.tolist()
    [[1, 1, 1, 2, 0], [1, 1, 0, 1, 1], [1, 0, 0, 1, 2]]
    """
    frame = _numeric(data, columns, "missing_patterns")
    observed = frame.notna()
    counts = (~observed).sum()
    order = sorted(frame.columns, key=lambda c: (counts[c], list(frame.columns).index(c)))
    codes = observed[order].astype(int)
    grouped = codes.value_counts(sort=False).rename("n").reset_index()
    grouped["n_missing"] = (grouped[order] == 0).sum(axis=1)
    grouped = grouped.sort_values(["n_missing", "n"], ascending=[True, False], kind="stable").reset_index(drop=True)
    grouped.index.name = "pattern"
    missing = pd.DataFrame({"n_missing": counts[order].astype(int), "share": counts[order] / len(frame)})
    missing.index.name = "variable"
    return MissingPatternsResult(patterns=grouped, missing=missing, n=len(frame))


@dataclass(frozen=True, repr=False)
class LittleMCARResult(Result):
    """Little's MCAR test: ``statistic`` (d²), ``df``, ``p_value``, the number of patterns, and the
    EM estimates ``mean`` and ``covariance`` it compares each pattern with."""

    statistic: float
    df: int
    p_value: float
    n: int
    n_patterns: int
    n_empty: int
    mean: pd.Series
    covariance: pd.DataFrame
    em_iterations: int

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"statistic": self.statistic, "df": self.df, "p_value": self.p_value, "n": self.n,
                              "n_patterns": self.n_patterns}])

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        chi = fmt_stat("χ²", self.statistic, df=self.df, style=style)
        p = fmt_p(self.p_value, style=style)
        if lang == "zh":
            verdict = "拒绝完全随机缺失（MCAR）假设，缺失可能与数据有关" if self.p_value < 0.05 else "不能拒绝完全随机缺失（MCAR）假设"
            return [f"Little的MCAR检验{chi}，{p}，{verdict}。"]
        verdict = ("the data are not missing completely at random" if self.p_value < 0.05
                   else "the hypothesis that the data are missing completely at random is not rejected")
        return [f"Little's MCAR test gave {chi}, {p}: {verdict}."]


def em_normal(values: np.ndarray, *, tol: float = EM_TOL, max_iter: int = EM_MAX_ITER) -> tuple[np.ndarray, np.ndarray, int]:
    """Maximum-likelihood mean and covariance (divisor n) of multivariate normal data with missing
    values, by EM: the saturated model of FIML (:func:`survey.stats.fiml.saturated_moments`); rows
    must each have an observed value. Returns (mean, covariance, iterations)."""
    what = "little_mcar"
    patterns = pattern_groups(values, [f"column {j + 1}" for j in range(values.shape[1])], what=what)
    sigma, mu, iterations = saturated_moments(patterns, tol=tol, max_iter=max_iter)
    if iterations >= max_iter:
        raise AnalysisError(f"{what}: the EM estimates did not converge in {max_iter} iterations")
    return mu, sigma, iterations


def little_mcar(data: pd.DataFrame, *, columns: Sequence[str] | None = None) -> LittleMCARResult:
    """Little's (1988) χ² test that the data are missing completely at random.

    Raises
    ------
    AnalysisError
        A column with no observed value, a constant column, no missing value at all (the test
        needs two patterns), fewer than two columns, or EM estimates that do not converge.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(2)
    >>> df = pd.DataFrame(rng.normal(size=(200, 3)), columns=["a", "b", "c"])
    >>> df.iloc[rng.choice(200, 30, replace=False), 0] = np.nan
    >>> res = little_mcar(df)
    >>> res.df, res.n_patterns
    (2, 2)
    """
    what = "little_mcar"
    frame = _numeric(data, columns, what)
    if frame.shape[1] < 2:
        raise AnalysisError(f"{what}: needs at least two columns, got {list(frame.columns)}")
    empty = [c for c in frame.columns if frame[c].notna().sum() == 0]
    if empty:
        raise AnalysisError(f"{what}: every value is missing in {empty}; leave these columns out")
    constant = [c for c in frame.columns if frame[c].nunique() < 2]
    if constant:
        raise AnalysisError(f"{what}: constant columns {constant} have no variance; leave them out")
    answered = frame.notna().any(axis=1)
    values = frame.loc[answered].to_numpy()
    observed = ~np.isnan(values)
    patterns, which = np.unique(observed, axis=0, return_inverse=True)
    if len(patterns) < 2:
        raise AnalysisError(f"{what}: there is no missing value in {list(frame.columns)}, so there is nothing to test")
    mu, sigma, iterations = em_normal(values)
    d2 = 0.0
    df = 0
    for g, pattern in enumerate(patterns):
        rows = which.ravel() == g
        o = np.flatnonzero(pattern)
        diff = values[np.ix_(rows, o)].mean(axis=0) - mu[o]
        d2 += rows.sum() * float(diff @ np.linalg.solve(sigma[np.ix_(o, o)], diff))
        df += len(o)
    df -= frame.shape[1]
    names = list(frame.columns)
    return LittleMCARResult(
        statistic=d2, df=int(df), p_value=float(stats.chi2.sf(d2, df)), n=int(answered.sum()), n_patterns=len(patterns),
        n_empty=int((~answered).sum()), mean=pd.Series(mu, index=names), covariance=pd.DataFrame(sigma, index=names, columns=names),
        em_iterations=iterations,
    )
