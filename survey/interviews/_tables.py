"""Reading and writing small tables (CSV/xlsx) for the interview layer: strings kept exact."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..errors import Problem, ResponseDataError

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_table(path: str | Path, *, what: str, sheet: str | int = 0) -> tuple[pd.DataFrame, str]:
    """Read a CSV/TSV/xlsx table as strings (ids like "00123" kept byte-exact).

    Returns the table and a label for error messages. CSV is decoded strictly: UTF-8 (with or
    without BOM), UTF-16 with BOM, then GB18030; never latin-1.
    """
    path = Path(path)
    if not path.is_file():
        raise ResponseDataError(f"{what} not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            frame = pd.read_excel(path, sheet_name=sheet, dtype=str, keep_default_na=False)
        except Exception as exc:  # openpyxl/xlrd raise many types
            raise ResponseDataError(f"{path.name}: cannot read the {what} ({exc})") from exc
    elif suffix in (".csv", ".tsv", ".txt"):
        raw = path.read_bytes()
        text = None
        for enc in ("utf-8-sig", "utf-16", "gb18030") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise ResponseDataError(f"{path.name}: the {what} is not UTF-8, UTF-16 or GB18030 text", [Problem(path.name, "undecodable bytes", "a UTF-8 CSV")])
        sep = "\t" if suffix == ".tsv" else None
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, engine="python", dtype=str, keep_default_na=False)
        except pd.errors.ParserError as exc:
            raise ResponseDataError(f"{path.name}: cannot parse the {what}: {exc}") from exc
    else:
        raise ResponseDataError(f"{path.name}: unsupported {what} type {suffix!r} (expected .csv, .tsv or .xlsx)")
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.map(lambda v: unescape_cell(v.strip()) if isinstance(v, str) else v)
    return frame, path.name


def unescape_cell(value: str) -> str:
    """Undo the formula-injection guard (a leading ``'`` before ``= + - @``) written by :func:`write_table`."""
    if len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_START:
        return value[1:]
    return value


def _guard(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START + ("'",)):
        return "'" + value
    return value


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table to .csv (UTF-8 with BOM, formula-injection guarded) or .xlsx (strings as strings).

    The file is written to a temporary name and renamed, so a failure leaves no half-written file.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            frame.map(_guard).to_csv(tmp, index=False, encoding="utf-8-sig")
        elif suffix == ".xlsx":
            from openpyxl import Workbook

            wb = Workbook()
            ws = wb.active
            ws.append([str(c) for c in frame.columns])
            for row in frame.itertuples(index=False):
                ws.append(list(row))
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # never a formula
            wb.save(tmp)
        else:
            raise ResponseDataError(f"{path.name}: unsupported output type {suffix!r} (expected .csv or .xlsx)")
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
