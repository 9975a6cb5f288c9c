"""Matching file columns to questionnaire items: by an item's column binding (position, or header and
occurrence), by id (also under an ODK/KoboToolbox group path or as a LimeSurvey sub-question), by
question number (+ matrix row or option), or by normalised question text. A column that matches
nothing is listed, never guessed; columns under a header several columns share are matched only
through a binding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem, ResponseDataError
from ..schema.model import Item, Questionnaire
from .coding import LabelIndex
from .messages import LoaderMessage
from .normalize import clean, norm, split_header, split_note

__all__ = ["Target", "bind_columns", "match_columns"]

QUALTRICS_OTHER = re.compile(r"^(.+?)(?:_(\d+))?_TEXT$")  # Qualtrics' "other, please specify" text column
_OTHER_WORDS = ("其他", "其它", "other", "请注明", "pleasespecify")


@dataclass(frozen=True)
class Target:
    """What a column holds: a whole item, one option of a multiple/ranking item, or "other" text."""

    item: str
    kind: str = "item"  # "item" | "option" | "other"
    code: int | None = None
    how: str = "id"  # "column" | "id" | "number" | "text"


def _texts(t) -> list[str]:
    return [x for x in ((t.zh, t.en) if t is not None else ()) if x]


def _is_other(label: str) -> bool:
    key = norm(label)
    return any(word in key for word in _OTHER_WORDS)


def _is_other_header(text: str) -> bool:
    """A whole header text that only says "other (please specify)" (strict: a question mentioning
    其他 is not one)."""
    return bool(re.fullmatch(r"(其他|其它|other)(请注明|请说明|pleasespecify|具体内容)?", norm(text)))


class _Index:
    def __init__(self, q: Questionnaire):
        self.q = q
        self.by_id: dict[str, Target] = {}
        self.by_id_fold: dict[str, Target | None] = {}
        self.by_number: dict[str, list[Item]] = {}
        self.by_text: dict[str, list[Item]] = {}
        self.labels: dict[str, LabelIndex] = {name: LabelIndex(scale) for name, scale in q.scales.items()}
        for item in q.items:
            names = {item.id: Target(item.id)}
            if item.type in ("multiple", "ranking") and item.scale in q.scales:
                for code in q.scales[item.scale].codes:
                    names[f"{item.id}_{code}"] = Target(item.id, "option", code)
            names[f"{item.id}_other"] = Target(item.id, "other")
            names[f"{item.id}_TEXT"] = Target(item.id, "other")
            for name, target in names.items():
                self.by_id.setdefault(name, target)
                fold = name.casefold()
                if fold in self.by_id_fold and self.by_id_fold[fold] != target:
                    self.by_id_fold[fold] = None
                else:
                    self.by_id_fold[fold] = target
            if item.number:
                self.by_number.setdefault(str(item.number).strip(), []).append(item)
            for key in dict.fromkeys(norm(text) for text in _texts(item.text)):
                self.by_text.setdefault(key, []).append(item)

    def option_code(self, item: Item, label: str) -> int | None:
        if item.type not in ("multiple", "ranking") or item.scale not in self.labels:
            return None
        code = self.labels[item.scale].lookup(label)
        return code if code in self.q.scales[item.scale].labels else None

    def by_sub(self, candidates: list[Item], sub: str, how: str) -> Target | None:
        key = norm(sub)
        rows = [i for i in candidates if i.row is not None and key in {norm(t) for t in _texts(i.row)}]
        if len(rows) == 1:
            return Target(rows[0].id, "item", how=how)
        for label in _label_forms(sub):
            for item in candidates:
                code = self.option_code(item, label)
                if code is not None:
                    return Target(item.id, "option", code, how=how)
        others = [i for i in candidates if i.type in ("single", "multiple") and i.row is None]
        if len(others) == 1 and _is_other(sub):
            return Target(others[0].id, "other", how=how)
        return None


def _label_forms(sub: str) -> list[str]:
    """An option label as written in a header, then without a closing note in brackets
    (``其他(请注明)`` -> ``其他``), for questionnaires that give the shorter label."""
    head, note = split_note(sub)
    return [sub, head] if note is not None and head else [sub]


def _qualtrics_other(name: str, index: _Index) -> Target | None:
    m = QUALTRICS_OTHER.match(name)
    if m and m.group(1) in index.by_id and index.by_id[m.group(1)].kind == "item":
        return Target(m.group(1), "other")
    return None


_GROUP_PATH = re.compile(r"^[A-Za-z_]\w*(?:[/-]\w+)+$")


def _group_path(name: str, index: _Index) -> Target | None:
    """An ODK/KoboToolbox header with its group path: ``about-sex`` (ODK Central), ``about/sex``
    (KoboToolbox), or a split multiple-choice column ``services/used/housing`` (item, choice name)."""
    if not _GROUP_PATH.match(name):
        return None
    parts = re.split(r"[/-]", name)
    if parts[-1] in index.by_id:
        return index.by_id[parts[-1]]
    parent = index.by_id.get(parts[-2])
    if parent is not None and parent.kind == "item":
        item = index.q.item(parent.item)
        scale = index.q.scales.get(item.scale or "")
        if item.type in ("multiple", "ranking") and scale is not None:
            code = {n: c for c, n in scale.names.items()}.get(parts[-1])
            if code is not None and code in scale.labels:
                return Target(item.id, "option", code)
    return None


def _id_forms(name: str) -> list[str]:
    """A header as an item id: as written, a LimeSurvey sub-question ``Q2[SQ001]`` as ``Q2_SQ001``,
    a KoboToolbox ``group/name`` as ``name``."""
    forms = [name]
    bracket = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)\[([A-Za-z0-9_]+)\]", name)
    if bracket:
        forms.append(f"{bracket.group(1)}_{bracket.group(2)}")
    if re.fullmatch(r"[A-Za-z_]\w*(?:/[A-Za-z_]\w*)+", name):
        forms.append(name.rsplit("/", 1)[1])
    return forms


def _by_id(name: str, index: _Index) -> Target | None:
    for form in _id_forms(name):
        if form in index.by_id:
            return index.by_id[form]
        fold = index.by_id_fold.get(form.casefold())
        if fold is not None:
            return fold
    return _qualtrics_other(name, index) or _group_path(name, index)


def _by_number(name: str, number: str, head_text: str, sub: str | None, index: _Index, warnings: list[LoaderMessage], *, inherited: bool) -> Target | None:
    """By question number, then matrix row or option; ``inherited``: the number and the sub-label come
    from the question-text row (a bare column of a 2016 问卷星 matrix), so only a row or option counts."""
    candidates = index.by_number[number]
    target = index.by_sub(candidates, sub, "number") if sub else None
    if target is not None or inherited:
        return target
    if sub and not head_text and any(i.type in ("multiple", "ranking") for i in candidates):
        return None  # an option column (第6题(选项)) whose option the questionnaire does not have: listed
    whole = [i for i in candidates if i.row is None]
    if len(whole) != 1:
        return None
    if not sub and whole[0].type in ("single", "multiple") and _is_other_header(head_text):
        return Target(whole[0].id, "other", how="number")
    full = norm(f"{head_text}({sub})" if sub else head_text)
    known = [norm(t) for t in _texts(whole[0].text)]
    if full and known and not any(full in k or k in full for k in known):
        warnings.append(LoaderMessage("number_text_differs", {"column": name, "item": whole[0].id, "number": number}))
    return Target(whole[0].id, how="number")


def _question_and_sub(text: str) -> tuple[str, str] | None:
    """``question - row`` (Qualtrics, SurveyMonkey), ``question—row`` or ``question [row]`` (Google
    Forms, LimeSurvey) -> (question, row)."""
    bracket = re.fullmatch(r"(.+?)\s*\[([^\[\]]+)\]", text, re.S)
    if bracket:
        return bracket.group(1), bracket.group(2)
    for sep in (" - ", "—", " – "):
        if sep in text:
            q_text, sub = text.rsplit(sep, 1)
            return q_text, sub
    return None


def _by_text(candidates: list[str], index: _Index) -> Target | None:
    for candidate in dict.fromkeys(t for t in candidates if t):
        items = index.by_text.get(norm(candidate), [])
        whole = [i for i in items if i.row is None]
        if len(whole) == 1:
            return Target(whole[0].id, how="text")
        parts = _question_and_sub(candidate)
        if parts is not None:
            items = index.by_text.get(norm(parts[0]), [])
            target = index.by_sub(items, parts[1], "text") if items else None
            if target is not None:
                return target
    return None


def match_one(name: str, text: str, index: _Index, warnings: list[LoaderMessage]) -> Target | None:
    """The target of one column, or None. ``text`` is the question text (a second header row) if any."""
    target = _by_id(name, index)
    if target is not None:
        return target
    number, head_text, sub = split_header(name)
    inherited = False
    if number is None and text and text != name:
        from_text = split_header(text)
        if from_text[0] is not None and from_text[2]:
            (number, head_text, sub), inherited = from_text, True
    if number is not None and number in index.by_number:
        target = _by_number(name, number, head_text, sub, index, warnings, inherited=inherited)
        if target is not None:
            return target
        if inherited:
            return None
    # by text: the header's own text, then the question-text row, each also as "question - row"
    return _by_text([head_text if number is not None else name, text], index)


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def bind_columns(q: Questionnaire, headers: list[str], names: list[str], *, id_column: str | None = None) -> dict[str, Target]:
    """The columns the items' ``column`` bindings name: {column name: Target}.

    ``headers``: every column's header as in the file, in file order; ``names``: the loader's unique
    names of the same columns. A binding the file cannot meet (no such position, fewer columns
    with the header than the occurrence, the respondent id column, a column two items claim)
    raises ``ResponseDataError`` listing every one.
    """
    bound: dict[str, Target] = {}
    problems = []
    for item in q.items:
        binding = item.column
        if binding is None:
            continue
        where = f"item {item.id!r}"
        if binding.position is not None:
            k = binding.position - 1
            if k >= len(names):
                problems.append(Problem(where, f"bound to column {binding.position}, but the file has {len(names)} columns", f"a position from 1 to {len(names)}"))
                continue
        else:
            found = [k for k, header in enumerate(headers) if clean(header) == clean(binding.header)]
            if len(found) < binding.occurrence:
                problems.append(Problem(
                    where,
                    f"bound to the {_ordinal(binding.occurrence)} column titled {binding.header!r}, but the file has {len(found)}",
                    f"an occurrence from 1 to {len(found)}" if found else "a header of the file",
                ))
                continue
            k = found[binding.occurrence - 1]
        name = names[k]
        if name == id_column:
            problems.append(Problem(where, f"bound to column {k + 1}, the respondent id column", "a column of answers"))
        elif name in bound:
            problems.append(Problem(where, f"items {bound[name].item!r} and {item.id!r} are both bound to column {k + 1} ({name!r})", "one item per column"))
        else:
            bound[name] = Target(item.id, how="column")
    if problems:
        raise ResponseDataError(f"{len(problems)} item(s) are bound to columns the file does not have as described", problems)
    return bound


def match_columns(
    names: list[str], texts: list[str], q: Questionnaire, *, bound: dict[str, Target] | None = None, repeated: frozenset[str] = frozenset()
) -> tuple[dict[str, Target], list[str], list[LoaderMessage]]:
    """Match ``names`` (with question texts ``texts``) to the items of ``q``.

    ``bound`` ({column: Target}, from :func:`bind_columns`) is taken first; columns in ``repeated``
    (under a header several columns share) match nothing else. Returns ``(matched {column:
    Target}, unmatched columns, warnings as :class:`LoaderMessage`)``; two columns matching the same item (or option) raise
    ``ResponseDataError`` naming both.
    """
    index = _Index(q)
    matched: dict[str, Target] = dict(bound or {})
    unmatched: list[str] = []
    warnings: list[LoaderMessage] = []
    seen: dict[tuple, str] = {(t.item, t.kind, t.code): name for name, t in matched.items()}
    problems = []
    for name, text in zip(names, texts):
        if name in matched:
            continue
        target = None if name in repeated else match_one(name, text, index, warnings)
        if target is None:
            unmatched.append(name)
            continue
        key = (target.item, target.kind, target.code)
        if key in seen:
            what = target.item if target.kind == "item" else f"{target.item} ({target.kind} {target.code if target.code is not None else ''})".replace(" )", ")")
            problems.append(Problem(f"columns {seen[key]!r} and {name!r}", f"both match {what}", "one column per item"))
            continue
        seen[key] = name
        matched[name] = target
    if problems:
        raise ResponseDataError(f"{len(problems)} item(s) are matched by more than one column", problems)
    return matched, unmatched, warnings
