"""Building the item table: matched columns coded through the schema, problems collected, missing
codes counted (the loader's middle step)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np
import pandas as pd

from .._checks import shown
from ..errors import Problem, ResponseDataError
from ..prep.ledger import LedgerEntry
from ..schema.model import Questionnaire
from .coding import Coded, LabelIndex, code_column, code_joined, code_option, expected_text
from .layout import Layout
from .matching import Target, match_columns
from .messages import LoaderMessage
from .metadata import looks_personal
from .normalize import clean, parse_number
from .table import RawTable

__all__ = ["Assembly", "ItemBlock", "assemble_items", "assemble_plain"]

_CODED_TYPES = ("likert", "single", "numeric")
_IDENTIFIER_DIGITS = 11  # a mobile number; resident ID numbers have 15 or 18


def _text_series(series: pd.Series, index: pd.Index) -> pd.Series:
    values = series.to_numpy(dtype=object)
    out = pd.Series(values, index=index, dtype=object)
    out = out.where(out != "", None)
    return out.astype("str")


class Assembly:
    """State of one load: matches, problems, missing-code counts; turned into the Responses fields."""

    def __init__(self, questionnaire: Questionnaire | None, layout: Layout, *, on_invalid: str):
        self.q = questionnaire
        self.layout = layout
        self.on_invalid = on_invalid
        self.matched: dict[str, Target] = {}
        self.warnings: list[LoaderMessage] = []
        self.problems: list[Problem] = []
        self.invalid_rows: list[dict] = []
        self.missing: dict[tuple[str, float], int] = defaultdict(int)
        self.missing_at: dict[str, np.ndarray] = {}  # data column -> the declared missing code of each cell (NaN elsewhere)
        self.declared: set[str] = set()  # data columns with declared missing codes
        self.absent: list[str] = []  # items of the questionnaire with no column in the file
        self.file_declared: dict[str, list] = {}
        self.labels = {name: LabelIndex(scale) for name, scale in questionnaire.scales.items()} if questionnaire else {}

    # ---- matching -----------------------------------------------------------------------
    def match(
        self, candidates: list[str], texts: list[str], meta_cols: dict[str, str], *, generic: bool,
        bound: dict[str, Target] | None = None, repeated: frozenset[str] = frozenset(),
    ) -> None:
        """Match columns to items (``bound``: the items' column bindings; ``repeated``: columns under
        a header several columns share, matched only through a binding)."""
        matched, _, warns = match_columns(candidates, texts, self.q, bound=bound, repeated=repeated)
        if not generic:  # a platform's metadata column stays metadata, unless an item is bound to it
            matched = {c: t for c, t in matched.items() if c not in meta_cols or t.how == "column"}
        self.matched = matched
        self.warnings.extend(warns)

    def forget(self, column: str) -> None:
        self.matched.pop(column, None)

    def labelled_columns(self, records: list[list[str]], names: list[str], n_header: int) -> list[str]:
        """Coded columns whose first data rows hold labels (read as categorical: fast label coding)."""
        sample = records[n_header:]
        position = {name: k for k, name in enumerate(names)}
        out = []
        for column in self.coded_columns:
            k = position[column]
            values = [clean(row[k]) for row in sample if k < len(row)]
            if any(v and parse_number(v) is None for v in values):
                out.append(column)
        return out

    @property
    def coded_columns(self) -> list[str]:
        out = []
        for column, target in self.matched.items():
            item = self.q.item(target.item)
            if (target.kind == "item" and item.type in _CODED_TYPES) or target.kind == "option":
                out.append(column)
        return out

    def personal_columns(self, text_of: dict[str, str]) -> list[str]:
        if self.q is None:
            return []
        out = []
        flagged = set(self.q.personal_items)
        for column, target in self.matched.items():
            item = self.q.item(target.item)
            if item.type == "text" and (looks_personal(column) or looks_personal(text_of.get(column, ""))):
                flagged.add(item.id)
        for item in self.q.items:
            if item.id in flagged:
                out.append(item.id)
                out.append(f"{item.id}_other")
                if item.type in ("multiple", "ranking") and item.scale in self.q.scales:
                    out.extend(f"{item.id}_{c}" for c in self.q.scales[item.scale].codes)
        return out

    # ---- recording ------------------------------------------------------------------------
    def apply_file_missing(self, series: pd.Series, column: str, data_column: str, table: RawTable) -> pd.Series:
        ranges = table.file_missing.get(column)
        if not ranges:
            return series
        self.file_declared[data_column] = ranges
        if not pd.api.types.is_numeric_dtype(series.dtype):
            return series
        v = series.to_numpy(dtype=np.float64, na_value=np.nan)
        mask = np.zeros(len(v), dtype=bool)
        for lo, hi in ranges:
            mask |= (v >= lo) & (v <= hi)
        if not mask.any():
            return series
        values, counts = np.unique(v[mask], return_counts=True)
        for value, count in zip(values, counts):
            self.missing[(data_column, float(value))] += int(count)
        self.missing_at[data_column] = np.where(mask, v, np.nan)
        return pd.Series(np.where(mask, np.nan, v), index=series.index)

    def record(self, coded: Coded, data_column: str, header: str, index: pd.Index, locate: Callable[[int], str], expected: str) -> None:
        for code, count in coded.missing.items():
            self.missing[(data_column, float(code))] += count
        if coded.missing_codes is not None:
            self.note_missing_codes(data_column, coded.missing_codes)
        for i, value, problem in zip(coded.bad, coded.bad_values, coded.bad_problems):
            label = index[int(i)]
            where = locate(int(i))
            self.invalid_rows.append({"row": label, "column": data_column, "value": value, "problem": problem, "where": where, "header": header})
            self.problems.append(Problem(f"{where} (respondent {shown(label)}), column {header!r}", f"value {shown(value)}: {problem}", expected))

    def note_missing_codes(self, data_column: str, codes: np.ndarray) -> None:
        """Keep where ``data_column``'s cells held a declared missing code (``codes``: NaN elsewhere)."""
        before = self.missing_at.get(data_column)
        self.missing_at[data_column] = codes if before is None else np.where(np.isnan(codes), before, codes)

    # ---- results -------------------------------------------------------------------------
    def missing_codes_frame(self, index: pd.Index) -> pd.DataFrame:
        """The declared missing code of every cell that held one (NaN elsewhere): one column per
        data column with any."""
        return pd.DataFrame(self.missing_at, index=index, dtype="float64")

    def invalid_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.invalid_rows, columns=["row", "column", "value", "problem", "where", "header"])

    def missing_frame(self) -> pd.DataFrame:
        rows = [{"column": c, "code": int(code) if float(code).is_integer() else code, "count": n} for (c, code), n in self.missing.items() if n]
        return pd.DataFrame(rows, columns=["column", "code", "count"])

    def ledger_entries(self) -> list[LedgerEntry]:
        entries = []
        total = sum(self.missing.values())
        if total or self.declared or self.file_declared:
            parts = [f"{c}: {int(code) if float(code).is_integer() else code}×{n}" for (c, code), n in self.missing.items() if n]
            detail = f"{total} cell(s) with a declared missing code set to missing"
            if parts:
                detail += " (" + ", ".join(parts[:20]) + (", …" if len(parts) > 20 else "") + ")"
            if self.file_declared:
                example = next(iter(self.file_declared.items()))
                ranges = ", ".join(f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}" for lo, hi in example[1])
                detail += f"; the file declares user-missing values for {len(self.file_declared)} variable(s), e.g. {example[0]}: {ranges}"
            entries.append(LedgerEntry("missing_codes", "declared missing codes", detail, (), total))
        if self.invalid_rows:
            rows = tuple(dict.fromkeys(r["row"] for r in self.invalid_rows))
            by_column = pd.Series([r["column"] for r in self.invalid_rows]).value_counts(sort=False)
            parts = [f"{c}×{n}" for c, n in by_column.items()]
            where = ", ".join(parts[:20]) + (", …" if len(parts) > 20 else "")
            entries.append(
                LedgerEntry(
                    "invalid_cells",
                    "on_invalid='flag'",
                    f"{len(self.invalid_rows)} cell(s) do not fit the questionnaire and are set missing ({where}); "
                    "the values as read are listed in Responses.invalid",
                    rows,
                    len(self.invalid_rows),
                )
            )
        return entries


def _by_item(matched: dict[str, Target]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for column, target in matched.items():
        slot = out.setdefault(target.item, {"item": None, "options": {}, "other": None})
        if target.kind == "option":
            slot["options"][target.code] = column
        elif target.kind == "other":
            slot["other"] = column
        else:
            slot["item"] = column
    return out


def _item_columns(item, scale) -> tuple[list[str], bool]:
    """The data columns of one item, and whether they hold codes (float) rather than text."""
    expanded = item.type in ("multiple", "ranking") and scale is not None
    if expanded:
        return [f"{item.id}_{c}" for c in scale.codes], True
    return [item.id], item.type in _CODED_TYPES


class ItemBlock:
    """Where the coded columns of the item table go: one float block, a row per data column.

    pandas stores a block column-major (one row per column), so a table of codes built on it is a
    single block with no consolidating copy: row selection in screening and bootstraps moves one
    array. A reader may write numbers straight into the rows of the block
    (:meth:`destinations`); the coder then finds them in place.
    """

    def __init__(self, assembly: Assembly):
        q = assembly.q
        self.layout = {item.id: _item_columns(item, q.scales.get(item.scale) if item.scale else None) for item in q.items}
        self.names = [name for names, coded in self.layout.values() if coded for name in names]
        self.row_of = {name: j for j, name in enumerate(self.names)}
        self.sources = {
            column: self.row_of[target.item]
            for column, target in assembly.matched.items()
            if target.kind == "item" and self.layout[target.item] == ([target.item], True)
        }
        self.block: np.ndarray | None = None

    def destinations(self, n: int) -> dict[str, np.ndarray]:
        """Rows of a new block of ``n`` respondents, by the file column that fills each."""
        self.block = np.empty((len(self.names), n))
        return {column: self.block[row] for column, row in self.sources.items()}

    def rows(self, n: int) -> np.ndarray:
        """The block for ``n`` respondents (a new one unless a reader filled one of that size)."""
        if self.block is None or self.block.shape[1] != n:
            self.block = np.empty((len(self.names), n))
        return self.block


def assemble_items(assembly: Assembly, body: pd.DataFrame, index: pd.Index, locate, table: RawTable, *, where: str, items: ItemBlock | None = None) -> pd.DataFrame:
    """One column per item id (multiple/ranking items: one per option) coded through the schema,
    the coded columns in one float block (:class:`ItemBlock`)."""
    q = assembly.q
    n = len(body)
    slots = _by_item(assembly.matched)
    items = items if items is not None else ItemBlock(assembly)
    layout, float_names, row_of = items.layout, items.names, items.row_of
    block = items.rows(n)
    columns: dict[str, object] = {}
    absent = assembly.absent
    for item in q.items:
        slot = slots.get(item.id)
        scale = q.scales.get(item.scale) if item.scale else None
        labels = assembly.labels.get(item.scale) if item.scale else None
        expected = expected_text(item, scale)
        if scale is not None and scale.missing:
            assembly.declared.add(item.id)
        names, coded_item = layout[item.id]
        expanded = names != [item.id]
        if coded_item:
            rows = block[row_of[names[0]] : row_of[names[-1]] + 1]  # the item's columns, one row each
            if slot is None or slot["item"] is None or slot["options"]:
                rows[:] = np.nan  # only a single source column has every cell written below
        if slot is None:
            absent.append(item.id)
            for name in names:
                columns[name] = block[row_of[name]] if coded_item else pd.Series([None] * n, index=index, dtype="str")
            continue
        other = None
        if not coded_item:
            columns[item.id] = _text_series(body[slot["item"]], index) if slot["item"] else pd.Series([None] * n, index=index, dtype="str")
        elif not expanded:
            columns[item.id] = block[row_of[item.id]]
            if slot["item"] is not None:
                series = assembly.apply_file_missing(body[slot["item"]], slot["item"], item.id, table)
                coded = code_column(series, item, labels, out=columns[item.id])
                assembly.record(coded, item.id, slot["item"], index, locate, expected)
                other = coded.other
        else:
            ranking = item.type == "ranking"
            if slot["item"] is not None and slot["options"]:
                assembly.problems.append(Problem(f"{where} columns {slot['item']!r} and {sorted(slot['options'].values())}", f"item {item.id!r} is both in one column and split into option columns", "one layout per item"))
                continue
            if slot["item"] is not None:
                seps = assembly.layout.rank_separators if ranking else assembly.layout.multi_separators
                coded = code_joined(body[slot["item"]], item, labels, seps, ranking=ranking)
                assembly.record(coded, item.id, slot["item"], index, locate, expected)
                codes = assembly.missing_at.pop(item.id, None)
                if codes is not None:  # a declared missing code in the one column stands for every option
                    assembly.missing_at.update(dict.fromkeys(names, codes))
                rows[:] = coded.values.T
                other = coded.other
            else:
                flagged = np.zeros(rows.shape, dtype=bool)
                for j, code in enumerate(scale.codes):
                    column = slot["options"].get(code)
                    if column is None:
                        continue
                    series = assembly.apply_file_missing(body[column], column, names[j], table)
                    coded = code_option(series, item, labels, code, ranking=ranking)
                    assembly.record(coded, names[j], column, index, locate, "0/1 or the option's label" if not ranking else f"a rank 1..{len(names)}")
                    rows[j] = coded.values
                    flagged[j, coded.bad] = True
                if not ranking and slot["options"]:  # an empty option cell in a row with a choice is "not chosen"
                    chosen = np.nansum(rows == 1, axis=0) > 0
                    rows[chosen[None, :] & np.isnan(rows) & ~flagged] = 0.0  # an invalid cell stays missing
            for j, name in enumerate(names):
                columns[name] = rows[j]
        if slot["other"] is not None:
            columns[f"{item.id}_other"] = _text_series(body[slot["other"]], index)
        elif other is not None:
            columns[f"{item.id}_other"] = pd.Series(other, index=index, dtype=object).astype("str")
    if assembly.problems and assembly.on_invalid == "raise":
        raise ResponseDataError(f"{where}: {len(assembly.problems)} cell(s) do not fit questionnaire {q.id!r}", assembly.problems)
    structural = [p for p in assembly.problems if p.what.startswith("item ")]
    if structural:
        raise ResponseDataError(f"{where}: the columns do not fit questionnaire {q.id!r}", structural)
    if len(columns) == len(float_names):  # codes only: the block is the table
        return pd.DataFrame(block.T, index=index, columns=float_names, copy=False)
    return pd.DataFrame(columns, index=index, copy=False)  # with text columns: no copy, a block per column


def _looks_like_identifier(text: str) -> bool:
    """Whether a number-like cell is an identifier rather than a quantity: digits with a leading
    zero (``"00123"``), or a whole number of 11 digits or more (phone and resident ID numbers, whose
    last digits a float64 cannot keep).

    >>> [_looks_like_identifier(t) for t in ("00123", "13800138000", "+8613800138000", "110105198503150027", "5", "0.5", "10000000000.5")]
    [True, True, True, True, False, False, False]
    """
    body = text.lstrip("+-")
    if len(body) > 1 and body[0] == "0" and body[1].isdigit():
        return True
    return len(body) >= _IDENTIFIER_DIGITS and body.isdigit()


def _as_number_column(series: pd.Series) -> np.ndarray | None:
    """float64 values when every non-empty cell is a number and none looks like an identifier, else None."""
    cells = series.to_numpy(dtype=object)
    fcodes, uniques = pd.factorize(cells, use_na_sentinel=True)
    lut = np.full(len(uniques) + 1, np.nan)
    for k, u in enumerate(uniques):
        text = clean(u) if isinstance(u, str) else str(u)
        if text == "":
            continue
        number = parse_number(text)
        if number is None or _looks_like_identifier(text):
            return None
        lut[k] = number
    return lut[fcodes]


def assemble_plain(assembly: Assembly, body: pd.DataFrame, index: pd.Index, table: RawTable) -> pd.DataFrame:
    """Without a questionnaire: columns as in the file; numeric-looking columns as float64."""
    columns = {}
    for column in body.columns:
        series = assembly.apply_file_missing(body[column], column, column, table)
        if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
            columns[column] = series.to_numpy(dtype=np.float64, na_value=np.nan)
            continue
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            columns[column] = series.to_numpy()
            continue
        numbers = _as_number_column(series)
        columns[column] = numbers if numbers is not None else _text_series(series, index)
    frame = pd.DataFrame(columns, index=index)
    if table.variable_labels or table.value_labels:
        frame.attrs["variable_labels"] = {c: table.variable_labels[c] for c in frame.columns if table.variable_labels.get(c)}
        frame.attrs["value_labels"] = {c: table.value_labels[c] for c in frame.columns if c in table.value_labels}
    return frame
