"""Importance–performance analysis (Martilla & James 1977) and the stated-vs-derived importance grid.

Performance is the mean rating of each attribute. Importance is *stated* (respondents rated it) or
*derived* from how each attribute relates to overall satisfaction (correlation, standardized β,
partial correlation or Johnson's relative weights). Crosshairs sit at the scale midpoint or at the
data means; the result says which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._checks import check_not_singular, numeric_frame
from .._result import Result
from ..errors import AnalysisError
from ..findings import Finding, KeyedFindings
from ..findings.catalogue.ipa import GRID_CLASSES as _GRID, QUADRANTS as _QUADRANTS
from .drivers import _raw_weights

__all__ = ["IPAResult", "ipa", "derived_importance", "QUADRANTS", "GRID_CLASSES"]

DERIVED = ("correlation", "beta", "partial", "relative_weights")
# each quadrant's and grid class's name by language (the findings catalogue holds the words)
QUADRANTS = {k: {"en": _QUADRANTS["en"][k], "zh": _QUADRANTS["zh"][k]} for k in _QUADRANTS["en"]}
GRID_CLASSES = {k: {"en": _GRID["en"][k], "zh": _GRID["zh"][k]} for k in _GRID["en"]}


def derived_importance(df: pd.DataFrame, outcome: str, attributes: Sequence[str], *, method: str = "correlation") -> pd.Series:
    """Importance of each attribute derived from its relation to ``outcome``.

    ``"correlation"`` (Pearson r), ``"beta"`` (standardized multiple-regression β), ``"partial"``
    (partial correlation given the other attributes) or ``"relative_weights"`` (Johnson's raw
    weights). Rows with a missing value are dropped listwise.
    """
    if method not in DERIVED:
        raise AnalysisError(f"derived importance: method must be one of {DERIVED}, got {method!r}")
    attributes = list(attributes)
    what = f"derived importance ({method})"
    frame = numeric_frame(df, [outcome, *attributes], what=what, min_rows=len(attributes) + 2)
    corr = np.corrcoef(frame.to_numpy(), rowvar=False)
    if method != "correlation":
        check_not_singular(corr[1:, 1:], attributes, what=what)
    if method == "correlation":
        values = corr[1:, 0]
    elif method == "beta":
        values = np.linalg.solve(corr[1:, 1:], corr[1:, 0])
    elif method == "partial":
        check_not_singular(corr, [outcome, *attributes], what=what)
        prec = np.linalg.inv(corr)
        values = -prec[0, 1:] / np.sqrt(prec[0, 0] * np.diag(prec)[1:])
    else:
        values = _raw_weights(corr)
    return pd.Series(values, index=pd.Index(attributes, name="attribute"), name=method)


@dataclass(frozen=True)
class IPAResult(KeyedFindings, Result):
    """Per attribute ``performance``, ``importance``, ``gap``, ``quadrant`` (key), ``quadrant_en``,
    ``quadrant_zh``; with both stated and derived importance also ``stated``, ``derived`` and
    ``grid_class`` (basic / performance / excitement / low_impact).

    ``performance_cross`` and ``importance_cross`` are the crosshairs; ``centre`` says whether they
    are the scale midpoint (``"scale"``) or the data means (``"data"``); ``importance_source`` is
    ``"stated"`` or the derived method. Derived importance has no scale midpoint, so with
    ``centre="scale"`` its crosshair is still the mean of the derived values (``importance_centre``).
    ``gap`` is performance − importance when importance is stated on the same scale, otherwise the
    difference of their z-scores across attributes.
    """

    table: pd.DataFrame
    performance_cross: float
    importance_cross: float
    centre: str
    importance_centre: str
    importance_source: str
    grid_method: str | None
    scale: tuple[float, float]

    @property
    def quadrant_names(self) -> dict[str, dict[str, str]]:
        """The four quadrants' names in each language (what ``plot_ipa`` writes in the corners)."""
        return QUADRANTS

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def finding_objects(self) -> list[Finding]:
        """``ipa.quadrants`` (main: the crosshairs and each quadrant's attributes),
        ``ipa.concentrate`` (main) when some attribute is important but poorly rated, and with a
        stated-vs-derived grid ``ipa.grid_basic`` and ``ipa.grid_excitement`` (detail)."""
        t = self.table
        groups = {k: list(t.index[t["quadrant"] == k]) for k in QUADRANTS}
        quadrants = [{"name": k, "attributes": v, "members": "listed" if v else "empty"} for k, v in groups.items()]
        out = [Finding("ipa.quadrants", {"centre": self.centre, "performance_cross": self.performance_cross, "importance_cross": self.importance_cross,
                                         "source": self.importance_source, "quadrants": quadrants}, ids=tuple(t.index))]
        if groups["concentrate"]:
            out.append(Finding("ipa.concentrate", {"attributes": groups["concentrate"], "verb": "one" if len(groups["concentrate"]) == 1 else "several"},
                               ids=tuple(groups["concentrate"])))
        if "grid_class" in t:
            for cls in ("basic", "excitement"):
                v = list(t.index[t["grid_class"] == cls])
                if v:
                    out.append(Finding(f"ipa.grid_{cls}", {"attributes": v}, level="detail", ids=tuple(v)))
        return out

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.models import plot_ipa

        return plot_ipa(self, ax=ax, lang=lang)


def _quadrant(perf: float, imp: float, pc: float, ic: float) -> str:
    if imp >= ic:
        return "keep_up" if perf >= pc else "concentrate"
    return "overkill" if perf >= pc else "low_priority"


def _grid(stated: pd.Series, derived: pd.Series) -> pd.Series:
    sc, dc = stated.mean(), derived.mean()
    out = []
    for a in stated.index:
        hs, hd = stated[a] >= sc, derived[a] >= dc
        out.append("performance" if hs and hd else "basic" if hs else "excitement" if hd else "low_impact")
    return pd.Series(out, index=stated.index, name="grid_class")


def _means(frame: pd.DataFrame, attributes: list, what: str) -> pd.Series:
    """Column means, checked (present, numeric, not all missing); a constant column is allowed here."""
    absent = [a for a in attributes if a not in frame.columns]
    if absent:
        raise AnalysisError(f"{what}: columns not in the data: {absent}")
    bad = [a for a in attributes if not pd.api.types.is_numeric_dtype(frame[a])]
    if bad:
        raise AnalysisError(f"{what}: columns are not numeric: {bad} (convert labels to codes first)")
    means = frame.loc[:, attributes].astype(float).mean()
    empty = list(means.index[means.isna()])
    if empty:
        raise AnalysisError(f"{what}: columns have no values at all: {empty}")
    return means


def _stated_means(importance, attributes) -> pd.Series:
    if isinstance(importance, pd.DataFrame):
        missing = [a for a in attributes if a not in importance.columns]
        if missing:
            raise AnalysisError(f"ipa: stated importance has no column for {missing}")
        return _means(importance, attributes, "ipa (stated importance)")
    s = pd.Series(importance, dtype=float) if isinstance(importance, Mapping) else pd.Series(importance).astype(float)
    missing = [a for a in attributes if a not in s.index]
    if missing:
        raise AnalysisError(f"ipa: stated importance has no value for {missing}")
    s = s.loc[attributes]
    if s.isna().any():
        raise AnalysisError(f"ipa: stated importance is missing for {list(s.index[s.isna()])}")
    return s


def ipa(
    performance: pd.DataFrame,
    *,
    importance: pd.DataFrame | pd.Series | Mapping[str, float] | str = "correlation",
    outcome: str | pd.Series | None = None,
    attributes: Sequence[str] | None = None,
    centre: str = "scale",
    scale: tuple[float, float] = (1, 5),
    derived: str = "correlation",
    stated: pd.DataFrame | pd.Series | Mapping[str, float] | None = None,
) -> IPAResult:
    """Importance–performance analysis with quadrants in English and Chinese.

    Parameters
    ----------
    performance : DataFrame
        One row per respondent, one column per attribute (performance / satisfaction ratings);
        may also hold the outcome column.
    importance : DataFrame, Series, mapping or str
        Stated importance (respondent ratings as a DataFrame with the same columns, or one value
        per attribute), or a derived method: ``"correlation"``, ``"beta"``, ``"partial"``,
        ``"relative_weights"`` (needs ``outcome``).
    outcome : str or Series
        Overall satisfaction: a column of ``performance`` or a Series on the same index.
    attributes : sequence of str, optional
        Attribute columns (default: every column except the outcome).
    centre : ``"scale"`` or ``"data"``
        Crosshairs at the scale midpoint or at the means of the attributes.
    scale : (min, max)
        The rating scale (midpoint for ``centre="scale"``).
    derived : str
        Derived method for the stated-vs-derived grid when ``importance`` is stated.
    stated : optional
        Stated importance for the grid when ``importance`` is a derived method.

    Examples
    --------
    >>> import pandas as pd
    >>> perf = pd.DataFrame({"pay": [2, 3, 2, 1], "housing": [4, 5, 4, 4]})
    >>> res = ipa(perf, importance={"pay": 4.5, "housing": 2.5})
    >>> res.table["quadrant"].tolist()
    ['concentrate', 'overkill']
    """
    if centre not in ("scale", "data"):
        raise AnalysisError(f"ipa: centre must be 'scale' or 'data', got {centre!r}")
    if not isinstance(performance, pd.DataFrame):
        raise AnalysisError(f"ipa: performance must be a DataFrame, got {type(performance).__name__}")
    data = performance
    out_name = None
    if isinstance(outcome, pd.Series):
        out_name = outcome.name if outcome.name is not None and outcome.name not in data.columns else "__outcome__"
        if not outcome.index.equals(data.index):
            raise AnalysisError("ipa: the outcome Series must have the same index as the performance data")
        data = data.assign(**{out_name: outcome.to_numpy()})
    elif isinstance(outcome, str):
        if outcome not in data.columns:
            raise AnalysisError(f"ipa: outcome {outcome!r} is not a column of the performance data")
        out_name = outcome
    elif outcome is not None:
        raise AnalysisError("ipa: outcome must be a column name or a Series")
    attrs = list(attributes) if attributes is not None else [c for c in performance.columns if c != out_name]
    perf = _means(data, attrs, "ipa (performance)")
    lo, hi = float(scale[0]), float(scale[1])
    if not lo < hi:
        raise AnalysisError(f"ipa: scale must be (min, max) with min < max, got {scale!r}")
    beyond = [a for a in attrs if not lo <= perf[a] <= hi]
    if beyond:
        raise AnalysisError(f"ipa: mean performance of {beyond} lies outside the scale {scale}; check scale=")
    is_derived = isinstance(importance, str)
    stated_s = derived_s = None
    if is_derived:
        if out_name is None:
            raise AnalysisError(f"ipa: derived importance ({importance!r}) needs outcome=")
        derived_s = derived_importance(data, out_name, attrs, method=importance)
        imp = derived_s
        source = importance
        grid_method = importance
        if stated is not None:
            stated_s = _stated_means(stated, attrs)
    else:
        stated_s = _stated_means(importance, attrs)
        imp = stated_s
        source = "stated"
        grid_method = None
        if out_name is not None:
            derived_s = derived_importance(data, out_name, attrs, method=derived)
            grid_method = derived
    pc = (lo + hi) / 2 if centre == "scale" else float(perf.mean())
    if centre == "scale" and not is_derived:
        ic, imp_centre = (lo + hi) / 2, "scale"
    else:
        ic, imp_centre = float(imp.mean()), "data"
    table = pd.DataFrame({"performance": perf, "importance": imp.loc[attrs]}, index=pd.Index(attrs, name="attribute"))
    if is_derived:
        z = lambda s: (s - s.mean()) / s.std(ddof=0) if s.std(ddof=0) > 0 else s * 0.0  # noqa: E731
        table["gap"] = z(table["performance"]) - z(table["importance"])
    else:
        table["gap"] = table["performance"] - table["importance"]
    table["quadrant"] = [_quadrant(p, i, pc, ic) for p, i in zip(table["performance"], table["importance"])]
    table["quadrant_en"] = [QUADRANTS[q]["en"] for q in table["quadrant"]]
    table["quadrant_zh"] = [QUADRANTS[q]["zh"] for q in table["quadrant"]]
    if stated_s is not None and derived_s is not None:
        table["stated"] = stated_s.loc[attrs].to_numpy()
        table["derived"] = derived_s.loc[attrs].to_numpy()
        table["grid_class"] = _grid(table["stated"], table["derived"])
    else:
        grid_method = None
    return IPAResult(table=table, performance_cross=pc, importance_cross=ic, centre=centre, importance_centre=imp_centre,
                     importance_source=source, grid_method=grid_method, scale=(lo, hi))
