"""Horn's parallel analysis (seeded): how many factors or components to retain.

Observed eigenvalues are compared with those of random data of the same size (n × k, normal,
uncorrelated). Random correlation matrices are drawn directly from their Wishart distribution
(Bartlett decomposition), which is the exact distribution of the correlation matrix of n normal
observations, so the cost does not grow with n. Like R ``psych::fa.parallel``:

- components (``kind="pc"``): eigenvalues of the correlation matrix;
- factors (``kind="fa"``): eigenvalues of the correlation matrix with the communalities of a
  one-factor minres solution on its diagonal (psych's ``fa = "fa"``);
- the number retained is the count of leading observed eigenvalues above the 95th percentile of
  the simulated ones (``quantile=0.95``: psych's ``fa.parallel`` default ``quant = .95``, Glorfeld
  1995), or above their mean (``quantile=None``, Horn's original rule, which keeps more factors).

The simulated values are random: psych's and ours agree in structure (the number retained on
clear data), not digit by digit; ours are reproducible from ``seed``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._result import Result
from ..findings import Finding, KeyedFindings

__all__ = ["ParallelResult", "parallel_analysis", "parallel_from_corr"]


@dataclass(frozen=True, repr=False)
class ParallelResult(KeyedFindings, Result):
    """Observed and simulated eigenvalues and the number of factors/components suggested."""

    table: pd.DataFrame  # index 1..k; observed, simulated (mean or quantile)
    n_suggested: int
    kind: str
    n: int
    n_iter: int
    seed: int | None
    quantile: float | None
    correlation: str = "pearson"

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def finding_objects(self) -> list[Finding]:
        """``efa.parallel`` (main): how many factors or components the simulation suggests."""
        return [Finding("efa.parallel", {"n_iter": self.n_iter, "seed": self.seed, "n_suggested": self.n_suggested,
                                         "kind": "factors" if self.kind == "fa" else "components",
                                         "reference": "mean" if self.quantile is None else "quantile", "quantile": self.quantile})]

    def plot(self, ax=None, lang: str = "en"):
        from ..figures.psychometrics import plot_scree

        return plot_scree(self, ax=ax, lang=lang)


def _random_correlations(n: int, k: int, n_iter: int, rng: np.random.Generator) -> np.ndarray:
    """``n_iter`` correlation matrices of n independent N(0, I_k) rows, via Bartlett's decomposition."""
    dof = n - 1
    out = np.empty((n_iter, k, k))
    low = np.tril_indices(k, -1)
    for it in range(n_iter):
        a = np.zeros((k, k))
        a[np.diag_indices(k)] = np.sqrt(rng.chisquare(dof - np.arange(k)))
        a[low] = rng.standard_normal(len(low[0]))
        w = a @ a.T
        d = 1 / np.sqrt(np.diag(w))
        out[it] = w * d[:, None] * d[None, :]
    return out


def _fa_values(corr: np.ndarray) -> np.ndarray:
    from .extraction import extract

    load, *_ = extract(corr, 1, "minres", ftol=1e-9)  # eigenvalues to ~1e-5 suffice for a count
    reduced = corr.copy()
    np.fill_diagonal(reduced, (load**2).sum(axis=1))
    return np.sort(np.linalg.eigvalsh(reduced))[::-1]


def parallel_from_corr(
    corr: np.ndarray,
    n: int,
    *,
    names=None,
    kind: str = "fa",
    n_iter: int = 20,
    quantile: float | None = 0.95,
    seed: int | None = 0,
) -> ParallelResult:
    """Parallel analysis from a correlation matrix and its sample size."""
    if kind not in ("fa", "pc"):
        raise ValueError(f"kind must be 'fa' or 'pc', got {kind!r}")
    k = corr.shape[0]
    rng = np.random.default_rng(seed)
    sims = _random_correlations(n, k, n_iter, rng)
    if kind == "pc":
        observed = np.sort(np.linalg.eigvalsh(corr))[::-1]
        simulated = np.sort(np.linalg.eigvalsh(sims), axis=1)[:, ::-1]
    else:
        observed = _fa_values(corr)
        simulated = np.vstack([_fa_values(s) for s in sims])
    ref = simulated.mean(axis=0) if quantile is None else np.quantile(simulated, quantile, axis=0)
    above = observed > ref
    n_suggested = int(np.argmin(above)) if not above.all() else k
    table = pd.DataFrame(
        {"observed": observed, "simulated": ref, "simulated_sd": simulated.std(axis=0, ddof=1)},
        index=pd.RangeIndex(1, k + 1, name="number"),
    )
    return ParallelResult(table=table, n_suggested=n_suggested, kind=kind, n=n, n_iter=n_iter, seed=seed, quantile=quantile)


def parallel_analysis(
    data: pd.DataFrame,
    *,
    kind: str = "fa",
    n_iter: int = 20,
    quantile: float | None = 0.95,
    seed: int | None = 0,
    nan_policy: str = "listwise",
    cor: str = "pearson",
) -> ParallelResult:
    """Horn's parallel analysis on the items of ``data`` (seeded, reproducible).

    ``cor="polychoric"`` takes the observed eigenvalues from the polychoric matrix (psych's
    ``fa.parallel(cor = "poly")``); the simulated ones stay those of normal data of the same size.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(500, 2))
    >>> x = np.hstack([f[:, [0]] + rng.normal(size=(500, 4)), f[:, [1]] + rng.normal(size=(500, 4))])
    >>> parallel_analysis(pd.DataFrame(x), kind="pc", seed=1).n_suggested
    2
    """
    from .factorability import checked_correlation

    from ._threads import single_thread

    frame, corr, n = checked_correlation(data, what="parallel_analysis", nan_policy=nan_policy, cor=cor)
    with single_thread():
        res = parallel_from_corr(corr, n, kind=kind, n_iter=n_iter, quantile=quantile, seed=seed)
    return dataclasses.replace(res, correlation=cor)
