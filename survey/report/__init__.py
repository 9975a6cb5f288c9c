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
from .atomic import atomic_write_bytes, atomic_write_text, check_output_dir, confine
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
    """What :func:`write_document` wrote: the folder, the files (relative paths) and the manifest."""

    out_dir: Path
    files: tuple[str, ...]
    manifest: Path | None
    layout: Layout


def _clean_previous(out: Path) -> None:
    """Remove the files a previous run listed in its manifest, and stray temporary files."""
    from .manifest import MANIFEST_NAME, folder_files, load_manifest

    if (out / MANIFEST_NAME).is_file():
        with contextlib.suppress(SurveyError, ValueError, KeyError, TypeError):
            for entry in load_manifest(out).get("files", []):
                with contextlib.suppress(SurveyError, OSError):
                    target = confine(out, entry["path"])
                    if target.is_file():
                        target.unlink()
        (out / MANIFEST_NAME).unlink()
    for rel in folder_files(out):
        if Path(rel).name.startswith(".tmp-"):
            (out / rel).unlink()
    for root, _, _ in os.walk(out, topdown=False):
        if Path(root) != out:
            with contextlib.suppress(OSError):
                Path(root).rmdir()  # only succeeds for folders the old files left empty
    others = folder_files(out)
    if others:
        warnings.warn(
            f"output folder {str(out)!r} already holds {len(others)} file(s) not written by a previous run "
            f"(e.g. {others[0]!r}); they are kept and listed in the manifest",
            SurveyWarning,
            stacklevel=3,
        )


def _figure_assets(layout: Layout, out: Path, figure_formats: tuple[str, ...], written: list[str], folder: str) -> dict[str, FigureAsset]:
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
            atomic_write_bytes(confine(out, f"{stem}.{fmt}"), data)
            written.append(f"{stem}.{fmt}")
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
        The report folder (created if needed). It must not overlap any of ``inputs``. Files listed by
        a previous run's manifest are removed first; other files are kept (with a warning).
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
        Write ``manifest.json`` last (listing every file in the folder).
    clean : bool
        Remove the files listed by a previous run's manifest first (and warn about other files).
        Pass ``False`` for the second and later calls that add to the same folder in one run.
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
    out.mkdir(parents=True, exist_ok=True)
    if clean:
        _clean_previous(out)
    options = docx_options or DocxOptions()
    written: list[str] = []
    layout = replace(layout, assets=_figure_assets(layout, out, tuple(figure_formats), written, figures_dir.strip("/")))

    def put(rel: str, data: bytes | str) -> None:
        target = confine(out, rel)
        if isinstance(data, str):
            atomic_write_text(target, data)
        else:
            atomic_write_bytes(target, data)
        written.append(rel)

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
    manifest_path = None
    if manifest:
        from .manifest import write_manifest

        manifest_path = write_manifest(out, inputs=inputs, plan=plan, seed=seed, ledger=ledger, extra=extra)
    return ReportFiles(out_dir=out, files=tuple(sorted(written)), manifest=manifest_path, layout=layout)
