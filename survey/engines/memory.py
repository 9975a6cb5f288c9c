"""The reference engine: the same statistics from a pandas frame in memory, with numpy."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .base import SAMPLE_STREAM, Engine, draws, poisson_weights
from .moments import Moments

__all__ = ["MemoryEngine", "frame_moments", "frame_counts"]


def _key(value):
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return value.item() if isinstance(value, np.generic) else value


def _complete(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    return frame[list(columns)].notna().all(axis=1).to_numpy()


def frame_moments(frame: pd.DataFrame, columns: Sequence[str], *, by: str | None = None,
                  weights: np.ndarray | None = None) -> Moments | dict:
    """Moments of ``columns`` over the rows of ``frame`` complete on them (per group of ``by``)."""
    columns = tuple(columns)
    keep = _complete(frame, columns)
    x = frame.loc[keep, list(columns)].to_numpy(dtype=np.float64)
    w = None if weights is None else np.asarray(weights)[keep]
    if by is None:
        return Moments.of(x, columns, w)
    codes, levels = pd.factorize(frame.loc[keep, by], use_na_sentinel=True)
    out = {}
    for code in np.unique(codes):
        rows = codes == code
        key = None if code < 0 else _key(levels[code])
        out[key] = Moments.of(x[rows], columns, None if w is None else w[rows])
    return out


def frame_counts(frame: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """Counts of each combination of values of ``columns`` (complete rows), sorted by the values."""
    columns = list(columns)
    sub = frame.loc[_complete(frame, columns), columns]
    counts = sub.groupby(columns, sort=True).size().rename("n")
    return counts.astype(np.int64)


class MemoryEngine(Engine):
    """Statistics of a pandas DataFrame held in memory (the reference for the other engines)."""

    name = "memory"

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(str(c) for c in self.frame.columns)

    def numeric_columns(self) -> tuple[str, ...]:
        return tuple(str(c) for c in self.frame.columns
                     if pd.api.types.is_numeric_dtype(self.frame[c]) or pd.api.types.is_bool_dtype(self.frame[c]))

    def n_rows(self) -> int:
        return len(self.frame)

    def moments(self, columns, *, by=None):
        return frame_moments(self.frame, columns, by=by)

    def counts(self, columns):
        return frame_counts(self.frame, columns)

    def bootstrap_moments(self, columns, *, n_boot, seed):
        rows = np.arange(len(self.frame))
        return [frame_moments(self.frame, columns, weights=poisson_weights(draws(rows, b, seed))) for b in range(n_boot)]

    def sample(self, n, *, seed, columns=None):
        d = draws(np.arange(len(self.frame)), SAMPLE_STREAM, seed)
        chosen = np.sort(np.lexsort((np.arange(len(d)), d))[:n])
        frame = self.frame if columns is None else self.frame[list(columns)]
        out = frame.iloc[chosen].copy()
        out.index = pd.Index(chosen, name="row")
        return out

    def first_seen(self, column):
        return [_key(v) for v in pd.unique(self.frame[column].dropna())]

    def count_rows(self, condition):
        import duckdb

        frame = self.frame  # noqa: F841 (read by name in the query)
        return int(duckdb.sql(f"SELECT count(*) FROM frame WHERE {condition}").fetchall()[0][0])
