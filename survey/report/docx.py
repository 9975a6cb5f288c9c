"""Word (.docx) writer: three-line tables, East-Asian fonts, numbered captions (python-docx).

Body text in 宋体 with Latin letters and digits in Times New Roman (小四, 12 pt), headings and
captions in 黑体, table text 五号 (10.5 pt); three-line tables (thick top and bottom rules, a thin
rule under the header row, no vertical lines; widths configurable). The file is reproducible: the
core properties carry a fixed date and the zip fixed timestamps.

Optionally the document is built inside a user's template (``DocxOptions(template=...)``): its
page set-up and styles are kept, its body is replaced.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import struct
import unicodedata
from dataclasses import dataclass

from .document import Layout, Placed, runs

__all__ = ["DocxOptions", "build_docx"]

FIXED_DATE = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
_PAGES = {"A4": (21.0, 29.7), "letter": (21.59, 27.94)}


@dataclass(frozen=True)
class DocxOptions:
    """Layout of the Word document (sizes in points, lengths in centimetres).

    Chinese font sizes: 三号 16, 四号 14, 小四 12, 五号 10.5, 小五 9 pt.
    """

    rule_outer_pt: float = 1.5
    rule_header_pt: float = 0.75
    body_pt: float = 12.0
    table_pt: float = 10.5
    caption_pt: float | None = None  # None: 10.5 (gb) or the body size (apa)
    note_pt: float | None = None  # None: 9 (gb, 小五) or the table size (apa)
    latin_font: str = "Times New Roman"
    body_font: str = "宋体"
    heading_font: str = "黑体"
    caption_font: str = "黑体"
    line_spacing: float | None = None  # None: 1.5 (gb) or 2.0 (apa)
    page: str = "A4"
    margins_cm: tuple[float, float, float, float] = (2.54, 3.17, 2.54, 3.17)  # top, right, bottom, left
    figure_width_cm: float = 14.0
    template: str | os.PathLike[str] | None = None
    created: _dt.datetime = FIXED_DATE
    author: str = ""


def _sizes(style: str, o: DocxOptions) -> dict[str, float]:
    gb = style == "gb"
    return {
        "caption": o.caption_pt or (10.5 if gb else o.body_pt),
        "note": o.note_pt or (9.0 if gb else o.table_pt),
        "spacing": o.line_spacing or (1.5 if gb else 2.0),
        "h": (16.0, 14.0, 12.0, 12.0, 12.0, 12.0) if gb else (o.body_pt,) * 6,
    }


def _style(doc, name: str, *, base: str | None, size: float, east_asia: str, o: DocxOptions, bold: bool | None = None):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    from ._ooxml import set_fonts

    try:
        st = doc.styles[name]
    except KeyError:
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            st.base_style = doc.styles[base]
    st.font.size = Pt(size)
    st.font.color.rgb = None
    if bold is not None:
        st.font.bold = bold
    st.font.italic = False
    set_fonts(st.element.get_or_add_rPr(), latin=o.latin_font, east_asia=east_asia)
    return st


def _setup(doc, layout: Layout, o: DocxOptions) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    from ._ooxml import defaults_rpr, set_first_line_chars, set_fonts, set_lang

    gb = layout.style == "gb"
    s = _sizes(layout.style, o)
    if o.template is None:
        sec = doc.sections[0]
        width, height = _PAGES.get(o.page, _PAGES["A4"])
        sec.page_width, sec.page_height = Cm(width), Cm(height)
        top, right, bottom, left = o.margins_cm
        sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = Cm(top), Cm(right), Cm(bottom), Cm(left)
        rpr = defaults_rpr(doc.styles.element)
        set_fonts(rpr, latin=o.latin_font, east_asia=o.body_font)
        set_lang(rpr, latin="en-US", east_asia="zh-CN")
        normal = _style(doc, "Normal", base=None, size=o.body_pt, east_asia=o.body_font, o=o)
        pf = normal.paragraph_format
        pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), s["spacing"]
        if gb:
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            set_first_line_chars(normal.element, 2, font_pt=o.body_pt)
        else:
            pf.first_line_indent = Cm(1.27)
        for level in range(1, 7):
            h = _style(doc, f"Heading {level}", base=None, size=s["h"][level - 1], east_asia=o.heading_font, o=o, bold=True)
            h.font.color.rgb = RGBColor(0, 0, 0)
            h.font.italic = (not gb) and level >= 3
            hf = h.paragraph_format
            hf.space_before, hf.space_after, hf.line_spacing = Pt(12), Pt(6), 1.0
            set_first_line_chars(h.element, 0, font_pt=s["h"][level - 1])
            hf.keep_with_next = True
            hf.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 1 else WD_ALIGN_PARAGRAPH.LEFT
        title = _style(doc, "Title", base=None, size=18.0, east_asia=o.heading_font, o=o, bold=True)
        title.font.color.rgb = RGBColor(0, 0, 0)
        tf = title.paragraph_format
        tf.alignment, tf.space_after = WD_ALIGN_PARAGRAPH.CENTER, Pt(12)
        set_first_line_chars(title.element, 0, font_pt=18.0)
        ppr = title.element.get_or_add_pPr()
        for el in ppr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
            ppr.remove(el)
    cap = _style(doc, "Caption", base="Normal", size=s["caption"], east_asia=o.caption_font if gb else o.body_font, o=o, bold=gb)
    cap.font.color.rgb = RGBColor(0, 0, 0)
    cf = cap.paragraph_format
    cf.alignment = WD_ALIGN_PARAGRAPH.CENTER if gb else WD_ALIGN_PARAGRAPH.LEFT
    cf.line_spacing = 1.0
    set_first_line_chars(cap.element, 0, font_pt=s["caption"])
    cf.space_before, cf.space_after = Pt(6), Pt(3)
    for name, size in (("Table Text", o.table_pt), ("Table Note", s["note"]), ("Figure", o.body_pt)):
        st = _style(doc, name, base="Normal", size=size, east_asia=o.body_font, o=o, bold=False)
        f = st.paragraph_format
        f.line_spacing = 1.0
        f.space_before, f.space_after = Pt(0), Pt(0)
        f.alignment = WD_ALIGN_PARAGRAPH.CENTER if name == "Figure" else WD_ALIGN_PARAGRAPH.LEFT
        set_first_line_chars(st.element, 0, font_pt=size)
    doc.styles["Table Note"].paragraph_format.space_after = Pt(6)
    doc.styles["Table Note"].paragraph_format.space_before = Pt(3)


def _add_runs(paragraph, text: str, *, italic: bool = False, bold: bool | None = None, size: float | None = None) -> None:
    from docx.shared import Pt

    for chunk, it in runs(text):
        run = paragraph.add_run(chunk)
        if size is not None:
            run.font.size = Pt(size)
        if italic or it:
            # Inside an italic title an italic symbol stays italic (APA keeps symbols italic).
            run.italic = True
        if bold is not None:
            run.bold = bold


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _text_width_pt(text: str, size: float) -> float:
    """Estimated printed width: CJK characters one em, others about half an em."""
    return sum(1.0 if _is_wide(ch) else 0.55 for ch in text) * size


def _min_width_pt(text: str, size: float) -> float:
    """Width of the longest piece that cannot wrap (a Latin word or number; one CJK character)."""
    longest, run = 0.0, 0.0
    for ch in text:
        if ch.isspace() or _is_wide(ch):
            longest, run = max(longest, run), 0.0
            if _is_wide(ch):
                longest = max(longest, 1.0)
        else:
            run += 0.55
    return max(longest, run) * size


_PAD_TWIPS = 2 * 85 + 60  # cell margins and a little air


def _widths(placed: Placed, avail_twips: int, size: float, *, level: str = "minimum", squeeze: bool = False) -> list[int] | None:
    """Column widths (twips) that fit the page at this font size, or None when they cannot.

    Columns get their natural width when the table fits; otherwise headers wrap first (body cells
    keep one line), then long text cells (down to four characters, or their longest word); numbers
    and Latin words never wrap.
    ``level`` says how far to go (``natural``: no wrapping, ``middle``: headers may wrap,
    ``minimum``: long text may wrap too). With ``squeeze``, a table too wide even so gets its
    minimum widths scaled to the page.
    """
    from .document import plain

    t = placed.block
    cap = avail_twips * 0.4
    natural, middle, minimum = [], [], []
    for j in range(len(t.header)):
        cells = [plain(r[j]) for r in t.body]
        body_w = max([_text_width_pt(c, size) for c in cells] or [0.0]) * 20
        head = plain(t.header[j])
        head_w = _text_width_pt(head, size) * 20
        head_min = max(_min_width_pt(head, size), min(_text_width_pt(head, size), 2 * size)) * 20
        unbreakable = max([_min_width_pt(c, size) for c in cells] or [0.0]) * 20
        body_min = min(max(unbreakable, min(body_w, 4 * size * 20)), cap)
        floor = size * 20 + _PAD_TWIPS
        natural.append(max(body_w + _PAD_TWIPS, head_w + _PAD_TWIPS, floor))
        middle.append(max(min(body_w, cap) + _PAD_TWIPS, head_min + _PAD_TWIPS, floor))  # only headers wrap
        minimum.append(max(body_min + _PAD_TWIPS, head_min + _PAD_TWIPS, floor))  # long text wraps too
    if sum(natural) <= avail_twips:
        return [int(round(w)) for w in natural]
    steps = {"natural": (), "middle": ((middle, natural),), "minimum": ((middle, natural), (minimum, middle))}[level]
    for low, high in steps:
        if sum(low) <= avail_twips:
            extra = avail_twips - sum(low)
            slack = [h - lo for h, lo in zip(high, low)]
            total = sum(slack) or 1.0
            return [int(round(lo + extra * sl / total)) for lo, sl in zip(low, slack)]
    if not squeeze:
        return None
    return [int(round(m * avail_twips / sum(minimum))) for m in minimum]


def _fit(placed: Placed, avail_twips: int, size: float) -> tuple[list[int], float]:
    """Widths and font size, preferring the table size, then smaller type over wrapped text.

    Tried in order: one-line cells at the table size, 小五 (9 pt), 六号 (7.5 pt); then long text
    wrapped at each size; then a squeezed 7.5 pt table.
    """
    sizes = sorted({size, min(size, 9.0), min(size, 7.5)}, reverse=True)
    for level in ("middle", "minimum"):
        for pt in sizes:
            widths = _widths(placed, avail_twips, pt, level=level)
            if widths is not None:
                return widths, pt
    return _widths(placed, avail_twips, sizes[-1], squeeze=True), sizes[-1]


def _add_label(paragraph, label: str, *, bold: bool | None = None) -> None:
    """A caption label (``表4-1``, ``Table 1``) whose last number is a SEQ field named after the
    label's word (表, 图, Table, Figure), so Word lists and cross-references the captions."""
    from ._ooxml import add_seq_field

    m = re.fullmatch(r"(\D+)(.*?)(\d+)", label)
    if m is None:
        _add_runs(paragraph, label, bold=bold)
        return
    word, middle, number = m.groups()
    _add_runs(paragraph, word + middle, bold=bold)
    add_seq_field(paragraph, word.strip(), number, bold=bold)


def _gb_caption(doc, p: Placed):
    """A gb caption on one line: the numbered label, then the title."""
    cap = doc.add_paragraph(style="Caption")
    _add_label(cap, p.label)
    if p.text:
        _add_runs(cap, " " + p.text)
    return cap


def _apa_caption(doc, p: Placed) -> None:
    """APA captions above a table or figure: the bold number on one line, the italic title below."""
    line = doc.add_paragraph(style="Caption")
    _add_label(line, p.label, bold=True)
    line.paragraph_format.keep_with_next = True
    line = doc.add_paragraph(style="Caption")
    _add_runs(line, p.text, italic=True)
    line.paragraph_format.keep_with_next = True


def _table(doc, p: Placed, layout: Layout, o: DocxOptions, avail_twips: int) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ._ooxml import set_cell_borders, set_cell_margins, set_column_widths, set_row_flags, set_table_borders

    t = p.block
    gb = layout.style == "gb"
    if gb:
        _gb_caption(doc, p).paragraph_format.keep_with_next = True
    else:
        _apa_caption(doc, p)
    ncols = max(1, len(t.header))
    table = doc.add_table(rows=1 + len(t.body), cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER if gb else WD_TABLE_ALIGNMENT.LEFT
    set_table_borders(table, top=o.rule_outer_pt, bottom=o.rule_outer_pt)
    set_cell_margins(table)
    widths, size = _fit(p, avail_twips, o.table_pt)
    set_column_widths(table, widths)
    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
    rows = [t.header] + list(t.body)
    for i, (row, values) in enumerate(zip(table.rows, rows)):
        set_row_flags(row, header=(i == 0), cant_split=True)
        for j, cell in enumerate(row.cells):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para = cell.paragraphs[0]
            para.style = doc.styles["Table Text"]
            para.alignment = aligns[t.align[j]] if j < len(t.align) else WD_ALIGN_PARAGRAPH.CENTER
            if i == 0:
                para.paragraph_format.keep_with_next = True
            if size != o.table_pt:
                para.paragraph_format.line_spacing = 1.0
            if j < len(values):
                _add_runs(para, values[j], size=size if size != o.table_pt else None)
            if i == 0:
                set_cell_borders(cell, bottom=o.rule_header_pt)
    if p.note:
        note = doc.add_paragraph(style="Table Note")
        if gb:  # the note starts at the table's left edge and wraps within its width
            from docx.shared import Twips

            margin = max(0, min((avail_twips - sum(widths)) // 2, avail_twips // 5))
            note.paragraph_format.left_indent = Twips(margin)
            note.paragraph_format.right_indent = Twips(margin)
        _add_runs(note, layout.note_prefix() + p.note)


def _png_size(png: bytes) -> tuple[int, int, float]:
    """Pixel width, height and dpi (from pHYs, default 300) of a PNG."""
    width, height = struct.unpack(">II", png[16:24])
    dpi = 300.0
    k = png.find(b"pHYs")
    if k > 0:
        ppu_x, _, unit = struct.unpack(">IIB", png[k + 4 : k + 13])
        if unit == 1 and ppu_x:
            dpi = ppu_x * 0.0254
    return width, height, dpi


def _figure(doc, p: Placed, layout: Layout, o: DocxOptions, avail_cm: float) -> None:
    from docx.shared import Cm

    fig = p.block
    asset = layout.assets[p.key]
    px_w, _, dpi = _png_size(asset.png)
    natural_cm = px_w / dpi * 2.54
    width = min(fig.width_cm or o.figure_width_cm, avail_cm, natural_cm)
    gb = layout.style == "gb"
    if not gb:
        _apa_caption(doc, p)
    img = doc.add_paragraph(style="Figure")
    img.paragraph_format.keep_with_next = gb
    img.add_run().add_picture(io.BytesIO(asset.png), width=Cm(width))
    if gb:
        _gb_caption(doc, p)
    if p.note:
        note = doc.add_paragraph(style="Table Note")
        _add_runs(note, layout.note_prefix() + p.note)


def build_docx(layout: Layout, options: DocxOptions | None = None) -> bytes:
    """The bytes of a .docx rendering ``layout`` (figures come from ``layout.assets``)."""
    import docx

    from ._ooxml import deterministic_zip

    o = options or DocxOptions()
    doc = docx.Document(os.fspath(o.template)) if o.template is not None else docx.Document()
    if o.template is not None:
        body = doc.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
    _setup(doc, layout, o)
    sec = doc.sections[0]
    avail_emu = sec.page_width - sec.left_margin - sec.right_margin
    avail_twips = int(avail_emu / 635)
    avail_cm = avail_emu / 360000
    if layout.title:
        _add_runs(doc.add_paragraph(style="Title"), layout.title)
    for p in layout.items:
        if p.kind == "heading":
            _add_runs(doc.add_paragraph(style=f"Heading {min(p.level, 6)}"), p.text)
        elif p.kind == "paragraph":
            _add_runs(doc.add_paragraph(style="Normal"), p.text)
        elif p.kind == "table":
            _table(doc, p, layout, o, avail_twips)
        elif p.kind == "figure":
            _figure(doc, p, layout, o, avail_cm)
    props = doc.core_properties
    props.title = layout.title
    props.author = o.author
    props.last_modified_by = o.author
    props.created = o.created
    props.modified = o.created
    props.revision = 1
    props.language = "zh-CN" if layout.lang == "zh" else "en-US"
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic_zip(buf.getvalue())
