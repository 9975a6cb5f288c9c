"""Wenjuanxing (问卷星) exports: the answer-text export (按选项文本) and the code export (按选项序号).

Both start with metadata columns, matched by name: 序号, 提交答卷时间, 所用时间 ("379秒", "2分31秒"),
来源, 来源详情, 来自IP ("117.2.6.14(四川-绵阳)", personal), sometimes 总分, 填写者, 答题序号 and
province/city columns. Question columns are headed "3、性别" (or "3：性别", trailing spaces), matrix
rows "5、(住房保障)"; the text export joins multiple answers with "┋" and rankings with "→"; the code
export splits multiple choice into 0/1 columns headed "第6题(选项)". -2/-3 are skip codes: they count
as missing when the questionnaire's scale declares them.
"""

from __future__ import annotations

import re

from .layout import Layout
from .normalize import clean, parse_number, split_header

__all__ = ["WJX_META", "is_wenjuanxing", "layout"]

#: Wenjuanxing metadata headers -> standard names
WJX_META = {
    "序号": "respondent_id",
    "提交答卷时间": "submitted_at",
    "提交时间": "submitted_at",
    "开始答题时间": "started_at",
    "开始时间": "started_at",
    "所用时间": "duration_s",
    "答题时间": "duration_s",
    "来源": "channel",
    "来源详情": "channel_detail",
    "来自IP": "ip",
    "IP": "ip",
    "IP属地": "location",
    "总分": "total_score",
    "填写者": "respondent_name",
    "微信昵称": "wechat_nickname",
    "答题序号": "answer_number",
    "省份": "province",
    "城市": "city",
    "手机号": "phone",
}
_MARKERS = ("提交答卷时间", "所用时间", "来自IP", "来源详情")


def is_wenjuanxing(records: list[list[str]]) -> bool:
    """A Wenjuanxing export has 序号 and at least one of its other metadata headers."""
    names = {clean(n) for n in records[0]}
    return "序号" in names and any(m in names for m in _MARKERS)


def _looks_numeric(records: list[list[str]], names: list[str]) -> bool:
    if any(re.match(r"^第\s*\d+\s*题", n) for n in names):
        return True
    question_cols = [k for k, n in enumerate(names) if split_header(n)[0] is not None]
    values = [clean(row[k]) for row in records[1:] for k in question_cols if k < len(row) and clean(row[k])]
    if any("┋" in v or "→" in v for v in values):
        return False
    return bool(values) and sum(parse_number(v) is not None for v in values) >= 0.8 * len(values)


def _texts(names: list[str]) -> list[str]:
    """Question texts of the columns. The 2016 layout heads a matrix ``13、问题—外观`` and its other
    rows only ``界面美观度``, …: such bare columns get the question's number and text
    (``13、问题—界面美观度``), so that they match its rows; a bare column that is no row of that
    question matches nothing."""
    texts = list(names)
    carry = None
    for k, name in enumerate(names):
        number, head, sub = split_header(name)
        if number is not None:
            carry = (number, head) if sub is not None else None
        elif name in WJX_META or not name:
            carry = None
        elif carry is not None:
            texts[k] = f"{carry[0]}、{carry[1]}—{name}"
    return texts


def layout(records: list[list[str]], fmt: str | None) -> Layout:
    names = [clean(n) for n in records[0]]
    meta = {name: WJX_META[name] for name in names if name in WJX_META}
    fmt = fmt or ("wjx_numeric" if _looks_numeric(records, names) else "wjx_text")
    return Layout(
        format=fmt,
        n_header=1,
        names=names,
        texts=_texts(names),
        meta=meta,
        id_column="序号" if "序号" in names else None,
        multi_separators=("┋", "|"),
        rank_separators=("→",),
    )
