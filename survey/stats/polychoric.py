"""Polychoric and polyserial correlations: the correlation of the normal variables behind ordinal answers.

Each ordinal item is read as a standard normal variable cut at thresholds τ; the thresholds come
from the item's cumulative proportions (τ_k = Φ⁻¹(P(X ≤ k))) and the correlation ρ maximises the
bivariate-normal likelihood of the pair's contingency table, thresholds held fixed ("two-step",
Olsson 1979). ``estimator="ml"`` on a single pair estimates ρ and the thresholds jointly.

Conventions (see ``tests/reference/polychoric/polychoric.R``):

- :func:`polychoric` (the matrix) follows R ``psych::polychoric``'s defaults: thresholds are
  global, from each item's answers over every respondent who gave one (``thresholds="global"``);
  with ``thresholds="pairwise"`` they come from the pair's table, empty cells get ``correct``
  (0.5) respondents first, as psych does when items differ in their number of categories; a
  matrix that is not positive definite is smoothed like ``psych::cor.smooth`` and says so.
- :func:`polychoric_pair` and :func:`polyserial` follow R ``polycor::polychor`` /
  ``polycor::polyserial`` (``std.err = TRUE``): thresholds from the pair, no continuity correction,
  standard errors from the observed information, and a likelihood-ratio test of bivariate
  normality (G² against the saturated table, df = r·c − r − c).

Categories are an item's distinct answered values in order; a code never chosen carries no
information about a threshold and is not a category (psych and polycor drop it too). The
rectangle probabilities use Genz's (2004) bivariate normal algorithm, vectorised over every pair,
so a 40-item matrix is one batch of one-dimensional Newton steps.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from .._checks import numeric_frame
from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings.format import fmt_num
from ._threads import single_thread

__all__ = [
    "PolychoricResult",
    "PolychoricPairResult",
    "polychoric",
    "polychoric_pair",
    "polyserial",
    "bvn_cdf",
    "CORRELATIONS",
]

#: The correlations a psychometric function accepts as ``cor=``.
CORRELATIONS = ("pearson", "polychoric")
MAX_CATEGORIES = 10
MAX_RHO = 0.9999  # polycor's maxcor
_X, _W = np.polynomial.legendre.leggauss(20)
_TWO_PI = 2 * math.pi


# ----------------------------------------------------------------------------------------------
# the bivariate normal
# ----------------------------------------------------------------------------------------------


def _bvn_upper(h: np.ndarray, k: np.ndarray, r: np.ndarray) -> np.ndarray:
    """P(X > h, Y > k) for finite h, k and |r| < 1 (Genz 2004, BVNU, 20-point Gauss–Legendre)."""
    out = np.empty(h.shape)
    low = np.abs(r) < 0.925
    if low.any():
        hl, kl, rl = h[low], k[low], r[low]
        asr = np.arcsin(rl)[:, None]
        sn = np.sin(asr * (_X + 1) / 2)
        terms = np.exp((sn * (hl * kl)[:, None] - ((hl * hl + kl * kl) / 2)[:, None]) / (1 - sn * sn))
        out[low] = (terms @ _W) * asr[:, 0] / (2 * _TWO_PI) + special.ndtr(-hl) * special.ndtr(-kl)
    high = ~low
    if high.any():
        hh, rr = h[high], r[high]
        kk = np.where(rr < 0, -k[high], k[high])
        hk = hh * kk
        a2 = (1 - rr) * (1 + rr)
        a = np.sqrt(a2)
        bs = (hh - kk) ** 2
        c = (4 - hk) / 8
        d = (12 - hk) / 16
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            bvn = a * np.exp(-(bs / a2 + hk) / 2) * (1 - c * (bs - a2) * (1 - d * bs / 5) / 3 + c * d * a2 * a2 / 5)
            b = np.sqrt(bs)
            tail = np.exp(-hk / 2) * math.sqrt(_TWO_PI) * special.ndtr(-b / a) * b * (1 - c * bs * (1 - d * bs / 5) / 3)
            bvn = bvn - np.where(hk > -160, tail, 0.0)
            half = (a / 2)[:, None]
            xs = (half * (_X + 1)) ** 2
            rs = np.sqrt(1 - xs)
            hk2, c2, d2 = hk[:, None], c[:, None], d[:, None]
            t = np.exp(-(bs[:, None] / xs + hk2) / 2) * (np.exp(-hk2 * (1 - rs) / (2 * (1 + rs))) / rs - (1 + c2 * xs * (1 + d2 * xs)))
            bvn = -(bvn + half[:, 0] * (t @ _W)) / _TWO_PI
        out[high] = np.where(
            rr > 0,
            bvn + special.ndtr(-np.maximum(hh, kk)),
            -bvn + np.maximum(0.0, special.ndtr(-hh) - special.ndtr(-kk)),
        )
    return out


def bvn_cdf(h, k, rho) -> np.ndarray:
    """Standard bivariate normal CDF P(X ≤ h, Y ≤ k) with correlation ``rho``, vectorised.

    Infinite limits are allowed; |rho| must be below 1. Accurate to about 1e-15 (Genz 2004).

    >>> round(float(bvn_cdf(0.0, 0.0, 0.5)), 12)   # 1/4 + asin(.5)/(2π) = 1/3
    0.333333333333
    """
    h, k, r = (np.asarray(v, dtype=float) for v in np.broadcast_arrays(h, k, rho))
    out = np.zeros(h.shape)
    finite = np.isfinite(h) & np.isfinite(k)
    if finite.any():
        out[finite] = _bvn_upper(-h[finite], -k[finite], r[finite])
    h_inf, k_inf = np.isposinf(h), np.isposinf(k)
    out[h_inf & np.isfinite(k)] = special.ndtr(k[h_inf & np.isfinite(k)])
    out[k_inf & np.isfinite(h)] = special.ndtr(h[k_inf & np.isfinite(h)])
    out[h_inf & k_inf] = 1.0
    out[np.isneginf(h) | np.isneginf(k)] = 0.0
    return out


def _grids(a: np.ndarray, b: np.ndarray, rho: np.ndarray):
    """CDF, density and d(density)/dρ on the threshold grids a (m × R) × b (m × C), one ρ per row."""
    h = a[:, :, None]
    k = b[:, None, :]
    r = np.broadcast_to(rho[:, None, None], np.broadcast_shapes(h.shape, k.shape))
    hb, kb = np.broadcast_arrays(h, k)
    cdf = bvn_cdf(hb, kb, r)
    finite = np.isfinite(hb) & np.isfinite(kb)
    hf, kf = np.where(finite, hb, 0.0), np.where(finite, kb, 0.0)
    s = 1 - r * r
    q = hf * hf - 2 * r * hf * kf + kf * kf
    dens = np.where(finite, np.exp(-q / (2 * s)) / (_TWO_PI * np.sqrt(s)), 0.0)
    ddens = dens * (r / s + hf * kf / s - r * q / (s * s))
    return cdf, dens, ddens


def _cells(grid: np.ndarray) -> np.ndarray:
    """Rectangle values from a grid of corner values (double difference)."""
    return np.diff(np.diff(grid, axis=1), axis=2)


def _loglik_terms(tab, a, b, rho):
    """Cell probabilities and the log-likelihood's first and second derivatives in ρ."""
    cdf, dens, ddens = _grids(a, b, rho)
    p = _cells(cdf)
    d1 = _cells(dens)
    d2 = _cells(ddens)
    used = tab > 0
    pp = np.where(used, np.maximum(p, 1e-300), 1.0)
    g = np.where(used, tab * d1 / pp, 0.0).sum(axis=(1, 2))
    hess = np.where(used, tab * (d2 / pp - (d1 / pp) ** 2), 0.0).sum(axis=(1, 2))
    return p, g, hess


def _two_step(tab: np.ndarray, a: np.ndarray, b: np.ndarray, start: np.ndarray, *, tol: float = 1e-10, max_iter: int = 100):
    """ρ maximising Σ n log P(ρ) for every table at once (safeguarded Newton), with −∂²ℓ/∂ρ².

    Each table keeps a bracket [lo, hi] on the sign of the score; a Newton step that leaves it, or
    a convex point, is replaced by bisection, so every table converges; converged ones stop.
    """
    lo = np.full(len(start), -MAX_RHO)
    hi = np.full(len(start), MAX_RHO)
    rho = np.clip(np.nan_to_num(start), -0.99, 0.99)
    active = np.arange(len(rho))
    for _ in range(max_iter):
        r = rho[active]
        _, g, hess = _loglik_terms(tab[active], a[active], b[active], r)
        lo[active] = np.where(g > 0, r, lo[active])
        hi[active] = np.where(g > 0, hi[active], r)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = r - g / hess
        ok = (hess < 0) & (newton > lo[active]) & (newton < hi[active])
        new = np.where(ok, newton, (lo[active] + hi[active]) / 2)
        rho[active] = new
        active = active[np.abs(new - r) >= tol]
        if not active.size:
            break
    p, g, hess = _loglik_terms(tab, a, b, rho)
    return rho, -hess, p


# ----------------------------------------------------------------------------------------------
# tables and thresholds
# ----------------------------------------------------------------------------------------------


def _rank_codes(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of x in order and each value's rank; O(n) for small whole-number codes."""
    low, high = x.min(), x.max()
    if high - low < 1000 and np.array_equal(x, np.floor(x)):
        offset = (x - low).astype(np.int64)
        present = np.bincount(offset, minlength=int(high - low) + 1) > 0
        rank = np.cumsum(present) - 1
        return np.flatnonzero(present) + low, rank[offset]
    return np.unique(x, return_inverse=True)


def _ordinal_codes(frame: pd.DataFrame, *, what: str, max_categories: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """Each item's answers as category numbers 0..c−1 (−1 missing) and its category values."""
    values = frame.to_numpy()
    codes = np.full(values.shape, -1, dtype=np.int64)
    levels = []
    many = []
    for j, col in enumerate(frame.columns):
        x = values[:, j]
        ok = ~np.isnan(x)
        level, codes[ok, j] = _rank_codes(x[ok])
        if len(level) > max_categories:
            many.append(f"{col} ({len(level)})")
        levels.append(level)
    if many:
        raise AnalysisError(
            f"{what}: items with more than {max_categories} categories are not ordinal answers: {many}; "
            "use the Pearson correlation, or polyserial for a continuous partner"
        )
    return codes, levels


def _pair_tables(codes: np.ndarray, size: int, pairs: np.ndarray, *, chunk: int = 16_384) -> np.ndarray:
    """Contingency tables (pairs × size × size) of the pairwise-complete answers.

    All tables at once: the cross-product of the items' one-hot (indicator) matrix, built over
    chunks of respondents; a missing answer has no indicator, so each table holds the pair's
    complete answers. Counts are exact (integers in float64).
    """
    n, k = codes.shape
    cross = np.zeros((k * size, k * size))
    offsets = np.arange(k) * size
    with single_thread():
        for start in range(0, n, chunk):
            block = codes[start : start + chunk]
            rows, cols = np.nonzero(block >= 0)
            onehot = np.zeros((len(block), k * size), dtype=np.float32)
            onehot[rows, offsets[cols] + block[rows, cols]] = 1.0
            cross += onehot.T @ onehot
    cube = cross.reshape(k, size, k, size)
    return cube[pairs[:, 0], :, pairs[:, 1], :]


def _cuts(cum: np.ndarray, total) -> np.ndarray:
    """Grid −inf, Φ⁻¹(cumulative proportions), +inf (empty trailing categories give +inf)."""
    with np.errstate(divide="ignore"):
        inner = special.ndtri(np.clip(cum[..., :-1] / np.asarray(total)[..., None], 0, 1))
    inner = np.where(cum[..., :-1] >= np.asarray(total)[..., None], np.inf, inner)
    lead = np.full(inner.shape[:-1] + (1,), -np.inf)
    trail = np.full(inner.shape[:-1] + (1,), np.inf)
    return np.concatenate([lead, inner, trail], axis=-1)


def _g2(tab: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Likelihood-ratio statistic 2 Σ n log(n / (N P)) of each table against its saturated model."""
    n = tab.sum(axis=(1, 2))[:, None, None]
    used = tab > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(used, tab * np.log(np.where(used, tab, 1.0) / (n * np.maximum(p, 1e-300))), 0.0)
    return 2 * terms.sum(axis=(1, 2))


def _nonempty_dims(tab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (tab.sum(axis=2) > 0).sum(axis=1), (tab.sum(axis=1) > 0).sum(axis=1)


def smooth_correlation(corr: np.ndarray, *, eig_tol: float = 1e-12) -> np.ndarray:
    """``psych::cor.smooth``: eigenvalues below ``eig_tol`` set to 100·eig_tol, rescaled, back to a correlation."""
    vals, vecs = np.linalg.eigh(corr)
    vals = np.where(vals < eig_tol, 100 * eig_tol, vals)
    vals = vals * corr.shape[0] / vals.sum()
    out = (vecs * vals) @ vecs.T
    d = 1 / np.sqrt(np.diag(out))
    return out * d[:, None] * d[None, :]


# ----------------------------------------------------------------------------------------------
# the matrix
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class PolychoricResult(Result):
    """A polychoric correlation matrix with its standard errors, thresholds and normality tests."""

    matrix: pd.DataFrame
    se: pd.DataFrame
    thresholds: pd.DataFrame  # items × cut 1..c−1 (NaN beyond an item's own categories)
    n: int
    n_pairs: pd.DataFrame
    tests: pd.DataFrame  # one row per pair: item_x, item_y, estimate, se, statistic, df, p_value, n
    thresholds_rule: str = "global"
    correct: float = 0.0
    smoothed: bool = False
    issues: tuple[str, ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        return self.matrix.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        k = self.matrix.shape[0]
        t = self.tests
        rejected = int((t["p_value"] < 0.05).sum()) if len(t) else 0
        iu = np.triu_indices(k, 1)
        vals = self.matrix.to_numpy()[iu]
        d = 3 if style == "gb" else 2
        lo = fmt_num(float(vals.min()), digits=d, bounded=True, style=style)
        hi = fmt_num(float(vals.max()), digits=d, bounded=True, style=style)
        if lang == "zh":
            out = [
                f"以多分格（polychoric）相关估计{k}个有序题项间的相关（两步法，n = {self.n}），"
                f"相关系数介于{lo}与{hi}之间；{len(t)}对题项中有{rejected}对的二元正态性检验p < 0.05。"
            ]
            if self.smoothed:
                out.append("相关矩阵非正定，已按psych::cor.smooth平滑。")
            return out
        out = [
            f"Polychoric correlations among the {k} ordinal items (two-step, n = {self.n}) ranged from {lo} to {hi}; "
            f"the test of bivariate normality rejected {rejected} of {len(t)} pairs at p < .05."
        ]
        if self.smoothed:
            out.append("The matrix was not positive definite and was smoothed (psych::cor.smooth).")
        return out


def _pairwise_cuts(tab: np.ndarray, correct: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """psych's per-pair thresholds: empty cells of the non-empty rows × columns get ``correct``."""
    total = tab.sum(axis=(1, 2))
    rows = tab.sum(axis=2) > 0
    cols = tab.sum(axis=1) > 0
    fill = (tab == 0) & rows[:, :, None] & cols[:, None, :]
    fixed = np.where(fill, correct, tab) if correct > 0 else tab
    a = _cuts(np.cumsum(fixed.sum(axis=2), axis=1), total)
    b = _cuts(np.cumsum(fixed.sum(axis=1), axis=1), total)
    return fixed, a, b


def polychoric(
    data: pd.DataFrame,
    *,
    nan_policy: str = "pairwise",
    thresholds: str = "global",
    correct: float = 0.5,
    smooth: bool = True,
    max_categories: int = MAX_CATEGORIES,
) -> PolychoricResult:
    """Polychoric correlation matrix of ordinal items (two-step), as R ``psych::polychoric``.

    Parameters
    ----------
    data : DataFrame
        One column per ordinal item (codes in order), one row per respondent.
    nan_policy : {"pairwise", "listwise", "raise"}
        ``"pairwise"`` (psych's default) uses every respondent who answered both items of a pair.
    thresholds : {"global", "pairwise"}
        ``"global"`` (psych's default): each item's thresholds from all its answers;
        ``"pairwise"``: from each pair's table after adding ``correct`` to its empty cells.
    correct : float
        Continuity correction for empty cells with ``thresholds="pairwise"`` (psych: 0.5).
    smooth : bool
        Smooth a matrix that is not positive definite (``psych::cor.smooth``); recorded in
        ``smoothed`` and ``issues``.

    Returns
    -------
    PolychoricResult
        ``matrix``, ``se`` (two-step, thresholds fixed), ``thresholds``, ``n``, ``n_pairs`` and
        ``tests`` (G² test of bivariate normality per pair; pairs of two binary items have no
        degrees of freedom and no test).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> z = rng.multivariate_normal([0, 0], [[1, .6], [.6, 1]], size=2000)
    >>> df = pd.DataFrame(np.digitize(z, [-1, 0, 1]) + 1, columns=["a", "b"])
    >>> round(float(polychoric(df).matrix.loc["a", "b"]), 1)
    0.6
    """
    what = "polychoric"
    if thresholds not in ("global", "pairwise"):
        raise AnalysisError(f"{what}: thresholds must be 'global' or 'pairwise', got {thresholds!r}")
    if not correct >= 0:
        raise AnalysisError(f"{what}: correct must be >= 0, got {correct!r}")
    frame = numeric_frame(data, what=what, nan_policy=nan_policy, min_rows=3, min_columns=2)
    names = [str(c) for c in frame.columns]
    k = len(names)
    codes, levels = _ordinal_codes(frame, what=what, max_categories=max_categories)
    size = max(len(v) for v in levels)
    iu = np.triu_indices(k, 1)
    pairs = np.column_stack(iu)
    tab = _pair_tables(codes, size, pairs)
    n_pair = tab.sum(axis=(1, 2))
    r_dim, c_dim = _nonempty_dims(tab)
    flat = [f"{names[i]} × {names[j]}" for (i, j), r, c in zip(pairs, r_dim, c_dim) if min(r, c) < 2]
    if flat:
        raise AnalysisError(
            f"{what}: among the respondents who answered both, an item of these pairs has a single category, "
            f"so their correlation cannot be estimated: {flat[:20]}"
        )
    if thresholds == "global":
        counts = np.stack([np.bincount(codes[codes[:, j] >= 0, j], minlength=size) for j in range(k)]).astype(float)
        grid = _cuts(np.cumsum(counts, axis=1), counts.sum(axis=1))
        a, b, fitted = grid[pairs[:, 0]], grid[pairs[:, 1]], tab
        n_fixed = 0
    else:
        fitted, a, b = _pairwise_cuts(tab, correct)
        n_fixed = int(((fitted != tab)).sum())
    start = _start(tab)
    rho, info, p = _two_step(fitted, a, b, start)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.where(info > 0, 1 / np.sqrt(info), np.nan)  # NaN only at the bound, named in issues
    mat = np.eye(k)
    mat[iu] = rho
    mat = mat + np.triu(mat, 1).T
    issues = []
    edge = [f"{names[i]} × {names[j]}" for (i, j), r in zip(pairs, rho) if abs(r) >= MAX_RHO - 1e-9]
    if edge:
        msg = (f"{what}: the likelihood of these pairs has no maximum inside (-1, 1); their correlation is set at "
               f"±{MAX_RHO} (polycor's bound) and is not an estimate: {edge[:20]}")
        issues.append(msg)
        warnings.warn(msg, SurveyWarning, stacklevel=2)
    if n_fixed:
        issues.append(f"{n_fixed} empty cells were given {correct} respondents (continuity correction)")
    smoothed = False
    if np.linalg.eigvalsh(mat).min() < np.finfo(float).eps:
        if smooth:
            mat = smooth_correlation(mat)
            smoothed = True
            msg = f"{what}: the matrix was not positive definite and was smoothed (psych::cor.smooth)"
            issues.append(msg)
            warnings.warn(msg, SurveyWarning, stacklevel=2)
    ses = np.full((k, k), np.nan)
    ses[iu] = se
    ses[(iu[1], iu[0])] = se
    np_mat = np.diag(np.array([int((codes[:, j] >= 0).sum()) for j in range(k)], dtype=float))
    np_mat[iu] = n_pair
    np_mat[(iu[1], iu[0])] = n_pair
    idx = pd.Index(names, name="item")
    cuts = np.full((k, size - 1), np.nan)
    for j in range(k):
        m = len(levels[j]) - 1
        counts_j = np.bincount(codes[codes[:, j] >= 0, j], minlength=m + 1)
        cuts[j, :m] = special.ndtri(np.cumsum(counts_j)[:-1] / counts_j.sum())
    g2 = _g2(tab, p)
    dof = r_dim * c_dim - r_dim - c_dim
    tested = dof > 0
    tests = pd.DataFrame(
        {
            "item_x": [names[i] for i in pairs[tested, 0]],
            "item_y": [names[j] for j in pairs[tested, 1]],
            "estimate": rho[tested],
            "se": se[tested],
            "statistic": g2[tested],
            "df": dof[tested],
            "p_value": stats.chi2.sf(g2[tested], dof[tested]),
            "n": n_pair[tested].astype(int),
        }
    )
    return PolychoricResult(
        matrix=pd.DataFrame(mat, index=idx, columns=idx),
        se=pd.DataFrame(ses, index=idx, columns=idx),
        thresholds=pd.DataFrame(cuts, index=idx, columns=pd.RangeIndex(1, size, name="cut")),
        n=len(frame) if nan_policy != "pairwise" else int((codes >= 0).any(axis=1).sum()),
        n_pairs=pd.DataFrame(np_mat.astype(int), index=idx, columns=idx),
        tests=tests,
        thresholds_rule=thresholds,
        correct=correct if thresholds == "pairwise" else 0.0,
        smoothed=smoothed,
        issues=tuple(issues),
    )


def _start(tab: np.ndarray) -> np.ndarray:
    """Pearson correlation of the category numbers of each table: the Newton start."""
    vx, vy = np.arange(tab.shape[1], dtype=float), np.arange(tab.shape[2], dtype=float)
    n = tab.sum(axis=(1, 2))
    px, py = tab.sum(axis=2) / n[:, None], tab.sum(axis=1) / n[:, None]
    mx, my = px @ vx, py @ vy
    sx = np.sqrt(px @ vx**2 - mx**2)
    sy = np.sqrt(py @ vy**2 - my**2)
    exy = np.einsum("i,mij,j->m", vx, tab, vy) / n
    return (exy - mx * my) / (sx * sy)


def check_cor(cor: str, *, what: str) -> None:
    """Raise ``AnalysisError`` unless ``cor`` is one of :data:`CORRELATIONS`."""
    if cor not in CORRELATIONS:
        raise AnalysisError(f"{what}: cor must be one of {CORRELATIONS}, got {cor!r}")


# ----------------------------------------------------------------------------------------------
# one pair (polycor)
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class PolychoricPairResult(Result):
    """One polychoric or polyserial correlation with its SE, thresholds and test of bivariate normality."""

    kind: str  # "polychoric" or "polyserial"
    estimate: float
    se: float
    row_thresholds: tuple[float, ...]
    col_thresholds: tuple[float, ...]
    n: int
    statistic: float
    df: int
    p_value: float
    estimator: str

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"estimate": [self.estimate], "se": [self.se], "statistic": [self.statistic], "df": [self.df],
             "p_value": [self.p_value], "n": [self.n]},
            index=pd.Index([self.kind], name="correlation"),
        )

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        d = 3 if style == "gb" else 2
        r = fmt_num(self.estimate, digits=d, bounded=True, style=style)
        se = fmt_num(self.se, digits=d, bounded=True, style=style)
        stat = fmt_num(self.statistic, digits=2, style=style)
        p = fmt_num(self.p_value, digits=3, bounded=True, style=style)
        if lang == "zh":
            name = "多分格（polychoric）" if self.kind == "polychoric" else "多系列（polyserial）"
            return [f"{name}相关系数为{r}（SE = {se}，n = {self.n}）；二元正态性检验G²({self.df}) = {stat}，p = {p}。"]
        return [f"The {self.kind} correlation was {r} (SE = {se}, n = {self.n}); test of bivariate normality G²({self.df}) = {stat}, p = {p}."]


def _table_of(x, y, *, what: str) -> np.ndarray:
    frame = numeric_frame(pd.DataFrame({"x": np.asarray(x, dtype=float), "y": np.asarray(y, dtype=float)}), what=what, min_rows=3)
    codes, levels = _ordinal_codes(frame, what=what, max_categories=MAX_CATEGORIES)
    size = max(len(v) for v in levels)
    tab = _pair_tables(codes, size, np.array([[0, 1]]))[0]
    return tab[: len(levels[0]), : len(levels[1])]


def _grad_thresholds(tab, rho, a, b):
    """Gradient of the log-likelihood in (ρ, a_1..a_{r−1}, b_1..b_{c−1}) and the cell probabilities."""
    s = math.sqrt(1 - rho * rho)
    cdf, dens, _ = _grids(a[None], b[None], np.array([rho]))
    p = _cells(cdf)[0]
    w = np.where(tab > 0, tab / np.maximum(p, 1e-300), 0.0)
    g_rho = float((w * _cells(dens)[0]).sum())
    with np.errstate(invalid="ignore"):
        ga = special.ndtr((b[None, :] - rho * a[:, None]) / s) * stats.norm.pdf(a)[:, None]  # dF/da on the grid
        gb = special.ndtr((a[:, None] - rho * b[None, :]) / s) * stats.norm.pdf(b)[None, :]
    ga = np.nan_to_num(ga[1:-1])  # inner row thresholds × column corners
    gb = np.nan_to_num(gb[:, 1:-1])
    da = ((w[:-1] - w[1:]) * np.diff(ga, axis=1)).sum(axis=1)
    db = ((w[:, :-1] - w[:, 1:]) * np.diff(gb, axis=0)).sum(axis=0)
    return np.concatenate([[g_rho], da, db]), p


def polychoric_pair(x, y, *, estimator: str = "two-step") -> PolychoricPairResult:
    """Polychoric correlation of two ordinal variables, as R ``polycor::polychor(std.err = TRUE)``.

    ``estimator="two-step"`` fixes the thresholds at their marginal values; ``"ml"`` estimates
    ρ and the thresholds jointly (``ML = TRUE``). The SE comes from the observed information, the
    test is G² of the fitted against the observed table, df = r·c − r − c.

    >>> import numpy as np
    >>> rng = np.random.default_rng(2)
    >>> z = rng.multivariate_normal([0, 0], [[1, -.4], [-.4, 1]], size=3000)
    >>> res = polychoric_pair(np.digitize(z[:, 0], [-.5, .5]), np.digitize(z[:, 1], [0, 1]))
    >>> round(res.estimate, 1), res.df
    (-0.4, 3)
    """
    what = "polychoric_pair"
    if estimator not in ("two-step", "ml"):
        raise AnalysisError(f"{what}: estimator must be 'two-step' or 'ml', got {estimator!r}")
    tab = _table_of(x, y, what=what)
    r, c = tab.shape
    n = tab.sum()
    a = _cuts(np.cumsum(tab.sum(axis=1)), n)
    b = _cuts(np.cumsum(tab.sum(axis=0)), n)
    rho, info, p = _two_step(tab[None], a[None], b[None], _start(tab[None]))
    rho = float(rho[0])
    se = float(1 / np.sqrt(info[0]))
    if estimator == "ml":
        def neg(theta):
            aa = np.concatenate([[-np.inf], theta[1:r], [np.inf]])
            bb = np.concatenate([[-np.inf], theta[r:], [np.inf]])
            if abs(theta[0]) >= MAX_RHO or np.any(np.diff(aa) <= 0) or np.any(np.diff(bb) <= 0):
                return np.inf, np.zeros_like(theta)
            g, pr = _grad_thresholds(tab, theta[0], aa, bb)
            ll = float(np.where(tab > 0, tab * np.log(np.maximum(pr, 1e-300)), 0.0).sum())
            return -ll, -g

        theta0 = np.concatenate([[rho], a[1:-1], b[1:-1]])
        fit = optimize.minimize(neg, theta0, jac=True, method="BFGS", options={"gtol": 1e-9, "maxiter": 1000})
        theta = fit.x
        hess = _num_hessian(lambda t: neg(t)[1], theta)
        cov = np.linalg.inv(hess)
        rho, se = float(theta[0]), float(np.sqrt(cov[0, 0]))
        a = np.concatenate([[-np.inf], theta[1:r], [np.inf]])
        b = np.concatenate([[-np.inf], theta[r:], [np.inf]])
        p = _cells(_grids(a[None], b[None], np.array([rho]))[0])
    g2 = float(_g2(tab[None], p)[0])
    dof = r * c - r - c
    return PolychoricPairResult(
        kind="polychoric", estimate=rho, se=se, row_thresholds=tuple(a[1:-1]), col_thresholds=tuple(b[1:-1]), n=int(n),
        statistic=g2, df=int(dof), p_value=float(stats.chi2.sf(g2, dof)) if dof > 0 else math.nan, estimator=estimator,
    )


def _num_hessian(grad, theta: np.ndarray, step: float = 1e-5) -> np.ndarray:
    """Symmetric Hessian by central differences of an analytic gradient."""
    m = len(theta)
    out = np.empty((m, m))
    for i in range(m):
        e = np.zeros(m)
        e[i] = step
        out[:, i] = (grad(theta + e) - grad(theta - e)) / (2 * step)
    return (out + out.T) / 2


def _polyserial_nll(theta: np.ndarray, z: np.ndarray, cat: np.ndarray, s: int) -> float:
    rho = theta[0]
    cuts = theta[1:] if len(theta) > 1 else None
    if abs(rho) >= MAX_RHO or (cuts is not None and np.any(np.diff(cuts) <= 0)):
        return np.inf
    full = np.concatenate([[-np.inf], cuts, [np.inf]])
    den = math.sqrt(1 - rho * rho)
    upper = special.ndtr((full[cat + 1] - rho * z) / den)
    lower = special.ndtr((full[cat] - rho * z) / den)
    return -float(np.sum(np.log(np.maximum(upper - lower, 1e-300))))


def polyserial(x, y, *, estimator: str = "two-step", bins: int = 4) -> PolychoricPairResult:
    """Polyserial correlation of a continuous ``x`` and an ordinal ``y``, as R ``polycor::polyserial(std.err = TRUE)``.

    Two-step: thresholds from y's cumulative proportions, ρ maximising the likelihood; ``"ml"``
    estimates them jointly. The test of bivariate normality cuts standardised x at the normal
    quantiles of ``bins`` equal groups and compares the table with the fitted one (df = s·bins − s − 1).
    """
    what = "polyserial"
    if estimator not in ("two-step", "ml"):
        raise AnalysisError(f"{what}: estimator must be 'two-step' or 'ml', got {estimator!r}")
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 2:
        raise AnalysisError(f"{what}: bins must be a whole number ≥ 2, got {bins!r}")
    if len(x) != len(y):
        raise AnalysisError(f"{what}: x has {len(x)} values and y has {len(y)}; give one of each per respondent")
    frame = numeric_frame(pd.DataFrame({"x": np.asarray(x, dtype=float), "y": np.asarray(y, dtype=float)}), what=what, min_rows=3)
    codes, levels = _ordinal_codes(frame[["y"]], what=what, max_categories=MAX_CATEGORIES)
    cat = codes[:, 0]
    s = len(levels[0])
    xs = frame["x"].to_numpy()
    z = (xs - xs.mean()) / xs.std(ddof=1)
    n = len(z)
    counts = np.bincount(cat, minlength=s)
    cuts = special.ndtri(np.cumsum(counts)[:-1] / n)
    fixed = lambda rho: _polyserial_nll(np.concatenate([[rho], cuts]), z, cat, s)  # noqa: E731
    opt = optimize.minimize_scalar(fixed, bounds=(-MAX_RHO, MAX_RHO), method="bounded", options={"xatol": 1e-10})
    rho = float(opt.x)
    h = 1e-4
    se = float(1 / math.sqrt((fixed(rho + h) - 2 * fixed(rho) + fixed(rho - h)) / h**2))
    if estimator == "ml":
        full = lambda t: _polyserial_nll(t, z, cat, s)  # noqa: E731
        fit = optimize.minimize(full, np.concatenate([[rho], cuts]), method="Nelder-Mead",
                                options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000})
        theta = fit.x
        grad = lambda t: optimize.approx_fprime(t, full, 1e-6)  # noqa: E731
        cov = np.linalg.inv(_num_hessian(grad, theta, step=1e-4))
        rho, cuts, se = float(theta[0]), theta[1:], float(np.sqrt(cov[0, 0]))
    row_cuts = special.ndtri(np.arange(1, bins) / bins)
    a = np.concatenate([[-np.inf], row_cuts, [np.inf]])
    b = np.concatenate([[-np.inf], cuts, [np.inf]])
    p = _cells(_grids(a[None], b[None], np.array([rho]))[0])
    xbin = np.searchsorted(row_cuts, z, side="left")
    tab = np.bincount(xbin * s + cat, minlength=bins * s).reshape(bins, s).astype(float)
    g2 = float(_g2(tab[None], p)[0])
    dof = s * bins - s - 1
    return PolychoricPairResult(
        kind="polyserial", estimate=rho, se=se, row_thresholds=tuple(row_cuts), col_thresholds=tuple(cuts), n=int(n),
        statistic=g2, df=int(dof), p_value=float(stats.chi2.sf(g2, dof)), estimator=estimator,
    )
