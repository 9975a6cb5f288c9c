"""The DuckDB engine: SQL aggregates where the data live, out of core, on all cores.

Moments take two passes over the rows complete on the columns: the means, then the sums of values
shifted by those means and of their pairwise products, per group when asked (see
:func:`survey.engines.moments.from_shifted_sums`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from .base import SAMPLE_STREAM, Engine, sql_draws, sql_poisson_weights
from .moments import Moments, from_shifted_sums
from .sources import Source, quoted

__all__ = ["DuckDBEngine"]

_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
            "FLOAT", "DOUBLE", "BOOLEAN", "DECIMAL")


def _number(v: float) -> str:
    return f"CAST('{float(v)!r}' AS DOUBLE)"


class DuckDBEngine(Engine):
    """Statistics of a Parquet/CSV file set or a DuckDB table, computed by DuckDB."""

    name = "duckdb"

    def __init__(self, source: Source, *, threads: int | None = None, memory_limit: str | None = None):
        import duckdb

        self.source = source
        if source.kind == "duckdb":
            self.con = duckdb.connect(source.files[0], read_only=True)
        else:
            self.con = duckdb.connect()
        self.con.execute("SET enable_progress_bar = false")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        described = self.con.execute(f"DESCRIBE SELECT * FROM {source.relation()}").fetchall()
        self._types = {str(r[0]): str(r[1]).upper() for r in described}

    # -- helpers ----------------------------------------------------------------------------------

    def _query(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def _complete(self, columns: Sequence[str]) -> str:
        """Rows complete on the columns: no NULL, and no NaN in a floating column."""
        parts = []
        for c in columns:
            parts.append(f"{quoted(c)} IS NOT NULL")
            if self._types[c] in ("FLOAT", "DOUBLE"):
                parts.append(f"NOT isnan({quoted(c)})")
        return " AND ".join(parts) if parts else "TRUE"

    def _check(self, columns: Sequence[str], *, numeric: bool = True) -> None:
        absent = [c for c in columns if c not in self._types]
        if absent:
            raise AnalysisError(f"columns not in {self.source.describe()}: {absent}")
        if numeric:
            bad = [c for c in columns if not self._types[c].startswith(_NUMERIC)]
            if bad:
                raise AnalysisError(f"columns are not numeric in {self.source.describe()}: {bad}")

    def _shifted_sums(self, columns: Sequence[str], shift: np.ndarray, *, weight: str = "1") -> list[str]:
        k = len(columns)
        d = [f"(CAST({quoted(c)} AS DOUBLE) - {_number(s)})" for c, s in zip(columns, shift)]
        sums = [f"sum({weight} * {d[i]})" for i in range(k)]
        sums += [f"sum({weight} * {d[i]} * {d[j]})" for i in range(k) for j in range(i, k)]
        return sums

    def _moments_of(self, columns: Sequence[str], shift: np.ndarray, row: tuple, offset: int) -> Moments:
        k = len(columns)
        n = int(row[offset] or 0)
        s1 = np.array(row[offset + 1 : offset + 1 + k], dtype=np.float64)
        tri = np.array(row[offset + 1 + k : offset + 1 + k + k * (k + 1) // 2], dtype=np.float64)
        s2 = np.zeros((k, k))
        s2[np.triu_indices(k)] = tri
        s2 = s2 + np.triu(s2, 1).T
        rest = row[offset + 1 + k + k * (k + 1) // 2 :]
        lo = np.array(rest[:k], dtype=np.float64)
        hi = np.array(rest[k : 2 * k], dtype=np.float64)
        return from_shifted_sums(columns, n, shift, s1, s2, lo, hi)

    def _means(self, columns: Sequence[str], where: str) -> np.ndarray:
        avgs = ", ".join(f"avg(CAST({quoted(c)} AS DOUBLE))" for c in columns)
        row = self._query(f"SELECT {avgs} FROM {self.source.relation()} WHERE {where}")[0]
        return np.array([0.0 if v is None else v for v in row], dtype=np.float64)

    # -- the interface --------------------------------------------------------------------------

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self._types)

    def numeric_columns(self) -> tuple[str, ...]:
        return tuple(c for c, t in self._types.items() if t.startswith(_NUMERIC))

    def n_rows(self) -> int:
        return int(self._query(f"SELECT count(*) FROM {self.source.relation()}")[0][0])

    def moments(self, columns, *, by=None):
        columns = tuple(columns)
        self._check(columns)
        if by is not None:
            self._check([by], numeric=False)
        where = self._complete(columns)
        shift = self._means(columns, where)
        extremes = [f"min({quoted(c)})" for c in columns] + [f"max({quoted(c)})" for c in columns]
        aggregates = ", ".join(["count(*)", *self._shifted_sums(columns, shift), *extremes])
        if by is None:
            row = self._query(f"SELECT {aggregates} FROM {self.source.relation()} WHERE {where}")[0]
            return self._moments_of(columns, shift, row, 0)
        rows = self._query(f"SELECT {quoted(by)}, {aggregates} FROM {self.source.relation()} WHERE {where} GROUP BY {quoted(by)}")
        return {_key(r[0]): self._moments_of(columns, shift, r, 1) for r in rows}

    def counts(self, columns):
        columns = list(columns)
        self._check(columns, numeric=False)
        cols = ", ".join(quoted(c) for c in columns)
        frame = self.con.execute(
            f"SELECT {cols}, count(*) AS n FROM {self.source.relation()} WHERE {self._complete(columns)} "
            f"GROUP BY {cols} ORDER BY {cols}"
        ).df()
        return frame.set_index(columns)["n"].astype(np.int64)

    def bootstrap_moments(self, columns, *, n_boot, seed):
        columns = tuple(columns)
        self._check(columns)
        where = self._complete(columns)
        shift = self._means(columns, where)
        k = len(columns)
        inner = (f"SELECT r.b AS __b, {sql_poisson_weights(sql_draws('t.__row', 'r.b', seed))} AS __w, "
                 + ", ".join(f"t.{quoted(c)}" for c in columns)
                 + f" FROM (SELECT * FROM {self.source.relation(positions=True)} WHERE {where}) t, range({int(n_boot)}) r(b)")
        extremes = [f"min({quoted(c)}) FILTER (WHERE __w > 0)" for c in columns] + [f"max({quoted(c)}) FILTER (WHERE __w > 0)" for c in columns]
        aggregates = ", ".join(["sum(__w)", *self._shifted_sums(columns, shift, weight="__w"), *extremes])
        rows = self._query(f"SELECT __b, {aggregates} FROM ({inner}) GROUP BY __b ORDER BY __b")
        found = {int(r[0]): self._moments_of(columns, shift, r, 1) for r in rows}
        return [found.get(b, Moments.empty(columns)) for b in range(n_boot)] if k else []

    def sample(self, n, *, seed, columns=None):
        cols = "*" if columns is None else ", ".join(quoted(c) for c in ["__row", *columns])
        rel = self.source.relation(positions=True)
        frame = self.con.execute(
            f"SELECT {cols} FROM (SELECT * FROM {rel} ORDER BY {sql_draws('__row', str(SAMPLE_STREAM), seed)}, __row "
            f"LIMIT {int(n)}) ORDER BY __row"
        ).df()
        return frame.set_index("__row").rename_axis("row")

    def first_seen(self, column):
        self._check([column], numeric=False)
        c = quoted(column)
        rows = self._query(f"SELECT {c} FROM {self.source.relation(positions=True)} WHERE {self._complete([column])} "
                           f"GROUP BY {c} ORDER BY min(__row)")
        return [r[0] for r in rows]

    def count_rows(self, condition):
        return int(self._query(f"SELECT count(*) FROM {self.source.relation()} WHERE {condition}")[0][0])


def _key(value):
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return value
