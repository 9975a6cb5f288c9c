"""The sections of an empirical chapter, each built from result objects into the document.

Every section takes the shared :class:`~survey.report.context.Context`; one whose inputs are missing
raises :class:`~survey.report.context.SkipSection` with the reason, which the report prints.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..findings.format import fmt_num, fmt_p
from ..prep.quality import CHECK_NAMES
from ..stats.multiple import P_ADJUST_NAMES
from .context import Context, SkipSection
from .document import significance_note
from .tables import correlation_table


def _renamed(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns=ctx.labels(frame.columns))


def _cell_labels(ctx: Context, frame: pd.DataFrame, columns) -> pd.DataFrame:
    out = frame.copy()
    for col in columns:
        if col in out:
            out[col] = [ctx.label(v) if isinstance(v, str) else v for v in out[col]]
    return out


# ---------------------------------------------------------------------------- data and sample
def data_and_screening(ctx: Context) -> None:
    from ..prep.quality import assess

    raw, clean = ctx.raw, ctx.clean
    ctx.heading(ctx.t("数据来源与样本筛选", "Data and screening"))
    report = assess(raw, **ctx.plan.screening.thresholds())
    quality = report.to_frame(ctx.lang)
    names = CHECK_NAMES[ctx.lang]
    quality["check"] = [names.get(c, c) for c in quality["check"]]
    exclusions = [e for e in clean.ledger if e.step == "exclude"]
    n_in, n_used = len(raw), len(clean)
    n_out = sum(e.n for e in exclusions)
    ctx.para(
        ctx.t(
            f"本次调查共回收问卷{n_in}份。按预先设定的筛选规则剔除无效问卷{n_out}份，最终获得有效问卷{n_used}份，"
            f"有效率为{100 * n_used / n_in:.1f}%。数据质量检查结果见{{@quality}}，剔除情况见{{@exclusions}}。",
            f"Of {n_in} returned questionnaires, {n_out} were excluded by the screening rules set in advance, "
            f"leaving {n_used} valid responses ({100 * n_used / n_in:.1f}%). {{@quality}} shows the data checks and "
            "{@exclusions} the exclusions.",
        )
    )
    quality["share"] = quality["share"] * 100
    ctx.table(quality, ctx.t("数据质量检查", "Data quality checks"), key="quality", kinds={"rule": "text", "share": "number"},
              headers={"share": ctx.t("比例(%)", "%")}, digits=1)
    rows = pd.DataFrame(
        [{"check": names.get(e.rule, e.rule), "n": e.n, "detail": report.rule(e.rule, ctx.lang) or e.detail} for e in exclusions]
        + [{"check": ctx.t("合计剔除", "Total excluded"), "n": n_out, "detail": ctx.t(f"有效样本{n_used}份", f"{n_used} used")}],
    )
    ctx.table(rows, ctx.t("无效问卷剔除情况", "Excluded responses"), key="exclusions", kinds={"detail": "text"})


def sample_profile(ctx: Context) -> None:
    """Categorical demographics as frequencies, numeric ones (age, years) by M, SD and range; a
    demographic that cannot be described is left out with a sentence saying why."""
    from ..stats import descriptives as describe, sample_profile as profile

    options = ctx.plan.analyses.sample_profile
    chosen = options.items or [i.id for i in ctx.questionnaire.items_with_role("demographic")]
    demo = [i for i in chosen if i in ctx.clean.data]
    if not demo:
        raise SkipSection(ctx.t("问卷中没有人口学变量", "the questionnaire has no demographic items"))
    ctx.heading(ctx.t("样本基本情况", "Sample profile"))
    numeric = [i for i in demo if ctx.questionnaire.item(i).type == "numeric"]
    notes, described = [], []

    def failed(i, why) -> str:
        return ctx.t(f"{ctx.label(i)}无法描述：{why}。", f"{ctx.label(i)} could not be described: {why}.")

    for i in numeric:
        try:
            described.append(describe(ctx.clean.data, [i], labels=ctx.labels([i])).to_frame())
        except AnalysisError as why:
            notes.append(failed(i, why))
    categorical = []
    for i in (i for i in demo if i not in numeric):
        try:
            profile(ctx.clean.data, [i], labels={i: ctx.category_labels(i)})
            categorical.append(i)
        except AnalysisError as why:
            notes.append(failed(i, why))
    if categorical:
        frame = ctx.clean.data[categorical].rename(columns=ctx.labels(categorical))
        value_labels = {ctx.label(i): ctx.category_labels(i) for i in categorical}
        res = profile(frame, list(frame.columns), labels=value_labels, suppress_below=options.suppress_below)
        ctx.results["sample_profile"] = res
        table = res.to_frame()
        table["variable"] = table["variable"].where(table["variable"] != table["variable"].shift(), "")
        ctx.para(ctx.t("样本的基本情况见{@profile}。", "{@profile} describes the sample. ") + ctx.t("", " ").join(ctx.findings(res, "descriptives.largest_group")))
        note = ""
        if options.suppress_below:
            note = ctx.t(f"人数少于{options.suppress_below}的单元格不予显示。", f"Cells with fewer than {options.suppress_below} respondents are not shown.")
        ctx.table(table, ctx.t("样本基本情况", "Sample profile"), key="profile", note=note,
                  columns=["variable", "category", "n", "percent", "cumulative_percent"], digits=1)
    if described:
        frame = pd.concat(described)
        frame["variable"] = [ctx.label(v) for v in frame["variable"]]
        ctx.results["sample_profile_numeric"] = frame
        ctx.paras([_numeric_sentence(ctx, row) for row in frame.itertuples()])
        ctx.table(frame, ctx.t("数值型人口学变量", "Numeric demographics"), key="profile_numeric",
                  columns=["variable", "n", "mean", "sd", "min", "max"])
    ctx.paras(notes)


def _numeric_sentence(ctx: Context, row) -> str:
    m, sd = fmt_num(row.mean, style=ctx.style), fmt_num(row.sd, style=ctx.style)
    lo, hi = _code_text(row.min), _code_text(row.max)
    return ctx.t(f"受访者{row.variable}的均值为{m}（*SD* = {sd}），介于{lo}与{hi}之间（n = {row.n}）。",
                 f"{row.variable}: *M* = {m}, *SD* = {sd}, range {lo}–{hi} (n = {row.n}).")


# ---------------------------------------------------------------------------- reliability and validity
def reliability(ctx: Context) -> None:
    from ..stats import reliability as run_reliability

    from .sections_missing import handling_note, pooled_reliability

    options = ctx.plan.analyses.reliability
    ctx.heading(ctx.t("信度分析", "Reliability"))
    if options.missing.method == "mi":
        res, frame = pooled_reliability(ctx, options)
    else:
        nan_policy = "pairwise" if options.missing.method == "pairwise" else "listwise"
        res = run_reliability(ctx.clean, ci_level=options.ci_level, constructs=options.constructs, cor=options.correlation, nan_policy=nan_policy)
        frame = res.to_frame().copy()
    ctx.results["reliability"] = res
    frame["name"] = [ctx.construct_label(c) for c in frame.index]
    two_factor = bool(frame["role"].isin(["hygiene", "motivator"]).any())  # the role column only where roles mean something
    frame["role"] = [ROLE_NAMES[ctx.lang].get(r, r) for r in frame["role"]]
    frame = frame.reset_index(drop=True)
    if options.correlation == "polychoric":
        ctx.para(ctx.t("按分析计划，题项视为有序变量，以多分格（polychoric）相关矩阵计算有序*α*与*ω*系数（Zumbo等，2007）检验各维度的内部一致性，结果见{@reliability}。",
                       "Because the plan treats the items as ordinal, internal consistency was assessed with ordinal *α* and *ω* computed from polychoric correlations (Zumbo et al., 2007; {@reliability}). "))
    else:
        ctx.para(ctx.t("采用Cronbach's *α*系数（基于Pearson相关，题项按等距变量处理）检验各维度的内部一致性，结果见{@reliability}。",
                       "Internal consistency was assessed with Cronbach's *α* from Pearson covariances, the items treated as interval ({@reliability}). "))
    ctx.paras(ctx.findings(res, "reliability.range_acceptable", "reliability.range_low", "pooling.alpha_note"))
    ctx.para(handling_note(ctx, options.missing))
    pooled_note = ctx.t("多重插补：α与ω为各插补数据集的均值，置信区间为该均值的Feldt区间，α范围为各插补数据集的最小值与最大值。",
                        "Multiple imputation: α and ω are means over the imputed data sets, the interval is Feldt's at that mean, "
                        "and the α range spans the imputations.")
    mi = options.missing.method == "mi"
    ctx.table(frame, ctx.t("各维度信度分析", "Reliability of the constructs"), key="reliability",
              columns=["name"] + ["role"] * two_factor + ["k", "alpha", "ci_low", "ci_high", "omega_total"]
              + (["alpha_min", "alpha_max"] if mi else ["min_r_drop"]),
              headers={"alpha_min": ctx.t("α最小值", "α min"), "alpha_max": ctx.t("α最大值", "α max")},
              kinds={"ci_low": "bounded", "ci_high": "bounded", "alpha_min": "bounded", "alpha_max": "bounded"},
              note=pooled_note if mi else ctx.t("CITC为校正的项总计相关系数。", "CITC = corrected item–total correlation."))
    low = frame[frame["alpha"] < 0.7]
    for name in low["name"]:
        ctx.summary.append((2, ctx.t(f"“{name}”维度的信度偏低（*α* < 0.70），相关结论需谨慎解读。", f"The reliability of {name} is below .70; read its results with care.")))
    if options.item_analysis:
        _item_analysis(ctx)


def _item_analysis(ctx: Context) -> None:
    """Item analysis within each construct: critical ratio of its top and bottom 27%, CITC."""
    from ..stats import item_analysis

    frames = []
    for construct in ctx.measured_constructs(ctx.plan.analyses.reliability.constructs):
        ia = item_analysis(ctx.clean.construct_items(construct))
        ctx.results[f"item_analysis:{construct}"] = ia
        frame = ia.to_frame().reset_index()
        frame.insert(0, "construct", ctx.construct_label(construct))
        frames.append(frame)
    if not frames:
        return
    table = _cell_labels(ctx, pd.concat(frames, ignore_index=True), ["item"])
    table["construct"] = table["construct"].where(table["construct"] != table["construct"].shift(), "")
    dropped = [ctx.label(i) for i in pd.concat(frames).loc[lambda f: ~f["keep"].astype(bool), "item"]]
    cr_lo, cr_hi = fmt_num(table["statistic"].min(), style=ctx.style), fmt_num(table["statistic"].max(), style=ctx.style)
    r_lo = fmt_num(table["citc"].min(), bounded=True, style=ctx.style, digits=3)
    r_hi = fmt_num(table["citc"].max(), bounded=True, style=ctx.style, digits=3)
    ctx.para(ctx.t(
        f"在各维度内按总分的高低27%分组，以独立样本t检验计算各题项的决断值（临界比），并计算校正的项总计相关（CITC），结果见{{@item_analysis}}。"
        f"各题项的决断值介于{cr_lo}与{cr_hi}之间，CITC介于{r_lo}与{r_hi}之间；"
        + (f"未达标准（决断值 ≥ 3、p < 0.05、CITC ≥ 0.3）的题项为{'、'.join(dropped)}，可考虑删除。" if dropped else "均达到标准（决断值 ≥ 3、p < 0.05、CITC ≥ 0.3），所有题项予以保留。"),
        f"Within each construct, respondents in the top and bottom 27% of its total were compared item by item (critical ratio, independent *t*), "
        f"and the corrected item–total correlation was computed ({{@item_analysis}}): CR ranged from {cr_lo} to {cr_hi} and CITC from {r_lo} to {r_hi}; "
        + (f"items failing a criterion (critical ratio ≥ 3, *p* < .05, CITC ≥ .30): {', '.join(dropped)}." if dropped else "every item met the criteria (critical ratio ≥ 3, *p* < .05, CITC ≥ .30) and was kept.")))
    ctx.table(table, ctx.t("项目分析", "Item analysis"), key="item_analysis",
              columns=["construct", "item", "mean_high", "mean_low", "statistic", "p_value", "citc", "alpha_if_deleted", "keep"],
              headers={"mean_high": ctx.t("高分组均值", "*M* high"), "mean_low": ctx.t("低分组均值", "*M* low"),
                       "statistic": ctx.t("决断值", "Critical ratio (*t*)"), "keep": ctx.t("保留", "Keep")},
              kinds={"construct": "text"})


ROLE_NAMES = {
    "zh": {"hygiene": "保健因素", "motivator": "激励因素", "outcome": "结果变量", "other": "其他"},
    "en": {"hygiene": "hygiene", "motivator": "motivator", "outcome": "outcome", "other": "other"},
}


def validity(ctx: Context) -> None:
    """Factor analysis per instrument (one EFA for the constructs that make up one questionnaire,
    a unidimensionality check for a scale on its own), then one CFA of every construct together."""
    options = ctx.plan.analyses.validity
    instruments = _instruments(ctx, options)
    if not instruments:
        raise SkipSection(ctx.t("没有可分析的量表维度", "no multi-item constructs to analyse"))
    ctx.heading(ctx.t("效度分析", "Validity"))
    if len(instruments) > 1:
        names = ctx.t("；", "; ").join(_which(ctx, g) for g in instruments)
        ctx.para(ctx.t(f"各测量工具分别进行因子分析（{names}），不同量表的题项不合并分析。",
                       f"Each instrument was factor-analysed on its own ({names}); items of different instruments were not pooled."))
    pooled = [g for g in instruments if len(g) > 1]
    for k, group in enumerate(pooled):
        _pooled_efa(ctx, group, options, suffix="" if k == 0 else f"_{k + 1}", named=len(pooled) > 1)
    single = [g[0] for g in instruments if len(g) == 1]
    if single:
        _unidimensionality(ctx, single, options)
    if options.cfa:
        _cfa(ctx, [c for g in instruments for c in g], missing=options.missing,
             estimator="dwls" if options.correlation == "polychoric" else "ml")


def _instruments(ctx: Context, options) -> list[list[str]]:
    """The plan's instruments; by default the hygiene and motivator constructs form one instrument
    and every other multi-item construct is an instrument of its own."""
    if options.instruments:
        return [list(g) for g in options.instruments]
    constructs = ctx.measured_constructs(options.constructs)
    two_factor = [c for c in constructs if ctx.questionnaire.construct(c).role in ("hygiene", "motivator")]
    return ([two_factor] if two_factor else []) + [[c] for c in constructs if c not in two_factor]


def _which(ctx: Context, constructs) -> str:
    """A short name for a group of constructs in a caption: up to three names, else the first and a count."""
    names = [ctx.label(c) for c in constructs]
    if len(names) <= 3:
        return ctx.t("、", ", ").join(names)
    return ctx.t(f"{names[0]}等{len(names)}个维度", f"{names[0]} and {len(names) - 1} other constructs")


def _pooled_efa(ctx: Context, group: list[str], options, *, suffix: str, named: bool) -> None:
    from ..stats import bartlett, efa, kmo

    name = "+".join(group)
    items = pd.concat([ctx.clean.construct_items(c) for c in group], axis=1)
    k, b = kmo(items), bartlett(items)
    ctx.results[f"kmo:{name}"], ctx.results[f"bartlett:{name}"] = k, b
    ctx.paras(ctx.findings(k, "factorability.kmo_suitable", "factorability.kmo_doubtful")
              + ctx.findings(b, "factorability.bartlett_significant", "factorability.bartlett_not_significant"))
    if not options.efa:
        return
    res = efa(items, n_factors=len(group), method=options.method, rotation=options.rotation, seed=ctx.plan.seed,
              cor=options.correlation)
    ctx.results[f"efa:{name}"] = res
    if options.correlation == "polychoric":
        ctx.para(ctx.t("按分析计划，题项视为有序变量，探索性因子分析与平行分析基于多分格（polychoric）相关矩阵。",
                       "Because the plan treats the items as ordinal, the exploratory factor analysis and the parallel analysis used polychoric correlations. "))
    ctx.paras(ctx.findings(res, "efa.solution", "efa.inadmissible", "efa.note", "efa.weak_items", "efa.cross_loadings"))
    variance = res.variance.copy()
    variance.index = [str(i) for i in variance.index]
    for col in ("proportion", "cumulative"):
        if col in variance:
            variance[col] = variance[col] * 100
    which = ctx.t(f"（{_which(ctx, group)}）", f" ({_which(ctx, group)})") if named else ""
    ctx.table(variance.reset_index(names="factor"), ctx.t("总方差解释", "Total variance explained") + which, key=f"variance{suffix}",
              headers={"proportion": ctx.t("方差解释率(%)", "% of variance"), "cumulative": ctx.t("累计方差解释率(%)", "Cumulative %")},
              kinds={"proportion": "number", "cumulative": "number"})
    loadings = res.loadings.copy()
    loadings.index = [ctx.item_label(i) for i in loadings.index]
    loadings.index.name = "item"
    note = ctx.t("仅显示绝对值不小于0.40的载荷。", "Loadings below .40 in absolute value are not shown.")
    if not res.admissible:
        note += ctx.t("", " ") + _inadmissible_note(ctx, res.issues)
    ctx.table(loadings.where(loadings.abs() >= 0.4), ctx.t("旋转后的因子载荷矩阵", "Rotated factor loadings") + which, key=f"loadings{suffix}",
              raw=res.loadings, note=note)
    from ..figures import plot_scree
    from ..stats import parallel_analysis

    def draw():
        parallel = parallel_analysis(items, seed=ctx.plan.seed, cor=options.correlation)
        ctx.results[f"parallel:{name}"] = parallel
        ctx.paras(ctx.findings(parallel, "efa.parallel"))
        return plot_scree(parallel, lang=ctx.lang)

    ctx.figure_or_note(draw, ctx.t("碎石图与平行分析", "Scree plot with parallel analysis") + which, key=f"scree{suffix}")


def _unidimensionality(ctx: Context, constructs: list[str], options) -> None:
    """One row per scale analysed on its own: KMO, Bartlett, and with EFA the variance of one factor,
    its smallest loading and the number of factors parallel analysis retains."""
    from ..stats import bartlett, efa, kmo, parallel_analysis

    rows, notes = [], []
    for c in constructs:
        items = ctx.clean.construct_items(c)
        try:
            k, b = kmo(items), bartlett(items)
            row = {"construct": ctx.construct_label(c), "k": items.shape[1], "kmo": k.overall, "chi2": b.statistic, "df": b.df, "p_value": b.p_value}
            ctx.results[f"kmo:{c}"], ctx.results[f"bartlett:{c}"] = k, b
            if options.efa:
                res = efa(items, n_factors=1, method=options.method, rotation="none", seed=ctx.plan.seed, cor=options.correlation)
                parallel = parallel_analysis(items, seed=ctx.plan.seed, cor=options.correlation)
                ctx.results[f"efa:{c}"], ctx.results[f"parallel:{c}"] = res, parallel
                row |= {"variance": 100 * float(res.variance["proportion"].iloc[0]), "min_loading": float(res.loadings.abs().min().iloc[0]),
                        "n_suggested": parallel.n_suggested}
                if not res.admissible:
                    notes.append(ctx.construct_label(c) + ctx.t("：", ": ") + _inadmissible_note(ctx, res.issues))
        except AnalysisError as why:
            notes.append(ctx.t(f"{ctx.construct_label(c)}无法进行因子分析：{why}。", f"{ctx.construct_label(c)} could not be factor-analysed: {why}."))
            continue
        rows.append(row)
    if rows:
        frame = pd.DataFrame(rows)
        one = frame[frame.get("n_suggested", pd.Series(1, index=frame.index)) == 1]["construct"].tolist() if options.efa else []
        ctx.para(ctx.t("单独成量表的维度分别检验其单维性，结果见{@unidimensionality}。", "Scales measured on their own were checked for unidimensionality ({@unidimensionality}). ")
                 + (ctx.t(f"平行分析表明{'、'.join(one)}均只需保留一个因子。", f"Parallel analysis retained one factor for {', '.join(one)}.") if one else ""))
        ctx.table(frame, ctx.t("各量表的单维性检验", "Unidimensionality of each scale"), key="unidimensionality",
                  note=ctx.t("*χ*²为Bartlett球形检验；解释率为单因子解的方差解释率；因子数为平行分析建议保留的因子数。",
                             "*χ*²: Bartlett's test of sphericity; % var.: variance explained by one factor; Factors: retained by parallel analysis."),
                  columns=["construct", "k", "kmo", "chi2", "df", "p_value", "variance", "min_loading", "n_suggested"],
                  headers={"kmo": "KMO", "chi2": "*χ*²", "variance": ctx.t("解释率(%)", "% var."),
                           "min_loading": ctx.t("最小载荷", "Min. λ"), "n_suggested": ctx.t("因子数", "Factors")},
                  kinds={"construct": "text", "df": "int", "n_suggested": "int", "variance": "number", "min_loading": "bounded"})
    ctx.paras(notes)


def _cfa(ctx: Context, constructs: list[str], *, missing: str = "listwise", estimator: str = "ml") -> None:
    from ..stats import validity as run_validity

    res = run_validity(ctx.clean, constructs=constructs, nan_policy=missing, estimator=estimator)
    ctx.results["validity"] = res
    if res.cfa is None:
        ctx.paras([ctx.t("注意：", "Note: ") + issue for issue in res.issues])
        ctx.summary.append((2, ctx.t("验证性因子分析未能估计，收敛效度与区分效度未作检验。",
                                     "The CFA could not be estimated: convergent and discriminant validity were not assessed.")))
        return
    frame = res.to_frame().copy()
    frame.index = [ctx.construct_label(i) for i in frame.index]
    frame.index.name = "construct"
    if res.cfa.nan_policy == "listwise":  # with FIML the findings say how missing answers were handled
        ctx.para(_cfa_method(ctx, res.cfa))
    ctx.paras(res.cfa.findings(ctx.lang, style=ctx.style))
    note = "" if res.admissible else _inadmissible_note(ctx, res.cfa.issues)
    if not res.admissible:
        ctx.summary.append((2, ctx.t("验证性因子分析的解不可接受，收敛效度与区分效度未作判断，需修正测量模型后再行检验。",
                                     "The CFA solution is inadmissible, so convergent and discriminant validity are not judged.")))
    ctx.table(frame, ctx.t("收敛效度与区分效度", "Convergent and discriminant validity"), key="validity",
              columns=["k", "cr", "ave", "sqrt_ave", "max_r", "max_htmt", "admissible"], note=note,
              headers={"admissible": ctx.t("解可接受", "Admissible")})


def _cfa_method(ctx: Context, res) -> str:
    """The CFA's estimator and its handling of missing answers, for a listwise (complete-rows) fit."""
    left = ctx.t(f"，{res.n_excluded}名有缺答的被试未纳入", f"; {res.n_excluded} with a missing answer were left out") if res.n_excluded else ""
    if res.estimator == "dwls":
        return ctx.t(f"按分析计划，题项视为有序变量，验证性因子分析基于多分格（polychoric）相关矩阵，采用对角加权最小二乘法（DWLS）估计，"
                     f"基于全部条目均作答的{res.n}名被试{left}。",
                     f"Because the plan treats the items as ordinal, the CFA was estimated by diagonally weighted least squares (DWLS) "
                     f"on polychoric correlations, on the {res.n} respondents who answered every item{left}.")
    return ctx.t(f"验证性因子分析采用最大似然估计（ML），基于全部条目均作答的{res.n}名被试{left}。",
                 f"The CFA was estimated by maximum likelihood (ML) on the {res.n} respondents who answered every item{left}.")


def _inadmissible_note(ctx: Context, issues) -> str:
    """The note under a table whose solution is inadmissible: why, and that its values are not to be read."""
    return ctx.t("该解不可接受（" + "；".join(issues) + "），表中数值不应解释。",
                 "The solution is inadmissible (" + "; ".join(issues) + "); its values are not to be interpreted.")


# ---------------------------------------------------------------------------- current state
def descriptives(ctx: Context) -> None:
    """Construct descriptives with each scale's own end labels, means ranked only among constructs
    on the same range (or, when the plan asks, on the 0–100 POMP scale), and one answer-distribution
    figure per response scale."""
    from ..stats import descriptives as describe

    options = ctx.plan.analyses.descriptives
    cols = ctx.measured_constructs(options.constructs)
    if not cols:
        raise SkipSection(ctx.t("没有可描述的量表维度", "no multi-item constructs to describe"))
    ctx.heading(ctx.study_title(("描述性统计", "Descriptive statistics"), ("现状分析", "Current state")))
    res = describe(ctx.scores, cols, labels=ctx.labels(cols))
    ctx.results["descriptives"] = res
    frame = res.to_frame()
    scales = {c: ctx.construct_scale(c) for c in cols}
    frame["range"] = [f"{s.min}–{s.max}" if s is not None else "—" for s in scales.values()]
    if options.pomp:
        frame["pomp"] = [100 * (m - s.min) / (s.max - s.min) if s is not None else np.nan for m, s in zip(frame["mean"], scales.values())]
    ctx.results["descriptives_table"] = frame
    shown = frame.assign(variable=[ctx.label(v) for v in frame["variable"]])
    if frame["range"].nunique() > 1:  # the range beside each name, so that no mean is read against another range
        shown["variable"] = [ctx.t(f"{v}（{r}）", f"{v} ({r})") for v, r in zip(shown["variable"], frame["range"])]
    ctx.para(ctx.t("各维度得分（题项均值）的描述性统计见{@descriptives}", "{@descriptives} describes the construct scores (item means)") + _scale_notes(ctx, cols, scales))
    ctx.paras(_ranked(ctx, frame.assign(variable=[ctx.label(v) for v in frame["variable"]]), pomp=options.pomp))
    ctx.table(shown, ctx.t("各维度描述性统计", "Descriptive statistics of the constructs"), key="descriptives",
              columns=["variable", "n", "mean", "sd"] + ["pomp"] * options.pomp + ["median", "min", "max", "skew", "kurtosis"],
              headers={"pomp": "POMP"}, kinds={"pomp": "number"},
              note=ctx.t("POMP = 100 ×（均值 − 量表最小值）/（量表最大值 − 量表最小值）。", "POMP = 100 × (M − scale minimum) / (scale maximum − scale minimum).") if options.pomp else "")
    for by in options.by:
        _descriptives_by(ctx, cols, by)
    items = options.items or [i for c in cols for i in ctx.questionnaire.construct(c).items]
    _distributions(ctx, items)


def _scale_notes(ctx: Context, cols: list[str], scales: dict) -> str:
    """“(1 = lo, k = hi)” after the sentence for one scale; for several, each scale with its constructs."""
    groups: dict[int, list[str]] = {}
    for c in cols:
        if scales[c] is not None:
            groups.setdefault(id(scales[c]), []).append(c)
    if not groups:
        return ctx.t("。", ".")

    def ends(scale) -> str:
        lo, hi = min(scale.codes), max(scale.codes)
        sep = ctx.t("，", ", ")
        return f"{_code_text(lo)} = {scale.labels[lo].get(ctx.lang)}{sep}{_code_text(hi)} = {scale.labels[hi].get(ctx.lang)}"

    if len(groups) == 1:
        return ctx.t(f"（{ends(scales[cols[0]])}）。", f" ({ends(scales[cols[0]])}).")
    parts = [(ctx.t("、", ", ").join(ctx.label(c) for c in g), ends(scales[g[0]])) for g in groups.values()]
    return ctx.t("，各维度按其量表计分：" + "；".join(f"{names}（{e}）" for names, e in parts) + "。",
                 "; each is scored on its own scale: " + "; ".join(f"{names} ({e})" for names, e in parts) + ".")


def _ranked(ctx: Context, frame: pd.DataFrame, *, pomp: bool) -> list[str]:
    """The lowest and highest mean among constructs scored on one range; across ranges only on POMP."""
    ranges = [r for r in dict.fromkeys(frame["range"]) if r != "—"]
    out = []
    for r in ranges:
        ranked = frame[frame["range"] == r].sort_values("mean")
        if len(ranked) < 2:
            continue
        low, high = ranked.iloc[0], ranked.iloc[-1]
        lo, hi = fmt_num(low["mean"], style=ctx.style), fmt_num(high["mean"], style=ctx.style)
        within = ctx.t(f"在{r}计分的维度中，", f"Among the constructs scored {r}, ") if len(ranges) > 1 else ctx.t("其中", "")
        out.append(ctx.t(f"{within}“{low['variable']}”得分最低（*M* = {lo}），“{high['variable']}”得分最高（*M* = {hi}）。",
                         f"{within}{low['variable']} scored lowest (*M* = {lo}) and {high['variable']} highest (*M* = {hi})."))
    if len(ranges) > 1:
        if pomp:
            ranked = frame.dropna(subset=["pomp"]).sort_values("pomp")
            low, high = ranked.iloc[0], ranked.iloc[-1]
            lo, hi = fmt_num(low["pomp"], style=ctx.style, digits=1), fmt_num(high["pomp"], style=ctx.style, digits=1)
            out.append(ctx.t(f"换算为0–100的POMP分数后，“{low['variable']}”最低（{lo}），“{high['variable']}”最高（{hi}）。",
                             f"On the 0–100 POMP scale, {low['variable']} was lowest ({lo}) and {high['variable']} highest ({hi})."))
        else:
            out.append(ctx.t("不同计分范围的维度均值不宜直接比较。", "Means on different ranges are not compared with each other."))
    return out


def _descriptives_by(ctx: Context, cols: list[str], by: str) -> None:
    from ..stats import descriptives as describe

    data = pd.concat([ctx.scores[cols], ctx.clean.data[[by]]], axis=1)
    try:
        res = describe(data, cols, by=by, labels=ctx.labels(cols))
    except AnalysisError as why:
        ctx.para(ctx.t(f"按{ctx.label(by)}分组的描述性统计无法计算：{why}。", f"Descriptives by {ctx.label(by)} could not be computed: {why}."))
        return
    ctx.results[f"descriptives:{by}"] = res
    frame = res.to_frame()
    names = ctx.category_labels(by)
    frame[by] = [names.get(g, g) for g in frame[by]]
    frame["variable"] = [ctx.label(v) for v in frame["variable"]]
    frame = frame.rename(columns={by: "group"})
    ctx.table(frame, ctx.t(f"按{ctx.label(by)}分组的描述性统计", f"Descriptive statistics by {ctx.label(by)}"), key=f"descriptives_{by}",
              columns=["group", "variable", "n", "mean", "sd"], headers={"group": ctx.label(by)}, kinds={"group": "text"})


def _distributions(ctx: Context, items: list[str]) -> None:
    """One diverging-bar figure per response scale, each with its own anchors."""
    from ..figures import plot_likert
    from ..stats import likert_distribution

    by_scale: dict[str, list[str]] = {}
    for i in items:
        name = ctx.questionnaire.item(i).scale
        if name is not None and ctx.questionnaire.scales[name].ordered and len(ctx.questionnaire.scales[name].codes) >= 2:
            by_scale.setdefault(name, []).append(i)
        else:
            ctx.para(ctx.t(f"{ctx.label(i)}不是等级量表题项，未绘入作答分布图。", f"{ctx.label(i)} is not on an ordered scale and is not drawn."))
    for name, group in by_scale.items():
        scale = ctx.questionnaire.scales[name]
        which = _which(ctx, [c.id for c in ctx.questionnaire.constructs if set(c.items) & set(group)] or group)
        caption = ctx.t(f"各题项作答分布（{which}）", f"Distribution of answers per item ({which})") if len(by_scale) > 1 \
            else ctx.t("各题项作答分布", "Distribution of answers per item")

        def draw(scale=scale, group=group, name=name):
            dist = likert_distribution(ctx.clean.data, group, codes=[float(c) for c in scale.codes],
                                       code_labels={float(c): t.get(ctx.lang) for c, t in scale.labels.items()}, labels=ctx.labels(group))
            ctx.results[f"likert:{name}"] = dist
            return plot_likert(dist, lang=ctx.lang)

        ctx.figure_or_note(draw, caption, key="likert" if len(by_scale) == 1 else f"likert_{name}")


def _code_text(code) -> str:
    return str(int(code)) if float(code).is_integer() else str(code)


# ---------------------------------------------------------------------------- differences
def group_differences(ctx: Context) -> None:
    """Tests per construct and grouping; a sentence calls a difference significant only by the
    family-adjusted p the table reports, and a significant omnibus test is followed by its post hoc pairs."""
    from dataclasses import replace

    from ..stats import adjust_p, compare_groups

    from .sections_missing import handling_note, pooled_group_differences

    options = ctx.plan.analyses.group_differences
    ctx.heading(ctx.t("差异分析", "Group differences"))
    constructs = ctx.measured_constructs(options.constructs)
    if options.missing.method == "mi":
        pooled_group_differences(ctx, options, constructs)
        return
    results, failures = [], []
    for by in options.by:
        if by not in ctx.clean.data:
            raise SkipSection(ctx.t(f"数据中没有分组变量{by}", f"the grouping variable {by} is not in the data"))
        for construct in constructs:
            frame = pd.concat([ctx.scores[[construct]], ctx.clean.data[[by]]], axis=1).rename(columns={construct: ctx.label(construct), by: ctx.label(by)})
            try:
                res = compare_groups(frame, dv=ctx.label(construct), by=ctx.label(by), test=options.test, labels=ctx.category_labels(by))
            except AnalysisError as exc:
                failures.append(ctx.t(f"{ctx.label(construct)}按{ctx.label(by)}的比较无法进行：{exc}", f"{ctx.label(construct)} by {ctx.label(by)} could not be compared: {exc}"))
                continue
            results.append((by, construct, frame, res))
    if not results:
        raise SkipSection(ctx.t("没有可比较的组别", "no groups could be compared"))
    table = pd.DataFrame([res.to_frame().iloc[0].to_dict() for *_, res in results])
    table["p_adjusted"] = adjust_p(table["p_value"], method=options.p_adjust).to_numpy()
    method = P_ADJUST_NAMES[options.p_adjust]
    sentences, nominal, post_hoc = [], [], []
    for (by, construct, frame, res), p_adj in zip(results, table["p_adjusted"]):
        if p_adj < res.sig_level and len(res.groups) > 2 and options.post_hoc is not None:
            # pairwise comparisons (slow studentized-range quantiles) only where the omnibus test holds after correction
            res = compare_groups(frame, dv=res.dv, by=res.by, test=options.test, post_hoc=options.post_hoc, labels=res.labels)
        res = replace(res, p_adjusted=float(p_adj), p_adjust_method=options.p_adjust)
        ctx.results[f"groups:{by}:{construct}"] = res
        if res.significant:
            sentences.extend(ctx.findings(res, "groups.significant", "groups.post_hoc", "groups.post_hoc_none"))
            if res.post_hoc is not None and len(res.groups) > 2:
                post_hoc.append(_post_hoc_rows(ctx, res))
        elif res.p_value < res.sig_level:
            nominal.append(res)
    sentences.extend(failures)
    ctx.para(ctx.t("以人口学变量为分组变量，对各维度得分进行差异检验（检验方法根据正态性与方差齐性自动选择），"
                   f"显著性以{method}法校正后的p值判断，结果见{{@differences}}。",
                   f"Construct scores were compared across demographic groups, the test chosen by normality and homogeneity checks; "
                   f"significance is judged by the {method}-adjusted *p* ({{@differences}})."))
    ctx.para(handling_note(ctx, options.missing))
    ctx.paras(sentences or [ctx.t(f"经{method}校正后，各组之间均不存在显著差异。", f"After {method} correction, no group difference was significant.")])
    if nominal:
        listed = ctx.t("、", "; ").join(
            ctx.t(f"{r.by}在{r.dv}上（{fmt_p(r.p_value, style=ctx.style)}，校正后{fmt_p(r.p_adjusted, style=ctx.style)}）",
                  f"{r.dv} by {r.by} ({fmt_p(r.p_value, style=ctx.style)}, adjusted {fmt_p(r.p_adjusted, style=ctx.style)})")
            for r in nominal)
        ctx.para(ctx.t(f"{listed}的差异仅在未校正时p < 0.05，经{method}校正后不显著，不作为显著差异报告。",
                       f"{listed[:1].upper()}{listed[1:]}: *p* < .05 only before correction; not significant after {method} correction, so not reported as differences."))
    table["test"] = [TEST_NAMES[ctx.lang].get(t, t) for t in table["test"]]
    table["effect_size_name"] = [EFFECT_NAMES.get(e, e) for e in table["effect_size_name"]]
    family = ctx.t(f"同族{len(table)}次比较的p值采用{method}法校正（*p*校正），显著性以校正后的p值判断。",
                   f"Adjusted *p*: {method} correction across the family of {len(table)} comparisons; significance is judged by it.")
    ctx.table(table, ctx.t("差异分析汇总", "Group comparisons"), key="differences",
              columns=["dv", "by", "contrast", "test", "statistic", "df", "df2", "p_value", "p_adjusted", "effect_size_name", "effect_size"], note=family,
              headers={"dv": ctx.t("维度", "Construct"), "by": ctx.t("分组", "Grouping"), "contrast": ctx.t("对比方向", "Contrast"), "df2": ctx.t("自由度2", "*df*₂"),
                       "p_adjusted": ctx.t("*p*校正", "*p* adj."), "effect_size": ctx.t("效应量", "Value"),
                       "effect_size_name": ctx.t("效应量指标", "Effect size")}, kinds={"df": "int", "df2": "int"})
    if post_hoc:
        ctx.table(pd.concat(post_hoc, ignore_index=True), ctx.t("事后多重比较", "Post hoc comparisons"), key="post_hoc",
                  columns=["dv", "by", "method", "group_a", "group_b", "estimate", "ci_low", "ci_high", "p_value"],
                  headers={"dv": ctx.t("维度", "Construct"), "by": ctx.t("分组", "Grouping"), "method": ctx.t("方法", "Method"),
                           "group_a": ctx.t("组别1", "Group 1"), "group_b": ctx.t("组别2", "Group 2"),
                           "estimate": ctx.t("差值", "Difference")},
                  kinds={"group_a": "text", "group_b": "text"},
                  note=ctx.t("仅对经校正后显著的多组检验做事后比较；*p*值已按所列方法在各组两两比较间校正。",
                             "Post hoc comparisons follow only omnibus tests significant after correction; their *p* values are adjusted across the pairs by the method shown."))


def _post_hoc_rows(ctx: Context, res) -> pd.DataFrame:
    """The pairwise table of one comparison, with group labels; Dunn's rows compare mean ranks and have no interval."""
    from ..stats.groups import POST_HOC_NAMES

    frame = res.post_hoc.reindex(columns=["group_a", "group_b", "estimate", "ci_low", "ci_high", "p_value"]).copy()
    names = res.labels or {}
    for col in ("group_a", "group_b"):
        frame[col] = [str(names.get(v, v)) for v in frame[col]]
    frame.insert(0, "method", POST_HOC_NAMES[res.post_hoc_method])
    frame.insert(0, "by", res.by)
    frame.insert(0, "dv", res.dv)
    return frame


EFFECT_NAMES = {"cohen_d": "Cohen's *d*", "hedges_g": "Hedges' *g*", "rank_biserial": "*r*rb", "eta_squared": "*η*²",
                "omega_squared": "*ω*²", "epsilon_squared": "*ε*²"}


TEST_NAMES = {
    "zh": {"student": "独立样本t检验", "welch": "Welch t检验", "mann_whitney": "Mann-Whitney U检验", "anova": "单因素方差分析",
           "welch_anova": "Welch方差分析", "kruskal": "Kruskal-Wallis检验"},
    "en": {"student": "Student's t", "welch": "Welch's t", "mann_whitney": "Mann–Whitney U", "anova": "one-way ANOVA",
           "welch_anova": "Welch's ANOVA", "kruskal": "Kruskal–Wallis"},
}


# ---------------------------------------------------------------------------- correlation and regression
def correlation(ctx: Context) -> None:
    options = ctx.plan.analyses.correlation
    ctx.heading(ctx.t("相关分析", "Correlations"))
    cols = ctx.measured_constructs(options.constructs)
    if len(cols) < 2:
        raise SkipSection(ctx.t("可相关的维度少于两个", "fewer than two constructs to correlate"))
    alphas = {}
    rel = ctx.results.get("reliability")
    if rel is not None:
        alphas = {ctx.label(c): float(rel.table.loc[c, "alpha"]) for c in cols if c in rel.table.index}
    frame = _renamed(ctx, ctx.scores[cols])
    table = correlation_table(frame, list(frame.columns), alphas=alphas, method=options.method, style=ctx.style, digits=2 if ctx.style == "apa" else 3)
    from ..stats import correlations

    res = correlations(frame, method=options.method)
    ctx.results["correlations"] = res
    ctx.para(ctx.t("各维度的均值、标准差与相关系数见{@correlations}，对角线括号内为Cronbach's *α*系数。",
                   "{@correlations} gives means, standard deviations and correlations, with Cronbach's *α* on the diagonal."))
    pairs = res.to_frame()
    lo, hi = pairs["estimate"].min(), pairs["estimate"].max()
    n_sig = int((pairs["p_value"] < 0.05).sum())

    def r(value: float) -> str:
        return fmt_num(value, bounded=True, style=ctx.style, digits=2 if ctx.style == "apa" else 3)

    ctx.para(ctx.t(f"各维度两两之间的相关系数介于{r(lo)}与{r(hi)}之间，{len(pairs)}对相关中有{n_sig}对在0.05水平上显著。",
                   f"Correlations between the constructs ranged from {r(lo)} to {r(hi)}; {n_sig} of {len(pairs)} were significant at .05."))
    outcomes = [c for c in ctx.constructs("outcome") if c in cols]
    outcome = ctx.label(outcomes[0]) if outcomes else None
    if outcome is not None:
        with_outcome = pairs[(pairs["x"] == outcome) | (pairs["y"] == outcome)].copy()
        with_outcome["other"] = [b if a == outcome else a for a, b in zip(with_outcome["x"], with_outcome["y"])]
        services = {ctx.label(c) for c in ctx.constructs("hygiene", "motivator")}
        with_outcome = with_outcome[with_outcome["other"].isin(services)] if services else with_outcome
        with_outcome = with_outcome.sort_values("estimate", ascending=False)
        top = with_outcome.head(3)
        listed = ctx.t("、", ", ").join(f"{o}（*r* = {r(e)}）" if ctx.lang == "zh" else f"{o} (*r* = {r(e)})" for o, e in zip(top["other"], top["estimate"]))
        ctx.para(ctx.t(f"与{outcome}相关最强的维度依次为{listed}。", f"The constructs most strongly related to {outcome} were {listed}."))
    ctx.doc.add_table(table.astype(str), ctx.t("描述统计与相关系数", "Means, standard deviations and correlations"), key="correlations",
                      note=significance_note(style=ctx.style, lang=ctx.lang), raw=res.to_frame())


def regression(ctx: Context) -> None:
    from ..stats import regression as run_regression

    from .sections_missing import handling_note

    options = ctx.plan.analyses.regression
    ctx.heading(ctx.t("回归分析", "Regression"))
    blocks = options.blocks or [options.predictors or [c for c in ctx.measured_constructs() if c != options.outcome]]
    variables = [options.outcome] + [v for b in blocks for v in b]
    absent = [v for v in variables if v not in ctx.scores and v not in ctx.clean.data]
    if absent:
        raise SkipSection(ctx.t(f"数据中没有变量{absent}", f"variables {absent} are not in the data"))
    items = set(ctx.questionnaire.item_ids) - set(ctx.scores.columns)
    nominal = [v for v in variables[1:] if v in items and (scale := ctx.questionnaire.scale_of(v)) is not None and not scale.ordered]

    def build(scores: pd.DataFrame, answers: pd.DataFrame):
        data = pd.concat([scores, answers.drop(columns=[c for c in scores if c in answers])], axis=1)
        frame = data[variables].rename(columns=ctx.labels(variables))
        # nominal items (an unordered scale) enter as dummies against their first category, named by label
        reference = {}
        for v in nominal:
            names = ctx.category_labels(v)
            frame[ctx.label(v)] = frame[ctx.label(v)].map(names)
            reference[ctx.label(v)] = names[min(names)]
        return frame, reference

    labelled_blocks = [[ctx.label(v) for v in b] for b in blocks]
    if options.missing.method == "mi":
        _pooled_regression_section(ctx, options, labelled_blocks, build)
        return
    frame, reference = build(ctx.scores, ctx.clean.data)
    res = run_regression(frame, ctx.label(options.outcome), blocks=labelled_blocks, categorical=reference)
    ctx.results["regression"] = res
    ctx.para(ctx.t(f"以{ctx.label(options.outcome)}为因变量进行分层回归，结果见{{@regression}}。",
                   f"{{@regression}} reports the hierarchical regression of {ctx.label(options.outcome)}."))
    ctx.paras(ctx.findings(res, "regression.model_significant", "regression.model_not_significant", "regression.weighted",
                           "regression.reference", "regression.step_significant", "regression.step_not_significant", "regression.collinearity"))
    ctx.para(handling_note(ctx, options.missing, n_used=res.n, n_excluded=res.n_excluded))
    table = res.to_frame()
    table = (table[table["term"] != "(Intercept)"] if "term" in table else table).reset_index(drop=True)
    note = ""
    if reference:
        note = ctx.t("名义变量采用虚拟变量编码（变量[类别]），参照组：" + "；".join(f"{v}为{r}" for v, r in reference.items()) + "。",
                     "Nominal predictors are dummy-coded (variable[category]); reference categories: " + "; ".join(f"{v} = {r}" for v, r in reference.items()) + ".")
    ctx.table(table, ctx.t("分层回归分析结果", "Hierarchical regression"), key="regression",
              columns=["step", "term", "estimate", "se", "beta", "statistic", "p_value", "vif"],
              headers={"step": ctx.t("模型", "Step"), "term": ctx.t("变量", "Predictor"), "statistic": "*t*"},
              kinds={"step": "int"}, note=note)
    from ..figures import plot_coefficients
    from ..figures.differences import coefficients_caption

    ctx.figure_or_note(lambda: plot_coefficients(res, lang=ctx.lang), coefficients_caption(res, lang=ctx.lang), key="coefficients")


def _pooled_regression_section(ctx: Context, options, blocks, build) -> None:
    """The regression pooled over the imputations: the final model's coefficients, each step's R²."""
    from .sections_missing import handling_note, pooled_regression

    outcome = ctx.label(options.outcome)
    pooled, steps = pooled_regression(ctx, outcome, blocks, build)
    ctx.results["regression"] = pooled
    r2 = ctx.t("、", ", ").join(fmt_num(v, bounded=True, style=ctx.style, digits=3) for v in steps["r2"])
    ctx.para(ctx.t(f"以{outcome}为因变量进行回归分析，结果见{{@regression}}；各层模型合并后的R²依次为{r2}。",
                   f"{{@regression}} reports the regression of {outcome}; the pooled R² of the steps: {r2}."))
    ctx.para(handling_note(ctx, options.missing))
    ctx.paras(ctx.findings(pooled, "pooling.model_test", "pooling.term"))
    table = pooled.to_frame()
    table = table[table["term"] != "(Intercept)"].reset_index(drop=True)
    ctx.table(table, ctx.t("回归分析结果（多重插补合并）", "Regression pooled over the imputations"), key="regression",
              columns=["term", "estimate", "se", "statistic", "df", "p_value", "ci_low", "ci_high", "fmi"],
              headers={"term": ctx.t("变量", "Predictor"), "statistic": "*t*", "fmi": ctx.t("缺失信息比例", "FMI")}, kinds={"fmi": "bounded"},
              note=ctx.t(f"{pooled.m}个插补数据集按Rubin规则合并；自由度按Barnard–Rubin法；FMI为缺失信息比例。",
                         f"Pooled over {pooled.m} imputations by Rubin's rules; Barnard–Rubin degrees of freedom; FMI = fraction of missing information."))
