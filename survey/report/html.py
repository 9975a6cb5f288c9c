"""Self-contained HTML writer: one file, figures embedded (base64 PNG), three-line tables in CSS.

The font stacks put a Latin serif first (Times New Roman) and a CJK font after it (宋体 or Noto
Serif CJK for the body, 黑体 or Noto Sans CJK for headings and gb captions), so Latin letters and
digits use the Latin font and Chinese falls through to the CJK one.

>>> import pandas as pd
>>> from survey.report.document import Document
>>> doc = Document(lang="zh", style="gb")
>>> _ = doc.add_heading("第4章 实证分析")
>>> _ = doc.add_table(pd.DataFrame({"维度": ["<b>"], "α": ["0.870"]}), "信度")
>>> page = render_html(doc.layout())
>>> "表4-1 信度" in page, "&lt;b&gt;" in page, "<b>" in page
(True, True, False)
"""

from __future__ import annotations

import base64
import html as _html

from .document import Layout, Placed, plain, runs

__all__ = ["render_html", "html_inline"]

SERIF = '"Times New Roman", "Liberation Serif", "Nimbus Roman", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif'
SANS = '"Times New Roman", "Liberation Serif", "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'

_CSS = """
html {{ background: #fff; }}
body {{ font-family: {serif}; font-size: 12pt; line-height: {line}; color: #000; margin: 0; }}
main {{ max-width: 16.5cm; margin: 0 auto; padding: 1.5cm 1cm 3cm; }}
h1, h2, h3, h4, h5, h6 {{ font-family: {heading}; font-weight: bold; line-height: 1.4; margin: 1.2em 0 .6em; }}
h1 {{ font-size: {h1}; text-align: center; }}
h2 {{ font-size: {h2}; }}
h3, h4, h5, h6 {{ font-size: 12pt; }}
h1.title {{ font-size: 18pt; text-align: center; }}
.level-1 {{ font-size: {h1}; text-align: center; }}
.level-2 {{ font-size: {h2}; text-align: left; }}
.level-3, .level-4, .level-5, .level-6 {{ font-size: 12pt; text-align: left; }}
.style-apa .level-3 {{ font-style: italic; }}
p {{ margin: 0 0 .3em; }}
p.body {{ text-indent: {indent}; text-align: {justify}; }}
.tbl {{ display: table; margin: 1.2em {tbl_margin}; border-collapse: collapse; }}
.tbl > .caption {{ display: table-caption; caption-side: top; text-align: {cap_align}; margin-bottom: .35em; font-family: {cap_font}; {cap_weight} font-size: {cap_size}; line-height: 1.4; }}
.tbl > .note {{ display: table-caption; caption-side: bottom; text-align: left; margin-top: .35em; font-size: {note_size}; line-height: 1.4; }}
table.three-line {{ border-collapse: collapse; border-top: {outer} solid #000; border-bottom: {outer} solid #000; font-size: 10.5pt; line-height: 1.35; }}
table.three-line th, table.three-line td {{ border: none; padding: .28em .9em; vertical-align: middle; white-space: nowrap; }}
table.three-line thead th {{ border-bottom: {inner} solid #000; font-weight: normal; white-space: normal; }}
table.three-line .left {{ text-align: left; white-space: normal; min-width: 4em; }}
table.three-line.wide {{ font-size: 9pt; }}
table.three-line.wide th, table.three-line.wide td {{ padding: .22em .4em; }}
.tbl-scroll {{ max-width: 100%; overflow-x: auto; }}
table.three-line .center {{ text-align: center; }}
table.three-line .right {{ text-align: right; }}
figure {{ margin: 1.2em 0; text-align: {fig_align}; }}
figure img {{ max-width: 100%; height: auto; }}
figure .caption {{ font-family: {cap_font}; {cap_weight} font-size: {cap_size}; line-height: 1.4; text-align: {cap_align}; margin: .35em 0; }}
figure .note {{ font-size: {note_size}; text-align: left; }}
.caption .label {{ font-weight: bold; }}
.caption .title {{ font-style: italic; }}
"""


def html_inline(text: str) -> str:
    """Markup to HTML: ``*x*`` becomes ``<em>x</em>``, everything else escaped."""
    out = []
    for chunk, italic in runs(text):
        esc = _html.escape(chunk, quote=True).replace("\n", "<br>")
        out.append(f"<em>{esc}</em>" if italic else esc)
    return "".join(out)


def _caption(layout: Layout, p: Placed) -> str:
    if layout.style == "gb":
        return f'<div class="caption">{html_inline(layout.caption(p))}</div>'
    return (f'<div class="caption"><div class="label">{_html.escape(p.label)}</div>'
            f'<div class="title">{html_inline(p.text)}</div></div>')


def _note(layout: Layout, p: Placed) -> str:
    return f'<div class="note">{html_inline(layout.note_prefix() + p.note)}</div>' if p.note else ""


def _table(layout: Layout, p: Placed) -> str:
    t = p.block
    head = "".join(f'<th class="{a}">{html_inline(h)}</th>' for h, a in zip(t.header, t.align))
    rows = "\n".join(
        "<tr>" + "".join(f'<td class="{a}">{html_inline(c)}</td>' for c, a in zip(r, t.align)) + "</tr>" for r in t.body
    )
    return (f'<div class="tbl-scroll"><div class="tbl" id="{_html.escape(p.key)}">\n{_caption(layout, p)}\n'
            f'<table class="three-line{" wide" if len(t.header) > 7 else ""}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n'
            f"{_note(layout, p)}\n</div></div>")


def _figure(layout: Layout, p: Placed) -> str:
    asset = layout.assets.get(p.key)
    width = p.block.width_cm or 14.0
    if asset is not None:
        src = "data:image/png;base64," + base64.b64encode(asset.png).decode("ascii")
        img = f'<img src="{src}" alt="{_html.escape(plain(layout.caption(p)))}" style="width: {width:g}cm">'
    else:
        img = f'<p>[{_html.escape(plain(layout.caption(p)))}]</p>'
    cap = _caption(layout, p)
    inner = f"{img}\n{cap}" if layout.style == "gb" else f"{cap}\n{img}"
    return f'<figure id="{_html.escape(p.key)}">\n{inner}\n{_note(layout, p)}\n</figure>'


def render_html(layout: Layout, *, rule_outer_pt: float = 1.5, rule_header_pt: float = 0.75) -> str:
    """The whole document as one self-contained HTML page."""
    gb = layout.style == "gb"
    css = _CSS.format(
        serif=SERIF,
        heading=SANS if gb else SERIF,
        line=1.5 if gb else 2.0,
        h1="16pt" if gb else "12pt",
        h2="14pt" if gb else "12pt",
        indent="2em" if gb else "1.27cm",
        justify="justify" if gb else "left",
        tbl_margin="auto" if gb else "0",
        cap_align="center" if gb else "left",
        cap_font=SANS if gb else SERIF,
        cap_weight="font-weight: bold;" if gb else "",
        cap_size="10.5pt" if gb else "12pt",
        note_size="9pt" if gb else "10.5pt",
        outer=f"{rule_outer_pt:g}pt",
        inner=f"{rule_header_pt:g}pt",
        fig_align="center" if gb else "left",
    )
    offset = 1 if layout.title else 0
    body = []
    if layout.title:
        body.append(f'<h1 class="title">{html_inline(layout.title)}</h1>')
    for p in layout.items:
        if p.kind == "heading":
            n = min(6, p.level + offset)
            body.append(f'<h{n} class="level-{p.level}">{html_inline(p.text)}</h{n}>')
        elif p.kind == "paragraph":
            body.append(f'<p class="body">{html_inline(p.text)}</p>')
        elif p.kind == "table":
            body.append(_table(layout, p))
        elif p.kind == "figure":
            body.append(_figure(layout, p))
    lang = "zh-CN" if layout.lang == "zh" else "en"
    title = _html.escape(plain(layout.title)) if layout.title else ("报告" if layout.lang == "zh" else "Report")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{css}</style>\n</head>\n<body class=\"style-{layout.style}\">\n<main>\n" + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
