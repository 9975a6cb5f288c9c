"""Drafting a questionnaire from an export (``survey init``): a start the user edits, never a guess applied.

What the export shows becomes a :class:`DraftQuestionnaire` whose :meth:`~DraftQuestionnaire.to_yaml`
writes commented YAML that ``survey validate`` accepts and that loads the same export with every
column matched:

* **metadata and ids** (序号, 提交答卷时间, ResponseId, IP …) stay metadata; columns whose header
  names personal data (姓名, 手机, e-mail …) become ``text`` items marked ``personal``.
* **questions** from the headers: 问卷星 ``8、(政策宣传解读)`` (number 8, matrix row), ``第6题(住房)``
  (an option of a multiple-choice question), Qualtrics ``Q3_2`` with its text row, SPSS variable labels.
* **codes and labels**: from value labels (an SPSS file, or the text export paired with the numeric
  one through ``labels=``); else from a known anchor set (非常不满意…非常满意, 非常不同意…非常同意,
  从不…总是, 1分…5分, Strongly disagree…Strongly agree …) in its natural order; else in order of
  first appearance, marked ``TODO check order``. Labels outside an anchor set are listed, not coded.
* **kinds**: single choice, multiple choice (0/1 option columns or joined text), matrix/Likert
  blocks, "other (please specify)" text, open text, numeric fill-ins (unit text such as "45岁" is
  reported: such cells are flagged when loading), demographics (性别, 年龄, 学历 …).
* **constructs**: each Likert block is proposed as a candidate construct for the user to name;
  an item whose corrected item–total correlation within its block is negative is flagged as a
  reverse-key candidate in a comment. Nothing is reversed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic import PrivateAttr

from .model import _ID_PATTERN, AttentionCheck, Construct, Item, Questionnaire, Scale, Text

__all__ = ["ANCHORS", "Anchor", "DraftQuestionnaire", "draft_questionnaire", "fit_anchor"]


# ---------------------------------------------------------------------------- anchor sets
@dataclass(frozen=True)
class Anchor:
    """A known response scale: per code (1, 2, …) the accepted Chinese and English labels, canonical first."""

    name: str
    points: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    ordered: bool = True

    def code(self, label: str) -> int | None:
        key = _key(label)
        for code, (zh, en) in enumerate(self.points, start=1):
            if key in {_key(x) for x in zh + en}:
                return code
        return None

    def text(self, code: int, seen: str | None) -> Text:
        zh, en = self.points[code - 1]
        if seen is not None and _key(seen) in {_key(x) for x in en}:
            return Text(zh=zh[0], en=seen)
        return Text(zh=seen or zh[0], en=en[0])


_MID_ZH = ("一般", "中立", "不确定", "说不清", "中等")
ANCHORS: tuple[Anchor, ...] = (
    Anchor("satisfaction", ((("非常不满意",), ("very dissatisfied", "extremely dissatisfied")), (("不满意", "比较不满意"), ("dissatisfied", "somewhat dissatisfied")),
                            (_MID_ZH, ("neutral", "neither satisfied nor dissatisfied")), (("满意", "比较满意"), ("satisfied", "somewhat satisfied")),
                            (("非常满意",), ("very satisfied", "extremely satisfied")))),
    Anchor("agreement", ((("非常不同意",), ("strongly disagree",)), (("不同意", "比较不同意"), ("disagree", "somewhat disagree")),
                         (_MID_ZH, ("neither agree nor disagree", "neutral", "neither")), (("同意", "比较同意"), ("agree", "somewhat agree")),
                         (("非常同意",), ("strongly agree",)))),
    Anchor("frequency", ((("从不",), ("never",)), (("很少", "偶尔"), ("rarely",)), (("有时",), ("sometimes",)),
                         (("经常",), ("often",)), (("总是",), ("always",)))),
    Anchor("importance", ((("完全不重要", "非常不重要"), ("not at all important",)), (("不太重要", "不重要"), ("slightly important",)),
                          (("一般重要", "一般"), ("moderately important",)), (("比较重要", "重要"), ("very important",)),
                          (("非常重要",), ("extremely important",)))),
    Anchor("conformity", ((("完全不符合", "非常不符合"), ("not at all true",)), (("不太符合", "比较不符合"), ("slightly true",)),
                          (_MID_ZH, ("moderately true",)), (("比较符合", "符合"), ("very true",)), (("完全符合", "非常符合"), ("completely true",)))),
    Anchor("kano", ((("我喜欢",), ("I like it",)), (("理所当然",), ("I expect it",)), (("无所谓",), ("I am neutral",)),
                    (("能忍受",), ("I can live with it",)), (("我不喜欢",), ("I dislike it",))), ordered=False),
)
_POINTS = re.compile(r"^(\d{1,2})\s*分$")
_COVER = 0.95  # an anchor set is taken when its labels cover this share of the answers


def _key(label: str) -> str:
    from ..io.normalize import norm

    return norm(label)


def fit_anchor(counts: dict[str, int]) -> tuple[str, dict[int, Text], list[str]] | None:
    """The known anchor set that fits the answers ``{label: count}``, as (name, labels, labels left out).

    A set fits when at least two of its points are seen, no two labels fall on one point, and its
    labels cover 95% of the answers; labels outside it are returned (they are not coded). "1分 …
    5分" gives the numbers as codes.

    >>> name, labels, left = fit_anchor({"满意": 40, "非常不满意": 3, "一般": 20, "很满意": 1})
    >>> name, {k: v.zh for k, v in labels.items()}, left
    ('satisfaction', {1: '非常不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意'}, ['很满意'])
    """
    total = sum(counts.values())
    points = {label: int(m.group(1)) for label in counts if (m := _POINTS.match(label.strip()))}
    if len(points) >= 2 and sum(counts[label] for label in points) >= _COVER * total:
        top = max(points.values())
        seen = {code: label for label, code in points.items()}
        return "points", {c: Text(zh=seen.get(c, f"{c}分"), en=f"{c} points") for c in range(1 if min(points.values()) >= 1 else 0, top + 1)}, sorted(set(counts) - set(points))
    best = None
    for anchor in ANCHORS:
        mapping = {label: code for label in counts if (code := anchor.code(label)) is not None}
        if len(mapping) < 2 or len(set(mapping.values())) != len(mapping):
            continue
        covered = sum(counts[label] for label in mapping)
        if covered >= _COVER * total and (best is None or (covered, len(mapping)) > best[0]):
            best = ((covered, len(mapping)), anchor, mapping)
    if best is None:
        return None
    _, anchor, mapping = best
    seen = {code: label for label, code in mapping.items()}
    labels = {code: anchor.text(code, seen.get(code)) for code in range(1, len(anchor.points) + 1)}
    return anchor.name, labels, [label for label in counts if label not in mapping]


# ---------------------------------------------------------------------------- columns
_WJX_SKIP = {"(跳过)": -2, "跳过": -2, "-2": -2, "未显示": -3, "(未显示)": -3, "-3": -3}
_UNIT = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*([^\d\s.+-][^\d]{0,5})$")
_OTHER_TEXT = re.compile(r"^(.+?)(?:_(\d+))?_TEXT$")
_CHECK = re.compile(r"请选择\s*[“\"'「](.+?)[”\"'」]|please\s+(?:select|choose|answer)\s+[“\"'](.+?)[”\"']", re.I)
_NUMBER_PREFIX = re.compile(r"^(?:第\s*\d+\s*题|\d+\s*[、.:)])\s*")
_STEM = re.compile(r"^(.+)_(\d+)$")
DEMOGRAPHICS = (
    ("gender", r"性别|\bgender\b|\bsex\b"),
    ("age", r"年龄|\bage\b|how old"),
    ("education", r"学历|教育程度|受教育|\beducation"),
    ("title", r"职称|professional title"),
    ("years", r"工作年限|年限|工龄|years (?:of|in|at|working)"),
    ("sector", r"单位|机构类型|\bsector\b|organi[sz]ation type|employer"),
    ("income", r"收入|月薪|年薪|\bincome\b|\bsalary\b"),
    ("marital", r"婚姻|marital"),
    ("position", r"职务|职位|job position"),
)


@dataclass
class _Column:
    name: str
    text: str  # the question text: a second header row, an SPSS variable label, or the header
    cells: list[str]  # non-empty cells as text (numbers without ".0"), skip codes removed
    aligned: list[str] = field(default_factory=list)  # every row's cell ("" if empty or skipped)
    value_labels: dict[int, str] = field(default_factory=dict)
    file_missing: dict[int, str] = field(default_factory=dict)
    number: str | None = None
    head: str = ""
    sub: str | None = None
    kind: str = ""
    units: Counter = field(default_factory=Counter)

    @property
    def wording(self) -> str:
        """The header without its question number (what the loader compares texts with)."""
        return _NUMBER_PREFIX.sub("", self.name) or self.name

    @property
    def question(self) -> str:
        """The question's words: the text row or variable label if there is one, else the header's."""
        return self.text if self.text and self.text != self.name else self.wording


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_columns(path: Path, format: str, encoding, sheet):
    from ..io.load import read_export
    from ..io.normalize import clean, split_header

    table, layout, names = read_export(path, format, encoding=encoding, sheet=sheet)
    body = table.read_body(layout.n_header, names, frozenset())
    texts = layout.texts + [""] * (len(names) - len(layout.texts))
    skip = _WJX_SKIP if layout.format.startswith("wjx") else {}
    columns = []
    for k, (name, text) in enumerate(zip(names, texts)):
        if name in layout.meta or name == layout.id_column:
            continue
        cells = [_cell_text(v) for v in body[name].tolist()]
        if not layout.names[k] and not any(cells):
            continue  # an unnamed empty column: the loader drops it
        aligned = [clean(c) if c and clean(c) not in skip else "" for c in cells]
        number, head, sub = split_header(name) if layout.format not in ("sav",) else (None, name, None)
        col = _Column(name, clean(text) or name, [c for c in aligned if c], aligned, number=number, head=head, sub=sub)
        labels = table.value_labels.get(name) or {}
        missing = [lo for lo, hi in table.file_missing.get(name, []) if lo == hi]
        col.value_labels = {int(c): str(v) for c, v in labels.items() if float(c).is_integer() and c not in missing}
        col.file_missing = {int(c): str(labels.get(c, "missing (declared in the file)")) for c in missing if float(c).is_integer()}
        columns.append(col)
    return layout, body, columns


def _pair_labels(columns: list[_Column], body: pd.DataFrame, layout, labels_path: Path, format_hint: str, encoding, sheet) -> list[str]:
    """Value labels from the text export of the same answers: code -> label, row by row."""
    from ..io.normalize import clean

    other_layout, other_body, _ = _read_columns(labels_path, "auto", encoding, sheet)
    notes = []
    by_id = layout.id_column and other_layout.id_column == layout.id_column
    if by_id:
        left = body.set_index(layout.id_column, drop=False)
        right = other_body.set_index(other_layout.id_column, drop=False)
        common = left.index.intersection(right.index)
        left, right = left.loc[common], right.loc[common]
    elif len(body) == len(other_body):
        left, right = body, other_body
    else:
        raise_pairing(labels_path, len(body), len(other_body))
    for col in columns:
        if col.name not in right.columns or col.value_labels:
            continue
        pairs = Counter()
        for code, label in zip(left[col.name].tolist(), right[col.name].tolist()):
            code, label = clean(_cell_text(code)), clean(_cell_text(label))
            if code and label and code != label and re.fullmatch(r"-?\d+", code):
                pairs[(int(code), label)] += 1
        found: dict[int, str] = {}
        for (code, label), _ in pairs.most_common():
            found.setdefault(code, label)
        found = {c: v for c, v in found.items() if not (layout.format.startswith("wjx") and c in (-2, -3))}
        if len(found) >= 1:
            col.value_labels = dict(sorted(found.items()))
    return notes


def raise_pairing(path: Path, n_left: int, n_right: int) -> None:
    from ..errors import Problem, ResponseDataError

    raise ResponseDataError(
        f"{path.name}: cannot pair its rows with the export's",
        [Problem(path.name, f"{n_right} rows and no shared id column (the export has {n_left})", "the text export of the same download, with 序号 or the same rows")],
    )


def _classify(col: _Column, *, fmt: str, text_export: bool, separators: tuple[str, ...]) -> str:
    from ..io.metadata import looks_personal
    from ..io.normalize import parse_number

    if looks_personal(col.name) or (col.text != col.name and looks_personal(col.text)):
        return "personal"
    if not col.cells:
        return "empty"
    if col.value_labels:
        return "choice"
    distinct = set(col.cells)
    if fmt == "wjx_numeric" and col.name.startswith("第") and distinct <= {"0", "1"}:
        return "option"
    if _OTHER_TEXT.match(col.name) and fmt.startswith("qualtrics"):
        return "other"
    numbers = [parse_number(c) for c in col.cells]
    if all(n is not None for n in numbers):
        small = len(distinct) <= 11 and all(n.is_integer() and 0 <= n <= 10 for n in numbers)
        return "choice" if small and not text_export else "numeric"
    units = [m for c, n in zip(col.cells, numbers) if n is None and (m := _UNIT.match(c))]
    if units and sum(n is not None for n in numbers) + len(units) >= 0.8 * len(col.cells):
        col.units = Counter(m.group(2) for m in units)
        return "numeric"
    if _is_other(col):
        return "other"
    parts = [p for c in col.cells for p in re.split("|".join(map(re.escape, separators)), c) if p.strip()] if separators else []
    if any(s in c for s in separators for c in col.cells) and len(set(parts)) <= min(30, 0.3 * len(parts)):  # options repeat; free text does not
        return "joined"
    if fit_anchor(Counter(col.cells)) is not None:
        return "choice"
    if len(distinct) <= 15 and len(distinct) <= 0.5 * len(col.cells):
        return "choice"
    return "text"


def _is_other(col: _Column) -> bool:
    from ..io.normalize import norm

    label = norm(col.sub if col.sub else col.head)
    return bool(re.fullmatch(r"(其他|其它|other)(请注明|请说明|pleasespecify|具体内容|自填内容)?", label))


# ---------------------------------------------------------------------------- scales
@dataclass
class _ScaleDraft:
    labels: dict[int, Text]
    ordered: bool
    how: str  # "anchor" (a known set, natural order), "labels" (from the file), "appearance", "codes"
    missing: dict[int, Text] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    anchor: str | None = None  # the known set the labels belong to, if any

    def key(self, hint: str) -> tuple:
        own = hint if self.how in ("appearance", "codes") else ""  # scales the user must edit are never shared
        labels = tuple((c, _key(t.zh or ""), _key(t.en or "")) for c, t in sorted(self.labels.items()))
        return (own, labels, tuple(sorted(self.missing)), self.ordered)

    def code_of(self, cell: str) -> float | None:
        from ..io.normalize import parse_number

        number = parse_number(cell)
        if number is not None:
            return number if number in self.labels else None
        key = _key(cell)
        for code, text in self.labels.items():
            if key in (_key(text.zh or ""), _key(text.en or "")):
                return float(code)
        return None

    @property
    def note(self) -> str | None:
        if self.how == "appearance":
            return "TODO check order: codes follow the order of first appearance in the export"
        if self.how == "codes":
            return "TODO labels: the export holds codes only (pass the text export with --labels, or write the labels)"
        return None


_TODO_HEADER = {"appearance": "check the order of its labels (codes follow first appearance)", "codes": "write its labels (the export holds codes only)"}


def _draft_scale(cols: list[_Column], *, block: bool, wjx: bool) -> _ScaleDraft:
    missing = {c: Text(zh=t, en=t) for col in cols for c, t in col.file_missing.items()}
    if wjx:
        missing.update({-2: Text(zh="(跳过)", en="skipped"), -3: Text(zh="未显示", en="not shown")})
    labelled = [col for col in cols if col.value_labels]
    if labelled:
        labels: dict[int, Text] = {}
        for col in labelled:
            for code, label in col.value_labels.items():
                labels.setdefault(code, Text(zh=label, en=label))
        fitted = fit_anchor({t.zh: 1 for t in labels.values()})
        anchor = fitted[0] if fitted is not None and not fitted[2] else None
        if anchor is not None:  # the file's codes stay; the set gives the other language
            known = fitted[1]
            for code, text in labels.items():
                match = next((t for t in known.values() if _key(text.zh) in (_key(t.zh), _key(t.en))), None)
                if match is not None:
                    labels[code] = match
        return _ScaleDraft(dict(sorted(labels.items())), (block or anchor is not None) and anchor != "kano", "labels", missing, anchor=anchor)
    counts = Counter(c for col in cols for c in col.cells)
    fitted = fit_anchor(counts)
    if fitted is not None:
        name, labels, left = fitted
        return _ScaleDraft(labels, name != "kano", "anchor", missing, left, anchor=name)
    from ..io.normalize import parse_number

    if all(parse_number(c) is not None for c in counts):
        codes = sorted({int(float(c)) for c in counts})
        return _ScaleDraft({c: Text(zh=str(c), en=str(c)) for c in codes}, block, "codes", missing)
    order = list(dict.fromkeys(c for col in cols for c in col.cells))
    return _ScaleDraft({k: Text(zh=label, en=label) for k, label in enumerate(order, start=1)}, block, "appearance", missing)


def _split_parts(col: _Column, separators: tuple[str, ...]) -> list[str]:
    pattern = "|".join(map(re.escape, separators))
    return [p.strip() for c in col.cells for p in re.split(pattern, c) if p.strip()]


# ---------------------------------------------------------------------------- the draft
class DraftQuestionnaire(Questionnaire):
    """A questionnaire drafted from an export, with the comments that say what the user must decide."""

    _notes: dict = PrivateAttr(default_factory=dict)
    _header: list = PrivateAttr(default_factory=list)
    _source: str = PrivateAttr(default="")

    @property
    def todo(self) -> list[str]:
        """What the user must decide before analysing (the header comment of :meth:`to_yaml`)."""
        return list(self._header)

    @property
    def notes(self) -> dict[tuple[str, str], str]:
        """Comments by ``("item"|"scale"|"construct", id)``: reverse-key candidates, orders to check, unit text."""
        return dict(self._notes)

    def to_yaml(self, *, data: str | None = None) -> str:
        """Commented YAML; ``data`` (the export's path as the plan should see it) is written as ``# data:``."""
        out = [f"# Drafted by `survey init` from {self._source}. Check it, then `survey validate` it."]
        if data is not None:
            out.append(f"# data: {data}")
        if self._header:
            out.append("# Decide before analysing:")
            out += [f"#   - {line}" for line in self._header]
        out += [f"id: {_q(self.id)}", f"version: {_q(self.version)}", f"title: {_text(self.title)}", f"languages: [{', '.join(self.languages)}]"]
        if self.id_column:
            out.append(f"id_column: {_q(self.id_column)}")
        out.append("scales:")
        for name, scale in self.scales.items():
            out.append(_commented(f"  {_q(name)}:", self._notes.get(("scale", name))))
            out.append(f"    ordered: {'true' if scale.ordered else 'false'}")
            out.append("    labels:")
            out += [f"      {code}: {_text(text)}" for code, text in scale.labels.items()]
            if scale.missing:
                out.append("    missing: {" + ", ".join(f"{c}: {_text(t)}" for c, t in scale.missing.items()) + "}")
        out.append("items:")
        for item in self.items:
            out.append(_commented("  - " + _flow(item, ("id", "number", "type", "scale", "role", "personal", "required", "row", "text")), self._notes.get(("item", item.id))))
        if self.constructs:
            out.append("constructs:")
            for c in self.constructs:
                out.append(_commented("  - " + _flow(c, ("id", "name", "role", "items")), self._notes.get(("construct", c.id))))
        if self.attention_checks:
            out.append("attention_checks:")
            out += [f"  - {{item: {_q(a.item)}, expected: {a.expected}}}" for a in self.attention_checks]
        return "\n".join(out) + "\n"


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _text(text: Text) -> str:
    if text.zh == text.en or not text.en or not text.zh:
        return _q(text.zh or text.en or "")
    return f"{{zh: {_q(text.zh)}, en: {_q(text.en)}}}"


def _flow(model, fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        value = getattr(model, name)
        default = type(model).model_fields[name].default
        if value is None or (value == default and name not in ("id", "type", "role")):
            continue
        if isinstance(value, Text):
            parts.append(f"{name}: {_text(value)}")
        elif isinstance(value, bool):
            parts.append(f"{name}: {'true' if value else 'false'}")
        elif isinstance(value, list):
            parts.append(f"{name}: [{', '.join(_q(v) for v in value)}]")
        else:
            parts.append(f"{name}: {_q(str(value))}")
    return "{" + ", ".join(parts) + "}"


def _commented(line: str, note: str | None) -> str:
    return f"{line}   # {note}" if note else line


def _as_id(text: str, used: set[str]) -> str:
    base = text if re.match(_ID_PATTERN, text) else re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")
    if not base or not re.match(_ID_PATTERN, base):
        base = f"v_{base}" if base else "v"
    candidate, n = base, 1
    while candidate.casefold() in {u.casefold() for u in used}:
        n += 1
        candidate = f"{base}_{n}"
    used.add(candidate)
    return candidate


def _demographic(text: str) -> str | None:
    for name, pattern in DEMOGRAPHICS:
        if re.search(pattern, text, re.I):
            return name
    return None


def _group_key(col: _Column, fmt: str) -> tuple:
    if col.number is not None:
        return ("n", col.number)
    if fmt.startswith("qualtrics"):
        m = _STEM.match(col.name)
        if m and re.match(_ID_PATTERN, col.name):
            return ("s", m.group(1))
        other = _OTHER_TEXT.match(col.name)
        if other:
            return ("s", other.group(1).rsplit("_", 1)[0] if _STEM.match(other.group(1)) else other.group(1))
    return ("c", col.name)


def _row_label(col: _Column) -> str | None:
    if col.sub:
        return col.sub
    for sep in (" - ", "—", " – "):
        if sep in col.text:
            return col.text.rsplit(sep, 1)[1].strip()
    return None


def _r_drop(frame: pd.DataFrame) -> pd.Series:
    """Corrected item–total correlation of each column (listwise), NaN where undefined."""
    frame = frame.dropna()
    total = frame.sum(axis=1)
    return pd.Series({c: frame[c].corr(total - frame[c]) if len(frame) > 2 else float("nan") for c in frame.columns}, dtype=float)


class _Drafter:
    def __init__(self, fmt: str, wjx: bool):
        self.fmt, self.wjx = fmt, wjx
        self.scales: dict[str, Scale] = {}
        self.scale_keys: dict[tuple, str] = {}
        self.items: list[Item] = []
        self.constructs: list[Construct] = []
        self.checks: list[AttentionCheck] = []
        self.notes: dict[tuple[str, str], str] = {}
        self.header: list[str] = []
        self.used: set[str] = set()
        self.codes: dict[str, pd.Series] = {}

    def scale(self, draft: _ScaleDraft, hint: str) -> str:
        key = draft.key(hint)
        if draft.left_out:
            self.header.append(f"{hint}: answers outside the scale {draft.left_out} are flagged invalid when loading; add them to the labels if the questionnaire used them")
        if key in self.scale_keys:
            return self.scale_keys[key]
        name = draft.anchor if draft.anchor is not None and draft.how in ("anchor", "labels") else hint
        name = _as_id(name, set(self.scales)) if name in self.scales else name
        self.scales[name] = Scale(labels=draft.labels, missing=draft.missing, ordered=draft.ordered)
        self.scale_keys[key] = name
        if draft.note:
            self.notes[("scale", name)] = draft.note
            self.header.append(f"scale {name}: {_TODO_HEADER[draft.how]}")
        return name

    def note(self, kind: str, key: str, text: str) -> None:
        self.notes[(kind, key)] = f"{self.notes[(kind, key)]}; {text}" if (kind, key) in self.notes else text

    def add_item(self, col: _Column, item_id: str, **fields) -> Item:
        item = Item(id=item_id, **fields)
        self.items.append(item)
        return item

    def item_id(self, col: _Column, fallback: str, *, whole: bool) -> str:
        if col.number is None and re.match(_ID_PATTERN, col.name) and self.fmt not in ("wjx_text", "wjx_numeric"):
            return _as_id(col.name, self.used)
        demo = _demographic(col.question) if whole else None
        return _as_id(demo or fallback, self.used)


def _text_of(col: _Column, *, row: bool) -> Text:
    if row and col.sub:
        return Text(zh=col.sub, en=col.sub)
    text = col.text if col.text and col.text != col.name else col.wording
    return Text(zh=text, en=text)


def draft_questionnaire(
    path: str | Path,
    labels: str | Path | None = None,
    *,
    format: str = "auto",
    encoding: str | None = None,
    sheet: str | int | None = None,
) -> DraftQuestionnaire:
    """Draft a questionnaire from an export; see the module documentation for what becomes what.

    Parameters
    ----------
    path : str or Path
        The export (问卷星 numeric or text download, a CSV/xlsx, an SPSS ``.sav``, Qualtrics CSV).
    labels : str or Path, optional
        The text export (按选项文本) of the same answers when ``path`` is the numeric one: codes
        are paired with their labels row by row (by 序号 when both have it).
    format, encoding, sheet
        As for :func:`survey.load_responses`.

    Returns
    -------
    DraftQuestionnaire
        A valid :class:`Questionnaire`; ``.to_yaml()`` writes it with its comments, ``.todo``
        lists what the user must decide.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "export.csv").write_text(
    ...     "id,gender,s1,s2,s3\\n1,male,agree,strongly agree,disagree\\n2,female,disagree,neutral,agree\\n"
    ...     "3,female,strongly agree,agree,strongly disagree\\n4,male,neutral,agree,neutral\\n", encoding="utf-8")
    >>> q = draft_questionnaire(folder / "export.csv")
    >>> [(i.id, i.type, i.scale) for i in q.items][:2], q.constructs[0].items
    ([('gender', 'single', 'gender'), ('s1', 'likert', 'agreement')], ['s1', 's2', 's3'])
    """
    path = Path(path)
    layout, body, columns = _read_columns(path, format, encoding, sheet)
    fmt = layout.format
    wjx = fmt.startswith("wjx")
    if labels is not None:
        _pair_labels(columns, body, layout, Path(labels), fmt, encoding, sheet)
    text_export = fmt == "wjx_text"
    separators = layout.multi_separators if fmt != "qualtrics" and fmt != "qualtrics_legacy" else (",",)
    for col in columns:
        col.kind = _classify(col, fmt=fmt, text_export=text_export, separators=separators)
    d = _Drafter(fmt, wjx)
    groups: dict[tuple, list[_Column]] = {}
    for col in columns:
        groups.setdefault(_group_key(col, fmt), []).append(col)
    singles: list[tuple[Item, _Column, _ScaleDraft]] = []
    for key, cols in groups.items():
        _draft_group(d, key, cols, separators, singles)
    _runs_of_singles(d, singles)
    _flag_reverse(d, columns)
    q = DraftQuestionnaire(
        id=_as_id(path.stem, set()),
        title=Text(zh=path.stem, en=path.stem),
        scales=d.scales,
        items=d.items,
        constructs=d.constructs,
        attention_checks=d.checks,
        id_column=layout.id_column,
    )
    q._notes, q._source = d.notes, path.name + (f" with labels from {Path(labels).name}" if labels else "")
    construct_names = [c.id for c in d.constructs]
    header = []
    if construct_names:
        header.append(f"construct names and roles (hygiene, motivator, outcome …) of the candidate blocks: {', '.join(construct_names)}")
    flagged = [i for (kind, i), note in d.notes.items() if kind == "item" and "reverse-key candidate" in note]
    if flagged:
        header.append(f"reverse keys: candidates {', '.join(flagged)} (negative corrected item-total r); set reverse: true only if the wording is reversed")
    q._header = header + d.header
    return q


def _draft_group(d: _Drafter, key: tuple, cols: list[_Column], separators, singles: list) -> None:
    number = key[1] if key[0] == "n" else None
    options = [c for c in cols if c.kind == "option"]
    others = [c for c in cols if c.kind == "other"]
    rest = [c for c in cols if c.kind not in ("option", "other")]
    choice = [c for c in rest if c.kind == "choice"]
    hint = f"q{number}" if number else None
    base = {"number": number} if number else {}
    if options:
        first = options[0]
        labels = {k: Text(zh=c.sub or c.name, en=c.sub or c.name) for k, c in enumerate(options, start=1)}
        draft = _ScaleDraft(labels, False, "labels", {-2: Text(zh="(跳过)", en="skipped"), -3: Text(zh="未显示", en="not shown")} if d.wjx else {})
        item_id = d.item_id(first, hint or first.name, whole=True)
        d.add_item(first, item_id, type="multiple", scale=d.scale(draft, item_id), required=False, text=Text(zh=first.head or item_id, en=first.head or item_id), **base)
    block = len(choice) >= 2 and (number is not None or key[0] == "s")
    shared = _draft_scale(choice, block=True, wjx=d.wjx) if block else None
    shared_name = d.scale(shared, hint or key[1]) if shared is not None else None
    if shared is not None and shared.anchor == "kano":
        d.header.append(f"question {number or key[1]}: Kano answers; pair functional and dysfunctional questions under kano:")
    if shared is not None and shared.anchor == "importance":
        d.header.append(f"question {number or key[1]}: importance ratings; link each to the attribute it rates under importance:")
    block_items = []
    whole = len(rest) == 1
    for k, col in enumerate(rest, start=1):
        fallback = hint if whole and hint else (f"{hint}_{k}" if hint else col.name)
        item_id = d.item_id(col, fallback, whole=whole)
        row = None if whole else _row_label(col)
        fields = dict(base, text=_text_of(col, row=row is not None), row=Text(zh=row, en=row) if row else None)
        if col.kind == "personal":
            d.add_item(col, item_id, type="text", role="personal", personal=True, required=False, **fields)
        elif col.kind in ("text", "empty"):
            d.add_item(col, item_id, type="text", required=False, **fields)
        elif col.kind == "numeric":
            d.add_item(col, item_id, type="numeric", **fields)
            if whole and _demographic(col.question):
                d.note("item", item_id, "a demographic answered as a number: the sample profile lists categories, so it has no role here")
            if col.units:
                units = ", ".join(f"'{u}' ({n})" for u, n in col.units.most_common())
                d.note("item", item_id, f"unit text in {sum(col.units.values())} answer(s): {units}; those cells are flagged 'not a number' when loading")
                d.header.append(f"item {item_id}: numbers written with unit text ({units}): decide how to treat them")
        elif col.kind == "joined":
            parts = _split_parts(col, separators)
            draft = _draft_scale([_Column(col.name, col.text, parts)], block=False, wjx=d.wjx)
            draft.ordered, draft.anchor = False, None
            d.add_item(col, item_id, type="multiple", scale=d.scale(draft, item_id), required=False, **fields)
        else:
            draft = shared or _draft_scale([col], block=False, wjx=d.wjx)
            kano, importance = draft.anchor == "kano", draft.anchor == "importance"
            likert = draft.ordered and (block or draft.anchor is not None) and not kano
            demo = whole and _demographic(col.question) and not likert
            role = "demographic" if demo else ("importance" if importance else None)
            scale = shared_name or d.scale(draft, item_id)
            check = _CHECK.search(row or col.text or col.name)
            item = d.add_item(col, item_id, type="likert" if likert else "single", scale=scale, role="attention_check" if check else role, **fields)
            d.codes[item.id] = pd.Series([draft.code_of(c) if c else None for c in col.aligned], dtype=float)
            if check:
                expected = draft.code_of(check.group(1) or check.group(2))
                if expected is not None:
                    d.checks.append(AttentionCheck(item=item.id, expected=[int(expected)]))
                d.note("item", item.id, "attention check: an instructed answer, kept out of the construct")
            elif block and likert and not importance:
                block_items.append(item.id)
            elif not block:
                singles.append((item, col, draft))
    for col in others:
        if not any(i.number == number and i.row is None and i.type in ("single", "multiple") for i in d.items if number) and not (
            key[0] == "s" and any(i.id == key[1] for i in d.items)):
            item_id = _as_id(col.name if re.match(_ID_PATTERN, col.name) else f"{hint or 'v'}_other", d.used)
            d.add_item(col, item_id, type="text", required=False, text=_text_of(col, row=False), **base)
    if len(block_items) >= 2:
        _propose(d, block_items, number or key[1])


def _propose(d: _Drafter, items: list[str], label: str) -> None:
    cid = _as_id(f"block_q{label}" if str(label).isdigit() else f"block_{label}", d.used)
    name = Text(zh=f"第{label}题", en=f"Question {label}") if str(label).isdigit() else Text(zh=str(label), en=str(label))
    d.constructs.append(Construct(id=cid, name=name, role="other", items=items))
    d.note("construct", cid, "TODO name this construct and set its role")


def _runs_of_singles(d: _Drafter, singles: list) -> None:
    """Consecutive stand-alone Likert items on one scale (SPSS, plain CSV) form a candidate block."""
    run: list[Item] = []

    def close():
        if len(run) >= 3:
            _propose(d, [i.id for i in run], f"{run[0].id}")
        run.clear()

    order = {item.id: k for k, item in enumerate(d.items)}
    previous = None
    for item, col, draft in singles:
        if item.type != "likert" or item.role is not None or (run and (item.scale != run[-1].scale or order[item.id] != order[previous] + 1)):
            close()
        if item.type == "likert" and item.role is None:
            run.append(item)
        previous = item.id
    close()


def _flag_reverse(d: _Drafter, columns) -> None:
    for c in d.constructs:
        frame = pd.DataFrame({i: d.codes[i] for i in c.items if i in d.codes})
        for item_id, r in _r_drop(frame).items():
            if r < 0:
                d.note("item", item_id, f"reverse-key candidate: corrected item-total r = {r:.2f} within {c.id}; not applied")
