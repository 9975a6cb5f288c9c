"""Item analysis (项目分析) as Chinese theses run it: critical ratio and corrected item–total r.

For each item: the critical ratio (CR, an independent-samples t of the item between the top and
bottom 27% of respondents on the total score), the corrected item–total correlation (CITC, the
item against the sum of the other items) and alpha if the item is deleted, each flagged by the
conventional cut-offs (CR ≥ 3 with p < .05; CITC ≥ .30; alpha if deleted not above the scale's).

Group rule: with totals sorted, m = round(0.27·n); the low cut is the m-th lowest total and the
high cut the m-th highest; every respondent at or beyond a cut joins that group (ties included,
as SPSS users do by recoding at the 27th and 73rd percentile scores). Verified against R
``t.test`` on the same groups (``tests/reference/psychometrics/item_analysis.R``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._result import Result
from ..errors import AnalysisError
from ..findings import Finding, KeyedFindings
from .factorability import item_frame
from .reliability import cronbach_alpha

__all__ = ["ItemAnalysisResult", "item_analysis"]


@dataclass(frozen=True, repr=False)
class ItemAnalysisResult(KeyedFindings, Result):
    """Per-item critical ratio, CITC and alpha-if-deleted with flags; ``table`` is indexed by item."""

    table: pd.DataFrame
    n: int
    n_low: int
    n_high: int
    cut_low: float
    cut_high: float
    alpha: float
    group_fraction: float
    cr_min: float
    citc_min: float
    p_max: float
    equal_var: bool

    @property
    def flagged(self) -> list[str]:
        """Items failing at least one criterion."""
        return self.table.index[~self.table["keep"]].tolist()

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def finding_objects(self) -> list[Finding]:
        """``item_analysis.ranges`` (main: the extreme groups, the range of critical ratios and of
        CITC), then ``item_analysis.all_kept`` (main) or ``item_analysis.flagged`` (caution)."""
        t = self.table
        out = [Finding("item_analysis.ranges", {
            "percent": round(self.group_fraction * 100), "n_high": self.n_high, "n_low": self.n_low,
            "cr_low": t["statistic"].min(), "cr_high": t["statistic"].max(), "citc_low": t["citc"].min(), "citc_high": t["citc"].max()},
            ids=tuple(t.index))]
        limits = {"cr_min": self.cr_min, "p_max": self.p_max, "citc_min": self.citc_min}
        bad = self.flagged
        out.append(Finding("item_analysis.flagged", {"items": bad} | limits, level="caution", ids=tuple(bad)) if bad
                   else Finding("item_analysis.all_kept", limits))
        return out


def _groups(total: np.ndarray, fraction: float) -> tuple[np.ndarray, np.ndarray, float, float]:
    n = total.size
    m = max(1, int(round(fraction * n)))
    ordered = np.sort(total)
    cut_low = ordered[m - 1]
    cut_high = ordered[n - m]
    if cut_low >= cut_high:
        raise AnalysisError(
            f"item_analysis: the low and high {fraction:.0%} groups overlap (cuts {cut_low:g} and {cut_high:g}); "
            "total scores vary too little to form extreme groups"
        )
    return total <= cut_low, total >= cut_high, float(cut_low), float(cut_high)


def _t_test(high: np.ndarray, low: np.ndarray, equal_var: bool) -> tuple[float, float, float]:
    n1, n2 = high.size, low.size
    m1, m2 = high.mean(), low.mean()
    v1, v2 = high.var(ddof=1) if n1 > 1 else 0.0, low.var(ddof=1) if n2 > 1 else 0.0
    if equal_var:
        df = n1 + n2 - 2
        se = np.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / df * (1 / n1 + 1 / n2))
    else:
        se = np.sqrt(v1 / n1 + v2 / n2)
        df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1)) if se > 0 else n1 + n2 - 2
    diff = m1 - m2
    if se == 0:  # both groups constant on this item
        return (np.inf if diff > 0 else -np.inf if diff < 0 else 0.0), float(df), (0.0 if diff != 0 else 1.0)
    t = diff / se
    return float(t), float(df), float(2 * stats.t.sf(abs(t), df))


def item_analysis(
    data: pd.DataFrame,
    *,
    group_fraction: float = 0.27,
    nan_policy: str = "listwise",
    cr_min: float = 3.0,
    citc_min: float = 0.30,
    p_max: float = 0.05,
    equal_var: bool = True,
) -> ItemAnalysisResult:
    """Critical ratio (top vs bottom 27%), CITC and alpha-if-deleted per item, with flags.

    Parameters
    ----------
    data : DataFrame
        Items of one scale (reverse-keyed items already reversed).
    group_fraction : float
        Share of respondents in each extreme group (0.27 by convention; some use 0.25 or 0.33).
    cr_min, citc_min, p_max : float
        Cut-offs: an item is kept when CR ≥ ``cr_min`` and p < ``p_max`` and CITC ≥ ``citc_min``
        and deleting it would not raise alpha.
    equal_var : bool
        Student's t (pooled variance, SPSS's "equal variances assumed" row) or Welch's t.

    Returns
    -------
    ItemAnalysisResult
        ``table`` indexed by item with ``mean_high, mean_low, statistic (the CR), df, p_value,
        citc, alpha_if_deleted, flag_cr, flag_citc, flag_alpha, keep``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(200, 1))
    >>> df = pd.DataFrame(np.clip(np.round(3 + f + rng.normal(size=(200, 4))), 1, 5), columns=list("abcd"))
    >>> item_analysis(df).flagged
    []
    """
    if not 0 < group_fraction < 0.5:
        raise AnalysisError(f"group_fraction must be between 0 and 0.5, got {group_fraction}")
    if nan_policy == "pairwise":
        raise AnalysisError("item_analysis needs a total score per respondent: use nan_policy='listwise' or 'raise'")
    frame = item_frame(data, what="item_analysis", nan_policy=nan_policy)
    values = frame.to_numpy()
    total = values.sum(axis=1)
    low, high, cut_low, cut_high = _groups(total, group_fraction)
    alpha = cronbach_alpha(frame, nan_policy="listwise")
    rows = []
    for j, item in enumerate(frame.columns):
        t, df, p = _t_test(values[high, j], values[low, j], equal_var)
        rows.append({"mean_high": values[high, j].mean(), "mean_low": values[low, j].mean(), "statistic": t, "df": df, "p_value": p})
    table = pd.DataFrame(rows, index=pd.Index([str(c) for c in frame.columns], name="item"))
    table["citc"] = alpha.item_stats["r_drop"].to_numpy()
    table["item_total_r"] = alpha.item_stats["raw_r"].to_numpy()
    table["alpha_if_deleted"] = alpha.item_stats["alpha_if_deleted"].to_numpy()
    table["flag_cr"] = (table["statistic"] < cr_min) | (table["p_value"] >= p_max)
    table["flag_citc"] = table["citc"] < citc_min
    table["flag_alpha"] = table["alpha_if_deleted"] > alpha.alpha
    table["keep"] = ~(table["flag_cr"] | table["flag_citc"] | table["flag_alpha"])
    return ItemAnalysisResult(
        table=table,
        n=len(frame),
        n_low=int(low.sum()),
        n_high=int(high.sum()),
        cut_low=cut_low,
        cut_high=cut_high,
        alpha=alpha.alpha,
        group_fraction=group_fraction,
        cr_min=cr_min,
        citc_min=citc_min,
        p_max=p_max,
        equal_var=equal_var,
    )
