"""The open-ended answers section: for each text item, how many answered, the most frequent words
(table and figure), and with a coding file the interview coding path (agreement, code frequencies,
codes by group, representative answers). Every text it adds passes through the redactor."""

from __future__ import annotations

import dataclasses

from .context import Context, SkipSection
from .sections_interviews import _redact_added, _redactor


def open_ended(ctx: Context) -> None:
    options = ctx.plan.analyses.open_ended
    q = ctx.questionnaire
    items = options.items or [i.id for i in q.items if i.type == "text"]
    if not items:
        raise SkipSection(ctx.t("问卷中没有开放题", "the questionnaire has no open-ended item"))
    absent = [i for i in items if i not in ctx.clean.data.columns]
    if absent:
        raise SkipSection(ctx.t(f"数据中没有开放题{'、'.join(absent)}的列", f"the data hold no column for {', '.join(absent)}"))
    redactor = _redactor(ctx, options)
    mark, n_summary = len(ctx.doc.blocks), len(ctx.summary)
    ctx.heading(ctx.t("开放题分析", "Open-ended answers"))
    for item in items:
        _item(ctx, item, redactor)
    _redact_added(ctx, mark, n_summary, redactor)


def _words(ctx: Context, value) -> list[str] | str | None:
    """A list of words, or a file relative to the plan."""
    return str(ctx.plan.path(value)) if isinstance(value, str) else value


def _item(ctx: Context, item: str, redactor) -> None:
    from ..interviews import NON_ANSWERS, load_stop_words, open_ended

    options = ctx.plan.analyses.open_ended
    label = ctx.item_label(item.removesuffix("_other")) + (ctx.t("（其他，请注明）", " (other, please specify)") if item.endswith("_other") else "")
    res = open_ended(ctx.clean, item=item, by=options.by, non_answers=NON_ANSWERS if options.non_answers is None else options.non_answers)
    if options.by:  # groups shown by their labels, not their codes
        named = res.attributes.copy()
        for column in options.by:
            names = ctx.category_labels(column)
            named[column] = [names.get(v, v) for v in named[column]]
        res = dataclasses.replace(res, attributes=named)
    ctx.results[f"open_ended:{item}"] = res
    key = item.replace("_", "-")
    ctx.heading(label, 3)
    ctx.paras(res.findings(ctx.lang, style=ctx.style, label=label))
    counts = res.counts()
    counts["status"] = counts["status"].map({"answer": ctx.t("有效回答", "Answers"), "non-answer": ctx.t("无实质内容（如“无”）", "Non-answers (e.g. “none”)"),
                                             "empty": ctx.t("未作答", "Empty")})
    counts["pct"] = 100.0 * counts["n"] / max(res.n_respondents, 1)
    ctx.table(counts, ctx.t(f"开放题“{label}”的作答情况", f"Answers to “{label}”"), key=f"oe-{key}-answers",
              headers={"status": ctx.t("作答情况", "Status"), "n": ctx.t("人数", "n"), "pct": ctx.t("占比(%)", "%")},
              kinds={"status": "text", "n": "int", "pct": "number"}, digits=1)
    if res.n_answers == 0:
        ctx.para(ctx.t("该题没有有效回答，不作进一步分析。", "No answer holds content, so nothing further is analysed."))
        return
    stop = options.stop_words
    extra = load_stop_words(ctx.plan.path(stop)) if isinstance(stop, str) else (stop or ())
    freq = res.word_frequencies(extra_stop_words=extra, user_dict=_words(ctx, options.user_dict))
    ctx.results[f"open_ended_words:{item}"] = freq
    ctx.paras(freq.findings(ctx.lang, style=ctx.style))
    if not freq.table.empty:
        top = freq.top(options.top_n)
        top["pct"] = 100.0 * top["share_documents"]
        ctx.table(top, ctx.t(f"开放题“{label}”的高频词", f"Most frequent words in “{label}”"), key=f"oe-{key}-words",
                  columns=["word", "n", "n_documents", "pct"],
                  headers={"word": ctx.t("词语", "Word"), "n": ctx.t("词频", "Occurrences"), "n_documents": ctx.t("提及人数", "Respondents"),
                           "pct": ctx.t("占回答者(%)", "% of answers")},
                  kinds={"word": "text", "n": "int", "n_documents": "int", "pct": "number"}, digits=1,
                  note=ctx.t("分词采用jieba，已去除停用词。", "Chinese text segmented with jieba; stop words removed."))
        ctx.figure_or_note(lambda: freq.plot(lang=ctx.lang, top_n=options.top_n), ctx.t(f"开放题“{label}”的高频词", f"Most frequent words in “{label}”"),
                           key=f"oe-{key}-words-figure")
    coding_file = options.coding.get(item)
    if coding_file is None:
        ctx.para(ctx.t("该题尚无人工编码，本节仅报告词频统计。", "There is no human coding of this item yet, so only word statistics are reported."))
        return
    _coded(ctx, res, item, key, label, coding_file, redactor)


def _coded(ctx: Context, res, item: str, key: str, label: str, coding_file: str, redactor) -> None:
    from ..interviews import agreement, code_by_attribute, code_frequencies, load_codebook, load_coding

    options = ctx.plan.analyses.open_ended
    codebook = load_codebook(options.codebook if not options.codebook.endswith((".yaml", ".yml")) else ctx.plan.path(options.codebook))
    coding = load_coding(ctx.plan.path(coding_file), codebook=codebook, segments=res)
    coders = list(dict.fromkeys(coding["coder"]))
    coder = options.coder or coders[0]
    name = {c: codebook.label(c, ctx.lang) if c in codebook else c for c in coding["code"].unique()}
    ctx.para(ctx.t(f"对“{label}”的{res.n_answers}条有效回答按“{codebook.name.get('zh')}”编码（{len(coders)}位编码员）；以下频次按编码员{coder}的编码统计。",
                   f"The {res.n_answers} answers to “{label}” were coded with the codebook “{codebook.name.get('en')}” ({len(coders)} coders); counts use coder {coder}'s codes."))
    if len(coders) >= 2:
        agree = agreement(coding, res, coders=coders[:2], n_boot=1000, seed=ctx.plan.seed)
        ctx.results[f"open_ended_agreement:{item}"] = agree
        ctx.paras(agree.findings(ctx.lang, style=ctx.style, names=name)[:1])
    freq = code_frequencies(coding, res, codebook=codebook, coder=coder, lang=ctx.lang)
    ctx.results[f"open_ended_codes:{item}"] = freq
    table = freq.to_frame()
    table["name"] = [name.get(c, c) for c in table["code"]]
    table = table.sort_values(["n_interviewees", "code"], ascending=[False, True])
    ctx.table(table.reset_index(drop=True), ctx.t(f"开放题“{label}”的编码频次", f"Codes in “{label}”"), key=f"oe-{key}-codes",
              columns=["name", "n_interviewees", "pct_interviewees"],
              headers={"name": ctx.t("编码", "Code"), "n_interviewees": ctx.t("提及人数", "Respondents"), "pct_interviewees": ctx.t("占回答者(%)", "% of answers")},
              kinds={"name": "text", "n_interviewees": "int", "pct_interviewees": "number"}, digits=1)
    for column in options.by:
        groups = code_by_attribute(coding, res, res.attributes, column, codebook=codebook, coder=coder)
        ctx.results[f"open_ended_by:{item}:{column}"] = groups
        shown = groups.pct.copy()
        shown.columns = [f"{g}（n = {n}）" if ctx.lang == "zh" else f"{g} (n = {n})" for g, n in groups.group_sizes.items()]
        shown.index = [name.get(c, c) for c in shown.index]
        shown.index.name = "code"
        ctx.table(shown, ctx.t(f"开放题“{label}”各编码在不同{ctx.item_label(column)}回答者中的提及比例(%)", f"Codes in “{label}” by {ctx.item_label(column)} (% of answers)"),
                  key=f"oe-{key}-by-{column.replace('_', '-')}", headers={"code": ctx.t("编码", "Code")}, kinds={c: "number" for c in shown.columns}, digits=1)
    if options.quotes_per_code:
        quotes = res.representative_answers(coding[coding["coder"] == coder], list(table["code"]), n=options.quotes_per_code, redactor=redactor)
        if not quotes.empty:
            quotes["code"] = [name.get(c, c) for c in quotes["code"]]
            ctx.table(quotes, ctx.t(f"开放题“{label}”的典型回答", f"Typical answers to “{label}”"), key=f"oe-{key}-quotes",
                      headers={"code": ctx.t("编码", "Code"), "quote": ctx.t("回答（个人信息已替换为代号）", "Answer (personal data replaced by codes)")},
                      kinds={"code": "text", "quote": "text"})
