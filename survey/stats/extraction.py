"""Factor extraction from a correlation matrix: minres, principal axis, ML and principal
components, as R ``psych::fa`` (and ``psych::principal``) extract them.

The one extraction engine: ``efa`` rotates what it extracts, ``parallel_analysis`` extracts one
minres factor for the reduced matrix, ``omega`` extracts the general and group factors. Kept apart
from :mod:`survey.stats.efa` so that no two of them import each other.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize

__all__ = ["METHODS", "METHOD_NOTES", "MAX_ITER", "PSI_MIN", "extract", "signed_sorted"]

METHODS = ("minres", "pa", "ml", "pc")
METHOD_NOTES = {
    "minres": "minimum residual (psych::fa fm = 'minres')",
    "pa": "principal axis factoring (psych::fa fm = 'pa': SMC start, stop when Σh² changes < .001 or 50 iterations)",
    "ml": "maximum likelihood (psych::fa fm = 'ml')",
    "pc": "principal components (psych::principal; SPSS 'Principal components')",
}
PSI_MIN = 0.005
MAX_ITER = {"pa": 50, "minres": 100, "ml": 100}  # psych's max.iter for pa; R optim's maxit for L-BFGS-B, as psych::fa


def _eig_desc(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    vals, vecs = np.linalg.eigh(a)
    return vals[::-1], vecs[:, ::-1]


def _smc(corr: np.ndarray) -> np.ndarray:
    return 1 - 1 / np.diag(np.linalg.inv(corr))


def _loadings_from(vals: np.ndarray, vecs: np.ndarray, m: int) -> np.ndarray:
    return vecs[:, :m] * np.sqrt(np.maximum(vals[:m], 0))[None, :]


def _uls(psi: np.ndarray, corr: np.ndarray, m: int) -> tuple[float, np.ndarray]:
    s = corr - np.diag(psi)
    vals, vecs = _eig_desc(s)
    rest = vals[m:]
    f = float((rest**2).sum())
    load = _loadings_from(vals, vecs, m)
    grad = 2 * np.diag(load @ load.T + np.diag(psi) - corr)
    return f, grad


def _ml(psi: np.ndarray, corr: np.ndarray, m: int) -> tuple[float, np.ndarray]:
    sc = 1 / np.sqrt(psi)
    sstar = corr * sc[:, None] * sc[None, :]
    vals, vecs = _eig_desc(sstar)
    e = vals[m:]
    f = -(np.sum(np.log(e) - e) - m + corr.shape[0])
    load = vecs[:, :m] * np.sqrt(np.maximum(vals[:m] - 1, 0))[None, :]
    load = np.sqrt(psi)[:, None] * load
    g = load @ load.T + np.diag(psi) - corr
    return float(f), np.diag(g) / psi**2


def extract(corr: np.ndarray, m: int, method: str, *, min_err: float = 0.001, max_iter: int | None = None, ftol: float = 1e-15):
    """Unrotated loadings: returns ``(loadings, converged, iterations)``.

    ``max_iter`` caps principal axis's iterations and the L-BFGS-B iterations of minres and ML
    (None: psych's defaults, ``MAX_ITER``); stopping at the cap is reported as not converged.
    """
    p = corr.shape[0]
    if method == "pc":
        vals, vecs = _eig_desc(corr)
        return _loadings_from(vals, vecs, m), True, 0
    if max_iter is None:
        max_iter = MAX_ITER[method]
    if method == "pa":
        r = corr.copy()
        np.fill_diagonal(r, _smc(corr))
        comm = np.trace(r)
        err, it, converged = comm, 1, True
        load = None
        while err > min_err:
            vals, vecs = _eig_desc(r)
            load = _loadings_from(vals, vecs, m)
            new = (load**2).sum(axis=1)
            comm1 = new.sum()
            np.fill_diagonal(r, new)
            err = abs(comm - comm1)
            comm = comm1
            it += 1
            if it > max_iter:
                converged = False
                break
        return load, converged, it - 1
    start = np.clip(1 - _smc(corr), PSI_MIN, 1)
    fun = _uls if method == "minres" else _ml
    res = optimize.minimize(
        fun, start, args=(corr, m), jac=True, method="L-BFGS-B", bounds=[(PSI_MIN, 1.0)] * p,
        options={"ftol": ftol, "gtol": 1e-10, "maxiter": max_iter},
    )
    psi = res.x
    if method == "minres":
        s = corr - np.diag(psi)
        vals, vecs = _eig_desc(s)
        load = _loadings_from(vals, vecs, m)
    else:
        sc = 1 / np.sqrt(psi)
        vals, vecs = _eig_desc(corr * sc[:, None] * sc[None, :])
        load = np.sqrt(psi)[:, None] * (vecs[:, :m] * np.sqrt(np.maximum(vals[:m] - 1, 0))[None, :])
    return load, bool(res.success), int(res.nit)


def signed_sorted(load: np.ndarray, phi: np.ndarray | None, *, order_with_phi: bool = True):
    signs = np.sign(load.sum(axis=0))
    signs[signs == 0] = 1
    load = load * signs[None, :]
    if phi is not None:
        phi = phi * np.outer(signs, signs)
    if load.shape[1] > 1:
        ev = np.diag(phi @ load.T @ load) if (phi is not None and order_with_phi) else (load**2).sum(axis=0)
        order = np.argsort(-ev, kind="stable")
        load = load[:, order]
        if phi is not None:
            phi = phi[np.ix_(order, order)]
    return load, phi


