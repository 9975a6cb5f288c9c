"""Input checks shared by every statistic: raise a named AnalysisError before any arithmetic."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import AnalysisError, RowsNeededError

NAN_POLICIES = ("listwise", "pairwise", "raise")


def shown(value) -> str:
    """A value as a message shows it: text quoted, numbers as written (``7``, ``2.5``), never a
    numpy scalar's repr (``np.int64(7)``); lists and tuples item by item.

    >>> shown(np.int64(7)), shown(np.float64(10.0)), shown("r1"), shown([np.float64(2.5), "x"])
    ('7', '10', "'r1'", "[2.5, 'x']")
    """
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def numeric_frame(
    data: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    what: str = "this analysis",
    nan_policy: str = "listwise",
    min_rows: int = 2,
    min_columns: int = 1,
) -> pd.DataFrame:
    """Return the numeric columns asked for, checked, as float64; the input is never modified.

    Raises ``AnalysisError`` naming the column when a column is missing, not numeric, all missing
    or constant; when there are fewer complete rows than ``min_rows``; or, with
    ``nan_policy="raise"``, when any value is missing. ``"listwise"`` drops incomplete rows;
    ``"pairwise"`` keeps them (the caller handles pairs).

    >>> numeric_frame(pd.DataFrame({"a": [1, 2, 3], "b": [3, 1, 2]})).shape
    (3, 2)
    """
    if getattr(data, "is_lazy", False):
        raise RowsNeededError(data.rows_needed(what))
    if not isinstance(data, pd.DataFrame):
        raise AnalysisError(f"{what} needs a pandas DataFrame, got {type(data).__name__}")
    if nan_policy not in NAN_POLICIES:
        raise AnalysisError(f"nan_policy must be one of {NAN_POLICIES}, got {nan_policy!r}")
    cols = list(data.columns if columns is None else columns)
    dupes = sorted({str(c) for c in cols if cols.count(c) > 1} | {str(c) for c in data.columns[data.columns.duplicated()] if c in cols})
    if dupes:
        raise AnalysisError(f"{what}: duplicated column names {dupes}")
    absent = [c for c in cols if c not in data.columns]
    if absent:
        raise AnalysisError(f"{what}: columns not in the data: {absent}")
    if len(cols) < min_columns:
        raise AnalysisError(f"{what} needs at least {min_columns} columns, got {len(cols)}")
    frame = data.loc[:, cols]
    bad = [c for c in cols if not (pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))]
    if bad:
        raise AnalysisError(f"{what}: columns are not numeric: {shown(bad)} (convert labels to codes first)")
    frame = frame.astype("float64")
    empty = [c for c in cols if frame[c].notna().sum() == 0]
    if empty:
        raise AnalysisError(f"{what}: columns have no values at all: {empty}")
    if nan_policy == "raise" and frame.isna().any().any():
        where = frame.isna().sum()
        raise AnalysisError(f"{what}: missing values in {where[where > 0].to_dict()} (nan_policy='raise')")
    if nan_policy == "listwise":
        frame = frame.dropna()
    if len(frame) < min_rows:
        raise AnalysisError(f"{what} needs at least {min_rows} complete rows, got {len(frame)}")
    spread = frame.max() - frame.min()
    constant = [c for c in cols if not spread[c] > 0]
    if constant:
        raise AnalysisError(f"{what}: columns are constant (zero variance): {constant}")
    return frame


def check_not_singular(corr: np.ndarray, names: Sequence[str], *, what: str, tol: float = 1e-10) -> None:
    """Raise ``AnalysisError`` when a correlation matrix is singular, naming the items involved."""
    eigval, eigvec = np.linalg.eigh(corr)
    if eigval.min() > tol * max(1.0, eigval.max()):
        return
    v = eigvec[:, int(np.argmin(eigval))]
    involved = [str(names[i]) for i in np.flatnonzero(np.abs(v) > 0.1)]
    raise AnalysisError(
        f"{what}: the correlation matrix is singular (smallest eigenvalue {eigval.min():.3g}); "
        f"items that are exact linear combinations or duplicates of each other: {involved}"
    )


def check_ci_level(ci_level: float) -> float:
    """The confidence level as a float strictly between 0 and 1 (0.95), or a named error."""
    if isinstance(ci_level, bool) or not isinstance(ci_level, (int, float, np.floating)) or not 0 < float(ci_level) < 1:
        raise AnalysisError(f"ci_level must be a number strictly between 0 and 1 (e.g. 0.95), got {ci_level!r}")
    return float(ci_level)


def check_n_boot(n_boot: int) -> int:
    """The number of bootstrap resamples as a whole number ≥ 0, or a named error."""
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, float, np.integer, np.floating)) or int(n_boot) != n_boot or n_boot < 0:
        raise AnalysisError(f"n_boot must be a whole number >= 0, got {n_boot!r}")
    return int(n_boot)
