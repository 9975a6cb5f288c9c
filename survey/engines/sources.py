"""Where a lazy table lives: Parquet files (one, a folder, a glob), a CSV file, or a DuckDB table."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from ..errors import AnalysisError

__all__ = ["Source", "resolve_source", "quoted"]


def quoted(name: str) -> str:
    """A column name as a SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


@dataclass(frozen=True)
class Source:
    """``kind`` is ``"parquet"``, ``"csv"`` or ``"duckdb"``; ``files`` in name order (the rows'
    order); ``table`` names the DuckDB table."""

    kind: str
    files: tuple[str, ...]
    table: str | None = None

    def describe(self) -> str:
        if self.kind == "duckdb":
            return f"table {self.table!r} of {self.files[0]}"
        return self.files[0] if len(self.files) == 1 else f"{len(self.files)} {self.kind} files ({self.files[0]} …)"

    def relation(self, *, positions: bool = False) -> str:
        """The SQL relation of the source; with ``positions`` it has a column ``__row``, the row's
        position in the source."""
        if self.kind == "duckdb":
            return f"(SELECT rowid AS __row, * FROM {quoted(self.table)})" if positions else quoted(self.table)
        files = "[" + ", ".join(_literal(f) for f in self.files) + "]"
        if self.kind == "csv":
            if positions:
                raise AnalysisError(f"{self.describe()}: a CSV file has no stable row positions for seeded draws; "
                                    "convert it to Parquet (or a DuckDB table) first")
            return f"read_csv({files}, header = true)"
        if not positions:
            return f"read_parquet({files})"
        offsets = self.offsets()
        case = " ".join(f"WHEN {_literal(f)} THEN {o}" for f, o in zip(self.files, offsets))
        return (f"(SELECT (CASE filename {case} END) + file_row_number AS __row, * EXCLUDE (filename, file_row_number) "
                f"FROM read_parquet({files}, filename = true, file_row_number = true))")

    def offsets(self) -> list[int]:
        """Position of each file's first row."""
        import pyarrow.parquet as pq

        out, total = [], 0
        for f in self.files:
            out.append(total)
            total += pq.ParquetFile(f).metadata.num_rows
        return out


def resolve_source(where) -> Source:
    """A Parquet file, a folder of Parquet files, a glob, a CSV file, or ``db.duckdb`` / ``db.duckdb::table``."""
    text = str(where)
    if "::" in text or text.endswith((".duckdb", ".db")):
        path, _, table = text.partition("::")
        if not Path(path).is_file():
            raise AnalysisError(f"scan: no DuckDB database at {path}")
        if not table:
            import duckdb

            with duckdb.connect(path, read_only=True) as con:
                tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
            if len(tables) != 1:
                raise AnalysisError(f"scan: {path} holds {len(tables)} tables {tables}; name one as '{path}::table'")
            table = tables[0]
        return Source("duckdb", (str(Path(path).resolve()),), table)
    path = Path(text)
    if path.is_dir():
        files = sorted(str(p) for p in path.rglob("*.parquet"))
        if not files:
            raise AnalysisError(f"scan: the folder {path} holds no .parquet files")
        return Source("parquet", tuple(files))
    if any(ch in text for ch in "*?["):
        files = sorted(glob.glob(text, recursive=True))
        if not files:
            raise AnalysisError(f"scan: no file matches {text}")
        kind = "csv" if all(f.endswith(".csv") for f in files) else "parquet"
        return Source(kind, tuple(files))
    if not path.is_file():
        raise AnalysisError(f"scan: no file or folder at {path}")
    if path.suffix.lower() == ".csv":
        return Source("csv", (str(path),))
    if path.suffix.lower() in (".parquet", ".pq"):
        return Source("parquet", (str(path),))
    raise AnalysisError(f"scan: {path.name} is not a Parquet, CSV or DuckDB file (.parquet, .csv, .duckdb)")
