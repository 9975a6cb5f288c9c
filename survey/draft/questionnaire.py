"""Drafting a questionnaire from an export (``survey init``): a start the user edits, never a guess applied.

What the export shows becomes a :class:`DraftQuestionnaire` whose :meth:`~DraftQuestionnaire.to_yaml`
writes commented YAML that ``survey validate`` accepts and that loads the same export with every
column matched:

* **metadata and ids** (序号, 提交答卷时间, ResponseId, IP …) stay metadata; columns whose header
  names personal data (姓名, 手机, e-mail …) become ``text`` items marked ``personal``.
* **questions** from the headers: 问卷星 ``8、(政策宣传解读)`` (number 8, matrix row), ``第6题(住房)``
  (an option of a multiple-choice question), Qualtrics ``Q3_2`` with its text row, SPSS variable labels.
* **codes and labels**: from value labels (an SPSS file, or the text export paired with the numeric
  one through ``labels=``); else from a known anchor set (:mod:`survey.draft.anchors`) in its
  natural order; else in order of first appearance, marked ``TODO check order``. Labels outside an
  anchor set are listed, not coded.
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

from .anchors import fit_anchor, label_key
from ..io.matching import QUALTRICS_OTHER
from .columns import Column, classify, pair_labels, read_columns, split_parts
from ..schema.model import _ID_PATTERN, AttentionCheck, Construct, Item, Questionnaire, Scale, Text

__all__ = ["DEMOGRAPHICS", "DraftQuestionnaire", "draft_questionnaire"]

#: demographic questions recognised by their words -> item id
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
_CHECK = re.compile(r"请选择\s*[“\"'「](.+?)[”\"'」]|please\s+(?:select|choose|answer)\s+[“\"'](.+?)[”\"']", re.I)
_STEM = re.compile(r"^(.+)_(\d+)$")
_WJX_MISSING = {-2: Text(zh="(跳过)", en="skipped"), -3: Text(zh="未显示", en="not shown")}
_TODO = {
    "appearance": ("TODO check order: codes follow the order of first appearance in the export",
                   "check the order of its labels (codes follow first appearance)"),
    "codes": ("TODO labels: the export holds codes only (pass the text export with --labels, or write the labels)",
              "write its labels (the export holds codes only)"),
}


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
        own = hint if self.how in _TODO else ""  # a scale the user must edit is never shared
        labels = tuple((c, label_key(t.zh or ""), label_key(t.en or "")) for c, t in sorted(self.labels.items()))
        return (own, labels, tuple(sorted(self.missing)), self.ordered)

    def code_of(self, cell: str) -> float | None:
        from ..io.normalize import parse_number

        number = parse_number(cell)
        if number is not None:
            return number if number in self.labels else None
        key = label_key(cell)
        return next((float(c) for c, t in self.labels.items() if key in (label_key(t.zh or ""), label_key(t.en or ""))), None)


def _labelled_scale(cols: list[Column], missing: dict[int, Text], *, block: bool) -> _ScaleDraft:
    """The file's codes and labels; a known set only adds the other language and says what it is."""
    labels: dict[int, Text] = {}
    for col in cols:
        for code, label in col.value_labels.items():
            labels.setdefault(code, Text(zh=label, en=label))
    fitted = fit_anchor({t.zh: 1 for t in labels.values()})
    anchor = fitted[0] if fitted is not None and not fitted[2] else None
    if anchor is not None:
        for code, text in labels.items():
            labels[code] = next((t for t in fitted[1].values() if label_key(text.zh) in (label_key(t.zh), label_key(t.en))), text)
    return _ScaleDraft(dict(sorted(labels.items())), (block or anchor is not None) and anchor != "kano", "labels", missing, anchor=anchor)


def _draft_scale(cols: list[Column], *, block: bool, wjx: bool) -> _ScaleDraft:
    from ..io.normalize import parse_number

    missing = {c: Text(zh=t, en=t) for col in cols for c, t in col.file_missing.items()}
    missing.update(_WJX_MISSING if wjx else {})
    if any(col.value_labels for col in cols):
        return _labelled_scale([c for c in cols if c.value_labels], missing, block=block)
    counts = sum((col.counts for col in cols), Counter())
    fitted = fit_anchor(counts)
    if fitted is not None:
        name, labels, left = fitted
        return _ScaleDraft(labels, name != "kano", "anchor", missing, left, anchor=name)
    if all(parse_number(c) is not None for c in counts):
        codes = sorted({int(float(c)) for c in counts})
        return _ScaleDraft({c: Text(zh=str(c), en=str(c)) for c in codes}, block, "codes", missing)
    order = dict.fromkeys(c for col in cols for c in col.values)
    return _ScaleDraft({k: Text(zh=label, en=label) for k, label in enumerate(order, start=1)}, block, "appearance", missing)


# ---------------------------------------------------------------------------- the result
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
        """Commented YAML; ``data`` (the export's path as seen from the file) is written as ``# data:``."""
        out = [f"# Drafted by `survey init` from {self._source}. Check it, then `survey validate` it."]
        out += [f"# data: {data}"] if data is not None else []
        if self._header:
            out += ["# Decide before analysing:"] + [f"#   - {line}" for line in self._header]
        out += [f"id: {_q(self.id)}", f"version: {_q(self.version)}", f"title: {_text(self.title)}", f"languages: [{', '.join(self.languages)}]"]
        out += [f"id_column: {_q(self.id_column)}"] if self.id_column else []
        out.append("scales:")
        for name, scale in self.scales.items():
            out.append(_commented(f"  {_q(name)}:", self._notes.get(("scale", name))))
            out += [f"    ordered: {'true' if scale.ordered else 'false'}", "    labels:"]
            out += [f"      {code}: {_text(text)}" for code, text in scale.labels.items()]
            if scale.missing:
                out.append("    missing: {" + ", ".join(f"{c}: {_text(t)}" for c, t in scale.missing.items()) + "}")
        out.append("items:")
        fields = ("id", "number", "type", "scale", "role", "personal", "required", "row", "text")
        out += [_commented("  - " + _flow(item, fields), self._notes.get(("item", item.id))) for item in self.items]
        if self.constructs:
            out.append("constructs:")
            out += [_commented("  - " + _flow(c, ("id", "name", "role", "items")), self._notes.get(("construct", c.id))) for c in self.constructs]
        if self.attention_checks:
            out.append("attention_checks:")
            out += [f"  - {{item: {_q(a.item)}, expected: {a.expected}}}" for a in self.attention_checks]
        return "\n".join(out) + "\n"


def _q(value: str) -> str:
    """A YAML scalar that reads back as exactly this string (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _text(text: Text) -> str:
    if text.zh == text.en or not text.en or not text.zh:
        return _q(text.zh or text.en or "")
    return f"{{zh: {_q(text.zh)}, en: {_q(text.en)}}}"


def _flow(model, fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        value = getattr(model, name)
        if value is None or (value == type(model).model_fields[name].default and name not in ("id", "type", "role")):
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


# ---------------------------------------------------------------------------- drafting
def _as_id(text: str, used: set[str]) -> str:
    """``text`` made into a fresh id (letters, digits, ``_``; unique ignoring case)."""
    base = text if re.match(_ID_PATTERN, text) else re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")
    if not re.match(_ID_PATTERN, base):
        base = f"v_{base}" if base else "v"
    taken = {u.casefold() for u in used}
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{base}_{n}"
    used.add(candidate)
    return candidate


def _demographic(text: str) -> str | None:
    return next((name for name, pattern in DEMOGRAPHICS if re.search(pattern, text, re.I)), None)


def _group_key(col: Column, fmt: str) -> tuple[str, str]:
    """Columns of one question share a key: its number, a Qualtrics stem (``Q2`` of ``Q2_3``), or the column."""
    if col.number is not None:
        return ("n", col.number)
    if fmt.startswith("qualtrics"):
        other = QUALTRICS_OTHER.match(col.name)
        if other:
            return ("s", other.group(1))
        stem = _STEM.match(col.name)
        if stem and re.match(_ID_PATTERN, col.name):
            return ("s", stem.group(1))
    return ("c", col.name)


def _r_drop(frame: pd.DataFrame) -> pd.Series:
    """Corrected item–total correlation of each column (listwise), NaN where undefined."""
    frame = frame.dropna()
    total = frame.sum(axis=1)
    return pd.Series({c: frame[c].corr(total - frame[c]) if len(frame) > 2 else float("nan") for c in frame.columns}, dtype=float)


class _Drafter:
    """What is drafted so far: scales (shared when identical), items, constructs and comments."""

    def __init__(self, fmt: str):
        self.fmt, self.wjx = fmt, fmt.startswith("wjx")
        self.scales: dict[str, Scale] = {}
        self.scale_keys: dict[tuple, str] = {}
        self.items: list[Item] = []
        self.constructs: list[Construct] = []
        self.checks: list[AttentionCheck] = []
        self.notes: dict[tuple[str, str], str] = {}
        self.header: list[str] = []
        self.used: set[str] = set()
        self.codes: dict[str, pd.Series] = {}  # item -> codes of its answers, for reverse-key flags
        self.singles: list[Item] = []  # stand-alone choice items, in order: runs of them may form a block

    def note(self, kind: str, key: str, text: str) -> None:
        self.notes[(kind, key)] = f"{self.notes[(kind, key)]}; {text}" if (kind, key) in self.notes else text

    def scale(self, draft: _ScaleDraft, hint: str) -> str:
        if draft.left_out:
            self.header.append(f"{hint}: answers outside the scale {draft.left_out} are flagged invalid when loading; "
                               "add them to the labels if the questionnaire used them")
        key = draft.key(hint)
        if key not in self.scale_keys:
            name = draft.anchor if draft.anchor is not None and draft.how in ("anchor", "labels") else hint
            name = _as_id(name, set(self.scales)) if name in self.scales else name
            self.scales[name] = Scale(labels=draft.labels, missing=draft.missing, ordered=draft.ordered)
            self.scale_keys[key] = name
            if draft.how in _TODO:
                self.notes[("scale", name)] = _TODO[draft.how][0]
                self.header.append(f"scale {name}: {_TODO[draft.how][1]}")
        return self.scale_keys[key]

    def item(self, **fields) -> Item:
        item = Item(**fields)
        self.items.append(item)
        return item

    def reserve(self, columns: list[Column]) -> None:
        """Column names that will be item ids (matched by id) are taken before any id is made up."""
        self.used.update(c.name for c in columns if self.keeps_name(c))

    def keeps_name(self, col: Column) -> bool:
        return col.number is None and not self.wjx and bool(re.match(_ID_PATTERN, col.name))

    def item_id(self, col: Column, fallback: str, *, whole: bool) -> str:
        if self.keeps_name(col):
            return col.name  # Qualtrics field ids, SPSS names, plain headers: matched by id
        demographic = _demographic(col.question) if whole and col.kind in ("choice", "numeric") else None
        return _as_id(demographic or fallback, self.used)

    def propose(self, items: list[str], label: str) -> None:
        """A candidate construct: the user names it and gives its role."""
        numbered = label.isdigit()
        cid = _as_id(f"block_q{label}" if numbered else f"block_{label}", self.used)
        name = Text(zh=f"第{label}题", en=f"Question {label}") if numbered else Text(zh=label, en=label)
        self.constructs.append(Construct(id=cid, name=name, role="other", items=items))
        self.note("construct", cid, "TODO name this construct and set its role")


def _text_of(col: Column, row: str | None) -> Text:
    text = row or col.question
    return Text(zh=text, en=text)


def _draft_options(d: _Drafter, options: list[Column], hint: str | None, base: dict) -> None:
    """0/1 columns ``第5题(住房)`` of one multiple-choice question: one item, one code per option."""
    first = options[0]
    labels = {k: Text(zh=c.sub or c.name, en=c.sub or c.name) for k, c in enumerate(options, start=1)}
    item_id = d.item_id(first, hint or first.name, whole=True)
    scale = d.scale(_ScaleDraft(labels, False, "labels", dict(_WJX_MISSING) if d.wjx else {}), item_id)
    text = first.head or item_id
    d.item(id=item_id, type="multiple", scale=scale, required=False, text=Text(zh=text, en=text), **base)


def _draft_choice(d: _Drafter, col: Column, draft: _ScaleDraft, scale: str | None, fields: dict, *, block: bool, whole: bool) -> str | None:
    """A single-choice or Likert item; returns its id when it belongs to its block's construct."""
    kano, importance = draft.anchor == "kano", draft.anchor == "importance"
    likert = draft.ordered and (block or draft.anchor is not None) and not kano
    role = "demographic" if whole and not likert and _demographic(col.question) else ("importance" if importance else None)
    check = _CHECK.search(col.row_label() or col.question)
    item = d.item(type="likert" if likert else "single", scale=scale or d.scale(draft, fields["id"]),
                  role="attention_check" if check else role, **fields)
    d.codes[item.id] = pd.Series(col.mapped(draft.code_of), dtype=float)
    if check:
        expected = draft.code_of(check.group(1) or check.group(2))
        if expected is not None:
            d.checks.append(AttentionCheck(item=item.id, expected=[int(expected)]))
        d.note("item", item.id, "attention check: an instructed answer, kept out of the construct")
        return None
    if not block:
        d.singles.append(item)
    return item.id if block and likert and not importance else None


def _draft_other(d: _Drafter, col: Column, fields: dict, separators: tuple[str, ...], *, whole: bool) -> None:
    item_id = fields["id"]
    if col.kind == "personal":
        d.item(type="text", role="personal", personal=True, required=False, **fields)
    elif col.kind in ("text", "empty", "other"):
        d.item(type="text", required=False, **fields)
    elif col.kind == "numeric":
        d.item(type="numeric", **fields)
        if whole and _demographic(col.question):
            d.note("item", item_id, "a demographic answered as a number: the sample profile lists categories, so it has no role here")
        if col.units:
            units = ", ".join(f"'{u}' ({n})" for u, n in col.units.most_common())
            d.note("item", item_id, f"unit text in {sum(col.units.values())} answer(s): {units}; those cells are flagged 'not a number' when loading")
            d.header.append(f"item {item_id}: numbers written with unit text ({units}): decide how to treat them")
    elif col.kind == "joined":
        draft = _draft_scale([Column.of_cells(col.name, col.text, split_parts(col.cells, separators))], block=False, wjx=d.wjx)
        draft.ordered, draft.anchor = False, None
        d.item(type="multiple", scale=d.scale(draft, item_id), required=False, **fields)


def _has_choice_item(d: _Drafter, key: tuple[str, str]) -> bool:
    """Whether the question already has the single/multiple item an "other" text column belongs to."""
    if key[0] == "n":
        return any(i.number == key[1] and i.row is None and i.type in ("single", "multiple") for i in d.items)
    return key[0] == "s" and any(i.id == key[1] for i in d.items)


def _draft_question(d: _Drafter, key: tuple[str, str], cols: list[Column], separators: tuple[str, ...]) -> None:
    number = key[1] if key[0] == "n" else None
    hint = f"q{number}" if number else None
    base = {"number": number} if number else {}
    options = [c for c in cols if c.kind == "option"]
    rest = [c for c in cols if c.kind not in ("option", "other")]
    if options:
        _draft_options(d, options, hint, base)
    choice = [c for c in rest if c.kind == "choice"]
    block = len(choice) >= 2 and key[0] in ("n", "s")
    shared = _draft_scale(choice, block=True, wjx=d.wjx) if block else None
    shared_name = d.scale(shared, hint or key[1]) if shared is not None else None
    if shared is not None and shared.anchor in ("kano", "importance"):
        d.header.append(f"question {key[1]}: " + ("Kano answers; pair functional and dysfunctional questions under kano:" if shared.anchor == "kano"
                                                 else "importance ratings; link each to the attribute it rates under importance:"))
    whole = len(rest) == 1
    members = []
    for k, col in enumerate(rest, start=1):
        fallback = hint if whole and hint else (f"{hint}_{k}" if hint else col.name)
        row = None if whole else col.row_label()
        fields = dict(base, id=d.item_id(col, fallback, whole=whole), text=_text_of(col, row), row=Text(zh=row, en=row) if row else None)
        if col.kind == "choice":
            member = _draft_choice(d, col, shared or _draft_scale([col], block=False, wjx=d.wjx), shared_name, fields, block=block, whole=whole)
            members += [member] if member else []
        else:
            _draft_other(d, col, fields, separators, whole=whole)
    for col in (c for c in cols if c.kind == "other"):
        if not _has_choice_item(d, key):  # with no choice item to belong to, "other" text is a text item
            item_id = d.item_id(col, f"{hint}_other" if hint else col.name, whole=False)
            _draft_other(d, col, dict(base, id=item_id, text=_text_of(col, None)), separators, whole=False)
    if len(members) >= 2:
        d.propose(members, key[1])


def _propose_runs(d: _Drafter) -> None:
    """Consecutive stand-alone Likert items on one scale (SPSS, plain CSV) form a candidate block."""
    position = {item.id: k for k, item in enumerate(d.items)}
    run: list[Item] = []
    for item in d.singles + [None]:
        fits = item is not None and item.type == "likert" and item.role is None
        if run and not (fits and item.scale == run[-1].scale and position[item.id] == position[run[-1].id] + 1):
            if len(run) >= 3:
                d.propose([i.id for i in run], run[0].id)
            run = []
        if fits:
            run.append(item)


def _flag_reverse(d: _Drafter) -> None:
    for c in d.constructs:
        for item_id, r in _r_drop(pd.DataFrame({i: d.codes[i] for i in c.items})).items():
            if r < 0:
                d.note("item", item_id, f"reverse-key candidate: corrected item-total r = {r:.2f} within {c.id}; not applied")


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
        are paired with their labels respondent by respondent (by 序号 when both have it).
    format, encoding, sheet
        As for :func:`survey.load_responses`.

    Returns
    -------
    DraftQuestionnaire
        A valid :class:`Questionnaire`; ``.to_yaml()`` writes it with its comments, ``.todo``
        lists what the user must decide, ``.notes`` the comments by item, scale and construct.

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
    layout, body, columns = read_columns(path, format, encoding, sheet)
    if labels is not None:
        pair_labels(columns, body, layout, Path(labels), encoding=encoding, sheet=sheet)
    separators = (",",) if layout.format.startswith("qualtrics") else layout.multi_separators
    groups: dict[tuple[str, str], list[Column]] = {}
    for col in columns:
        col.kind = classify(col, fmt=layout.format, separators=separators)
        groups.setdefault(_group_key(col, layout.format), []).append(col)
    d = _Drafter(layout.format)
    d.reserve(columns)
    for key, cols in groups.items():
        _draft_question(d, key, cols, separators)
    _propose_runs(d)
    _flag_reverse(d)
    q = DraftQuestionnaire(id=_as_id(path.stem, set()), title=Text(zh=path.stem, en=path.stem), scales=d.scales, items=d.items,
                           constructs=d.constructs, attention_checks=d.checks, id_column=layout.id_column)
    q._notes, q._source = d.notes, path.name + (f" with labels from {Path(labels).name}" if labels else "")
    q._header = _decisions(d) + d.header
    return q


def _decisions(d: _Drafter) -> list[str]:
    out = []
    if d.constructs:
        out.append(f"construct names and roles (hygiene, motivator, outcome …) of the candidate blocks: {', '.join(c.id for c in d.constructs)}")
    flagged = [i for (kind, i), note in d.notes.items() if kind == "item" and "reverse-key candidate" in note]
    if flagged:
        out.append(f"reverse keys: candidates {', '.join(flagged)} (negative corrected item-total r); set reverse: true only if the wording is reversed")
    return out
