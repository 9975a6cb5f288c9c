"""The two-factor test: hygiene and motivator composites, their increments and asymmetry."""

TEMPLATES = {
    "zh": {
        "two_factor.composites": "以{outcome:id}为因变量的回归中，保健因素（β = {hygiene_beta:b3}，{hygiene_p:p}）和激励因素"
                                 "（β = {motivator_beta:b3}，{motivator_p:p}）共解释{r2_percent:n1}%的方差（R² = {r2:b3}）。",
        "two_factor.increment": "在控制另一类因素后，加入{added:w}使R²增加{r2_change:b3}（{f_stat:stat}，{p_value:p}）。",
        "two_factor.asymmetry": "分段回归显示，{factor:w}低于中点时的斜率为{beta_below:n}，高于中点时为{beta_above:n}（{f_stat:stat}，{p_value:p}），{pattern:w}。",
    },
    "en": {
        "two_factor.composites": "Regressed on the two composites, {outcome:id} gives hygiene β = {hygiene_beta:b3}, {hygiene_p:p} and "
                                 "motivator β = {motivator_beta:b3}, {motivator_p:p}; R² = {r2:b3}.",
        "two_factor.increment": "Adding the {added:w} composite last raises R² by {r2_change:b3}, {f_stat:stat}, {p_value:p}.",
        "two_factor.asymmetry": "Piecewise, the {factor:w} composite has slope {beta_below:n} below the midpoint and {beta_above:n} above it "
                                "({f_stat:stat}, {p_value:p}): {pattern:w}.",
    },
}

WORDS = {
    "zh": {"hygiene": "保健因素", "motivator": "激励因素",
           "pattern_hygiene": "呈现保健因素模式（低于中点时的影响大于高于中点时）",
           "pattern_motivator": "呈现激励因素模式（高于中点时的影响大于低于中点时）",
           "pattern_symmetric": "低于和高于中点的影响无显著差异"},
    "en": {"hygiene": "hygiene", "motivator": "motivator",
           "pattern_hygiene": "a hygiene pattern (ratings below the midpoint matter more than ratings above it)",
           "pattern_motivator": "a motivator pattern (ratings above the midpoint matter more)",
           "pattern_symmetric": "no significant asymmetry"},
}
