"""The 0–100 satisfaction index, overall and by group."""

TEMPLATES = {
    "zh": {
        "index.overall": "总体满意度指数为{estimate:n1}（满分100，{ci_level:pct}%置信区间 [{ci_low:n1}, {ci_high:n1}]，n = {n}）。",
        "index.by_group": "按{by:id}分组：{groups:each:group:group_sep}。",
    },
    "en": {
        "index.overall": "The satisfaction index is {estimate:n1} on a 0–100 scale ({ci_level:pct}% CI [{ci_low:n1}, {ci_high:n1}], n = {n}).",
        "index.by_group": "By {by:id}: {groups:each:group:group_sep}.",
    },
}

WORDS = {
    "zh": {"group": "{group}为{estimate:n1}（{ci_level:pct}%置信区间 [{ci_low:n1}, {ci_high:n1}]）", "group_sep": "；"},
    "en": {"group": "{group} {estimate:n1} ({ci_level:pct}% CI [{ci_low:n1}, {ci_high:n1}])", "group_sep": "; "},
}
