"""Importance–performance analysis: the quadrants, the priorities, the stated-vs-derived grid."""

QUADRANTS = {
    "en": {"concentrate": "concentrate here", "keep_up": "keep up the good work", "low_priority": "low priority", "overkill": "possible overkill"},
    "zh": {"concentrate": "重点改进", "keep_up": "继续保持", "low_priority": "低优先", "overkill": "过度投入"},
}
GRID_CLASSES = {
    "en": {"basic": "basic", "performance": "performance", "excitement": "excitement", "low_impact": "low impact"},
    "zh": {"basic": "基本型", "performance": "绩效型", "excitement": "兴奋型", "low_impact": "低影响"},
}

TEMPLATES = {
    "zh": {
        "ipa.quadrants": "以{centre:w}为分界（表现 = {performance_cross:n}，重要性 = {importance_cross:n}，重要性来源：{source:w}），"
                         "{quadrants:each:quadrant:quadrant_sep}。",
        "ipa.concentrate": "{attributes:ids}重要性高而表现低，应作为优先改进的问题。",
        "ipa.grid_basic": "陈述-推导重要性矩阵显示，{attributes:ids}属于基本型因素（自述重要但对满意度影响小，类似保健因素）。",
        "ipa.grid_excitement": "陈述-推导重要性矩阵显示，{attributes:ids}属于兴奋型因素（自述不重要但对满意度影响大，类似激励因素）。",
    },
    "en": {
        "ipa.quadrants": "With crosshairs at {centre:w} (performance {performance_cross:n}, importance {importance_cross:n}; importance {source:w}): "
                         "{quadrants:each:quadrant:quadrant_sep}.",
        "ipa.concentrate": "{attributes:ids} {verb:w} high importance with low performance and should be improved first.",
        "ipa.grid_basic": "The stated-vs-derived grid marks {attributes:ids} as basic (said to matter, but little effect on satisfaction: hygiene-like).",
        "ipa.grid_excitement": "The stated-vs-derived grid marks {attributes:ids} as excitement (not said to matter, but a strong effect on satisfaction: motivator-like).",
    },
}

_SOURCES = ("stated", "correlation", "beta", "partial", "relative_weights")

WORDS = {
    "zh": QUADRANTS["zh"] | {
        "scale": "量表中点", "data": "均值", "quadrant": "{name:w}区：{members:w}", "quadrant_sep": "；", "listed": "{attributes:ids}", "empty": "无",
        "stated": "自述重要性", "correlation": "相关系数", "beta": "标准化回归系数", "partial": "偏相关系数", "relative_weights": "相对权重",
    },
    "en": QUADRANTS["en"] | {s: s for s in _SOURCES} | {
        "scale": "the scale midpoint", "data": "the mean", "quadrant": "{name:w}: {members:w}", "quadrant_sep": "; ", "listed": "{attributes:ids}",
        "empty": "none", "one": "combines", "several": "combine",
    },
}
