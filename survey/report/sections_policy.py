"""The policy-text section: the documents analysed, agreement per dimension, the instrument × stage
matrix with its heatmap, sub-instrument shares, and the findings in the usual wording."""

from __future__ import annotations

import pandas as pd

from ..findings.format import fmt_num
from .context import Context, SkipSection


def policy_documents(ctx: Context) -> None:
    from ..interviews import load_coding, load_documents, load_policy_framework, policy_matrix

    options = ctx.plan.policy_documents
    if options is None:
        return
    folder = ctx.plan.path(options.documents)
    if not folder.exists():
        raise SkipSection(ctx.t(f"找不到政策文件夹{folder.name}", f"the policy documents folder {folder.name} does not exist"))
    docs = load_documents(folder, metadata=ctx.plan.path(options.metadata) if options.metadata else None)
    framework_path = ctx.plan.path(options.framework)
    fw = load_policy_framework(framework_path if framework_path.is_file() else options.framework)
    rows, columns = options.dimensions or [d.id for d in fw.dimensions[:2]]
    ctx.heading(ctx.t("政策文本分析", "Policy documents"))
    ctx.para(ctx.t(
        f"依据Rothwell与Zegveld（1985）的政策工具分类，构建“{fw.label(rows, 'zh')}—{fw.label(columns, 'zh')}”二维分析框架，"
        f"以编号条款为分析单元，对{len(docs)}份政策文件的{len(docs.clauses)}个条款进行内容分析，文件见{{@policy_docs}}。",
        f"Following Rothwell and Zegveld's (1985) classification of policy instruments, a two-dimensional framework "
        f"({fw.label(rows, 'en').lower()} × {fw.label(columns, 'en').lower()}) was applied to {len(docs)} policy documents, "
        f"with their {len(docs.clauses)} numbered clauses as units of analysis ({{@policy_docs}})."))
    listing = docs.to_frame()
    ctx.table(listing, ctx.t("政策文本样本", "Policy documents analysed"), key="policy_docs",
              columns=["doc_id", "title", "issuer", "date", "n_clauses"],
              headers={"doc_id": ctx.t("编号", "No."), "title": ctx.t("文件名称", "Title"), "issuer": ctx.t("发文机关", "Issued by"),
                       "date": ctx.t("发布日期", "Date"), "n_clauses": ctx.t("条款数", "Clauses")},
              kinds={"doc_id": "text", "title": "text", "issuer": "text", "date": "text", "n_clauses": "int"})
    files = options.coding_files()
    if not files:
        ctx.para(ctx.t("尚无人工编码，本节仅报告政策文本概况。", "With no human coding yet, only the documents are reported."))
        return
    coding = pd.concat([load_coding(ctx.plan.path(f), codebook=fw.combined, segments=docs) for f in files], ignore_index=True)
    coders = list(dict.fromkeys(coding["coder"]))
    coder = options.coder or coders[0]
    if len(coders) >= 2:
        _agreement(ctx, coding, fw, docs, coders[:2])
    res = policy_matrix(coding, fw, docs, rows=rows, columns=columns, coder=coder)
    ctx.results["policy_matrix"] = res
    ctx.para(ctx.t(f"以下按编码员{coder}的编码统计，{res.n_clauses}个条款获得编码，各类政策工具在人才工作各环节的分布见{{@policy_matrix}}与{{@policy_heatmap}}。",
                   f"Counts use coder {coder}'s codes: {res.n_clauses} clauses were coded; {{@policy_matrix}} and {{@policy_heatmap}} cross the two dimensions."))
    findings = res.findings(ctx.lang, style=ctx.style)
    ctx.paras(findings)
    ctx.table(_matrix_cells(ctx, res), ctx.t(f"{fw.label(rows, 'zh')}×{fw.label(columns, 'zh')}二维分布", f"{fw.label(rows, 'en')} × {fw.label(columns, 'en')}"),
              key="policy_matrix", raw=res.counts, kinds={c: "text" for c in res.counts.columns},
              note=ctx.t("单元格为条款数（占全部编码条款的百分比）。", "Cells give clauses (% of all coded clauses)."))
    ctx.figure_or_note(lambda: res.plot(lang=ctx.lang), ctx.t(f"{fw.label(rows, 'zh')}×{fw.label(columns, 'zh')}热力图", f"{fw.label(rows, 'en')} × {fw.label(columns, 'en')} heatmap"),
                       key="policy_heatmap")
    subs = res.code_shares.loc[res.code_shares["dimension"] == rows].copy()
    if subs["category"].ne(subs["code"]).any():
        subs["category"] = [res.name(c, ctx.lang) for c in subs["category"]]
        subs["code"] = [res.name(c, ctx.lang) for c in subs["code"]]
        ctx.table(subs, ctx.t(f"{fw.label(rows, 'zh')}的具体构成", f"{fw.label(rows, 'en')}: sub-instruments"), key="policy_subinstruments",
                  columns=["category", "code", "n", "pct_of_category", "pct"],
                  headers={"category": ctx.t("类型", "Type"), "code": ctx.t("具体工具", "Instrument"), "n": ctx.t("条款数", "Clauses"),
                           "pct_of_category": ctx.t("占该类(%)", "% of type"), "pct": ctx.t("占全部(%)", "% of all")},
                  kinds={"category": "text", "code": "text", "n": "int", "pct_of_category": "number", "pct": "number"}, digits=1)
    if findings:
        ctx.summary.append((2, findings[0]))


def _matrix_cells(ctx: Context, res) -> pd.DataFrame:
    """Counts with percentages, "9（22.0%）", rows and columns named."""
    pct = res.percent
    cells = res.counts.copy().astype(object)
    for r in cells.index:
        for c in cells.columns:
            p = fmt_num(float(pct.loc[r, c]), digits=1, style=ctx.style)
            cells.loc[r, c] = f"{int(res.counts.loc[r, c])}（{p}%）" if ctx.lang == "zh" else f"{int(res.counts.loc[r, c])} ({p}%)"
    cells.index = [res.name(r, ctx.lang) for r in cells.index]
    cells.index.name = res.name(res.rows, ctx.lang)
    cells.columns = [res.name(c, ctx.lang) for c in cells.columns]
    return cells


def _agreement(ctx: Context, coding, fw, docs, coders) -> None:
    from ..interviews import policy_agreement

    results = policy_agreement(coding, fw, docs, coders=coders, n_boot=1000, seed=ctx.plan.seed)
    ctx.results["policy_agreement"] = results
    rows = []
    for k, (dim, res) in enumerate(results.items()):
        names = {c: fw.label(c, ctx.lang) for c in res.table.index if c != "overall"}
        label = fw.label(dim, ctx.lang)
        sentences = res.findings(ctx.lang, style=ctx.style, names=names)
        if k:  # what the units are is said once, with the first dimension
            del sentences[1]
        sentences[0] = f"{label}维度：{sentences[0]}" if ctx.lang == "zh" else f"{label}: {sentences[0]}"
        ctx.paras(sentences)
        o = res.table.loc["overall"]
        rows.append({"dimension": label, "n_units": int(o["n_units"]), "pct_agreement": o["pct_agreement"], "alpha": o["alpha"], "kappa": o["kappa"],
                     "flagged": ("、" if ctx.lang == "zh" else ", ").join(names[c] for c in res.flagged) or ctx.t("无", "none")})
    ctx.table(pd.DataFrame(rows), ctx.t("政策文本编码一致性检验", "Inter-coder agreement on the policy coding"), key="policy_agreement",
              headers={"dimension": ctx.t("维度", "Dimension"), "n_units": ctx.t("判定数", "Decisions"), "pct_agreement": ctx.t("一致率(%)", "Agreement (%)"),
                       "alpha": "Krippendorff's *α*", "kappa": "Cohen's *κ*", "flagged": ctx.t("一致性偏低的编码", "Codes below the threshold")},
              kinds={"dimension": "text", "n_units": "int", "pct_agreement": "number", "flagged": "text"}, digits=2 if ctx.style == "apa" else 3)
