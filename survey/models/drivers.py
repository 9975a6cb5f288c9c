"""Driver importance: Johnson's (2000) relative weights and general dominance (Shapley value of R²).

Both split the R² of a multiple regression among correlated predictors; both depend on the data
only through the correlation matrix, which is what they are computed from here.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from math import comb

import numpy as np
import pandas as pd

from .._bootstrap import failed_rows, percentile_ci, report_failures
from .._checks import check_ci_level, check_n_boot, check_not_singular, numeric_frame
from .._result import Result
from ..errors import AnalysisError
from ..findings import Finding, KeyedFindings

from ._resample import bootstrap_correlations

__all__ = ["RelativeWeightsResult", "DominanceResult", "relative_weights", "dominance"]

MAX_DOMINANCE_PREDICTORS = 15


def _prepare(df, outcome, predictors, what):
    predictors = list(predictors)
    if not predictors:
        raise AnalysisError(f"{what}: no predictors given")
    if outcome in predictors:
        raise AnalysisError(f"{what}: the outcome {outcome!r} is also listed as a predictor")
    frame = numeric_frame(df, [outcome, *predictors], what=what, min_rows=len(predictors) + 2)
    corr = np.corrcoef(frame.to_numpy(), rowvar=False)
    check_not_singular(corr[1:, 1:], predictors, what=what)
    return frame, predictors


def _raw_weights(corr: np.ndarray) -> np.ndarray:
    """Johnson's raw relative weights from the full correlation matrix (outcome first)."""
    rxx, rxy = corr[1:, 1:], corr[1:, 0]
    lam, q = np.linalg.eigh(rxx)
    lam = np.clip(lam, 0.0, None)
    lam_half = (q * np.sqrt(lam)) @ q.T  # the symmetric square root Λ*
    beta_star = np.linalg.solve(lam_half, rxy)
    return (lam_half**2) @ (beta_star**2)


def _boot_corrs(x: np.ndarray, n_boot: int, seed: int | None):
    return bootstrap_correlations(x, n_boot, seed)


def _share_finding(table, col: str, r2: float, outcome: str, method: str) -> Finding:
    """``drivers.shares`` (main): R² and each predictor's share of it, largest first."""
    top = table.sort_values(col, ascending=False)
    shares = [{"predictor": a, "percent": 100 * row["rescaled"]} for a, row in top.iterrows()]
    return Finding("drivers.shares", {"method": method, "outcome": outcome, "r2": r2, "r2_percent": 100 * r2, "shares": shares,
                                      "top": top.index[0]}, ids=(outcome, *top.index))


@dataclass(frozen=True)
class RelativeWeightsResult(KeyedFindings, Result):
    """Johnson's relative weights.

    ``table`` (one row per predictor): ``raw`` (sums to R²), ``rescaled`` (share of R², sums to
    1), with a bootstrap ``ci_low``/``ci_high`` (raw) and ``rescaled_ci_low``/``rescaled_ci_high``.
    """

    table: pd.DataFrame
    r2: float
    n: int
    outcome: str
    n_boot: int
    seed: int | None
    ci_level: float
    n_boot_failed: int = 0  # resamples that could not be computed (left out of the intervals)

    @property
    def raw(self) -> pd.Series:
        return self.table["raw"]

    @property
    def rescaled(self) -> pd.Series:
        return self.table["rescaled"]

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def finding_objects(self) -> list[Finding]:
        return [_share_finding(self.table, "raw", self.r2, self.outcome, "relative_weights")]

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.models import plot_relative_weights

        return plot_relative_weights(self, ax=ax, lang=lang)


def relative_weights(
    df: pd.DataFrame,
    outcome: str,
    predictors: Sequence[str],
    *,
    n_boot: int = 0,
    seed: int | None = None,
    ci_level: float = 0.95,
) -> RelativeWeightsResult:
    """Johnson's (2000) relative weights of correlated predictors.

    With R_xx = Q·diag(λ)·Q′ and Λ* = Q·diag(√λ)·Q′, β* = Λ*⁻¹·r_xy and
    εⱼ = Σₖ Λ*²ⱼₖ·β*ₖ²; the raw weights sum to R².

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame(rng.normal(size=(200, 3)), columns=["a", "b", "y"])
    >>> d["y"] += d.a
    >>> res = relative_weights(d, "y", ["a", "b"])
    >>> bool(abs(res.raw.sum() - res.r2) < 1e-12)
    True
    """
    what = "relative weights"
    check_ci_level(ci_level)
    n_boot = check_n_boot(n_boot)
    frame, predictors = _prepare(df, outcome, predictors, what)
    x = frame.to_numpy()
    corr = np.corrcoef(x, rowvar=False)
    raw = _raw_weights(corr)
    r2 = float(raw.sum())
    table = pd.DataFrame({"raw": raw, "rescaled": raw / r2}, index=pd.Index(predictors, name="predictor"))
    n_failed = 0
    if n_boot:
        draws = np.full((n_boot, len(predictors)), np.nan)
        for b, c in enumerate(_boot_corrs(x, n_boot, seed)):
            if c is not None:
                try:
                    draws[b] = _raw_weights(c)
                except np.linalg.LinAlgError:
                    pass
        n_failed = failed_rows(draws)
        report_failures(n_failed, n_boot, what="relative_weights", why="a constant or collinear predictor in the resample")
        lo, hi = percentile_ci(draws, ci_level)
        table["ci_low"], table["ci_high"] = lo, hi
        share = draws / draws.sum(axis=1, keepdims=True)
        lo, hi = percentile_ci(share, ci_level)
        table["rescaled_ci_low"], table["rescaled_ci_high"] = lo, hi
    return RelativeWeightsResult(table=table, r2=r2, n=len(frame), outcome=outcome, n_boot=n_boot, seed=seed, ci_level=ci_level,
                                 n_boot_failed=n_failed)


def _all_r2(corr: np.ndarray, p: int) -> dict[tuple[int, ...], float]:
    rxx, rxy = corr[1:, 1:], corr[1:, 0]
    out: dict[tuple[int, ...], float] = {(): 0.0}
    for k in range(1, p + 1):
        for s in itertools.combinations(range(p), k):
            idx = list(s)
            r = rxy[idx]
            out[s] = float(r @ np.linalg.solve(rxx[np.ix_(idx, idx)], r))
    return out


def _dominance(corr: np.ndarray, p: int) -> tuple[np.ndarray, np.ndarray, float]:
    """General dominance (length p) and conditional dominance (p × p, by subset size)."""
    r2 = _all_r2(corr, p)
    cond = np.zeros((p, p))
    for j in range(p):
        others = [i for i in range(p) if i != j]
        for k in range(p):
            total = 0.0
            for s in itertools.combinations(others, k):
                with_j = tuple(sorted((*s, j)))
                total += r2[with_j] - r2[s]
            cond[j, k] = total / comb(p - 1, k)
    return cond.mean(axis=1), cond, r2[tuple(range(p))]


@dataclass(frozen=True)
class DominanceResult(KeyedFindings, Result):
    """General dominance weights (Shapley values of R²).

    ``table``: ``general`` (sums to R²), ``rescaled`` (share of R²), with a bootstrap
    ``ci_low``/``ci_high``; ``conditional`` holds the average gain in R² by subset size
    (columns ``k0`` … ``k{p−1}``), whose row means are the general weights.
    """

    table: pd.DataFrame
    conditional: pd.DataFrame
    r2: float
    n: int
    outcome: str
    n_boot: int
    seed: int | None
    ci_level: float
    n_boot_failed: int = 0  # resamples that could not be computed (left out of the intervals)

    @property
    def general(self) -> pd.Series:
        return self.table["general"]

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def finding_objects(self) -> list[Finding]:
        return [_share_finding(self.table, "general", self.r2, self.outcome, "dominance")]


def dominance(
    df: pd.DataFrame,
    outcome: str,
    predictors: Sequence[str],
    *,
    n_boot: int = 0,
    seed: int | None = None,
    ci_level: float = 0.95,
) -> DominanceResult:
    """General dominance analysis (Budescu 1993; Azen & Budescu 2003): the Shapley value of R².

    Fits all 2^p − 1 subset regressions (p ≤ 15), so a bootstrap costs n_boot times that.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame(rng.normal(size=(200, 3)), columns=["a", "b", "y"])
    >>> d["y"] += d.a
    >>> res = dominance(d, "y", ["a", "b"])
    >>> bool(abs(res.general.sum() - res.r2) < 1e-12)
    True
    """
    what = "dominance analysis"
    check_ci_level(ci_level)
    n_boot = check_n_boot(n_boot)
    if len(list(predictors)) > MAX_DOMINANCE_PREDICTORS:
        raise AnalysisError(f"{what}: at most {MAX_DOMINANCE_PREDICTORS} predictors (2^p subset models); "
                            f"got {len(list(predictors))}. Use relative_weights() instead")
    frame, predictors = _prepare(df, outcome, predictors, what)
    p = len(predictors)
    x = frame.to_numpy()
    corr = np.corrcoef(x, rowvar=False)
    general, cond, r2 = _dominance(corr, p)
    table = pd.DataFrame({"general": general, "rescaled": general / r2}, index=pd.Index(predictors, name="predictor"))
    n_failed = 0
    if n_boot:
        draws = np.full((n_boot, p), np.nan)
        for b, c in enumerate(_boot_corrs(x, n_boot, seed)):
            if c is not None:
                try:
                    draws[b] = _dominance(c, p)[0]
                except np.linalg.LinAlgError:
                    pass
        n_failed = failed_rows(draws)
        report_failures(n_failed, n_boot, what="dominance", why="a constant or collinear predictor in the resample")
        lo, hi = percentile_ci(draws, ci_level)
        table["ci_low"], table["ci_high"] = lo, hi
    conditional = pd.DataFrame(cond, index=pd.Index(predictors, name="predictor"), columns=[f"k{k}" for k in range(p)])
    return DominanceResult(table=table, conditional=conditional, r2=r2, n=len(frame), outcome=outcome,
                           n_boot=n_boot, seed=seed, ci_level=ci_level, n_boot_failed=n_failed)
