"""A readable codebook of a questionnaire: items, texts, scales with codes and labels, constructs,
reverse keys, roles, Kano pairs, importance items and attention checks; Markdown or Excel.

The Excel codebook writes every text as a string (a label starting with ``=`` stays text, never a
formula); files are written atomically (a temporary file, then a rename).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import IO, Literal

import pandas as pd

from .model import Questionnaire

__all__ = ["codebook_tables", "write_codebook"]

_HEAD = {
    "en": {
        "items": "Items", "scales": "Response scales", "constructs": "Constructs", "kano": "Kano pairs",
        "importance": "Importance items", "attention_checks": "Attention checks",
        "number": "No.", "id": "Item", "row": "Row", "text": "Text", "type": "Type", "scale": "Scale",
        "construct": "Construct", "role": "Role", "reverse": "Reverse-keyed", "required": "Required",
        "code": "Code", "label": "Label", "missing": "Missing code", "ordered": "Ordered",
        "name": "Name", "factor": "Herzberg factor", "n_items": "Items (n)", "description": "Description",
        "attribute": "Attribute", "functional": "Functional item", "dysfunctional": "Dysfunctional item",
        "item": "Item", "expected": "Expected answer", "yes": "yes", "no": "no",
        "codebook": "Codebook", "questionnaire": "Questionnaire", "version": "version", "languages": "languages",
        "reverse_note": "(R) marks a reverse-keyed item.", "id_column": "respondent id column",
    },
    "zh": {
        "items": "题目", "scales": "选项量表", "constructs": "维度", "kano": "Kano 题对",
        "importance": "重要性题目", "attention_checks": "注意力检验题",
        "number": "题号", "id": "题目编号", "row": "行标题", "text": "题目内容", "type": "题型", "scale": "量表",
        "construct": "所属维度", "role": "角色", "reverse": "反向计分", "required": "必答",
        "code": "编码", "label": "标签", "missing": "缺失值编码", "ordered": "有序",
        "name": "名称", "factor": "Herzberg 因素", "n_items": "题目数", "description": "说明",
        "attribute": "属性", "functional": "正向题", "dysfunctional": "反向题",
        "item": "题目", "expected": "正确答案", "yes": "是", "no": "否",
        "codebook": "编码手册", "questionnaire": "问卷", "version": "版本", "languages": "语言",
        "reverse_note": "(R) 表示反向计分题。", "id_column": "答卷编号列",
    },
}
_TYPES = {
    "zh": {"likert": "李克特量表", "single": "单选", "multiple": "多选", "numeric": "数值", "text": "开放文本", "ranking": "排序"},
    "en": {"likert": "Likert", "single": "single choice", "multiple": "multiple choice", "numeric": "numeric", "text": "open text", "ranking": "ranking"},
}
_ROLES = {
    "zh": {"hygiene": "保健因素", "motivator": "激励因素", "outcome": "结果变量", "importance": "重要性", "kano": "Kano",
           "demographic": "人口学变量", "attention_check": "注意力检验", "kano_functional": "Kano 正向题",
           "kano_dysfunctional": "Kano 反向题", "id": "编号", "personal": "个人信息", "other": "其他"},
    "en": {"hygiene": "hygiene", "motivator": "motivator", "outcome": "outcome", "importance": "importance", "kano": "Kano",
           "demographic": "demographic", "attention_check": "attention check", "kano_functional": "Kano functional",
           "kano_dysfunctional": "Kano dysfunctional", "id": "id", "personal": "personal data", "other": "other"},
}


def codebook_tables(q: Questionnaire, *, lang: Literal["zh", "en"] = "zh") -> dict[str, pd.DataFrame]:
    """The codebook as tables: ``items``, ``scales``, ``constructs``, ``kano``, ``importance``, ``attention_checks``.

    Columns are headed in ``lang``; every cell is text.

    Examples
    --------
    >>> from survey.schema import load_questionnaire
    >>> tables = codebook_tables(load_questionnaire("talent_service"), lang="en")
    >>> tables["items"].loc[tables["items"]["Item"] == "ST3", "Reverse-keyed"].item()
    'yes'
    """
    if lang not in _HEAD:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    h = _HEAD[lang]
    yes_no = {True: h["yes"], False: h["no"]}
    member: dict[str, list[str]] = {}
    for c in q.constructs:
        for item_id in c.items:
            member.setdefault(item_id, []).append(c.id)
    items = pd.DataFrame(
        [
            {
                h["number"]: i.number or "",
                h["id"]: i.id,
                h["row"]: i.row.get(lang) if i.row else "",
                h["text"]: i.text.get(lang),
                h["type"]: _TYPES[lang][i.type],
                h["scale"]: i.scale or "",
                h["construct"]: ", ".join(member.get(i.id, [])),
                h["role"]: _ROLES[lang].get(i.role, i.role) if i.role else "",
                h["reverse"]: yes_no[i.reverse],
                h["required"]: yes_no[i.required],
            }
            for i in q.items
        ]
    )
    scale_rows = []
    for name, scale in q.scales.items():
        for code, label in sorted(scale.labels.items()):
            scale_rows.append({h["scale"]: name, h["code"]: str(code), h["label"]: label.get(lang), h["missing"]: h["no"], h["ordered"]: yes_no[scale.ordered]})
        for code, label in sorted(scale.missing.items()):
            scale_rows.append({h["scale"]: name, h["code"]: str(code), h["label"]: label.get(lang), h["missing"]: h["yes"], h["ordered"]: yes_no[scale.ordered]})
    for item in q.items:  # a numeric item's own missing codes, under its id
        for code, label in sorted(item.missing.items()):
            scale_rows.append({h["scale"]: item.id, h["code"]: str(code), h["label"]: label.get(lang), h["missing"]: h["yes"], h["ordered"]: ""})
    scales = pd.DataFrame(scale_rows, columns=[h["scale"], h["code"], h["label"], h["missing"], h["ordered"]])
    reverse = set(q.reverse_items)
    constructs = pd.DataFrame(
        [
            {
                h["construct"]: c.id,
                h["name"]: c.name.get(lang),
                h["role"]: _ROLES[lang].get(c.role, c.role),
                h["factor"]: c.factor or "",
                h["n_items"]: str(len(c.items)),
                h["items"]: ", ".join(f"{i} (R)" if i in reverse else i for i in c.items),
                h["description"]: c.description.get(lang) if c.description else "",
            }
            for c in q.constructs
        ],
        columns=[h["construct"], h["name"], h["role"], h["factor"], h["n_items"], h["items"], h["description"]],
    )
    kano = pd.DataFrame(
        [{h["attribute"]: k.attribute, h["name"]: k.name.get(lang) if k.name else "", h["functional"]: k.functional, h["dysfunctional"]: k.dysfunctional} for k in q.kano],
        columns=[h["attribute"], h["name"], h["functional"], h["dysfunctional"]],
    )
    importance = pd.DataFrame(
        [{h["item"]: imp.item, h["attribute"]: imp.attribute, h["name"]: _attribute_name(q, imp.attribute, lang)} for imp in q.importance],
        columns=[h["item"], h["attribute"], h["name"]],
    )
    checks = pd.DataFrame(
        [{h["item"]: c.item, h["text"]: q.item(c.item).text.get(lang), h["expected"]: ", ".join(_answer(q, c.item, e, lang) for e in c.expected)} for c in q.attention_checks],
        columns=[h["item"], h["text"], h["expected"]],
    )
    return {"items": items, "scales": scales, "constructs": constructs, "kano": kano, "importance": importance, "attention_checks": checks}


def write_codebook(
    q: Questionnaire,
    path_or_buffer: str | os.PathLike | IO,
    *,
    lang: Literal["zh", "en"] = "zh",
    format: Literal["md", "xlsx"] | None = None,
) -> None:
    """Write a readable codebook of ``q`` as Markdown or Excel.

    Parameters
    ----------
    q
        The questionnaire.
    path_or_buffer
        A file path, or an open buffer (text or binary for Markdown, binary for xlsx).
    lang
        ``"zh"`` or ``"en"``: the language of headings and texts.
    format
        ``"md"`` or ``"xlsx"``; default: from the file suffix (``.xlsx`` → xlsx, else Markdown).

    Examples
    --------
    >>> import io
    >>> from survey.schema import load_questionnaire
    >>> buf = io.StringIO()
    >>> write_codebook(load_questionnaire("talent_service"), buf, lang="en", format="md")
    >>> buf.getvalue().splitlines()[0]
    '# Codebook: Satisfaction of High-Level Talent with City Talent Services'
    """
    if format is None:
        is_path = isinstance(path_or_buffer, (str, os.PathLike))
        format = "xlsx" if is_path and Path(path_or_buffer).suffix.lower() in (".xlsx", ".xlsm") else "md"
    if format not in ("md", "xlsx"):
        raise ValueError(f"format must be 'md' or 'xlsx', not {format!r}")
    tables = codebook_tables(q, lang=lang)
    if format == "md":
        payload = _markdown(q, tables, lang).encode("utf-8")
    else:
        buffer = io.BytesIO()
        _xlsx(tables, lang, buffer)
        payload = buffer.getvalue()
    if isinstance(path_or_buffer, (str, os.PathLike)):
        _atomic_write(Path(path_or_buffer), payload)
    elif format == "md" and isinstance(path_or_buffer, io.TextIOBase):
        path_or_buffer.write(payload.decode("utf-8"))
    else:
        path_or_buffer.write(payload)


def _markdown(q: Questionnaire, tables: dict[str, pd.DataFrame], lang: str) -> str:
    h = _HEAD[lang]
    colon, comma, semi = ("：", "，", "；") if lang == "zh" else (": ", ", ", "; ")
    lines = [f"# {h['codebook']}{colon}{q.title.get(lang)}", ""]
    meta = f"{h['questionnaire']} `{q.id}`{comma}{h['version']} {q.version}{comma}{h['languages']}{colon}{', '.join(q.languages)}"
    if q.id_column:
        meta += f"{semi}{h['id_column']}{colon}`{q.id_column}`"
    lines += [meta, ""]
    for key in ("items", "scales", "constructs", "kano", "importance", "attention_checks"):
        table = tables[key]
        if table.empty:
            continue
        lines += [f"## {h[key]}", ""]
        lines.append("| " + " | ".join(_md(c) for c in table.columns) + " |")
        lines.append("|" + "|".join("---" for _ in table.columns) + "|")
        for row in table.itertuples(index=False):
            lines.append("| " + " | ".join(_md(v) for v in row) + " |")
        if key == "constructs" and q.reverse_items:
            lines += ["", h["reverse_note"]]
        lines.append("")
    return "\n".join(lines)


def _xlsx(tables: dict[str, pd.DataFrame], lang: str, buffer: IO) -> None:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    for key, table in tables.items():
        ws = book.create_sheet(_HEAD[lang][key][:31])
        ws.append(list(table.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for n, row in enumerate(table.itertuples(index=False), start=2):
            for col, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=n, column=col)
                cell.value = str(value)
                cell.data_type = "s"  # text stays text: "=..." is never a formula
        for col, name in enumerate(table.columns, start=1):
            width = max([len(str(name))] + [len(str(v)) for v in table.iloc[:, col - 1]]) if len(table) else len(str(name))
            ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = min(60, 2 + width * 1.6)
    book.save(buffer)


def _atomic_write(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _md(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _attribute_name(q: Questionnaire, attribute: str, lang: str) -> str:
    for c in q.constructs:
        if c.id == attribute:
            return c.name.get(lang)
    for k in q.kano:
        if k.attribute == attribute and k.name:
            return k.name.get(lang)
    if attribute in q.item_ids:
        return q.item(attribute).text.get(lang)
    return ""


def _answer(q: Questionnaire, item_id: str, code: int, lang: str) -> str:
    scale = q.scale_of(item_id)
    label = scale.labels.get(code) if scale else None
    return f"{code} {label.get(lang)}" if label else str(code)
