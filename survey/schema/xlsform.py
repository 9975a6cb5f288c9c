"""Reading a questionnaire from an XLSForm workbook (``.xlsx``: sheets ``survey``, ``choices``, ``settings``).

What is read (everything else in the workbook is ignored; an unknown column on the ``survey`` sheet
draws a :class:`~survey.errors.SurveyWarning`, so that a misspelt ``reverse`` column is not lost):

``survey`` sheet
    ``type``: ``select_one LIST`` (likert or single, see below), ``select_multiple LIST``
    (multiple), ``rank LIST`` (ranking), ``integer``/``decimal``/``range`` (numeric), ``text``
    (text), ``date``/``time``/``datetime``/``barcode``/``acknowledge``/``file`` (text, kept as
    written), ``geopoint``/``geotrace``/``geoshape``/``image``/``audio``/``video`` (text, personal
    data), ``note``/``calculate`` and metadata types such as ``start`` (skipped),
    ``begin_group``/``end_group`` (also spelt with a space). ``name`` is the item id. Labels:
    ``label``, ``label::zh``, ``label::en``, ``label::中文 (zh)``, ``label::English (en)``, and with
    one colon ``label:English`` (also for ``hint`` and the other translatable columns).
    ``required`` (yes/true; when the sheet has no ``required`` column every item is required).
    Our columns: ``construct`` (construct id), ``construct_role`` (hygiene, motivator, ...),
    ``factor`` (Herzberg factor), ``reverse`` (yes/no), ``role`` (demographic, importance,
    attention_check, kano_functional, kano_dysfunctional, id, personal, other), ``number``
    (question number in platform exports), ``row`` / ``row::zh`` / ``row::en`` (matrix row label),
    ``attribute`` (the Kano attribute of a ``kano_*`` item, or the attribute an ``importance``
    item weighs; Kano pairs read from XLSForm carry no ``name``, the attribute id names them),
    ``expected`` (the passing answer(s) of an ``attention_check``, e.g. ``4`` or ``4, 5``; names
    on a list of text names).
``choices`` sheet
    ``list_name``, ``name`` (an integer name is the code, ``1`` and ``"1"`` alike; a list whose
    names are all text, ``yes``/``no`` as ODK and KoboToolbox forms have them, is coded 1, 2, 3 … in
    list order, the names kept in ``Scale.names`` and the mapping shown in a warning; a list mixing
    the two is an error), labels as on the survey sheet, ``missing`` (yes marks a declared missing
    code such as -2 or 9) and ``ordered`` (yes/no, for the list; may be given on any of its rows).
``settings`` sheet
    ``form_id`` (questionnaire id; default: the file name), ``form_title`` (or
    ``form_title::zh``/``::en``), ``version``, ``id_column``.

Decisions
    * A group whose row has a ``construct`` value becomes that construct: its label is the
      construct's name, its ``hint`` the construct's description, its ``construct_role`` and
      ``factor`` the construct's. Items inside the group belong to it unless they name another
      construct or carry a ``role`` (an attention check inside a matrix is not a construct item).
      A group's ``number`` is inherited by its items (a matrix question). Items may also name a
      construct without any group; its name is then its id.
    * A list is ordered when its ``ordered`` cell says so; otherwise when an item in a construct,
      a reverse-keyed item, or an importance, attention-check or Kano item uses it.
    * ``select_one`` is ``likert`` on an ordered list, except for demographic items, which are
      ``single``; on an unordered list it is ``single``.

Every problem is reported at once, each at its cell (``survey!C7``). The workbook is checked
against zip bombs and entity expansion before openpyxl opens it (:mod:`survey.schema.safezip`).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem, QuestionnaireError, SurveyWarning
from .model import _ID_PATTERN, CONSTRUCT_ROLES, ITEM_ROLES, Questionnaire, cross_check
from .safezip import MAX_UNCOMPRESSED_BYTES, office_archive_problems

__all__ = ["read_xlsform"]

_ID = re.compile(_ID_PATTERN)
_INT = re.compile(r"^[+-]?\d+(?:\.0+)?$")
_LANG_NAMES = {"zh": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh", "简体中文": "zh", "en": "en", "english": "en", "英文": "en", "英语": "en"}
_TRUE = {"yes", "true", "true()", "1", "y", "是"}
_FALSE = {"no", "false", "false()", "0", "n", "否", ""}
_SELECT = re.compile(r"^(select_one|select one|select_multiple|select multiple|rank)\s+(\S+)(\s+or_other)?$", re.IGNORECASE)
_SKIPPED_TYPES = {
    "note", "calculate", "hidden", "start", "end", "today", "deviceid", "subscriberid", "simserial",
    "phonenumber", "username", "email", "audit", "start-geopoint", "background-audio",
}
_SIMPLE_TYPES = {
    "integer": "numeric", "decimal": "numeric", "range": "numeric", "text": "text",
    **dict.fromkeys(("date", "time", "datetime", "barcode", "acknowledge", "file", *(_PERSONAL_TYPES := ("geopoint", "geotrace", "geoshape", "image", "audio", "video"))), "text"),
}
_SURVEY_COLUMNS = {
    "type", "name", "label", "hint", "guidance_hint", "required", "required_message", "relevant", "constraint",
    "constraint_message", "appearance", "default", "calculation", "choice_filter", "parameters", "read_only",
    "readonly", "repeat_count", "trigger", "image", "audio", "video", "big-image", "note", "body", "bind",
    "construct", "construct_role", "factor", "reverse", "role", "number", "row", "short", "attribute", "expected",
}
#: columns that take a language (``label::English (en)``, or ``label:English``)
_TRANSLATABLE = {"label", "hint", "guidance_hint", "constraint_message", "required_message", "row", "short", "form_title", "image", "audio", "video"}
_LIKERT_USERS = {"importance", "attention_check", "kano_functional", "kano_dysfunctional"}


@dataclass
class _Sheet:
    title: str
    columns: dict[str, int]  # normalised header -> 0-based column index
    langs: dict[str, dict[str, int]]  # base ("label", "row", ...) -> {lang: column index}
    rows: list[tuple[int, tuple]]  # (sheet row number, values)

    def has(self, key: str) -> bool:
        return key in self.columns

    def cell(self, row: int, key: str) -> str:
        from openpyxl.utils import get_column_letter

        col = self.columns.get(key)
        if col is None and key in self.langs and self.langs[key]:
            col = min(self.langs[key].values())
        return f"{self.title}!{get_column_letter(col + 1)}{row}" if col is not None else f"{self.title}!row {row}"

    def get(self, values: tuple, key: str) -> Any:
        col = self.columns.get(key)
        if col is None or col >= len(values):
            return None
        value = values[col]
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value


@dataclass
class _Construct:
    id: str
    cell: str
    name: dict | None = None
    description: dict | None = None
    role: tuple[str, str] | None = None  # (value, cell)
    factor: tuple[str, str] | None = None
    items: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[str] = []

    def problem(self, where: str, what: str, expected: str = "") -> None:
        self.problems.append(Problem(where, what, expected))

    # ---- workbook -----------------------------------------------------------------------------
    def sheets(self) -> dict[str, _Sheet]:
        import openpyxl

        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            raise QuestionnaireError(
                f"{self.path.name}: cannot open the workbook", [Problem(self.path.name, f"{type(exc).__name__}: {exc}", "an .xlsx XLSForm")]
            ) from None
        try:
            out = {}
            for ws in book.worksheets:
                key = ws.title.strip().lower()
                if key in ("survey", "choices", "settings"):
                    out[key] = self._sheet(ws)
            return out
        finally:
            book.close()

    def _sheet(self, ws) -> _Sheet:
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns: dict[str, int] = {}
        langs: dict[str, dict[str, int]] = {}
        for col, raw in enumerate(header):
            if raw is None or not str(raw).strip():
                continue
            text = str(raw).strip()
            base, _, lang = text.partition("::")
            if not lang and text.split(":", 1)[0].strip().lower() in _TRANSLATABLE:
                base, _, lang = text.partition(":")  # label:English, as some forms write it
            base = base.strip().lower().replace(" ", "_")
            if lang:
                code = _language(lang)
                if code is None:
                    continue  # a language we do not model (e.g. label::français): ignored
                langs.setdefault(base, {})[code] = col
                columns.setdefault(f"{base}::{code}", col)
            else:
                if base in columns:
                    self.problem(f"{ws.title}!{_letter(col)}1", f"column {text!r} appears twice", "each column once")
                    continue
                columns[base] = col
        data = []
        for n, values in enumerate(rows, start=2):
            if values and any(v is not None and str(v).strip() for v in values):
                data.append((n, tuple(values)))
        return _Sheet(ws.title, columns, langs, data)

    # ---- cells --------------------------------------------------------------------------------
    def text(self, sheet: _Sheet, n: int, values: tuple, base: str) -> dict | None:
        """A bilingual text from ``base``, ``base::zh``, ``base::en`` columns (None when all empty)."""
        out: dict[str, str] = {}
        for lang, col in sheet.langs.get(base, {}).items():
            value = sheet.get(values, f"{base}::{lang}")
            if value is not None:
                out[lang] = str(value)
        plain = sheet.get(values, base)
        if plain is not None:
            for lang in ("zh", "en"):
                out.setdefault(lang, str(plain))
        return out or None

    def flag(self, sheet: _Sheet, n: int, values: tuple, key: str, default: bool) -> bool:
        value = sheet.get(values, key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        self.problem(sheet.cell(n, key), f"{key} {value!r} is not yes or no", "yes/no, true/false or 1/0")
        return default

    def code(self, sheet: _Sheet, n: int, value: Any, list_name: str) -> int | None:
        """An integer choice name as its code; a text name in a list of integer names is a problem."""
        code = _integer_name(value)
        if code is None:
            self.problem(
                sheet.cell(n, "name"),
                f"choice name {value!r} of list {list_name!r} is not an integer code, but other names of the list are",
                "all names of a list integer codes (1, 2, 3), or all text names (yes, no: coded in list order)",
            )
        return code


def read_xlsform(path: str | Path, *, max_bytes: int = MAX_UNCOMPRESSED_BYTES) -> Questionnaire:
    """Read a questionnaire from an XLSForm ``.xlsx`` workbook.

    Parameters
    ----------
    path
        The workbook (sheets ``survey``, ``choices``, ``settings``; see the module documentation
        for the columns read and the decisions taken).
    max_bytes
        Cap on the workbook's uncompressed size (zip-bomb guard).

    Returns
    -------
    Questionnaire

    Raises
    ------
    QuestionnaireError
        With every problem found, each at its cell (``survey!C7``) and saying what is accepted.

    Examples
    --------
    >>> import tempfile, os, openpyxl
    >>> book = openpyxl.Workbook(); ws = book.active; ws.title = "survey"
    >>> ws.append(["type", "name", "label::zh", "label::en"])
    >>> ws.append(["select_one agree", "Q1", "我满意", "I am satisfied"])
    >>> ch = book.create_sheet("choices"); ch.append(["list_name", "name", "label::zh", "label::en"])
    >>> for code, zh, en in [(1, "不同意", "disagree"), (2, "同意", "agree")]:
    ...     ch.append(["agree", code, zh, en])
    >>> path = os.path.join(tempfile.mkdtemp(), "demo.xlsx"); book.save(path)
    >>> q = read_xlsform(path)
    >>> q.id, q.item("Q1").type, q.scales["agree"].codes
    ('demo', 'single', (1, 2))
    """
    path = Path(path)
    unsafe = office_archive_problems(path, max_bytes=max_bytes)
    if unsafe:
        raise QuestionnaireError(f"{path.name}: refused to open the workbook", unsafe)
    reader = _Reader(path)
    sheets = reader.sheets()
    data, cells = _build(reader, sheets)
    for message in reader.warnings:
        warnings.warn(message, SurveyWarning, stacklevel=2)
    if reader.problems:
        if data:  # also report what the model finds among the rows not already reported
            flagged = _rows(reader.problems)
            reader.problems.extend(_model_problems(*_without(data, cells, flagged), path.name, skip_rows=flagged))
        raise QuestionnaireError(f"{path.name}: the XLSForm is not valid ({len(reader.problems)} problem(s))", reader.problems)
    found = _model_problems(data, cells, path.name)
    if found:
        raise QuestionnaireError(f"{path.name}: the XLSForm is not valid ({len(found)} problem(s))", found)
    return Questionnaire.model_validate(data)


# ---- building the questionnaire dict ---------------------------------------------------------------
def _build(reader: _Reader, sheets: dict[str, _Sheet]) -> tuple[dict, dict]:
    """The questionnaire as plain data, and the sheet cell of each entry (for error locations)."""
    survey = sheets.get("survey")
    if not _check_survey_sheet(reader, survey):
        return {}, {}
    settings = _settings(reader, sheets.get("settings"))
    lists, list_cells = _choices(reader, sheets.get("choices"))
    form = _Form(reader, survey, lists)
    for n, values in survey.rows:
        form.row(n, values)
    form.close()
    ordered = _list_order(form.items, lists, form.item_construct)
    _type_by_list_order(form.items, ordered)
    data: dict[str, Any] = {"id": settings["id"], "title": settings["title"]}
    for key in ("version", "id_column"):
        if settings.get(key) is not None:
            data[key] = settings[key]
    langs = [lang for lang in ("zh", "en") if lang in survey.langs.get("label", {})]
    if langs and not survey.has("label"):
        data["languages"] = langs
    data.update(scales=_scales(lists, ordered, form.cells, list_cells), items=form.items,
                constructs=form.construct_list(), kano=form.kano_list(), importance=form.importance,
                attention_checks=form.checks)
    form.cells[("settings",)] = settings["cell"]
    return data, form.cells


def _check_survey_sheet(reader: _Reader, survey: _Sheet | None) -> bool:
    """The survey sheet exists and has type, name and label columns; other columns are noted."""
    if survey is None:
        reader.problem(reader.path.name, "no 'survey' sheet", "an XLSForm with sheets survey, choices and settings")
        return False
    for key in ("type", "name"):
        if not survey.has(key):
            reader.problem(f"{survey.title}!1", f"the survey sheet has no {key!r} column", "columns type, name, label")
    if not (survey.has("label") or survey.langs.get("label")):
        reader.problem(f"{survey.title}!1", "the survey sheet has no label column", "label, label::zh or label::en")
    for key in survey.columns:
        base = key.split("::")[0]
        if base not in _SURVEY_COLUMNS and not base.startswith(("$", "media", "bind", "body", "instance")):
            reader.warnings.append(f"{survey.cell(1, key)}: column {key!r} of the survey sheet is not read by the toolkit")
    return not reader.problems


class _Form:
    """What the survey sheet's rows declare, read one row at a time: items, constructs (from
    ``construct`` columns and groups), Kano pairs, importance ratings and attention checks."""

    def __init__(self, reader: _Reader, survey: _Sheet, lists: dict):
        self.reader, self.survey, self.lists = reader, survey, lists
        self.cells: dict[tuple, str] = {}
        self.items: list[dict] = []
        self.constructs: dict[str, _Construct] = {}
        self.groups: list[dict] = []
        self.kano: dict[str, dict] = {}
        self.importance: list[dict] = []
        self.checks: list[dict] = []
        self.seen: dict[str, str] = {}
        self.item_construct: dict[str, str] = {}

    def row(self, n: int, values: tuple) -> None:
        reader, survey = self.reader, self.survey
        kind_raw = survey.get(values, "type")
        kind = re.sub(r"\s+", " ", str(kind_raw)).strip().lower() if kind_raw is not None else ""
        if kind in ("begin_group", "begin group", "begin_repeat", "begin repeat"):
            if "repeat" in kind:
                reader.problem(survey.cell(n, "type"), "repeat groups are not supported", "begin_group")
            self.groups.append(_group(reader, survey, n, values, self.constructs))
        elif kind in ("end_group", "end group", "end_repeat", "end repeat"):
            if not self.groups:
                reader.problem(survey.cell(n, "type"), "end_group without a begin_group", "a matching begin_group above")
            else:
                self.groups.pop()
        elif kind in _SKIPPED_TYPES or not kind:
            if not kind and survey.get(values, "name") is not None:
                reader.problem(survey.cell(n, "type"), "the row has a name but no type", "a type such as select_one LIST, integer, text")
        else:
            item = self._question(n, values, kind, kind_raw)
            if item is not None:
                self._roles(n, values, item)
                self.cells[("items", len(self.items))] = survey.cell(n, "name")
                self.items.append(item)

    def _question(self, n: int, values: tuple, kind: str, kind_raw) -> dict | None:
        """The item a question row declares (id, type, scale, texts, number, flags, role, construct)."""
        reader, survey = self.reader, self.survey
        select = _SELECT.match(re.sub(r"\s+", " ", kind_raw).strip() if isinstance(kind_raw, str) else "")
        item_id = survey.get(values, "name")
        item_id = str(item_id) if item_id is not None else None
        if item_id is None:
            reader.problem(survey.cell(n, "name"), "a question without a name", "an item id: letters, digits and _, not starting with a digit")
            return None
        if not _ID.match(item_id):
            reader.problem(survey.cell(n, "name"), f"item id {item_id!r} is not a valid id", "letters, digits and _, not starting with a digit")
        if item_id in self.seen:
            reader.problem(survey.cell(n, "name"), f"item id {item_id!r} is used twice (first at {self.seen[item_id]})", "unique names")
            return None
        self.seen[item_id] = survey.cell(n, "name")
        item: dict[str, Any] = {"id": item_id}
        if select:
            verb, list_name = select.group(1).lower().replace(" ", "_"), select.group(2)
            item["type"] = {"select_one": "single", "select_multiple": "multiple", "rank": "ranking"}[verb]
            item["scale"] = list_name
            if list_name not in self.lists:
                reader.problem(survey.cell(n, "type"), f"choice list {list_name!r} is not on the choices sheet", f"one of {sorted(self.lists)}")
        elif kind in _SIMPLE_TYPES:
            item["type"] = _SIMPLE_TYPES[kind]
            if kind in _PERSONAL_TYPES:
                item["personal"] = True  # a place, a photo, a voice
        else:
            reader.problem(
                survey.cell(n, "type"),
                f"question type {kind_raw!r} is not supported",
                "select_one LIST, select_multiple LIST, rank LIST, integer, decimal, range, text, note, begin_group, end_group",
            )
            return None
        label = reader.text(survey, n, values, "label")
        if label is None:
            reader.problem(survey.cell(n, "label"), f"item {item_id!r} has no label", "a label in label::zh and label::en")
        else:
            item["text"] = label
        for key in ("row", "short"):
            text = reader.text(survey, n, values, key)
            if text is not None:
                item[key] = text
        number = survey.get(values, "number")
        number = number if number is not None else next((g["number"] for g in reversed(self.groups) if g["number"] is not None), None)
        if number is not None:
            item["number"] = _number_text(number)
        if survey.has("required"):
            item["required"] = reader.flag(survey, n, values, "required", False)
        if reader.flag(survey, n, values, "reverse", False):
            item["reverse"] = True
        role = survey.get(values, "role")
        if role is not None:
            role = str(role).strip()
            if role not in ITEM_ROLES:
                reader.problem(survey.cell(n, "role"), f"role {role!r} is unknown", f"one of {', '.join(ITEM_ROLES)}")
            else:
                item["role"] = role
        construct_id = survey.get(values, "construct")
        if construct_id is None and role is None:
            construct_id = next((g["construct"] for g in reversed(self.groups) if g["construct"] is not None), None)
        if construct_id is not None:
            construct_id = str(construct_id)
            entry = _construct(reader, survey, n, values, self.constructs, construct_id)
            entry.items.append(item_id)
            self.item_construct[item_id] = construct_id
        return item

    def _roles(self, n: int, values: tuple, item: dict) -> None:
        """What a Kano, importance or attention-check role adds: the attribute pairings and the expected answer."""
        reader, survey = self.reader, self.survey
        role, item_id = item.get("role"), item["id"]
        attribute = survey.get(values, "attribute")
        if role in ("kano_functional", "kano_dysfunctional", "importance"):
            if attribute is None:
                reader.problem(survey.cell(n, "attribute"), f"a {role} item needs an attribute", "the attribute id in the attribute column")
            elif role == "importance":
                self.cells[("importance", len(self.importance))] = survey.cell(n, "attribute")
                self.importance.append({"item": item_id, "attribute": str(attribute)})
            else:
                side = role.split("_")[1]
                pair = self.kano.setdefault(str(attribute), {"attribute": str(attribute), "_cells": {}})
                if side in pair:
                    reader.problem(survey.cell(n, "attribute"), f"Kano attribute {attribute!r} has two {side} items ({pair[side]}, {item_id})", f"one {side} item per attribute")
                pair[side] = item_id
                pair["_cells"][side] = survey.cell(n, "attribute")
        elif attribute is not None:
            reader.problem(survey.cell(n, "attribute"), "attribute is only read for kano_functional, kano_dysfunctional and importance items", "an empty cell")
        expected = survey.get(values, "expected")
        if role == "attention_check":
            codes = _expected(reader, survey, n, expected, self.lists.get(item.get("scale"), {}).get("names", {}))
            if codes is not None:
                self.cells[("attention_checks", len(self.checks))] = survey.cell(n, "expected")
                self.checks.append({"item": item_id, "expected": codes})
        elif expected is not None:
            reader.problem(survey.cell(n, "expected"), "expected is only read for attention_check items", "an empty cell")

    def close(self) -> None:
        """Groups left open and Kano attributes with one side missing are problems."""
        for group in self.groups:
            self.reader.problem(group["cell"], f"group {group['name']!r} is never closed", "an end_group row")
        for attribute, pair in self.kano.items():
            for side in ("functional", "dysfunctional"):
                if side not in pair:
                    other = next(iter(pair["_cells"].values()))
                    self.reader.problem(other, f"Kano attribute {attribute!r} has no {side} item", f"an item with role kano_{side} and attribute {attribute}")

    def construct_list(self) -> list[dict]:
        out = []
        for n, entry in enumerate(self.constructs.values()):
            c: dict[str, Any] = {"id": entry.id, "name": entry.name or {"zh": entry.id, "en": entry.id}, "items": entry.items}
            if entry.role is not None:
                c["role"] = entry.role[0]
            if entry.factor is not None:
                c["factor"] = entry.factor[0]
            if entry.description is not None:
                c["description"] = entry.description
            self.cells[("constructs", n)] = entry.cell
            out.append(c)
        return out

    def kano_list(self) -> list[dict]:
        out = []
        for n, pair in enumerate(self.kano.values()):
            self.cells[("kano", n)] = pair["_cells"].get("functional") or next(iter(pair["_cells"].values()))
            out.append({k: v for k, v in pair.items() if not k.startswith("_")})
        return out


def _list_order(items: list[dict], lists: dict, item_construct: dict[str, str]) -> dict[str, bool]:
    """Whether each choice list is ordered: as its ``ordered`` column says, else ordered when a
    construct, a reverse key or a Likert role uses it (or nothing uses it), else nominal."""
    ordered = {name: bool(entry["ordered"]) for name, entry in lists.items()}
    for item in items:
        name = item.get("scale")
        if name in lists and lists[name]["ordered"] is None:
            if item["id"] in item_construct or item.get("reverse") or item.get("role") in _LIKERT_USERS:
                ordered[name] = True
    for name, entry in lists.items():
        if entry["ordered"] is None and not any(i.get("scale") == name for i in items):
            ordered[name] = True
    return ordered


def _type_by_list_order(items: list[dict], ordered: dict[str, bool]) -> None:
    """A single-choice item on an ordered list (not a demographic) is a Likert item."""
    for item in items:
        if item.get("type") == "single" and ordered.get(item["scale"], False) and item.get("role") != "demographic":
            item["type"] = "likert"


def _scales(lists: dict, ordered: dict[str, bool], cells: dict, list_cells: dict) -> dict[str, dict]:
    """The scales, one per choice list, with their cells for error locations."""
    scales = {}
    for list_name, entry in lists.items():
        scale: dict[str, Any] = {"labels": entry["labels"]}
        if entry["missing"]:
            scale["missing"] = entry["missing"]
        scale["ordered"] = ordered[list_name]
        if entry["names"]:
            scale["names"] = entry["names"]
        scales[list_name] = scale
        cells[("scales", list_name)] = list_cells[list_name]
    return scales


def _group(reader: _Reader, sheet: _Sheet, n: int, values: tuple, constructs: dict) -> dict:
    name = sheet.get(values, "name")
    construct_id = sheet.get(values, "construct")
    number = sheet.get(values, "number")
    if construct_id is not None:
        entry = _construct(reader, sheet, n, values, constructs, str(construct_id))
        label = reader.text(sheet, n, values, "label")
        if label is not None and entry.name is None:
            entry.name = label
        hint = reader.text(sheet, n, values, "hint")
        if hint is not None and entry.description is None:
            entry.description = hint
    return {"name": name, "construct": str(construct_id) if construct_id is not None else None, "number": number, "cell": sheet.cell(n, "type")}


def _construct(reader: _Reader, sheet: _Sheet, n: int, values: tuple, constructs: dict, construct_id: str) -> _Construct:
    entry = constructs.get(construct_id)
    if entry is None:
        if not _ID.match(construct_id):
            reader.problem(sheet.cell(n, "construct"), f"construct id {construct_id!r} is not a valid id", "letters, digits and _, not starting with a digit")
        entry = constructs[construct_id] = _Construct(construct_id, sheet.cell(n, "construct"))
    for key, allowed in (("construct_role", CONSTRUCT_ROLES), ("factor", None)):
        value = sheet.get(values, key)
        if value is None:
            continue
        value = str(value).strip()
        if allowed is not None and value not in allowed:
            reader.problem(sheet.cell(n, key), f"construct role {value!r} is unknown", f"one of {', '.join(allowed)}")
            continue
        attr = "role" if key == "construct_role" else "factor"
        current = getattr(entry, attr)
        if current is None:
            setattr(entry, attr, (value, sheet.cell(n, key)))
        elif current[0] != value:
            reader.problem(sheet.cell(n, key), f"construct {construct_id!r} has {key} {value!r} here but {current[0]!r} at {current[1]}", "one value per construct")
    return entry


def _expected(reader: _Reader, sheet: _Sheet, n: int, value: Any, names: dict[int, str]) -> list[int] | None:
    """The passing codes of an attention check; ``names``: the list's text choice names, if any."""
    code_of = {name: code for code, name in names.items()}
    if value is None:
        reader.problem(sheet.cell(n, "expected"), "an attention_check item needs its expected answer", "the passing code(s) in the expected column, e.g. 4 or 4, 5")
        return None
    parts = [value] if isinstance(value, (int, float)) else re.split(r"[,，;；\s]+", str(value).strip())
    codes = []
    for part in parts:
        if isinstance(part, float) and part.is_integer():
            part = int(part)
        if isinstance(part, int) and not isinstance(part, bool):
            codes.append(part)
        elif isinstance(part, str) and part in code_of:
            codes.append(code_of[part])
        elif isinstance(part, str) and _INT.match(part) and not code_of:
            codes.append(int(float(part)))
        else:
            accepted = f"names of its list: {', '.join(names.values())}" if names else "integer codes such as 4 or 4, 5"
            reader.problem(sheet.cell(n, "expected"), f"expected answer {part!r} is not an integer code", accepted)
            return None
    return codes


def _settings(reader: _Reader, sheet: _Sheet | None) -> dict:
    stem = re.sub(r"\W+", "_", reader.path.stem, flags=re.ASCII).strip("_") or "questionnaire"
    stem = stem if _ID.match(stem) else f"q_{stem}"
    out: dict[str, Any] = {"id": stem, "title": {"zh": stem, "en": stem}, "cell": f"{reader.path.name}"}
    if sheet is None or not sheet.rows:
        return out
    n, values = sheet.rows[0]
    form_id = sheet.get(values, "form_id")
    if form_id is not None:
        out["cell"] = sheet.cell(n, "form_id")
        if not _ID.match(str(form_id)):
            reader.problem(sheet.cell(n, "form_id"), f"form_id {form_id!r} is not a valid id", "letters, digits and _, not starting with a digit")
        out["id"] = str(form_id)
    title = reader.text(sheet, n, values, "form_title")
    out["title"] = title or {"zh": out["id"], "en": out["id"]}
    version = sheet.get(values, "version")
    if version is not None:
        out["version"] = _number_text(version)
    id_column = sheet.get(values, "id_column")
    if id_column is not None:
        out["id_column"] = str(id_column)
    return out


def _choices(reader: _Reader, sheet: _Sheet | None) -> tuple[dict, dict]:
    lists: dict[str, dict] = {}
    first: dict[str, str] = {}
    if sheet is None:
        return lists, first
    for key in ("list_name", "name"):
        if not sheet.has(key):
            reader.problem(f"{sheet.title}!1", f"the choices sheet has no {key!r} column", "columns list_name, name, label")
            return lists, first
    text_named = _text_named_lists(sheet)
    ordered_cells: dict[str, tuple[bool, str]] = {}
    for n, values in sheet.rows:
        list_name = sheet.get(values, "list_name")
        if list_name is None:
            reader.problem(sheet.cell(n, "list_name"), "a choice without a list_name", "the name of its list")
            continue
        list_name = str(list_name)
        entry = lists.setdefault(list_name, {"labels": {}, "missing": {}, "ordered": None, "codes": {}, "names": {}})
        first.setdefault(list_name, sheet.cell(n, "list_name"))
        raw = sheet.get(values, "name")
        if raw is None:
            reader.problem(sheet.cell(n, "name"), f"a choice of list {list_name!r} without a name", "an integer code")
            continue
        if text_named.get(list_name) is True:
            code = len(entry["names"]) + 1
            if _number_text(raw) in entry["names"].values():
                reader.problem(sheet.cell(n, "name"), f"name {raw!r} appears twice in list {list_name!r}", "unique names in a list")
                continue
            entry["names"][code] = _number_text(raw)
        else:
            code = reader.code(sheet, n, raw, list_name)
        label = reader.text(sheet, n, values, "label")
        if label is None:
            reader.problem(sheet.cell(n, "label"), f"choice {raw!r} of list {list_name!r} has no label", "a label in label::zh and label::en")
        if sheet.has("ordered") and sheet.get(values, "ordered") is not None:
            flag = reader.flag(sheet, n, values, "ordered", True)
            if list_name in ordered_cells and ordered_cells[list_name][0] != flag:
                reader.problem(sheet.cell(n, "ordered"), f"list {list_name!r} is marked ordered={flag} here but {ordered_cells[list_name][0]} at {ordered_cells[list_name][1]}", "one value per list")
            ordered_cells.setdefault(list_name, (flag, sheet.cell(n, "ordered")))
            entry["ordered"] = ordered_cells[list_name][0]
        if code is None or label is None:
            continue
        if code in entry["codes"]:
            reader.problem(sheet.cell(n, "name"), f"code {code} appears twice in list {list_name!r} (first at {entry['codes'][code]})", "unique codes in a list")
            continue
        entry["codes"][code] = sheet.cell(n, "name")
        missing = reader.flag(sheet, n, values, "missing", False)
        entry["missing" if missing else "labels"][code] = label
    for list_name, entry in lists.items():
        if not entry["labels"] and entry["codes"]:
            reader.problem(first[list_name], f"list {list_name!r} has only missing codes", "at least one answer code")
        if entry["names"]:
            shown = ", ".join(f"{name}={code}" for code, name in entry["names"].items())
            reader.warnings.append(f"{first[list_name]}: list {list_name!r} has text choice names, coded in list order: {shown}")
        del entry["codes"]
    return lists, first


def _text_named_lists(sheet: _Sheet) -> dict[str, bool | None]:
    """List name -> True when every choice name is text, False when every one is an integer, None when mixed."""
    kinds: dict[str, set[bool]] = {}
    for _, values in sheet.rows:
        list_name, raw = sheet.get(values, "list_name"), sheet.get(values, "name")
        if list_name is not None and raw is not None:
            kinds.setdefault(str(list_name), set()).add(_integer_name(raw) is None)
    return {name: (True in k) if len(k) == 1 else None for name, k in kinds.items()}


def _integer_name(value: Any) -> int | None:
    """A choice name as an integer code (``1``, ``1.0`` and ``"1"`` alike), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INT.match(value.strip()):
        return int(float(value.strip()))
    return None


# ---- validation with cell locations --------------------------------------------------------------
def _model_problems(data: dict, cells: dict, source: str, *, skip_rows: frozenset = frozenset()) -> list[Problem]:
    """The model's and the cross-check's problems, located at cells (rows in ``skip_rows`` left out)."""
    try:
        q = Questionnaire.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            detail = ".".join(str(p) for p in loc)
            problems.append(Problem(_cell_of(cells, loc, source), f"{detail}: {err.get('msg', 'invalid value')}"))
    else:
        problems = [Problem(_located(p.where, cells, source), p.what, p.expected) for p in cross_check(q)]
    return [p for p in problems if not (_rows([p]) & skip_rows)]


def _without(data: dict, cells: dict, rows: frozenset) -> tuple[dict, dict]:
    """``data`` without the items on ``rows`` (and references to them), cells re-indexed."""
    keep = [n for n in range(len(data["items"])) if not (_rows([Problem(cells[("items", n)], "")]) & rows)]
    kept_ids = {data["items"][n]["id"] for n in keep}
    out = dict(data, items=[data["items"][n] for n in keep])
    out_cells = {k: v for k, v in cells.items() if k[0] not in ("items", "constructs", "kano", "importance", "attention_checks")}
    for new, old in enumerate(keep):
        out_cells[("items", new)] = cells[("items", old)]
    out["constructs"] = []
    for n, c in enumerate(data["constructs"]):
        items = [i for i in c["items"] if i in kept_ids]
        if items:
            out_cells[("constructs", len(out["constructs"]))] = cells[("constructs", n)]
            out["constructs"].append(dict(c, items=items))
    for key, fields in (("kano", ("functional", "dysfunctional")), ("importance", ("item",)), ("attention_checks", ("item",))):
        out[key] = []
        for n, entry in enumerate(data[key]):
            if all(entry.get(f) in kept_ids for f in fields):
                out_cells[(key, len(out[key]))] = cells[(key, n)]
                out[key].append(entry)
    return out, out_cells


def _rows(problems: list[Problem]) -> frozenset:
    """``survey!7`` style keys of the sheet rows the problems point at."""
    out = set()
    for p in problems:
        m = re.match(r"^(\w+)!(?:[A-Z]+|row )(\d+)", p.where)
        if m:
            out.add(f"{m.group(1)}!{m.group(2)}")
    return frozenset(out)


def _located(where: str, cells: dict, source: str) -> str:
    """``survey!B8 (Q7)`` for the cross-check's ``items[0] (Q7)``."""
    cell = _cell_of(cells, _parse_where(where), source)
    m = re.search(r"\((\w+)\)", where)
    return f"{cell} ({m.group(1)})" if m else cell


def _parse_where(where: str) -> tuple:
    m = re.match(r"^(\w+)\[(\d+)\]", where)
    return (m.group(1), int(m.group(2))) if m else (where.split(".")[0],)


def _cell_of(cells: dict, loc: tuple, source: str) -> str:
    if loc and loc[0] in ("scales",) and len(loc) > 1:
        return cells.get(("scales", loc[1]), source)
    if len(loc) > 1 and (loc[0], loc[1]) in cells:
        return cells[(loc[0], loc[1])]
    if loc and loc[0] in ("id", "title", "version", "id_column", "languages"):
        return cells.get(("settings",), source)
    return source


def _language(text: str) -> str | None:
    text = text.strip()
    m = re.search(r"\(([A-Za-z]{2})(?:[-_][A-Za-z]+)?\)\s*$", text)
    if m:
        return _LANG_NAMES.get(m.group(1).lower())
    key = text.lower()
    return _LANG_NAMES.get(key) or _LANG_NAMES.get(key.split("-")[0].split("_")[0])


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)
