r"""CSV export that a spreadsheet cannot turn into a formula, and that round-trips exactly.

Text whose first character is ``= + - @ \t \r`` (what Excel, LibreOffice and Google Sheets treat
as the start of a formula) is written with a leading ``'``; so is text that already starts with
``'``, so that :func:`read_csv` can undo the prefix without ambiguity. Every text cell is quoted,
numbers are written unquoted in their shortest exact form and missing values as an empty field, so
the types come back as they went out. Files are UTF-8 with a byte-order mark (what Excel needs to
show Chinese) and ``\r\n`` line ends.

>>> import pandas as pd
>>> df = pd.DataFrame({"item": ["=1+1", "-x", "'q", "ok"], "value": [1.5, -2.0, 3.0, None]})
>>> print(to_csv_text(df).replace("\r\n", "\n"), end="")
"item","value"
"'=1+1",1.5
"'-x",-2.0
"''q",3.0
"ok",
>>> back = read_csv_text(to_csv_text(df))
>>> back["item"].tolist(), back["value"].tolist()[:3]
(['=1+1', '-x', "'q", 'ok'], [1.5, -2.0, 3.0])
"""

from __future__ import annotations

import math
import numbers
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import SurveyError
from .atomic import atomic_write_bytes

__all__ = ["neutralise", "unneutralise", "to_csv_text", "write_csv", "read_csv_text", "read_csv"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_START = FORMULA_START + ("'",)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|nan)$")
_INT = re.compile(r"^[+-]?\d+$")


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would read as a formula (or that starts with ``'``)."""
    return "'" + text if text.startswith(_ESCAPED_START) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`."""
    if text.startswith("'") and text[1:].startswith(_ESCAPED_START):
        return text[1:]
    return text


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _field(value: object) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if _is_missing(value):
        return ""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        text = neutralise(str(value))
        return '"' + text.replace('"', '""') + '"'
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return repr(float(value))


def to_csv_text(df: pd.DataFrame, *, index: bool = False) -> str:
    """The CSV text of ``df`` (header row of quoted column names, then one line per row)."""
    frame = df.reset_index() if index else df
    lines = [",".join(_field(str(c)) for c in frame.columns)]
    columns = [frame.iloc[:, j].tolist() for j in range(frame.shape[1])]
    for i in range(frame.shape[0]):
        lines.append(",".join(_field(col[i]) for col in columns))
    return "\r\n".join(lines) + "\r\n"


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str], *, index: bool = False) -> Path:
    """Write ``df`` as a formula-safe CSV, atomically."""
    return atomic_write_bytes(path, to_csv_text(df, index=index).encode("utf-8-sig"))


def _parse(text: str) -> list[list[object]]:
    rows: list[list[object]] = []
    row: list[object] = []
    i, n = 0, len(text)
    if n == 0:
        return rows
    while True:
        if i < n and text[i] == '"':
            j, parts = i + 1, []
            while True:
                k = text.find('"', j)
                if k < 0:
                    raise SurveyError(f"CSV text: unterminated quoted field starting at character {i} (expected a closing '\"')")
                parts.append(text[j:k])
                if k + 1 < n and text[k + 1] == '"':
                    parts.append('"')
                    j = k + 2
                    continue
                i = k + 1
                break
            row.append(unneutralise("".join(parts)))
        else:
            m = re.compile(r"[^,\r\n]*").match(text, i)
            raw = m.group(0)
            i = m.end()
            row.append(_number(raw, len(rows) + 1))
        if i >= n:
            rows.append(row)
            return rows
        if text[i] == ",":
            i += 1
            continue
        if text[i] in "\r\n":
            i += 2 if text.startswith("\r\n", i) else 1
            rows.append(row)
            row = []
            if i >= n:
                return rows
            continue
        raise SurveyError(f"CSV text: unexpected character {text[i]!r} after a quoted field on line {len(rows) + 1}")


def _number(raw: str, line: int) -> object:
    if raw == "":
        return None
    if not _NUMBER.match(raw):
        raise SurveyError(f"CSV text line {line}: unquoted field {raw!r} is not a number (expected a quoted text or a number)")
    return int(raw) if _INT.match(raw) else float(raw)


def read_csv_text(text: str) -> pd.DataFrame:
    """Read CSV text written by :func:`to_csv_text`: quoted fields are text, others numbers."""
    rows = _parse(text.removeprefix("\ufeff"))
    if not rows:
        return pd.DataFrame()
    header, body = rows[0], rows[1:]
    width = len(header)
    for k, r in enumerate(body, start=2):
        if len(r) != width:
            raise SurveyError(f"CSV text line {k}: {len(r)} fields (expected {width}, as in the header)")
    data = {}
    for j, name in enumerate(header):
        values = [r[j] for r in body]
        if values and all(isinstance(v, int) for v in values):
            data[j] = pd.Series(values, dtype="int64")
        elif values and all(isinstance(v, float) or v is None for v in values):
            data[j] = pd.Series(values, dtype="float64")
        else:  # text, or a mix: keep each value's own type
            data[j] = pd.Series(values, dtype=object)
    frame = pd.DataFrame(data)
    frame.columns = [str(h) for h in header]
    return frame


def read_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a CSV file written by :func:`write_csv`."""
    return read_csv_text(Path(path).read_bytes().decode("utf-8-sig"))
