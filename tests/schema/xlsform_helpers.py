"""Writes a questionnaire as an XLSForm workbook with openpyxl (test helper: the round trip's other half)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from survey.schema import Questionnaire

SURVEY_HEADER = [
    "type", "name", "label::中文 (zh)", "label::English (en)", "required", "construct", "construct_role", "factor",
    "reverse", "role", "number", "row::zh", "row::en", "attribute", "expected", "hint::zh", "hint::en", "short::zh", "short::en",
]
CHOICES_HEADER = ["list_name", "name", "label::zh", "label::en", "missing", "ordered"]
_VERB = {"likert": "select_one", "single": "select_one", "multiple": "select_multiple", "ranking": "rank"}


def write_xlsform(q: Questionnaire, path: Path, *, codes_as_text: bool = False) -> Path:
    book = openpyxl.Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(SURVEY_HEADER)
    member = {i: c for c in q.constructs for i in c.items}
    kano_attr = {getattr(p, side): p.attribute for p in q.kano for side in ("functional", "dysfunctional")}
    importance = {imp.item: imp.attribute for imp in q.importance}
    expected = {c.item: ", ".join(str(e) for e in c.expected) for c in q.attention_checks}
    open_group = None
    for item in q.items:
        construct = member.get(item.id)
        if construct is not None and construct is not open_group:
            if open_group is not None:
                survey.append(["end_group"])
            hint = [construct.description.zh, construct.description.en] if construct.description else [None, None]
            survey.append(["begin_group", f"g_{construct.id}", construct.name.zh, construct.name.en, None, construct.id,
                           construct.role, construct.factor, *[None] * 7, *hint])
            open_group = construct
        elif construct is None and open_group is not None and item.role is None:
            survey.append(["end_group"])
            open_group = None
        kind = f"{_VERB[item.type]} {item.scale}" if item.scale else {"numeric": "integer", "text": "text"}[item.type]
        survey.append([
            kind, item.id, item.text.zh, item.text.en, "yes" if item.required else "no", None, None, None,
            "yes" if item.reverse else None, item.role, item.number,
            item.row.zh if item.row else None, item.row.en if item.row else None,
            kano_attr.get(item.id) or importance.get(item.id), expected.get(item.id), None, None,
            item.short.zh if item.short else None, item.short.en if item.short else None,
        ])
    if open_group is not None:
        survey.append(["end_group"])
    choices = book.create_sheet("choices")
    choices.append(CHOICES_HEADER)
    for name, scale in q.scales.items():
        rows = [(c, t, None) for c, t in scale.labels.items()] + [(c, t, "yes") for c, t in scale.missing.items()]
        for n, (code, text, missing) in enumerate(rows):
            choices.append([name, str(code) if codes_as_text else code, text.zh, text.en, missing,
                            ("yes" if scale.ordered else "no") if n == 0 else None])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "form_title::zh", "form_title::en", "version", "id_column"])
    settings.append([q.id, q.title.zh, q.title.en, q.version, q.id_column])
    book.save(path)
    return path
