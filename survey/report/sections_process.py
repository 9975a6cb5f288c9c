"""Report section for conditional process models (mediation and moderated mediation, PROCESS)."""

from __future__ import annotations

import pandas as pd

from ..stats.ols import INTERCEPT
from .context import Context, SkipSection


def process(ctx: Context) -> None:
    from ..stats import process as run_process

    options = ctx.plan.analyses.process
    specs = options if isinstance(options, list) else [options]
    ctx.heading(ctx.t("中介与有调节的中介效应检验", "Mediation and moderated mediation"))
    data = pd.concat([ctx.scores, ctx.clean.data.drop(columns=[c for c in ctx.scores if c in ctx.clean.data])], axis=1)
    for k, spec in enumerate(specs, start=1):
        variables = [spec.x, *spec.m, spec.y, *([spec.w] if spec.w else []), *spec.covariates]
        missing = [v for v in variables if v not in data]
        if missing:
            raise SkipSection(ctx.t(f"数据中没有变量{missing}", f"variables {missing} are not in the data"))
        res = run_process(
            data[variables], model=spec.model, x=spec.x, m=spec.m, y=spec.y, w=spec.w, covariates=spec.covariates,
            center=spec.center, w_values=spec.w_values, n_boot=spec.n_boot, seed=ctx.plan.seed, ci_level=spec.ci_level,
            labels=ctx.labels(variables),
        )  # fmt: skip
        key = f"process_{k}"
        ctx.results[key] = res
        ctx.para(ctx.t(f"采用Hayes的PROCESS模型{spec.model}检验，间接效应的置信区间由偏差未校正的百分位Bootstrap法（{spec.n_boot}次重复抽样）得到，结果见{{@{key}}}。",
                       f"{{@{key}}} reports PROCESS model {spec.model}; the confidence intervals of the indirect effects are percentile bootstrap intervals ({spec.n_boot} resamples)."))
        ctx.paras(res.findings(ctx.lang, style=ctx.style)[1:])
        effects = _effects_table(res, ctx)
        ctx.table(effects, ctx.t(f"PROCESS模型{spec.model}的效应检验", f"Effects in PROCESS model {spec.model}"), key=key,
                  columns=["effect", "path", "w_value", "estimate", "se", "ci_low", "ci_high"],
                  headers={"effect": ctx.t("效应", "Effect"), "path": ctx.t("路径", "Path"), "w_value": ctx.label(spec.w) if spec.w else "W"},
                  kinds={"effect": "text", "path": "text"})
        paths = res.coefficients.reset_index()
        paths = paths[paths["term"] != INTERCEPT].assign(outcome=lambda f: f["outcome"].map(ctx.label), term=lambda f: f["term"].map(lambda t: " × ".join(ctx.label(p) for p in t.split(":"))))
        ctx.table(paths.reset_index(drop=True), ctx.t(f"PROCESS模型{spec.model}的回归系数", f"Regression paths of PROCESS model {spec.model}"), key=f"{key}_paths",
                  columns=["outcome", "term", "estimate", "se", "statistic", "p_value", "ci_low", "ci_high"],
                  headers={"outcome": ctx.t("结果变量", "Outcome"), "term": ctx.t("预测变量", "Predictor"), "statistic": "*t*"},
                  kinds={"outcome": "text", "term": "text"})
        ctx.figure_or_note(lambda: res.plot(lang=ctx.lang), ctx.t("条件间接效应" if res.w else "间接效应", "Conditional indirect effects" if res.w else "Indirect effects"),
                           key=f"{key}_effects")


def _effects_table(res, ctx: Context) -> pd.DataFrame:
    """Direct, total, indirect and index rows with display names for the report's table."""
    name = {"direct": ("直接效应", "Direct"), "total": ("总效应", "Total"), "indirect": ("间接效应", "Indirect"), "index": ("有调节的中介指数", "Index of moderated mediation")}
    lab = ctx.label
    rows = []
    for _, r in res.direct.iterrows():
        rows.append({"effect": ctx.t(*name["direct"]), "path": f"{lab(res.x)} → {lab(res.y)}", "w_value": r.get("w_value"), "estimate": r["estimate"], "se": r["se"], "ci_low": r["ci_low"], "ci_high": r["ci_high"]})
    if res.total is not None:
        r = res.total.iloc[0]
        rows.append({"effect": ctx.t(*name["total"]), "path": f"{lab(res.x)} → {lab(res.y)}", "estimate": r["estimate"], "se": r["se"], "ci_low": r["ci_low"], "ci_high": r["ci_high"]})
    for _, r in res.indirect.iterrows():
        path = ctx.t("总间接效应", "total indirect") if r["path"] == "total" else " → ".join(lab(v) for v in r["path"].split(" → "))
        rows.append({"effect": ctx.t(*name["indirect"]), "path": path, "w_value": r.get("w_value"), "estimate": r["estimate"], "se": r["boot_se"], "ci_low": r["ci_low"], "ci_high": r["ci_high"]})
    if res.index is not None:
        for mi, r in res.index.iterrows():
            rows.append({"effect": ctx.t(*name["index"]), "path": lab(mi), "estimate": r["estimate"], "se": r["boot_se"], "ci_low": r["ci_low"], "ci_high": r["ci_high"]})
    frame = pd.DataFrame(rows)
    if "w_value" not in frame or frame["w_value"].isna().all():
        frame = frame.drop(columns=["w_value"], errors="ignore")
    return frame
