"""Reliability: Cronbach's (or ordinal) alpha of one scale and of every construct."""

TEMPLATES = {
    "zh": {
        "reliability.alpha": "{subject:w}的{kind:w}为{alpha:b}（{ci_level:pct}%置信区间 [{ci_low:b}, {ci_high:b}]，n = {n}，{k}个题项），{verdict:w}。",
        "reliability.low_citc": "校正的项总计相关性（CITC）低于0.3的题项：{items:ids}。",
        "reliability.alpha_if_deleted": "删除后α系数会提高的题项：{items:ids}。",
        "reliability.range_acceptable": "各维度的{kind:w}介于{low:b}与{high:b}之间，均大于0.7，说明量表信度良好。",
        "reliability.range_low": "各维度的{kind:w}介于{low:b}与{high:b}之间，部分维度低于0.7，信度有待提高。",
        "reliability.skipped": "{construct:id}：{reason}",
    },
    "en": {
        "reliability.alpha": "{subject:w} ({k} items, n = {n}) had {kind:w} = {alpha:b}, {ci_level:pct}% CI [{ci_low:b}, {ci_high:b}] ({method:w}), "
                             "which is {word:w} by convention (α ≥ .70 acceptable, ≥ .80 good).",
        "reliability.low_citc": "Items with corrected item–total r below .30: {items:ids}.",
        "reliability.alpha_if_deleted": "Alpha would rise if these items were deleted: {items:ids}.",
        "reliability.range_acceptable": "{range_kind:w} of the {n_constructs} constructs ranged from {low:b} to {high:b}; all reached the conventional .70.",
        "reliability.range_low": "{range_kind:w} of the {n_constructs} constructs ranged from {low:b} to {high:b}; some fell below the conventional .70.",
        "reliability.skipped": "{construct:id}: {reason}",
    },
}

WORDS = {
    "zh": {
        "named": "“{name:id}”", "unnamed": "量表",
        "pearson": "Cronbach's α系数", "polychoric": "有序α系数（基于多分格相关）",
        "above_named": "大于{cut}，说明该维度信度{word:w}", "above_unnamed": "大于{cut}，说明量表信度{word:w}",
        "below_named": "低于0.7，说明信度{word:w}", "below_unnamed": "低于0.7，说明信度{word:w}",
        "excellent": "非常好", "good": "良好", "acceptable": "可以接受", "questionable": "尚可", "poor": "较差", "unacceptable": "不可接受",
    },
    "en": {
        "named": "The {name:id} scale", "unnamed": "The scale",
        "pearson": "Cronbach’s α", "polychoric": "ordinal α (from polychoric correlations)",
        "range_pearson": "Cronbach’s α", "range_polychoric": "Ordinal α (from polychoric correlations)",
        "feldt": "Feldt", "bootstrap": "percentile bootstrap, {n_boot} resamples",
        "excellent": "excellent", "good": "good", "acceptable": "acceptable", "questionable": "questionable", "poor": "poor",
        "unacceptable": "unacceptable",
    },
}
