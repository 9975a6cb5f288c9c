"""Reports: a neutral document model and writers for Markdown, HTML, Word, LaTeX, xlsx and CSV.

Build a :class:`Document` (headings, paragraphs, tables of formatted text, figures) and hand it to
:func:`write_document`, which numbers captions for the house style (``gb``: 表4-1 above tables and
图4-1 below figures, numbered by chapter; ``apa``: Table 1, Figure 1), writes every format
atomically into the output folder and finally ``manifest.json``.

>>> import tempfile, pandas as pd
>>> doc = Document(title="信度分析", lang="zh", style="gb")
>>> _ = doc.add_heading("第4章 实证分析")
>>> _ = doc.add_paragraph("由{@alpha}可知，量表的Cronbach's *α*系数为0.870，大于0.7，说明量表信度良好。")
>>> _ = doc.add_table(pd.DataFrame({"维度": ["总量表"], "题项数": [20], "Cronbach's *α*": ["0.870"]}),
...                   "量表信度分析", key="alpha")
>>> out = write_document(doc, tempfile.mkdtemp(), formats=("md", "csv"))
>>> out.files
('report.md', 'tables/alpha.csv')
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import SurveyError, SurveyWarning
from .atomic import atomic_write_bytes, check_output_dir, confine, is_leftover
from .document import Document, Figure, FigureAsset, Heading, Layout, Paragraph, Table, escape_markup, significance_note
from .docx import DocxOptions

__all__ = [
    "write_document",
    "ReportFiles",
    "Document",
    "Heading",
    "Paragraph",
    "Table",
    "Figure",
    "DocxOptions",
    "significance_note",
    "escape_markup",
]

FORMATS = ("md", "html", "docx", "tex", "xlsx", "csv")
DEFAULT_FORMATS = FORMATS


@dataclass(frozen=True)
class ReportFiles:
    """What :func:`write_document` wrote: the folder, the files (relative paths), the manifest, and
    the other files it found in the folder and left alone."""

    out_dir: Path
    files: tuple[str, ...]
    manifest: Path | None
    layout: Layout
    kept: tuple[str, ...] = ()  # files in the folder survey did not write: left alone


def _prepare_folder(out: Path, names: Iterable[str], *, clean: bool) -> tuple[set[str], list[str]]:
    """Make room for ``names`` in ``out`` touching only files survey wrote and recorded.

    Returns (the recorded files kept for this run, the other files in the folder). Refuses, before
    anything is removed or written, when a name would replace a file survey did not write (or one
    changed since it wrote it). With ``clean``, the recorded files of a previous run are removed,
    with the folders they leave empty, and the temporary files of a crashed run.
    """
    from .manifest import folder_files, recorded_files

    present = set(folder_files(out)) if out.is_dir() else set()
    ours = recorded_files(out)
    leftovers = {rel for rel in present if is_leftover(Path(rel).name)}
    foreign = present - ours - leftovers
    clashes = sorted(
        rel for rel in names
        if rel in foreign or (out / rel).is_dir() or any(parent.as_posix() in foreign for parent in Path(rel).parents)
    )
    if clashes:
        raise SurveyError(
            f"output folder {str(out)!r} already holds {clashes}, which survey did not write (or which were changed since); "
            "nothing was written (expected: move them away, or choose another folder)"
        )
    removed = (ours | leftovers) if clean else leftovers
    for rel in sorted(removed):
        (out / rel).unlink()
    folders = {parent for rel in removed for parent in (out / rel).parents if out in parent.parents}
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only folders the removed files leave empty
    return (set() if clean else ours), sorted(foreign)


def _figure_assets(layout: Layout, figure_formats: tuple[str, ...], outputs: dict[str, bytes], folder: str) -> dict[str, FigureAsset]:
    from .figures_io import FIGURE_FORMATS, figure_bytes

    bad = [f for f in figure_formats if f not in FIGURE_FORMATS]
    if bad or "png" not in figure_formats:
        raise SurveyError(f"figure_formats {figure_formats!r} is not allowed (expected 'png' and any of {FIGURE_FORMATS})")
    assets = {}
    for p in layout.figures:
        fig = p.block.figure
        stem = f"{folder}/{p.key}"
        if isinstance(fig, (str, os.PathLike)):
            src = Path(fig)
            blobs = {"png": src.read_bytes()}
            if "svg" in figure_formats and src.with_suffix(".svg").is_file():
                blobs["svg"] = src.with_suffix(".svg").read_bytes()
        else:
            blobs = {fmt: figure_bytes(fig, fmt) for fmt in figure_formats}
        for fmt, data in blobs.items():
            outputs[f"{stem}.{fmt}"] = data
        assets[p.key] = FigureAsset(png=blobs["png"], png_path=f"{stem}.png", svg_path=f"{stem}.svg" if "svg" in blobs else None)
    return assets


def write_document(
    doc: Document,
    out_dir: str | os.PathLike[str],
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    style: str | None = None,
    lang: str | None = None,
    basename: str = "report",
    docx_options: DocxOptions | None = None,
    figure_formats: tuple[str, ...] = ("png", "svg"),
    manifest: bool = True,
    clean: bool = True,
    tables_dir: str = "tables",
    figures_dir: str = "figures",
    inputs: Iterable[Any] = (),
    plan: Any = None,
    seed: int | None = None,
    ledger: Iterable[Mapping[str, Any]] = (),
    extra: Mapping[str, Any] | None = None,
) -> ReportFiles:
    """Write ``doc`` into ``out_dir`` in every format asked for, then ``manifest.json``.

    Parameters
    ----------
    doc : Document
        The content.
    out_dir : path
        The report folder (created if needed). It must not overlap any of ``inputs``. Only files a
        previous run wrote and recorded in the manifest (and that are unchanged since) are replaced
        or removed; any other file is left alone, reported with a warning and listed under ``kept``
        in the manifest. A name that would replace such a file is refused before anything is
        written. Every file is rendered in memory first, so a failing writer leaves the folder as
        it was.
    formats : iterable of str
        Any of ``md`` (``report.md``), ``html`` (``report.html``, self-contained), ``docx``
        (``report.docx``), ``tex`` (``report.tex``), ``xlsx`` (``tables/tables.xlsx``), ``csv``
        (``tables/<key>.csv`` and, for tables with ``raw``, ``tables/<key>_values.csv``). Figures
        are always written to ``figures/<key>.png`` (300 dpi) and ``.svg``.
    style, lang : str, optional
        ``"gb"``/``"apa"`` and ``"zh"``/``"en"``; default: the document's.
    basename : str
        File name (without suffix) of the documents.
    docx_options : DocxOptions, optional
        Word layout (rule widths, fonts, sizes, template); the rule widths also apply to the HTML.
    figure_formats : tuple of str
        ``("png", "svg")`` by default; ``"pdf"`` may be added.
    manifest : bool
        Write ``manifest.json`` last (listing every file in the folder). It is also the record of
        what survey wrote: files written without one are not survey's to replace later.
    clean : bool
        Remove the files a previous run wrote and recorded first. Pass ``False`` for the second and
        later calls that add to the same folder in one run (each with ``manifest=True``, so that the
        next call finds the files of the earlier ones recorded as its own).
    tables_dir, figures_dir : str
        Sub-folders (inside ``out_dir``) for tables and figures, e.g. ``"tables/en"`` when two
        languages share one folder.
    inputs, plan, seed, ledger, extra
        Recorded in the manifest: input files (paths, hashed), the plan (path, text, bytes, mapping or
        pydantic model; hashed), the seed, the exclusion ledger (list of dicts), extra fields.

    Returns
    -------
    ReportFiles
    """
    fmts = tuple(dict.fromkeys(formats))
    unknown = [f for f in fmts if f not in FORMATS]
    if unknown:
        raise SurveyError(f"report formats {unknown} are not known (expected any of {FORMATS})")
    if not isinstance(doc, Document):
        raise SurveyError(f"write_document needs a Document, got a {type(doc).__name__}")
    inputs = list(inputs)
    out = check_output_dir(out_dir, [i for i in inputs if isinstance(i, (str, os.PathLike))])
    for name in (f"{basename}.md", f"{tables_dir}/x.csv", f"{figures_dir}/x.png"):
        confine(out, name)
    layout = doc.layout(style=style, lang=lang)
    options = docx_options or DocxOptions()
    outputs: dict[str, bytes] = {}  # everything is rendered before the folder is touched
    layout = replace(layout, assets=_figure_assets(layout, tuple(figure_formats), outputs, figures_dir.strip("/")))

    def put(rel: str, data: bytes | str) -> None:
        confine(out, rel)
        outputs[rel] = data.encode("utf-8") if isinstance(data, str) else data

    if "md" in fmts:
        from .markdown import render_markdown

        put(f"{basename}.md", render_markdown(layout))
    if "html" in fmts:
        from .html import render_html

        put(f"{basename}.html", render_html(layout, rule_outer_pt=options.rule_outer_pt, rule_header_pt=options.rule_header_pt))
    if "docx" in fmts:
        from .docx import build_docx

        put(f"{basename}.docx", build_docx(layout, options))
    if "tex" in fmts:
        from .latex import render_latex

        put(f"{basename}.tex", render_latex(layout))
    if "xlsx" in fmts:
        from .xlsx import build_xlsx

        put(f"{tables_dir}/tables.xlsx", build_xlsx(layout))
    if "csv" in fmts:
        import pandas as pd

        from .csvsafe import to_csv_text

        names: set[str] = set()
        for p in layout.tables:
            pairs = [(f"{tables_dir}/{p.key}.csv", p.block.plain_frame())]
            if p.block.raw is not None:
                pairs.append((f"{tables_dir}/{p.key}_values.csv", p.block.raw))
            for rel, frame in pairs:
                if rel in names:
                    raise SurveyError(f"two tables would both write {rel!r} (expected distinct table keys)")
                names.add(rel)
                keep_index = frame is p.block.raw and (
                    any(n is not None for n in frame.index.names) or not isinstance(frame.index, pd.RangeIndex)
                )
                put(rel, to_csv_text(frame, index=keep_index).encode("utf-8-sig"))
    kept_ours, others = _prepare_folder(out, outputs, clean=clean)
    out.mkdir(parents=True, exist_ok=True)
    for rel, data in outputs.items():
        atomic_write_bytes(confine(out, rel), data)
    written = sorted(outputs)
    if others:
        warnings.warn(
            f"output folder {str(out)!r} holds {len(others)} file(s) survey did not write (e.g. {others[0]!r}); "
            "they are left alone and listed under 'kept' in the manifest",
            SurveyWarning,
            stacklevel=2,
        )
    manifest_path = None
    if manifest:
        from .manifest import write_manifest

        manifest_path = write_manifest(out, written=kept_ours | set(written), inputs=inputs, plan=plan, seed=seed, ledger=ledger, extra=extra)
    return ReportFiles(out_dir=out, files=tuple(written), manifest=manifest_path, layout=layout, kept=tuple(others))
