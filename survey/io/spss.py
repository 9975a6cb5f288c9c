"""SPSS ``.sav``/``.zsav`` files through pyreadstat.

Read with ``user_missing=True`` so that user-missing values (e.g. 9 "Not answered") are seen: the
loader turns them into NaN itself and counts them, instead of pyreadstat dropping them silently.
Variable labels (item texts) and value labels (scale labels) are kept. Older Chinese files may need
``encoding="gbk"``; when the declared encoding fails, GB18030 is tried.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problem, ResponseDataError
from ..schema.spss import is_qualtrics_sav, sav_time_format
from .layout import Layout, generic_layout
from .normalize import clean
from .qualtrics import QUALTRICS_META
from .table import RawTable

#: Qualtrics field ids as SPSS variable names ("Duration (in seconds)" -> "Duration__in_seconds_")
_QUALTRICS_SAV_META = {re.sub(r"\W", "_", name): std for name, std in QUALTRICS_META.items()}

__all__ = ["layout", "read_sav"]


def _read(path: Path, encoding: str | None):
    import pyreadstat

    return pyreadstat.read_sav(str(path), user_missing=True, encoding=encoding)


def layout(records: list[list[str]], formats: dict[str, str]) -> Layout:
    """Names and variable labels; metadata: the generic names, the system variables of a Qualtrics
    export (its ``ResponseId`` the respondent id) and every date, date-time or time variable."""
    out = generic_layout(records, "sav", n_header=0, texts=[clean(t) for t in records[1]])
    if is_qualtrics_sav(out.names):
        out.meta = {name: _QUALTRICS_SAV_META[name] for name in out.names if name in _QUALTRICS_SAV_META}
        out.id_column = next(c for c, s in out.meta.items() if s == "respondent_id")
    for name in out.names:
        if sav_time_format(formats.get(name)):
            out.meta.setdefault(name, name)
    return out


def read_sav(path: Path, *, encoding: str | None = None) -> RawTable:
    """Read an SPSS file: codes as numbers, labels and declared user-missing values in the table's fields."""
    import pyreadstat

    used = encoding
    try:
        frame, meta = _read(path, encoding)
    except pyreadstat.ReadstatError as exc:
        message = str(exc).lower()
        if encoding is None and ("convert" in message or "encoding" in message):
            try:
                frame, meta = _read(path, "GB18030")
                used = "gb18030"
            except pyreadstat.ReadstatError:
                raise ResponseDataError(f"{path.name}: cannot read the SPSS file", [Problem(path.name, str(exc), "a valid .sav; try encoding='gbk'")]) from None
        else:
            raise ResponseDataError(f"{path.name}: cannot read the SPSS file", [Problem(path.name, str(exc), "a valid .sav or .zsav file")]) from None
    except Exception as exc:  # pyreadstat raises plain exceptions on some broken files
        raise ResponseDataError(f"{path.name}: cannot read the SPSS file", [Problem(path.name, f"{type(exc).__name__}: {exc}", "a valid .sav or .zsav file")]) from None

    file_missing: dict[str, list[tuple]] = {}
    for column, ranges in (meta.missing_ranges or {}).items():
        file_missing.setdefault(column, []).extend((r["lo"], r["hi"]) for r in ranges)
    for column, values in (getattr(meta, "missing_user_values", None) or {}).items():
        file_missing.setdefault(column, []).extend((v, v) for v in values)
    names = list(frame.columns)
    labels = meta.column_names_to_labels or {}
    records = [names, [labels.get(n) or n for n in names]]
    for column in frame.columns:  # string variables: pyreadstat gives "" for empty; keep text as object
        if frame[column].dtype != np.float64 and not pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].astype(object)

    def read_body(n_header: int, cols: list[str], coded: frozenset[str], labelled: frozenset[str] = frozenset(), into=None) -> pd.DataFrame:
        out = frame.copy(deep=False)
        out.columns = cols
        return out

    return RawTable(
        records=records,
        read_body=read_body,
        locate=lambda i: f"case {i + 1}",
        encoding=used or getattr(meta, "file_encoding", None),
        variable_labels=dict(labels),
        value_labels={k: dict(v) for k, v in (meta.variable_value_labels or {}).items()},
        file_missing=file_missing,
        variable_formats=dict(meta.original_variable_types or {}),
    )
