"""Correction of p values across a declared family of comparisons."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import AnalysisError

METHODS = {"holm": "holm", "bonferroni": "bonferroni", "hochberg": "simes-hochberg", "fdr_bh": "fdr_bh", "fdr_by": "fdr_by"}
P_ADJUST_NAMES = {"holm": "Holm", "bonferroni": "Bonferroni", "hochberg": "Hochberg", "fdr_bh": "Benjamini–Hochberg", "fdr_by": "Benjamini–Yekutieli"}


def adjust_p(p_values: Sequence[float] | pd.Series, *, method: str = "holm") -> pd.Series:
    """Adjust a family of p values (Holm by default), as R's ``p.adjust``.

    Parameters
    ----------
    p_values : sequence or Series
        The family; a Series keeps its labels.
    method : {"holm", "bonferroni", "hochberg", "fdr_bh", "fdr_by"}
        ``fdr_bh`` is Benjamini–Hochberg (R's ``"BH"``), ``fdr_by`` Benjamini–Yekutieli (``"BY"``).

    Examples
    --------
    >>> adjust_p([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.06, 0.06]
    """
    from statsmodels.stats.multitest import multipletests

    if method not in METHODS:
        raise AnalysisError(f"p-value adjustment {method!r} is not known (expected one of {sorted(METHODS)})")
    series = p_values.astype(float) if isinstance(p_values, pd.Series) else pd.Series(np.asarray(p_values, dtype=float))
    if series.isna().any() or ((series < 0) | (series > 1)).any():
        raise AnalysisError(f"p values must lie in [0, 1] with none missing; got {series[series.isna() | (series < 0) | (series > 1)].tolist()}")
    if series.empty:
        return series
    adjusted = multipletests(series.to_numpy(), method=METHODS[method])[1]
    return pd.Series(adjusted, index=series.index, name=f"p_{method}")
