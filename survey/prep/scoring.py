"""Reverse-keying and construct scores, both driven only by the questionnaire."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import AnalysisError, SurveyWarning
from .ledger import LedgerEntry


def reverse_codes(values: pd.DataFrame | pd.Series, low: float, high: float):
    """Reverse codes on a ``low``…``high`` scale: x → low + high − x (missing stays missing).

    >>> reverse_codes(pd.Series([1.0, 5.0, None]), 1, 5).tolist()
    [5.0, 1.0, nan]
    """
    return (low + high) - values


def _scale_bounds(q, item_id: str) -> tuple[float, float]:
    scale = q.scale_of(item_id)
    if scale is None:
        raise AnalysisError(f"item {item_id!r} has no scale, so it cannot be reverse-keyed")
    return float(scale.min), float(scale.max)


def construct_items(responses, construct_id: str, *, reverse: bool = True) -> pd.DataFrame:
    """The item columns of a construct; reverse-keyed items (by the schema) reversed when ``reverse``."""
    q = responses.require_questionnaire("construct_items")
    try:
        construct = q.construct(construct_id)
    except KeyError:
        raise AnalysisError(f"no construct {construct_id!r}; the questionnaire has {[c.id for c in q.constructs]}") from None
    absent = [i for i in construct.items if i not in responses.data]
    if absent:
        raise AnalysisError(f"construct {construct_id!r}: items not in the data: {absent}")
    frame = responses.data[construct.items].astype("float64")
    if reverse:
        for item_id in construct.items:
            if q.item(item_id).reverse and item_id not in responses.reversed_items:
                low, high = _scale_bounds(q, item_id)
                frame[item_id] = reverse_codes(frame[item_id], low, high)
    return frame


def reverse_keyed(responses):
    """A new Responses with the schema's reverse-keyed items reversed in ``data``, and a ledger entry."""
    q = responses.require_questionnaire("reverse_keyed")
    todo = [i for i in q.reverse_items if i in responses.data and i not in responses.reversed_items]
    if not todo:
        return responses
    data = responses.data.copy()
    for item_id in todo:
        low, high = _scale_bounds(q, item_id)
        data[item_id] = reverse_codes(data[item_id].astype("float64"), low, high)
    entry = LedgerEntry("reverse", "schema", f"reverse-keyed items reversed (x → min + max − x): {', '.join(todo)}", (), 0)
    return responses.replace(data=data, ledger=responses.ledger + (entry,), reversed_items=responses.reversed_items + tuple(todo))


def construct_scores(
    responses,
    *,
    constructs: list[str] | None = None,
    method: str = "mean",
    min_items: int | float | None = None,
    check_direction: bool = True,
) -> pd.DataFrame:
    """Score every construct (or those named) per respondent.

    Parameters
    ----------
    method : {"mean", "sum"}
        Mean of the answered items, or their sum (a sum needs every item answered).
    min_items : int or float, optional
        Least number of answered items for a score (a float in (0, 1] is a share of the items);
        fewer gives a missing score. Default: every item.
    check_direction : bool
        Warn (``SurveyWarning``), by name, about any item that correlates negatively with the rest
        of its construct after the schema's reverse keys: it may need a reverse key.

    Returns
    -------
    DataFrame
        One column per construct id, indexed like ``responses.data``.
    """
    q = responses.require_questionnaire("scores")
    if method not in ("mean", "sum"):
        raise AnalysisError(f"method must be 'mean' or 'sum', got {method!r}")
    chosen = constructs if constructs is not None else [c.id for c in q.constructs if _is_scorable(q, c)]
    out = {}
    for cid in chosen:
        items = construct_items(responses, cid)
        k = items.shape[1]
        need = k if min_items is None else (int(np.ceil(min_items * k)) if isinstance(min_items, float) and min_items <= 1 else int(min_items))
        if method == "sum" and need < k:
            raise AnalysisError(f"construct {cid!r}: a sum score needs every item; use method='mean' with min_items")
        answered = items.notna().sum(axis=1)
        score = items.mean(axis=1) if method == "mean" else items.sum(axis=1, min_count=k)
        out[cid] = score.where(answered >= need)
        if check_direction and k >= 3:
            _warn_direction(cid, items)
    return pd.DataFrame(out, index=responses.data.index)


def _is_scorable(q, construct) -> bool:
    return all(q.item(i).type == "likert" for i in construct.items)


def _warn_direction(cid: str, items: pd.DataFrame) -> None:
    complete = items.dropna().to_numpy()
    if len(complete) < 3:
        return
    cov = np.cov(complete, rowvar=False)
    # covariance of each item with the sum of the others: its row sum minus its own variance
    with_rest = cov.sum(axis=1) - np.diag(cov)
    wrong = [col for col, c, v in zip(items.columns, with_rest, np.diag(cov)) if v > 0 and c < 0]
    if wrong:
        warnings.warn(
            f"construct {cid!r}: item(s) {wrong} correlate negatively with the rest of the construct "
            "after the schema's reverse keys; check whether they should be reverse-keyed in the questionnaire",
            SurveyWarning,
            stacklevel=3,
        )
