"""Exploratory factor analysis: minres, principal axis, ML and principal components; rotations.

Written to reproduce R ``psych::fa`` (and ``psych::principal`` for ``method="pc"``), conventions
included (see ``tests/reference/psychometrics/efa.R``):

- extraction works on the Pearson correlation matrix; minres and ML minimise psych's criteria over
  the uniquenesses with bounds [.005, 1] from the start 1 − SMC; principal axis iterates from SMC
  communalities until the total communality changes by less than ``min_err`` (.001) or 50
  iterations, as psych does (SPSS's PAF stops on a different rule and may differ in the third
  decimal);
- rotations as psych calls them (see :mod:`survey.stats.rotation`);
- after rotation each factor's sign is set so its loadings sum positive, and factors are ordered
  by the variance they account for (for oblique rotations diag(Φ·L′L), psych's rule).

Heywood cases (a communality of .995 or more, i.e. a uniqueness at its lower bound, or above 1)
make the solution inadmissible: ``admissible`` is False and ``issues`` names the items.
"""

from __future__ import annotations

import dataclasses
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings import Finding, KeyedFindings
from .factorability import checked_correlation
from ._threads import single_thread
from .extraction import MAX_ITER, METHOD_NOTES, METHODS, PSI_MIN, extract, signed_sorted
from .rotation import OBLIQUE, ROTATION_NOTES, ROTATIONS, rotate

__all__ = ["EFAResult", "efa", "METHODS"]


@dataclass(frozen=True, repr=False)
class EFAResult(KeyedFindings, Result):
    """An exploratory factor solution with labelled tables."""

    loadings: pd.DataFrame
    communalities: pd.Series
    uniquenesses: pd.Series
    eigenvalues: pd.Series
    variance: pd.DataFrame
    variance_table: pd.DataFrame
    phi: pd.DataFrame | None
    structure: pd.DataFrame | None
    unrotated: pd.DataFrame
    n: int
    n_factors: int
    n_factors_rule: str
    method: str
    rotation: str
    method_note: str
    rotation_note: str
    converged: bool
    admissible: bool
    issues: tuple[str, ...] = field(default_factory=tuple)
    parallel: object | None = None
    rmsr: float = float("nan")
    correlation: str = "pearson"

    def to_frame(self) -> pd.DataFrame:
        out = self.loadings.copy()
        out["communality"] = self.communalities
        out["uniqueness"] = self.uniquenesses
        return out

    def primary_factor(self, *, min_loading: float = 0.4) -> pd.Series:
        """Each item's factor with the largest |loading| (None below ``min_loading``)."""
        best = self.loadings.abs().idxmax(axis=1)
        top = self.loadings.abs().max(axis=1)
        return best.where(top >= min_loading, None)

    def finding_objects(self) -> list[Finding]:
        """``efa.solution`` (main: method, rotation, rule, number of factors, cumulative variance),
        then ``efa.inadmissible`` or ``efa.note`` (caution) when the solution has issues, then
        ``efa.weak_items`` and ``efa.cross_loadings`` (caution) at the .40 convention."""
        rotation = "promax_pc" if (self.rotation == "promax" and self.method == "pc") else self.rotation if self.n_factors > 1 else "none"
        out = [Finding("efa.solution", {
            "method": self.method, "rotation": rotation, "rule": self.n_factors_rule, "n_factors": self.n_factors,
            "cumulative": self.variance["cumulative"].iloc[-1] * 100, "kind": "components" if self.method == "pc" else "factors",
            "polychoric": self.correlation}, ids=tuple(self.loadings.index))]
        if self.issues:
            out.append(Finding("efa.inadmissible" if not self.admissible else "efa.note", {
                "issues": [{"issue": i} for i in self.issues], "stalled": "converged" if self.converged else "not_converged"}, level="caution"))
        weak = [i for i, row in self.loadings.iterrows() if (row.abs() < 0.4).all()]
        cross = [i for i, row in self.loadings.iterrows() if (row.abs() >= 0.4).sum() > 1]
        if weak:
            out.append(Finding("efa.weak_items", {"items": weak}, level="caution", ids=tuple(weak)))
        if cross:
            out.append(Finding("efa.cross_loadings", {"items": cross}, level="caution", ids=tuple(cross)))
        return out

    def plot(self, ax=None, lang: str = "en"):
        from ..figures.psychometrics import plot_loadings

        return plot_loadings(self, ax=ax, lang=lang)


def _variance_tables(eig, unrot, load, phi, p, oblique):
    m = load.shape[1]
    names = [f"F{j + 1}" for j in range(m)]
    ss = np.diag(phi @ load.T @ load) if phi is not None else (load**2).sum(axis=0)
    variance = pd.DataFrame(
        {"ss_loadings": ss, "proportion": ss / p, "cumulative": np.cumsum(ss / p)}, index=pd.Index(names, name="factor")
    )
    ext = (unrot**2).sum(axis=0)
    vt = pd.DataFrame(index=pd.RangeIndex(1, p + 1, name="number"))
    vt["initial_eigenvalue"] = eig
    vt["initial_pct"] = eig / p * 100
    vt["initial_cum_pct"] = np.cumsum(eig) / p * 100
    for col, vals in (("extraction_ss", ext), ("rotation_ss", ss)):
        full = np.full(p, np.nan)
        full[:m] = vals
        vt[col] = full
    vt["extraction_pct"] = vt["extraction_ss"] / p * 100
    vt["extraction_cum_pct"] = vt["extraction_ss"].cumsum() / p * 100
    if not oblique:
        vt["rotation_pct"] = vt["rotation_ss"] / p * 100
        vt["rotation_cum_pct"] = vt["rotation_ss"].cumsum() / p * 100
    vt = vt.astype("float64")
    return variance, vt


def efa(
    data: pd.DataFrame,
    *,
    n_factors: int | str | None = None,
    method: str = "minres",
    rotation: str = "varimax",
    nan_policy: str = "listwise",
    seed: int | None = 0,
    n_iter: int = 20,
    min_err: float = 0.001,
    max_iter: int | None = None,
    cor: str = "pearson",
) -> EFAResult:
    """Exploratory factor analysis (or principal components) with a rotation.

    Parameters
    ----------
    data : DataFrame or LazyResponses
        Items; a scanned table (``survey.scan``) is factored from its Pearson matrix (docs/scale.md).
    n_factors : int, "parallel", "kaiser" or None
        The number of factors; None or "parallel" runs a seeded parallel analysis
        (components for ``method="pc"``, factors otherwise), "kaiser" keeps eigenvalues > 1.
    method : {"minres", "pa", "ml", "pc"}
    rotation : {"varimax", "promax", "oblimin", "quartimax", "none"}
        Conventions as in R psych (``result.rotation_note`` says which).
    min_err, max_iter : float, int
        Principal axis stops when the total communality changes by less than ``min_err``;
        ``max_iter`` caps its iterations and those of the minres and ML optimiser (None: psych's
        defaults, 50 for principal axis and 100 for minres and ML). A solution stopped at the cap is
        not converged: ``converged`` and ``admissible`` are False, ``issues`` says so, and a
        ``SurveyWarning`` is issued.
    cor : {"pearson", "polychoric"}
        The matrix factored: Pearson's, or the polychoric matrix of ordinal items
        (:func:`survey.stats.polychoric.polychoric`, as ``psych::fa(cor = "poly")``).

    Returns
    -------
    EFAResult
        ``loadings`` (pattern matrix, items × F1..Fm), ``communalities``, ``eigenvalues`` (of
        the correlation matrix), ``variance`` (``ss_loadings, proportion, cumulative`` after
        rotation), ``variance_table`` (SPSS's "total variance explained"), ``phi`` and
        ``structure`` for oblique rotations, ``admissible`` and ``issues``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(500, 2))
    >>> x = np.hstack([f[:, [0]] + rng.normal(size=(500, 3)), f[:, [1]] + rng.normal(size=(500, 3))])
    >>> res = efa(pd.DataFrame(x, columns=list("abcdef")), n_factors=2)
    >>> res.primary_factor().tolist()
    ['F1', 'F1', 'F1', 'F2', 'F2', 'F2']
    """
    if method not in METHODS:
        raise AnalysisError(f"efa: method must be one of {METHODS}, got {method!r}")
    if rotation not in ROTATIONS:
        raise AnalysisError(f"efa: rotation must be one of {ROTATIONS}, got {rotation!r}")
    if max_iter is not None and (isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1):
        raise AnalysisError(f"efa: max_iter must be a positive whole number or None, got {max_iter!r}")
    frame, corr, n = checked_correlation(data, what="efa", nan_policy=nan_policy, min_items=3, cor=cor)
    names = [str(c) for c in frame.columns]
    p = corr.shape[0]
    eig = np.sort(np.linalg.eigvalsh(corr))[::-1]
    parallel = None
    if n_factors is None or n_factors == "parallel":
        from .parallel import parallel_from_corr

        with single_thread():
            parallel = parallel_from_corr(corr, n, kind="pc" if method == "pc" else "fa", n_iter=n_iter, seed=seed)
            parallel = dataclasses.replace(parallel, correlation=cor)
        m, rule = max(1, parallel.n_suggested), "parallel"
    elif n_factors == "kaiser":
        m, rule = max(1, int((eig > 1).sum())), "kaiser"
    elif isinstance(n_factors, (int, np.integer)) and not isinstance(n_factors, bool):
        m, rule = int(n_factors), "given"
    else:
        raise AnalysisError(f"efa: n_factors must be an int, 'parallel', 'kaiser' or None, got {n_factors!r}")
    if not 1 <= m < p:
        raise AnalysisError(f"efa: n_factors must be between 1 and {p - 1} for {p} items, got {m}")
    dof = ((p - m) ** 2 - (p + m)) / 2
    issues: list[str] = []
    if method != "pc" and dof < 0:
        issues.append(f"{m} factors for {p} items leave negative degrees of freedom ({dof:g}): the model is not identified")
    with single_thread():
        unrot, converged, _ = extract(corr, m, method, min_err=min_err, max_iter=max_iter)
        unrot, _ = signed_sorted(unrot, None)  # psych flips unrotated loadings before rotating
        if rotation == "promax" and method == "pc":  # psych::principal uses stats::promax (no extra Kaiser step)
            from .rotation import _promax_psych

            load, _, phi, rconv = _promax_psych(unrot)
        else:
            load, _, phi, rconv = rotate(unrot, rotation if m > 1 else "none")
        load, phi = signed_sorted(load, phi, order_with_phi=method != "pc")
    if not rconv:
        issues.append(f"the {rotation} rotation did not converge")
    if not converged:
        issues.append(f"the extraction did not converge in {MAX_ITER[method] if max_iter is None else max_iter} iterations")
    comm = (unrot**2).sum(axis=1)
    if method != "pc":
        heywood = [names[i] for i in np.flatnonzero(comm >= 1 - PSI_MIN - 1e-6)]
        ultra = [names[i] for i in np.flatnonzero(comm > 1)]
        if ultra:
            issues.append(f"ultra-Heywood case (communality > 1): {ultra}")
        elif heywood:
            issues.append(f"Heywood case (communality ≈ 1, uniqueness at its bound): {heywood}")
    admissible = not any(("Heywood" in i) or ("not converge" in i) or ("not identified" in i) for i in issues)
    if not (converged and rconv):
        warnings.warn("efa: " + "; ".join(i for i in issues if "not converge" in i), SurveyWarning, stacklevel=2)
    fnames = [f"F{j + 1}" for j in range(m)]
    idx = pd.Index(names, name="item")
    oblique = phi is not None and rotation in OBLIQUE
    variance, vtable = _variance_tables(eig, unrot, load, phi if oblique else None, p, oblique)
    resid = corr - unrot @ unrot.T
    off = resid[~np.eye(p, dtype=bool)]
    return EFAResult(
        loadings=pd.DataFrame(load, index=idx, columns=pd.Index(fnames, name="factor")),
        communalities=pd.Series(comm, index=idx, name="communality"),
        uniquenesses=pd.Series(1 - comm, index=idx, name="uniqueness"),
        eigenvalues=pd.Series(eig, index=pd.RangeIndex(1, p + 1, name="number"), name="eigenvalue"),
        variance=variance,
        variance_table=vtable,
        phi=pd.DataFrame(phi, index=fnames, columns=fnames) if oblique else None,
        structure=pd.DataFrame(load @ phi, index=idx, columns=fnames) if oblique else None,
        unrotated=pd.DataFrame(unrot, index=idx, columns=pd.Index(fnames, name="factor")),
        n=n,
        n_factors=m,
        n_factors_rule=rule,
        method=method,
        rotation=rotation if m > 1 else "none",
        method_note=METHOD_NOTES[method],
        rotation_note=("stats::promax (Kaiser normalisation inside varimax only), as psych::principal" if (rotation == "promax" and method == "pc") else ROTATION_NOTES[rotation if m > 1 else "none"]),
        converged=bool(converged and rconv),
        admissible=admissible,
        issues=tuple(issues),
        parallel=parallel,
        rmsr=float(np.sqrt(np.mean(off**2))),
        correlation=cor,
    )

