"""Linear regression: the model, its steps, each predictor, collinearity."""

TEMPLATES = {
    "zh": {
        "regression.model_significant": "以{outcome:id}为因变量的回归模型R² = {r2:b}，调整后R² = {adj_r2:b}，{f_stat:stat}，{p_value:p}，说明模型具有统计学意义。",
        "regression.model_not_significant": "以{outcome:id}为因变量的回归模型R² = {r2:b}，调整后R² = {adj_r2:b}，{f_stat:stat}，{p_value:p}，说明模型不具有统计学意义。",
        "regression.weighted": "估计采用加权最小二乘（调查权数），标准误为基于设计的线性化标准误，F检验为Wald检验。",
        "regression.reference": "名义变量采用虚拟变量编码，参照组为：{references:each:reference:reference_sep}。",
        "regression.step_significant": "第{step}层加入{added:ids}后，R²增加了{r2_change:b3}（ΔF = {f_change:n}，{p_value:p}），显著提高了模型解释力。",
        "regression.step_not_significant": "第{step}层加入{added:ids}后，R²增加了{r2_change:b3}（ΔF = {f_change:n}，{p_value:p}），未显著提高模型解释力。",
        "regression.predictor_significant": "{term:id}{versus:w}对{outcome:id}具有显著的{sign:w}影响（β = {beta:b}，{t_stat:stat}，{p_value:p}）。",
        "regression.predictor_not_significant": "{term:id}{versus:w}对{outcome:id}的影响不显著（β = {beta:b}，{p_value:p}）。",
        "regression.collinearity": "需注意，{term:id}的VIF为{vif:n}（≥ 5），存在较强的多重共线性。",
    },
    "en": {
        "regression.model_significant": "The regression model predicting {outcome:id} was significant, {f_stat:stat}, {p_value:p}, R² = {r2:b}, adjusted R² = {adj_r2:b} (n = {n}).",
        "regression.model_not_significant": "The regression model predicting {outcome:id} was not significant, {f_stat:stat}, {p_value:p}, R² = {r2:b}, adjusted R² = {adj_r2:b} (n = {n}).",
        "regression.weighted": "Estimates are weighted (WLS with survey weights); standard errors are design-based (linearisation) and F tests are Wald tests.",
        "regression.reference": "Nominal predictors were dummy-coded; reference categories: {references:each:reference:reference_sep}.",
        "regression.step_significant": "Adding {added:ids} in step {step} significantly increased the explained variance, ΔR² = {r2_change:b3}, {f_change_stat:stat}, {p_value:p}.",
        "regression.step_not_significant": "Adding {added:ids} in step {step} did not significantly increase the explained variance, ΔR² = {r2_change:b3}, {f_change_stat:stat}, {p_value:p}.",
        "regression.predictor_significant": "{term:id}{versus:w} was a significant {sign:w} predictor of {outcome:id}, B = {estimate:n}, β = {beta:b}, {t_stat:stat}, {p_value:p}.",
        "regression.predictor_not_significant": "{term:id}{versus:w} did not significantly predict {outcome:id}, β = {beta:b}, {t_stat:stat}, {p_value:p}.",
        "regression.collinearity": "Collinearity warning: VIF of {term:id} is {vif:n} (≥ 5).",
    },
}

WORDS = {
    "zh": {"reference": "{variable:id}为{reference}", "reference_sep": "；", "versus": "（相对于{reference}）", "none": "",
           "positive": "正向", "negative": "负向"},
    "en": {"reference": "{variable:id} = {reference}", "reference_sep": "; ", "versus": " (vs. {reference})", "none": "",
           "positive": "positive", "negative": "negative"},
}
