"""Sections of the two-factor and satisfaction analyses."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .context import Context, SkipSection
from .sections import ROLE_NAMES, _cell_labels

CLASS_NAMES = {
    "zh": {"basic": "基本型（保健）", "performance": "绩效型", "excitement": "兴奋型（激励）", "confirmed": "一致", "reversed": "相反", "mixed": "部分一致",
           "undefined": "异常（IA超出范围）", "undetermined": "无法判定", "M": "必备型(M)", "O": "期望型(O)", "A": "魅力型(A)", "I": "无差异型(I)", "R": "反向型(R)", "Q": "可疑(Q)",
           "low_impact": "低影响", "all agree": "完全一致", "majority": "多数一致", "disagree": "不一致", "single method": "单一方法",
           "no role": "无预设", "symmetric": "对称型", "hygiene": "保健因素", "motivator": "激励因素", "convergent": "相互印证", "divergent": "不一致", "silent": "访谈未提及", "yes": "是", "no": "否", "unclear": "不明确", "none": "—", "concentrate": "重点改进", "keep_up": "继续保持", "low_priority": "低优先", "overkill": "过度投入"},
    "en": {"basic": "basic (hygiene)", "performance": "performance", "excitement": "excitement (motivator)", "confirmed": "confirmed",
           "undefined": "anomaly (IA out of range)", "undetermined": "undetermined", "reversed": "reversed", "mixed": "mixed", "M": "must-be (M)", "O": "one-dimensional (O)", "A": "attractive (A)",
           "I": "indifferent (I)", "R": "reverse (R)", "Q": "questionable (Q)", "low_impact": "low impact", "concentrate": "concentrate here",
           "keep_up": "keep up the good work", "low_priority": "low priority", "overkill": "possible overkill"},
}


def _class_names(ctx: Context, frame: pd.DataFrame, columns) -> pd.DataFrame:
    out = frame.copy()
    for col in columns:
        if col in out:
            out[col] = [CLASS_NAMES[ctx.lang].get(v, ROLE_NAMES[ctx.lang].get(v, v)) if isinstance(v, str) else v for v in out[col]]
    return out


def _services(ctx: Context) -> tuple[list[str], list[str]]:
    hygiene, motivator = ctx.constructs("hygiene"), ctx.constructs("motivator")
    if not hygiene or not motivator:
        raise SkipSection(ctx.t("问卷中需要同时有保健因素和激励因素维度", "the questionnaire needs both hygiene and motivator constructs"))
    return hygiene, motivator


def _outcome(ctx: Context, outcome: str | None) -> str:
    """The plan's outcome, or else the questionnaire's first construct with role outcome."""
    if outcome is None:
        outcomes = ctx.constructs("outcome")
        if not outcomes:
            raise SkipSection(ctx.t("计划未指定结果变量，问卷中也没有结果变量维度",
                                    "the plan names no outcome and the questionnaire has no construct with role outcome"))
        outcome = outcomes[0]
    if outcome not in ctx.scores:
        raise SkipSection(ctx.t(f"没有结果变量{outcome}", f"the outcome {outcome} is not a construct score"))
    return outcome


def two_factor(ctx: Context) -> None:
    from ..models import prca, two_factor as run_two_factor

    options = ctx.plan.analyses.two_factor
    hygiene, motivator = _services(ctx)
    outcome = _outcome(ctx, options.outcome)
    ctx.heading(ctx.t("双因素理论检验", "Two-factor analysis"))
    res = run_two_factor(ctx.scores, outcome, hygiene=hygiene, motivator=motivator)
    ctx.results["two_factor"] = res
    ctx.paras(ctx.findings(res, "two_factor.composites", "two_factor.increment"))
    table = res.to_frame()
    table["term"] = [ROLE_NAMES[ctx.lang].get(t, t) for t in table["term"]]
    table["outcome"] = [ctx.label(o) for o in table["outcome"]]
    ctx.table(table, ctx.t(f"保健因素与激励因素对{ctx.label(outcome)}的回归", f"Hygiene and motivator composites predicting {ctx.label(outcome)}"), key="two_factor",
              columns=["outcome", "term", "b", "se", "beta", "statistic", "p_value", "vif"],
              headers={"outcome": ctx.t("因变量", "Outcome"), "term": ctx.t("自变量", "Predictor"), "b": "*B*", "statistic": "*t*"})
    roles = {c: "hygiene" for c in hygiene} | {c: "motivator" for c in motivator}
    frame = ctx.scores[[outcome] + hygiene + motivator]
    pr = prca(frame, outcome, hygiene + motivator, low=tuple(options.low), high=tuple(options.high), bands=(-options.band, options.band),
              roles=roles, n_boot=options.n_boot, seed=ctx.plan.seed)
    ctx.results["prca"] = pr
    table = _class_names(ctx, _cell_labels(ctx, pr.to_frame(), ["attribute"]), ["class", "role", "match"])
    ctx.para(ctx.t(
        f"采用惩罚-奖励对比分析（PRCA）与影响不对称（IA）指数检验各服务维度的作用方式：维度得分低于等于{options.low[1]:g}为低评价组、"
        f"不低于{options.high[0]:g}为高评价组，IA > {options.band:g}为兴奋型（激励因素），IA < −{options.band:g}为基本型（保健因素），其余为绩效型，"
        f"置信区间由{options.n_boot}次自助抽样（种子{ctx.plan.seed}）得到，结果见{{@prca}}。",
        f"Penalty–reward contrast analysis with the impact-asymmetry index classified each service (low band ≤ {options.low[1]:g}, high band ≥ "
        f"{options.high[0]:g}; IA > {options.band:g} excitement, IA < −{options.band:g} basic, otherwise performance; CIs from {options.n_boot} "
        f"bootstrap resamples, seed {ctx.plan.seed}); see {{@prca}}."))
    ctx.paras(ctx.findings(pr, "prca.attribute", "prca.anomaly"))
    note = ""
    if pr.n_boot and not pr.ia_ci_reportable().all():
        # an interval reaching beyond [−1, 1] is not an interval of the index: shown as "—", explained below
        table.loc[~pr.ia_ci_reportable().to_numpy(), ["ia_ci_low", "ia_ci_high"]] = np.nan
        note = ctx.t("IA的取值范围为[−1, 1]；自助样本中奖励系数为负时IA超出该范围，此类维度的置信区间不予报告（“—”）。",
                     "IA is defined on [−1, 1]; where bootstrap resamples with a negative reward push it outside that range, no interval is given (—).")
    ctx.table(table, ctx.t("惩罚-奖励对比分析与影响不对称指数", "Penalty–reward contrast analysis and impact asymmetry"), key="prca",
              columns=["attribute", "penalty", "reward", "riocs", "ia", "ia_ci_low", "ia_ci_high", "class", "role", "match"],
              headers={"ia_ci_low": ctx.t("IA下限", "IA LL"), "ia_ci_high": ctx.t("IA上限", "IA UL"), "role": ctx.t("理论归属", "A priori"),
                       "match": ctx.t("是否一致", "Match")}, kinds={"ia_ci_low": "number", "ia_ci_high": "number"}, note=note)
    from ..figures import plot_prca

    ctx.figure_or_note(lambda: plot_prca(_relabelled_result(ctx, pr), lang=ctx.lang), ctx.t("各服务维度的惩罚与奖励", "Penalty and reward of each service"), key="prca_plot")
    for row in pr.to_frame().itertuples():
        if row.match == "reversed":
            ctx.summary.append((2, ctx.t(f"“{ctx.label(row.attribute)}”的作用方式与理论预设相反，值得在访谈中进一步解释。",
                                         f"{ctx.label(row.attribute)} behaves opposite to its a-priori role; the interviews may explain why.")))


def _relabelled_result(ctx: Context, result):
    """A copy of a result whose attribute names are the report's labels (for figures)."""
    import dataclasses

    changes = {}
    for f in dataclasses.fields(result):
        value = getattr(result, f.name)
        if isinstance(value, pd.DataFrame):
            v = value.copy()
            if "attribute" in v:
                v["attribute"] = [ctx.label(a) for a in v["attribute"]]
            if len(v.index) and all(isinstance(a, str) for a in v.index):
                v.index = [ctx.label(a) for a in v.index]
            changes[f.name] = v
    return dataclasses.replace(result, **changes)


def satisfaction(ctx: Context) -> None:
    ctx.heading(ctx.t("满意度分析", "Satisfaction"))
    done, reasons = False, []
    for part in (_index, _ipa, _kano, _drivers, _triangulation):
        try:
            part(ctx)
            done = True
        except SkipSection as why:
            ctx.para(ctx.t(f"（{why}）", f"({why})"))
            reasons.append(str(why))
    if not done:  # the section is replaced by one sentence: it keeps every part's reason
        raise SkipSection(ctx.t("没有可用的满意度分析（", "no satisfaction analysis could run (") + ctx.t("；", "; ").join(reasons) + ctx.t("）", ")"))


def _index(ctx: Context) -> None:
    from ..models import satisfaction_index

    options = ctx.plan.analyses.satisfaction_index
    if options is None:
        raise SkipSection(ctx.t("计划未要求满意度指数", "the plan asks for no satisfaction index"))
    constructs = options.constructs or ctx.constructs("hygiene", "motivator")
    if not constructs:
        raise SkipSection(ctx.t("计划未指定指数的维度，问卷中也没有保健因素或激励因素维度",
                                "the plan names no constructs for the index and the questionnaire has no hygiene or motivator constructs"))
    items = [i for c in constructs for i in ctx.questionnaire.construct(c).items]
    data = pd.concat([ctx.clean.reverse_keyed().data[items]] + [ctx.clean.data[[b]] for b in options.by], axis=1)
    scale = {i: (s.min, s.max) for i in items if (s := ctx.questionnaire.scale_of(i)) is not None}  # each item on its own range
    rows = []
    weighted = {"weights": ctx.clean.weights, "suppress_below": ctx.plan.weights.suppress_below} if ctx.clean.weights is not None else {}
    overall = satisfaction_index(data, items, scale=scale, **weighted)
    ctx.results["index"] = overall
    ctx.paras(ctx.findings(overall, "index.overall"))
    frame = overall.to_frame()
    frame["group"] = [ctx.t("总体", "Overall")] * len(frame)
    rows.append(frame)
    for by in options.by:
        res = satisfaction_index(data, items, scale=scale, by=by, **weighted)
        f = res.to_frame()
        f = f[f["group"] != "overall"].copy()
        labels = ctx.category_labels(by)
        f["group"] = [f"{ctx.label(by)}：{labels.get(g, g)}" for g in f["group"]]
        rows.append(f)
    table = pd.concat(rows, ignore_index=True)
    ctx.para(ctx.t("满意度指数（0–100）按ACSI公式以等权重计算，分组结果见{@index}。", "The 0–100 satisfaction index (ACSI formula, equal weights) is given by group in {@index}."))
    ctx.table(table, ctx.t("满意度指数", "Satisfaction index"), key="index", columns=["group", "n", "estimate", "ci_low", "ci_high"],
              headers={"estimate": ctx.t("指数", "Index")}, digits=1)


def _ipa(ctx: Context) -> None:
    from ..models import ipa

    options = ctx.plan.analyses.ipa
    if options is None:
        raise SkipSection(ctx.t("计划未要求重要性-表现分析", "the plan asks for no IPA"))
    hygiene, motivator = _services(ctx)
    services = hygiene + motivator
    stated = None
    if ctx.questionnaire.importance:
        stated = pd.Series({imp.attribute: ctx.clean.data[imp.item].mean() for imp in ctx.questionnaire.importance if imp.attribute in services})
    importance = stated if options.importance == "stated" and stated is not None else options.importance
    if isinstance(importance, str) and importance == "stated":
        raise SkipSection(ctx.t("问卷中没有重要性题项", "the questionnaire has no importance items"))
    scale = ctx.questionnaire.scale_of(ctx.questionnaire.construct(services[0]).items[0])
    res = ipa(ctx.scores[services], importance=importance, outcome=ctx.scores[_outcome(ctx, options.outcome)], centre=options.centre,
              scale=(scale.min, scale.max), stated=stated)
    ctx.results["ipa"] = res
    frame = res.to_frame()
    centre = ctx.t("数据均值", "data means") if options.centre == "data" else ctx.t("量表中点", "the scale midpoint")
    ctx.para(ctx.t(f"重要性-表现分析（IPA）以{centre}为分界，结果见{{@ipa}}与{{@ipa_plot}}。", f"Importance–performance analysis with crosshairs at {centre} ({{@ipa}}, {{@ipa_plot}})."))
    ctx.paras(ctx.findings(res, "ipa.quadrants", "ipa.concentrate"))
    table = _class_names(ctx, _cell_labels(ctx, frame, ["attribute"]), ["quadrant", "grid_class"])
    ctx.table(table, ctx.t("重要性-表现分析", "Importance–performance analysis"), key="ipa",
              columns=["attribute", "performance", "importance", "gap", "quadrant", "derived", "grid_class"],
              headers={"derived": ctx.t("推导重要性", "Derived importance"), "grid_class": ctx.t("陈述-推导分类", "Stated vs derived")})
    from ..figures import plot_ipa

    ctx.figure_or_note(lambda: plot_ipa(_relabelled_result(ctx, res), lang=ctx.lang), ctx.t("重要性-表现矩阵", "Importance–performance grid"), key="ipa_plot")
    for attr in frame.loc[frame["quadrant"] == "concentrate", "attribute"]:
        ctx.summary.append((1, ctx.t(f"“{ctx.label(attr)}”重要性高而满意度低，是最需要优先改进的服务。",
                                     f"{ctx.label(attr)} is important but poorly rated: the first service to improve.")))


def _kano(ctx: Context) -> None:
    from ..models import kano

    if ctx.plan.analyses.kano is None or not ctx.questionnaire.kano:
        raise SkipSection(ctx.t("没有Kano题对", "no Kano question pairs"))
    pairs = ctx.questionnaire.kano
    functional = ctx.clean.data[[p.functional for p in pairs]].set_axis([p.attribute for p in pairs], axis=1)
    dysfunctional = ctx.clean.data[[p.dysfunctional for p in pairs]].set_axis([p.attribute for p in pairs], axis=1)
    res = kano(functional, dysfunctional)
    ctx.results["kano"] = res
    frame = res.to_frame()
    ctx.para(ctx.t("Kano模型分析结果见{@kano}与{@kano_plot}。", "{@kano} and {@kano_plot} give the Kano classification."))
    ctx.paras(ctx.findings(res, "kano.attribute", "kano.dropped"))
    table = _class_names(ctx, _cell_labels(ctx, frame, ["attribute"]), ["category"])
    ctx.table(table, ctx.t("Kano属性分类", "Kano classification"), key="kano",
              columns=["attribute", "A", "O", "M", "I", "R", "Q", "category", "better", "worse"],
              headers={"category": ctx.t("类别", "Category")}, kinds={c: "int" for c in "AOMIRQ"})
    from ..figures import plot_kano

    ctx.figure_or_note(lambda: plot_kano(_relabelled_result(ctx, res), lang=ctx.lang), ctx.t("Better-Worse系数图", "Better–Worse diagram"), key="kano_plot")


def _drivers(ctx: Context) -> None:
    from ..models import relative_weights

    options = ctx.plan.analyses.drivers
    if options is None:
        raise SkipSection(ctx.t("计划未要求驱动因素分析", "the plan asks for no driver analysis"))
    hygiene, motivator = _services(ctx)
    outcome = _outcome(ctx, options.outcome)
    res = relative_weights(ctx.scores, outcome, hygiene + motivator, n_boot=options.n_boot, seed=ctx.plan.seed)
    ctx.results["drivers"] = res
    ctx.paras(ctx.findings(res, "drivers.shares"))
    frame = _cell_labels(ctx, res.to_frame(), ["predictor"])
    frame["rescaled"] = frame["rescaled"] * 100
    ctx.table(frame, ctx.t("相对权重分析", "Relative weights"), key="drivers", columns=["predictor", "raw", "ci_low", "ci_high", "rescaled"],
              headers={"predictor": ctx.t("维度", "Construct"), "raw": ctx.t("原始权重", "Raw weight")},
              kinds={"rescaled": "number"})


def _triangulation(ctx: Context) -> None:
    from ..models import triangulate

    parts = {k: ctx.results.get(k) for k in ("prca", "kano", "ipa")}
    if sum(v is not None for v in parts.values()) < 2:
        raise SkipSection(ctx.t("可相互印证的分析少于两种", "fewer than two classifications to compare"))
    roles = {c: "hygiene" for c in ctx.constructs("hygiene")} | {c: "motivator" for c in ctx.constructs("motivator")}
    res = triangulate(**parts, roles=roles)
    ctx.results["triangulation"] = res
    frame = res.to_frame()
    ctx.para(ctx.t("将PRCA/IA、陈述-推导重要性分类（与Kano分类）并列比较，结果见{@triangulation}。",
                   "{@triangulation} sets the classifications of the methods side by side."))
    ctx.paras(ctx.findings(res, "triangulation.agree", "triangulation.disagree", "triangulation.priority"))
    cols = ["attribute", "role", "ia_class", "kano_category", "grid_class", "consensus", "agreement", "matches_role"]
    table = _class_names(ctx, _cell_labels(ctx, frame, ["attribute"]), cols)
    ctx.table(table, ctx.t("多方法分类的三角互证", "Triangulation of the classifications"), key="triangulation", columns=cols,
              kinds={c: "text" for c in cols},
              headers={"ia_class": ctx.t("PRCA/IA分类", "PRCA/IA"), "kano_category": ctx.t("Kano分类", "Kano"), "grid_class": ctx.t("陈述-推导分类", "Stated vs derived"),
                       "consensus": ctx.t("综合判断", "Consensus"), "agreement": ctx.t("一致性", "Agreement"), "matches_role": ctx.t("符合理论归属", "Matches role")})
