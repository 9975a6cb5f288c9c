"""Text normalisation used to match headers and labels: NFKC, whitespace, punctuation, case.

>>> norm(" ３、您的性别： ")
'3您的性别'
>>> norm("非常满意") == norm("　非常满意 ")
True
>>> split_header("5、(住房保障)")
('5', '', '住房保障')
>>> split_header("第6题(人才公寓)")
('6', '', '人才公寓')
>>> split_header("3：性别  ")
('3', '性别', None)
>>> split_header("2、请输入您的收货地址：—收货人姓名：")
('2', '请输入您的收货地址', '收货人姓名')
>>> split_header("第8题(ACG文化（动漫、游戏等）)")
('8', '', 'ACG文化(动漫、游戏等)')
>>> split_header("8、您常用的社交媒体(如微信、微博)(多选)")
('8', '您常用的社交媒体(如微信、微博)', '多选')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["clean", "norm", "parse_number", "split_header", "split_note"]

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_NUMBERED = re.compile(r"^(?:第\s*(\d+)\s*题|(\d+)\s*[、.:)])\s*(.*)$", re.S)


def clean(text: str) -> str:
    """NFKC (full-width -> half-width) and surrounding whitespace removed."""
    return unicodedata.normalize("NFKC", text).strip()


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """A key for comparing texts: NFKC, case-folded, without whitespace or punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("P"))


def parse_number(text: str) -> float | None:
    """``"5"``, ``" ５ "``, ``"-3"``, ``"2.0"`` -> a float; anything else (incl. "NaN", "inf") -> None."""
    text = clean(text)
    if _NUMBER.match(text):
        return float(text)
    return None


def _opening(text: str) -> int | None:
    """Where the bracket group that closes ``text`` opens (brackets balanced), or None."""
    if not text.endswith(")"):
        return None
    depth = 0
    for k in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return None


def split_note(text: str) -> tuple[str, str | None]:
    """A label and the note in brackets that closes it, if any.

    >>> split_note("其他（请注明）"), split_note("住房(含(人才)公寓)"), split_note("新闻")
    (('其他', '请注明'), ('住房', '含(人才)公寓'), ('新闻', None))
    """
    text = clean(text)
    opening = _opening(text)
    if not opening:
        return text, None
    return text[:opening].strip(), text[opening + 1 : -1].strip()


def _outside_brackets(text: str, sep: str) -> int:
    """The last position of ``sep`` at bracket depth 0, or -1."""
    depth = 0
    found = -1
    for k, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and text.startswith(sep, k):
            found = k
    return found


def split_header(header: str) -> tuple[str | None, str, str | None]:
    """A platform question header -> (question number, question text, sub-label).

    Handles ``3、性别``, ``3：性别``, ``5、(住房保障)`` (matrix row), ``第6题(选项)`` (an option of a
    multiple-choice question) and ``2、问题—子项`` (a sub-field). Brackets (ASCII or full-width) are
    matched in pairs, so a label may hold brackets of its own: ``第8题(其他(请注明))``.
    """
    text = clean(header)
    m = _NUMBERED.match(text)
    if not m:
        return None, text, None
    number = m.group(1) or m.group(2)
    rest = m.group(3).strip()
    opening = _opening(rest)
    if opening == 0:
        return number, "", rest[1:-1].strip()
    dash = _outside_brackets(rest, "—")
    if dash >= 0:
        head, sub = rest[:dash], rest[dash + 1 :]
        return number, head.strip().rstrip(":").strip(), sub.strip().rstrip(":").strip()
    head, note = split_note(rest)
    return number, head, note
