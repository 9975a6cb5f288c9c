"""Descriptive statistics: construct means, answer distributions, the sample profile."""

TEMPLATES = {
    "zh": {
        "descriptives.mean": "{variable:id}的均值为{mean:n}，标准差为{sd:n}（n = {n}）。",
        "descriptives.highest_lowest": "其中{highest:id}的均值最高，{lowest:id}的均值最低。",
        "descriptives.non_normal": "{variables:ids}的偏度绝对值大于2或峰度绝对值大于7，偏离正态分布较明显。",
        "descriptives.top_categories": "{item:id}：选择最高{k_top}个等级的受访者占{percent:n1}%（n = {n}）。",
        "descriptives.largest_group": "从{variable:id}来看，{category}占比最高（{n}人，占{percent:n1}%）。",
        "descriptives.suppressed": "人数少于{suppress_below}的单元格不予显示。",
    },
    "en": {
        "descriptives.mean": "{variable:id}: M = {mean:n}, SD = {sd:n} (n = {n}).",
        "descriptives.highest_lowest": "The highest mean was for {highest:id} and the lowest for {lowest:id}.",
        "descriptives.non_normal": "Skewness beyond |2| or kurtosis beyond |7| (Kim, 2013): {variables:ids}.",
        "descriptives.top_categories": "{item:id}: {percent:n1}% chose the top {k_top} categories (n = {n}).",
        "descriptives.largest_group": "By {variable:id}, the largest group was {category} (n = {n}, {percent:n1}%).",
        "descriptives.suppressed": "Cells with fewer than {suppress_below} respondents are suppressed.",
    },
}
