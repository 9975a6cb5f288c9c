"""Triangulation of the classifications (PRCA/IA, Kano, stated-vs-derived importance)."""

TEMPLATES = {
    "zh": {
        "triangulation.agree": "多种方法对{attributes:ids}的判断一致。",
        "triangulation.disagree": "各方法对{attributes:ids}的判断不一致，需结合访谈资料解释。",
        "triangulation.priority": "优先问题：{attribute:id}（{reason_zh}）。",
    },
    "en": {
        "triangulation.agree": "All methods agree on {attributes:ids}.",
        "triangulation.disagree": "The methods disagree on {attributes:ids}; the interviews may explain why.",
        "triangulation.priority": "Priority problem: {attribute:id} ({reason_en}).",
    },
}
