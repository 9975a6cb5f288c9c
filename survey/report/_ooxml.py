"""The few WordprocessingML details python-docx has no API for, in one place.

* fonts: ``w:rFonts`` with ``w:ascii``/``w:hAnsi`` (Latin, digits), ``w:eastAsia`` (Chinese) and
  ``w:cs``; theme-font attributes are removed because Word lets them override explicit names;
* three-line tables: ``w:tblBorders`` (thick top and bottom, nothing else) and ``w:tcBorders``
  (the thin rule under the header row); widths in points, stored in eighths of a point;
* rows: repeat the header row on each page, never split a row;
* paragraphs: first-line indent in characters (``w:firstLineChars``, 2 字符 in Chinese theses);
* fields: ``SEQ`` fields for caption numbers, so that Word can build the list of tables and
  figures (题注、图表目录) and cross-references; the number already computed is the field's result;
* packaging: a zip rewritten with fixed timestamps so the same document gives the same bytes.

Child elements are inserted in the order the OOXML schema prescribes (Word rejects files that do
not follow it).
"""

from __future__ import annotations

import io
import zipfile

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

__all__ = [
    "defaults_rpr",
    "set_fonts",
    "set_lang",
    "set_table_borders",
    "set_cell_borders",
    "set_row_flags",
    "set_column_widths",
    "set_first_line_chars",
    "set_cell_margins",
    "deterministic_zip",
    "add_seq_field",
]

_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
_TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
).split()
_TCPR_ORDER = "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark".split()
_TRPR_ORDER = "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden".split()
_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _child(parent, tag: str, order: list[str]):
    """Return the child ``w:tag`` of ``parent``, creating it at its schema position."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    new = OxmlElement(f"w:{tag}")
    rank = order.index(tag)
    for k, existing in enumerate(parent):
        local = existing.tag.rsplit("}", 1)[-1]
        if local in order and order.index(local) > rank:
            parent.insert(k, new)
            return new
    parent.append(new)
    return new


def set_fonts(rpr, *, latin: str, east_asia: str) -> None:
    """Set the Latin and East-Asian fonts of a ``w:rPr`` (of a run, a style or the defaults)."""
    fonts = _child(rpr, "rFonts", _RPR_ORDER)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def defaults_rpr(styles_element):
    """The ``w:rPr`` of ``w:docDefaults/w:rPrDefault`` in a styles part (created when absent)."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    return rpr


def set_lang(rpr, *, latin: str = "en-US", east_asia: str = "zh-CN") -> None:
    """Set the proofing languages of a ``w:rPr``."""
    lang = _child(rpr, "lang", _RPR_ORDER)
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)


def _border(parent, side: str, pt: float | None) -> None:
    el = _child(parent, side, list(_BORDER_SIDES))
    for name in list(el.attrib):
        del el.attrib[name]
    if pt is None or pt <= 0:
        el.set(qn("w:val"), "nil")
        return
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(max(2, round(pt * 8))))  # eighths of a point
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), "000000")


def set_table_borders(table, *, top: float | None, bottom: float | None, inside_h: float | None = None,
                      inside_v: float | None = None, left: float | None = None, right: float | None = None) -> None:
    """Table borders in points (``None``: no line). A three-line table: top and bottom only."""
    tblpr = table._tbl.tblPr
    borders = _child(tblpr, "tblBorders", _TBLPR_ORDER)
    for side, pt in zip(_BORDER_SIDES, (top, left, bottom, right, inside_h, inside_v)):
        _border(borders, side, pt)


def set_cell_borders(cell, **sides: float | None) -> None:
    """Cell borders in points, e.g. ``bottom=0.75`` for the rule under a header cell."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = _child(tcpr, "tcBorders", _TCPR_ORDER)
    for side, pt in sides.items():
        if side not in _BORDER_SIDES:
            raise ValueError(f"unknown border side {side!r}")
        _border(borders, side, pt)


def set_row_flags(row, *, header: bool = False, cant_split: bool = True) -> None:
    """Mark a row as a header repeated on each page, and/or as not splittable across pages."""
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        _child(trpr, "cantSplit", _TRPR_ORDER)
    if header:
        _child(trpr, "tblHeader", _TRPR_ORDER)


def set_column_widths(table, widths_twips: list[int]) -> None:
    """Fixed column widths (twentieths of a point) in the grid and in every cell; fixed layout."""
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_twips):
        col.set(qn("w:w"), str(int(w)))
    tblpr = tbl.tblPr
    tblw = _child(tblpr, "tblW", _TBLPR_ORDER)
    tblw.set(qn("w:w"), str(int(sum(widths_twips))))
    tblw.set(qn("w:type"), "dxa")
    layout = _child(tblpr, "tblLayout", _TBLPR_ORDER)
    layout.set(qn("w:type"), "fixed")
    for row in table.rows:
        for cell, w in zip(row.cells, widths_twips):
            tcw = _child(cell._tc.get_or_add_tcPr(), "tcW", _TCPR_ORDER)
            tcw.set(qn("w:w"), str(int(w)))
            tcw.set(qn("w:type"), "dxa")


def set_cell_margins(table, *, left_twips: int = 85, right_twips: int = 85, top_twips: int = 0, bottom_twips: int = 0) -> None:
    """Default cell margins of a table (twips)."""
    mar = _child(table._tbl.tblPr, "tblCellMar", _TBLPR_ORDER)
    for side, w in (("top", top_twips), ("left", left_twips), ("bottom", bottom_twips), ("right", right_twips)):
        el = _child(mar, side, ["top", "left", "bottom", "right"])
        el.set(qn("w:w"), str(int(w)))
        el.set(qn("w:type"), "dxa")


def set_first_line_chars(element, chars: float, *, font_pt: float) -> None:
    """First-line indent of ``chars`` characters (``w:firstLineChars``) with a twips fallback.

    ``element``: a ``w:p`` (``paragraph._p``) or a ``w:style`` (``style.element``).
    """
    ppr = element.get_or_add_pPr()
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(round(chars * 100)))
    ind.set(qn("w:firstLine"), str(round(chars * font_pt * 20)))


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip package with fixed timestamps and attributes, keeping the member order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 0
            member.external_attr = 0
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def add_seq_field(paragraph, identifier: str, shown: str, *, bold: bool | None = None, italic: bool | None = None):
    """Append ``{ SEQ identifier \\* ARABIC }`` to ``paragraph`` with ``shown`` as its current result
    (Word updates it; LibreOffice and readers that do not update fields show ``shown``)."""

    def run(*children):
        r = paragraph.add_run()
        if bold is not None:
            r.bold = bold
        if italic is not None:
            r.italic = italic
        for child in children:
            r._r.append(child)
        return r

    def fld_char(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" SEQ {identifier} \\* ARABIC "
    run(fld_char("begin"))
    run(instr)
    run(fld_char("separate"))
    result = run()
    result.text = shown
    run(fld_char("end"))
