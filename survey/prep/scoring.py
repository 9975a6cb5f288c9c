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
    block, columns = _construct_block(responses, q, construct_id, reverse=reverse)
    return pd.DataFrame(block, index=responses.data.index, columns=columns)


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
    codes = _code_table(responses.data)
    for cid in chosen:
        block, columns = _construct_block(responses, q, cid, codes=codes)
        k = block.shape[1]
        need = k if min_items is None else (int(np.ceil(min_items * k)) if isinstance(min_items, float) and min_items <= 1 else int(min_items))
        if method == "sum" and need < k:
            raise AnalysisError(f"construct {cid!r}: a sum score needs every item; use method='mean' with min_items")
        total = block.sum(axis=1)
        if np.isnan(total).any():  # some respondent skipped an item
            missing = np.isnan(block)
            count = k - missing.sum(axis=1)
            total = np.nansum(block, axis=1)
            complete = ~missing.any(axis=1)
        else:
            count, complete = k, None  # every item answered by everyone
        with np.errstate(invalid="ignore", divide="ignore"):
            score = total / count if method == "mean" else total
        out[cid] = score if complete is None and k >= max(need, 1) else np.where(count >= max(need, 1), score, np.nan)
        wrong = []
        if check_direction and k >= 3:
            wrong = _wrong_direction(columns, block, total) if complete is None else _wrong_direction(columns, block[complete], total[complete])
        if wrong:
            warnings.warn(
                f"construct {cid!r}: item(s) {wrong} correlate negatively with the rest of the construct "
                "after the schema's reverse keys; check whether they should be reverse-keyed in the questionnaire",
                SurveyWarning,
                stacklevel=3,
            )
    return pd.DataFrame(out, index=responses.data.index)


def _construct_items(responses, q, construct_id: str) -> list[str]:
    """The construct's item ids, each checked to be in the data."""
    try:
        construct = q.construct(construct_id)
    except KeyError:
        raise AnalysisError(f"no construct {construct_id!r}; the questionnaire has {[c.id for c in q.constructs]}") from None
    absent = [i for i in construct.items if i not in responses.data]
    if absent:
        raise AnalysisError(f"construct {construct_id!r}: items not in the data: {absent}")
    return list(construct.items)


def _code_table(data: pd.DataFrame) -> np.ndarray | None:
    """The table as one float array (a view) when every column holds codes, else None."""
    return data.to_numpy() if all(t == np.float64 for t in data.dtypes) else None


def _construct_block(responses, q, construct_id: str, *, reverse: bool = True, codes: np.ndarray | None = None) -> tuple[np.ndarray, list[str]]:
    """A construct's items as a new float array, with the schema's reverse keys applied when
    ``reverse``; taken from ``codes`` (:func:`_code_table`) when given."""
    items = _construct_items(responses, q, construct_id)
    data = responses.data
    if codes is not None:
        block = codes[:, data.columns.get_indexer(items)]
    else:
        block = data[items].to_numpy(dtype="float64", copy=True)
    for j, item_id in enumerate(items):
        if reverse and q.item(item_id).reverse and item_id not in responses.reversed_items:
            low, high = _scale_bounds(q, item_id)
            block[:, j] = reverse_codes(block[:, j], low, high)
    return block, items


def _is_scorable(q, construct) -> bool:
    return all(q.item(i).type == "likert" for i in construct.items)


def _wrong_direction(columns: list[str], complete: np.ndarray, total: np.ndarray) -> list[str]:
    """Items whose covariance with the sum of the other items is negative.

    ``complete``: rows with every item answered; ``total``: their row sums. cov(x, total − x) =
    cov(x, total) − var(x), so no item × item matrix is needed.
    """
    n = len(complete)
    if n < 3:
        return []
    total_mean = total.mean()
    means = complete.sum(axis=0) / n
    wrong = []
    for j, column in enumerate(columns):  # dot products column by column: no temporaries
        x, mean = complete[:, j], means[j]
        variance = np.dot(x, x) / n - mean**2  # the sign is all that matters here
        with_rest = np.dot(x, total) / n - mean * total_mean - variance
        if variance > 0 and with_rest < 0:
            wrong.append(column)
    return wrong
