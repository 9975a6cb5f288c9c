"""Reproducing a published analysis: our numbers beside the ones printed in a book or paper.

A *reference file* (YAML, e.g. ``analysis/saq_textbook/published.yaml``) names its sources, the
analysis the publication ran (principal components, varimax, how many components) and the values it
printed, each with the number of decimals printed, where it stands and how far it has been checked.
:func:`compare_published` recomputes every value from the responses and
:func:`published_comparison` writes the book's tables (KMO and Bartlett's test, total variance
explained, rotated component matrix, subscale reliabilities) with the published values beside
ours and the difference.

Conventions, as SPSS's FACTOR (which textbooks print):

- principal components of the Pearson correlation matrix of the items *as answered* (reverse-worded
  items are not reversed for the factor analysis; they are for the subscale alphas, where the
  questionnaire says ``reverse: true``);
- varimax with Kaiser normalisation, iterated to convergence (``convergence: spss``). R's
  ``stats::varimax`` (used by ``psych::principal``) stops at a relative change of 1e-5, which on
  Field's SAQ leaves the rotation sums of squares 0.003 away from SPSS's (3.727 vs 3.730);
  ``convergence: r`` reproduces R instead;
- rotated components are matched to the publication's constructs by the largest mean absolute
  loading of each construct's items (an optimal one-to-one assignment) and signed so that the
  construct's items, reverse-keyed ones negated, load positively.

A value *agrees* when our unrounded value lies within half a unit of the last printed digit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._result import Result
from ..errors import AnalysisError, Problem
from ..findings.format import fmt_num, fmt_p
from .context import Context, SkipSection
from ..errors import PlanError

__all__ = ["Reference", "load_reference", "compare_published", "PublishedComparison", "published_comparison"]

STATS = ("kmo", "bartlett_chisq", "bartlett_df", "bartlett_p", "eigenvalue", "variance_pct", "cumulative_pct",
         "rotation_ss", "loading", "alpha")
_NEEDS = {"eigenvalue": ("component",), "variance_pct": ("component",), "cumulative_pct": ("component",),
          "rotation_ss": ("construct_id",), "loading": ("item", "construct_id"), "alpha": ("construct_id",)}
_BOUNDED = {"kmo", "loading", "alpha", "bartlett_p"}
STATUS_ZH = {"corroborated": "已有旁证", "transcribed": "转录，未对照原书", "unverified": "未核实"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    citation: str
    url: str | None = None
    note: str | None = None


class Analysis(_Strict):
    extraction: Literal["pc"] = "pc"
    rotation: Literal["varimax"] = "varimax"
    convergence: Literal["spss", "r"] = "spss"
    n_components: int = Field(ge=1)
    suppress_below: float = Field(0.4, ge=0, lt=1)
    items: Literal["all"] | list[str] = "all"


class Value(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    stat: Literal[STATS]  # type: ignore[valid-type]
    value: float
    digits: int = Field(ge=0, le=8)
    bound: Literal["equal", "below"] = "equal"
    component: int | None = Field(None, ge=1)
    construct_id: str | None = Field(None, alias="construct", description="construct id (YAML key: construct)")
    item: str | None = None
    source: str
    where: str | None = None
    status: Literal["corroborated", "transcribed", "unverified"]
    evidence: str | None = None
    note: str | None = None


class Reference(_Strict):
    """A publication's analysis and printed values (see the module docstring)."""

    title: str
    sources: dict[str, Source] = Field(min_length=1)
    analysis: Analysis
    values: list[Value] = Field(min_length=1)


def load_reference(path: str | Path, *, questionnaire=None) -> Reference:
    """Read and check a reference file; every problem (field, line, unknown construct …) is listed."""
    from ..schema.yaml_reader import line_of, read_yaml_file, validation_problems

    path = Path(path)
    if not path.is_file():
        raise PlanError(f"no reference file at {path}", [Problem(str(path), "file not found")])
    data, lines, problems = read_yaml_file(path)
    if problems:
        raise PlanError(f"{path.name}: the reference file is not valid YAML", problems)
    try:
        ref = Reference.model_validate(data)
    except ValidationError as exc:
        out = validation_problems(exc, lines, path.name, brackets=False, model=Reference)
        raise PlanError(f"{path.name}: the reference file is not valid ({len(out)} problem(s))", out) from None
    problems = []
    constructs = {c.id for c in questionnaire.constructs} if questionnaire is not None else None
    items = set(questionnaire.item_ids) if questionnaire is not None else None
    for n, v in enumerate(ref.values):
        where = f"{path.name} line {line_of(lines, ('values', n)) or '?'} ({v.stat})"
        if v.source not in ref.sources:
            problems.append(Problem(where, f"unknown source {v.source!r}", f"one of {sorted(ref.sources)}"))
        for need in _NEEDS.get(v.stat, ()):
            if getattr(v, need) is None:
                problems.append(Problem(where, f"a {v.stat} value needs '{need.removesuffix('_id')}'"))
        if v.component is not None and v.component > 1000:
            problems.append(Problem(where, f"component {v.component} is not plausible"))
        if constructs is not None and v.construct_id is not None and v.construct_id not in constructs:
            problems.append(Problem(where, f"unknown construct {v.construct_id!r}", f"one of {sorted(constructs)}"))
        if items is not None and v.item is not None and v.item not in items:
            problems.append(Problem(where, f"unknown item {v.item!r}", "an item id of the questionnaire"))
    if items is not None and ref.analysis.items != "all":
        unknown = [i for i in ref.analysis.items if i not in items]
        if unknown:
            problems.append(Problem(f"{path.name} at analysis.items", f"unknown items {unknown}"))
    if problems:
        raise PlanError(f"{path.name}: the reference file does not fit the questionnaire ({len(problems)} problem(s))", problems)
    return ref


# ---------------------------------------------------------------------------- computation
@dataclass(frozen=True, repr=False)
class PublishedComparison(Result):
    """Our values beside a publication's: ``comparison`` has one row per published value."""

    comparison: pd.DataFrame  # quantity, published, estimate, difference, digits, bound, agrees, source, status, stat
    factorability: dict  # kmo, bartlett_chisq, bartlett_df, bartlett_p, n
    variance_table: pd.DataFrame  # SPSS "Total Variance Explained", one row per component
    loadings: pd.DataFrame  # rotated loadings, items x constructs (matched components)
    alphas: pd.DataFrame  # construct, k, n, alpha
    reference: Reference
    n: int

    @property
    def n_agree(self) -> int:
        return int(self.comparison["agrees"].sum())

    def to_frame(self) -> pd.DataFrame:
        return self.comparison.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        total, agree = len(self.comparison), self.n_agree
        off = self.comparison[~self.comparison["agrees"]]
        if lang == "zh":
            out = [f"原文报告的{total}个数值中，有{agree}个在原文保留的小数位数内得到重现。"]
            if len(off):
                out.append("未能重现的数值：" + "；".join(f"{q}（原文{_fmt(r, 'published', style)}，本文{_fmt(r, 'estimate', style)}）"
                                                  for q, r in zip(off["quantity"], off.to_dict("records"))) + "。")
            return out
        out = [f"Of the {total} values the publication prints, {agree} were reproduced to the precision printed."]
        if len(off):
            out.append("Not reproduced: " + "; ".join(f"{q} (published {_fmt(r, 'published', style)}, ours {_fmt(r, 'estimate', style)})"
                                                      for q, r in zip(off["quantity"], off.to_dict("records"))) + ".")
        return out


def _fmt(row: dict, col: str, style: str) -> str:
    value = row[col]
    if row["stat"] == "bartlett_p":
        return fmt_p(value, style=style, prefix=False) if col == "estimate" else f"< {fmt_num(value, digits=row['digits'], bounded=True, style=style)}"
    digits = int(row["digits"]) if col != "difference" or row["stat"] == "bartlett_df" else int(row["digits"]) + 1
    return fmt_num(value, digits=digits, bounded=row["stat"] in _BOUNDED, style=style)


def _match_components(loadings: np.ndarray, items: list[str], constructs: list[tuple[str, list[str], set[str]]]):
    """Assign rotated components to constructs one to one (largest mean |loading|), and their signs."""
    from scipy.optimize import linear_sum_assignment

    m = loadings.shape[1]
    pos = {item: i for i, item in enumerate(items)}
    score = np.zeros((len(constructs), m))
    for c, (_, members, _) in enumerate(constructs):
        rows = [pos[i] for i in members if i in pos]
        if rows:
            score[c] = np.abs(loadings[rows]).mean(axis=0)
    rows, cols = linear_sum_assignment(-score)
    mapping = {}
    for r, col in zip(rows, cols):
        cid, members, reverse = constructs[r]
        keyed = [(-1 if i in reverse else 1) * loadings[pos[i], col] for i in members if i in pos]
        mapping[cid] = (int(col), -1.0 if sum(keyed) < 0 else 1.0)
    return mapping


def compare_published(responses, reference: Reference) -> PublishedComparison:
    """Recompute every value of ``reference`` from ``responses`` (a ``Responses`` with its questionnaire).

    Raises
    ------
    AnalysisError
        When the items cannot be analysed (too few complete rows, a constant item, a singular
        correlation matrix) or more components are asked for than there are items.
    """
    from ..stats import bartlett, cronbach_alpha, efa, kmo
    from ..stats.rotation import varimax

    q = responses.questionnaire
    spec = reference.analysis
    construct_ids = [c.id for c in q.constructs]
    if spec.items == "all":
        members = {i for c in q.constructs for i in c.items}
        items = [i for i in q.item_ids if i in members] or list(q.item_ids)
    else:
        items = list(spec.items)
    missing = [i for i in items if i not in responses.data.columns]
    if missing:
        raise AnalysisError(f"published comparison: items {missing} are not in the data")
    frame = responses.data[items].astype("float64")
    k, b = kmo(frame), bartlett(frame)
    m = spec.n_components
    res = efa(frame, n_factors=m, method="pc", rotation="varimax" if spec.convergence == "r" else "none")
    n = int(res.n)
    unrot = res.unrotated.to_numpy()
    load = res.loadings.to_numpy() if spec.convergence == "r" else varimax(unrot, normalize=True, eps=1e-12)[0]
    reverse = set(q.reverse_items)
    cons = [(c.id, list(c.items), reverse) for c in q.constructs]
    mapping = _match_components(load, items, cons) if len(cons) >= 1 else {}
    # ordered by the variance they account for (as psych does, and as the book's SPSS output happens to be)
    used = sorted(mapping.items(), key=lambda kv: -float((load[:, kv[1][0]] ** 2).sum()))
    columns, names = [], []
    for cid, (col, sign) in used:
        columns.append(load[:, col] * sign)
        names.append(cid)
    rest = [j for j in range(m) if j not in {v[0] for v in mapping.values()}]
    for j in rest:
        s = 1.0 if load[:, j].sum() >= 0 else -1.0
        columns.append(load[:, j] * s)
        names.append(f"C{j + 1}")
    loadings = pd.DataFrame(np.column_stack(columns), index=pd.Index(items, name="item"), columns=pd.Index(names, name="component"))
    ss = (loadings**2).sum(axis=0)
    p = len(items)
    eig = res.eigenvalues.to_numpy()
    vt = pd.DataFrame({"component": np.arange(1, p + 1), "eigenvalue": eig, "variance_pct": eig / p * 100,
                       "cumulative_pct": np.cumsum(eig) / p * 100})
    rot = np.full(p, np.nan)
    rot[:m] = ss.to_numpy()
    vt["rotation_ss"] = rot
    vt["rotation_pct"] = rot / p * 100
    vt["rotation_cumulative_pct"] = np.cumsum(np.nan_to_num(rot)) / p * 100
    vt.loc[vt["rotation_ss"].isna(), "rotation_cumulative_pct"] = np.nan
    rotation_names = pd.Series(names + [None] * (p - m), index=vt.index)
    vt["rotated_component"] = rotation_names
    alphas = []
    for cid in construct_ids:
        cols = responses.construct_items(cid)
        if cols.shape[1] < 2:
            continue
        a = cronbach_alpha(cols)
        alphas.append({"construct": cid, "k": a.k, "n": a.n, "alpha": a.alpha})
    alphas = pd.DataFrame(alphas).set_index("construct") if alphas else pd.DataFrame(columns=["k", "n", "alpha"])
    fact = {"kmo": k.overall, "bartlett_chisq": b.statistic, "bartlett_df": float(b.df), "bartlett_p": b.p_value, "n": n}
    rows = []
    for v in reference.values:
        est = _estimate(v, fact, vt, loadings, alphas, m)
        if v.bound == "below":
            agrees = est < v.value
        else:
            agrees = abs(est - v.value) <= 0.5 * 10 ** (-v.digits) + 1e-9
        rows.append({"quantity": _quantity(v, q), "published": v.value, "estimate": est, "difference": est - v.value,
                     "digits": v.digits, "bound": v.bound, "agrees": bool(agrees), "source": v.source, "status": v.status,
                     "stat": v.stat, "construct": v.construct_id, "item": v.item, "component": v.component, "where": v.where or ""})
    comparison = pd.DataFrame(rows)
    return PublishedComparison(comparison=comparison, factorability=fact, variance_table=vt, loadings=loadings,
                               alphas=alphas, reference=reference, n=n)


def _estimate(v: Value, fact: dict, vt: pd.DataFrame, loadings: pd.DataFrame, alphas: pd.DataFrame, m: int) -> float:
    if v.stat in fact:
        return float(fact[v.stat])
    if v.stat in ("eigenvalue", "variance_pct", "cumulative_pct"):
        if v.component > len(vt):
            raise AnalysisError(f"published comparison: component {v.component} asked for, but there are {len(vt)} items")
        return float(vt.loc[v.component - 1, v.stat])
    if v.stat == "rotation_ss":
        if v.construct_id not in loadings.columns:
            raise AnalysisError(f"published comparison: no rotated component matched construct {v.construct_id!r} ({m} components)")
        return float((loadings[v.construct_id] ** 2).sum())
    if v.stat == "loading":
        if v.item not in loadings.index or v.construct_id not in loadings.columns:
            raise AnalysisError(f"published comparison: no loading of {v.item!r} on {v.construct_id!r}")
        return float(loadings.loc[v.item, v.construct_id])
    if v.stat == "alpha":
        if v.construct_id not in alphas.index:
            raise AnalysisError(f"published comparison: no alpha for construct {v.construct_id!r} (fewer than two items?)")
        return float(alphas.loc[v.construct_id, "alpha"])
    raise AnalysisError(f"published comparison: unknown statistic {v.stat!r}")  # pragma: no cover - the model forbids it


_QUANTITY = {
    "kmo": "KMO", "bartlett_chisq": "Bartlett's χ²", "bartlett_df": "Bartlett's df", "bartlett_p": "Bartlett's p",
    "eigenvalue": "Eigenvalue {component}", "variance_pct": "% of variance, component {component}",
    "cumulative_pct": "Cumulative % ({component} components)", "rotation_ss": "Rotation SS, {construct}",
    "loading": "{item} on {construct}", "alpha": "α, {construct}",
}


def _quantity(v: Value, q) -> str:
    construct = v.construct_id
    if construct is not None:
        try:
            construct = q.construct(construct).name.get("en")
        except KeyError:
            pass
    return _QUANTITY[v.stat].format(component=v.component, construct=construct, item=v.item)


# ---------------------------------------------------------------------------- the report section
def _reference_path(ctx: Context) -> Path:
    """The reference file named by the plan: ``analyses.published_comparison.reference`` (or a
    top-level ``reference``), relative to the plan's folder."""
    options = getattr(ctx.plan.analyses, "published_comparison", None)
    value = getattr(options, "reference", None) if options is not None else None
    if value is None and isinstance(options, dict):
        value = options.get("reference")
    if value is None:
        value = getattr(ctx.plan, "reference", None)
    if not value:
        raise SkipSection(ctx.t("分析计划没有指定已发表结果文件（reference）", "the plan names no reference file of published values"))
    return ctx.plan.path(str(value))


def published_comparison(ctx: Context) -> None:
    """Section: the publication's tables recomputed, with the published values and the differences."""
    path = _reference_path(ctx)
    ref = load_reference(path, questionnaire=ctx.questionnaire)
    res = compare_published(ctx.clean, ref)
    ctx.results["published_comparison"] = res
    style, lang = ctx.style, ctx.lang
    spec = ref.analysis
    cites = " ".join(s.citation for key, s in ref.sources.items() if key in set(res.comparison["source"]))
    ctx.heading(ctx.t("与已发表结果的对照", "Comparison with the published analysis"))
    conv = ctx.t("迭代至收敛（与SPSS一致）", "iterated to convergence, as SPSS does") if spec.convergence == "spss" else \
        ctx.t("按R stats::varimax的停止规则（eps = 1e-5）", "stopped as R's stats::varimax does (eps = 1e-5)")
    ctx.para(ctx.t(
        f"按原文的做法重新分析（{ref.title}）：对{len(res.loadings)}个题项（按原始作答，不反向计分）的相关矩阵进行主成分分析，"
        f"提取{spec.n_components}个成分，经Kaiser标准化的最大方差法旋转，{conv}；分量表信度采用Cronbach's *α*系数（反向题已反向计分）。"
        f"样本量*N* = {res.n}。原文来源：{cites}",
        f"The published analysis ({ref.title}) was rerun as printed: principal components of the correlations of the "
        f"{len(res.loadings)} items as answered, {spec.n_components} components, varimax rotation with Kaiser normalisation "
        f"{conv}; subscale reliabilities as Cronbach's *α* with reverse-worded items reversed. *N* = {res.n}. Source: {cites}",
    ))
    ctx.paras(res.findings(lang, style=style))
    # KMO and Bartlett
    f = res.factorability
    kb_rows = []
    for stat, label in (("kmo", ctx.t("KMO取样适切性量数", "Kaiser–Meyer–Olkin measure of sampling adequacy")),
                        ("bartlett_chisq", ctx.t("Bartlett球形检验 近似卡方", "Bartlett's test of sphericity: approx. χ²")),
                        ("bartlett_df", ctx.t("自由度", "*df*")), ("bartlett_p", ctx.t("显著性", "*p*"))):
        kb_rows.append({"quantity": label, **_cells(ctx, res, stat, f[stat])})
    ctx.doc.add_table(pd.DataFrame(kb_rows).rename(columns=_headers(ctx)), ctx.t("KMO与Bartlett检验", "KMO and Bartlett's test"),
                      key="published_kmo", raw=pd.DataFrame([f]))
    # Total variance explained
    vt = res.variance_table
    shown = pd.DataFrame({
        ctx.t("成分", "Component"): [str(c) for c in vt["component"]],
        ctx.t("特征值", "Eigenvalue"): [fmt_num(x, digits=3, style=style) for x in vt["eigenvalue"]],
        ctx.t("方差百分比", "% of variance"): [fmt_num(x, digits=3, style=style) for x in vt["variance_pct"]],
        ctx.t("累计百分比", "Cumulative %"): [fmt_num(x, digits=3, style=style) for x in vt["cumulative_pct"]],
        ctx.t("旋转载荷平方和", "Rotation SS"): [fmt_num(x, digits=3, style=style) for x in vt["rotation_ss"]],
        ctx.t("旋转方差百分比", "Rotation % of variance"): [fmt_num(x, digits=3, style=style) for x in vt["rotation_pct"]],
        ctx.t("旋转累计百分比", "Rotation cumulative %"): [fmt_num(x, digits=3, style=style) for x in vt["rotation_cumulative_pct"]],
    })
    published_eig = {int(v.component): v.value for v in ref.values if v.stat == "eigenvalue"}
    if published_eig:
        shown[ctx.t("原文特征值", "Published eigenvalue")] = [
            fmt_num(published_eig[c], digits=3, style=style) if c in published_eig else "" for c in vt["component"]]
    ctx.doc.add_table(shown, ctx.t("总方差解释", "Total variance explained"), key="published_variance", raw=vt,
                      note=ctx.t("提取方法为主成分分析；旋转后的成分按其解释的方差由大到小排列，并与原文的分量表一一对应。",
                                 "Extraction: principal components. Rotated components are ordered by the variance they account for "
                                 "and matched one to one to the published subscales."))
    # Rotated component matrix, sorted by size as the book prints it
    load = res.loadings
    primary = load.abs().idxmax(axis=1)
    order = sorted(load.index, key=lambda i: (list(load.columns).index(primary[i]), -abs(load.loc[i, primary[i]])))
    mat = load.loc[order]
    rotated = pd.DataFrame({ctx.construct_label(c) if c in {x.id for x in ctx.questionnaire.constructs} else c:
                            [fmt_num(x, digits=3, bounded=True, style=style) if abs(x) >= spec.suppress_below else "" for x in mat[c]]
                            for c in mat.columns}, index=[ctx.item_label(i) for i in mat.index])
    rotated.index.name = ctx.t("题项", "Item")
    ctx.doc.add_table(rotated, ctx.t("旋转后的成分矩阵", "Rotated component matrix"), key="published_loadings", raw=load,
                      note=ctx.t(f"绝对值小于{fmt_num(spec.suppress_below, digits=2, style=style)}的载荷不予显示。",
                                 f"Loadings below {fmt_num(spec.suppress_below, digits=2, bounded=True, style=style)} in absolute value are not shown."))
    # Reliability
    rel = [{"quantity": ctx.construct_label(cid), "k": int(row["k"]), **_cells(ctx, res, "alpha", row["alpha"], construct=cid)}
           for cid, row in res.alphas.iterrows()]
    if rel:
        table = pd.DataFrame(rel).rename(columns={**_headers(ctx), "k": ctx.t("题项数", "Items")})
        ctx.doc.add_table(table, ctx.t("分量表信度", "Reliability of the subscales"), key="published_alphas", raw=res.alphas,
                          note=ctx.t("反向题已按问卷设定反向计分。", "Reverse-worded items were reversed as the questionnaire declares."))
    # Every published value
    comp = res.comparison
    full = pd.DataFrame({
        ctx.t("数值", "Quantity"): comp["quantity"],
        ctx.t("原文", "Published"): [_fmt(r, "published", style) for r in comp.to_dict("records")],
        ctx.t("本文", "Ours"): [_fmt(r, "estimate", style) for r in comp.to_dict("records")],
        ctx.t("差值", "Difference"): ["" if r["bound"] == "below" else _fmt(r, "difference", style) for r in comp.to_dict("records")],
        ctx.t("一致", "Agrees"): [ctx.t("是", "yes") if a else ctx.t("否", "no") for a in comp["agrees"]],
        ctx.t("核实情况", "Checked"): [ctx.t(STATUS_ZH.get(x, x), x) for x in comp["status"]],
    })
    ctx.doc.add_table(full, ctx.t("原文数值与本文结果对照", "Published values and ours"), key="published_all", raw=comp,
                      note=ctx.t("“一致”指本文结果在原文保留的小数位数内与原文相同；差值保留比原文多一位小数。",
                                 "Agrees: our value rounds to the published one at the precision printed. Differences carry one "
                                 "more decimal than the published value."))
    if res.n_agree < len(comp):
        ctx.summary.append((1, ctx.t(f"有{len(comp) - res.n_agree}个原文数值未能重现，见{{@published_all}}。",
                                     f"{len(comp) - res.n_agree} published value(s) were not reproduced ({{@published_all}}).")))


def _headers(ctx: Context) -> dict:
    return {"quantity": "", "published": ctx.t("原文", "Published"), "estimate": ctx.t("本文", "Ours"),
            "difference": ctx.t("差值", "Difference"), "agrees": ctx.t("一致", "Agrees")}


def _cells(ctx: Context, res: PublishedComparison, stat: str, ours: float, *, construct: str | None = None) -> dict:
    style = ctx.style
    comp = res.comparison
    hit = comp[comp["stat"] == stat]
    if construct is not None:
        hit = hit[hit["construct"] == construct]
    if stat == "bartlett_p":
        ours_txt = fmt_p(ours, style=style, prefix=False)
    elif stat == "bartlett_df":
        ours_txt = str(int(ours))
    else:
        ours_txt = fmt_num(ours, digits=3 if stat != "bartlett_chisq" else 2, bounded=stat in _BOUNDED, style=style)
    if hit.empty:
        return {"published": "", "estimate": ours_txt, "difference": "", "agrees": ""}
    row = hit.iloc[0].to_dict()
    return {"published": _fmt(row, "published", style), "estimate": ours_txt,
            "difference": "" if row["bound"] == "below" else _fmt(row, "difference", style),
            "agrees": ctx.t("是", "yes") if row["agrees"] else ctx.t("否", "no")}
