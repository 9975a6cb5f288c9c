"""Known response scales (anchor sets) and how a set of answers is recognised as one of them.

Used by the questionnaire drafter: answers such as 满意, 一般, 非常不满意 take the codes of their
set's natural order (1 = 非常不满意 … 5 = 非常满意), whatever order they appear in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema.model import Text

__all__ = ["ANCHORS", "Anchor", "fit_anchor", "label_key"]


def label_key(label: str) -> str:
    """The key labels are compared by: NFKC, case-folded, without spaces and punctuation."""
    from ..io.normalize import norm

    return norm(label)


@dataclass(frozen=True)
class Anchor:
    """A known response scale: per code (1, 2, …) the accepted Chinese and English labels, canonical first."""

    name: str
    points: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    ordered: bool = True

    def code(self, label: str) -> int | None:
        key = label_key(label)
        for code, (zh, en) in enumerate(self.points, start=1):
            if key in {label_key(x) for x in zh + en}:
                return code
        return None

    def text(self, code: int, seen: str | None) -> Text:
        """The label of ``code``: the spelling seen in the export, the canonical one in the other language."""
        zh, en = self.points[code - 1]
        if seen is not None and label_key(seen) in {label_key(x) for x in en}:
            return Text(zh=zh[0], en=seen)
        return Text(zh=seen or zh[0], en=en[0])


_MID_ZH = ("一般", "中立", "不确定", "说不清", "中等")
ANCHORS: tuple[Anchor, ...] = (
    Anchor("satisfaction", ((("非常不满意",), ("very dissatisfied", "extremely dissatisfied")),
                            (("不满意", "比较不满意"), ("dissatisfied", "somewhat dissatisfied")),
                            (_MID_ZH, ("neutral", "neither satisfied nor dissatisfied")),
                            (("满意", "比较满意"), ("satisfied", "somewhat satisfied")),
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
COVER = 0.95  # an anchor set is taken when its labels cover this share of the answers


def _fit_points(counts: dict[str, int]) -> tuple[str, dict[int, Text], list[str]] | None:
    points = {label: int(m.group(1)) for label in counts if (m := _POINTS.match(label.strip()))}
    if len(points) < 2 or sum(counts[label] for label in points) < COVER * sum(counts.values()):
        return None
    seen = {code: label for label, code in points.items()}
    low = 0 if min(points.values()) == 0 else 1
    labels = {c: Text(zh=seen.get(c, f"{c}分"), en=f"{c} points") for c in range(low, max(points.values()) + 1)}
    return "points", labels, [label for label in counts if label not in points]


def fit_anchor(counts: dict[str, int]) -> tuple[str, dict[int, Text], list[str]] | None:
    """The known anchor set that fits the answers ``{label: count}``, as (name, labels, labels left out).

    A set fits when at least two of its points are seen, no two labels fall on one point, and its
    labels cover 95% of the answers; labels outside it are returned (they are not coded). "1分 …
    5分" gives the numbers as codes.

    >>> name, labels, left = fit_anchor({"满意": 40, "非常不满意": 3, "一般": 20, "很满意": 1})
    >>> name, {k: v.zh for k, v in labels.items()}, left
    ('satisfaction', {1: '非常不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意'}, ['很满意'])
    """
    points = _fit_points(counts)
    if points is not None:
        return points
    total = sum(counts.values())
    best = None
    for anchor in ANCHORS:
        mapping = {label: code for label in counts if (code := anchor.code(label)) is not None}
        if len(mapping) < 2 or len(set(mapping.values())) != len(mapping):
            continue
        covered = sum(counts[label] for label in mapping)
        if covered >= COVER * total and (best is None or (covered, len(mapping)) > best[0]):
            best = ((covered, len(mapping)), anchor, mapping)
    if best is None:
        return None
    _, anchor, mapping = best
    seen = {code: label for label, code in mapping.items()}
    labels = {code: anchor.text(code, seen.get(code)) for code in range(1, len(anchor.points) + 1)}
    return anchor.name, labels, [label for label in counts if label not in mapping]
