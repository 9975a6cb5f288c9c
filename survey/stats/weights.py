"""Survey weights: design weights, raking to known population margins, and design-based
(linearisation) standard errors, as R's ``survey`` package computes them.

Raking (iterative proportional fitting) multiplies the design weights, one margin after another,
by target / weighted count of each category until every weighted margin equals its population
total (R's ``rake()``). The weights returned remember the margins they were raked to
(``weights.attrs["raking"]``, one column of categories per margin), and every weighted statistic
uses them: its linearised variance takes the raking into account as R's ``svyrecvar`` does for a
raked design (ten backfitting sweeps that remove each margin's category means from the influence
values, weighted by the final weights). Weights without that attribute are taken as fixed
(``svydesign(ids = ~1, weights = ~w)``). Either way the design is one stage, with replacement, no
strata and no clusters: V = n/(n−1)·Σ(zᵢ − z̄)(zᵢ − z̄)ᵀ over all n rows of the design, where zᵢ is
respondent i's influence value (0 outside the domain: a group, or the rows with an answer).

The design effect of an estimate is R's ``deff = "replace"``: its variance over that of the mean of
a simple random sample of the same size drawn with replacement (weighted variance ·m/(m−1) over m
answers). Kish's effective sample size is (Σw)²/Σw², and his design effect of weighting n/n_eff =
1 + CV². Checked against R ``survey`` 4.1 (``rake``, ``svymean``, ``svytotal``, ``svyby``,
``svyglm``) in ``tests/reference/weights``.

>>> import pandas as pd
>>> df = pd.DataFrame({"g": ["a", "a", "b", "b", "b"], "y": [1.0, 2.0, 3.0, 4.0, 5.0]})
>>> w = rake(df, {"g": {"a": 50, "b": 50}})
>>> w.tolist()
[25.0, 25.0, 16.666666666666668, 16.666666666666668, 16.666666666666668]
>>> round(weighted_mean(df["y"], w).estimate, 6)
2.75
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings.format import fmt_num

__all__ = [
    "WeightedMeanResult",
    "WeightingResult",
    "design_effect",
    "effective_n",
    "rake",
    "suppress_small",
    "weighted_mean",
    "weighted_proportions",
    "weighting",
]

RAKING = "raking"  # key in ``weights.attrs``: the categories of each margin the weights were raked to
SWEEPS = 10  # R survey's svyrecvar: backfitting sweeps over the margins of a raked design


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
        values = np.asarray(weights, dtype=float).ravel()
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


# ---- the linearised variance ---------------------------------------------------------------------
def _calibrate(z: np.ndarray, w: np.ndarray, raking: pd.DataFrame | None) -> np.ndarray:
    """Influence values after R's raking adjustment: each sweep subtracts, per margin, w times the
    category mean of z/w (svyrecvar's ``x - psw * ave(x/psw, margin)``)."""
    if raking is None:
        return z
    codes = [pd.factorize(raking[c])[0] for c in raking.columns]
    z = z.copy()
    for _ in range(SWEEPS):
        for code in codes:
            ratio = z / w[:, None]
            sums = np.zeros((code.max() + 1, z.shape[1]))
            np.add.at(sums, code, ratio)
            z -= w[:, None] * (sums / np.bincount(code)[:, None])[code]
    return z


def influence_covariance(z: np.ndarray, w: np.ndarray, raking: pd.DataFrame | None = None) -> np.ndarray:
    """Covariance of estimates with influence values ``z`` (n × k, over all rows of the design):
    n/(n−1)·Σ(zᵢ − z̄)(zᵢ − z̄)ᵀ after the raking adjustment (R's ``svyrecvar``, one stage)."""
    z = _calibrate(np.asarray(z, dtype=float).reshape(len(w), -1), w, raking)
    n = len(z)
    centred = z - z.mean(axis=0)
    return centred.T @ centred * n / (n - 1)


# ---- weighted means, totals, proportions ---------------------------------------------------------
@dataclass(frozen=True)
class WeightedMeanResult(Result):
    """Weighted (design-based) estimates. ``table``: per variable (and group) ``n`` (answers; for
    proportions, the respondents in the category),
    ``estimate``, ``se`` (linearised), ``ci_low``, ``ci_high`` (normal), ``deff`` (variance over that
    of a simple random sample of the same size, with replacement; NaN for group rows), ``sd``
    (weighted). ``raked``: whether the SEs take the raking into account."""

    table: pd.DataFrame
    statistic: str
    raked: bool
    ci_level: float

    @property
    def estimate(self) -> float:
        return float(self.table["estimate"].iloc[0])

    @property
    def se(self) -> float:
        return float(self.table["se"].iloc[0])

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        out = []
        for key, row in self.table.iterrows():
            if row.get("suppressed", False):
                continue
            est, se = fmt_num(row["estimate"], style=style), fmt_num(row["se"], style=style)
            out.append(f"{key}的加权{'均值' if self.statistic == 'mean' else '估计'}为{est}（SE = {se}）。" if lang == "zh"
                       else f"{key}: weighted {self.statistic} {est} (SE = {se}).")
        return out


def _vector(x, what: str) -> pd.Series:
    if isinstance(x, pd.DataFrame):
        raise AnalysisError(f"{what} takes one variable (a Series or array); use weighted descriptives for a table")
    s = x if isinstance(x, pd.Series) else pd.Series(np.asarray(x))
    if not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
        raise AnalysisError(f"{what}: values are not numeric (convert labels to codes first)")
    return s.astype(float)


def mean_rows(y: np.ndarray, w: np.ndarray, raking, domains: Mapping[object, np.ndarray]) -> list[dict]:
    """Weighted mean, linearised SE, deff and weighted SD of ``y`` within each domain (boolean
    masks over all rows; missing answers are outside every domain)."""
    answered = np.isfinite(y)
    rows = []
    for key, mask in domains.items():
        d = mask & answered
        m = int(d.sum())
        if m == 0:
            raise AnalysisError(f"weighted mean: no answers in {key!r}")
        wd = np.where(d, w, 0.0)
        total = wd.sum()
        est = float(np.sum(wd * np.where(d, y, 0.0)) / total)
        z = wd * (np.where(d, y, est) - est) / total
        var = float(influence_covariance(z[:, None], w, raking)[0, 0])
        wvar = float(np.sum(wd * (np.where(d, y, est) - est) ** 2) / total * m / (m - 1)) if m > 1 else float("nan")
        rows.append({"key": key, "n": m, "estimate": est, "se": np.sqrt(var), "deff": var / (wvar / m) if m > 1 and wvar > 0 else float("nan"),
                     "sd": np.sqrt(wvar)})
    return rows


def _with_ci(rows: list[dict], ci_level: float, index_name: str) -> pd.DataFrame:
    from scipy import stats

    table = pd.DataFrame(rows).set_index("key")
    table.index.name = index_name
    q = stats.norm.ppf(0.5 + ci_level / 2)
    table.insert(3, "ci_low", table["estimate"] - q * table["se"])
    table.insert(4, "ci_high", table["estimate"] + q * table["se"])
    return table


def weighted_mean(x, weights, *, by=None, ci_level: float = 0.95, suppress_below: int | None = None) -> WeightedMeanResult:
    """Weighted mean with its design-based (linearised) SE, as R's ``svymean`` (``na.rm = TRUE``).

    Parameters
    ----------
    x : Series or array
        One numeric variable; missing values are left out of the estimate (a domain), but the
        variance is taken over all rows of the design, as R does.
    weights : Series or array
        Positive weights, aligned with ``x``. Raked weights (from :func:`rake`) give the SE of a
        raked design; others are taken as fixed.
    by : Series or array, optional
        Groups: one row per group (R's ``svyby(~x, ~by, design, svymean)``) after the overall row.
    suppress_below : int, optional
        Group rows of fewer answers are hidden (see :func:`suppress_small`).

    Examples
    --------
    >>> round(weighted_mean([1, 2, 3, 4], [1, 1, 2, 2]).estimate, 6)
    2.833333
    """
    what = "weighted_mean"
    s = _vector(x, what)
    w, raking = check_weights(weights, s.index, what=what)
    y = s.to_numpy()
    domains = {s.name if s.name is not None else "x": np.ones(len(y), bool)}
    if by is not None:
        g = by if isinstance(by, pd.Series) else pd.Series(np.asarray(by), index=s.index)
        if len(g) != len(s):
            raise AnalysisError(f"{what}: {len(g)} group values for {len(s)} rows")
        g = g.reindex(s.index) if not g.index.equals(s.index) else g
        domains.update({level: (g == level).to_numpy() for level in _levels(g)})
    table = _with_ci(mean_rows(y, w, raking, domains), ci_level, "variable")
    table = suppress_small(table, suppress_below, rows=np.arange(len(table)) > 0)
    return WeightedMeanResult(table=table, statistic="mean", raked=raking is not None, ci_level=ci_level)


def weighted_proportions(x, weights, *, ci_level: float = 0.95, suppress_below: int | None = None) -> WeightedMeanResult:
    """Weighted share of each category of ``x`` among the answers, with linearised SEs (R's
    ``svymean(~factor(x), design)``); rows are the categories in sorted order. Categories of fewer
    than ``suppress_below`` respondents are hidden, with a second one when a single one would be
    (see :func:`suppress_small`).

    >>> weighted_proportions(["a", "b", "b"], [2, 1, 1]).table["estimate"].tolist()
    [0.5, 0.5]
    """
    what = "weighted_proportions"
    s = x if isinstance(x, pd.Series) else pd.Series(np.asarray(x, dtype=object))
    w, raking = check_weights(weights, s.index, what=what)
    answered = s.notna().to_numpy()
    if not answered.any():
        raise AnalysisError(f"{what}: no answers")
    rows = []
    for level in _levels(s):
        y = np.where(answered, (s == level).to_numpy(float), np.nan)
        row = mean_rows(y, w, raking, {level: np.ones(len(y), bool)})[0]
        rows.append({**row, "n": int((s == level).sum())})
    table = suppress_small(_with_ci(rows, ci_level, "category"), suppress_below, complementary=True)
    return WeightedMeanResult(table=table, statistic="proportion", raked=raking is not None, ci_level=ci_level)


def _levels(g: pd.Series) -> list:
    if isinstance(g.dtype, pd.CategoricalDtype):
        return [c for c in g.cat.categories if (g == c).any()]
    values = g.dropna().unique().tolist()
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=str)


def suppress_small(table: pd.DataFrame, below: int | None, *, rows=None, complementary: bool = False) -> pd.DataFrame:
    """Hide cells of fewer than ``below`` respondents: every number of such a row (``n`` included)
    becomes <NA> (nullable columns) and ``suppressed`` is True. ``rows``: the rows that may be
    hidden (default all; an overall row is never hidden). With ``complementary``, when exactly one
    row would be hidden the next smallest is hidden too (shares that sum to 1 would reveal it)."""
    if below is None:
        return table
    if isinstance(below, bool) or not isinstance(below, int) or below < 1:
        raise AnalysisError(f"suppress_below must be a positive integer or None, got {below!r}")
    table = table.copy()
    n = table["n"].to_numpy()
    eligible = np.ones(len(table), bool) if rows is None else np.asarray(rows, bool)
    hidden = eligible & (n < below)
    if complementary and hidden.sum() == 1 and (eligible & ~hidden).any():
        rest = np.flatnonzero(eligible & ~hidden)
        hidden[rest[np.argmin(n[rest])]] = True
    numbers = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]
    table = table.astype({c: "Int64" if pd.api.types.is_integer_dtype(table[c]) else "Float64" for c in numbers})
    table.loc[hidden, numbers] = pd.NA
    table["suppressed"] = hidden
    return table


def weighted_total(x, weights) -> tuple[float, float]:
    """Weighted total Σwᵢxᵢ and its linearised SE (R's ``svytotal``); x must be complete."""
    s = _vector(x, "weighted_total")
    w, raking = check_weights(weights, s.index, what="weighted_total")
    y = s.to_numpy()
    if not np.isfinite(y).all():
        raise AnalysisError("weighted_total: missing values; a total over the answers is not a population total")
    return float(w @ y), float(np.sqrt(influence_covariance((w * y)[:, None], w, raking)[0, 0]))


def effective_n(weights) -> float:
    """Kish's effective sample size (Σw)²/Σw².

    >>> effective_n([1, 1, 2, 2])
    3.6
    """
    w = np.asarray(weights, dtype=float)
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

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        n, neff, deff = len(self.weights), fmt_num(self.effective_n, digits=1, style=style), fmt_num(self.design_effect, style=style)
        names = list(dict.fromkeys(self.margins["margin"])) if len(self.margins) else []
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
        values = {k: float(v) for k, v in targets.items()}
        bad = {k: v for k, v in values.items() if not np.isfinite(v) or v <= 0}
        if bad:
            problems.append(f"margin {var!r}: population counts must be > 0, got {bad}")
        column = df[var]
        if column.isna().any():
            problems.append(f"margin {var!r}: {int(column.isna().sum())} respondent(s) have no value (rows {list(df.index[column.isna()][:10])})")
        seen = _levels(column)
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
        w, iterations, gap, trimmed = d.copy(), 0, 0.0, 0
        if trim is not None:
            w, trimmed = _cap(w, trim)
        return WeightingResult(weights=pd.Series(w, index=df.index, name="weight"), margins=pd.DataFrame(columns=["margin", "category", "n", "before", "target", "achieved"]),
                               design=design_name, iterations=0, converged=True, max_gap=gap, trim=trim, trimmed=trimmed)
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
    if (len(df) / effective_n(w)) > 3:
        warnings.warn(f"{what}: the weights vary widely (Kish design effect {len(df) / effective_n(w):.2f}); "
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


# ---- weighted least squares with the design-based variance (svyglm, gaussian) -----------------------
def weighted_ols(y: np.ndarray, x: np.ndarray, names: Sequence[str], ci_level: float, *, w: np.ndarray, rows: np.ndarray,
                 raking: pd.DataFrame | None) -> dict:
    """WLS fit of ``y`` on ``x`` (the complete rows) with R ``svyglm``'s sandwich covariance.

    ``w`` holds the weights of all n rows of the design and ``rows`` the positions of the complete
    rows in it: the influence values (X·e·w times the inverse of X′WX) are 0 elsewhere, and the
    variance is taken over all n rows, raked or not. The residual df is n_used − p (svyglm's
    ``degf + 1 − p``); t tests and CIs use it. R² is the weighted 1 − Σwe²/Σw(y − ȳ_w)²; the model F
    is the Wald test of all slopes (``regTermTest(method = "Wald")``); β uses weighted SDs, VIF the
    weighted correlations of the predictors. Returns the fields of ``regression.ols_fit``.
    """
    from scipy import stats

    n_used, k = x.shape
    X = np.column_stack([np.ones(n_used), x])
    wu = w[rows]
    xtwx = X.T @ (X * wu[:, None])
    try:
        ainv = np.linalg.inv(xtwx)
    except np.linalg.LinAlgError:
        raise AnalysisError(f"weighted regression: the weighted predictors are singular ({list(names)})") from None
    b = ainv @ (X.T @ (wu * y))
    e = y - X @ b
    z = np.zeros((len(w), k + 1))
    z[rows] = (X * (e * wu)[:, None]) @ ainv
    cov = influence_covariance(z, w, raking)
    se = np.sqrt(np.diag(cov))
    df2 = n_used - (k + 1)
    tval = b / se
    q = stats.t.ppf(0.5 + ci_level / 2, df2)
    ybar = np.average(y, weights=wu)
    r2 = 1 - float(wu @ e**2) / float(wu @ (y - ybar) ** 2)
    cxx = np.cov(np.column_stack([x, y]), rowvar=False, aweights=wu)
    sd = np.sqrt(np.diag(cxx))
    vif = np.diag(np.linalg.inv(cxx[:k, :k] / np.outer(sd[:k], sd[:k]))) if k > 1 else np.ones(1)
    f, _, p_model = wald_test(b[1:], cov[1:, 1:], df2)
    coefs = pd.DataFrame(
        {"estimate": b, "se": se, "beta": np.r_[0.0, b[1:] * sd[:k] / sd[k]], "statistic": tval,
         "p_value": 2 * stats.t.sf(np.abs(tval), df2), "ci_low": b - q * se, "ci_high": b + q * se,
         "vif": np.r_[np.nan, vif], "tolerance": np.r_[np.nan, 1 / vif]},
        index=pd.Index(["(Intercept)", *names], name="term"),
    )
    return {"coefficients": coefs, "covariance": cov, "r2": r2, "adj_r2": 1 - (1 - r2) * (n_used - 1) / df2, "f": f,
            "df1": float(k), "df2": float(df2), "p_value": p_model, "sigma": float(np.sqrt(wu @ e**2 / wu.sum()))}


def wald_test(b: np.ndarray, cov: np.ndarray, df2: float) -> tuple[float, float, float]:
    """Wald F = b′V⁻¹b / k on (k, df2) degrees of freedom: (F, k, p), as ``regTermTest``."""
    from scipy import stats

    k = len(b)
    f = float(b @ np.linalg.solve(cov, b) / k)
    return f, float(k), float(stats.f.sf(f, k, df2))
