"""``scan``: a table too large for memory, seen through an engine, as the statistics accept it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..errors import AnalysisError
from .base import Engine
from .memory import MemoryEngine
from .sources import resolve_source

__all__ = ["LazyResponses", "scan", "ENGINES", "RowsNeededError", "refuse_lazy", "is_lazy"]

ENGINES = ("duckdb", "dask")


class RowsNeededError(AnalysisError):
    """An analysis needs the respondents' rows, which a lazy (scanned) table does not hold in memory."""


def is_lazy(data) -> bool:
    return isinstance(data, LazyResponses)


def refuse_lazy(data, what: str) -> None:
    """Raise :class:`RowsNeededError` naming ``.sample(n, seed)`` when ``data`` is a lazy table."""
    if is_lazy(data):
        raise RowsNeededError(
            f"{what} needs the respondents' rows, which a scanned table ({data.describe()}) does not load; "
            "run it on a seeded sample in memory: data.sample(n, seed=...)"
        )


class LazyResponses:
    """A table of responses read where it lives; statistics come from its engine's sufficient
    statistics. ``lazy[items]`` selects columns; ``sample(n, seed=...)`` brings rows into memory."""

    def __init__(self, engine: Engine, *, columns: Sequence[str] | None = None, questionnaire=None):
        self.engine = engine
        self.questionnaire = questionnaire
        cols = tuple(engine.columns if columns is None else columns)
        absent = [c for c in cols if c not in engine.columns]
        if absent:
            raise AnalysisError(f"columns not in {self.describe()}: {absent}")
        self._columns = cols

    @property
    def columns(self) -> pd.Index:
        return pd.Index(self._columns)

    def describe(self) -> str:
        source = getattr(self.engine, "source", None)
        return f"{source.describe() if source else 'a frame in memory'} via {self.engine.name}"

    def __repr__(self) -> str:
        return f"LazyResponses({self.describe()}, {len(self._columns)} columns)"

    def __getitem__(self, columns) -> LazyResponses:
        cols = [columns] if isinstance(columns, str) else list(columns)
        return LazyResponses(self.engine, columns=cols, questionnaire=self.questionnaire)

    def __len__(self) -> int:
        return self.engine.n_rows()

    def __array__(self, *args, **kwargs):
        refuse_lazy(self, "converting to an array")

    def numeric_columns(self) -> list[str]:
        numeric = set(self.engine.numeric_columns())
        return [c for c in self._columns if c in numeric]

    def moments(self, columns: Sequence[str] | None = None, *, by: str | None = None):
        """Moments of the columns (default: the selected ones) over the rows complete on them."""
        return self.engine.moments(list(self._columns if columns is None else columns), by=by)

    def counts(self, columns: Sequence[str]) -> pd.Series:
        return self.engine.counts(list(columns))

    def sample(self, n: int, *, seed: int) -> pd.DataFrame:
        """``n`` rows drawn without replacement by a seeded draw per row (the same rows on every
        engine), in source order, the selected columns only."""
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise AnalysisError(f"sample: n must be a positive whole number, got {n!r}")
        return self.engine.sample(n, seed=seed, columns=list(self._columns))


def scan(path_or_folder_or_uri, questionnaire=None, *, engine: str = "duckdb", scheduler=None) -> LazyResponses:
    """A lazy table of responses: Parquet (a file, a folder, a glob), CSV, or ``db.duckdb[::table]``.

    ``engine="duckdb"`` (default) computes with DuckDB on this machine, out of core;
    ``engine="dask"`` with Dask, on the ``dask.distributed`` scheduler at ``scheduler`` (an address
    such as ``"tcp://10.0.0.5:8786"`` or a ``Client``) or on local threads. A pandas DataFrame is
    accepted too (the in-memory reference engine).
    """
    if isinstance(path_or_folder_or_uri, pd.DataFrame):
        return LazyResponses(MemoryEngine(path_or_folder_or_uri), questionnaire=questionnaire)
    if engine not in ENGINES:
        raise AnalysisError(f"scan: engine must be one of {ENGINES}, got {engine!r}")
    source = resolve_source(path_or_folder_or_uri)
    if engine == "duckdb":
        if scheduler is not None:
            raise AnalysisError("scan: scheduler= is for engine='dask'")
        from .sql import DuckDBEngine

        return LazyResponses(DuckDBEngine(source), questionnaire=questionnaire)
    from .cluster import DaskEngine

    return LazyResponses(DaskEngine(source, scheduler=scheduler), questionnaire=questionnaire)
