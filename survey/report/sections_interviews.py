"""The interview section: code frequencies, inter-coder agreement, critical incidents, redacted
quotes and the joint display that sets interview evidence beside the survey results."""

from __future__ import annotations

import pandas as pd

from ..findings.format import fmt_num
from ..interviews.agreement import CODE_AGREEMENT_MIN
from .context import Context, SkipSection
from .sections_models import CLASS_NAMES


def _redactor(ctx: Context, options=None):
    """The redactor of the plan's interviews (or of ``options`` with ``redaction`` and ``key_file``)."""
    from ..interviews import RedactionLists, Redactor, load_redaction_lists

    options = ctx.plan.interviews if options is None else options
    lists = load_redaction_lists(ctx.plan.path(options.redaction)) if options.redaction else RedactionLists()
    key = ctx.plan.path(options.key_file).read_bytes().strip() if options.key_file else None
    return Redactor(key=key, names=lists.names, employers=lists.employers, addresses=lists.addresses)


def interviews(ctx: Context) -> None:
    options = ctx.plan.interviews
    if options is None:
        raise SkipSection(ctx.t("计划中没有访谈资料", "the plan names no interviews"))
    folder = ctx.plan.path(options.transcripts)
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".txt", ".md", ".docx")) if folder.is_dir() else [folder]
    if not paths:
        raise SkipSection(ctx.t(f"{folder.name}中没有访谈记录", f"no transcripts in {folder.name}"))
    redactor = _redactor(ctx)
    mark, n_summary = len(ctx.doc.blocks), len(ctx.summary)
    _evidence(ctx, paths, redactor)
    _redact_added(ctx, mark, n_summary, redactor)


def _redact_added(ctx: Context, mark: int, n_summary: int, redactor) -> None:
    """Pass every text the section added through the redactor: paragraphs, table titles, notes,
    cells, row and column labels, the raw values exported beside a table, and the sentences handed
    to the closing summary. Quotes are redacted where they are picked; this pass also covers text
    from user files (codebook labels, attribute groups) and cannot be forgotten by a new table.
    Redaction is idempotent, so text already redacted is unchanged."""
    from dataclasses import replace

    from .document import Paragraph, Table

    def text(value):
        return str(redactor.redact(value)) if isinstance(value, str) else value

    def frame(df: pd.DataFrame | None) -> pd.DataFrame | None:
        if df is None:
            return None
        out = df.map(text)
        if not isinstance(df.index, pd.RangeIndex):
            out.index = df.index.map(text)
            out.index.names = [text(n) for n in df.index.names]
        out.columns = df.columns.map(text)
        return out

    blocks = ctx.doc.blocks
    for i in range(mark, len(blocks)):
        block = blocks[i]
        if isinstance(block, Paragraph):
            blocks[i] = Paragraph(text(block.text))
        elif isinstance(block, Table):
            blocks[i] = replace(block, data=frame(block.data), raw=frame(block.raw), title=text(block.title), note=text(block.note))
    ctx.summary[n_summary:] = [(priority, text(sentence)) for priority, sentence in ctx.summary[n_summary:]]


def _evidence(ctx: Context, paths, redactor) -> None:
    from ..interviews import agreement, code_frequencies, joint_display, load_codebook, load_coding, load_transcripts

    options = ctx.plan.interviews
    ctx.heading(ctx.t("访谈分析", "Interview evidence"))
    transcripts = load_transcripts(paths)
    codebook = load_codebook(options.codebook)
    if not options.coding:
        ctx.para(ctx.t(f"共整理访谈记录{len(paths)}份；尚无人工编码，本节仅报告资料概况。", f"{len(paths)} transcripts were read; with no human coding yet, only their profile is reported."))
        return
    coding = load_coding(ctx.plan.path(options.coding), codebook=codebook, segments=transcripts)
    coders = list(dict.fromkeys(coding["coder"]))
    coder = options.coder or coders[0]
    ctx.para(ctx.t(
        f"对{len(paths)}位受访者的访谈记录按“{codebook.name.get('zh')}”进行编码，共{len(coders)}位编码员独立编码；以下频次按编码员{coder}的编码统计，引文均已去除个人信息。",
        f"{len(paths)} interview transcripts were coded with the codebook “{codebook.name.get('en')}” by {len(coders)} coders independently; "
        f"counts below use coder {coder}'s codes, and quotes have personal data removed."))
    if len(coders) >= 2:
        agree = agreement(coding, transcripts, coders=coders[:2], n_boot=1000, seed=ctx.plan.seed)
        ctx.results["agreement"] = agree
        names = {c: _code_name(ctx, codebook, c) for c in agree.table.index if c != "overall"}
        ctx.paras(agree.findings(ctx.lang, style=ctx.style, names=names))
        frame = agree.to_frame()
        lim = fmt_num(CODE_AGREEMENT_MIN, bounded=True, style=ctx.style)
        frame["flag"] = [("" if c == "overall" else ctx.t(f"低于{lim}", f"below {lim}") if c in agree.flagged else ctx.t("达标", "ok")) for c in frame["code"]]
        frame["code"] = [ctx.t("总体", "Overall") if c == "overall" else names[c] for c in frame["code"]]
        ctx.table(frame, ctx.t("编码一致性检验", "Inter-coder agreement"), key="agreement",
                  columns=["code", "n_units", "n_applied", "pct_agreement", "alpha", "kappa", "flag"],
                  headers={"n_units": ctx.t("分析单元数", "Units"), "n_applied": ctx.t("编码次数", "Applied"), "pct_agreement": ctx.t("一致率(%)", "Agreement (%)"),
                           "alpha": "Krippendorff's *α*", "kappa": "Cohen's *κ*", "flag": ctx.t(f"*α*与*κ*均≥{lim}", f"*α* and *κ* ≥ {lim}")},
                  kinds={"pct_agreement": "number", "n_units": "int", "n_applied": "int", "flag": "text"}, digits=2 if ctx.style == "apa" else 3)
    freq = code_frequencies(coding, transcripts, codebook=codebook, coder=coder, lang=ctx.lang)
    ctx.results["code_frequencies"] = freq
    ctx.paras(ctx.findings(freq, "interviews.top_codes"))
    table = freq.to_frame()
    table["name"] = [_code_name(ctx, codebook, c) for c in table["code"]]
    table["category"] = [CATEGORY[ctx.lang].get(c if isinstance(c, str) and c else "service", c) for c in table["category"]]
    table = table.sort_values(["category", "n_interviewees"], ascending=[True, False])
    ctx.table(table.reset_index(drop=True), ctx.t("访谈编码频次", "Code frequencies"), key="codes",
              columns=["category", "name", "n_interviewees", "pct_interviewees", "n_segments"],
              headers={"category": ctx.t("类别", "Category"), "name": ctx.t("编码", "Code"), "n_interviewees": ctx.t("提及人数", "Interviewees"),
                       "pct_interviewees": ctx.t("占受访者(%)", "% of interviewees"), "n_segments": ctx.t("片段数", "Segments")},
              kinds={"pct_interviewees": "number"}, digits=1)
    problems = table[table["code"].str.startswith("p_")].sort_values("n_interviewees", ascending=False)
    agree = ctx.results.get("agreement")
    flagged = set(agree.flagged) if agree is not None else set()
    for row in problems.head(3).itertuples():
        lim = fmt_num(CODE_AGREEMENT_MIN, bounded=True, style=ctx.style)
        caveat = ctx.t(f"（该编码的编码员一致性低于{lim}，此结论不宜采信）", f" (its inter-coder agreement is below {lim}; not to be relied on)") if row.code in flagged else ""
        ctx.summary.append((1, ctx.t(f"访谈中{row.n_interviewees}位受访者提到“{row.name}”{caveat}。", f"{row.n_interviewees} interviewees raised “{row.name}”{caveat}.")))
    _by_attribute(ctx, coding, transcripts, codebook, coder, problems)
    _incidents(ctx)
    _quotes(ctx, coding, transcripts, codebook, coder, problems, redactor)
    if options.links:
        survey = ctx.scores[list(options.links)].mean().rename("mean").to_frame()
        for key, column, source in (("prca", "class", "ia_class"), ("ipa", "quadrant", "ipa_quadrant")):
            if key in ctx.results:
                found = ctx.results[key].to_frame().set_index("attribute")[column]
                survey[source] = [found.get(c) for c in survey.index]
        res = joint_display(survey, coding, transcripts, links=options.links, codebook=codebook, coder=coder, quotes=1, redactor=redactor)
        ctx.results["joint"] = res
        frame = res.to_frame()
        first = frame.columns[0]
        frame[first] = [ctx.label(c) for c in frame[first]]
        for col in ("ia_class", "ipa_quadrant", "verdict"):
            if col in frame:
                frame[col] = [CLASS_NAMES[ctx.lang].get(v, v) if isinstance(v, str) else v for v in frame[col]]
        frame["codes"] = ["、".join(_code_name(ctx, codebook, c) for c in str(v).split(", ") if c) if ctx.lang == "zh" else v for v in frame["codes"]]
        ctx.para(ctx.t("将问卷各维度得分与对应的访谈证据并列（联合展示），结果见{@joint}。", "{@joint} sets each survey construct beside its interview evidence."))
        verdicts = res.to_frame().set_index(res.to_frame().columns[0])["verdict"]
        same = [ctx.label(c) for c, v in verdicts.items() if v == "convergent"]
        differ = [ctx.label(c) for c, v in verdicts.items() if v == "divergent"]
        ctx.para(ctx.t(f"问卷与访谈结果相互印证的维度：{'、'.join(same) or '无'}；结果不一致、需要在讨论中解释的维度：{'、'.join(differ) or '无'}。",
                       f"Survey and interviews agree on {', '.join(same) or 'no construct'}; they differ on {', '.join(differ) or 'no construct'}, which the discussion should explain."))
        ctx.table(frame, ctx.t("问卷结果与访谈证据的联合展示", "Joint display of survey results and interview evidence"), key="joint",
                  columns=[first, "mean", "ia_class", "ipa_quadrant", "codes", "n_interviewees", "quotes", "verdict"],
                  headers={first: ctx.t("维度", "Construct"), "codes": ctx.t("访谈编码", "Codes"), "n_interviewees": ctx.t("提及人数", "Interviewees"),
                           "ia_class": ctx.t("PRCA/IA分类", "IA class"), "ipa_quadrant": ctx.t("IPA象限", "IPA quadrant"),
                           "quotes": ctx.t("典型引文", "Quote"), "verdict": ctx.t("判断", "Verdict")},
                  kinds={"codes": "text", "quotes": "text", "verdict": "text", "ia_class": "text", "ipa_quadrant": "text"})


CATEGORY = {
    "zh": {"problem": "问题", "cause": "成因", "countermeasure": "对策", "service": "服务内容"},
    "en": {"problem": "problem", "cause": "cause", "countermeasure": "countermeasure", "service": "service area"},
}


def _code_name(ctx: Context, codebook, code: str) -> str:
    return codebook.label(code, ctx.lang) if code in codebook else code


def _by_attribute(ctx: Context, coding, transcripts, codebook, coder, problems) -> None:
    """How many interviewees of each group (first attribute column) raised each main problem."""
    from ..interviews import code_by_attribute, load_attributes

    options = ctx.plan.interviews
    if not options.attributes or problems.empty:
        return
    attributes = load_attributes(ctx.plan.path(options.attributes))
    column = next((c for c in ("talent_category", "sector") if c in attributes), attributes.columns[0])
    res = code_by_attribute(coding, transcripts, attributes, column, codebook=codebook, coder=coder)
    ctx.results["code_by_attribute"] = res
    frame = res.to_frame()
    frame = frame[frame["code"].isin(problems["code"])]
    counts = frame.pivot(index="code", columns=column, values="n").loc[list(problems["code"])]
    sizes = attributes[column].value_counts()
    counts.columns = [f"{g}（n = {sizes.get(g, 0)}）" if ctx.lang == "zh" else f"{g} (n = {sizes.get(g, 0)})" for g in counts.columns]
    counts.index = [_code_name(ctx, codebook, c) for c in counts.index]
    counts.index.name = "code"
    ctx.para(ctx.t(f"各主要问题在不同{column == 'talent_category' and '人才类别' or column}受访者中的提及人数见{{@code_by_group}}。",
                   f"{{@code_by_group}} shows how many interviewees of each {column.replace('_', ' ')} raised each main problem."))
    ctx.table(counts.astype(int), ctx.t("主要问题在不同受访者群体中的提及人数", "Main problems by interviewee group"), key="code_by_group",
              headers={"code": ctx.t("问题", "Problem")}, kinds={c: "int" for c in counts.columns})


def _incidents(ctx: Context) -> None:
    from ..figures import plot_herzberg_butterfly
    from ..interviews import critical_incidents

    options = ctx.plan.interviews
    if not options.incidents:
        return
    table = pd.read_csv(ctx.plan.path(options.incidents), dtype=str)
    if "coder" in table:
        first = options.coder or table["coder"].iloc[0]
        table = table[table["coder"] == first]
    res = critical_incidents(table, codebook=options.incident_codebook, sequence="sequence_id", factor="code", lang=ctx.lang)
    ctx.results["incidents"] = res
    ctx.para(ctx.t("按关键事件法，将受访者讲述的满意（高峰）与不满意（低谷）事件编码为赫茨伯格的一级因素，结果见{@incidents}与{@butterfly}。",
                   "Following the critical-incident technique, good-time (high) and bad-time (low) stories were coded into Herzberg's first-level factors ({@incidents}, {@butterfly})."))
    ctx.paras(res.findings(ctx.lang, style=ctx.style)[:3])
    from ..interviews.incidents import MIN_EXPECTED, TEST_NAMES as INCIDENT_TESTS

    frame = res.to_frame()
    frame["test"] = [INCIDENT_TESTS[ctx.lang][t] for t in frame["test"]]
    ctx.table(frame, ctx.t("高峰与低谷事件中各因素的出现比例", "Factors in high and low sequences"), key="incidents",
              columns=[c for c in frame.columns if c in ("name", "factor", "role", "pct_high", "pct_low", "test", "statistic", "p_value")],
              headers={"name": ctx.t("因素", "Factor"), "pct_high": ctx.t("高峰事件(%)", "High (%)"), "pct_low": ctx.t("低谷事件(%)", "Low (%)"),
                       "test": ctx.t("检验", "Test"), "statistic": "*χ*²", "role": ctx.t("类型", "Role")},
              kinds={"pct_high": "number", "pct_low": "number", "test": "text"}, digits=1,
              note=ctx.t(f"期望频数小于{MIN_EXPECTED:g}的因素采用Fisher精确检验（双侧），不报告*χ*²值。",
                         f"Where an expected count was below {MIN_EXPECTED:g}, Fisher's exact test (two-sided) was used and no *χ*² is reported."))
    ctx.figure_or_note(lambda: plot_herzberg_butterfly(res, lang=ctx.lang), ctx.t("高峰与低谷事件中的激励因素与保健因素", "Motivators and hygiene factors in high and low sequences"), key="butterfly")


def _quotes(ctx: Context, coding, transcripts, codebook, coder, problems, redactor) -> None:
    from ..interviews import representative_quotes

    used = coding[coding["coder"] == coder]
    rows = []
    for row in problems.head(5).itertuples():
        n = ctx.plan.analyses.interviews.quotes_per_code if ctx.plan.analyses.interviews else 1
        for quote in representative_quotes(used, transcripts, [row.code], n=n, redactor=redactor):
            rows.append({"code": row.name, "quote": quote})
    if not rows:
        return
    ctx.para(ctx.t("主要问题的典型引文见{@quotes}（个人信息已替换为代号）。", "{@quotes} gives a typical quote for each main problem (personal data replaced by codes)."))
    ctx.table(pd.DataFrame(rows), ctx.t("主要问题的典型访谈引文", "Typical quotes on the main problems"), key="quotes",
              headers={"code": ctx.t("问题", "Problem"), "quote": ctx.t("引文", "Quote")}, kinds={"code": "text", "quote": "text"})
