"""Ordinal CFA: diagonally weighted least squares on polychoric correlations (lavaan's WLSMV).

What lavaan ``cfa(..., ordered = TRUE, estimator = "WLSMV")`` does, for complete data:

- each item's thresholds from its cumulative proportions, and the polychoric correlations with the
  thresholds held fixed (two-step, :func:`survey.stats.polychoric.polychoric`);
- their asymptotic covariance matrix Γ (Muthén, 1984; lavaan's ``NACOV``) by the sandwich
  A⁻¹BA⁻ᵀ·N over the casewise scores of the univariate (threshold) and bivariate (correlation)
  likelihoods, A built from cross-products of scores as lavaan builds it;
- the delta parameterization: the latent responses have variance 1, the first indicator of each
  factor has loading 1, the residual variances are 1 − communality (not free), and the model
  thresholds are free, so they reproduce the sample thresholds and drop out of the fit;
- estimates minimise F = Σ w_jk (r_jk − σ_jk(θ))² with w = 1/diag(Γ) over the correlations
  (Levenberg–Marquardt with the analytic Jacobian Δ); robust standard errors from
  (Δ'WΔ)⁻¹Δ'WΓWΔ(Δ'WΔ)⁻¹/(N − 1);
- χ² = (N − 1)·F (lavaan's ``chisq``: N − 1, not N, with this estimator) against
  df = p(p − 1)/2 − free parameters; the robust χ² is
  lavaan's scaled-shifted one (Asparouhov & Muthén, 2010): a = √(df / tr((UΓ)²)),
  b = df − a·tr(UΓ), T = a·χ² + b, U = W − WΔ(Δ'WΔ)⁻¹Δ'W; CFI and TLI against the
  independence model (σ = 0); RMSEA with N − 1 as lavaan's for this estimator; SRMR as lavaan's
  (``srmr_bentler_nomean``): the correlation residuals' sum of squares over p(p + 1)/2.

Missing answers are not handled here: the rows with every item answered are used (lavaan's
default for this estimator). Robust CFI, TLI and RMSEA (lavaan's ``.scaled`` and ``.robust``
variants) are not computed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from ..errors import AnalysisError
from .fit import fit_series
from .polychoric import MAX_CATEGORIES, _ordinal_codes, bvn_cdf, polychoric

__all__ = ["OrdinalMoments", "DWLSFit", "ordinal_moments", "fit_dwls"]


@dataclass(frozen=True)
class OrdinalMoments:
    """Thresholds (per item, ascending), polychoric correlations, and Γ, the N-scaled asymptotic
    covariance of (thresholds item by item, then the correlations in ``pairs`` order: column by
    column down the lower triangle, lavaan's order)."""

    items: tuple[str, ...]
    thresholds: tuple[np.ndarray, ...]
    correlations: pd.DataFrame
    pairs: np.ndarray
    gamma: np.ndarray
    n: int


def _pairs(p: int) -> np.ndarray:
    return np.array([(i, j) for j in range(p) for i in range(j + 1, p)])


def _univariate_scores(codes: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """∂ log P(x_i)/∂τ_k for each row and inner threshold k of one item (rows × thresholds)."""
    ext = np.concatenate([[-np.inf], tau, [np.inf]])
    prob = np.diff(special.ndtr(ext))
    dens = stats.norm.pdf(tau)
    k = len(tau)
    cell = np.zeros((k + 1, k))  # cell c spans ext[c]..ext[c+1]: +φ at its upper, −φ at its lower threshold
    cell[np.arange(k), np.arange(k)] += dens
    cell[np.arange(1, k + 1), np.arange(k)] -= dens
    return (cell / prob[:, None])[codes]


def _bivariate_cell_scores(ta: np.ndarray, tb: np.ndarray, rho: float):
    """Per cell (a, b) of a pair's table: P, ∂ log P/∂ρ, ∂ log P/∂τ_a (cells × thresholds of a) and
    ∂ log P/∂τ_b."""
    ea = np.concatenate([[-np.inf], ta, [np.inf]])
    eb = np.concatenate([[-np.inf], tb, [np.inf]])
    h, k = np.meshgrid(ea, eb, indexing="ij")
    cdf = bvn_cdf(h, k, np.full(h.shape, rho))
    s = np.sqrt(1 - rho * rho)
    finite = np.isfinite(h) & np.isfinite(k)
    hf, kf = np.where(finite, h, 0.0), np.where(finite, k, 0.0)
    dens = np.where(finite, np.exp(-(hf * hf - 2 * rho * hf * kf + kf * kf) / (2 * s * s)) / (2 * np.pi * s), 0.0)
    prob = np.diff(np.diff(cdf, axis=0), axis=1)
    d_rho = np.diff(np.diff(dens, axis=0), axis=1) / prob
    # ∂Φ₂(h, k)/∂h = φ(h)·Φ((k − ρh)/s), at the inner thresholds h of a, every corner k of b
    with np.errstate(invalid="ignore"):
        g_a = stats.norm.pdf(ta)[:, None] * special.ndtr((eb[None, :] - rho * ta[:, None]) / s)
        g_b = stats.norm.pdf(tb)[:, None] * special.ndtr((ea[None, :] - rho * tb[:, None]) / s)
    strip_a = np.diff(g_a, axis=1)  # (thresholds of a) × (cells of b)
    strip_b = np.diff(g_b, axis=1)  # (thresholds of b) × (cells of a)
    ka, kb = len(ta), len(tb)
    d_ta = np.zeros((ka + 1, kb + 1, ka))
    d_tb = np.zeros((ka + 1, kb + 1, kb))
    for m in range(ka):
        d_ta[m, :, m] += strip_a[m]      # τ_m is the upper bound of row-cell m
        d_ta[m + 1, :, m] -= strip_a[m]  # and the lower bound of row-cell m + 1
    for m in range(kb):
        d_tb[:, m, m] += strip_b[m]
        d_tb[:, m + 1, m] -= strip_b[m]
    return prob, d_rho, d_ta / prob[:, :, None], d_tb / prob[:, :, None]


def ordinal_moments(frame: pd.DataFrame, *, what: str) -> OrdinalMoments:
    """Thresholds, polychoric correlations and their asymptotic covariance Γ of complete ordinal data."""
    items = [str(c) for c in frame.columns]
    codes, _ = _ordinal_codes(frame, what=what, max_categories=MAX_CATEGORIES)
    poly = polychoric(frame, nan_policy="listwise", smooth=False)
    n, p = codes.shape
    taus = tuple(poly.thresholds.iloc[j].dropna().to_numpy() for j in range(p))
    rho = poly.matrix.to_numpy()
    pairs = _pairs(p)
    offsets = np.concatenate([[0], np.cumsum([len(t) for t in taus])])
    n_tau = offsets[-1]
    scores = np.zeros((n, n_tau + len(pairs)))
    for j in range(p):
        scores[:, offsets[j]:offsets[j + 1]] = _univariate_scores(codes[:, j], taus[j])
    a21 = np.zeros((len(pairs), n_tau))
    for q, (a, b) in enumerate(pairs):
        _, d_rho, d_ta, d_tb = _bivariate_cell_scores(taus[a], taus[b], rho[a, b])
        g = d_rho[codes[:, a], codes[:, b]]
        scores[:, n_tau + q] = g
        a21[q, offsets[a]:offsets[a + 1]] = g @ d_ta[codes[:, a], codes[:, b]]
        a21[q, offsets[b]:offsets[b + 1]] = g @ d_tb[codes[:, a], codes[:, b]]
    inner = scores.T @ scores
    a_mat = np.zeros_like(inner)
    for j in range(p):
        block = slice(offsets[j], offsets[j + 1])
        a_mat[block, block] = inner[block, block]
    a_mat[n_tau:, :n_tau] = a21
    a_mat[n_tau:, n_tau:] = np.diag(np.diag(inner)[n_tau:])
    a_inv = np.linalg.inv(a_mat)
    gamma = n * a_inv @ inner @ a_inv.T
    return OrdinalMoments(tuple(items), taus, poly.matrix, pairs, gamma, n)


@dataclass(frozen=True)
class DWLSFit:
    """A DWLS solution: ``estimates`` in lavaan's notation (``lhs, op, rhs, estimate, se,
    statistic, p_value, std_estimate, fixed``; residual variances fixed at 1 − communality),
    ``fit`` (χ², df, the scaled-shifted χ², CFI, TLI, RMSEA, SRMR), the ordinal moments."""

    estimates: pd.DataFrame
    fit: pd.Series
    moments: OrdinalMoments
    converged: bool


class _Model:
    """Λ (markers fixed at 1), Ψ and declared residual covariances of a measurement model."""

    def __init__(self, factors: dict[str, list[str]], covs: list[tuple[str, str]], items: list[str]):
        self.items, self.factors = items, list(factors)
        idx = {v: i for i, v in enumerate(items)}
        q = len(self.factors)
        self.markers = [(f, v[0]) for f, v in factors.items()]
        self.free: list[tuple[str, int, int]] = []
        self.labels: list[tuple[str, str, str]] = []
        for f_i, (f, v) in enumerate(factors.items()):
            for item in v[1:]:
                self.free.append(("L", idx[item], f_i))
                self.labels.append((f, "=~", item))
        for a, b in covs:
            self.free.append(("T", idx[a], idx[b]))
            self.labels.append((a, "~~", b))
        for f_i in range(q):
            for g_i in range(f_i, q):
                self.free.append(("P", g_i, f_i))
                self.labels.append((self.factors[f_i], "~~", self.factors[g_i]))
        self.lam_fixed = np.zeros((len(items), q))
        for f_i, (f, v) in enumerate(factors.items()):
            self.lam_fixed[idx[v[0]], f_i] = 1.0

    def matrices(self, theta):
        lam, psi, res = self.lam_fixed.copy(), np.zeros((len(self.factors),) * 2), np.zeros((len(self.items),) * 2)
        for value, (kind, i, j) in zip(theta, self.free):
            if kind == "L":
                lam[i, j] = value
            elif kind == "P":
                psi[i, j] = psi[j, i] = value
            else:
                res[i, j] = res[j, i] = value
        return lam, psi, res

    def implied(self, theta, pairs):
        lam, psi, res = self.matrices(theta)
        full = lam @ psi @ lam.T + res
        return full[pairs[:, 0], pairs[:, 1]]

    def jacobian(self, theta, pairs):
        """Δ = ∂σ/∂θ over the correlations in ``pairs`` order."""
        lam, psi, _ = self.matrices(theta)
        lp = lam @ psi
        a, b = pairs[:, 0], pairs[:, 1]
        out = np.zeros((len(pairs), len(theta)))
        for k, (kind, i, j) in enumerate(self.free):
            if kind == "L":
                out[:, k] = (a == i) * lp[b, j] + (b == i) * lp[a, j]
            elif kind == "P":
                out[:, k] = lam[a, i] * lam[b, j] + (lam[a, j] * lam[b, i] if i != j else 0)
            else:
                out[:, k] = ((a == i) & (b == j)) | ((a == j) & (b == i))
        return out

    def start(self) -> np.ndarray:
        return np.array([0.8 if kind == "L" else 0.5 if kind == "P" and i == j else 0.0 for kind, i, j in self.free])


def fit_dwls(frame: pd.DataFrame, factors: dict[str, list[str]], covs: list[tuple[str, str]], *, what: str) -> DWLSFit:
    """Fit the measurement model to complete ordinal ``frame`` by DWLS (delta parameterization)."""
    items = [str(c) for c in frame.columns]
    moments = ordinal_moments(frame, what=what)
    model = _Model(factors, covs, items)
    pairs, n = moments.pairs, moments.n
    r = moments.correlations.to_numpy()[pairs[:, 0], pairs[:, 1]]
    n_tau = sum(len(t) for t in moments.thresholds)
    gamma = moments.gamma[n_tau:, n_tau:]
    w = 1 / np.diag(gamma)
    sw = np.sqrt(w)
    res = optimize.least_squares(lambda t: sw * (r - model.implied(t, pairs)), model.start(),
                                 jac=lambda t: -sw[:, None] * model.jacobian(t, pairs),
                                 method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=10000)
    theta = res.x
    delta = model.jacobian(theta, pairs)
    info = delta.T @ (w[:, None] * delta)
    if np.linalg.matrix_rank(info) < len(theta):
        raise AnalysisError(f"{what}: the model is not identified (Δ'WΔ is singular)")
    resid = r - model.implied(theta, pairs)
    grad = delta.T @ (w * resid)
    converged = bool(res.success and np.abs(grad).max() < 1e-8 * max(1.0, np.abs(w).max()))
    info_inv = np.linalg.inv(info)
    wd = w[:, None] * delta
    cov_theta = info_inv @ (wd.T @ gamma @ wd) @ info_inv / (n - 1)  # lavaan's N − 1, as in χ²
    se = np.sqrt(np.clip(np.diag(cov_theta), 0, None))
    fit = _dwls_fit(resid, r, w, gamma, delta, info_inv, n=n, n_free=len(theta) + n_tau)
    return DWLSFit(_estimates(model, theta, se), fit, moments, converged)


def _dwls_fit(resid, r, w, gamma, delta, info_inv, *, n: int, n_free: int) -> pd.Series:
    """χ² = (N − 1)·F, the scaled-shifted χ², CFI, TLI, RMSEA (N − 1) and SRMR of a DWLS solution."""
    n_cor = len(r)
    chisq = (n - 1) * float(w @ resid**2)
    chisq_b = (n - 1) * float(w @ r**2)
    df = n_cor - delta.shape[1]
    p = int(round((1 + np.sqrt(1 + 8 * n_cor)) / 2))
    srmr = float(np.sqrt(np.sum(resid**2) / (p * (p + 1) / 2)))  # the diagonal's residuals are 0
    fit = fit_series(chisq, df, chisq_b, n_cor, n=n, srmr=srmr, gfi=np.nan, loglik=np.nan, n_free=n_free, n_rmsea=n - 1)
    wd = w[:, None] * delta
    u = np.diag(w) - wd @ info_inv @ wd.T
    ug = u @ gamma
    tr1, tr2 = np.trace(ug), np.trace(ug @ ug)
    a = np.sqrt(df / tr2) if df > 0 else np.nan
    shift = df - a * tr1 if df > 0 else np.nan
    scaled = a * chisq + shift
    extra = pd.Series({"chisq_scaled": scaled, "df_scaled": df,
                       "p_value_scaled": float(stats.chi2.sf(scaled, df)) if df > 0 else np.nan,
                       "scaling_factor": 1 / a, "shift": shift})
    return pd.concat([fit, extra]).rename("fit")


def _estimates(model: _Model, theta: np.ndarray, se: np.ndarray) -> pd.DataFrame:
    """lavaan's table: loadings (markers first, fixed), residual covariances, factor (co)variances,
    then the fixed residual variances 1 − communality; ``std_estimate`` is lavaan's ``std.all``."""
    lam, psi, res = model.matrices(theta)
    communality = np.diag(lam @ psi @ lam.T)
    total_psi = np.sqrt(np.diag(psi).clip(0))
    idx_f = {f: i for i, f in enumerate(model.factors)}
    idx_v = {v: i for i, v in enumerate(model.items)}
    rows = [dict(lhs=f, op="=~", rhs=v, estimate=1.0, se=0.0, fixed=True) for f, v in model.markers]
    rows += [dict(lhs=lhs, op=op, rhs=rhs, estimate=float(t), se=float(s), fixed=False)
             for t, s, (lhs, op, rhs) in zip(theta, se, model.labels)]
    rows += [dict(lhs=v, op="~~", rhs=v, estimate=float(1 - communality[i]), se=0.0, fixed=True) for i, v in enumerate(model.items)]
    table = pd.DataFrame(rows)
    order = {f: k for k, f in enumerate(model.factors)}
    loads = table[table.op == "=~"].copy()
    loads = loads.iloc[np.argsort(loads.lhs.map(order).to_numpy(), kind="stable")]
    table = pd.concat([loads, table[table.op != "=~"]], ignore_index=True)
    std = []
    for lhs, op, rhs, value in zip(table.lhs, table.op, table.rhs, table.estimate):
        if op == "=~":
            std.append(value * total_psi[idx_f[lhs]])
        elif lhs in idx_f:
            std.append(value / (total_psi[idx_f[lhs]] * total_psi[idx_f[rhs]]))
        elif lhs == rhs:
            std.append(value)
        else:
            i, j = idx_v[lhs], idx_v[rhs]
            std.append(value / np.sqrt((1 - communality[i]) * (1 - communality[j])))
    table["std_estimate"] = std
    with np.errstate(divide="ignore", invalid="ignore"):
        table["statistic"] = np.where(table.fixed, np.nan, table.estimate / table.se)
    table["p_value"] = np.where(table.fixed, np.nan, 2 * stats.norm.sf(np.abs(table.statistic)))
    return table[["lhs", "op", "rhs", "estimate", "se", "statistic", "p_value", "std_estimate", "fixed"]]
