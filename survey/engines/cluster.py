"""The Dask engine: the in-memory moments of every partition, pooled by a tree reduction.

Each partition's statistics come from the reference engine's own functions
(:func:`survey.engines.memory.frame_moments`, :func:`survey.engines.memory.frame_counts`); the
partial results are pooled pairwise (``dask.delayed``) on the scheduler given (a
``dask.distributed`` address or ``Client``), else on Dask's local threads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from .base import SAMPLE_STREAM, Engine, draws, poisson_weights
from .memory import frame_counts, frame_moments
from .moments import Moments, pool_groups
from .sources import Source

__all__ = ["DaskEngine"]


def _pooled(a, b):
    if isinstance(a, Moments):
        return a.pooled(b)
    if isinstance(a, list):
        return [x.pooled(y) for x, y in zip(a, b)]
    if isinstance(a, pd.Series):
        return a.add(b, fill_value=0).astype(np.int64)
    if isinstance(a, (int, np.integer)):
        return int(a) + int(b)
    return pool_groups(a, b)


def _tree(parts: list, split_every: int = 8):
    from dask import delayed

    if not parts:
        raise AnalysisError("the table has no partitions")
    while len(parts) > 1:
        parts = [delayed(_reduce)(parts[i : i + split_every]) for i in range(0, len(parts), split_every)]
    return parts[0]


def _reduce(items: list):
    out = items[0]
    for x in items[1:]:
        out = _pooled(out, x)
    return out


def _boot_part(frame: pd.DataFrame, offset: int, columns, n_boot: int, seed: int) -> list[Moments]:
    rows = offset + np.arange(len(frame))
    return [frame_moments(frame, columns, weights=poisson_weights(draws(rows, b, seed))) for b in range(n_boot)]


def _sample_part(frame: pd.DataFrame, offset: int, n: int, seed: int) -> pd.DataFrame:
    rows = offset + np.arange(len(frame))
    d = draws(rows, SAMPLE_STREAM, seed)
    order = np.lexsort((rows, d))[:n]
    out = frame.iloc[order].copy()
    out.index = pd.Index(rows[order], name="row")
    out["__draw"] = d[order]
    return out


def _first_part(frame: pd.DataFrame, offset: int, column: str) -> pd.Series:
    values = frame[column].reset_index(drop=True).dropna()
    firsts = values[~values.duplicated()]
    return pd.Series(offset + firsts.index.to_numpy(), index=firsts.to_numpy())


def _count_part(frame: pd.DataFrame, condition: str) -> int:
    import duckdb

    with duckdb.connect() as con:  # one connection per partition: workers' threads may count at once
        con.register("frame", frame)
        return int(con.execute(f"SELECT count(*) FROM frame WHERE {condition}").fetchall()[0][0])


class DaskEngine(Engine):
    """Statistics of Parquet/CSV files computed partition by partition with Dask."""

    name = "dask"

    def __init__(self, source: Source, *, scheduler=None, blocksize: str | int = "64MB"):
        import dask.dataframe as dd

        if source.kind == "duckdb":
            raise AnalysisError(f"{source.describe()}: the dask engine reads Parquet or CSV files; use engine='duckdb' for a DuckDB table")
        self.source = source
        self.scheduler = scheduler
        self._client = None
        files = list(source.files)
        self.ddf = dd.read_parquet(files) if source.kind == "parquet" else dd.read_csv(files, blocksize=blocksize)
        self._offsets = None

    def close(self) -> None:
        """Disconnect the client this engine opened (a ``Client`` handed in stays open)."""
        if self._client is not None and self._client is not self.scheduler:
            self._client.close()
        self._client = None

    def _compute(self, task):
        if self.scheduler is None:
            return task.compute(scheduler="threads")
        if self._client is None:
            from distributed import Client

            self._client = self.scheduler if isinstance(self.scheduler, Client) else Client(self.scheduler)
        return self._client.compute(task).result()

    def _parts(self, columns=None) -> list:
        frame = self.ddf if columns is None else self.ddf[list(columns)]
        return list(frame.to_delayed())

    def _check(self, columns) -> None:
        absent = [c for c in columns if c not in self.ddf.columns]
        if absent:
            raise AnalysisError(f"columns not in {self.source.describe()}: {absent}")

    def offsets(self) -> list[int]:
        """Position of each partition's first row."""
        if self._offsets is None:
            if self.source.kind != "parquet":
                raise AnalysisError(f"{self.source.describe()}: a CSV file has no stable row positions for seeded draws; convert it to Parquet first")
            from dask import delayed

            lengths = self._compute(delayed(list)([delayed(len)(p) for p in self._parts(self.ddf.columns[:1])]))
            self._offsets = [int(x) for x in np.concatenate([[0], np.cumsum(lengths)[:-1]])]
        return self._offsets

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(str(c) for c in self.ddf.columns)

    def numeric_columns(self) -> tuple[str, ...]:
        return tuple(str(c) for c, t in self.ddf.dtypes.items() if pd.api.types.is_numeric_dtype(t) or pd.api.types.is_bool_dtype(t))

    def n_rows(self) -> int:
        from dask import delayed

        return int(self._compute(_tree([delayed(len)(p) for p in self._parts(self.ddf.columns[:1])])))

    def moments(self, columns, *, by=None):
        from dask import delayed

        columns = tuple(columns)
        self._check([*columns, *([by] if by else [])])
        bad = [c for c in columns if c not in self.numeric_columns()]
        if bad:
            raise AnalysisError(f"columns are not numeric in {self.source.describe()}: {bad}")
        parts = self._parts([*columns, *([by] if by and by not in columns else [])])
        return self._compute(_tree([delayed(frame_moments)(p, columns, by=by) for p in parts]))

    def counts(self, columns):
        from dask import delayed

        self._check(columns)
        out = self._compute(_tree([delayed(frame_counts)(p, list(columns)) for p in self._parts(columns)]))
        return out.sort_index().astype(np.int64)

    def bootstrap_moments(self, columns, *, n_boot, seed):
        from dask import delayed

        columns = tuple(columns)
        self._check(columns)
        parts = self._parts(columns)
        tasks = [delayed(_boot_part)(p, o, columns, n_boot, seed) for p, o in zip(parts, self.offsets())]
        return self._compute(_tree(tasks))

    def sample(self, n, *, seed, columns=None):
        from dask import delayed

        parts = self._parts(columns)
        picked = self._compute(delayed(list)([delayed(_sample_part)(p, o, n, seed) for p, o in zip(parts, self.offsets())]))
        frame = pd.concat(picked)
        frame = frame.assign(__pos=frame.index).sort_values(["__draw", "__pos"]).head(n)
        return frame.drop(columns=["__draw", "__pos"]).sort_index()

    def first_seen(self, column):
        from dask import delayed

        self._check([column])
        parts = self._parts([column])
        found = self._compute(delayed(list)([delayed(_first_part)(p, o, column) for p, o in zip(parts, self.offsets())]))
        first = pd.concat(found).groupby(level=0).min().sort_values()
        return [v.item() if isinstance(v, np.generic) else v for v in first.index]

    def count_rows(self, condition):
        from dask import delayed

        return int(self._compute(_tree([delayed(_count_part)(p, condition) for p in self._parts()])))
