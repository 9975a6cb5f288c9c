"""What the loader warns about, as keys and values, and the zh/en templates that render them.

A :class:`LoaderMessage` is a finding of the loader (a repeated header, a column that matches no
item, a date that is not one); :data:`TEMPLATES` says it in English (the warning's message) or in
Chinese (``survey inspect --lang zh``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

from ..errors import SurveyWarning

__all__ = ["LoaderMessage", "TEMPLATES", "render", "warn"]


def _and(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def _repeated_en(v: dict) -> str:
    return "; ".join(f"{name!r} (columns {_and(positions)}) as {', '.join(map(repr, kept))}" for name, positions, kept in v["headers"])


def _repeated_zh(v: dict) -> str:
    return "；".join(f"{name!r}（第 {'、'.join(map(str, positions))} 列）记为 {'、'.join(map(repr, kept))}" for name, positions, kept in v["headers"])


def _more_en(v: dict) -> str:
    return f" and {v['more']} more" if v["more"] else ""


# {where}: is put before a message whose values name the file (see render)
TEMPLATES: dict[str, dict[str, Any]] = {
    "en": {
        "repeated_headers": lambda v: (
            f"{v['n']} header(s) head more than one column; every column is kept, named by its position: {_repeated_en(v)}. "
            f"A questionnaire binds an item to one of them with column: {{position: {v['position']}}} or column: {{header: {v['name']!r}, occurrence: 2}}"),
        "empty_header": lambda v: f"column {v['column']} has no header; it is kept as {v['name']!r}",
        "columns_unmatched": lambda v: (
            f"{v['n']} column(s) match no item of questionnaire {v['questionnaire']!r} and are kept in meta: {v['shown']}{_more_en(v)}"),
        "items_absent": lambda v: (
            f"{v['n']} item(s) of questionnaire {v['questionnaire']!r} have no column in the file "
            f"(of its {v['n_items']}) and are all missing: {v['shown']}{_more_en(v)}"),
        "number_text_differs": lambda v: (
            f"column {v['column']!r} matched item {v['item']!r} by question number {v['number']}, but its text differs from the questionnaire's"),
        "not_dates": lambda v: f"{v['n']} value(s) of {v['column']!r} are not dates/times; they are left missing in meta",
        "not_durations": lambda v: f"{v['n']} distinct value(s) of {v['column']!r} are not durations; they are left missing in meta",
        "excel_digits": lambda v: (
            f"sheet {v['sheet']!r} stores whole numbers of more than {v['digits']} digits as numbers (first in {v['cells']}); "
            f"Excel keeps only {v['digits']} significant digits, so identifiers like these lost their last digits when the "
            "workbook was saved: format such columns as text and enter them again"),
    },
    "zh": {
        "repeated_headers": lambda v: (
            f"{v['n']} 个表头各对应不止一列；每一列都保留，按位置命名：{_repeated_zh(v)}。"
            f"问卷可用 column: {{position: {v['position']}}} 或 column: {{header: {v['name']!r}, occurrence: 2}} 把题目绑定到其中一列"),
        "empty_header": lambda v: f"第 {v['column']} 列没有表头，保留为 {v['name']!r}",
        "columns_unmatched": lambda v: (
            f"{v['n']} 列与问卷 {v['questionnaire']!r} 的任何题目都不匹配，保留在元数据（meta）中：{v['shown']}"
            + (f" 等，另有 {v['more']} 列" if v["more"] else "")),
        "items_absent": lambda v: (
            f"问卷 {v['questionnaire']!r} 的 {v['n_items']} 个题目中有 {v['n']} 个在文件中没有对应的列，全部记为缺失：{v['shown']}"
            + (f" 等，另有 {v['more']} 个" if v["more"] else "")),
        "number_text_differs": lambda v: f"列 {v['column']!r} 按题号 {v['number']} 匹配到题目 {v['item']!r}，但其文字与问卷不同",
        "not_dates": lambda v: f"{v['column']!r} 中有 {v['n']} 个值不是日期/时间，在元数据（meta）中记为缺失",
        "not_durations": lambda v: f"{v['column']!r} 中有 {v['n']} 种取值不是时长，在元数据（meta）中记为缺失",
        "excel_digits": lambda v: (
            f"工作表 {v['sheet']!r} 把超过 {v['digits']} 位的整数存成了数字（首见于 {v['cells']}）；"
            f"Excel 只保留 {v['digits']} 位有效数字，这类编号在保存工作簿时已丢失末尾几位：请把这些列设为文本格式后重新录入"),
    },
}


def render(key: str, values: dict, lang: str = "en") -> str:
    """The message ``key`` with ``values`` in ``lang`` (zh or en), after ``where:`` when the values name the file."""
    body = TEMPLATES["zh" if lang == "zh" else "en"][key](values)
    where = values.get("where")
    return f"{where}{'：' if lang == 'zh' else ': '}{body}" if where else body


@dataclass(frozen=True)
class LoaderMessage:
    """One finding of the loader: a key of :data:`TEMPLATES` and the values its templates use."""

    key: str
    values: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return render(self.key, self.values, lang)

    def __str__(self) -> str:
        return self.text()


def warn(message: LoaderMessage, *, category: type[SurveyWarning] = SurveyWarning, stacklevel: int = 1) -> None:
    """Warn with ``message`` in English, its key and values kept on the warning for other languages."""
    warnings.warn(category(message.text(), key=message.key, values=message.values), stacklevel=stacklevel + 1)
