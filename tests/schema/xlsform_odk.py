"""An XLSForm as ODK and KoboToolbox forms are written, and a data export of it (no real respondents).

Metadata rows (start, end, today, deviceid), groups, select_one/select_multiple on lists with text
choice names (``yes``, ``male``, ``alive``), one list with integer names, ``required``, ``relevant``
and ``appearance`` columns, a calculate row, and labels either as ``label::English (en)`` /
``label::中文 (zh)`` or with a single colon (``label:English``, ``label:Chinese``).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

SURVEY = [
    # type, name, English, Chinese, hint (English), required, relevant, appearance
    ("start", "start", None, None, None, None, None, None),
    ("end", "end", None, None, None, None, None, None),
    ("today", "today", None, None, None, None, None, None),
    ("deviceid", "deviceid", None, None, None, None, None, None),
    ("begin_group", "consent_group", "Consent", "知情同意", None, None, None, None),
    ("select_one yes_no", "consent", "Do you agree to take part?", "您同意参加吗？", None, "yes", None, None),
    ("end_group", None, None, None, None, None, None, None),
    ("begin group", "about", "About you", "基本信息", None, None, "${consent} = 'yes'", "field-list"),
    ("select_one sex", "sex", "Sex", "性别", None, "yes", None, None),
    ("integer", "age", "Age in years", "年龄", "whole years", "yes", None, None),
    ("select_one status", "status", "Is your parent alive?", "您的父母是否健在？", None, "yes", None, "minimal"),
    ("end group", None, None, None, None, None, None, None),
    ("begin_group", "services_group", "Services", "服务", None, None, None, None),
    ("select_multiple services", "used", "Which services did you use?", "您使用过哪些服务？", "Select all that apply", "no", None, None),
    ("select_one agree5", "sat_housing", "I am satisfied with housing", "我对住房满意", None, "yes", None, "likert"),
    ("select_one agree5", "sat_schools", "I am satisfied with schools", "我对学校满意", None, "yes", None, "likert"),
    ("end_group", None, None, None, None, None, None, None),
    ("text", "comments", "Anything else?", "其他意见？", None, "no", None, "multiline"),
    ("date", "visit_date", "Date of the visit", "走访日期", None, "yes", None, None),
    ("geopoint", "gps", "Where are you?", "您所在的位置", None, "no", None, None),
    ("calculate", "n_services", None, None, None, None, None, None),
]

CHOICES = [
    ("yes_no", "yes", "Yes", "是"),
    ("yes_no", "no", "No", "否"),
    ("sex", "male", "Male", "男"),
    ("sex", "female", "Female", "女"),
    ("status", "alive", "Alive", "健在"),
    ("status", "dead", "Deceased", "已故"),
    ("services", "housing", "Housing", "住房"),
    ("services", "schools", "Schools", "学校"),
    ("services", "clinic", "Clinic", "诊所"),
    *[("agree5", n, en, zh) for n, en, zh in [(1, "Strongly disagree", "非常不同意"), (2, "Disagree", "不同意"),
                                              (3, "Neutral", "一般"), (4, "Agree", "同意"), (5, "Strongly agree", "非常同意")]],
]


def write_odk_form(path: Path, *, single_colon: bool = False) -> Path:
    en, zh = ("label:English", "label:Chinese") if single_colon else ("label::English (en)", "label::中文 (zh)")
    hint = "hint:English" if single_colon else "hint::English (en)"
    book = openpyxl.Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", en, zh, hint, "required", "relevant", "appearance", "calculation"])
    for row in SURVEY:
        survey.append([*row, "count-selected(${used})" if row[0] == "calculate" else None])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", en, zh])
    for row in CHOICES:
        choices.append(list(row))
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(["Household services", "household_services", "2024061801", "English (en)"])
    book.save(path)
    return path


#: a data export in the form's names: text choice names, select_multiple names joined by spaces
EXPORT_HEADER = ["start", "end", "today", "deviceid", "consent", "sex", "age", "status", "used", "sat_housing",
                 "sat_schools", "comments", "visit_date", "gps", "n_services", "_id", "_uuid", "_submission_time", "_index"]
EXPORT_ROWS = [
    ["2024-06-20T09:00:00.000+08:00", "2024-06-20T09:06:00.000+08:00", "2024-06-20", "collect:a1", "yes", "female", "34",
     "alive", "housing clinic", "4", "5", "none", "2024-06-20", "22.5431 114.0579 12 5", "2", "101", "uuid-101", "2024-06-20T01:07:00", "1"],
    ["2024-06-20T10:00:00.000+08:00", "2024-06-20T10:04:00.000+08:00", "2024-06-20", "collect:a2", "yes", "male", "51",
     "dead", "schools", "2", "3", "", "2024-06-20", "", "1", "102", "uuid-102", "2024-06-20T02:05:00", "2"],
    ["2024-06-21T11:00:00.000+08:00", "2024-06-21T11:09:00.000+08:00", "2024-06-21", "collect:a3", "no", "", "",
     "", "", "", "", "", "2024-06-21", "", "0", "103", "uuid-103", "2024-06-21T03:10:00", "3"],
]


GROUP = {"consent": "consent_group", **dict.fromkeys(("sex", "age", "status"), "about"),
         **dict.fromkeys(("used", "sat_housing", "sat_schools"), "services_group")}


def write_odk_export(path: Path, *, group_separator: str | None = None) -> Path:
    """The export; with ``group_separator`` its headers carry group paths: ``about-sex`` as ODK Central
    writes them, or ``about/sex`` as KoboToolbox does, whose select_multiple answers then come
    split into one 0/1 column per choice (``services_group/used/housing``)."""
    header, rows = list(EXPORT_HEADER), [list(row) for row in EXPORT_ROWS]
    if group_separator is not None:
        header = [f"{GROUP[h]}{group_separator}{h}" if h in GROUP else h for h in header]
    if group_separator == "/":
        k = EXPORT_HEADER.index("used")
        names = ("housing", "schools", "clinic")
        header[k:k + 1] = [f"services_group/used/{n}" for n in names]
        for row in rows:
            row[k:k + 1] = [("1" if n in row[k].split() else "0") if row[k] else "" for n in names]
    lines = [",".join(header)] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
