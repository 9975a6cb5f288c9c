"""Turning cells into codes through the schema, one column at a time, vectorised.

A column is factorised (each distinct cell text once); only the distinct values go through Python
(number parsing, label look-up, padding and full-width variants), and a look-up table maps them back
to every cell. Columns pandas already parsed as numbers skip even that. Cells that do not fit are
found with masks and returned with their positions, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._checks import shown
from ..schema.model import Item, Scale
from .normalize import clean, norm, parse_number

__all__ = ["Coded", "LabelIndex", "code_column", "code_joined", "code_option", "expected_text"]

OK, EMPTY, MISSING, OUT_OF_RANGE, UNKNOWN = 0, 1, 2, 3, 4
_EMPTY = np.zeros(0, dtype=np.int64)
_OTHER_TEXT = re.compile(r"^(.*?)\s*[〖【\[]([^〖〗【】\[\]]*)[〗】\]]\s*$", re.S)


class LabelIndex:
    """Label -> code look-up for one scale: exact, then NFKC/stripped, then normalised (if unambiguous)."""

    def __init__(self, scale: Scale):
        self.scale = scale
        self.codes = np.array(scale.codes, dtype=np.float64)
        self.missing_codes = np.array(sorted(scale.missing), dtype=np.float64)
        self._exact: dict[str, int] = {}
        self._norm: dict[str, int | None] = {}
        for table in (scale.labels, scale.missing):
            for code, text in table.items():
                for label in (text.zh, text.en):
                    if not label:
                        continue
                    self._exact.setdefault(clean(label), code)
                    key = norm(label)
                    if key in self._norm and self._norm[key] != code:
                        self._norm[key] = None  # two codes share a normalised label: only exact matches count
                    else:
                        self._norm[key] = code
        for code, name in scale.names.items():  # an export's choice names (XLSForm) stand for their codes
            self._exact[clean(name)] = code

    def lookup(self, text: str) -> int | None:
        text = clean(text)
        if text in self._exact:
            return self._exact[text]
        code = self._norm.get(norm(text))
        return code

    def classify_code(self, value: float) -> int:
        if value in self.scale.labels:
            return OK
        if value in self.scale.missing:
            return MISSING
        return OUT_OF_RANGE


@dataclass
class Coded:
    """The coded values of one source column and what did not fit.

    ``values``: float64 (n,) or (n, k) for expanded items; cells that do not fit are NaN, so that
    no statistic ever sees them. ``bad``: their positions, with ``bad_values`` (the cells as read,
    as text) and ``bad_problems``.
    ``missing``: {declared missing code: count}; ``missing_codes``: the declared missing code each
    cell held (float64 (n,), NaN elsewhere), None when there was none. ``other``: "please specify"
    texts (object array) or None.
    """

    values: np.ndarray
    bad: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    bad_values: list = field(default_factory=list)
    bad_problems: list = field(default_factory=list)
    missing: dict = field(default_factory=dict)
    other: np.ndarray | None = None
    missing_codes: np.ndarray | None = None


def expected_text(item: Item, scale: Scale | None) -> str:
    """What would be accepted in a cell of this item (for messages)."""
    if item.type == "numeric":
        lo = "-inf" if item.min is None else f"{item.min:g}"
        hi = "inf" if item.max is None else f"{item.max:g}"
        text = f"a number in [{lo}, {hi}]"
        return text + f"; missing codes {sorted(item.missing)}" if item.missing else text
    if scale is None:
        return "text"
    codes = list(scale.codes)
    labels = [scale.labels[c].get("zh") for c in codes]
    text = f"codes {codes} or labels {labels}"
    if scale.missing:
        text += f"; missing codes {sorted(scale.missing)}"
    return text


class _CellsOf:
    """Cells of a categorical column, materialised only where asked (``cells[positions]``)."""

    def __init__(self, codes: np.ndarray, uniques: np.ndarray):
        self.codes, self.uniques = codes, np.append(uniques, None)  # code -1 -> None

    def __getitem__(self, positions):
        return self.uniques[self.codes[positions]]


def _factorize(series: pd.Series):
    """(codes, uniques, cells): categorical columns use their own codes (no hashing)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy(dtype=np.int64)
        uniques = np.asarray(series.cat.categories, dtype=object)
        return codes, uniques, _CellsOf(codes, uniques)
    cells = series.to_numpy(dtype=object)
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    return codes, uniques, cells


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _finish(values, kinds, problems_by_kind, source_values, missing_codes, other=None) -> Coded:
    bad = np.flatnonzero(kinds >= OUT_OF_RANGE)
    return _with_bad(_with_missing(values, missing_codes, other=other), bad, kinds[bad], problems_by_kind, source_values[bad])


def _with_missing(values: np.ndarray, missing_codes: np.ndarray | None, *, other=None) -> Coded:
    """``values`` with their declared missing codes (``missing_codes``: the code per cell, NaN
    elsewhere, or None) counted and recorded, and those cells set missing."""
    if missing_codes is None:
        return Coded(values=values, other=other)
    held = ~np.isnan(missing_codes)
    if not held.any():
        return Coded(values=values, other=other)
    codes, counts = np.unique(missing_codes[held], return_counts=True)
    values[held] = np.nan
    return Coded(values=values, missing={int(c): int(n) for c, n in zip(codes, counts)}, other=other, missing_codes=missing_codes)


def _declared_codes(item: Item, index: LabelIndex | None) -> np.ndarray:
    """The declared missing codes of an item: its scale's, or a numeric item's own."""
    return index.missing_codes if index is not None else np.array(sorted(item.missing), dtype=np.float64)


def _with_bad(coded: Coded, bad: np.ndarray, bad_kinds: np.ndarray, problems_by_kind, bad_source) -> Coded:
    """``coded`` with the cells that do not fit: positions, their values as read, and the problem;
    the cells themselves become missing."""
    if len(bad):
        coded.bad = bad
        coded.bad_values = [_cell_text(v) for v in bad_source]
        coded.bad_problems = [problems_by_kind(int(kind), v) for kind, v in zip(bad_kinds, coded.bad_values)]
        coded.values[bad] = np.nan
    return coded


def _as_float(series: pd.Series, out: np.ndarray) -> np.ndarray:
    """The numeric column as float64 in ``out`` (one pass, none if a reader put it there already)."""
    if isinstance(series.dtype, np.dtype):
        source = series.to_numpy()
        if not _same_array(source, out):
            np.copyto(out, source)
    else:
        out[:] = series.to_numpy(dtype=np.float64, na_value=np.nan)  # nullable integers from SPSS/Excel
    return out


def _same_array(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.strides == b.strides and a.ctypes.data == b.ctypes.data


def code_column(series: pd.Series, item: Item, index: LabelIndex | None, *, out: np.ndarray | None = None) -> Coded:
    """Code a single-value column (likert, single choice, numeric) of ``item``.

    ``out``, a float64 array of the column's length, receives the values (the loader passes a row
    of the item block, so the column is written once); by default a new array. ``series`` is not
    changed, unless its values already live in ``out``. A numeric item's own ``missing`` codes (or
    their labels) are declared missing codes like a scale's, and win over ``min``/``max``.
    """
    numeric_item = item.type == "numeric"
    declared = _declared_codes(item, index)

    def problem(kind: int, value: str) -> str:
        if numeric_item:
            return "not a number" if kind == UNKNOWN else f"outside [{shown(item.min)}, {shown(item.max)}]"
        return "unknown label" if kind == UNKNOWN else "code not in the scale"

    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype) and not isinstance(series.dtype, pd.CategoricalDtype):
        v = _as_float(series, out if out is not None else np.empty(len(series)))
        miss = np.isin(v, declared) if len(declared) else None
        if numeric_item:
            fits = ~(v < item.min) if item.min is not None else np.ones(len(v), bool)
            if item.max is not None:
                fits &= ~(v > item.max)
        else:
            fits = np.isin(v, index.codes)
            fits |= np.isnan(v)
        if miss is not None:
            fits |= miss
        bad = _EMPTY if fits.all() else np.flatnonzero(~fits)
        codes = np.where(miss, v, np.nan) if miss is not None and miss.any() else None
        return _with_bad(_with_missing(v, codes), bad, np.full(len(bad), OUT_OF_RANGE), problem, v[bad])

    missing_labels = {clean(t): code for code, text in item.missing.items() for t in (text.zh, text.en) if t} if numeric_item else {}
    fcodes, uniques, cells = _factorize(series)
    m = len(uniques)
    u_val = np.full(m + 1, np.nan)
    u_kind = np.full(m + 1, EMPTY, dtype=np.int8)  # index -1 (NaN cells) lands on the last slot
    u_code = np.full(m + 1, np.nan)  # the declared missing code of a distinct value
    u_other = np.full(m + 1, None, dtype=object)
    any_other = False
    for k, u in enumerate(uniques):
        if isinstance(u, (int, float, np.integer, np.floating)) and not isinstance(u, bool):
            text = None
            number = float(u)
        else:
            text = clean(str(u))
            if text == "":
                continue
            number = parse_number(text)
        if numeric_item:
            if number is None:
                number = missing_labels.get(text)
            if number is None:
                u_kind[k] = UNKNOWN
            elif number in item.missing:
                u_kind[k], u_code[k] = MISSING, number
            else:
                u_val[k] = number
                low = item.min is not None and number < item.min
                high = item.max is not None and number > item.max
                u_kind[k] = OUT_OF_RANGE if (low or high) else OK
            continue
        if number is None:
            code = index.lookup(text)
            if code is None:
                m_other = _OTHER_TEXT.match(text)
                if m_other:
                    code = index.lookup(m_other.group(1))
                    if code is not None:
                        u_other[k] = m_other.group(2).strip()
                        any_other = True
            if code is None:
                u_kind[k] = UNKNOWN
                continue
            number = float(code)
        u_kind[k] = index.classify_code(number)
        if u_kind[k] == MISSING:
            u_code[k] = number
        else:
            u_val[k] = number
    kinds = u_kind[fcodes]
    values = np.take(u_val, fcodes, out=out)
    codes = u_code[fcodes] if (u_kind[:m] == MISSING).any() else None
    other = u_other[fcodes] if any_other else None
    return _finish(values, kinds, problem, cells, codes, other)


def _part_code(part: str, index: LabelIndex) -> tuple[int | None, str | None]:
    """One option of a joined answer -> (code or None, specify-text or None)."""
    number = parse_number(part)
    if number is not None:
        return (int(number) if number in index.scale.labels else None), None
    code = index.lookup(part)
    if code is not None and code in index.scale.labels:
        return code, None
    m = _OTHER_TEXT.match(clean(part))
    if m:
        code = index.lookup(m.group(1))
        if code is not None and code in index.scale.labels:
            return code, m.group(2).strip()
    return None, None


def code_joined(series: pd.Series, item: Item, index: LabelIndex, separators: tuple[str, ...], *, ranking: bool) -> Coded:
    """Code a multiple-choice ("A┋B") or ranking ("A→B→C") answer held in one column.

    Returns ``values`` of shape (n, k), one column per scale code: 0/1 for multiple choice, the
    rank (1 = first) for ranking; a row is NaN when the question was not answered.
    """
    codes = list(index.scale.codes)
    position = {c: j for j, c in enumerate(codes)}
    fcodes, uniques, cells = _factorize(series)
    m = len(uniques)
    table = np.full((m + 1, len(codes)), np.nan)
    u_kind = np.full(m + 1, EMPTY, dtype=np.int8)
    u_problem = [""] * (m + 1)
    u_other = np.full(m + 1, None, dtype=object)
    u_code = np.full(m + 1, np.nan)  # the declared missing code of a distinct answer
    for k, u in enumerate(uniques):
        text = clean(_cell_text(u))
        if text == "":
            continue
        whole = parse_number(text)
        whole_code = int(whole) if whole is not None and whole.is_integer() else index.lookup(text)
        if whole_code is not None and whole_code in index.scale.missing:
            u_kind[k], u_code[k] = MISSING, whole_code
            continue
        sep = next((s for s in separators if s in text), None)
        parts = [p for p in (text.split(sep) if sep else [text])]
        if sep is None and index.scale.names and whole_code is None:
            parts = text.split()  # choice names (XLSForm), joined by spaces as ODK writes them
        row = np.zeros(len(codes)) if not ranking else np.full(len(codes), np.nan)
        unknown = []
        for rank, part in enumerate(parts, start=1):
            if not part.strip():
                continue
            code, specify = _part_code(part, index)
            if code is None:
                unknown.append(part.strip())
                continue
            row[position[code]] = rank if ranking else 1
            if specify:
                u_other[k] = specify
        table[k] = row
        if unknown:
            u_kind[k] = UNKNOWN
            u_problem[k] = f"unknown option(s) {unknown}"
        else:
            u_kind[k] = OK
    values = table[fcodes]
    kinds = u_kind[fcodes]
    codes = u_code[fcodes] if (u_kind[:m] == MISSING).any() else None
    other = u_other[fcodes] if any(v is not None for v in u_other) else None
    bad = np.flatnonzero(kinds >= OUT_OF_RANGE)
    return _with_bad(_with_missing(values, codes, other=other), bad, fcodes[bad], lambda k, _: u_problem[k], cells[bad])


def code_option(series: pd.Series, item: Item, index: LabelIndex, code: int, *, ranking: bool) -> Coded:
    """Code one option column of a split multiple-choice (0/1, or the option's label when chosen)
    or ranking (rank number) question."""
    k = len(index.scale.codes)
    label_index = index
    valid = np.arange(1, k + 1, dtype=np.float64) if ranking else np.array([0.0, 1.0])

    def problem(kind: int, value: str) -> str:
        return f"not a rank 1..{k}" if ranking else "not 0/1 or the option's label"

    if pd.api.types.is_numeric_dtype(series.dtype) and not isinstance(series.dtype, pd.CategoricalDtype):
        cells = series.to_numpy(dtype=np.float64, na_value=np.nan)
        fcodes, uniques = pd.factorize(cells, use_na_sentinel=True)
    else:
        fcodes, uniques, cells = _factorize(series)
    m = len(uniques)
    u_val = np.full(m + 1, np.nan)
    u_kind = np.full(m + 1, EMPTY, dtype=np.int8)
    for j, u in enumerate(uniques):
        text = clean(_cell_text(u))
        if text == "":
            continue
        number = parse_number(text)
        if number is None:
            found = label_index.lookup(text)
            if found == code and not ranking:
                number = 1.0
            elif found is not None and found in index.scale.missing:
                number = float(found)
        if number is None:
            u_kind[j] = UNKNOWN
        elif number in index.scale.missing:
            u_kind[j] = MISSING
            u_val[j] = number  # moved to the missing codes below
        elif number in valid:
            u_kind[j] = OK
            u_val[j] = number
        else:
            u_kind[j] = OUT_OF_RANGE
            u_val[j] = number
    values = u_val[fcodes]
    kinds = u_kind[fcodes]
    miss = kinds == MISSING
    return _finish(values, kinds, problem, cells, np.where(miss, values, np.nan) if miss.any() else None)
