"""A plan run at scale: the report sections that reduce to moments, on a scanned table.

``engine: duckdb`` or ``engine: dask`` in a plan (``scheduler:`` for a Dask cluster) reads ``data:``
(a Parquet file or folder, or a DuckDB table) where it lies. Reliability (α from each construct's
moments, reverse keys applied to the moments) and the satisfaction index (overall and by each
grouping column) are computed; every other analysis the plan asks for is listed with the reason it
needs the respondents' rows. No screening rule is applied at scale: the report says so.
"""

from __future__ import annotations


import pandas as pd

from ..engines import scan
from ..errors import AnalysisError
from .document import Document
from .tables import format_frame

__all__ = ["build_at_scale", "AT_SCALE"]

#: analyses a scanned table supports in a report
AT_SCALE = ("reliability", "satisfaction_index")


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _reliability(doc: Document, q, lazy, lang: str) -> None:
    from ..stats.reliability import _construct_name, cronbach_alpha

    rows = []
    for construct in q.constructs:
        items = list(construct.items)
        if len(items) < 2:
            continue
        sums = {i: q.scale_of(i).min + q.scale_of(i).max for i in items if q.item(i).reverse and q.scale_of(i)}
        try:
            res = cronbach_alpha(lazy[items].reverse_keyed(sums), name=_construct_name(construct, lang))
        except AnalysisError as why:
            doc.add_paragraph(_t(lang, f"{construct.id}：{why}", f"{construct.id}: {why}"))
            continue
        rows.append(res.summary().rename(index={res.name: str(construct.id)}))
        for sentence in res.findings(lang=lang):
            doc.add_paragraph(sentence)
    if rows:
        table = pd.concat(rows).drop(columns="ci_method").rename_axis("construct").reset_index()
        kinds = {"construct": "text", "n": "int", "k": "int", "ci_low": "bounded", "ci_high": "bounded", "average_r": "bounded"}
        headers = {"construct": _t(lang, "维度", "Construct"), "average_r": _t(lang, "平均题项间相关", "Mean inter-item r")}
        doc.add_table(format_frame(table, style=doc.style, lang=lang, kinds=kinds, headers=headers),
                      _t(lang, "各维度的信度", "Reliability of each construct"), key="reliability", raw=table)


def _satisfaction(doc: Document, q, lazy, plan, lang: str) -> None:
    from ..models.index import satisfaction_index

    opts = plan.analyses.satisfaction_index
    constructs = opts.constructs or [c.id for c in q.constructs_with_role("outcome")] or [c.id for c in q.constructs]
    items = [i for cid in constructs for i in q.construct(cid).items]
    sums = {i: q.scale_of(i).min + q.scale_of(i).max for i in items if q.item(i).reverse and q.scale_of(i)}
    lazy = lazy.reverse_keyed(sums)
    scales = {i: (q.scale_of(i).min, q.scale_of(i).max) for i in items}
    for by in [None, *opts.by]:
        res = satisfaction_index(lazy, items, scale=scales, by=by)
        title = _t(lang, "满意度指数" + (f"（按{by}）" if by else ""), "Satisfaction index" + (f" by {by}" if by else ""))
        doc.add_table(format_frame(res.table, style=doc.style, lang=lang, kinds={"group": "text", "n": "int"},
                                   headers={"estimate": _t(lang, "指数", "Index"), "group": _t(lang, "组别", "Group")}), title,
                      key=f"satisfaction_index{'_' + by if by else ''}", raw=res.table)
        for sentence in res.findings(lang=lang):
            doc.add_paragraph(sentence)


def build_at_scale(plan, q, lang: str) -> tuple[Document, list[tuple[str, str]], int]:
    """The report document of a plan whose ``engine`` is duckdb or dask; also the analyses left out
    (name, why) and the number of rows."""
    data_path = plan.path(plan.data)
    lazy = scan(data_path, q, engine=plan.engine, scheduler=plan.scheduler)
    try:
        n = len(lazy)
        doc = Document(title=plan.title.get(lang), lang=lang, style=plan.style)
        doc.add_heading(_t(lang, f"第{plan.chapter}章 实证分析", f"Chapter {plan.chapter}: Results"), 1, chapter=plan.chapter)
        doc.add_heading(_t(lang, "数据来源", "Data"), 2)
        doc.add_paragraph(_t(lang, f"数据共{n}条记录，由{plan.engine}在数据所在处计算充分统计量（未载入内存）；大规模数据未应用筛选规则。",
                             f"The data hold {n} rows, analysed by {plan.engine} from sufficient statistics where they lie "
                             "(not loaded into memory); no screening rule was applied at scale."))
        skipped = []
        for name in type(plan.analyses).model_fields:
            option = getattr(plan.analyses, name)
            if option is None:
                continue
            if name not in AT_SCALE:
                why = _t(lang, f"{name} 需要逐行数据，大规模数据上未进行（可在 .sample(n, seed) 抽样上运行）",
                         f"{name} needs the respondents' rows and was not run at scale (run it on a seeded sample, .sample(n, seed))")
                skipped.append((name, why))
                continue
            doc.add_heading(_t(lang, {"reliability": "信度分析", "satisfaction_index": "满意度指数"}[name],
                               {"reliability": "Reliability", "satisfaction_index": "Satisfaction index"}[name]), 2)
            if name == "reliability":
                _reliability(doc, q, lazy, lang)
            else:
                _satisfaction(doc, q, lazy, plan, lang)
        if skipped:
            doc.add_heading(_t(lang, "未进行的分析", "Analyses not run"), 2)
            for _, why in skipped:
                doc.add_paragraph(why + ("。" if lang == "zh" else "."))
        return doc, skipped, n
    finally:
        lazy.engine.close()
