"""Pooling: analyses combined over multiple imputations by Rubin's rules."""

TEMPLATES = {
    "zh": {
        "pooling.head": "结果为{m}个插补数据集按Rubin规则合并的估计（自由度按Barnard–Rubin法）。",
        "pooling.alpha_note": "α取各插补数据集α系数的均值（通行做法）。",
        "pooling.alpha": "{scale:id}：α = {alpha:b}（各插补数据集介于{alpha_min:b}与{alpha_max:b}之间）",
        "pooling.model_test": "{f_stat:stat}，{p_value:p}（D2合并检验）",
        "pooling.term": "{term:id}：B = {estimate:n}，SE = {se:n}，{t_stat:stat}，{p_value:p}，缺失信息比例 = {fmi:b}。",
    },
    "en": {
        "pooling.head": "Results pooled over {m} imputations by Rubin's rules (Barnard–Rubin degrees of freedom).",
        "pooling.alpha_note": "α is the mean of the imputations' α, the common practice (no Rubin variance is defined for it).",
        "pooling.alpha": "{scale:id}: α = {alpha:b} (range {alpha_min:b}–{alpha_max:b} over the imputations)",
        "pooling.model_test": "{f_stat:stat}, {p_value:p} (D2 pooled test)",
        "pooling.term": "{term:id}: B = {estimate:n}, SE = {se:n}, {t_stat:stat}, {p_value:p}, FMI = {fmi:b}.",
    },
}
