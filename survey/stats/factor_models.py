"""``sv.cfa``: one entry for every confirmatory factor model the toolkit fits.

The model and the arguments choose the method:

- a first-order model in one group: :func:`survey.stats.cfa.cfa` (``CFAResult``);
- a factor measured by other factors (``g =~ F1 + F2 + F3``):
  :func:`survey.stats.higher_order.higher_order_cfa` (``HigherOrderCFAResult``);
- ``group=``: the multi-group configural model, and with ``invariance=True`` the metric, scalar
  and strict models as well: :func:`survey.stats.invariance.multigroup_cfa` (``InvarianceResult``).
"""

from __future__ import annotations

import pandas as pd

from ..errors import AnalysisError
from . import cfa as single
from .higher_order import HigherOrderCFAResult, higher_order_cfa, split_levels
from .invariance import InvarianceResult, multigroup_cfa

__all__ = ["cfa"]


def cfa(
    data: pd.DataFrame,
    model: str | dict,
    *,
    group: str | None = None,
    invariance: bool = False,
    **options,
) -> single.CFAResult | HigherOrderCFAResult | InvarianceResult:
    """Confirmatory factor analysis (ML, the first loading of every factor fixed to 1, as lavaan).

    Parameters
    ----------
    data : DataFrame
        The item columns (others are ignored) and, for a multi-group model, the group column.
    model : str or dict
        lavaan-style syntax (``"A =~ a1 + a2 + a3\\nB =~ b1 + b2 + b3"``, optional ``a1 ~~ a2``)
        or ``{"A": ["a1", "a2", "a3"], ...}``. A line ``g =~ A + B + C`` naming factors makes a
        second-order model.
    group : str, optional
        The column whose levels are the groups of a multi-group CFA (configural model).
    invariance : bool
        With ``group``: fit the configural, metric, scalar and strict models and compare them in turn.
    **options
        ``htmt_kind``, ``nan_policy`` and the other options of :func:`survey.stats.cfa.cfa`
        (a second-order model takes ``htmt_kind`` and ``nan_policy``, a multi-group model
        ``nan_policy`` and ``levels``, e.g. ``["configural", "metric"]``).

    Returns
    -------
    CFAResult, HigherOrderCFAResult or InvarianceResult

    Examples
    --------
    One factor measured alike in two groups (the R equivalent: ``lavaan::cfa(model, data, group =
    "g", group.equal = …)`` level by level):

    >>> import numpy as np, pandas as pd, survey as sv
    >>> rng = np.random.default_rng(1)
    >>> f = rng.normal(size=(400, 1))
    >>> items = pd.DataFrame(0.8 * f + rng.normal(scale=0.6, size=(400, 4)), columns=["a1", "a2", "a3", "a4"])
    >>> items["g"] = np.repeat(["x", "y"], 200)
    >>> res = sv.cfa(items, "A =~ a1 + a2 + a3 + a4", group="g", invariance=True)
    >>> res.holds
    ('configural', 'metric', 'scalar', 'strict')
    >>> res.table["delta_df"].tolist()[1:], res.table["supported"].tolist()
    ([3.0, 3.0, 4.0], [True, True, True, True])

    """
    if group is not None or invariance:
        if group is None:
            raise AnalysisError("cfa: invariance=True needs group= (the column whose levels are the groups)")
        _only(options, ("nan_policy", "levels"), "a multi-group CFA")
        return multigroup_cfa(data, model, group=group, invariance=invariance, **options)
    if split_levels(model)[1]:
        _only(options, ("htmt_kind", "nan_policy"), "a second-order CFA")
        return higher_order_cfa(data, model, **options)
    return single.cfa(data, model, **options)


def _only(options: dict, allowed: tuple[str, ...], what: str) -> None:
    other = sorted(set(options) - set(allowed))
    if other:
        raise AnalysisError(f"cfa: {what} does not take {other} (it takes {list(allowed)})")
