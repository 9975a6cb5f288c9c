"""Effect sizes for group differences, with confidence intervals.

Formulas (checked against hand computations in R, tests/reference/differences/):

- Cohen's d = (M1 − M2) / SD_pooled; Hedges' g = d·J with the exact small-sample factor
  J = Γ(m/2) / (√(m/2)·Γ((m−1)/2)), m = n1 + n2 − 2.
- CI of d by inverting the noncentral t (Steiger & Fouladi 1997): find the noncentrality δ with
  P(T ≤ t | δ) = 1 − a/2 and a/2, then d = δ·√(1/n1 + 1/n2); the g interval is J times that.
- rank-biserial r = 2·U1/(n1·n2) − 1 (positive when the first group ranks higher); CI on the
  Fisher-z scale with se = √((n1 + n2 + 1) / (3·n1·n2)) (as in R's effectsize::rank_biserial).
- η² = SS_between / SS_total; ω² = (SS_between − (k − 1)·MS_within) / (SS_total + MS_within);
  CI of η² by inverting the noncentral F: η² = λ / (λ + N).
- ε² (Kruskal–Wallis) = H / (N − 1) (Tomczak & Tomczak 2014).

>>> round(cohen_d([1, 2, 3, 4], [2, 3, 4, 5, 6]), 4)
-1.0247
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize, special, stats

__all__ = [
    "cohen_d",
    "hedges_j",
    "d_ci",
    "rank_biserial",
    "rank_biserial_ci",
    "eta_squared_ci",
]


def cohen_d(x, y) -> float:
    """Cohen's d with the pooled standard deviation (first group minus second)."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    n1, n2 = len(x), len(y)
    sp = math.sqrt(((n1 - 1) * x.var(ddof=1) + (n2 - 1) * y.var(ddof=1)) / (n1 + n2 - 2))
    return float((x.mean() - y.mean()) / sp)


def hedges_j(df: float) -> float:
    """The exact small-sample correction factor of Hedges' g."""
    return float(math.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / math.sqrt(df / 2))


def _nc_bound(cdf, stat: float, target: float, lo: float, hi: float) -> float:
    """Noncentrality ν with cdf(stat, ν) = target; cdf decreases in ν."""
    f = lambda nc: cdf(stat, nc) - target  # noqa: E731
    while f(lo) < 0:
        lo -= max(10.0, abs(lo))
    while f(hi) > 0:
        hi += max(10.0, abs(hi))
    return float(optimize.brentq(f, lo, hi, xtol=1e-12, rtol=1e-12, maxiter=500))


def d_ci(d: float, n1: int, n2: int, ci_level: float = 0.95) -> tuple[float, float]:
    """CI of Cohen's d by inverting the noncentral t distribution."""
    scale = math.sqrt(1 / n1 + 1 / n2)
    t = d / scale
    df = n1 + n2 - 2
    a = 1 - ci_level

    def cdf(s, nc):
        v = float(stats.nct.cdf(s, df, nc))
        if math.isnan(v):  # scipy's nct returns NaN far in a tail (t and δ of opposite signs)
            v = 0.0 if s < nc else 1.0
        return v

    lo = _nc_bound(cdf, t, 1 - a / 2, t - 10, t + 10)
    hi = _nc_bound(cdf, t, a / 2, t - 10, t + 10)
    return lo * scale, hi * scale


def rank_biserial(u1: float, n1: int, n2: int) -> float:
    """Rank-biserial correlation from the Mann–Whitney U of the first group."""
    return float(2 * u1 / (n1 * n2) - 1)


def rank_biserial_ci(r: float, n1: int, n2: int, ci_level: float = 0.95) -> tuple[float, float]:
    """Fisher-z CI of the rank-biserial correlation (se = √((n1+n2+1)/(3·n1·n2)))."""
    se = math.sqrt((n1 + n2 + 1) / (3 * n1 * n2))
    z = stats.norm.ppf(0.5 + ci_level / 2)
    zr = math.atanh(min(max(r, -1 + 1e-15), 1 - 1e-15))
    return math.tanh(zr - z * se), math.tanh(zr + z * se)


def eta_squared_ci(f: float, df1: float, df2: float, ci_level: float = 0.95) -> tuple[float, float]:
    """Two-sided CI of η² (one-way) by inverting the noncentral F: η² = λ / (λ + df1 + df2 + 1)."""
    a = 1 - ci_level
    n = df1 + df2 + 1

    def cdf(s, nc):
        return stats.ncf.cdf(s, df1, df2, nc) if nc > 0 else stats.f.cdf(s, df1, df2)

    def bound(target):
        if stats.f.cdf(f, df1, df2) <= target:
            return 0.0
        return _nc_bound(cdf, f, target, 0.0, max(10.0, f * df1 * 2))

    lam_lo = bound(1 - a / 2)
    lam_hi = bound(a / 2)
    return lam_lo / (lam_lo + n), lam_hi / (lam_hi + n)
