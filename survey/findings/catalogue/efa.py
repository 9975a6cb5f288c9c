"""Exploratory factor analysis and parallel analysis."""

TEMPLATES = {
    "zh": {
        "efa.solution": "{polychoric:w}采用{method:w}提取因子、{rotation:w}，根据{rule:w}共提取{n_factors}个因子，累计方差解释率为{cumulative:pc}%。",
        "efa.inadmissible": "注意：{stalled:w}该解不可接受，不应解释（{issues:each:issue:issue_sep}）。",
        "efa.note": "注意：{stalled:w}请谨慎解释（{issues:each:issue:issue_sep}）。",
        "efa.weak_items": "在所有因子上载荷均低于0.4的题项：{items:ids}。",
        "efa.cross_loadings": "在多个因子上载荷高于0.4的交叉载荷题项：{items:ids}。",
        "efa.parallel": "平行分析（{n_iter}次随机模拟，随机种子{seed}）显示，前{n_suggested}个观测特征值大于随机数据特征值的{reference:w}，建议保留{n_suggested}个{kind:w}。",
    },
    "en": {
        "efa.solution": "A {method:w} analysis with {rotation:w} rotation retained {n_factors} {kind:w} by {rule:w}, explaining {cumulative:pc}% of the variance{polychoric:w}.",
        "efa.inadmissible": "The solution is inadmissible and should not be interpreted: {issues:each:issue:issue_sep}.",
        "efa.note": "Note: {issues:each:issue:issue_sep}.",
        "efa.weak_items": "Items loading below .40 on every factor: {items:ids}.",
        "efa.cross_loadings": "Items cross-loading (≥ .40 on more than one factor): {items:ids}.",
        "efa.parallel": "Parallel analysis ({n_iter} simulated data sets, seed {seed}) suggested {n_suggested} {kind:w}: "
                        "the first {n_suggested} observed eigenvalues exceed the {reference:w} of the simulated ones.",
    },
}

WORDS = {
    "zh": {
        "pearson": "", "polychoric": "基于多分格（polychoric）相关矩阵，",
        "minres": "最小残差法", "pa": "主轴因子法", "ml": "最大似然法", "pc": "主成分分析法",
        "none": "不旋转", "varimax": "经Kaiser标准化的最大方差法（varimax）正交旋转", "promax": "经Kaiser标准化的promax斜交旋转",
        "promax_pc": "promax斜交旋转", "oblimin": "直接斜交（oblimin）旋转", "quartimax": "四次方最大法（quartimax）正交旋转",
        "parallel": "平行分析", "kaiser": "特征值大于1的标准", "given": "预设的因子数",
        "converged": "", "not_converged": "迭代未收敛，", "issue": "{issue}", "issue_sep": "；",
        "components": "主成分", "factors": "因子", "mean": "均值", "quantile": "{quantile:pct}%分位数",
    },
    "en": {
        "pearson": "", "polychoric": " (polychoric correlations)",
        "minres": "minimum-residual factor", "pa": "principal-axis factor", "ml": "maximum-likelihood factor", "pc": "principal components",
        "none": "unrotated", "varimax": "varimax with Kaiser normalisation", "promax": "promax", "promax_pc": "stats::promax",
        "oblimin": "direct oblimin, gamma = 0", "quartimax": "quartimax, no Kaiser normalisation",
        "parallel": "parallel analysis", "kaiser": "the eigenvalue-greater-than-one rule", "given": "the number requested",
        "converged": "", "not_converged": "", "issue": "{issue}", "issue_sep": "; ",
        "components": "components", "factors": "factors", "mean": "mean", "quantile": "{quantile:pct}% quantile",
    },
}
