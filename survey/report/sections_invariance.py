"""Report section: measurement invariance across groups (测量不变性检验), by multi-group CFA."""

from __future__ import annotations

import pandas as pd

from .context import Context, SkipSection

LEVELS = {"configural": ("形态等值（configural）", "Configural"), "metric": ("度量等值（metric，因子载荷相等）", "Metric (equal loadings)"),
          "scalar": ("标量等值（scalar，载荷与截距相等）", "Scalar (+ equal intercepts)"),
          "strict": ("严格等值（strict，另加残差方差相等）", "Strict (+ equal residual variances)")}


def _model_and_data(ctx: Context, options) -> tuple[str | dict, pd.DataFrame]:
    """The measurement model (the plan's text, or one factor per construct) and its items, reverse-keyed as the schema says."""
    if options.model is not None:
        return options.model, ctx.clean.reverse_keyed().data
    constructs = ctx.measured_constructs(options.constructs)
    if not constructs:
        raise SkipSection(ctx.t("没有可分析的量表维度", "no multi-item constructs to analyse"))
    frames = {c: ctx.clean.construct_items(c) for c in constructs}
    data = pd.concat(frames.values(), axis=1)
    return {c: [str(i) for i in f.columns] for c, f in frames.items()}, data.loc[:, ~data.columns.duplicated()]


def invariance(ctx: Context) -> None:
    from ..stats.invariance import multigroup_cfa

    options = ctx.plan.analyses.invariance
    group = options.group
    if group not in ctx.clean.data:
        raise SkipSection(ctx.t(f"数据中没有分组变量{group}", f"the grouping variable {group} is not in the data"))
    model, data = _model_and_data(ctx, options)
    name = ctx.label(group)
    if name in data.columns:
        raise SkipSection(ctx.t(f"分组变量{group}也是测量模型的题项", f"the grouping variable {group} is also an item of the measurement model"))
    labels = ctx.category_labels(group)
    codes = ctx.clean.data[group]
    data = data.assign(**{name: [labels.get(float(v), str(v)) if isinstance(v, (int, float)) and pd.notna(v) else v for v in codes]})
    unanswered = int(codes.isna().sum())
    # the groups carry the scale's labels and the column its label, so that the findings name both
    res = multigroup_cfa(data.dropna(subset=[name]), model, group=name, levels=options.levels, invariance=True)
    ctx.results["invariance"] = res
    ctx.heading(ctx.t("测量不变性检验", "Measurement invariance"))
    ctx.para(ctx.t(
        f"为检验测量模型在不同{name}群体间是否等价，采用多组验证性因子分析（最大似然估计），依次检验{'、'.join(LEVELS[lv][0] for lv in options.levels)}模型，"
        "每一层次与前一层次比较：ΔCFI ≤ −0.010且ΔRMSEA ≥ 0.015或ΔSRMR超过临界值（度量0.030，标量与严格0.010）时视为不变性不成立（Chen, 2007）。"
        + (f"{unanswered}名未回答{name}的被调查者未纳入本节分析。" if unanswered else ""),
        f"Whether the measurement model is equivalent across {name} groups was tested by multi-group CFA (maximum likelihood), fitting the "
        f"{', '.join(LEVELS[lv][1].split(' (')[0].lower() for lv in options.levels)} models in turn and comparing each with the one before: "
        "a level is not supported when ΔCFI ≤ −.010 together with ΔRMSEA ≥ .015 or ΔSRMR above its cut-off (.030 metric, .010 scalar and strict; Chen, 2007)."
        + (f" {unanswered} respondents who did not answer {name} are left out of this section." if unanswered else "")))
    sentences = res.findings(ctx.lang, style=ctx.style)
    ctx.paras(sentences)
    table = res.table.copy()
    table.index = [ctx.t(LEVELS[lv][0].split("（")[0], LEVELS[lv][1].split(" (")[0]) for lv in table.index]  # short: the note defines them
    table.index.name = "model"
    ctx.table(table, ctx.t("测量不变性检验结果", "Measurement invariance"), key="invariance", raw=res.table,
              columns=["chisq", "df", "cfi", "tli", "rmsea", "srmr", "delta_chisq", "delta_df", "delta_p_value", "delta_cfi",
                       "delta_rmsea", "delta_srmr", "supported"],
              headers={"model": ctx.t("模型", "Model"), "chisq": "χ²", "cfi": "CFI", "tli": "TLI", "rmsea": "RMSEA", "srmr": "SRMR", "delta_chisq": "Δχ²", "delta_df": "Δdf",
                       "delta_p_value": ctx.t("Δχ²的*p*", "*p* (Δχ²)"), "delta_cfi": "ΔCFI", "delta_rmsea": "ΔRMSEA",
                       "delta_srmr": "ΔSRMR", "supported": ctx.t("成立", "Supported")},
              kinds={"delta_df": "int", "delta_p_value": "p", "delta_cfi": "bounded", "delta_rmsea": "bounded", "delta_srmr": "bounded"},
              digits=3,
              note=ctx.t("度量等值：因子载荷相等；标量等值：载荷与截距相等；严格等值：另加残差方差相等。各组样本量：" + "，".join(f"{g} n = {k}" for g, k in res.n.items())
                         + "。形态等值是否成立按其拟合是否可以接受（CFI、TLI ≥ 0.90，RMSEA、SRMR ≤ 0.08）判断。"
                         + ("" if res.admissible else "解不可接受（" + "；".join(res.issues) + "），不作判断。"),
                         "Metric: equal loadings; scalar: equal loadings and intercepts; strict: also equal residual variances. "
                         "Group sizes: " + "; ".join(f"{g} n = {k}" for g, k in res.n.items()) + ". The configural model is supported when its fit is acceptable (CFI, TLI ≥ .90; RMSEA, SRMR ≤ .08)."
                         + ("" if res.admissible else " The solution is inadmissible (" + "; ".join(res.issues) + "); no decision is made.")))
    if res.admissible and tuple(options.levels) != res.holds:
        ctx.summary.append((3, sentences[-1]))
    if not res.models["configural"].admissible:
        return
    loadings = res.loadings("configural").reset_index()
    loadings["item"] = [ctx.item_label(i) for i in loadings["item"]]
    loadings["factor"] = [ctx.label(f) for f in loadings["factor"]]
    ctx.table(loadings, ctx.t("形态模型中各组的标准化因子载荷", "Standardized loadings of the configural model by group"), key="invariance_loadings",
              raw=res.loadings("configural"), kinds={"factor": "text", "item": "text", **{g: "bounded" for g in res.n.index}})
