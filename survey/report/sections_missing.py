"""Missing data in the report: the ``missing_data`` section (patterns, Little's test, figure), the
imputations a section asks for with ``missing: mi``, and the sentence that says how each section
handled missing answers.

The imputations of one plan setting (m, seed, iterations) are made once per run, on the screened
items, and every section that asks for them shares them; a section pools its own analysis over
them. Nothing is imputed unless a section says ``missing: mi``.
"""

from __future__ import annotations

import warnings

import pandas as pd

from ..errors import ImputationWarning, SurveyWarning
from ..findings.format import fmt_p
from .context import Context, SkipSection


def missing_data(ctx: Context) -> None:
    """Pattern table, Little's MCAR test and the pattern figure of the analysed items."""
    from ..errors import AnalysisError
    from ..stats import little_mcar, missing_patterns

    options = ctx.plan.analyses.missing_data
    items = options.items or [i for c in ctx.measured_constructs() for i in ctx.questionnaire.construct(c).items]
    items = [i for i in dict.fromkeys(items) if i in ctx.clean.data]
    if not items:
        raise SkipSection(ctx.t("没有可分析缺失情况的题项", "there are no items whose missing answers could be described"))
    ctx.heading(ctx.t("缺失数据分析", "Missing data"))
    frame = ctx.clean.data[items].rename(columns=ctx.labels(items))
    patterns = missing_patterns(frame)
    ctx.results["missing_patterns"] = patterns
    ctx.paras(patterns.findings(ctx.lang, style=ctx.style))
    table = patterns.patterns.copy()
    ctx.table(table, ctx.t("缺失模式", "Missing-data patterns"), key="missing_pattern_table", digits=0,
              note=ctx.t("1 = 有效值，0 = 缺失；n为该模式的受访者人数，n_missing为该模式缺失的变量数。",
                         "1 = observed, 0 = missing; n = respondents with the pattern, n_missing = variables it lacks."))
    if patterns.n_complete == patterns.n:
        ctx.para(ctx.t("所分析题项没有缺失值，无需进行Little的MCAR检验。", "No analysed item has a missing answer, so Little's MCAR test is not needed."))
    else:
        try:
            little = little_mcar(frame)
        except AnalysisError as why:
            ctx.para(ctx.t(f"Little的MCAR检验无法进行：{why}。", f"Little's MCAR test could not be computed: {why}."))
        else:
            ctx.results["little_mcar"] = little
            ctx.paras(little.findings(ctx.lang, style=ctx.style))
    ctx.figure_or_note(lambda: patterns.plot(lang=ctx.lang), ctx.t("缺失模式图", "Missing-data patterns"), key="missing_patterns")


def imputations(ctx: Context, missing):
    """The imputations asked for by a section's ``missing: mi`` (made once per setting, shared)."""
    from ..stats import impute

    seed = ctx.plan.seed if missing.seed is None else missing.seed
    key = f"imputation:{missing.m}:{seed}:{missing.maxit}"
    if key not in ctx.results:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ImputationWarning)
            ctx.results[key] = impute(ctx.clean, m=missing.m, seed=seed, maxit=missing.maxit)
        for w in caught:  # anything else the imputation warned about still reaches the caller
            if not issubclass(w.category, ImputationWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return ctx.results[key]


def completed(ctx: Context, missing) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """(item data, construct scores) of every completed data set."""
    imp = imputations(ctx, missing)
    key = f"completed:{missing.m}:{imp.seed}:{missing.maxit}"
    if key not in ctx.results:
        sets = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SurveyWarning)
            for responses in imp.datasets():
                sets.append((responses.data, responses.scores()))
        ctx.results[key] = sets
    return ctx.results[key]


def handling_note(ctx: Context, missing, *, n_used: int | None = None, n_excluded: int | None = None) -> str:
    """The sentence saying how the section handled missing answers."""
    if missing.method == "mi":
        imp = imputations(ctx, missing)
        cells = int(imp.n_missing.sum())
        text = ctx.t(
            f"缺失值采用多重插补处理：以链式方程（预测均值匹配）生成{imp.m}个插补数据集（每条链迭代{imp.maxit}次，随机种子{imp.seed}，"
            f"共插补{cells}个缺失值），在每个数据集上分别分析，再按Rubin规则合并（自由度按Barnard–Rubin法）。",
            f"Missing answers were multiply imputed: {imp.m} data sets by chained equations (predictive mean matching; "
            f"{imp.maxit} iterations, seed {imp.seed}; {cells} missing values), each analysed and the results pooled by "
            "Rubin's rules (Barnard–Rubin degrees of freedom).")
        if not imp.converged:
            bad = ctx.t("、", ", ").join(ctx.label(c) for c in imp.rhat.index[imp.rhat > imp.rhat_bound])
            text += ctx.t(f"注意：{bad}的插补链未收敛（R̂偏高），结果需谨慎解读。",
                          f" Caution: the chains of {bad} did not mix (high R̂); read these results with care.")
        return text
    if missing.method == "pairwise":
        return ctx.t("缺失值按成对删除处理：协方差基于每对题项均有作答的受访者计算。",
                     "Missing answers were handled pairwise: each covariance uses the respondents who answered both items.")
    if n_excluded is None:
        return ctx.t("缺失值按列表删除处理：每项分析只使用相关变量均有作答的受访者。",
                     "Missing answers were handled by listwise deletion: each analysis uses the respondents who answered all its variables.")
    return ctx.t(f"缺失值按列表删除处理：分析使用{n_used}名变量完整的受访者，剔除{n_excluded}名有缺失的受访者。",
                 f"Missing answers were handled by listwise deletion: {n_used} respondents with complete variables were analysed, "
                 f"{n_excluded} with missing answers left out.")


def pooled_reliability(ctx: Context, options):
    """α (and ω) of each construct as the mean over the imputations."""
    from ..stats import pool, reliability

    imp = imputations(ctx, options.missing)
    results = [reliability(r, ci_level=options.ci_level, constructs=options.constructs, cor=options.correlation) for r in imp.datasets()]
    pooled = pool(results, ci_level=options.ci_level)
    frame = pooled.table.copy()
    frame["role"] = results[0].table["role"]
    return pooled, frame


def pooled_regression(ctx: Context, outcome: str, blocks, build):
    """The final model pooled over the imputations, and the pooled R² of each step.

    ``build(scores, data)`` makes the analysis frame and the nominal references of one data set."""
    from ..stats import pool, regression
    from ..stats.pooling import _fisher_mean

    results = []
    for data, scores in completed(ctx, ctx.plan.analyses.regression.missing):
        frame, reference = build(scores, data)
        results.append(regression(frame, outcome, blocks=blocks, categorical=reference))
    pooled = pool(results)
    steps = pd.DataFrame({"r2": [_fisher_mean([r.steps["r2"].iloc[s] for r in results]) for s in range(len(blocks))]},
                         index=pd.RangeIndex(1, len(blocks) + 1, name="step"))
    return pooled, steps


MI_TESTS = {"auto": "welch", "student": "student", "welch": "welch", "anova": "anova", "welch_anova": "welch_anova"}


def pooled_group_differences(ctx: Context, options, constructs: list[str]) -> None:
    """Group differences pooled over the imputations: two groups by the pooled mean difference
    (Rubin's rules), more by the D2-pooled F; ``auto`` becomes Welch's test, which needs no
    choice that could differ between the imputations; rank tests have no pooling and are refused."""
    from ..errors import AnalysisError
    from ..stats import adjust_p, compare_groups, pool
    from ..stats.groups import TEST_NAMES
    from ..stats.multiple import P_ADJUST_NAMES

    if options.test not in MI_TESTS:
        raise SkipSection(ctx.t(f"秩检验（{options.test}）无法按Rubin规则合并；请改用均值检验（student、welch、anova或welch_anova）",
                                f"a rank test ({options.test}) cannot be pooled by Rubin's rules; use a test of means (student, welch, anova or welch_anova)"))
    sets = completed(ctx, options.missing)
    rows, failures = [], []
    for by in options.by:
        if by not in ctx.clean.data:
            raise SkipSection(ctx.t(f"数据中没有分组变量{by}", f"the grouping variable {by} is not in the data"))
        for construct in constructs:
            dv, group = ctx.label(construct), ctx.label(by)
            try:
                results = []
                for data, scores in sets:
                    frame = pd.concat([scores[[construct]], data[[by]]], axis=1).rename(columns={construct: dv, by: group})
                    n_groups = frame[group].nunique()
                    test = MI_TESTS[options.test] if n_groups == 2 else {"welch": "welch_anova", "student": "anova"}.get(MI_TESTS[options.test], MI_TESTS[options.test])
                    results.append(compare_groups(frame, dv=dv, by=group, test=test, labels=ctx.category_labels(by)))
                pooled = pool(results)
            except AnalysisError as exc:
                failures.append(ctx.t(f"{dv}按{group}的比较无法进行：{exc}", f"{dv} by {group} could not be compared: {exc}"))
                continue
            ctx.results[f"groups_mi:{by}:{construct}"] = pooled
            rows.append(_comparison_row(dv, group, TEST_NAMES[results[0].test][ctx.lang == "zh"], pooled))
    if not rows:
        raise SkipSection(ctx.t("没有可比较的组别", "no groups could be compared"))
    table = pd.DataFrame(rows)
    table["p_adjusted"] = adjust_p(table["p_value"], method=options.p_adjust).to_numpy()
    method = P_ADJUST_NAMES[options.p_adjust]
    ctx.para(ctx.t(f"以人口学变量为分组变量，对各维度得分进行差异检验（两组比较合并均值差，多组比较以D2法合并F统计量），显著性以{method}法校正后的p值判断，结果见{{@differences}}。",
                   f"Construct scores were compared across demographic groups (two groups: the pooled mean difference; more: the D2-pooled *F*); "
                   f"significance is judged by the {method}-adjusted *p* ({{@differences}})."))
    ctx.para(handling_note(ctx, options.missing))
    ctx.paras([_comparison_sentence(ctx, row, method) for _, row in table.iterrows()] + failures)
    ctx.table(table, ctx.t("差异分析汇总（多重插补合并）", "Group comparisons pooled over the imputations"), key="differences",
              columns=["dv", "by", "contrast", "test", "estimate", "statistic", "df", "df2", "p_value", "p_adjusted", "fmi"],
              headers={"dv": ctx.t("维度", "Construct"), "by": ctx.t("分组", "Grouping"), "contrast": ctx.t("对比方向", "Contrast"),
                       "test": ctx.t("检验", "Test"), "estimate": ctx.t("均值差", "Mean difference"), "df2": ctx.t("自由度2", "*df*₂"),
                       "p_adjusted": ctx.t("*p*校正", "*p* adj."), "fmi": ctx.t("缺失信息比例", "FMI")},
              kinds={"contrast": "text", "test": "text", "fmi": "bounded"},
              note=ctx.t("两组比较为合并的均值差及其t检验（Barnard–Rubin自由度）；多组比较为D2合并F检验；FMI为缺失信息比例。",
                         "Two groups: pooled mean difference and its *t* test (Barnard–Rubin *df*); more groups: D2-pooled *F*; FMI = fraction of missing information."))


def _comparison_row(dv: str, group: str, test: str, pooled) -> dict:
    if "f" in pooled.model:
        return {"dv": dv, "by": group, "contrast": "", "test": test, "estimate": float("nan"), "statistic": pooled.model["f"],
                "df": pooled.model["df1"], "df2": pooled.model["df2"], "p_value": pooled.model["p_value"], "fmi": float(pooled.table["fmi"].max())}
    row = pooled.table.iloc[0]
    return {"dv": dv, "by": group, "contrast": str(pooled.table.index[0]), "test": test, "estimate": row["estimate"],
            "statistic": row["statistic"], "df": row["df"], "df2": float("nan"), "p_value": row["p_value"], "fmi": row["fmi"]}


def _comparison_sentence(ctx: Context, row, method: str) -> str:
    """One pooled comparison in words (significance judged by the adjusted p)."""
    p, p_adj = fmt_p(row["p_value"], style=ctx.style), fmt_p(row["p_adjusted"], style=ctx.style)
    if row["p_adjusted"] < 0.05:
        return ctx.t(f"合并结果显示，不同{row['by']}在{row['dv']}上存在显著差异（{p}，经{method}校正{p_adj}）。",
                     f"Pooled over the imputations, {row['dv']} differed across {row['by']} groups ({p}, {method}-adjusted {p_adj}).")
    return ctx.t(f"合并结果显示，不同{row['by']}在{row['dv']}上不存在显著差异（{p}，经{method}校正{p_adj}）。",
                 f"Pooled over the imputations, {row['dv']} did not differ significantly across {row['by']} groups ({p}, {method}-adjusted {p_adj}).")
