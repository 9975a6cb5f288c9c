"""Satisfaction index on a 0–100 scale (ACSI formula), overall and by group, with CIs.

Index = 100·(Σwᵢx̄ᵢ − Σwᵢminᵢ)/(Σwᵢmaxᵢ − Σwᵢminᵢ), weights normalized to sum to 1 (equal weights by
default; ACSI uses unstandardized PLS outer weights). The index is the mean of the same formula
applied to each respondent, so its CI is the t interval of that mean. With survey weights
(``weights=``) the index is the weighted mean of those scores with its design-based (linearisation)
SE and a normal CI, as R's ``svymean`` (and ``svyby`` for groups) on the same design.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level, numeric_frame
from .._result import Result
from ..engines.moments import pool
from ..errors import AnalysisError, RowsNeededError, SurveyWarning
from ..findings import Finding, KeyedFindings

__all__ = ["SatisfactionIndexResult", "satisfaction_index"]


@dataclass(frozen=True)
class SatisfactionIndexResult(KeyedFindings, Result):
    """``table``: one row ``overall`` then one per group: ``group``, ``n``, ``estimate`` (0–100),
    ``se``, ``ci_low``, ``ci_high`` (and ``deff`` when weighted). ``weights``: normalized item
    weights. ``scores``: each respondent's 0–100 score (empty for a scanned table, ``survey.scan``). ``weighted``: estimated with survey weights
    (respondent weights)."""

    table: pd.DataFrame
    weights: pd.Series
    scores: pd.Series
    by: str | None
    ci_level: float
    weighted: bool = False

    @property
    def estimate(self) -> float:
        return float(self.table.iloc[0]["estimate"])

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def finding_objects(self) -> list[Finding]:
        """``index.overall`` (main) and, with groups, ``index.by_group`` (detail; suppressed groups left out)."""
        t = self.table
        o = t.iloc[0]
        out = [Finding("index.overall", {"estimate": o["estimate"], "ci_low": o["ci_low"], "ci_high": o["ci_high"], "ci_level": self.ci_level,
                                         "n": int(o["n"])})]
        groups = t.iloc[1:]
        if "suppressed" in t:
            groups = groups[~groups["suppressed"]]
        if len(groups):
            rows = [{"group": g["group"], "estimate": g["estimate"], "ci_low": g["ci_low"], "ci_high": g["ci_high"]} for _, g in groups.iterrows()]
            out.append(Finding("index.by_group", {"by": self.by, "groups": rows, "ci_level": self.ci_level}, level="detail", ids=(self.by,)))
        return out


def _bounds(scale, items) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(scale, Mapping):
        missing = [i for i in items if i not in scale]
        if missing:
            raise AnalysisError(f"satisfaction_index: scale has no (min, max) for {missing}")
        lo = np.array([float(scale[i][0]) for i in items])
        hi = np.array([float(scale[i][1]) for i in items])
    else:
        lo = np.full(len(items), float(scale[0]))
        hi = np.full(len(items), float(scale[1]))
    if np.any(hi <= lo):
        raise AnalysisError(f"satisfaction_index: scale must be (min, max) with min < max, got {scale!r}")
    return lo, hi


def _row(group, s: np.ndarray, ci_level: float) -> dict:
    return _row_of(group, len(s), float(s.mean()), float(s.var(ddof=1)), ci_level)


def _row_of(group, n: int, mean: float, var: float, ci_level: float) -> dict:
    """One table row from the n, mean and variance of the respondents' scores."""
    se = float(np.sqrt(var / n))
    t = stats.t.ppf(0.5 + ci_level / 2, n - 1)
    return dict(group=group, n=int(n), estimate=float(mean), se=se, ci_low=mean - t * se, ci_high=mean + t * se)


def _lazy_index(data, items: list[str], w: np.ndarray, lo: np.ndarray, hi: np.ndarray, *, by, ci_level: float) -> list[dict]:
    """The table's rows for a scanned table: a score is linear in the items, so its mean and
    variance come from the items' moments (mean wᵀx̄, variance wᵀΣw, scaled to 0–100)."""
    what = "satisfaction index"
    found = data.checked_moments(items, what=what, by=by, min_rows=2)
    groups = found if by is not None else {None: found}
    total = pool(groups.values())
    beyond = [items[j] for j in range(len(items)) if total.minimum[j] < lo[j] or total.maximum[j] > hi[j]]
    if beyond:
        raise AnalysisError(f"satisfaction_index: values outside the scale in {beyond}; check scale= or clean the data")
    scale = 100.0 / (hi @ w - lo @ w)

    def row(key, m):
        return _row_of(key, m.n, scale * (m.mean @ w - lo @ w), scale**2 * (w @ m.cov() @ w), ci_level)

    rows = [row("overall", total)]
    if by is None:
        return rows
    if groups.get(None) is not None and groups[None].n:
        warnings.warn(f"satisfaction_index: {groups[None].n} respondents with no {by!r} are left out of the "
                      "group rows (kept in the overall index)", SurveyWarning, stacklevel=3)
    for key in sorted(k for k in groups if k is not None):
        if groups[key].n < 2:
            warnings.warn(f"satisfaction_index: group {key!r} of {by!r} has {groups[key].n} respondent; no CI, left out",
                          SurveyWarning, stacklevel=3)
            continue
        rows.append(row(key, groups[key]))
    return rows


def satisfaction_index(
    df: pd.DataFrame,
    items: Sequence[str],
    *,
    weights=None,
    item_weights: Mapping[str, float] | pd.Series | None = None,
    scale: tuple[float, float] | Mapping[str, tuple[float, float]] = (1, 5),
    by: str | None = None,
    ci_level: float = 0.95,
    suppress_below: int | None = None,
) -> SatisfactionIndexResult:
    """A 0–100 satisfaction index, overall and by group, with t confidence intervals.

    Parameters
    ----------
    df : DataFrame or LazyResponses
        One row per respondent; rows missing any item are dropped listwise. A scanned table
        (``survey.scan``) gives the same table from the items' moments (no survey weights).
    items : sequence of str
        Satisfaction items.
    weights : str, Series or array, optional
        Survey (respondent) weights: a column of ``df`` or values aligned with its rows (see
        :mod:`survey.stats.weights`). The index is then the weighted mean of the respondents'
        scores, with its design-based SE (a raked design's when the weights come from ``rake``);
        respondents left out for missing items count as outside the domain, as R's ``na.rm``.
        A mapping keyed by the items is read as ``item_weights`` (the meaning ``weights`` had
        before), with a ``FutureWarning``.
    item_weights : mapping or Series, optional
        Item weights (e.g. PLS outer weights); normalized to sum to 1. Default: equal weights.
    scale : (min, max) or mapping item -> (min, max)
        Scale bounds of the items.
    by : str, optional
        Grouping column; one row per group is added.
    suppress_below : int, optional
        Group rows of fewer respondents show no numbers (``suppressed`` True; see
        :func:`survey.stats.weights.suppress_small`).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"s1": [5, 4, 3], "s2": [5, 2, 3]})
    >>> round(satisfaction_index(d, ["s1", "s2"]).estimate, 6)
    66.666667
    """
    items = list(items)
    if not items:
        raise AnalysisError("satisfaction_index: no items given")
    check_ci_level(ci_level)
    what = "satisfaction index"
    if weights is not None and _keyed_by_items(weights, items):
        warnings.warn("satisfaction_index: weights keyed by the items are item weights; pass them as item_weights= "
                      "(weights= now means respondent weights)", FutureWarning, stacklevel=2)
        weights, item_weights = None, weights
    sampling = None
    if weights is not None:
        from ..stats.weights import check_weights

        if isinstance(weights, str):
            if weights not in df.columns:
                raise AnalysisError(f"satisfaction_index: weight column {weights!r} is not in the data")
            weights = df[weights]
        sampling = check_weights(weights, df.index, what=f"{what}: weights")
    lazy = getattr(df, "is_lazy", False)
    if lazy and weights is not None:
        raise RowsNeededError(df.rows_needed("satisfaction_index with survey weights"))
    lo, hi = _bounds(scale, items)
    if not lazy:
        frame = numeric_frame(df.dropna(subset=[i for i in items if i in df.columns]), items, what=what, min_rows=2)
        x = frame.to_numpy()
        beyond = [items[j] for j in range(len(items)) if (x[:, j] < lo[j]).any() or (x[:, j] > hi[j]).any()]
        if beyond:
            raise AnalysisError(f"satisfaction_index: values outside the scale in {beyond}; check scale= or clean the data")
    if item_weights is None:
        w = np.full(len(items), 1.0 / len(items))
    else:
        ws = pd.Series(item_weights, dtype=float)
        missing = [i for i in items if i not in ws.index]
        if missing:
            raise AnalysisError(f"satisfaction_index: no weight for {missing}")
        w = ws.loc[items].to_numpy()
        if np.any(~np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
            raise AnalysisError(f"satisfaction_index: weights must be finite, >= 0 and not all 0, got {dict(zip(items, w))}")
        w = w / w.sum()
    if lazy:  # a scanned table gives no per-respondent scores (``scores`` is empty)
        rows = _lazy_index(df, items, w, lo, hi, by=by, ci_level=ci_level)
        return _suppressed(SatisfactionIndexResult(table=pd.DataFrame(rows), weights=pd.Series(w, index=pd.Index(items, name="item"), name="weight"),
                                                   scores=pd.Series(dtype=float, name="index"), by=by, ci_level=ci_level), suppress_below)
    scores = 100.0 * (x @ w - lo @ w) / (hi @ w - lo @ w)
    scores_s = pd.Series(scores, index=frame.index, name="index")
    if sampling is not None:
        result = _weighted(df, scores_s, sampling, w, items, by=by, ci_level=ci_level)
        return _suppressed(result, suppress_below)
    rows = [_row("overall", scores, ci_level)]
    if by is not None:
        if by not in df.columns:
            raise AnalysisError(f"satisfaction_index: grouping column {by!r} is not in the data")
        g = df.loc[frame.index, by]
        if g.isna().any():
            warnings.warn(f"satisfaction_index: {int(g.isna().sum())} respondents with no {by!r} are left out of the "
                          "group rows (kept in the overall index)", SurveyWarning, stacklevel=2)
        for key, idx in g.dropna().groupby(g.dropna(), sort=True).groups.items():
            s = scores_s.loc[idx].to_numpy()
            if len(s) < 2:
                warnings.warn(f"satisfaction_index: group {key!r} of {by!r} has {len(s)} respondent; no CI, left out",
                              SurveyWarning, stacklevel=2)
                continue
            rows.append(_row(key, s, ci_level))
    table = pd.DataFrame(rows)
    return _suppressed(SatisfactionIndexResult(table=table, weights=pd.Series(w, index=pd.Index(items, name="item"), name="weight"),
                                               scores=scores_s, by=by, ci_level=ci_level), suppress_below)


def _suppressed(result: SatisfactionIndexResult, below: int | None) -> SatisfactionIndexResult:
    """Group rows of fewer than ``below`` respondents hidden (the overall row never)."""
    if below is None:
        return result
    from ..stats.weights import suppress_small

    table = suppress_small(result.table, below, rows=np.arange(len(result.table)) > 0)
    return dataclasses.replace(result, table=table)


def _keyed_by_items(weights, items: Sequence[str]) -> bool:
    """Item weights passed as ``weights=`` (a mapping, or a Series indexed by the items)."""
    return isinstance(weights, Mapping) or (isinstance(weights, pd.Series) and set(weights.index) == set(items))


def _weighted(df: pd.DataFrame, scores: pd.Series, sampling, w: np.ndarray, items: list[str], *, by, ci_level: float) -> SatisfactionIndexResult:
    """The weighted index: svymean of the scores over the whole design (domains for groups)."""
    from ..stats.weights import mean_rows

    weights, raking = sampling
    if not df.index.is_unique:
        raise AnalysisError("satisfaction_index: respondent ids repeat; weighted estimates need unique ids")
    y = scores.reindex(df.index).to_numpy()
    domains = {"overall": np.ones(len(df), bool)}
    if by is not None:
        if by not in df.columns:
            raise AnalysisError(f"satisfaction_index: grouping column {by!r} is not in the data")
        g = df[by].where(np.isfinite(y))
        for key, size in g.value_counts(sort=False).sort_index().items():
            if size < 2:
                warnings.warn(f"satisfaction_index: group {key!r} of {by!r} has {size} respondent; no CI, left out",
                              SurveyWarning, stacklevel=3)
                continue
            domains[key] = (g == key).to_numpy()
    q = stats.norm.ppf(0.5 + ci_level / 2)
    rows = [{"group": r["key"], "n": r["n"], "estimate": r["estimate"], "se": r["se"], "ci_low": r["estimate"] - q * r["se"],
             "ci_high": r["estimate"] + q * r["se"], "deff": r["deff"]} for r in mean_rows(y, weights, raking, domains)]
    return SatisfactionIndexResult(table=pd.DataFrame(rows), weights=pd.Series(w, index=pd.Index(items, name="item"), name="weight"),
                                   scores=scores, by=by, ci_level=ci_level, weighted=True)
