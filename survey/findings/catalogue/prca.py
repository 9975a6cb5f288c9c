"""Penalty–reward contrast analysis and the impact-asymmetry index, per attribute."""

CLASSES = {
    "en": {"basic": "basic (dissatisfier)", "performance": "performance", "excitement": "excitement (satisfier)", "undefined": "undefined (IA outside [−1, 1])"},
    "zh": {"basic": "基本型（不满意因素）", "performance": "绩效型", "excitement": "兴奋型（满意因素）", "undefined": "无法判定（IA超出[−1, 1]）"},
}
ROLES = {"en": {"hygiene": "hygiene", "motivator": "motivator"}, "zh": {"hygiene": "保健", "motivator": "激励"}}

TEMPLATES = {
    "zh": {
        "prca.attribute": "{attribute:id}属于{class:w}：与中等评价相比，评价低时总体满意度{low_effect:w}{penalty:n}分，"
                          "评价高时{high_effect:w}{reward:n}分（IA = {ia:b2}{interval:w}）{match:w}。",
        "prca.anomaly": "{attribute:id}的奖励系数为负（{reward:n}，惩罚系数{penalty:n}），IA = (r − |p|)/(r + |p|) = {ia:n}超出其定义范围[−1, 1]，"
                        "属于异常结果，不据此判定其类型。",
    },
    "en": {
        "prca.attribute": "{attribute:id} acts as {article:w} {class:w} factor: compared with a middling rating, a low rating {low_effect:w} overall "
                          "satisfaction by {penalty:n} points, a high one {high_effect:w} it by {reward:n}; IA = {ia:b2}{interval:w}{match:w}.",
        "prca.anomaly": "{attribute:id} has a negative reward ({reward:n}; penalty {penalty:n}), so IA = (r − |p|)/(r + |p|) = {ia:n} falls outside its range "
                        "[−1, 1]: an anomaly, not an asymmetry; no class is assigned.",
    },
}

WORDS = {
    "zh": CLASSES["zh"] | ROLES["zh"] | {
        "lowers": "降低", "raises": "提高", "none": "",
        "interval": "，{ci_level:pct}%置信区间 [{ia_ci_low:b2}, {ia_ci_high:b2}]",
        "no_interval": "，置信区间不报告：{out_of_range:n1}%的自助样本奖励系数为负、IA超出[−1, 1]",
        "confirmed": "，与预设的{role:w}因素角色一致", "reversed": "，与预设的{role:w}因素角色相反", "mixed": "，预设为{role:w}因素，但影响是对称的",
    },
    "en": CLASSES["en"] | ROLES["en"] | {
        "lowers": "lowers", "raises": "raises", "none": "", "a": "a", "an": "an",
        "interval": ", {ci_level:pct}% CI [{ia_ci_low:b2}, {ia_ci_high:b2}]",
        "no_interval": "; no interval: in {out_of_range:n1}% of bootstrap resamples the reward was negative and IA fell outside [−1, 1]",
        "confirmed": ", which confirms its a-priori {role:w} role", "reversed": ", the reverse of its a-priori {role:w} role",
        "mixed": "; its a-priori {role:w} role is not borne out (symmetric effect)",
    },
}
