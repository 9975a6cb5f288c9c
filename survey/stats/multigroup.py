"""Multi-group confirmatory factor analysis with a mean structure, by maximum likelihood.

semopy fits one group at a time and cannot hold a parameter equal across groups, so the
multi-group model is estimated here, with lavaan's conventions (``cfa(..., group = g,
meanstructure = TRUE, group.equal = …)``, ``likelihood = "normal"``), and checked against lavaan
(``tests/reference/invariance/invariance.R``):

- per group g: Σ_g = Λ_g Φ_g Λ_g' + Θ_g and μ_g = ν_g + Λ_g α_g; the first loading of every factor
  is fixed to 1 in every group, factor variances and covariances are free in every group;
- the discrepancy F = Σ_g (n_g/N)·[log|Σ_g| − log|S_g| + tr(S_g Σ_g⁻¹) − p + (ȳ_g − μ_g)'Σ_g⁻¹(ȳ_g − μ_g)]
  with S_g divided by n_g, minimised by Fisher scoring (analytic gradient and expected
  information) with step halving; χ² = N·F_min;
- equality constraints share one parameter across groups: ``"loadings"`` (the free loadings),
  ``"intercepts"`` (ν; the factor means α are then free in every group but the first, fixed to 0
  there), ``"residuals"`` (the residual variances, diag Θ).

The fit measures are those of :func:`survey.stats.fit.ml_multigroup_fit_measures`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ._threads import single_thread
from .fit import ml_multigroup_fit_measures

__all__ = ["EQUALITY", "MultiGroupFit", "fit_multigroup"]

EQUALITY = ("loadings", "intercepts", "residuals")


@dataclass(frozen=True, repr=False)
class MultiGroupFit:
    """One fitted multi-group model: ``fit`` (Series, lavaan's ``fitMeasures`` names in snake case),
    ``estimates`` (group, lhs, op, rhs, estimate, se, std_estimate: lavaan's ``=~``, ``~~``, ``~1``;
    a fixed parameter has no se),
    and whether the solution is admissible (``issues`` says why not)."""

    equal: tuple[str, ...]
    fit: pd.Series
    estimates: pd.DataFrame
    converged: bool
    issues: tuple[str, ...] = field(default_factory=tuple)

    @property
    def admissible(self) -> bool:
        return not self.issues


class _Layout:
    """Where each free parameter sits in each group's Λ, Φ, Θ, ν and α, with the fixed values."""

    def __init__(self, factors: dict[str, list[str]], items: list[str], covs: list[tuple[str, str]], n_groups: int,
                 equal: tuple[str, ...]):
        self.factors, self.items, self.n_groups = factors, items, n_groups
        p, m = len(items), len(factors)
        keys: dict[tuple, int] = {}
        self.first_group_of: list[int] = []

        def param(key: tuple, g: int) -> int:
            if key not in keys:
                keys[key] = len(keys)
                self.first_group_of.append(g)
            return keys[key]

        self.lam = np.full((n_groups, p, m), -1)
        self.phi = np.full((n_groups, m, m), -1)
        self.theta = np.full((n_groups, p, p), -1)
        self.nu = np.full((n_groups, p), -1)
        self.alpha = np.full((n_groups, m), -1)
        self.lam_fixed = np.zeros((p, m))
        for g in range(n_groups):
            for j, (f, inds) in enumerate(factors.items()):
                for k, item in enumerate(inds):
                    i = items.index(item)
                    if k == 0:
                        self.lam_fixed[i, j] = 1.0
                    else:
                        self.lam[g, i, j] = param(("lam", i, j) if "loadings" in equal else ("lam", g, i, j), g)
            for a in range(m):
                for b in range(a + 1):
                    self.phi[g, a, b] = self.phi[g, b, a] = param(("phi", g, a, b), g)
            for i in range(p):
                self.theta[g, i, i] = param(("theta", i) if "residuals" in equal else ("theta", g, i), g)
                self.nu[g, i] = param(("nu", i) if "intercepts" in equal else ("nu", g, i), g)
            for a, b in covs:
                i, k = items.index(a), items.index(b)
                self.theta[g, i, k] = self.theta[g, k, i] = param(("theta", g, min(i, k), max(i, k)), g)
            if "intercepts" in equal and g > 0:
                for a in range(m):
                    self.alpha[g, a] = param(("alpha", g, a), g)
        self.n_free = len(keys)

    def matrices(self, theta: np.ndarray, g: int):
        def fill(idx, base):
            out = base.copy()
            mask = idx >= 0
            out[mask] = theta[idx[mask]]
            return out

        p, m = self.lam.shape[1:]
        return (fill(self.lam[g], self.lam_fixed), fill(self.phi[g], np.zeros((m, m))), fill(self.theta[g], np.zeros((p, p))),
                fill(self.nu[g], np.zeros(p)), fill(self.alpha[g], np.zeros(m)))

    def gradient(self, grads: list[tuple]) -> np.ndarray:
        """Sum each group's matrix gradients into the free parameters (a symmetric entry counts twice off the diagonal)."""
        out = np.zeros(self.n_free)
        for g, (d_lam, d_phi, d_theta, d_nu, d_alpha) in enumerate(grads):
            for idx, d in ((self.lam[g], d_lam), (self.phi[g], d_phi), (self.theta[g], d_theta), (self.nu[g], d_nu), (self.alpha[g], d_alpha)):
                mask = idx >= 0
                np.add.at(out, idx[mask], d[mask])
        return out


def _start(layout: _Layout, stats: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Starting values from each group's moments: marker-based loadings, half-reliable markers."""
    theta = np.zeros(layout.n_free)
    items = layout.items
    for g in reversed(range(layout.n_groups)):  # the first group's values win for shared parameters
        s, ybar = stats[g]
        lam = layout.lam_fixed.copy()
        phi_diag = np.zeros(len(layout.factors))
        for j, inds in enumerate(layout.factors.values()):
            mk = items.index(inds[0])
            phi_diag[j] = 0.5 * s[mk, mk]
            for item in inds[1:]:
                lam[items.index(item), j] = s[items.index(item), mk] / phi_diag[j]
        resid = np.diag(s) - (lam**2 * phi_diag).sum(axis=1)
        values = {
            "lam": lam, "phi": np.diag(phi_diag), "theta": np.diag(np.maximum(resid, 0.2 * np.diag(s))),
            "nu": ybar, "alpha": np.zeros(len(phi_diag)),
        }
        for name in values:
            idx = getattr(layout, name)[g]
            mask = idx >= 0
            theta[idx[mask]] = values[name][mask]
    return theta


def _objective(layout: _Layout, stats, weights):
    def value_and_gradient(theta: np.ndarray):
        total, grads = 0.0, []
        for g, (s, ybar) in enumerate(stats):
            lam, phi, th, nu, alpha = layout.matrices(theta, g)
            sigma = lam @ phi @ lam.T + th
            try:
                chol = np.linalg.cholesky(sigma)
            except np.linalg.LinAlgError:  # not positive definite: outside the model's domain
                return np.inf, np.zeros_like(theta)
            logdet = 2 * np.log(np.diag(chol)).sum()
            inv = np.linalg.inv(sigma)
            d = ybar - nu - lam @ alpha
            c = s + np.outer(d, d)
            total += weights[g] * (logdet + np.trace(c @ inv))
            big_g = inv - inv @ c @ inv
            h = -2 * inv @ d
            w = weights[g]
            grads.append((w * (2 * big_g @ lam @ phi + np.outer(h, alpha)), w * (lam.T @ big_g @ lam), w * big_g, w * h, w * (lam.T @ h)))
        return total, layout.gradient(grads)

    return value_and_gradient


def _information(layout: _Layout, stats, weights):
    """The expected Hessian of F: Σ_g w_g [tr(Σ⁻¹ ∂Σ/∂θ_k Σ⁻¹ ∂Σ/∂θ_l) + 2 ∂μ/∂θ_k' Σ⁻¹ ∂μ/∂θ_l]."""
    def hessian(theta: np.ndarray) -> np.ndarray:
        k = layout.n_free
        out = np.zeros((k, k))
        for g in range(len(stats)):
            lam, phi, th, nu, alpha = layout.matrices(theta, g)
            p, m = lam.shape
            inv = np.linalg.inv(lam @ phi @ lam.T + th)
            d_sigma, d_mu = np.zeros((k, p, p)), np.zeros((k, p))
            lam_phi = lam @ phi
            for i, j in zip(*np.nonzero(layout.lam[g] >= 0)):
                q = layout.lam[g, i, j]
                d_sigma[q, i, :] += lam_phi[:, j]
                d_sigma[q, :, i] += lam_phi[:, j]
                d_mu[q, i] += alpha[j]
            for a, b in zip(*np.nonzero(np.triu(layout.phi[g] + 1) > 0)):
                q = layout.phi[g, a, b]
                outer = np.outer(lam[:, a], lam[:, b])
                d_sigma[q] += outer if a == b else outer + outer.T
            for i, j in zip(*np.nonzero(np.triu(layout.theta[g] + 1) > 0)):
                q = layout.theta[g, i, j]
                d_sigma[q, i, j] += 1.0
                if i != j:
                    d_sigma[q, j, i] += 1.0
            for i in np.flatnonzero(layout.nu[g] >= 0):
                d_mu[layout.nu[g, i], i] += 1.0
            for a in np.flatnonzero(layout.alpha[g] >= 0):
                d_mu[layout.alpha[g, a]] += lam[:, a]
            used = np.flatnonzero(np.abs(d_sigma).sum(axis=(1, 2)) + np.abs(d_mu).sum(axis=1) > 0)
            a_mat = inv @ d_sigma[used]  # Σ⁻¹ ∂Σ_k for every k; tr(A_k A_l) as one matrix product
            flat = a_mat.reshape(len(used), -1)
            block = flat @ a_mat.transpose(0, 2, 1).reshape(len(used), -1).T + 2 * d_mu[used] @ inv @ d_mu[used].T
            out[np.ix_(used, used)] += weights[g] * block
        return out

    return hessian


def _minimise(fun, hessian, theta0: np.ndarray) -> tuple[np.ndarray, bool]:
    """Fisher scoring (the expected Hessian, as lavaan's default information) with step halving,
    until the largest gradient element is below 1e-10 or no step lowers F."""
    theta = theta0
    value, grad = fun(theta)
    for _ in range(500):
        if np.max(np.abs(grad)) < 1e-10:
            break
        try:
            step = np.linalg.solve(hessian(theta), grad)
        except np.linalg.LinAlgError:
            break
        t = 1.0
        while t > 1e-6:
            new_value, new_grad = fun(theta - t * step)
            if new_value <= value:
                break
            t /= 2
        else:
            break
        theta, value, grad = theta - t * step, new_value, new_grad
    return theta, bool(np.all(np.isfinite(grad)) and np.max(np.abs(grad)) < 1e-6)


def fit_multigroup(
    frames: list[pd.DataFrame],
    factors: dict[str, list[str]],
    *,
    groups: list[str],
    covs: list[tuple[str, str]] = (),
    equal: tuple[str, ...] = (),
    what: str = "cfa",
) -> MultiGroupFit:
    """Fit the multi-group CFA with the parameters in ``equal`` held equal across groups.

    ``frames`` are the groups' complete, checked item columns in the same order; ``groups`` their labels.
    """
    unknown = [e for e in equal if e not in EQUALITY]
    if unknown:
        raise AnalysisError(f"{what}: unknown equality constraints {unknown}; use {list(EQUALITY)}")
    items = list(frames[0].columns)
    n = np.array([len(f) for f in frames])
    stats = [(np.cov(f.to_numpy(), rowvar=False, ddof=0), f.to_numpy().mean(axis=0)) for f in frames]
    layout = _Layout(factors, items, list(covs), len(frames), tuple(equal))
    fun = _objective(layout, stats, n / n.sum())
    information = _information(layout, stats, n / n.sum())
    with single_thread():
        theta, converged = _minimise(fun, information, _start(layout, stats))
        # standard errors from the expected information, N·H/2 (lavaan's default for complete data)
        try:
            se = np.sqrt(np.diag(np.linalg.inv(n.sum() * information(theta) / 2)))
        except np.linalg.LinAlgError:
            se = np.full(layout.n_free, np.nan)
    mats = [layout.matrices(theta, g) for g in range(len(frames))]
    implied = [(lam @ phi @ lam.T + th, nu + lam @ alpha) for lam, phi, th, nu, alpha in mats]
    fit = ml_multigroup_fit_measures(stats, implied, n=n, n_free=layout.n_free, what=what)
    estimates = _estimates(layout, mats, implied, groups, se)
    issues = ([] if converged else ["the estimation did not converge"]) + _issues(layout, mats, implied, groups)
    return MultiGroupFit(equal=tuple(equal), fit=fit, estimates=estimates, converged=converged, issues=tuple(issues))


def _estimates(layout: _Layout, mats, implied, groups: list[str], se: np.ndarray) -> pd.DataFrame:
    """Unstandardized estimates with their standard errors (NaN for a fixed parameter) and the
    completely standardized ones (lavaan's ``std.all``), group by group."""
    items, fnames = layout.items, list(layout.factors)
    rows = []
    for g, ((lam, phi, th, nu, alpha), (sigma, _)) in enumerate(zip(mats, implied)):
        isd, fsd = np.sqrt(np.diag(sigma)), np.sqrt(np.abs(np.diag(phi)))
        label = groups[g]

        def add(lhs, op, rhs, value, std, index):
            rows.append((label, lhs, op, rhs, value, se[index] if index >= 0 else np.nan, std))

        for j, f in enumerate(fnames):
            for item in layout.factors[f]:
                i = items.index(item)
                add(f, "=~", item, lam[i, j], lam[i, j] * fsd[j] / isd[i], layout.lam[g, i, j])
        for a in range(len(fnames)):
            for b in range(a, len(fnames)):
                add(fnames[a], "~~", fnames[b], phi[a, b], phi[a, b] / (fsd[a] * fsd[b]), layout.phi[g, a, b])
        for i in range(len(items)):
            for k in range(i, len(items)):
                if layout.theta[g, i, k] >= 0:
                    add(items[i], "~~", items[k], th[i, k], th[i, k] / (isd[i] * isd[k]), layout.theta[g, i, k])
        for i, item in enumerate(items):
            add(item, "~1", "", nu[i], nu[i] / isd[i], layout.nu[g, i])
        for j, f in enumerate(fnames):
            add(f, "~1", "", alpha[j], alpha[j] / fsd[j], layout.alpha[g, j])
    return pd.DataFrame(rows, columns=["group", "lhs", "op", "rhs", "estimate", "se", "std_estimate"])


def _issues(layout: _Layout, mats, implied, groups: list[str]) -> list[str]:
    """Heywood cases, negative factor variances, standardized loadings of 1 or more, a factor
    correlation matrix that is not positive definite: each named with its group."""
    items, fnames = layout.items, list(layout.factors)
    out = []
    for g, ((lam, phi, th, _, _), (sigma, _)) in enumerate(zip(mats, implied)):
        where = f"group {groups[g]}"
        neg_theta = [items[i] for i in np.flatnonzero(np.diag(th) < 0)]
        neg_phi = [fnames[j] for j in np.flatnonzero(np.diag(phi) <= 0)]
        if neg_theta:
            out.append(f"{where}: negative residual variances (Heywood case): {neg_theta}")
        if neg_phi:
            out.append(f"{where}: factor variances that are not positive: {neg_phi}")
            continue
        std = lam * np.sqrt(np.diag(phi))[None, :] / np.sqrt(np.diag(sigma))[:, None]
        over = [items[i] for i in np.flatnonzero((np.abs(std) >= 1).any(axis=1))]
        if over:
            out.append(f"{where}: standardized loadings of 1 or more: {over}")
        fsd = np.sqrt(np.diag(phi))
        if len(fnames) > 1 and np.linalg.eigvalsh(phi / np.outer(fsd, fsd)).min() <= 0:
            out.append(f"{where}: the factor correlation matrix is not positive definite")
    return out
