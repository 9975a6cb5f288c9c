"""Rubin's rules: one answer from the analyses of ``m`` imputed data sets.

For a scalar estimated as Q̂ᵢ with variance Uᵢ in imputation i (Rubin 1987; van Buuren 2018, §2.3):
Q̄ = mean Q̂ᵢ, Ū = mean Uᵢ, B = var Q̂ᵢ (m − 1 denominator), T = Ū + (1 + 1/m) B; the relative
increase in variance r = (1 + 1/m) B / Ū, λ = (1 + 1/m) B / T, the degrees of freedom of Barnard &
Rubin (1999) ν = ν_old ν_obs / (ν_old + ν_obs) with ν_old = (m − 1)/λ² and
ν_obs = (ν_com + 1)/(ν_com + 3) · ν_com (1 − λ) (λ floored at 1e-4, as ``mice``), and the fraction
of missing information γ = (r + 2/(ν + 3)) / (r + 1). This is ``mice::pool.scalar`` and
``mice::pool`` (checked to 1e-10, tests/reference/mi/).

F statistics with k numerator degrees of freedom (the omnibus test of more than two groups) are
pooled by D2 (Li, Meng, Raghunathan & Rubin 1991): dᵢ = k Fᵢ, r₂ = (1 + 1/m) var √dᵢ,
D2 = (mean dᵢ / k − (m + 1)/(m − 1) r₂) / (1 + r₂) (negative values set to 0), referred to
F(k, k^(−3/m) (m − 1)(1 + 1/r₂)²).

Cronbach's α (and ω) are pooled as the mean over the imputations, the common practice; its
between-imputation spread is reported beside it, and the interval is Feldt's at the pooled α.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level
from .._result import Result
from ..errors import AnalysisError
from ..findings import Finding, KeyedFindings

__all__ = ["PooledResult", "pool", "pool_scalar", "pool_f"]

LAMBDA_FLOOR = 1e-4  # mice's barnard.rubin: λ below this is set to it, so ν_old stays finite


def barnard_rubin(m: int, b, t, dfcom: float):
    """Barnard & Rubin's (1999) degrees of freedom (``mice:::barnard.rubin``)."""
    lam = np.maximum((1 + 1 / m) * np.asarray(b, dtype=float) / np.asarray(t, dtype=float), LAMBDA_FLOOR)
    dfold = (m - 1) / lam**2
    if math.isinf(dfcom):
        return dfold
    dfobs = (dfcom + 1) / (dfcom + 3) * dfcom * (1 - lam)
    return dfold * dfobs / (dfold + dfobs)


def pool_scalar(estimates, variances, *, dfcom: float = math.inf, ci_level: float = 0.95) -> dict:
    """Rubin's rules for one scalar: ``estimates`` Q̂ᵢ and ``variances`` Uᵢ of the m imputations.

    Returns estimate (Q̄), ubar, b, t, se (√T), df, riv, lambda, fmi, statistic (Q̄/√T), p_value,
    ci_low, ci_high, m; as ``mice::pool.scalar(Q, U, n, k)`` with ``dfcom = n − k``.

    >>> out = pool_scalar([1.0, 1.2, 0.9], [0.04, 0.05, 0.045], dfcom=50)
    >>> round(out["estimate"], 4), round(out["t"], 5)
    (1.0333, 0.07611)
    """
    q = np.asarray(estimates, dtype=float)
    u = np.asarray(variances, dtype=float)
    return pool_table(q[:, None], u[:, None], ["estimate"], dfcom=dfcom, ci_level=ci_level).iloc[0].to_dict()


def pool_table(estimates: np.ndarray, variances: np.ndarray, terms: Sequence, *, dfcom: float, ci_level: float) -> pd.DataFrame:
    """Rubin's rules term by term: ``estimates`` and ``variances`` are m × terms arrays."""
    check_ci_level(ci_level)
    q = np.asarray(estimates, dtype=float)
    u = np.asarray(variances, dtype=float)
    m = q.shape[0]
    if m < 2:
        raise AnalysisError(f"Rubin's rules need at least two imputations, got {m}")
    bad = [str(t) for t, ok in zip(terms, np.isfinite(q).all(axis=0) & np.isfinite(u).all(axis=0)) if not ok]
    if bad:
        raise AnalysisError(f"pooling: an imputation gave no finite estimate or variance for {bad}")
    qbar = q.mean(axis=0)
    ubar = u.mean(axis=0)
    b = q.var(axis=0, ddof=1)
    t = ubar + (1 + 1 / m) * b
    df = barnard_rubin(m, b, t, dfcom)
    riv = (1 + 1 / m) * b / ubar
    lam = (1 + 1 / m) * b / t
    fmi = (riv + 2 / (df + 3)) / (riv + 1)
    se = np.sqrt(t)
    statistic = qbar / se
    crit = stats.t.isf((1 - ci_level) / 2, df)
    return pd.DataFrame(
        {"estimate": qbar, "se": se, "statistic": statistic, "df": df, "p_value": 2 * stats.t.sf(np.abs(statistic), df),
         "ci_low": qbar - crit * se, "ci_high": qbar + crit * se, "ubar": ubar, "b": b, "t": t, "riv": riv, "lambda": lam,
         "fmi": fmi, "m": m, "dfcom": dfcom},
        index=pd.Index(list(terms), name="term"),
    )


def pool_f(f_values, df1: float) -> dict:
    """D2 pooling of m F statistics with ``df1`` numerator degrees of freedom (Li et al. 1991).

    >>> out = pool_f([5.0, 6.0, 4.5, 5.5], 2)
    >>> round(out["statistic"], 4), round(out["df2"], 2)
    (4.9215, 790.91)
    """
    d = df1 * np.asarray(f_values, dtype=float)
    m = len(d)
    if m < 2:
        raise AnalysisError(f"pooling F statistics needs at least two imputations, got {m}")
    r = (1 + 1 / m) * np.sqrt(d).var(ddof=1)
    stat = max((d.mean() / df1 - (m + 1) / (m - 1) * r) / (1 + r), 0.0)
    df2 = math.inf if r == 0 else df1 ** (-3 / m) * (m - 1) * (1 + 1 / r) ** 2
    return {"statistic": float(stat), "df1": float(df1), "df2": float(df2), "p_value": float(stats.f.sf(stat, df1, df2)), "riv": float(r)}


@dataclass(frozen=True, repr=False)
class PooledResult(KeyedFindings, Result):
    """An analysis pooled over ``m`` imputations by Rubin's rules.

    ``kind``: ``"regression"``, ``"group_comparison"`` or ``"reliability"``. ``table``: one row per
    term (regression coefficients; the mean difference of two groups, or each group's mean) with
    estimate, se, statistic (t), df (Barnard–Rubin), p_value, ci_low, ci_high, riv, lambda, fmi;
    for reliability one row per scale with the mean α over the imputations and its spread.
    ``estimates``: the m per-imputation estimates (rows: imputations). ``model``: pooled model-level
    statistics (R² by Fisher's z for a regression, the D2 test of more than two groups).
    """

    kind: str
    table: pd.DataFrame
    estimates: pd.DataFrame
    m: int
    n: int
    ci_level: float
    model: Mapping[str, float]
    subject: str = ""
    labels: Mapping[str, str] | None = None

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def finding_objects(self) -> list[Finding]:
        if self.kind == "reliability":
            return [Finding("pooling.alpha_note", level="detail"),
                    *(Finding("pooling.alpha", {"scale": s, "alpha": r["alpha"], "alpha_min": r["alpha_min"], "alpha_max": r["alpha_max"]}, ids=(s,))
                      for s, r in self.table.iterrows())]
        out = [Finding("pooling.head", {"m": self.m}, level="detail")]
        if "f" in self.model:
            out.append(Finding("pooling.model_test", {"f_stat": ("F", self.model["f"], (self.model["df1"], self.model["df2"])), "p_value": self.model["p_value"]}))
        for term, row in self.table.drop(index="(Intercept)", errors="ignore").iterrows():
            out.append(Finding("pooling.term", {"term": term, "estimate": row["estimate"], "se": row["se"], "t_stat": ("t", row["statistic"], row["df"]),
                                                "p_value": row["p_value"], "fmi": row["fmi"]}, ids=(term,)))
        return out


def _regression(results: Sequence, ci_level: float) -> PooledResult:
    coefs = [r.coefficients for r in results]
    terms = list(coefs[0].index)
    if any(list(c.index) != terms for c in coefs):
        raise AnalysisError("pooling: the regressions of the imputations have different terms (a category absent in some imputation?)")
    n = results[0].n
    if any(r.n != n for r in results):
        raise AnalysisError("pooling: the regressions of the imputations used different numbers of rows")
    q = np.array([c["estimate"].to_numpy() for c in coefs])
    u = np.array([c["se"].to_numpy() ** 2 for c in coefs])
    dfcom = float(n - len(terms))
    table = pool_table(q, u, terms, dfcom=dfcom, ci_level=ci_level)
    model = {"r2": _fisher_mean([r.r2 for r in results]), "adj_r2": _fisher_mean([max(r.adj_r2, 0.0) for r in results])}
    return PooledResult("regression", table, pd.DataFrame(q, columns=terms).rename_axis("imputation"), len(results), n, ci_level,
                        model, subject=results[0].outcome, labels=results[0].labels)


def _fisher_mean(r2) -> float:
    """R² pooled as ``mice::pool.r.squared``: Fisher's z of R averaged, then back-transformed and squared."""
    return float(np.tanh(np.arctanh(np.sqrt(np.asarray(r2, dtype=float))).mean()) ** 2)


def _group_comparison(results: Sequence, ci_level: float) -> PooledResult:
    first = results[0]
    groups = [r.groups for r in results]
    levels = list(groups[0].index)
    if any(list(g.index) != levels for g in groups):
        raise AnalysisError("pooling: the groups differ between the imputations")
    n = first.n
    means = np.array([g["mean"].to_numpy() for g in groups])
    sizes = np.array([g["n"].to_numpy(dtype=float) for g in groups])  # per imputation: an imputed grouping moves people
    sd2 = np.array([g["sd"].to_numpy() ** 2 for g in groups])
    var_means = sd2 / sizes
    model: dict = {}
    if len(levels) == 2:
        if first.test == "welch":
            var = var_means.sum(axis=1)
        else:
            pooled = ((sizes[:, 0] - 1) * sd2[:, 0] + (sizes[:, 1] - 1) * sd2[:, 1]) / (sizes.sum(axis=1) - 2)
            var = pooled * (1 / sizes[:, 0] + 1 / sizes[:, 1])
        term = first.contrast  # "first − second", with the groups' display labels
        table = pool_table((means[:, 0] - means[:, 1])[:, None], var[:, None], [term], dfcom=float(n - 2), ci_level=ci_level)
        table["effect_size"] = np.mean([r.effect_size for r in results])
        table["effect_size_name"] = first.effect_size_name
        estimates = pd.DataFrame({term: means[:, 0] - means[:, 1]})
    else:
        table = pd.concat([pool_table(means[:, [i]], var_means[:, [i]], [lv], dfcom=float(sizes[:, i].mean() - 1), ci_level=ci_level)
                           for i, lv in enumerate(levels)])
        estimates = pd.DataFrame(means, columns=levels)
        if first.test in ("anova", "welch_anova") and first.df is not None:
            pooled_f = pool_f([r.statistic for r in results], first.df)
            model = {"f": pooled_f["statistic"], "df1": pooled_f["df1"], "df2": pooled_f["df2"], "p_value": pooled_f["p_value"]}
    return PooledResult("group_comparison", table, estimates.rename_axis("imputation"), len(results), n, ci_level, model,
                        subject=f"{first.dv} by {first.by}", labels=first.labels if isinstance(first.labels, Mapping) else None)


def _reliability(results: Sequence, ci_level: float) -> PooledResult:
    from .reliability import AlphaResult, feldt_ci

    tables = [r.summary() if isinstance(r, AlphaResult) else r.table for r in results]
    scales = list(tables[0].index)
    if any(list(t.index) != scales for t in tables):
        raise AnalysisError("pooling: the imputations' reliability tables name different scales")
    alphas = np.array([t["alpha"].to_numpy() for t in tables])
    k, n = tables[0]["k"].to_numpy(), tables[0]["n"].to_numpy()
    mean = alphas.mean(axis=0)
    ci = [feldt_ci(float(a), int(nn), int(kk), ci_level) for a, nn, kk in zip(mean, n, k)]
    table = pd.DataFrame(
        {"alpha": mean, "ci_low": [c[0] for c in ci], "ci_high": [c[1] for c in ci], "alpha_sd": alphas.std(axis=0, ddof=1),
         "alpha_min": alphas.min(axis=0), "alpha_max": alphas.max(axis=0), "k": k, "n": n},
        index=pd.Index(scales, name="scale"),
    )
    if "omega_total" in tables[0]:
        table["omega_total"] = np.array([t["omega_total"].to_numpy() for t in tables]).mean(axis=0)
    return PooledResult("reliability", table, pd.DataFrame(alphas, columns=scales).rename_axis("imputation"), len(results), int(n.max()),
                        ci_level, {}, subject="reliability")


def pool(results: Sequence, *, ci_level: float = 0.95) -> PooledResult:
    """Pool the results of one analysis run on each of ``m`` imputed data sets (Rubin's rules).

    Parameters
    ----------
    results : list of RegressionResult, GroupComparisonResult, AlphaResult or ReliabilityResult
        One per imputation, all of the same analysis (e.g. ``[regression(d, ...) for d in
        imputed.datasets()]``; :meth:`ImputationResult.pool` does this for a function).
    ci_level : float

    Returns
    -------
    PooledResult
        Regression: each coefficient pooled (ν_com = n − p, the residual df), with R² pooled through
        Fisher's z of R (``mice::pool.r.squared``). Group comparison: two groups pool the mean
        difference (Student's or Welch's variance, as the test; ν_com = n − 2) and average the
        effect size; more groups pool each group's mean and the ANOVA F by D2. Reliability: α is
        the mean over the imputations.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from survey.stats import regression
    >>> rng = np.random.default_rng(0)
    >>> sets = [pd.DataFrame({"x": np.arange(30.0), "y": np.arange(30.0) + rng.normal(size=30)}) for _ in range(3)]
    >>> pooled = pool([regression(d, "y", ["x"]) for d in sets])
    >>> pooled.table.loc["x", ["estimate", "df"]].round(2).tolist()
    [1.0, 23.74]
    """
    from .groups import GroupComparisonResult
    from .regression import RegressionResult
    from .reliability import AlphaResult, ReliabilityResult

    results = list(results)
    ci_level = check_ci_level(ci_level)
    if len(results) < 2:
        raise AnalysisError(f"pool: Rubin's rules need the results of at least two imputations, got {len(results)}")
    kinds = {type(r) for r in results}
    if len(kinds) > 1:
        raise AnalysisError(f"pool: the results are of different kinds: {sorted(k.__name__ for k in kinds)}")
    kind = kinds.pop()
    if kind is RegressionResult:
        return _regression(results, ci_level)
    if kind is GroupComparisonResult:
        if any(r.test in ("mann_whitney", "kruskal") for r in results):
            raise AnalysisError("pool: rank tests (Mann–Whitney, Kruskal–Wallis) have no Rubin's-rules pooling here; "
                                "compare means (test='student', 'welch', 'anova' or 'welch_anova')")
        if len({r.test for r in results}) > 1:
            raise AnalysisError(f"pool: the imputations ran different tests {sorted({r.test for r in results})}; fix test= so every imputation runs the same one")
        return _group_comparison(results, ci_level)
    if kind in (AlphaResult, ReliabilityResult):
        return _reliability(results, ci_level)
    raise AnalysisError(f"pool: no pooling rule for {kind.__name__}; pooled are RegressionResult, GroupComparisonResult, "
                        "AlphaResult and ReliabilityResult")
