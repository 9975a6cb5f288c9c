"""Kano classification of each attribute (Better–Worse coefficients, mixed categories)."""

CATEGORIES = {
    "en": {"A": "attractive", "O": "one-dimensional", "M": "must-be", "I": "indifferent", "R": "reverse", "Q": "questionable"},
    "zh": {"A": "魅力型", "O": "期望型", "M": "必备型", "I": "无差异型", "R": "反向型", "Q": "可疑结果"},
}

TEMPLATES = {
    "zh": {
        "kano.attribute": "{attribute:id}属于{category:w}需求（Better = {better:b3}，Worse = {worse:b3}）{mixed:w}。",
        "kano.dropped": "已剔除{n_dropped}名可疑回答（Q）过多的受访者。",
    },
    "en": {
        "kano.attribute": "{attribute:id} is a {category:w} attribute (Better = {better:b3}, Worse = {worse:b3}){mixed:w}.",
        "kano.dropped": "{n_dropped} respondents with too many questionable (Q) answers were removed.",
    },
}

WORDS = {
    "zh": CATEGORIES["zh"] | {"none": "", "mixed": "，但与{other:w}的差异不显著（Fong检验），属于混合类别，按M > O > A > I规则归类"},
    "en": CATEGORIES["en"] | {"none": "", "mixed": "; the difference from {other:w} is not significant (Fong test), so it is mixed and classified by the M > O > A > I rule"},
}
