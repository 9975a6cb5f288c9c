"""Survey weights: design weights and raking (iterative proportional fitting) to known
population margins, trimming, and Kish's effective sample size.

Raking multiplies the design weights, one margin after another, by target / weighted count of
each category until every weighted margin equals its population total (R's ``rake()``). The
weights returned remember the margins they were raked to (``weights.attrs["raking"]``, one column
of categories per margin), so that the weighted statistics of :mod:`survey.stats.weights` compute
the standard errors of a raked design. Checked against R ``survey`` 4.1 in
``tests/reference/weights``.

>>> import pandas as pd
>>> df = pd.DataFrame({"g": ["a", "a", "b", "b", "b"]})
>>> rake(df, {"g": {"a": 50, "b": 50}}).tolist()
[25.0, 25.0, 16.666666666666668, 16.666666666666668, 16.666666666666668]
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings.format import fmt_num

__all__ = ["RAKING", "WeightingResult", "check_weights", "design_effect", "effective_n", "rake", "weighting"]

RAKING = "raking"  # key in ``weights.attrs``: the categories of each margin the weights were raked to


# ---- checking weights ----------------------------------------------------------------------------
def check_weights(weights, index: pd.Index, *, what: str) -> tuple[np.ndarray, pd.DataFrame | None]:
    """The weights as a float array aligned with ``index`` (by label for a Series, by position
    otherwise), and the raking margins they carry (or None). Missing, non-finite or non-positive
    weights raise ``AnalysisError`` naming the respondents."""
    if isinstance(weights, pd.Series):
        if weights.index.equals(index):
            series = weights
        else:
            absent = index[~index.isin(weights.index)]
            if len(absent):
                raise AnalysisError(f"{what}: no weight for respondents {list(absent[:10])}")
            if not weights.index.is_unique:
                raise AnalysisError(f"{what}: the weights' index repeats respondent ids; pass weights in the data's order")
            series = weights.reindex(index)
        raking = weights.attrs.get(RAKING)
        raking = None if raking is None else _align(raking, index)
    else:
        try:
            values = np.asarray(weights, dtype=float).ravel()
        except (TypeError, ValueError):
            raise AnalysisError(f"{what}: weights must be numbers (a Series, an array or a column name), got {weights!r:.60}") from None
        if len(values) != len(index):
            raise AnalysisError(f"{what}: {len(values)} weights for {len(index)} rows")
        series, raking = pd.Series(values, index=index), None
    if not pd.api.types.is_numeric_dtype(series):
        raise AnalysisError(f"{what}: weights are not numeric")
    w = series.to_numpy(dtype=float)
    bad = ~np.isfinite(w) | (w <= 0)
    if bad.any():
        raise AnalysisError(f"{what}: weights must be finite and > 0; {int(bad.sum())} are not, at respondents "
                            f"{list(index[bad][:10])} (values {w[bad][:10].tolist()})")
    return w, raking


def _align(raking: pd.DataFrame, index: pd.Index) -> pd.DataFrame | None:
    """The raking margins at the rows of ``index``; None when they cannot be matched (rows added)."""
    if raking.index.equals(index):
        return raking
    if not raking.index.is_unique or not index.isin(raking.index).all():
        return None
    return raking.reindex(index)


def levels_of(g: pd.Series) -> list:
    """The categories of ``g`` that occur: a Categorical's in its order, others sorted (as text if mixed)."""
    if isinstance(g.dtype, pd.CategoricalDtype):
        return [c for c in g.cat.categories if (g == c).any()]
    values = g.dropna().unique().tolist()
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=str)


def effective_n(weights) -> float:
    """Kish's effective sample size (Σw)²/Σw².

    >>> effective_n([1, 1, 2, 2])
    3.6
    """
    w = np.asarray(weights, dtype=float).ravel()
    if not len(w) or not np.all(np.isfinite(w) & (w > 0)):
        raise AnalysisError("effective_n: weights must be finite and > 0 (and at least one)")
    return float(w.sum() ** 2 / (w**2).sum())


def design_effect(weights) -> float:
    """Kish's design effect of unequal weighting, n/n_eff = 1 + CV² (population CV).

    >>> design_effect([1, 1, 2, 2])
    1.1111111111111112
    """
    return float(len(np.asarray(weights, dtype=float)) / effective_n(weights))


# ---- raking ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WeightingResult(Result):
    """How the weights were made. ``weights``: one per respondent (raked weights carry their margins
    in ``attrs["raking"]``). ``margins``: per margin and category the ``target``, the weighted
    count ``achieved``, the design-weighted count ``before`` and the sample ``n`` (empty without
    raking). ``iterations``/``converged``/``max_gap`` (largest |achieved − target| / target) report
    the raking; ``trimmed``: weights capped at ``trim`` × the mean weight. ``effective_n`` and
    ``design_effect`` are Kish's."""

    weights: pd.Series
    margins: pd.DataFrame
    design: str | None
    iterations: int
    converged: bool
    max_gap: float
    trim: float | None
    trimmed: int

    @property
    def effective_n(self) -> float:
        return effective_n(self.weights)

    @property
    def design_effect(self) -> float:
        return design_effect(self.weights)

    def to_frame(self) -> pd.DataFrame:
        return self.margins.copy()

    def describe(self) -> str:
        """One line for the ledger."""
        parts = [f"design weights {self.design!r}" if self.design else "equal design weights"]
        if len(self.margins):
            names = list(dict.fromkeys(self.margins["margin"]))
            parts.append(f"raked to {' × '.join(names)} in {self.iterations} iteration(s) (largest margin gap {self.max_gap:.2g})")
        if self.trim is not None:
            parts.append(f"trimmed at {self.trim:g} × mean ({self.trimmed} weight(s) capped)")
        parts.append(f"effective n {self.effective_n:.1f} of {len(self.weights)}, design effect {self.design_effect:.3f}")
        return "; ".join(parts)

    def findings(self, lang: str = "en", style: str | None = None, labels: Mapping[str, str] | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        n, neff, deff = len(self.weights), fmt_num(self.effective_n, digits=1, style=style), fmt_num(self.design_effect, style=style)
        names = [(labels or {}).get(m, m) for m in dict.fromkeys(self.margins["margin"])] if len(self.margins) else []
        if lang == "zh":
            how = f"按{'×'.join(names)}的总体分布进行了迭代比例加权（raking）" if names else "使用了设计权数"
            return [f"样本{how}，有效样本量为{neff}（n = {n}），权数设计效应为{deff}。"]
        how = f"raked to the population margins of {' and '.join(names)}" if names else "weighted by their design weights"
        return [f"Responses were {how}; the effective sample size is {neff} (n = {n}) and the design effect of weighting {deff}."]


def _margin_codes(df: pd.DataFrame, margins: Mapping[str, Mapping], what: str) -> pd.DataFrame:
    """Check the margins against the data: every variable present, every category on both sides,
    every margin summing to the same population total. All problems are collected first."""
    if not isinstance(margins, Mapping) or not margins:
        raise AnalysisError(f"{what}: margins must be a mapping {{variable: {{category: population count}}}}")
    problems, totals = [], {}
    for var, targets in margins.items():
        if var not in df.columns:
            problems.append(f"margin {var!r} is not a column of the data")
            continue
        if not isinstance(targets, Mapping) or not targets:
            problems.append(f"margin {var!r} must map each category to its population count")
            continue
        try:
            values = {k: float(v) for k, v in targets.items()}
        except (TypeError, ValueError):
            problems.append(f"margin {var!r}: population counts must be numbers, got {dict(targets)}")
            continue
        bad = {k: v for k, v in values.items() if not np.isfinite(v) or v <= 0}
        if bad:
            problems.append(f"margin {var!r}: population counts must be > 0, got {bad}")
        column = df[var]
        if column.isna().any():
            problems.append(f"margin {var!r}: {int(column.isna().sum())} respondent(s) have no value (rows {list(df.index[column.isna()][:10])})")
        seen = levels_of(column)
        absent = [k for k in values if k not in seen]
        if absent:
            problems.append(f"margin {var!r}: categories {absent} are in the margins but not in the data")
        unknown = [k for k in seen if k not in values]
        if unknown:
            problems.append(f"margin {var!r}: categories {unknown} are in the data but not in the margins")
        totals[var] = sum(values.values())
    if len(set(np.round(list(totals.values()), 6))) > 1:
        problems.append(f"the margins do not sum to the same population: {totals}")
    if problems:
        raise AnalysisError(f"{what}: the raking margins do not fit the data:\n  - " + "\n  - ".join(problems))
    return df[list(margins)].copy()


def weighting(
    df: pd.DataFrame,
    *,
    design=None,
    rake: Mapping[str, Mapping] | None = None,
    trim: float | None = None,
    max_iter: int = 100,
    tol: float = 1e-10,
) -> WeightingResult:
    """Make survey weights: design weights, optionally raked to population margins and trimmed.

    Parameters
    ----------
    df : DataFrame
        One row per respondent, holding the margin variables (and the design weight column).
    design : str, Series or array, optional
        Design weights (1/inclusion probability): a column of ``df`` or values aligned with it.
        Default: equal weights.
    rake : mapping, optional
        ``{variable: {category: population count}}``; each margin must sum to the same population
        total, and the categories must be exactly those found in the data.
    trim : float, optional
        Cap each weight at ``trim`` times the mean weight; raking and capping alternate until both
        hold (the margins are met again after each cap).
    max_iter, tol
        Raking stops when every weighted margin is within ``tol`` (relative) of its target;
        ``AnalysisError`` when that takes more than ``max_iter`` sweeps.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["m", "f", "f", "m"], "age": ["y", "y", "o", "o"]})
    >>> res = weighting(df, rake={"sex": {"m": 60, "f": 40}, "age": {"y": 50, "o": 50}})
    >>> res.weights.round(6).tolist(), res.converged
    ([30.0, 20.0, 20.0, 30.0], True)
    """
    what = "weighting"
    if not isinstance(df, pd.DataFrame):
        raise AnalysisError(f"{what} needs a pandas DataFrame, got {type(df).__name__}")
    if len(df) == 0:
        raise AnalysisError(f"{what}: the data have no rows")
    if trim is not None and not trim > 1:
        raise AnalysisError(f"{what}: trim must be a multiple of the mean weight greater than 1, got {trim!r}")
    design_name = design if isinstance(design, str) else (getattr(design, "name", None) if design is not None else None)
    if isinstance(design, str):
        if design not in df.columns:
            raise AnalysisError(f"{what}: design weight column {design!r} is not in the data")
        design = df[design]
    d, _ = check_weights(np.ones(len(df)) if design is None else design, df.index, what=f"{what}: design weights")
    if rake is None:
        w, trimmed = d.copy(), 0
        if trim is not None:
            w, trimmed = _cap(w, trim)
        return WeightingResult(weights=pd.Series(w, index=df.index, name="weight"), margins=pd.DataFrame(columns=["margin", "category", "n", "before", "target", "achieved"]),
                               design=design_name, iterations=0, converged=True, max_gap=0.0, trim=trim, trimmed=trimmed)
    cats = _margin_codes(df, rake, what)
    w, iterations, gap, trimmed = _ipf(d, cats, rake, trim=trim, max_iter=max_iter, tol=tol, what=what)
    rows = []
    for var, targets in rake.items():
        column = cats[var].to_numpy()
        for level, target in targets.items():
            mask = column == level
            rows.append({"margin": var, "category": level, "n": int(mask.sum()), "before": float(d[mask].sum()),
                         "target": float(target), "achieved": float(w[mask].sum())})
    weights = pd.Series(w, index=df.index, name="weight")
    weights.attrs[RAKING] = cats
    deff = design_effect(w)
    if deff > 3:
        warnings.warn(f"{what}: the weights vary widely (Kish design effect {deff:.2f}); "
                      "consider trim= or coarser margins", SurveyWarning, stacklevel=2)
    return WeightingResult(weights=weights, margins=pd.DataFrame(rows), design=design_name, iterations=iterations,
                           converged=True, max_gap=gap, trim=trim, trimmed=trimmed)


def _ipf(d: np.ndarray, cats: pd.DataFrame, margins: Mapping, *, trim, max_iter: int, tol: float, what: str):
    """Iterative proportional fitting from design weights ``d``; (weights, sweeps, max gap, n capped)."""
    groups = []
    for var, targets in margins.items():
        codes, levels = pd.factorize(cats[var])
        groups.append((codes, np.array([float(targets[lv]) for lv in levels])))
    w = d.astype(float).copy()
    trimmed, gap = 0, np.inf
    for iteration in range(1, max_iter + 1):
        for codes, target in groups:
            w *= (target / np.bincount(codes, weights=w))[codes]
        if trim is not None:
            w, trimmed = _cap(w, trim)
        gap = max(float(np.max(np.abs(np.bincount(c, weights=w) - t) / t)) for c, t in groups)
        if gap < tol:
            return w, iteration, gap, trimmed
    raise AnalysisError(f"{what}: raking did not converge in {max_iter} iterations (largest relative gap between a weighted "
                        f"margin and its target {gap:.3g}); the margins may be incompatible with the sample"
                        + (" or the trimming bound too tight" if trim is not None else "") + "; raise max_iter or check the margins")


def _cap(w: np.ndarray, trim: float) -> tuple[np.ndarray, int]:
    """Cap weights at ``trim`` × their mean, spreading the excess over the others (total kept)."""
    w = w.copy()
    total = w.sum()
    capped = np.zeros(len(w), bool)
    for _ in range(len(w)):
        bound = trim * total / len(w)
        over = (w > bound * (1 + 1e-12)) & ~capped
        if not over.any():
            break
        capped |= over
        w[capped] = bound
        free = ~capped
        if not free.any():
            raise AnalysisError(f"trimming at {trim:g} × the mean weight leaves no weight free to take the excess")
        w[free] *= (total - w[capped].sum()) / w[free].sum()
    return w, int(capped.sum())


def rake(df: pd.DataFrame, margins: Mapping[str, Mapping], *, design=None, trim: float | None = None,
         max_iter: int = 100, tol: float = 1e-10) -> pd.Series:
    """Raked weights (iterative proportional fitting to population margins), as R's ``rake()``.

    The weights carry the margins in ``attrs["raking"]`` so that weighted statistics compute the
    SEs of a raked design; see :func:`weighting` for the parameters and the convergence report.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sector": ["uni", "uni", "firm"]})
    >>> rake(df, {"sector": {"uni": 100, "firm": 300}}).tolist()
    [50.0, 50.0, 300.0]
    """
    return weighting(df, design=design, rake=margins, trim=trim, max_iter=max_iter, tol=tol).weights
