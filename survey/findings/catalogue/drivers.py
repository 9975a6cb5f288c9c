"""Driver importance: relative weights and general dominance, as shares of R²."""

TEMPLATES = {
    "zh": {
        "drivers.shares": "{method:w}显示，各因素共解释{outcome:id}方差的{r2_percent:n1}%（R² = {r2:b}）；"
                          "在已解释方差中，{shares:each:share:share_sep}，其中{top:id}的影响最大。",
    },
    "en": {
        "drivers.shares": "{method:w}: the predictors explain {r2_percent:n1}% of the variance of {outcome:id} "
                          "(R² = {r2:b}); of that, {shares:each:share:share_sep}; {top:id} matters most.",
    },
}

WORDS = {
    "zh": {"relative_weights": "相对权重分析（Johnson, 2000）", "dominance": "优势分析（一般优势权重）",
           "share": "{predictor:id}占{percent:n1}%", "share_sep": "，"},
    "en": {"relative_weights": "Relative weights (Johnson, 2000)", "dominance": "General dominance analysis",
           "share": "{predictor:id} {percent:n1}%", "share_sep": ", "},
}
