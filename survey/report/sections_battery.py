"""Report sections of the thesis battery: common-method bias (共同方法偏差检验), multiple-choice
items (多选题分析) and sample size and power (样本量与统计检验力)."""

from __future__ import annotations

import pandas as pd

from ..findings.format import fmt_num
from ..stats.multiple import P_ADJUST_NAMES
from .context import Context, SkipSection

MODEL_NAMES = {
    "zh": {"one_factor": "单因子模型", "measurement": "测量模型", "ulmc": "测量模型 + 方法因子（ULMC）"},
    "en": {"one_factor": "One-factor model", "measurement": "Measurement model", "ulmc": "Measurement model + method factor (ULMC)"},
}


# ---------------------------------------------------------------------------- common-method bias
def common_method_bias(ctx: Context) -> None:
    from ..stats import common_method_bias as run

    options = ctx.plan.analyses.common_method_bias
    res = run(ctx.clean, constructs=options.constructs, marker=options.marker, cfa=options.cfa, ulmc=options.ulmc,
              threshold=options.threshold)
    ctx.results["common_method_bias"] = res
    ctx.heading(ctx.t("共同方法偏差检验", "Common-method bias"))
    admissible_ulmc = res.ulmc_loadings is not None and bool(res.ulmc_admissible)
    methods = [ctx.t("Harman单因素检验", "Harman's single-factor test")]
    refs = ["{@harman}"]
    if res.models is not None:
        methods.append(ctx.t("验证性因子分析的模型比较", "CFA model comparisons"))
        refs.append("{@cmb_models}")
    if admissible_ulmc:
        refs.append("{@ulmc_loadings}")
    if res.marker:
        methods.append(ctx.t("标记变量法", "a marker variable"))
        refs.append("{@marker}")
    ctx.para(ctx.t(
        "本研究的数据均来自同一批被调查者的自我报告，可能存在共同方法偏差（Podsakoff et al., 2003）。"
        f"采用{'、'.join(methods[:-1]) + '和' + methods[-1] if len(methods) > 1 else methods[0]}进行检验，结果见{'、'.join(refs)}。",
        "All measures come from the same respondents' self-reports, so common-method variance may inflate their relations "
        f"(Podsakoff et al., 2003). It was examined with {', '.join(methods[:-1]) + ' and ' + methods[-1] if len(methods) > 1 else methods[0]} "
        f"({', '.join(refs)})."))
    sentences = res.findings(ctx.lang, style=ctx.style)
    ctx.paras(sentences)
    harman = res.harman.copy()
    harman["first_share"] = harman["first_share"] * 100
    harman.index = [ctx.t("主成分分析（未旋转）", "Principal components (unrotated)"), ctx.t("公因子分析（最小残差法，未旋转）", "Common factor (minres, unrotated)")]
    harman.index.name = "method"
    ctx.table(harman, ctx.t("Harman单因素检验", "Harman's single-factor test"), key="harman",
              headers={"method": ctx.t("方法", "Method"), "first_share": ctx.t("第一个因子解释的变异量(%)", "First factor, % of variance"),
                       "first_variance": ctx.t("特征值/载荷平方和", "Eigenvalue / SS loadings")},
              kinds={"first_share": "number", "first_variance": "number"}, raw=res.harman,
              note=ctx.t(f"共{res.k}个题项，n = {res.n}；特征值大于1的因子{res.n_eigen_over_1}个。临界标准：40%（周浩、龙立荣，2004），50%（Podsakoff et al., 2003）。",
                         f"{res.k} items, n = {res.n}; {res.n_eigen_over_1} eigenvalues above 1. Criteria: 40% (Zhou & Long, 2004), 50% (Podsakoff et al., 2003)."))
    if res.models is not None:
        models = res.models.copy()
        models.index = [MODEL_NAMES[ctx.lang][m] for m in models.index]
        models.index.name = "model"
        ctx.table(models, ctx.t("共同方法偏差的模型比较", "Model comparisons for common-method bias"), key="cmb_models",
                  headers={"model": ctx.t("模型", "Model"), "chisq": "χ²", "chisq_df": "χ²/df", "cfi": "CFI", "tli": "TLI", "rmsea": "RMSEA", "srmr": "SRMR"},
                  columns=["chisq", "df", "chisq_df", "cfi", "tli", "rmsea", "srmr"], raw=res.models)
    if admissible_ulmc:
        table = res.ulmc_loadings.reset_index()
        table["item"] = [ctx.item_label(i) for i in table["item"]]
        table["factor"] = [ctx.construct_label(f) for f in table["factor"]]
        ctx.table(table, ctx.t("加入方法因子前后的标准化载荷", "Standardized loadings with and without the method factor"), key="ulmc_loadings",
                  headers={"trait_loading": ctx.t("特质载荷（测量模型）", "Trait loading"), "ulmc_trait_loading": ctx.t("特质载荷（ULMC）", "Trait loading (ULMC)"),
                           "change": ctx.t("变化", "Change"), "method_loading": ctx.t("方法因子载荷", "Method loading")},
                  kinds={"item": "text", "factor": "text", "trait_loading": "bounded", "ulmc_trait_loading": "bounded", "change": "bounded", "method_loading": "bounded"},
                  raw=res.ulmc_loadings)
    if res.marker_table is not None:
        table = res.marker_table.copy()
        for col in ("var1", "var2"):
            table[col] = [ctx.label(v) for v in table[col]]
        ctx.table(table, ctx.t("标记变量法校正后的相关系数", "Correlations corrected for the marker variable"), key="marker",
                  columns=["var1", "var2", "r", "r_adjusted", "statistic", "df", "p_value"], raw=res.marker_table,
                  headers={"var1": ctx.t("变量1", "Variable 1"), "var2": ctx.t("变量2", "Variable 2"), "r_adjusted": ctx.t("校正后r", "Adjusted r"), "statistic": "*t*"},
                  kinds={"var1": "text", "var2": "text", "r_adjusted": "bounded"},
                  note=ctx.t(f"标记变量：{ctx.label(res.marker)}；r_M取其与各变量相关中绝对值最小者（Lindell & Whitney, 2001）。",
                             f"Marker: {ctx.label(res.marker)}; r_M is its correlation with the variables that is smallest in absolute value (Lindell & Whitney, 2001)."))
    if res.first_share >= res.threshold:
        ctx.summary.append((2, sentences[0]))


# ---------------------------------------------------------------------------- multiple choice
def multiple_response(ctx: Context) -> None:
    from ..stats import multiple_response as run

    options = ctx.plan.analyses.multiple_response
    q = ctx.questionnaire
    items = options.items or [i.id for i in q.items if i.type == "multiple"]
    if not items:
        raise SkipSection(ctx.t("问卷中没有多选题", "the questionnaire has no multiple-choice item"))
    not_multiple = [i for i in items if q.item(i).type != "multiple"]
    if not_multiple:
        raise SkipSection(ctx.t(f"以下题项不是多选题：{'、'.join(not_multiple)}", f"these items are not multiple-choice: {', '.join(not_multiple)}"))
    ctx.heading(ctx.t("多选题分析", "Multiple-choice items"))
    method = P_ADJUST_NAMES.get(options.p_adjust, options.p_adjust)
    ctx.para(ctx.t("多选题按选项统计被选择的次数，响应百分比以全部选择次数为基数，个案百分比以至少选择一项的人数为基数（二者之和分别为100%与人均选择数×100%）；"
                   f"Cochran's Q检验各选项被选择的比例是否相同，分组比较对每个选项进行χ²检验，并对各选项的p值进行{method}校正。",
                   "Each option is counted; the response percentage is of all choices and the case percentage of respondents who chose at least one option. "
                   "Cochran's Q tests whether the options are chosen equally often; each option's share is compared across groups with χ², "
                   f"the p values adjusted across options ({method})."))
    for item in items:
        _one_item(ctx, run, item, options)


def _one_item(ctx: Context, run, item: str, options) -> None:
    method = P_ADJUST_NAMES.get(options.p_adjust, options.p_adjust)
    res = run(ctx.clean, item=item, adjust=options.p_adjust)
    ctx.results[f"multiple_response:{item}"] = res
    name = ctx.item_label(item)
    ctx.heading(name, 3)
    ctx.paras(res.findings(ctx.lang, style=ctx.style))
    table = res.to_frame().reset_index()
    table["option"] = [ctx.t("合计", "Total") if o == "total" else res.label(o, ctx.lang) for o in table["option"]]
    ctx.table(table, ctx.t(f"“{name}”的选择情况", f"Choices of {name}"), key=f"mr_{item}", raw=res.to_frame(),
              headers={"option": ctx.t("选项", "Option"), "n": ctx.t("响应次数", "Responses"),
                       "response_percent": ctx.t("响应百分比(%)", "% of responses"), "case_percent": ctx.t("个案百分比(%)", "% of cases")},
              kinds={"option": "text", "response_percent": "number", "case_percent": "number"}, digits=1,
              note=ctx.t(f"有效个案{res.n_cases}人（未作答{res.n_missing}人，未选择任何选项{res.n_no_choice}人）。",
                         f"{res.n_cases} cases ({res.n_missing} did not answer, {res.n_no_choice} chose no option)."))
    ctx.figure(res.plot(lang=ctx.lang), ctx.t(f"“{name}”各选项的个案百分比", f"Share of cases choosing each option: {name}"), key=f"mr_plot_{item}")
    for by in options.by:
        grouped = run(ctx.clean, item=item, by=by, adjust=options.p_adjust)
        ctx.results[f"multiple_response:{item}:{by}"] = grouped
        ctx.paras(grouped.findings(ctx.lang, style=ctx.style)[-1:])
        wide = grouped.crosstab_frame(ctx.lang).reset_index()
        wide["option"] = [grouped.label(o, ctx.lang) for o in wide["option"]]
        group_cols = [c for c in wide.columns if c not in ("option", "statistic", "df", "p_value", "p_adjusted")]
        for col in group_cols:  # percentages with one decimal, the test statistics with the style's digits
            wide[col] = [fmt_num(v, digits=1, style=ctx.style) for v in wide[col]]
        ctx.table(wide, ctx.t(f"不同{ctx.item_label(by)}的“{name}”选择比例", f"{name} by {ctx.item_label(by)}"), key=f"mr_{item}_{by}",
                  raw=grouped.by_group, headers={"option": ctx.t("选项", "Option"), "statistic": "χ²", "p_adjusted": ctx.t(f"{method}校正p", f"{method} *p*")},
                  kinds={"option": "text", **{c: "text" for c in group_cols}},
                  note=ctx.t("各组数值为该组中选择该选项的个案百分比(%)。", "Group columns: % of the group's cases choosing the option."))
    if res.other_texts:
        counts = pd.Series(res.other_texts).value_counts()
        shown = ctx.t("；", "; ").join(ctx.t(f"{t}（{n}）", f"{t} ({n})") if n > 1 else t for t, n in counts.head(30).items())
        ctx.para(ctx.t(f"选择“其他”并填写内容的共{len(res.other_texts)}条：{shown}。", f"{len(res.other_texts)} “other” answers were written in: {shown}."))


# ---------------------------------------------------------------------------- sample size and power
def power(ctx: Context) -> None:
    """One row per planned design: the n it needs (or the power a given n has), set against the
    number of respondents analysed."""
    from ..stats import power as run

    options = ctx.plan.analyses.power
    specs = options if isinstance(options, list) else [options]
    ctx.heading(ctx.t("样本量与统计检验力", "Sample size and power"))
    rows, sentences = [], []
    for spec in specs:
        given = spec.model_dump(exclude={"power", "n"})
        res = run(**given, **({"n": spec.n} if spec.n is not None else {"power": spec.power}))
        ctx.results.setdefault("power", []).append(res)
        sentences += res.findings(ctx.lang, style=ctx.style)
        frame = res.to_frame()
        rows.append(frame)
    n_used = len(ctx.clean.data)
    needed = [r for r in ctx.results["power"] if r.solved_for == "n"]
    if needed:
        most = max(r.n_total for r in needed)
        meets = n_used >= most
        sentences.append(ctx.t(
            f"本研究有效样本量为{n_used}，{'达到' if meets else '低于'}上述设计所需的最大样本量（{most}）。",
            f"The {n_used} respondents analysed {'meet' if meets else 'fall short of'} the largest of these requirements ({most})."))
    ctx.paras(sentences)
    table = pd.concat(rows, ignore_index=True)
    table["test"] = [ctx.t(*_POWER_TESTS[t]) for t in table["test"]]
    ctx.table(table[["test", "effect_name", "effect_size", "level", "power", "n_required", "n_total"]],
              ctx.t("样本量与统计检验力", "Sample size and power"), key="power",
              headers={"test": ctx.t("检验", "Test"), "effect_name": ctx.t("效应量", "Effect size"), "effect_size": ctx.t("取值", "Value"),
                       "level": "α", "power": ctx.t("检验力", "Power"), "n_required": ctx.t("每组/所需样本量", "n (per group)"),
                       "n_total": ctx.t("总样本量", "Total n")},
              kinds={"test": "text", "effect_name": "text", "n_required": "int", "n_total": "int", "level": "bounded", "power": "bounded"},
              note=ctx.t("依据Cohen（1988）；结构方程模型依据MacCallum等（1996）的RMSEA检验。",
                         "After Cohen (1988); for SEM, the RMSEA test of MacCallum et al. (1996)."))


_POWER_TESTS = {
    "t_two": ("独立样本t检验", "Independent-samples t test"), "t_paired": ("配对样本t检验", "Paired-samples t test"),
    "t_one": ("单样本t检验", "One-sample t test"), "anova": ("单因素方差分析", "One-way ANOVA"),
    "correlation": ("相关分析", "Correlation"), "regression": ("多元回归", "Multiple regression"),
    "proportions": ("两比例比较", "Two proportions"), "sem": ("结构方程模型（RMSEA）", "SEM (RMSEA)"),
}
