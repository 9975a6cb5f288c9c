"""Group comparisons: t, Mann–Whitney, ANOVA, Welch, Kruskal–Wallis and their post hoc pairs."""

TEMPLATES = {
    "zh": {
        "groups.significant": "由表可知，不同{by:id}在{dv:id}上存在显著差异（{stat:w}，{p_text:w}{direction:w}）{higher:w}。",
        "groups.not_significant": "由表可知，不同{by:id}在{dv:id}上不存在显著差异（{stat:w}，{p_text:w}{direction:w}）。",
        "groups.test_choice": "本研究采用{test:w}；{reason_zh}",
        "groups.post_hoc": "进一步{method}事后检验表明：{pairs:each:pair:pair_sep}{rest:w}。",
        "groups.post_hoc_none": "进一步{method}事后检验表明，各组两两之间均不存在显著差异。",
    },
    "en": {
        "groups.significant": "A {test:w} showed a significant difference in {dv:id} across {by:id} groups, {stat:w}, {p_text:w}, {es:w}{direction:w}{higher:w}.",
        "groups.not_significant": "A {test:w} found no significant difference in {dv:id} across {by:id} groups, {stat:w}, {p_text:w}, {es:w}{direction:w}.",
        "groups.test_choice": "Test choice: {reason}",
        "groups.post_hoc": "{method} comparisons: {pairs:each:pair:pair_sep}{rest:w}.",
        "groups.post_hoc_none": "{method} comparisons found no pair of groups that differed significantly.",
    },
}

_STATS = {
    "t": "{stat_value:stat}", "U": "U = {statistic:n}{comma_}z = {z:n}",
}

WORDS = {
    "zh": _STATS | {
        "student": "独立样本t检验", "welch": "Welch t检验", "mann_whitney": "Mann–Whitney U检验", "anova": "单因素方差分析",
        "welch_anova": "Welch方差分析", "kruskal": "Kruskal–Wallis H检验",
        "raw": "{p_value:p}", "adjusted": "{p_value:p}，经{adjust_method}校正{p_adjusted:p}",
        "none": "", "contrast": "，对比方向为{contrast}", "contrast_seen": "，对比方向为{contrast}（组别按数据中首次出现的顺序）",
        "higher": "，{high}（M = {high_mean:n}）显著高于{low}（M = {low_mean:n}）",
        "pair": "{high}显著高于{low}（{p_value:p}）", "pair_sep": "；", "rest": "；其余组间差异不显著",
    },
    "en": _STATS | {
        "student": "Student's independent-samples t test", "welch": "Welch's t test", "mann_whitney": "Mann–Whitney U test",
        "anova": "one-way ANOVA", "welch_anova": "Welch's ANOVA", "kruskal": "Kruskal–Wallis H test",
        "raw": "{p_value:p}", "adjusted": "{p_value:p}, {adjust_method}-adjusted {p_adjusted:p}",
        "es": "{es_symbol} = {effect_size:n}", "es_bounded": "{es_symbol} = {effect_size:b2}",
        "es_ci": "{es_symbol} = {effect_size:n}, {ci_level:pct}% CI [{es_ci_low:n}, {es_ci_high:n}]",
        "es_bounded_ci": "{es_symbol} = {effect_size:b2}, {ci_level:pct}% CI [{es_ci_low:b2}, {es_ci_high:b2}]",
        "none": "", "contrast": "; contrast {contrast}", "contrast_seen": "; contrast {contrast} (groups in order of first appearance)",
        "higher": "; {high} (M = {high_mean:n}, SD = {high_sd:n}) scored higher than {low} (M = {low_mean:n}, SD = {low_sd:n})",
        "pair": "{high} > {low} ({p_value:p})", "pair_sep": "; ", "rest": "; the other pairs did not differ significantly",
    },
}
