"""Factor rotations, written to reproduce R's conventions exactly (as ``psych::fa`` calls them).

- ``varimax``: R ``stats::varimax`` (Kaiser normalisation on, ``eps = 1e-5``, SVD iteration).
- ``promax``: psych's ``rotate = "promax"``, i.e. ``psych::kaiser(L, "Promax")``: rows Kaiser-
  normalised, ``stats::varimax``, power m = 4, least-squares target fit, columns rescaled, rows
  de-normalised. (SPSS's promax also Kaiser-normalises, but uses its own varimax convergence.)
- ``oblimin`` (γ = 0, quartimin) and ``quartimax``: GPArotation's gradient-projection algorithms
  ``GPFoblq`` / ``GPForth`` with GPArotation's defaults (no Kaiser normalisation, ``eps = 1e-5``).

Each returns ``(loadings, rotation_matrix, phi, converged)``; ``phi`` is None for orthogonal ones.
"""

from __future__ import annotations

import numpy as np

__all__ = ["rotate", "ROTATIONS", "ROTATION_NOTES"]

ROTATIONS = ("none", "varimax", "promax", "oblimin", "quartimax")
OBLIQUE = ("promax", "oblimin")
ROTATION_NOTES = {
    "none": "unrotated",
    "varimax": "varimax with Kaiser normalisation (R stats::varimax, eps = 1e-5; as psych::fa)",
    "promax": "promax (m = 4) with Kaiser normalisation (psych::kaiser + psych::Promax, as psych::fa rotate = 'promax')",
    "oblimin": "direct oblimin, gamma = 0 (quartimin), no Kaiser normalisation (GPArotation::oblimin defaults, as psych::fa)",
    "quartimax": "quartimax, no Kaiser normalisation (GPArotation::quartimax defaults, as psych::fa)",
}


def varimax(x: np.ndarray, *, normalize: bool = True, eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray, bool]:
    """R ``stats::varimax`` line by line."""
    nc = x.shape[1]
    if nc < 2:
        return x.copy(), np.eye(nc), True
    sc = np.sqrt((x**2).sum(axis=1)) if normalize else np.ones(x.shape[0])
    xs = x / sc[:, None]
    p = xs.shape[0]
    tt = np.eye(nc)
    d = 0.0
    converged = False
    for _ in range(1000):
        z = xs @ tt
        b = xs.T @ (z**3 - z @ np.diag((z**2).sum(axis=0)) / p)
        u, s, vt = np.linalg.svd(b)
        tt = u @ vt
        dpast = d
        d = s.sum()
        if d < dpast * (1 + eps):
            converged = True
            break
    z = (xs @ tt) * sc[:, None]
    return z, tt, converged


def _promax_psych(x: np.ndarray, m: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """``psych::Promax`` (varimax first, then the promax target)."""
    xv, rot, conv = varimax(x)
    q = xv * np.abs(xv) ** (m - 1)
    u, *_ = np.linalg.lstsq(xv, q, rcond=None)
    d = np.diag(np.linalg.inv(u.T @ u))
    u = u @ np.diag(np.sqrt(d))
    z = xv @ u
    u = rot @ u
    ui = np.linalg.inv(u)
    phi = ui @ ui.T
    return z, u, phi, conv


def promax(x: np.ndarray, *, m: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """psych's ``rotate = "promax"``: ``kaiser(x, rotate = "Promax")``."""
    h2 = np.sqrt((x**2).sum(axis=1))
    z, u, phi, conv = _promax_psych(x / h2[:, None], m)
    return z * h2[:, None], u, phi, conv


def _vgq_oblimin(lam: np.ndarray, gam: float = 0.0) -> tuple[np.ndarray, float]:
    k = lam.shape[1]
    x = (lam**2) @ (1.0 - np.eye(k))
    if gam != 0:
        p = lam.shape[0]
        x = (np.eye(p) - gam / p) @ x
    return lam * x, float((lam**2 * x).sum() / 4)


def _vgq_quartimax(lam: np.ndarray) -> tuple[np.ndarray, float]:
    return -(lam**3), float(-(lam**4).sum() / 4)


def gpf_oblique(a: np.ndarray, *, gam: float = 0.0, eps: float = 1e-5, maxit: int = 1000):
    """GPArotation ``GPFoblq`` with the oblimin criterion."""
    tmat = np.eye(a.shape[1])
    al = 1.0
    lam = a @ np.linalg.inv(tmat).T
    gq, f = _vgq_oblimin(lam, gam)
    g = -(lam.T @ gq @ np.linalg.inv(tmat)).T
    s = np.inf
    for _ in range(maxit + 1):
        gp = g - tmat @ np.diag((tmat * g).sum(axis=0))
        s = np.sqrt((gp**2).sum())
        if s < eps:
            break
        al *= 2
        for _ in range(11):
            x = tmat - al * gp
            v = 1 / np.sqrt((x**2).sum(axis=0))
            tmatt = x * v[None, :]
            lam = a @ np.linalg.inv(tmatt).T
            gqt, ft = _vgq_oblimin(lam, gam)
            if f - ft > 0.5 * s**2 * al:
                break
            al /= 2
        tmat = tmatt
        f = ft
        g = -(lam.T @ gqt @ np.linalg.inv(tmatt)).T
    phi = tmat.T @ tmat
    return lam, tmat, phi, bool(s < eps)


def gpf_orthogonal(a: np.ndarray, *, eps: float = 1e-5, maxit: int = 1000):
    """GPArotation ``GPForth`` with the quartimax criterion."""
    tmat = np.eye(a.shape[1])
    al = 1.0
    lam = a @ tmat
    gq, f = _vgq_quartimax(lam)
    g = a.T @ gq
    s = np.inf
    for _ in range(maxit + 1):
        m = tmat.T @ g
        sym = (m + m.T) / 2
        gp = g - tmat @ sym
        s = np.sqrt((gp**2).sum())
        if s < eps:
            break
        al *= 2
        for _ in range(11):
            x = tmat - al * gp
            u, _, vt = np.linalg.svd(x)
            tmatt = u @ vt
            lam = a @ tmatt
            gqt, ft = _vgq_quartimax(lam)
            if ft < f - 0.5 * s**2 * al:
                break
            al /= 2
        tmat = tmatt
        f = ft
        g = a.T @ gqt
    return lam, tmat, bool(s < eps)


def rotate(loadings: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None, bool]:
    """Rotate a loading matrix: returns ``(rotated, rotation_matrix, phi, converged)``."""
    if method not in ROTATIONS:
        raise ValueError(f"rotation must be one of {ROTATIONS}, got {method!r}")
    if method == "none" or loadings.shape[1] < 2:
        return loadings.copy(), None, None, True
    if method == "varimax":
        z, tt, conv = varimax(loadings)
        return z, tt, None, conv
    if method == "promax":
        z, u, phi, conv = promax(loadings)
        return z, u, phi, conv
    if method == "oblimin":
        z, tmat, phi, conv = gpf_oblique(loadings)
        return z, tmat, phi, conv
    z, tmat, conv = gpf_orthogonal(loadings)
    return z, tmat, None, conv
