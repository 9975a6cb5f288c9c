r"""One .xlsx workbook of all tables; text written as text, so nothing becomes a formula.

pandas (through openpyxl) stores any string starting with ``=`` as a formula. Here every ``str``
cell is stored as an inline string (``t="inlineStr"``), so ``=HYPERLINK(...)`` stays the text it
was; numbers stay numbers. Characters XML cannot hold (control characters) are written with the
OOXML ``_xHHHH_`` escape, and a literal ``_xHHHH_`` in the text is protected as ``_x005F_xHHHH_``,
which is what Excel itself does; :func:`read_xlsx` undoes both, so any string round-trips.

Sheet names are made legal (no ``[]:*?/\``, at most 31 characters, unique ignoring case). The
file is reproducible: fixed document dates and zip timestamps.

>>> import pandas as pd
>>> data = build_xlsx_frames({"t": pd.DataFrame({"a": ["=1+1", "_x0041_"], "b": [1.5, 2]})})
>>> back = read_xlsx(data)["t"]
>>> back["a"].tolist(), back["b"].tolist()
(['=1+1', '_x0041_'], [1.5, 2])
>>> sheet_names(["表4-1", "a/b:c", "x" * 40, "A/B:C"])
['表4-1', 'a_b_c', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'A_B_C (2)']
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import numbers
import os
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .document import Layout

__all__ = ["build_xlsx", "build_xlsx_frames", "read_xlsx", "sheet_names", "xlsx_escape", "xlsx_unescape"]

_FIXED = _dt.datetime(2000, 1, 1)
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def xlsx_escape(text: str) -> str:
    """Escape text for an OOXML cell (``_xHHHH_`` for control characters, ``_x005F_`` guard)."""
    text = _LITERAL_ESCAPE.sub("_x005F_", text)
    return _BAD_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def xlsx_unescape(text: str) -> str:
    """Undo :func:`xlsx_escape` (and Excel's own escapes)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def sheet_names(wanted: list[str]) -> list[str]:
    """Legal, unique (ignoring case) Excel sheet names, at most 31 characters, in order."""
    used: set[str] = set()
    names = []
    for raw in wanted:
        base = _SHEET_BAD.sub("_", str(raw)).strip().strip("'").strip() or "Sheet"
        if base.lower() == "history":
            base = "History_"
        base = base[:31]
        name, k = base, 1
        while name.lower() in used:
            k += 1
            suffix = f" ({k})"
            name = base[: 31 - len(suffix)] + suffix
        used.add(name.lower())
        names.append(name)
    return names


# A displayed number: optional minus (ASCII or U+2212), digits with an optional decimal part, or a
# bounded value without its leading zero (APA ".82"); an optional % sign. Not ids like "00123".
_DISPLAYED_NUMBER = re.compile(r"([-\u2212]?)(0|[1-9]\d*|)(?:\.(\d+))?(%?)")


def displayed_number(text: str) -> tuple[float, str] | None:
    """The number a formatted table cell shows, with the Excel number format that shows it the same
    way (``"0.820"`` → (0.82, ``"0.000"``); ``".05"`` → (0.05, ``".00"``); ``"45.2%"`` → (0.452,
    ``"0.0%"``)), or None for any other text (``"p < .001"``, ``"00123"``, ``"3.5 (0.8)"``).

    >>> displayed_number("−0.41"), displayed_number(".050"), displayed_number("12"), displayed_number("007")
    ((-0.41, '0.00'), (0.05, '.000'), (12.0, '0'), None)
    """
    m = _DISPLAYED_NUMBER.fullmatch(text.strip())
    if m is None or (not m.group(2) and m.group(3) is None):
        return None
    sign, whole, decimals, percent = m.groups()
    value = float(f"{'-' if sign else ''}{whole or '0'}.{decimals or '0'}")
    places = "." + "0" * len(decimals) if decimals else ""
    fmt = ("0" if whole else "") + places or "0"
    if percent:
        return value / 100, fmt + "%"
    return value, fmt


def _put(ws, row: int, col: int, value: object, *, numbers_as_text: bool = True) -> None:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return
    cell = ws.cell(row=row, column=col)
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and not (isinstance(value, float) and math.isinf(value)):
        cell.value = value
        return
    if isinstance(value, bool):
        cell.value = value
        return
    shown = None if numbers_as_text or not isinstance(value, str) else displayed_number(value)
    if shown is not None:  # a table's formatted number: stored as a number, shown as formatted
        cell.value, cell.number_format = shown
        return
    cell.value = xlsx_escape(str(value))
    cell.data_type = "s"  # a string, even when it starts with "="


def _width(values: list[str]) -> float:
    longest = 0
    for v in values:
        longest = max(longest, sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)))
    return min(60, max(8, longest + 2))


def _sheet(wb, name: str, frame: pd.DataFrame, *, bold_header: bool = True, numbers_as_text: bool = True):
    from openpyxl.styles import Font

    ws = wb.create_sheet(title=name)
    for j, col in enumerate(frame.columns, start=1):
        _put(ws, 1, j, str(col))
        if bold_header:
            ws.cell(row=1, column=j).font = Font(bold=True)
    for j in range(frame.shape[1]):
        values = frame.iloc[:, j].tolist()
        for i, v in enumerate(values, start=2):
            _put(ws, i, j + 1, v, numbers_as_text=numbers_as_text)
        from openpyxl.utils import get_column_letter

        ws.column_dimensions[get_column_letter(j + 1)].width = _width([frame.columns[j]] + values)
    ws.freeze_panes = "A2"
    return ws


def _save(wb) -> bytes:
    from ._ooxml import deterministic_zip

    wb.properties.created = _FIXED
    wb.properties.modified = _FIXED
    wb.properties.creator = ""
    wb.properties.lastModifiedBy = ""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    # Workbook.save stamps the current time into docProps/core.xml; the writer itself does not.
    buf = io.BytesIO()
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()
    return deterministic_zip(buf.getvalue())


def build_xlsx_frames(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx with one sheet per frame (column names in row 1); sheet names made legal."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in zip(sheet_names(list(frames)), frames.values()):
        _sheet(wb, name, frame)
    if not frames:
        wb.create_sheet("Sheet")
    return _save(wb)


def build_xlsx(layout: Layout) -> bytes:
    """All tables of ``layout`` in one workbook: a contents sheet, then one sheet per table.

    Cells hold what the report shows without markup (``*M*`` becomes ``M``); a cell that shows a
    number is stored as that number with a format that shows it the same way, so a reader can
    compute with it.
    """
    from openpyxl import Workbook

    zh = layout.lang == "zh"
    tables = layout.tables
    names = sheet_names(["目录" if zh else "Contents"] + [p.label or p.key for p in tables])
    contents = pd.DataFrame(
        {
            ("工作表" if zh else "sheet"): names[1:],
            ("编号" if zh else "label"): [p.label for p in tables],
            ("标题" if zh else "title"): [_plain(p.text) for p in tables],
            ("注" if zh else "note"): [_plain(p.note) for p in tables],
            ("文件" if zh else "key"): [p.key for p in tables],
        },
        dtype=object,
    )
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, names[0], contents)
    for name, p in zip(names[1:], tables):
        _sheet(wb, name, p.block.plain_frame(), numbers_as_text=False)
    return _save(wb)


def _plain(text: str) -> str:
    from .document import plain

    return plain(text)


def read_xlsx(source: str | os.PathLike[str] | bytes) -> dict[str, pd.DataFrame]:
    """Read every sheet (row 1 = column names) with strings unescaped; numbers stay numbers."""
    from openpyxl import load_workbook

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    out = {}
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        rows = [[xlsx_unescape(v) if isinstance(v, str) else v for v in r] for r in rows]
        if not rows:
            out[ws.title] = pd.DataFrame()
            continue
        header, body = rows[0], rows[1:]
        frame = pd.DataFrame(body, columns=range(len(header)), dtype=object) if body else pd.DataFrame(columns=range(len(header)))
        frame.columns = ["" if h is None else str(h) for h in header]
        out[ws.title] = frame
    wb.close()
    return out
