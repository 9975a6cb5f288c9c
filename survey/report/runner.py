"""``survey run``: read a plan, load and screen the data, run every analysis asked for, write the report.

The chapter follows the empirical chapter of a thesis: data and sample, reliability and validity,
current state, group differences, correlation and regression, two-factor analysis, satisfaction,
interview evidence, and a closing summary of findings (worded for the plan's study type: a ``policy``
study's summary leads to the countermeasure chapter). A
section whose inputs are missing is skipped with its reason printed in the report.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


from ..errors import AnalysisError, SurveyError, SurveyWarning
from .atomic import check_output_dir
from .context import Context, SkipSection
from .document import Document
from .plan import Plan, check_plan_ids, load_plan
from .weighting import apply_weights, weighting_note

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RunResult:
    """What a run wrote and found."""

    out_dir: Path
    files: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]
    n_input: int
    n_used: int
    context: Context


def _sections():
    from . import sections as s
    from . import sections_battery as sb
    from . import sections_interviews as si
    from . import sections_invariance as sinv
    from . import sections_missing as smd
    from . import sections_models as sm
    from . import sections_open_ended as so
    from . import sections_process as sp
    from . import sections_policy as spol
    from . import sections_reference as sr

    return [
        ("data", None, s.data_and_screening),
        ("weighting", None, weighting_note),
        ("sample_profile", "sample_profile", s.sample_profile),
        ("missing_data", "missing_data", smd.missing_data),
        ("power", "power", sb.power),
        ("reliability", "reliability", s.reliability),
        ("validity", "validity", s.validity),
        ("common_method_bias", "common_method_bias", sb.common_method_bias),
        ("invariance", "invariance", sinv.invariance),
        ("published_comparison", "published_comparison", sr.published_comparison),
        ("descriptives", "descriptives", s.descriptives),
        ("multiple_response", "multiple_response", sb.multiple_response),
        ("group_differences", "group_differences", s.group_differences),
        ("correlation", "correlation", s.correlation),
        ("regression", "regression", s.regression),
        ("process", "process", sp.process),
        ("two_factor", "two_factor", sm.two_factor),
        ("satisfaction", "satisfaction", sm.satisfaction),
        ("interviews", "interviews", si.interviews),
        ("open_ended", "open_ended", so.open_ended),
        ("policy_documents", None, spol.policy_documents),
        ("summary", None, summary),
    ]


SECTION_TITLES = {
    "sample_profile": ("样本基本情况", "Sample profile"),
    "reliability": ("信度分析", "Reliability"),
    "validity": ("效度分析", "Validity"),
    "published_comparison": ("与已发表结果的对照", "Comparison with the published analysis"),
    "descriptives": ("描述性统计", "Descriptive statistics"),
    "group_differences": ("差异分析", "Group differences"),
    "correlation": ("相关分析", "Correlations"),
    "regression": ("回归分析", "Regression"),
    "process": ("中介与有调节的中介效应检验", "Mediation and moderated mediation"),
    "two_factor": ("双因素理论检验", "Two-factor analysis"),
    "satisfaction": ("满意度分析", "Satisfaction"),
    "interviews": ("访谈分析", "Interviews"),
    "policy_documents": ("政策文本分析", "Policy documents"),
    "power": ("样本量与统计检验力", "Sample size and power"),
    "common_method_bias": ("共同方法偏差检验", "Common-method bias"),
    "multiple_response": ("多选题分析", "Multiple-choice items"),
    "invariance": ("测量不变性检验", "Measurement invariance"),
    "missing_data": ("缺失数据分析", "Missing data"),
    "open_ended": ("开放题分析", "Open-ended answers"),
}


POLICY_TITLES = {"descriptives": ("现状分析", "Current state")}  # study_type: policy (现状–问题–对策)


def summary(ctx: Context) -> None:
    ctx.heading(ctx.study_title(("研究发现", "Summary of findings"), ("研究发现与问题归纳", "Summary of findings")))
    if not ctx.summary:
        ctx.para(ctx.study_title(("各项分析未发现需要特别说明的问题。", "The analyses raised no point that needs a caveat."),
                                 ("各项分析未发现需要优先处理的问题。", "The analyses found no problem that needs priority.")))
        return
    ctx.para(ctx.study_title(("综合以上分析，主要发现与需要注意之处归纳如下：", "Taken together, the main findings and points to note are:"),
                             ("综合以上分析，主要发现与需要优先解决的问题按优先顺序归纳如下，可作为对策建议部分的依据：",
                              "Taken together, the main findings and the problems to address, in order of priority, are:")))
    seen = set()
    n = 0
    for _, sentence in sorted(ctx.summary, key=lambda x: x[0]):
        if sentence in seen:
            continue
        seen.add(sentence)
        n += 1
        ctx.para(f"（{n}）{sentence}" if ctx.lang == "zh" else f"({n}) {sentence}")


def _load(plan: Plan, progress: Progress):
    from ..io import load_responses
    from ..schema import load_questionnaire

    q_path = plan.path(plan.questionnaire)
    q = load_questionnaire(q_path if q_path.exists() else plan.questionnaire)
    check_plan_ids(plan, q)
    data_path = plan.path(plan.data)
    progress(f"loading {data_path.name}")
    raw = load_responses(data_path, q, format=plan.format, sheet=plan.sheet, on_invalid=plan.on_invalid)
    progress("screening")
    rules = plan.screening.model_dump(exclude_none=True)
    screened = raw.screen(**rules)
    if len(screened.data) == 0:
        from ..prep import exclusion_summary

        counts = "; ".join(f"{r.rule}: {r.n}" for r in exclusion_summary(screened).itertuples() if r.n)
        raise AnalysisError(f"screening excluded all {len(raw.data)} respondents ({counts}); no analysis can run. "
                            "Check the screening rules in the plan (screening: …) and the data problems that `survey inspect` lists")
    return q, raw, apply_weights(plan, screened)


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_plan(
    plan: str | Path | Plan,
    out_dir: str | Path,
    *,
    data: str | Path | None = None,
    language: str | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Run an analysis plan and write the report folder.

    Parameters
    ----------
    plan : path or Plan
        The plan file (YAML) or a loaded plan.
    out_dir : path
        The report folder: ``report.md``, ``report.html``, ``report.docx``, ``report.tex``,
        ``tables/``, ``figures/``, ``manifest.json`` (written last). It may not lie inside an input
        folder (the transcripts folder) nor contain any input (data, questionnaire, plan, interview
        files, redaction lists, key file): that is refused before anything is read.
    data : path, optional
        Use this data file instead of the plan's (e.g. a data set kept outside the project).
    language : {"zh", "en"}, optional
        Override the plan's language.
    """
    progress = progress or (lambda message: None)
    overrides = {}
    if data is not None:
        overrides["data"] = str(Path(data).resolve())
    if language is not None:
        overrides["language"] = language
    plan_path = None
    if not isinstance(plan, Plan):
        plan_path = Path(plan)
        plan = load_plan(plan_path, overrides=overrides)
    elif overrides:
        plan = plan.model_copy(update=overrides)
    inputs = [plan.path(plan.data)] + ([plan.path(plan.weights.rake)] if plan.weights and isinstance(plan.weights.rake, str) else [])
    guarded = [*inputs, plan.path(plan.questionnaire)] + ([plan_path] if plan_path is not None else [])
    if plan.interviews is not None:
        iv = plan.interviews
        folder = plan.path(iv.transcripts)
        inputs.extend(sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else [folder])
        inputs.extend(plan.path(x) for x in (iv.coding, iv.attributes, iv.incidents) if x)
        guarded += [folder] + [plan.path(x) for x in (iv.coding, iv.attributes, iv.incidents, iv.redaction, iv.key_file) if x]
    if plan.analyses.open_ended is not None:
        oe = plan.analyses.open_ended
        word_files = [plan.path(x) for x in oe.coding.values()] + [plan.path(x) for x in (oe.stop_words, oe.user_dict) if isinstance(x, str)]
        inputs.extend(word_files)
        guarded += word_files + [plan.path(x) for x in (oe.redaction, oe.key_file) if x]
    if plan.policy_documents is not None:
        pol = plan.policy_documents
        folder = plan.path(pol.documents)
        files = [plan.path(x) for x in (pol.metadata, *pol.coding_files()) if x]
        framework = [plan.path(pol.framework)] if plan.path(pol.framework).is_file() else []
        inputs.extend([*(sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else [folder]), *files, *framework])
        guarded += [folder, *files, *framework]
    check_output_dir(out_dir, guarded)  # before any work: not inside an input folder, holding no input
    if plan.engine != "memory":
        return _run_at_scale(plan, plan_path, Path(out_dir), progress)
    before = {str(p): _hash(p) for p in inputs if p.is_file()}
    q, raw, clean = _load(plan, progress)
    langs = ["zh", "en"] if plan.language == "both" else [plan.language]
    files: list[str] = []
    skipped: list[tuple[str, str]] = []
    ctx = None
    for lang in langs:
        ctx, lang_skipped = _build(plan, q, raw, clean, lang, progress)
        skipped.extend(lang_skipped)
        suffix = "" if len(langs) == 1 else lang
        files.extend(_write(plan, plan_path, ctx, Path(out_dir), suffix, inputs, progress, first=lang == langs[0]))
    after = {str(p): _hash(p) for p in inputs if p.is_file()}
    if before != after:  # pragma: no cover - a bug, never expected
        raise SurveyError(f"an input file changed during the run: {[k for k in before if before[k] != after.get(k)]}")
    return RunResult(Path(out_dir), tuple(files), tuple(skipped), len(raw), len(clean), ctx)


def _run_at_scale(plan: Plan, plan_path, out_dir: Path, progress: Progress) -> RunResult:
    """The sections that run on a scanned table (report/scale.py), written as any report."""
    from ..schema import load_questionnaire
    from . import write_document
    from .scale import build_at_scale

    q_path = plan.path(plan.questionnaire)
    q = load_questionnaire(q_path if q_path.exists() else plan.questionnaire)
    langs = ["zh", "en"] if plan.language == "both" else [plan.language]
    files: list[str] = []
    skipped: list[tuple[str, str]] = []
    n = 0
    for lang in langs:
        progress(f"[{lang}] {plan.engine}: sections at scale")
        doc, lang_skipped, n = build_at_scale(plan, q, lang)
        skipped.extend(lang_skipped)
        suffix = "" if len(langs) == 1 else lang
        res = write_document(doc, out_dir, formats=tuple(plan.outputs) + ("csv",), style=plan.style, lang=lang,
                             basename=f"report.{suffix}" if suffix else "report", inputs=[plan.path(plan.data)] if plan.path(plan.data).is_file() else [],
                             plan=plan_path if plan_path is not None else json.loads(plan.model_dump_json()), seed=plan.seed,
                             extra={"n_input": n, "n_used": n, "engine": plan.engine}, manifest=True, clean=lang == langs[0],
                             tables_dir=f"tables/{suffix}" if suffix else "tables", figures_dir=f"figures/{suffix}" if suffix else "figures")
        files.extend(res.files)
    return RunResult(out_dir, tuple(files), tuple(skipped), n, n, None)


def _build(plan: Plan, q, raw, clean, lang: str, progress: Progress):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        scores = clean.scores()
    title = plan.title.get(lang)
    doc = Document(title=title, lang=lang, style=plan.style)
    doc.add_heading(f"第{plan.chapter}章 实证分析" if lang == "zh" else f"Chapter {plan.chapter}: Results", 1, chapter=plan.chapter)
    ctx = Context(plan=plan, questionnaire=q, raw=raw, clean=clean, scores=scores, lang=lang, style=plan.style, doc=doc)
    skipped = []
    for name, option, build in _sections():
        if option == "satisfaction":
            if all(getattr(plan.analyses, o) is None for o in ("satisfaction_index", "ipa", "kano", "drivers")):
                continue
        elif option is not None and getattr(plan.analyses, option) is None:
            continue
        progress(f"[{lang}] {name}")
        mark = len(doc.blocks)
        try:
            build(ctx)
        except (SkipSection, AnalysisError) as why:
            # the section's partial output is replaced by its title and the reason it did not run
            del doc.blocks[mark:]
            titles = POLICY_TITLES if plan.study_type == "policy" else {}
            title_zh, title_en = titles.get(name) or SECTION_TITLES.get(name, (name, name))
            ctx.heading(ctx.t(title_zh, title_en))
            if isinstance(why, SkipSection):
                ctx.para(ctx.t(f"本节未进行：{why}。", f"This section was not run: {why}."))
            else:
                ctx.para(ctx.t(f"本节无法估计：{why}", f"This section could not be estimated: {why}"))
            skipped.append((name, str(why)))
    return ctx, skipped


def _write(plan: Plan, plan_path, ctx: Context, out_dir: Path, suffix: str, inputs, progress: Progress, *, first: bool) -> list[str]:
    """Write one language's report; with two languages each gets report.<lang>.* and its own folders."""
    from . import write_document

    basename = f"report.{suffix}" if suffix else "report"
    progress(f"writing {basename}")
    ledger = [e.to_dict() for e in ctx.clean.ledger]
    res = write_document(
        ctx.doc,
        out_dir,
        formats=tuple(plan.outputs) + ("csv",),
        style=plan.style,
        lang=ctx.lang,
        basename=basename,
        inputs=[p for p in inputs if p.exists()],
        plan=plan_path if plan_path is not None else json.loads(plan.model_dump_json()),
        seed=plan.seed,
        ledger=ledger,
        extra={"n_input": len(ctx.raw), "n_used": len(ctx.clean), "source": ctx.raw.source.to_dict()},
        manifest=True,  # after each language, so the next call knows these files as this run's
        clean=first,
        tables_dir=f"tables/{suffix}" if suffix else "tables",
        figures_dir=f"figures/{suffix}" if suffix else "figures",
    )
    return list(res.files)
