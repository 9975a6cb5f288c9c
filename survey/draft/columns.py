"""What the questionnaire drafter reads from an export: its question columns, their cells and value
labels, and the kind of answer each column holds.

The export is read through the loaders' own reader (:func:`survey.io.load.read_export`), so the
drafter sees the headers, question-text rows, metadata columns and SPSS labels exactly as
``load_responses`` will.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problem, ResponseDataError
from ..io.matching import QUALTRICS_OTHER
from .anchors import fit_anchor

__all__ = ["Column", "classify", "pair_labels", "read_columns", "split_parts"]

#: 问卷星 skip answers (text and code exports) -> the missing code they stand for
WJX_SKIP = {"(跳过)": -2, "跳过": -2, "-2": -2, "未显示": -3, "(未显示)": -3, "-3": -3}
_UNIT = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*([^\d\s.+-][^\d]{0,5})$")
_NUMBER_PREFIX = re.compile(r"^(?:第\s*\d+\s*题|\d+\s*[、.:)])\s*")
_OTHER_LABEL = re.compile(r"(其他|其它|other)(请注明|请说明|pleasespecify|具体内容|自填内容)?")


@dataclass
class Column:
    """One question column of an export, as the drafter sees it."""

    name: str
    text: str  # the question text: a second header row, an SPSS variable label, or the header
    values: list[str]  # the distinct non-empty cells as text (numbers without ".0"), in order of appearance, skip answers removed
    codes: np.ndarray  # each row's position in ``values`` (-1 if empty or skipped)
    value_labels: dict[int, str] = field(default_factory=dict)
    file_missing: dict[int, str] = field(default_factory=dict)
    number: str | None = None
    head: str = ""
    sub: str | None = None
    kind: str = ""
    units: Counter = field(default_factory=Counter)

    @classmethod
    def of_cells(cls, name: str, text: str, cells: list[str], **fields) -> Column:
        """A column from its cells as text ("" for empty)."""
        codes, values = pd.factorize(np.array([c or None for c in cells], dtype=object), use_na_sentinel=True)
        return cls(name, text, list(values), codes, **fields)

    @property
    def counts(self) -> Counter:
        """How often each distinct answer occurs, in order of appearance."""
        n = np.bincount(self.codes[self.codes >= 0], minlength=len(self.values))
        return Counter(dict(zip(self.values, n.tolist())))

    @property
    def n_answered(self) -> int:
        return int(np.count_nonzero(self.codes >= 0))

    @property
    def cells(self) -> list[str]:
        """The non-empty cells, row by row."""
        return np.array(self.values, dtype=object)[self.codes[self.codes >= 0]].tolist()

    def mapped(self, fn) -> np.ndarray:
        """``fn`` of each row's answer (NaN where empty), ``fn`` called once per distinct answer."""
        lookup = np.array([fn(v) for v in self.values] + [None], dtype=float)  # None -> NaN; code -1 takes the last
        return lookup[self.codes]

    @property
    def wording(self) -> str:
        """The header without its question number."""
        return _NUMBER_PREFIX.sub("", self.name) or self.name

    @property
    def question(self) -> str:
        """The question's words: the text row or variable label if there is one, else the header's."""
        return self.text if self.text and self.text != self.name else self.wording

    def row_label(self) -> str | None:
        """The matrix row: ``8、(住房补贴)`` or a Qualtrics ``question - row`` text."""
        if self.sub:
            return self.sub
        for sep in (" - ", "—", " – "):
            if sep in self.text:
                return self.text.rsplit(sep, 1)[1].strip()
        return None


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _distinct(values: pd.Series, skip: dict) -> tuple[list[str], np.ndarray]:
    """The distinct answers of a body column as clean text (skip answers and empty cells left out),
    and each row's position among them (-1 for none); worked out once per distinct cell."""
    from ..io.normalize import clean

    numeric = isinstance(values.dtype, np.dtype) and values.dtype.kind in "iuf"
    codes, uniques = pd.factorize(values.to_numpy() if numeric else values.to_numpy(dtype=object), use_na_sentinel=True)
    texts = [clean(t) for t in map(_cell_text, uniques.tolist())]
    kept = [t if t not in skip else "" for t in texts]
    distinct = list(dict.fromkeys(t for t in kept if t))
    position = {t: k for k, t in enumerate(distinct)}
    lookup = np.array([position.get(t, -1) for t in kept] + [-1], dtype=np.int64)  # code -1 (missing) -> -1
    return distinct, lookup[codes]


def read_columns(path: Path, format: str, encoding: str | None, sheet) -> tuple[object, pd.DataFrame, list[Column]]:
    """The export's layout, its body (as read) and its question columns (metadata and ids left out)."""
    from ..io.load import read_export, read_plain_body
    from ..io.normalize import clean, split_header

    table, layout, names = read_export(path, format, encoding=encoding, sheet=sheet)
    body = read_plain_body(table, layout, names, exclude={layout.id_column, *layout.meta})
    texts = layout.texts + [""] * (len(names) - len(layout.texts))
    skip = WJX_SKIP if layout.format.startswith("wjx") else {}
    columns = []
    for k, (name, text) in enumerate(zip(names, texts)):
        if name in layout.meta or name == layout.id_column:
            continue
        values, codes = _distinct(body[name], skip)
        if not layout.names[k] and not values:
            continue  # an unnamed empty column: the loader drops it
        number, head, sub = split_header(name) if layout.format != "sav" else (None, name, None)
        col = Column(name, clean(text) or name, values, codes, number=number, head=head, sub=sub)
        labels = table.value_labels.get(name) or {}
        missing = [lo for lo, hi in table.file_missing.get(name, []) if lo == hi and float(lo).is_integer()]
        col.value_labels = {int(c): str(v) for c, v in labels.items() if float(c).is_integer() and c not in missing}
        col.file_missing = {int(c): str(labels.get(c, "missing (declared in the file)")) for c in missing}
        columns.append(col)
    return layout, body, columns


def pair_labels(columns: list[Column], body: pd.DataFrame, layout, labels_path: Path, *, encoding: str | None, sheet) -> None:
    """Value labels from the text export of the same answers: each code takes the label it stands
    beside most often, respondent by respondent (matched by id when both files have one)."""
    from ..io.normalize import clean

    other_layout, other_body, _ = read_columns(labels_path, "auto", encoding, sheet)
    ids = layout.id_column
    if ids and other_layout.id_column == ids and body[ids].is_unique and other_body[ids].is_unique:
        left, right = body.set_index(ids, drop=False), other_body.set_index(ids, drop=False)
        common = left.index.intersection(right.index)
        left, right = left.loc[common], right.loc[common]
    elif len(body) == len(other_body):
        left, right = body, other_body
    else:
        raise ResponseDataError(
            f"{labels_path.name}: cannot pair its rows with the export's",
            [Problem(labels_path.name, f"{len(other_body)} rows and no shared id column (the export has {len(body)})",
                     "the text export of the same download, with 序号 or the same rows")],
        )
    skip_codes = set(WJX_SKIP.values()) if layout.format.startswith("wjx") else set()
    for col in columns:
        if col.name not in right.columns or col.value_labels:
            continue
        pairs: Counter = Counter()
        for code, label in zip(left[col.name].tolist(), right[col.name].tolist()):
            code, label = clean(_cell_text(code)), clean(_cell_text(label))
            if label and code != label and re.fullmatch(r"-?\d+", code) and int(code) not in skip_codes:
                pairs[(int(code), label)] += 1
        found: dict[int, str] = {}
        for (code, label), _ in pairs.most_common():
            found.setdefault(code, label)
        col.value_labels = dict(sorted(found.items()))


def split_parts(cells: list[str], separators: tuple[str, ...]) -> list[str]:
    """The answers of joined multiple-choice cells (``住房┋医疗``)."""
    pattern = "|".join(map(re.escape, separators))
    return [p.strip() for c in cells for p in re.split(pattern, c) if p.strip()]


def _is_other(col: Column) -> bool:
    from ..io.normalize import norm

    return bool(_OTHER_LABEL.fullmatch(norm(col.sub if col.sub else col.head)))


def classify(col: Column, *, fmt: str, separators: tuple[str, ...]) -> str:
    """What a column holds: personal, empty, choice, option (a 0/1 column of a multiple choice),
    other (the "please specify" text), numeric, joined (multiple answers in one cell) or text."""
    from ..io.metadata import looks_personal
    from ..io.normalize import parse_number

    if looks_personal(col.name) or (col.text != col.name and looks_personal(col.text)):
        return "personal"
    if not col.values:
        return "empty"
    if col.value_labels:
        return "choice"
    counts = col.counts
    distinct = set(counts)
    if fmt == "wjx_numeric" and col.name.startswith("第") and distinct <= {"0", "1"}:
        return "option"
    if QUALTRICS_OTHER.match(col.name) and fmt.startswith("qualtrics"):
        return "other"
    numbers = {c: parse_number(c) for c in distinct}
    if all(n is not None for n in numbers.values()):
        codes = len(distinct) <= 11 and all(n.is_integer() and 0 <= n <= 10 for n in numbers.values())
        return "choice" if codes and fmt != "wjx_text" else "numeric"  # a text export writes labels, so numbers are numbers
    units = {c: m for c, n in numbers.items() if n is None and (m := _UNIT.match(c))}
    if units and sum(counts[c] for c, n in numbers.items() if n is not None or c in units) >= 0.8 * col.n_answered:
        col.units = Counter()
        for c, m in units.items():
            col.units[m.group(2)] += counts[c]
        return "numeric"
    if _is_other(col):
        return "other"
    if separators and any(s in c for s in separators for c in distinct):
        parts = split_parts(col.cells, separators)
        # 问卷星's ┋ joins options and nothing else; a comma may be free text, where parts seldom repeat
        if any("┋" in c for c in distinct) or len(set(parts)) <= min(30, 0.3 * len(parts)):
            return "joined"
    if fit_anchor(counts) is not None or (len(distinct) <= 15 and len(distinct) <= 0.5 * col.n_answered):
        return "choice"
    return "text"
