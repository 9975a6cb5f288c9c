"""Weighted estimates with design-based (linearisation) standard errors, as R's ``survey`` package
computes them; the weights themselves (design weights, raking, trimming, Kish's effective n) are
made in :mod:`survey.prep.weighting` and re-exported here.

Raked weights remember the margins they were raked to (``weights.attrs["raking"]``), and every
weighted statistic uses them: its linearised variance takes the raking into account as R's ``svyrecvar`` does for a
raked design (ten backfitting sweeps that remove each margin's category means from the influence
values, weighted by the final weights). Weights without that attribute are taken as fixed
(``svydesign(ids = ~1, weights = ~w)``); so are raked weights whose record is dropped
(``weights.attrs.clear()``), which is right when they were changed by hand after raking. Either way the design is one stage, with replacement, no
strata and no clusters: V = n/(n−1)·Σ(zᵢ − z̄)(zᵢ − z̄)ᵀ over all n rows of the design, where zᵢ is
respondent i's influence value (0 outside the domain: a group, or the rows with an answer).

The design effect of an estimate is R's ``deff = "replace"``: its variance over that of the mean of
a simple random sample of the same size drawn with replacement (weighted variance ·m/(m−1) over m
answers). Kish's effective sample size is (Σw)²/Σw², and his design effect of weighting n/n_eff =
1 + CV². Checked against R ``survey`` 4.1 (``rake``, ``svymean``, ``svytotal``, ``svyby``,
``svyglm``) in ``tests/reference/weights``.

>>> import pandas as pd
>>> df = pd.DataFrame({"g": ["a", "a", "b", "b", "b"], "y": [1.0, 2.0, 3.0, 4.0, 5.0]})
>>> w = rake(df, {"g": {"a": 50, "b": 50}})
>>> w.tolist()
[25.0, 25.0, 16.666666666666668, 16.666666666666668, 16.666666666666668]
>>> round(weighted_mean(df["y"], w).estimate, 6)
2.75
"""

# re-exported from survey.prep.weighting: WeightingResult, check_weights, design_effect, effective_n, rake, weighting

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._checks import check_ci_level
from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_num
from ..prep.weighting import WeightingResult, check_weights, design_effect, effective_n, levels_of, rake, weighting

__all__ = [
    "WeightedMeanResult",
    "WeightingResult",
    "design_effect",
    "effective_n",
    "rake",
    "suppress_small",
    "weighted_mean",
    "weighted_proportions",
    "weighting",
]

SWEEPS = 10  # R survey's svyrecvar: backfitting sweeps over the margins of a raked design


# ---- the linearised variance ---------------------------------------------------------------------
def _calibrate(z: np.ndarray, w: np.ndarray, raking: pd.DataFrame | None) -> np.ndarray:
    """Influence values after R's raking adjustment: each sweep subtracts, per margin, w times the
    category mean of z/w (svyrecvar's ``x - psw * ave(x/psw, margin)``)."""
    if raking is None:
        return z
    codes = [pd.factorize(raking[c])[0] for c in raking.columns]
    z = z.copy()
    for _ in range(SWEEPS):
        for code in codes:
            ratio = z / w[:, None]
            sums = np.zeros((code.max() + 1, z.shape[1]))
            np.add.at(sums, code, ratio)
            z -= w[:, None] * (sums / np.bincount(code)[:, None])[code]
    return z


def influence_covariance(z: np.ndarray, w: np.ndarray, raking: pd.DataFrame | None = None) -> np.ndarray:
    """Covariance of estimates with influence values ``z`` (n × k, over all rows of the design):
    n/(n−1)·Σ(zᵢ − z̄)(zᵢ − z̄)ᵀ after the raking adjustment (R's ``svyrecvar``, one stage)."""
    z = _calibrate(np.asarray(z, dtype=float).reshape(len(w), -1), w, raking)
    n = len(z)
    centred = z - z.mean(axis=0)
    return centred.T @ centred * n / (n - 1)


# ---- weighted means, totals, proportions ---------------------------------------------------------
@dataclass(frozen=True)
class WeightedMeanResult(Result):
    """Weighted (design-based) estimates. ``table``: per variable (and group) ``n`` (answers; for
    proportions, the respondents in the category),
    ``estimate``, ``se`` (linearised), ``ci_low``, ``ci_high`` (normal), ``deff`` (variance over that
    of a simple random sample of the same size, with replacement; NaN for group rows), ``sd``
    (weighted). ``raked``: whether the SEs take the raking into account."""

    table: pd.DataFrame
    statistic: str
    raked: bool
    ci_level: float

    @property
    def estimate(self) -> float:
        return float(self.table["estimate"].iloc[0])

    @property
    def se(self) -> float:
        return float(self.table["se"].iloc[0])

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        out = []
        for key, row in self.table.iterrows():
            if row.get("suppressed", False):
                continue
            est, se = fmt_num(row["estimate"], style=style), fmt_num(row["se"], style=style)
            out.append(f"{key}的加权{'均值' if self.statistic == 'mean' else '估计'}为{est}（SE = {se}）。" if lang == "zh"
                       else f"{key}: weighted {self.statistic} {est} (SE = {se}).")
        return out


def _series(x, weights, dtype=None) -> pd.Series:
    """``x`` as a Series; an array takes the index of Series weights of its length (same order)."""
    if isinstance(x, pd.Series):
        return x
    values = np.asarray(x, dtype=dtype)
    index = weights.index if isinstance(weights, pd.Series) and len(weights) == len(values) else None
    return pd.Series(values, index=index)


def _vector(x, weights, what: str) -> pd.Series:
    if isinstance(x, pd.DataFrame):
        raise AnalysisError(f"{what} takes one variable (a Series or array); use weighted descriptives for a table")
    s = _series(x, weights)
    if not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
        raise AnalysisError(f"{what}: values are not numeric (convert labels to codes first)")
    return s.astype(float)


def mean_rows(y: np.ndarray, w: np.ndarray, raking, domains: Mapping[object, np.ndarray]) -> list[dict]:
    """Weighted mean, linearised SE, deff and weighted SD of ``y`` within each domain (boolean
    masks over all rows; missing answers are outside every domain)."""
    answered = np.isfinite(y)
    rows = []
    for key, mask in domains.items():
        d = mask & answered
        m = int(d.sum())
        if m == 0:
            raise AnalysisError(f"weighted mean: no answers in {key!r}")
        wd = np.where(d, w, 0.0)
        total = wd.sum()
        est = float(np.sum(wd * np.where(d, y, 0.0)) / total)
        z = wd * (np.where(d, y, est) - est) / total
        var = float(influence_covariance(z[:, None], w, raking)[0, 0])
        wvar = float(np.sum(wd * (np.where(d, y, est) - est) ** 2) / total * m / (m - 1)) if m > 1 else float("nan")
        rows.append({"key": key, "n": m, "estimate": est, "se": np.sqrt(var), "deff": var / (wvar / m) if m > 1 and wvar > 0 else float("nan"),
                     "sd": np.sqrt(wvar)})
    return rows


def _with_ci(rows: list[dict], ci_level: float, index_name: str) -> pd.DataFrame:
    from scipy import stats

    table = pd.DataFrame(rows).set_index("key")
    table.index.name = index_name
    q = stats.norm.ppf(0.5 + ci_level / 2)
    table.insert(3, "ci_low", table["estimate"] - q * table["se"])
    table.insert(4, "ci_high", table["estimate"] + q * table["se"])
    return table


def weighted_mean(x, weights, *, by=None, ci_level: float = 0.95, suppress_below: int | None = None) -> WeightedMeanResult:
    """Weighted mean with its design-based (linearised) SE, as R's ``svymean`` (``na.rm = TRUE``).

    Parameters
    ----------
    x : Series or array
        One numeric variable; missing values are left out of the estimate (a domain), but the
        variance is taken over all rows of the design, as R does.
    weights : Series or array
        Positive weights, aligned with ``x``. Raked weights (from :func:`rake`) give the SE of a
        raked design; others are taken as fixed.
    by : Series or array, optional
        Groups: one row per group (R's ``svyby(~x, ~by, design, svymean)``) after the overall row.
    suppress_below : int, optional
        Group rows of fewer answers are hidden (see :func:`suppress_small`).

    Examples
    --------
    >>> round(weighted_mean([1, 2, 3, 4], [1, 1, 2, 2]).estimate, 6)
    2.833333
    """
    what = "weighted_mean"
    ci_level = check_ci_level(ci_level)
    s = _vector(x, weights, what)
    w, raking = check_weights(weights, s.index, what=what)
    y = s.to_numpy()
    domains = {s.name if s.name is not None else "x": np.ones(len(y), bool)}
    if by is not None:
        g = by if isinstance(by, pd.Series) else pd.Series(np.asarray(by), index=s.index)
        if len(g) != len(s):
            raise AnalysisError(f"{what}: {len(g)} group values for {len(s)} rows")
        g = g.reindex(s.index) if not g.index.equals(s.index) else g
        domains.update({level: (g == level).to_numpy() for level in levels_of(g)})
    table = _with_ci(mean_rows(y, w, raking, domains), ci_level, "variable")
    table = suppress_small(table, suppress_below, rows=np.arange(len(table)) > 0)
    return WeightedMeanResult(table=table, statistic="mean", raked=raking is not None, ci_level=ci_level)


def weighted_proportions(x, weights, *, ci_level: float = 0.95, suppress_below: int | None = None) -> WeightedMeanResult:
    """Weighted share of each category of ``x`` among the answers, with linearised SEs (R's
    ``svymean(~factor(x), design)``); rows are the categories in sorted order. Categories of fewer
    than ``suppress_below`` respondents are hidden, with a second one when a single one would be
    (see :func:`suppress_small`).

    >>> weighted_proportions(["a", "b", "b"], [2, 1, 1]).table["estimate"].tolist()
    [0.5, 0.5]
    """
    what = "weighted_proportions"
    ci_level = check_ci_level(ci_level)
    s = _series(x, weights, dtype=object)
    w, raking = check_weights(weights, s.index, what=what)
    answered = s.notna().to_numpy()
    if not answered.any():
        raise AnalysisError(f"{what}: no answers")
    rows = []
    for level in levels_of(s):
        y = np.where(answered, (s == level).to_numpy(float), np.nan)
        row = mean_rows(y, w, raking, {level: np.ones(len(y), bool)})[0]
        rows.append({**row, "n": int((s == level).sum())})
    table = suppress_small(_with_ci(rows, ci_level, "category"), suppress_below, complementary=True)
    return WeightedMeanResult(table=table, statistic="proportion", raked=raking is not None, ci_level=ci_level)


def suppress_small(table: pd.DataFrame, below: int | None, *, rows=None, complementary: bool = False) -> pd.DataFrame:
    """Hide cells of fewer than ``below`` respondents: every number of such a row (``n`` included)
    becomes <NA> (nullable columns) and ``suppressed`` is True. ``rows``: the rows that may be
    hidden (default all; an overall row is never hidden). With ``complementary``, when exactly one
    row would be hidden the next smallest is hidden too (shares that sum to 1 would reveal it)."""
    if below is None:
        return table
    if isinstance(below, bool) or not isinstance(below, int) or below < 1:
        raise AnalysisError(f"suppress_below must be a positive integer or None, got {below!r}")
    table = table.copy()
    n = table["n"].to_numpy()
    eligible = np.ones(len(table), bool) if rows is None else np.asarray(rows, bool)
    hidden = eligible & (n < below)
    if complementary and hidden.sum() == 1 and (eligible & ~hidden).any():
        rest = np.flatnonzero(eligible & ~hidden)
        hidden[rest[np.argmin(n[rest])]] = True
    numbers = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]
    table = table.astype({c: "Int64" if pd.api.types.is_integer_dtype(table[c]) else "Float64" for c in numbers})
    table.loc[hidden, numbers] = pd.NA
    table["suppressed"] = hidden
    return table


def weighted_total(x, weights) -> tuple[float, float]:
    """Weighted total Σwᵢxᵢ and its linearised SE (R's ``svytotal``); x must be complete."""
    s = _vector(x, weights, "weighted_total")
    w, raking = check_weights(weights, s.index, what="weighted_total")
    y = s.to_numpy()
    if not np.isfinite(y).all():
        raise AnalysisError("weighted_total: missing values; a total over the answers is not a population total")
    return float(w @ y), float(np.sqrt(influence_covariance((w * y)[:, None], w, raking)[0, 0]))


# ---- weighted least squares with the design-based variance (svyglm, gaussian) -----------------------
def weighted_ols(y: np.ndarray, x: np.ndarray, names: Sequence[str], ci_level: float, *, w: np.ndarray, rows: np.ndarray,
                 raking: pd.DataFrame | None) -> dict:
    """WLS fit of ``y`` on ``x`` (the complete rows) with R ``svyglm``'s sandwich covariance.

    ``w`` holds the weights of all n rows of the design and ``rows`` the positions of the complete
    rows in it: the influence values (X·e·w times the inverse of X′WX) are 0 elsewhere, and the
    variance is taken over all n rows, raked or not. The residual df is n_used − p (svyglm's
    ``degf + 1 − p``); t tests and CIs use it. R² is the weighted 1 − Σwe²/Σw(y − ȳ_w)²; the model F
    is the Wald test of all slopes (``regTermTest(method = "Wald")``); β uses weighted SDs, VIF the
    weighted correlations of the predictors. Returns the fields of ``regression.ols_fit``.
    """
    from scipy import stats

    n_used, k = x.shape
    X = np.column_stack([np.ones(n_used), x])
    wu = w[rows]
    xtwx = X.T @ (X * wu[:, None])
    try:
        ainv = np.linalg.inv(xtwx)
    except np.linalg.LinAlgError:
        raise AnalysisError(f"weighted regression: the weighted predictors are singular ({list(names)})") from None
    b = ainv @ (X.T @ (wu * y))
    e = y - X @ b
    z = np.zeros((len(w), k + 1))
    z[rows] = (X * (e * wu)[:, None]) @ ainv
    cov = influence_covariance(z, w, raking)
    se = np.sqrt(np.diag(cov))
    df2 = n_used - (k + 1)
    tval = b / se
    q = stats.t.ppf(0.5 + ci_level / 2, df2)
    ybar = np.average(y, weights=wu)
    r2 = 1 - float(wu @ e**2) / float(wu @ (y - ybar) ** 2)
    cxx = np.cov(np.column_stack([x, y]), rowvar=False, aweights=wu)
    sd = np.sqrt(np.diag(cxx))
    vif = np.diag(np.linalg.inv(cxx[:k, :k] / np.outer(sd[:k], sd[:k]))) if k > 1 else np.ones(1)
    f, _, p_model = wald_test(b[1:], cov[1:, 1:], df2)
    coefs = pd.DataFrame(
        {"estimate": b, "se": se, "beta": np.r_[0.0, b[1:] * sd[:k] / sd[k]], "statistic": tval,
         "p_value": 2 * stats.t.sf(np.abs(tval), df2), "ci_low": b - q * se, "ci_high": b + q * se,
         "vif": np.r_[np.nan, vif], "tolerance": np.r_[np.nan, 1 / vif]},
        index=pd.Index(["(Intercept)", *names], name="term"),
    )
    return {"coefficients": coefs, "covariance": cov, "r2": r2, "adj_r2": 1 - (1 - r2) * (n_used - 1) / df2, "f": f,
            "df1": float(k), "df2": float(df2), "p_value": p_model, "sigma": float(np.sqrt(wu @ e**2 / wu.sum()))}


def wald_test(b: np.ndarray, cov: np.ndarray, df2: float) -> tuple[float, float, float]:
    """Wald F = b′V⁻¹b / k on (k, df2) degrees of freedom: (F, k, p), as ``regTermTest``."""
    from scipy import stats

    k = len(b)
    f = float(b @ np.linalg.solve(cov, b) / k)
    return f, float(k), float(stats.f.sf(f, k, df2))
