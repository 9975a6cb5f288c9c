"""``scan``: a table too large for memory, seen through an engine, as the statistics accept it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .._checks import shown
from ..errors import AnalysisError, RowsNeededError
from .base import Engine
from .memory import MemoryEngine
from .moments import Moments, pool
from .sources import resolve_source

__all__ = ["LazyResponses", "scan", "ENGINES", "RowsNeededError", "refuse_lazy", "is_lazy"]

ENGINES = ("duckdb", "dask")


def is_lazy(data) -> bool:
    return isinstance(data, LazyResponses)


def refuse_lazy(data, what: str) -> None:
    """Raise :class:`RowsNeededError` naming ``.sample(n, seed)`` when ``data`` is a lazy table."""
    if is_lazy(data):
        raise RowsNeededError(data.rows_needed(what))


class LazyResponses:
    """A table of responses read where it lives; statistics come from its engine's sufficient
    statistics. ``lazy[items]`` selects columns; ``sample(n, seed=...)`` brings rows into memory."""

    is_lazy = True

    def __init__(self, engine: Engine, *, columns: Sequence[str] | None = None, questionnaire=None, reverse=None,
                 cache: dict | None = None):
        self.engine = engine
        self._cache = {} if cache is None else cache  # shared by every selection of one scan
        self.questionnaire = questionnaire
        self.reverse = dict(reverse or {})
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

    def rows_needed(self, what: str) -> str:
        """The message of :class:`RowsNeededError` for an analysis that needs rows."""
        return (f"{what} needs the respondents' rows, which a scanned table ({self.describe()}) does not load; "
                "run it on a seeded sample in memory: data.sample(n, seed=...)")

    def __repr__(self) -> str:
        return f"LazyResponses({self.describe()}, {len(self._columns)} columns)"

    def __getitem__(self, columns) -> LazyResponses:
        cols = [columns] if isinstance(columns, str) else list(columns)
        return LazyResponses(self.engine, columns=cols, questionnaire=self.questionnaire, reverse=self.reverse, cache=self._cache)

    def reverse_keyed(self, sums) -> LazyResponses:
        """The same table with the columns in ``sums`` reverse-keyed (x → ``sums[column]`` − x, the
        scale's low + high code); applied to the moments, the table itself is not changed."""
        return LazyResponses(self.engine, columns=self._columns, questionnaire=self.questionnaire, reverse={**self.reverse, **sums},
                             cache=self._cache)

    def _moments(self, columns: Sequence[str], by: str | None):
        """The engine's moments, computed once per scan, columns and grouping (scan again after the
        data change)."""
        key = (tuple(columns), by)
        if key not in self._cache:
            refuse_declared_missing(self, [*columns, *([by] if by else [])])
            self._cache[key] = self.engine.moments(list(columns), by=by)
        return self._cache[key]

    def _reversed(self, found):
        if not self.reverse:
            return found
        if isinstance(found, Moments):
            return found.reversed({c: v for c, v in self.reverse.items() if c in found.columns})
        return {k: self._reversed(m) for k, m in found.items()}

    def __len__(self) -> int:
        return self.engine.n_rows()

    def __array__(self, *args, **kwargs):
        refuse_lazy(self, "converting to an array")

    def numeric_columns(self) -> list[str]:
        numeric = set(self.engine.numeric_columns())
        return [c for c in self._columns if c in numeric]

    def moments(self, columns: Sequence[str] | None = None, *, by: str | None = None):
        """Moments of the columns (default: the selected ones) over the rows complete on them."""
        return self._reversed(self._moments(list(self._columns if columns is None else columns), by))

    def checked_moments(self, columns: Sequence[str] | None = None, *, what: str, by: str | None = None,
                        nan_policy: str = "listwise", min_rows: int = 2, min_columns: int = 1):
        """Moments of the columns, checked as :func:`survey._checks.numeric_frame` checks a frame:
        columns present, numeric, not repeated, not empty, not constant, enough complete rows. With
        ``by``, the ``{group: Moments}`` map (rows with no group under ``None``)."""
        cols = list(self._columns if columns is None else columns)
        if nan_policy != "listwise":
            raise AnalysisError(f"{what}: a scanned table uses complete rows only (nan_policy='listwise'), got {nan_policy!r}; "
                                "for another policy use data.sample(n, seed=...)")
        dupes = sorted({str(c) for c in cols if cols.count(c) > 1})
        if dupes:
            raise AnalysisError(f"{what}: duplicated column names {dupes}")
        absent = [c for c in cols if c not in self.engine.columns]
        if absent:
            raise AnalysisError(f"{what}: columns not in the data: {absent}")
        if len(cols) < min_columns:
            raise AnalysisError(f"{what} needs at least {min_columns} columns, got {len(cols)}")
        numeric = set(self.engine.numeric_columns())
        bad = [c for c in cols if c not in numeric]
        if bad:
            raise AnalysisError(f"{what}: columns are not numeric: {shown(bad)} (convert labels to codes first)")
        if by is not None and by not in self.engine.columns:
            raise AnalysisError(f"{what}: grouping column {by!r} is not in the data")
        found = self._reversed(self._moments(cols, by))
        total = found if by is None else pool(found.values()) if found else Moments.empty(cols)
        if total.n == 0:
            empty = [c for c in cols if self.engine.moments([c]).n == 0]
            if empty:
                raise AnalysisError(f"{what}: columns have no values at all: {empty}")
        if total.n < min_rows:
            raise AnalysisError(f"{what} needs at least {min_rows} complete rows, got {total.n}")
        constant = [c for c, lo, hi in zip(cols, total.minimum, total.maximum) if not hi > lo]
        if constant:
            raise AnalysisError(f"{what}: columns are constant (zero variance): {constant}")
        return found

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


def refuse_declared_missing(lazy: LazyResponses, columns: Sequence[str]) -> None:
    """A scan does not yet turn declared missing codes (or codes outside a scale) into missing
    values: if one occurs in a column a statistic asks for, its moments would average it in, so
    they are refused with the columns named. Each column is checked once per scan."""
    from .screening import non_answers

    checked = lazy._cache.setdefault("declared_missing_checked", set())
    todo = [c for c in columns if c not in checked]
    if lazy.questionnaire is None or not todo:
        return
    condition = non_answers(lazy.questionnaire, set(todo))
    if not condition or not lazy.engine.count_rows(" OR ".join(condition.values())):
        checked.update(todo)
        return
    found = {c: lazy.engine.count_rows(cond) for c, cond in condition.items()}
    shown_cols = [f"{c} ({n} rows)" for c, n in found.items() if n]
    raise AnalysisError(
        f"scan: {lazy.describe()} holds declared missing codes or codes outside the scale in {'; '.join(shown_cols)}. "
        "A scanned table does not turn them into missing values, so every statistic would average them in; store them "
        "as missing (NULL) in the files, or load the rows in memory with load_responses, which does."
    )
