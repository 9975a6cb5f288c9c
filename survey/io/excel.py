"""Excel workbooks: ``.xlsx`` through openpyxl (read-only), legacy ``.xls`` through xlrd.

An ``.xlsx`` is a zip archive of XML: before openpyxl opens it, the archive's declared sizes and
entry count are checked against caps (a zip bomb is rejected without being inflated) and its XML
parts are checked for DTD/entity declarations (billion-laughs). A sheet may hold at most
``MAX_CELLS`` cells, and the shared-string table as many strings: the cell tags of a large part are
counted as it inflates, chunk by chunk, before openpyxl parses anything (seconds for a gigabyte of
XML), and the rows are counted again as they stream, the cells openpyxl fills into gaps included. Every cell
becomes text the way a person reads it: whole numbers without ``.0``, dates as
``YYYY-MM-DD HH:MM:SS``.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd

from ..errors import Problem, ResponseDataError
from ..schema.safezip import scan_part
from .messages import LoaderMessage, warn
from .table import RawTable

__all__ = ["MAX_CELLS", "MAX_UNCOMPRESSED_BYTES", "MAX_ZIP_ENTRIES", "check_zip", "read_xls", "read_xlsx"]

MAX_UNCOMPRESSED_BYTES = 1 << 30  # 1 GiB of XML is far beyond any survey export
MAX_ZIP_ENTRIES = 10_000
MAX_RATIO = 1_000  # an entry inflating more than 1000-fold is not a spreadsheet
MAX_CELLS = 20_000_000  # cells per sheet: 100,000 respondents × 200 columns (tens of bytes each as text)
_CELL_TAGS = (b"<c ", b"<c>", b"<c/>", b":c ")  # ":c " for writers that prefix the namespace
_STRING_TAGS = (b"<si>", b"<si ", b":si>")
_MIN_TAG_BYTES = 4  # "<c/>": a part of fewer than 4 bytes per budgeted cell cannot exceed the budget
_CHUNK = 1 << 20
_EXCEL_DIGITS = 15  # significant digits Excel keeps of a number


def check_zip(path: Path, *, max_bytes: int = MAX_UNCOMPRESSED_BYTES, max_entries: int = MAX_ZIP_ENTRIES) -> None:
    """Reject a zip archive (xlsx, docx) that is not a zip, or would inflate beyond the caps."""
    where = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > max_entries:
                raise ResponseDataError(f"{where}: too many parts", [Problem(where, f"{len(infos)} zip entries", f"at most {max_entries}")])
            total = sum(i.file_size for i in infos)
            if total > max_bytes:
                raise ResponseDataError(
                    f"{where}: the workbook would inflate to {total:,} bytes",
                    [Problem(where, f"{total:,} bytes uncompressed (zip bomb?)", f"at most {max_bytes:,} bytes")],
                )
            for info in infos:
                if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise ResponseDataError(
                        f"{where}: part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}-fold",
                        [Problem(f"{where}:{info.filename}", "suspicious compression ratio (zip bomb?)", f"at most {MAX_RATIO}-fold")],
                    )
                reason = scan_part(zf, info) if info.filename.endswith((".xml", ".rels")) else None
                if reason:  # a DTD anywhere in the part, not only near its start
                    raise ResponseDataError(
                        f"{where}: part {info.filename} declares a DTD",
                        [Problem(f"{where}:{info.filename}", f"{reason} (billion laughs?)", "plain spreadsheet XML")],
                    )
    except zipfile.BadZipFile:
        raise ResponseDataError(f"{where}: not an xlsx workbook", [Problem(where, "not a zip archive", "an .xlsx file saved by Excel or WPS")]) from None


def cell_text(value) -> str:
    """A cell's value as the text a person sees (``5.0`` -> ``"5"``; ``None`` -> ``""``).

    >>> [cell_text(v) for v in (None, 5, 5.0, 2.5, True, "00123", dt.datetime(2026, 10, 3, 12, 2, 14))]
    ['', '5', '5', '2.5', 'TRUE', '00123', '2026-10-03 12:02:14']
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.microsecond == 0 else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value.total_seconds())
    return str(value)


def _trimmed(row: list[str]) -> list[str]:
    """The row without its trailing empty cells."""
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return row[:end]


def _table_from_rows(rows: list[list[str]], *, where: str, sheet: str, first_row: int = 1) -> RawTable:
    """Rows of text -> RawTable; cells beyond the header are an error."""
    rows = [_trimmed(row) for row in rows]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ResponseDataError(f"{where}: sheet {sheet!r} is empty", [Problem(f"{where}[{sheet}]", "no rows", "a header row and data rows")])
    width = len(rows[0])
    while width and rows[0][width - 1] == "" and all(len(r) < width or r[width - 1] == "" for r in rows):
        width -= 1
    problems = []
    for n, row in enumerate(rows):
        extra = [c for c in row[width:] if c != ""]
        if extra:
            problems.append(Problem(f"sheet {sheet!r} row {first_row + n}", f"{len(extra)} value(s) beyond the last header column", f"{width} columns, as in the header"))
    if problems:
        raise ResponseDataError(f"{where}: {len(problems)} row(s) are longer than the header", problems)
    rows = [r[:width] + [""] * (width - len(r)) for r in rows]

    def read_body(n_header: int, names: list[str], coded: frozenset[str], labelled: frozenset[str] = frozenset(), into=None) -> pd.DataFrame:
        body = rows[n_header:]
        state[0] = n_header
        return pd.DataFrame({name: pd.Series([r[k] for r in body], dtype=object) for k, name in enumerate(names)})

    state = [1]

    def locate(i: int) -> str:
        return f"sheet {sheet!r} row {first_row + state[0] + i}"

    return RawTable(records=rows[:5], read_body=read_body, locate=locate, sheet=sheet)


def _over_budget(where: str, part: str, what: str, budget: int) -> ResponseDataError:
    """The error for a sheet (or shared-string table) beyond the cell budget; ``what`` says by how much."""
    return ResponseDataError(
        f"{where}: {part} holds more than {budget:,} cells",
        [Problem(f"{where}, {part}", f"{what} (a table this large, or a decompression bomb)", f"at most {budget:,} cells per sheet; save a larger table as CSV")],
    )


def _count_tags(zf: zipfile.ZipFile, part: str, tags: tuple[bytes, ...], budget: int) -> int:
    """Occurrences of ``tags`` in a part, read as a stream; counting stops once past ``budget``."""
    info = zf.getinfo(part)
    if info.file_size < _MIN_TAG_BYTES * budget:
        return 0  # too small to hold that many
    count, tail = 0, b""
    with zf.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            tail = window[-(max(map(len, tags)) - 1):]
            count += sum(window.count(t) - tail.count(t) for t in tags)
            if count > budget:
                break
    return count + sum(tail.count(t) for t in tags)


def _check_part_size(path: Path, part: str | None, tags: tuple[bytes, ...], budget: int, *, label: str) -> None:
    """Refuse a sheet (or the shared strings) whose tags outnumber the budget, before parsing it."""
    with zipfile.ZipFile(path) as zf:
        names = {name.lower(): name for name in zf.namelist()}
        name = names.get((part or "").lstrip("/").lower())
        if name is None:
            return
        count = _count_tags(zf, name, tags, budget)
    if count > budget:
        raise _over_budget(path.name, label, f"more than {budget:,} XML elements in {name}", budget)


def _lost_digits(values, row: int, lost: dict[int, int]) -> None:
    """Note the columns (1-based) where a whole number beyond Excel's 15 digits was stored as a float."""
    if float in map(type, values):
        for column, value in enumerate(values, 1):
            if type(value) is float and value.is_integer() and abs(value) >= 10**_EXCEL_DIGITS:
                lost.setdefault(column, row)


def _warn_lost_digits(lost: dict[int, int], *, where: str, sheet: str) -> None:
    if not lost:
        return
    from openpyxl.utils import get_column_letter

    cells = ", ".join(f"{get_column_letter(c)}{r}" for c, r in sorted(lost.items())[:10])
    warn(LoaderMessage("excel_digits", {"where": where, "sheet": sheet, "digits": _EXCEL_DIGITS, "cells": cells}), stacklevel=5)  # the caller of load_responses


def read_xlsx(path: Path, *, sheet: str | int | None = None, max_cells: int | None = None) -> RawTable:
    """Read one worksheet (default: the first) of an ``.xlsx`` workbook as text.

    ``max_cells`` (default :data:`MAX_CELLS`) caps the cells of the sheet, counted as openpyxl yields
    them (the empty cells and rows it fills in for gaps included), and the strings of the
    workbook's shared-string table; beyond it a ``ResponseDataError`` is raised.
    """
    import openpyxl

    budget = MAX_CELLS if max_cells is None else max_cells
    check_zip(path)
    _check_part_size(path, "xl/sharedStrings.xml", _STRING_TAGS, budget, label="the shared-string table")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ResponseDataError(f"{path.name}: cannot open the workbook", [Problem(path.name, f"{type(exc).__name__}: {exc}", "an .xlsx workbook")]) from None
    try:
        ws = _pick_sheet(wb.sheetnames, sheet, path.name)
        worksheet = wb[ws]
        _check_part_size(path, getattr(worksheet, "_worksheet_path", None), _CELL_TAGS, budget, label=f"sheet {ws!r}")
        worksheet.reset_dimensions()  # some writers store a wrong <dimension>; read every row that is there
        rows, lost = _stream_rows(worksheet, budget, where=path.name, sheet=ws)
    finally:
        wb.close()
    _warn_lost_digits(lost, where=path.name, sheet=ws)
    return _table_from_rows(rows, where=path.name, sheet=ws)


def _stream_rows(worksheet, budget: int, *, where: str, sheet: str) -> tuple[list[list[str]], dict[int, int]]:
    """The sheet's rows as text (within the cell budget), and the columns that lost digits."""
    rows: list[list[str]] = []
    lost: dict[int, int] = {}
    cells = 0
    try:
        for values in worksheet.iter_rows(values_only=True):
            cells += max(len(values), 1)
            if cells > budget:
                raise _over_budget(where, f"sheet {sheet!r}", f"more than {budget:,} cells by row {len(rows) + 1:,}", budget)
            rows.append([cell_text(v) for v in values])
            _lost_digits(values, len(rows), lost)
    except ResponseDataError:
        raise
    except Exception as exc:  # openpyxl parses the sheet while streaming it: a broken part fails here
        raise ResponseDataError(
            f"{where}: cannot read sheet {sheet!r}",
            [Problem(f"{where}, sheet {sheet!r} after row {len(rows)}", f"{type(exc).__name__}: {exc}", "a sheet saved by Excel or WPS")],
        ) from None
    return rows, lost


def read_xls(path: Path, *, sheet: str | int | None = None, max_cells: int | None = None) -> RawTable:
    """Read one worksheet (default: the first) of a legacy BIFF ``.xls`` workbook as text
    (at most ``max_cells`` cells, default :data:`MAX_CELLS`)."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:
        raise ResponseDataError(f"{path.name}: cannot open the workbook", [Problem(path.name, f"{type(exc).__name__}: {exc}", "a BIFF .xls workbook")]) from None
    try:
        name = _pick_sheet(book.sheet_names(), sheet, path.name)
        ws = book.sheet_by_name(name)
        budget = MAX_CELLS if max_cells is None else max_cells
        if ws.nrows * ws.ncols > budget:
            raise _over_budget(path.name, f"sheet {name!r}", f"{ws.nrows:,} rows × {ws.ncols:,} columns", budget)
        rows, lost = [], {}
        for r in range(ws.nrows):
            values = []
            for c in range(ws.ncols):
                cell = ws.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(cell.value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    value = xlrd.error_text_from_code.get(cell.value, "#ERROR")
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                else:
                    value = cell.value
                values.append(value)
            rows.append([cell_text(v) for v in values])
            _lost_digits(values, r + 1, lost)
    finally:
        book.release_resources()
    _warn_lost_digits(lost, where=path.name, sheet=name)
    return _table_from_rows(rows, where=path.name, sheet=name)


def _pick_sheet(names: list[str], sheet: str | int | None, where: str) -> str:
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return names[sheet]
    if isinstance(sheet, str) and sheet in names:
        return sheet
    raise ResponseDataError(f"{where}: no sheet {sheet!r}", [Problem(where, f"sheet {sheet!r} not found", f"one of {names} or an index 0..{len(names) - 1}")])
