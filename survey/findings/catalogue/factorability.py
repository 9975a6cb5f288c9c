"""Factorability: the Kaiser–Meyer–Olkin measure and Bartlett's test of sphericity."""

KAISER = {
    "en": {"marvelous": "marvelous", "meritorious": "meritorious", "middling": "middling", "mediocre": "mediocre", "miserable": "miserable",
           "unacceptable": "unacceptable"},
    "zh": {"marvelous": "极好", "meritorious": "良好", "middling": "中等", "mediocre": "一般", "miserable": "较差", "unacceptable": "不可接受"},
}

TEMPLATES = {
    "zh": {
        "factorability.kmo_suitable": "KMO值为{kmo:b}，按Kaiser的标准属于“{word:w}”，适合进行因子分析。",
        "factorability.kmo_doubtful": "KMO值为{kmo:b}，按Kaiser的标准属于“{word:w}”，不太适合进行因子分析。",
        "factorability.low_msa": "以下题项的MSA低于0.5，建议考虑删除：{items:ids}。",
        "factorability.bartlett_significant": "Bartlett球形检验显著（{chi2:stat}，{p_value:p}），相关矩阵不是单位矩阵，适合进行因子分析。",
        "factorability.bartlett_not_significant": "Bartlett球形检验不显著（{chi2:stat}，{p_value:p}），不能拒绝相关矩阵为单位矩阵的假设。",
    },
    "en": {
        "factorability.kmo_suitable": "The Kaiser–Meyer–Olkin measure of sampling adequacy was KMO = {kmo:b} ({word:w}, Kaiser, 1974); the items are suitable for factor analysis.",
        "factorability.kmo_doubtful": "The Kaiser–Meyer–Olkin measure of sampling adequacy was KMO = {kmo:b} ({word:w}, Kaiser, 1974); factor analysis is doubtful.",
        "factorability.low_msa": "Items with MSA below .50 (consider dropping): {items:ids}.",
        "factorability.bartlett_significant": "Bartlett's test of sphericity, {chi2:stat}, {p_value:p}: the correlations are large enough for factor analysis.",
        "factorability.bartlett_not_significant": "Bartlett's test of sphericity, {chi2:stat}, {p_value:p}: the correlation matrix does not differ from an identity matrix.",
    },
}

WORDS = KAISER
