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

    ``values``: float64 (n,) or (n, k) for expanded items; out-of-range codes kept, unknown labels NaN.
    ``bad``: positions of cells that do not fit, with ``bad_values`` (text) and ``bad_problems``.
    ``missing``: {declared missing code: count}. ``other``: "please specify" texts (object array) or None.
    """

    values: np.ndarray
    bad: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    bad_values: list = field(default_factory=list)
    bad_problems: list = field(default_factory=list)
    missing: dict = field(default_factory=dict)
    other: np.ndarray | None = None


def expected_text(item: Item, scale: Scale | None) -> str:
    """What would be accepted in a cell of this item (for messages)."""
    if item.type == "numeric":
        lo = "-inf" if item.min is None else f"{item.min:g}"
        hi = "inf" if item.max is None else f"{item.max:g}"
        return f"a number in [{lo}, {hi}]"
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


def _finish(values, kinds, problems_by_kind, source_values, missing_counts, other=None) -> Coded:
    bad = np.flatnonzero(kinds >= OUT_OF_RANGE)
    return _with_bad(Coded(values=values, missing=missing_counts, other=other), bad, kinds[bad], problems_by_kind, source_values[bad])


def _with_bad(coded: Coded, bad: np.ndarray, bad_kinds: np.ndarray, problems_by_kind, bad_source) -> Coded:
    """``coded`` with the cells that do not fit: positions, their values as read, and the problem."""
    if len(bad):
        coded.bad = bad
        coded.bad_values = [_cell_text(v) for v in bad_source]
        coded.bad_problems = [problems_by_kind(int(kind), v) for kind, v in zip(bad_kinds, coded.bad_values)]
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
    changed, unless its values already live in ``out``.
    """
    numeric_item = item.type == "numeric"

    def problem(kind: int, value: str) -> str:
        if numeric_item:
            return "not a number" if kind == UNKNOWN else f"outside [{item.min}, {item.max}]"
        return "unknown label" if kind == UNKNOWN else "code not in the scale"

    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype) and not isinstance(series.dtype, pd.CategoricalDtype):
        v = _as_float(series, out if out is not None else np.empty(len(series)))
        missing_counts = {}
        if numeric_item:
            bad_mask = np.zeros(len(v), bool)
            if item.min is not None:
                bad_mask |= v < item.min
            if item.max is not None:
                bad_mask |= v > item.max
            bad = np.flatnonzero(bad_mask)
        else:
            fits = np.isin(v, index.codes)
            fits |= np.isnan(v)
            miss = np.isin(v, index.missing_codes) if len(index.missing_codes) else None
            if miss is not None and miss.any():
                for code in index.missing_codes:
                    n = int(np.count_nonzero(v == code))
                    if n:
                        missing_counts[int(code)] = n
                fits |= miss
            bad = _EMPTY if fits.all() else np.flatnonzero(~fits)
            if missing_counts:
                v[miss] = np.nan  # out-of-range codes stay as read; only declared missing codes go
        return _with_bad(Coded(values=v, missing=missing_counts), bad, np.full(len(bad), OUT_OF_RANGE), problem, v[bad])

    fcodes, uniques, cells = _factorize(series)
    m = len(uniques)
    u_val = np.full(m + 1, np.nan)
    u_kind = np.full(m + 1, EMPTY, dtype=np.int8)  # index -1 (NaN cells) lands on the last slot
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
                u_kind[k] = UNKNOWN
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
        u_val[k] = np.nan if u_kind[k] == MISSING else number
    kinds = u_kind[fcodes]
    values = np.take(u_val, fcodes, out=out)
    missing_counts: dict[int, int] = {}
    miss_u = np.flatnonzero(u_kind[:m] == MISSING)
    if len(miss_u):
        counts = np.bincount(fcodes[fcodes >= 0], minlength=m)
        for k in miss_u:
            code = _missing_code_of(uniques[k], index)
            missing_counts[code] = missing_counts.get(code, 0) + int(counts[k])
    other = u_other[fcodes] if any_other else None
    return _finish(values, kinds, problem, cells, missing_counts, other)


def _missing_code_of(value, index: LabelIndex) -> int:
    if not isinstance(value, str):
        return int(value)
    number = parse_number(value)
    return int(number) if number is not None else int(index.lookup(value))


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
    miss_code = {}
    for k, u in enumerate(uniques):
        text = clean(_cell_text(u))
        if text == "":
            continue
        whole = parse_number(text)
        whole_code = int(whole) if whole is not None and whole.is_integer() else index.lookup(text)
        if whole_code is not None and whole_code in index.scale.missing:
            u_kind[k] = MISSING
            miss_code[k] = whole_code
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
    missing_counts: dict[int, int] = {}
    if miss_code:
        counts = np.bincount(fcodes[fcodes >= 0], minlength=m)
        for k, code in miss_code.items():
            missing_counts[code] = missing_counts.get(code, 0) + int(counts[k])
    other = u_other[fcodes] if any(v is not None for v in u_other) else None
    coded = Coded(values=values, missing=missing_counts, other=other)
    bad = np.flatnonzero(kinds >= OUT_OF_RANGE)
    if len(bad):
        coded.bad = bad
        coded.bad_values = [_cell_text(cells[i]) for i in bad]
        coded.bad_problems = [u_problem[fcodes[i]] for i in bad]
    return coded


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
            u_val[j] = number  # replaced by NaN below, after counting
        elif number in valid:
            u_kind[j] = OK
            u_val[j] = number
        else:
            u_kind[j] = OUT_OF_RANGE
            u_val[j] = number
    values = u_val[fcodes]
    kinds = u_kind[fcodes]
    missing_counts: dict[int, int] = {}
    miss = kinds == MISSING
    if miss.any():
        for value in np.unique(values[miss]):
            missing_counts[int(value)] = int(np.count_nonzero(values[miss] == value))
        values = np.where(miss, np.nan, values)
    return _finish(values, kinds, problem, cells, missing_counts)
