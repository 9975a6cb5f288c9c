"""Item analysis (项目分析): critical ratios of the extreme groups and corrected item–total r."""

TEMPLATES = {
    "zh": {
        "item_analysis.ranges": "以总分前{percent}%和后{percent}%划分高分组（n = {n_high}）与低分组（n = {n_low}），独立样本t检验显示各题项的决断值介于"
                                "{cr_low:n}与{cr_high:n}之间；校正的项总计相关性（CITC）介于{citc_low:b}与{citc_high:b}之间。",
        "item_analysis.all_kept": "所有题项的决断值均大于{cr_min:g}且达到显著水平，CITC均大于{citc_min:g}，题项鉴别度良好，予以保留。",
        "item_analysis.flagged": "未达标准、建议考虑删除的题项：{items:ids}。",
    },
    "en": {
        "item_analysis.ranges": "Respondents in the top and bottom {percent}% of the total score (n = {n_high} and {n_low}) differed on every item with "
                                "critical ratios from {cr_low:n} to {cr_high:n}; corrected item–total correlations ranged from {citc_low:b} to {citc_high:b}.",
        "item_analysis.all_kept": "All items met the criteria (critical ratio ≥ {cr_min:g}, p < {p_max:g}, CITC ≥ {citc_min:g}).",
        "item_analysis.flagged": "Items failing a criterion (consider dropping): {items:ids}.",
    },
}
