"""The ``survey`` command: validate questionnaires, inspect exports, run analysis plans."""

from __future__ import annotations

import contextlib
import re
import sys
import warnings
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import SurveyError, SurveyWarning

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Survey and interview analysis for theses and policy reports.")
console = Console()
err_console = Console(stderr=True)

EXIT_INPUT = 2  # bad input (schema, data, plan)
EXIT_ANALYSIS = 3  # an analysis could not be estimated


@contextlib.contextmanager
def _warnings_shown(lang: str = "en"):
    """Print the toolkit's warnings as readable lines (not Python's file:line form)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SurveyWarning)
        try:
            yield
        finally:
            _print_warnings(caught, lang)


def _print_warnings(caught, lang: str, *, skip: tuple[type, ...] = ()) -> None:
    """Each distinct SurveyWarning once; one that carries a key is rendered in ``lang`` (zh or en)."""
    from .io.messages import render

    seen = set()
    for w in caught:
        message = w.message
        if not issubclass(w.category, SurveyWarning) or issubclass(w.category, skip):
            continue
        text = render(message.key, message.values, lang) if isinstance(message, SurveyWarning) and message.key else str(message)
        if text not in seen:
            seen.add(text)
            err_console.print(f"[yellow]{'警告' if lang == 'zh' else 'warning'}:[/] {text}", highlight=False, markup=True)


def _fail(exc: SurveyError) -> None:
    from .errors import AnalysisError

    err_console.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
    raise typer.Exit(EXIT_ANALYSIS if isinstance(exc, AnalysisError) else EXIT_INPUT)


@app.command()
def validate(questionnaire: Path = typer.Argument(..., help="questionnaire file (.yaml, .xlsx XLSForm, .sav) or a bundled name")) -> None:
    """Check a questionnaire and report every problem with its location."""
    from .schema import load_questionnaire

    try:
        q = load_questionnaire(questionnaire)
    except SurveyError as exc:
        _fail(exc)
    roles: dict[str, int] = {}
    for c in q.constructs:
        roles[c.role] = roles.get(c.role, 0) + 1
    console.print(f"[green]ok[/] {q.id} (version {q.version}): {len(q.items)} items, {len(q.scales)} scales, {len(q.constructs)} constructs "
                  f"({', '.join(f'{k} {v}' for k, v in sorted(roles.items()))}), {len(q.kano)} Kano pairs, "
                  f"{len(q.importance)} importance items, {len(q.attention_checks)} attention checks, "
                  f"reverse-keyed: {', '.join(q.reverse_items) or 'none'}")


@app.command()
def init(
    export: Path = typer.Argument(..., help="a survey export (问卷星 numeric or text, CSV/xlsx, SPSS .sav, Qualtrics)"),
    labels: Optional[Path] = typer.Option(None, "--labels", help="the text export (按选项文本) of the same answers, for the labels of a numeric export"),
    out: Path = typer.Option(Path("questionnaire.yaml"), "--out", "-o", help="questionnaire YAML to write"),
    format: str = typer.Option("auto", "--format", "-f", help="auto, csv, tsv, xlsx, xls, sav, wjx_text, wjx_numeric, qualtrics, qualtrics_legacy"),
    sheet: Optional[str] = typer.Option(None, help="worksheet of an Excel file (default: the first)"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing questionnaire file"),
) -> None:
    """Draft a questionnaire from an export: items, scales, candidate constructs, with what to decide as comments."""
    from .io import load_responses
    from .report.atomic import atomic_write_text
    from .schema import load_questionnaire
    from .draft import draft_questionnaire

    if out.exists() and not force:
        _fail(SurveyError(f"{out} exists; pass --force to overwrite it (hand edits would be lost)"))
    try:
        with _warnings_shown():
            draft = draft_questionnaire(export, labels, format=format, sheet=sheet)
            atomic_write_text(out, draft.to_yaml(data=_relative(export, out.parent)))
            r = load_responses(export, load_questionnaire(out), format=format, sheet=sheet, on_invalid="flag")
    except SurveyError as exc:
        _fail(exc)
    console.print(f"[green]wrote[/] {out}: {len(draft.items)} items, {len(draft.scales)} scales, {len(draft.constructs)} candidate constructs; "
                  f"{len(r.source.unmatched_columns)} unmatched columns, {len(r.invalid)} cells flagged when loading {export.name}")
    if r.source.unmatched_columns:
        console.print(f"[yellow]columns no drafted item matches[/]: {', '.join(r.source.unmatched_columns)}", highlight=False)
    for line in draft.todo:
        console.print(f"  TODO {line}", highlight=False, markup=False)


@app.command()
def plan(
    questionnaire: Path = typer.Argument(..., help="questionnaire YAML (e.g. written by `survey init`)"),
    out: Path = typer.Option(Path("plan.yaml"), "--out", "-o", help="plan YAML to write"),
    data: Optional[Path] = typer.Option(None, help="the export (default: the `# data:` line `survey init` wrote)"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing plan file"),
) -> None:
    """Draft the standard analysis plan for a questionnaire, every option written out and commented."""
    from .report.atomic import atomic_write_text
    from .report.plan_draft import draft_plan
    from .schema import load_questionnaire

    if out.exists() and not force:
        _fail(SurveyError(f"{out} exists; pass --force to overwrite it (hand edits would be lost)"))
    try:
        q = load_questionnaire(questionnaire)
        if data is None:
            data = _data_line(questionnaire)
        reference = _relative(questionnaire, out.parent) if questionnaire.is_file() else str(questionnaire)  # a bundled name stays a name
        text = draft_plan(q, questionnaire_path=reference, data=_relative(data, out.parent))
        atomic_write_text(out, text)
    except SurveyError as exc:
        _fail(exc)
    console.print(f"[green]wrote[/] {out}; run it with: survey run {out} --out out/report")


def _relative(path: Path, folder: Path) -> str:
    """``path`` as seen from ``folder`` (how a file written there should name it)."""
    import os

    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(folder))).as_posix()


def _data_line(questionnaire: Path) -> Path:
    """The export named by the ``# data:`` comment that ``survey init`` writes, relative to the questionnaire."""
    from .errors import Problem, QuestionnaireError

    lines = questionnaire.read_text(encoding="utf-8").splitlines() if questionnaire.is_file() else []
    for line in lines:
        if line.startswith("# data: "):
            return questionnaire.parent / line.removeprefix("# data: ").strip()
        if not line.startswith("#"):
            break
    raise QuestionnaireError(f"{questionnaire.name}: no `# data:` line says which export to analyse",
                      [Problem(questionnaire.name, "no export named", "--data EXPORT")])


@app.command()
def inspect(
    export: Optional[Path] = typer.Argument(None, help="a survey export (CSV/TSV/xlsx/xls/sav, Wenjuanxing, Qualtrics); default: the bundled sample"),
    questionnaire: Optional[str] = typer.Option(None, "--questionnaire", "-q", help="questionnaire file or bundled name"),
    format: str = typer.Option("auto", "--format", "-f", help="auto, csv, tsv, xlsx, xls, sav, wjx_text, wjx_numeric, qualtrics, qualtrics_legacy, jinshuju, tencent, credamo, surveymonkey, google_forms, limesurvey, kobo"),
    encoding: Optional[str] = typer.Option(None, help="force an encoding (default: detected safely)"),
    plan: Optional[Path] = typer.Option(None, "--plan", help="take the screening thresholds from this analysis plan (default: the bundled plan for the bundled sample)"),
    lang: str = typer.Option("en", help="language of the report: en or zh"),
) -> None:
    """Load an export and print a quality report: what was read, matched, found and flagged, and a verdict."""
    from .io.load import ColumnMatchWarning

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SurveyWarning)
            r, report = _inspect_load(export, questionnaire, format, encoding, plan)
    except SurveyError as exc:
        _fail(exc)
    _print_warnings(caught, lang, skip=(ColumnMatchWarning,))  # the report restates what columns and items did not meet
    _print_inspection(r, report, lang)


def _inspect_load(export, questionnaire, format, encoding, plan=None):
    from .io import load_responses
    from .prep.quality import assess
    from .schema import load_questionnaire

    if export is None:
        from .datasets import sample_export, talent_services_dir

        export, default_q = sample_export()
        questionnaire = questionnaire or default_q
        plan = plan or talent_services_dir() / "plan.yaml"
    q = load_questionnaire(questionnaire) if questionnaire else None
    r = load_responses(export, q, format=format, encoding=encoding, on_invalid="flag")
    if plan is None:
        return r, r.quality
    from .report.plan import load_plan

    return r, assess(r, **load_plan(plan).screening.thresholds())  # the thresholds the report uses


_PROBLEMS_ZH = (
    (re.compile(r"^code not in the scale$"), "编码不在量表范围内"),
    (re.compile(r"^unknown label$"), "无法识别的选项文本"),
    (re.compile(r"^not a number$"), "不是数字"),
    (re.compile(r"^outside \[(.*)\]$"), r"超出范围[\1]"),
    (re.compile(r"^unknown option\(s\) (.*)$"), r"无法识别的选项\1"),
)


def _problem(text: str, lang: str) -> str:
    """An invalid cell's problem in the report's language."""
    if lang == "zh":
        for pattern, zh in _PROBLEMS_ZH:
            if pattern.match(text):
                return pattern.sub(zh, text)
    return text


def _listed(names) -> str:
    """Names from the user's files, listed in full (escaped: a ``[`` in a header is not markup)."""
    from rich.markup import escape

    return escape(", ".join(str(n) for n in names)) or "-"


def _print_inspection(r, report, lang: str) -> None:
    zh = lang == "zh"

    def say(en: str, cn: str) -> None:
        console.print(cn if zh else en, highlight=False)

    s, q = r.source, r.questionnaire
    console.rule(f"[bold]{Path(s.path).name}")
    say(f"format {s.format}, encoding {s.encoding or '-'}, sheet {s.sheet or '-'}, sha256 {s.sha256[:16]}…",
        f"格式 {s.format}，编码 {s.encoding or '-'}，工作表 {s.sheet or '-'}，sha256 {s.sha256[:16]}…")
    say(f"{s.rows_read} rows read → {len(r.data)} respondents × {r.data.shape[1]} item columns; {r.meta.shape[1]} metadata columns",
        f"读取{s.rows_read}行 → {len(r.data)}份问卷 × {r.data.shape[1]}个题项列；{r.meta.shape[1]}个元数据列")
    wrong = q is not None and len(s.absent_items) > len(q.items) / 2
    if q is not None:
        n_items, n_absent = len(q.items), len(s.absent_items)
        if wrong:
            say(f"[bold red]{n_absent} of {n_items} items have no column: is this the right questionnaire?[/] "
                f"Only {n_items - n_absent} matched: {_listed(i for i in q.item_ids if i not in s.absent_items)}",
                f"[bold red]问卷{q.id}的{n_items}个题项中有{n_absent}个在导出文件中没有对应的列：是否选对了问卷？[/]"
                f"只有{n_items - n_absent}个匹配：{_listed(i for i in q.item_ids if i not in s.absent_items)}")
        if n_absent:
            say(f"questionnaire [bold]{q.id}[/]: {n_absent} of {n_items} items not found in the export (all missing): {_listed(s.absent_items)}",
                f"问卷[bold]{q.id}[/]：{n_items}个题项中有{n_absent}个在导出文件中找不到（全部缺失）：{_listed(s.absent_items)}")
        else:
            say(f"questionnaire [bold]{q.id}[/]: all {n_items} items found in the export", f"问卷[bold]{q.id}[/]：{n_items}个题项均在导出文件中找到")
    if s.unmatched_columns:
        say(f"[yellow]columns matching no item, kept in meta[/] ({len(s.unmatched_columns)}): {_listed(s.unmatched_columns)}",
            f"[yellow]未匹配任何题项的列，保留为元数据[/]（{len(s.unmatched_columns)}个）：{_listed(s.unmatched_columns)}")
    if r.personal:
        say(f"personal data (kept out of reports): {_listed(r.personal)}", f"个人信息（不进入报告）：{_listed(r.personal)}")
    if wrong:
        say("verdict: the export does not fit this questionnaire; the quality checks are left out (they would only list the mismatch). "
            "Choose the questionnaire of this export, or draft one with `survey init`.",
            "结论：导出文件与该问卷不符，未列出数据质量检查（结果只会反映这一不符）。请选择与该导出文件对应的问卷，或用 `survey init` 起草问卷。")
        return
    _print_quality(r, report, lang)
    say(*_verdict(r, report))


def _print_quality(r, report, lang: str) -> None:
    from .prep.quality import CHECK_NAMES

    zh = lang == "zh"
    names = CHECK_NAMES[lang if zh else "en"]
    table = Table(title="数据质量检查" if zh else "Quality checks")
    for col in (("检查项", "份数", "比例", "规则") if zh else ("check", "n", "share", "rule")):
        table.add_column(col)
    for row in report.to_frame(lang).itertuples(index=False):
        table.add_row(names[row.check] if zh else str(row.check), str(row.n), f"{row.share:.1%}", str(row.rule), style="yellow" if row.n else "")
    console.print(table)
    if len(report.invalid):
        inv = Table(title="无效单元格（前20个）" if zh else "Invalid cells (first 20)")
        for col in (("行", "列", "值", "问题") if zh else ("row", "column", "value", "problem")):
            inv.add_column(col)
        for row in report.invalid.head(20).itertuples(index=False):
            inv.add_row(str(row.row), str(row.column), str(row.value), _problem(str(row.problem), lang))
        console.print(inv)
    if len(report.declared_missing):
        dm = report.declared_missing.groupby("code")["count"].sum()
        listed = ", ".join(f"{code}: {n}" for code, n in dm.items())
        console.print(f"发现声明的缺失编码：{listed}" if zh else f"declared missing codes found: {listed}", highlight=False)
    worst = report.missing_by_item[report.missing_by_item > 0].sort_values(ascending=False).head(10)
    if len(worst):
        listed = ", ".join(f"{k} {v}" for k, v in worst.items())
        console.print(f"缺失最多的题项：{listed}" if zh else f"most missing items: {listed}", highlight=False)
    for sentence in report.findings(lang):
        console.print(sentence, highlight=False)


def _verdict(r, report) -> tuple[str, str]:
    """The closing line: what stands between the export and an analysis, in English and Chinese."""
    flagged = int(report.flags[list(report.counts().index)].any(axis=1).sum())
    q, absent, n_invalid = r.questionnaire, r.source.absent_items, len(report.invalid)
    if q is None:
        return (f"verdict: {len(r.data)} respondents × {r.data.shape[1]} columns read; no questionnaire given: draft one with `survey init`.",
                f"结论：读取{len(r.data)}份问卷 × {r.data.shape[1]}列；未指定问卷：可用 `survey init` 起草问卷。")
    en, zh = [], []
    if absent:
        en.append(f"{len(absent)} item(s) of questionnaire {q.id} have no column (listed above, all missing)")
        zh.append(f"问卷{q.id}有{len(absent)}个题项没有对应的列（见上文，全部缺失）")
    if n_invalid:
        en.append(f"{n_invalid} cell(s) do not fit questionnaire {q.id} (listed above, set missing)")
        zh.append(f"{n_invalid}个单元格不符合问卷（见上表，已设为缺失）")
    if not en:
        en.append(f"the export fits questionnaire {q.id}")
        zh.append(f"导出文件与问卷{q.id}相符")
    en.append(f"{flagged} of {len(r.data)} respondents flagged by a check; screening excludes only by the plan's rules.")
    zh.append(f"{len(r.data)}份问卷中{flagged}份被某项检查标记；筛选只按分析计划的规则剔除。")
    return "verdict: " + "; ".join(en), "结论：" + "；".join(zh)


@app.command()
def codebook(
    questionnaire: str = typer.Argument(..., help="questionnaire file or bundled name"),
    out: Path = typer.Option(Path("codebook.md"), "--out", "-o"),
    lang: str = typer.Option("zh", help="zh or en"),
) -> None:
    """Write a readable codebook (Markdown or .xlsx, by the file's suffix)."""
    from .schema import load_questionnaire
    from .schema.codebook import write_codebook

    try:
        q = load_questionnaire(questionnaire)
        write_codebook(q, out, lang=lang, format="xlsx" if out.suffix == ".xlsx" else "md")
    except SurveyError as exc:
        _fail(exc)
    console.print(f"wrote {out}")


@app.command()
def run(
    plan: Path = typer.Argument(..., help="analysis plan (YAML)"),
    out: Path = typer.Option(..., "--out", "-o", help="report folder to write"),
    data: Optional[Path] = typer.Option(None, help="use this data file instead of the plan's"),
    lang: Optional[str] = typer.Option(None, "--lang", help="override the plan's language: zh, en or both"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress lines"),
) -> None:
    """Run an analysis plan and write the report folder (md, html, docx, tex, tables, figures, manifest)."""
    _run(plan, out, data=data, lang=lang, quiet=quiet)


@app.command()
def demo(
    out: Path = typer.Option(Path("out/demo"), "--out", "-o", help="report folder to write"),
    lang: Optional[str] = typer.Option(None, "--lang", help="zh (default), en or both"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Run the bundled flagship study (talent-service satisfaction) and write its report."""
    from .datasets import talent_services_dir

    _run(talent_services_dir() / "plan.yaml", out, data=None, lang=lang, quiet=quiet)


def _run(plan: Path, out: Path, *, data, lang, quiet: bool) -> None:
    import time

    from .report.runner import run_plan

    start = time.perf_counter()

    def progress(message: str) -> None:
        if not quiet:
            err_console.print(f"[dim]{time.perf_counter() - start:6.1f}s[/] {message}", highlight=False)

    try:
        with _warnings_shown("zh" if lang == "zh" else "en"):
            result = run_plan(plan, out, data=data, language=lang, progress=progress)
    except SurveyError as exc:
        _fail(exc)
    console.print(f"[green]wrote[/] {len(result.files) + 1} files to {result.out_dir} "
                  f"({result.n_input} responses read, {result.n_used} used) in {time.perf_counter() - start:.1f} s")
    for name, why in result.skipped:
        console.print(f"[yellow]skipped[/] {name}: {why}", highlight=False)


interviews_app = typer.Typer(no_args_is_help=True, help="Interview transcripts: keyword proposals, agreement, code counts.")
app.add_typer(interviews_app, name="interviews")


def _transcripts(folder: Path):
    from .interviews import load_transcripts

    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".txt", ".md", ".docx")) if folder.is_dir() else [folder]
    if not paths:
        raise SurveyError(f"no transcripts (.txt, .md, .docx) in {folder}")
    return load_transcripts(paths)


@interviews_app.command("propose")
def interviews_propose(
    transcripts: Path = typer.Argument(..., help="a transcript or a folder of them"),
    codebook: str = typer.Option(..., help="bundled codebook name (talent_services, herzberg16) or YAML path"),
    out: Path = typer.Option(Path("proposals.csv"), "--out", "-o", help="CSV (or .xlsx) of proposed codes for a person to confirm"),
    coder: str = typer.Option("A", help="the coder who will confirm the proposals"),
) -> None:
    """Propose codes from the codebook's keywords; a person confirms them before they count."""
    from .interviews import propose_codes, save_coding

    try:
        proposals = propose_codes(_transcripts(transcripts), codebook)
        save_coding(proposals.template(coder), out)
    except SurveyError as exc:
        _fail(exc)
    for sentence in proposals.findings("en"):
        console.print(sentence)
    console.print(f"wrote {out}: proposals marked 'proposed'; change a row's status to 'confirmed' to accept it")


@interviews_app.command("import")
def interviews_import(
    coding: Path = typer.Argument(..., help="a coding file (CSV or xlsx: segment_id, coder, code[, status])"),
    transcripts: Path = typer.Option(..., help="the transcripts the segments belong to"),
    codebook: str = typer.Option(..., help="bundled codebook name (talent_services, herzberg16) or YAML path"),
    out: Path = typer.Option(..., "--out", "-o", help="where to write the checked coding (CSV or xlsx)"),
) -> None:
    """Check a coding file against the codebook and the transcripts, and write it in canonical form."""
    from .interviews import load_codebook, load_coding, save_coding

    try:
        coded = load_coding(coding, codebook=load_codebook(codebook), segments=_transcripts(transcripts))
        save_coding(coded, out)
    except SurveyError as exc:
        _fail(exc)
    console.print(f"[green]ok[/] {len(coded)} codes by {coded['coder'].nunique()} coder(s) on {coded['segment_id'].nunique()} segments; wrote {out}")


@interviews_app.command("agreement")
def interviews_agreement(
    transcripts: Path = typer.Argument(..., help="a transcript or a folder of them"),
    coding: Path = typer.Option(..., help="coding file with at least two coders"),
    codebook: str = typer.Option(..., help="bundled codebook name (talent_services, herzberg16) or YAML path"),
    uncoded: str = typer.Option("exclude", help="exclude: only segments someone coded are units; include: all segments"),
    seed: int = typer.Option(0, help="seed of the bootstrap confidence intervals"),
    lang: str = typer.Option("en", help="en or zh"),
) -> None:
    """Inter-coder agreement per code and overall: Krippendorff's α and Cohen's κ with bootstrap CIs."""
    from .interviews import agreement, load_codebook, load_coding

    try:
        segments = _transcripts(transcripts)
        coded = load_coding(coding, codebook=load_codebook(codebook), segments=segments)
        res = agreement(coded, segments, uncoded=uncoded, seed=seed)
    except SurveyError as exc:
        _fail(exc)
    for sentence in res.findings(lang):
        console.print(sentence)
    table = Table(title="Agreement per code")
    for col in ("code", "n_applied", "alpha", "kappa"):
        table.add_column(col)
    for row in res.to_frame().itertuples():
        table.add_row(str(row.code), str(row.n_applied), f"{row.alpha:.3f}", f"{row.kappa:.3f}")
    console.print(table)


@interviews_app.command("summary")
def interviews_summary(
    transcripts: Path = typer.Argument(..., help="a transcript or a folder of them"),
    coding: Path = typer.Option(..., help="human coding file (CSV or xlsx: segment_id, coder, code)"),
    codebook: str = typer.Option(..., help="bundled codebook name (talent_services, herzberg16) or YAML path"),
    coder: Optional[str] = typer.Option(None, help="whose codes to count (default: the first coder)"),
    lang: str = typer.Option("en", help="en or zh"),
) -> None:
    """Inter-coder agreement and code frequencies of a coded set of transcripts."""
    from .interviews import agreement, code_frequencies, load_codebook, load_coding

    try:
        segments = _transcripts(transcripts)
        cb = load_codebook(codebook)
        coded = load_coding(coding, codebook=cb, segments=segments)
        coders = list(dict.fromkeys(coded["coder"]))
        if len(coders) >= 2:
            for sentence in agreement(coded, segments, coders=coders[:2]).findings(lang):
                console.print(sentence)
        freq = code_frequencies(coded, segments, codebook=cb, coder=coder or coders[0], lang=lang)
    except SurveyError as exc:
        _fail(exc)
    table = Table(title="Code frequencies" if lang != "zh" else "编码频次")
    for col in ("code", "n_interviewees", "n_segments"):
        table.add_column(col)
    for row in freq.to_frame().sort_values("n_interviewees", ascending=False).itertuples():
        table.add_row(cb.label(row.code, lang), str(row.n_interviewees), str(row.n_segments))
    console.print(table)


policy_app = typer.Typer(no_args_is_help=True, help="Policy documents: numbered clauses, keyword proposals, the instrument × stage matrix.")
app.add_typer(policy_app, name="policy")


@policy_app.command("clauses")
def policy_clauses(
    documents: Path = typer.Argument(..., help="a folder of policy documents (.txt, .md, .docx, .pdf) or one file"),
    out: Path = typer.Option(Path("clauses.csv"), "--out", "-o", help="CSV (or .xlsx) with one row per numbered clause"),
    metadata: Optional[Path] = typer.Option(None, help="CSV/xlsx: file, doc_id, title, issuer, date"),
) -> None:
    """Split policy documents into numbered clauses (第一条, 一、, （一）, 1., (1)) and write their ids and texts."""
    from .interviews import load_documents
    from .interviews._tables import write_table

    try:
        docs = load_documents(documents, metadata=metadata)
        write_table(docs.clauses[["clause_id", "doc_id", "level", "parent", "chapter", "line", "text"]], out)
    except SurveyError as exc:
        _fail(exc)
    for sentence in docs.findings("en"):
        console.print(sentence)
    console.print(f"wrote {out}")


@policy_app.command("propose")
def policy_propose(
    documents: Path = typer.Argument(..., help="a folder of policy documents or one file"),
    framework: str = typer.Option("talent_policy", help="bundled framework name or YAML path"),
    out: Path = typer.Option(Path("proposals.csv"), "--out", "-o", help="CSV (or .xlsx) of proposed codes for a person to confirm"),
    coder: str = typer.Option("A", help="the coder who will confirm the proposals"),
) -> None:
    """Propose codes on every dimension from the framework's keywords; a person confirms them before they count."""
    from .interviews import load_documents, load_policy_framework, propose_codes, save_coding

    try:
        proposals = propose_codes(load_documents(documents), load_policy_framework(framework).combined, role=None)
        save_coding(proposals.template(coder), out)
    except SurveyError as exc:
        _fail(exc)
    for sentence in proposals.findings("en"):
        console.print(sentence)
    console.print(f"wrote {out}: proposals marked 'proposed'; change a row's status to 'confirmed' to accept it")


@policy_app.command("matrix")
def policy_matrix_command(
    documents: Path = typer.Argument(..., help="a folder of policy documents or one file"),
    coding: Path = typer.Option(..., help="coding file (CSV or xlsx: segment_id, coder, code), clause ids as segment ids"),
    framework: str = typer.Option("talent_policy", help="bundled framework name or YAML path"),
    coder: Optional[str] = typer.Option(None, help="whose codes to count (default: the first coder)"),
    lang: str = typer.Option("en", help="en or zh"),
) -> None:
    """Agreement per dimension and the instrument × stage matrix of a coded set of policy documents."""
    from .interviews import load_coding, load_documents, load_policy_framework, policy_agreement, policy_matrix

    try:
        docs = load_documents(documents)
        fw = load_policy_framework(framework)
        coded = load_coding(coding, codebook=fw.combined, segments=docs)
        coders = list(dict.fromkeys(coded["coder"]))
        if len(coders) >= 2:
            for dim, res in policy_agreement(coded, fw, docs, coders=coders[:2]).items():
                console.print(f"{fw.label(dim, lang)}: {res.findings(lang)[0]}")
        res = policy_matrix(coded, fw, docs, coder=coder or coders[0])
    except SurveyError as exc:
        _fail(exc)
    for sentence in res.findings(lang):
        console.print(sentence)
    table = Table(title=f"{fw.label(res.rows, lang)} × {fw.label(res.columns, lang)}")
    table.add_column("")
    for col in res.counts.columns:
        table.add_column(res.name(col, lang))
    for row, values in res.counts.iterrows():
        table.add_row(res.name(row, lang), *(str(int(v)) for v in values))
    console.print(table)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
