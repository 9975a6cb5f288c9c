"""A sheet may hold at most a budget of cells: a workbook that would inflate beyond it (many cells
that compress well, or cells far apart that openpyxl fills the gaps between) is refused with a
named error before its memory grows, within seconds."""

from __future__ import annotations

import time
import zipfile

import openpyxl
import pytest

import survey.io.excel as excel
from survey.errors import ResponseDataError
from survey.io import load_responses

_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="答卷" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def _workbook(path, rows, *, strings=("id", "q1")):
    """An .xlsx written part by part, as Excel lays it out; ``rows`` yields each <row> element."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
        zf.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{shared}</sst>')
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>')
            sheet.write(b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>')
            for row in rows:
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return path


def _dense(n_rows: int, n_cols: int = 2):
    for r in range(2, n_rows + 2):
        yield f'<row r="{r}">'.encode() + b"".join(f'<c r="{c}{r}"><v>{r % 5 + 1}</v></c>'.encode() for c in "AB"[:n_cols]) + b"</row>"


def test_a_workbook_within_the_budget_loads(tmp_path):
    path = _workbook(tmp_path / "ok.xlsx", _dense(99))
    r = load_responses(path)
    assert r.data.shape == (99, 1) and r.data["q1"].iloc[:3].tolist() == [3.0, 4.0, 5.0]
    assert r.source.sheet == "答卷"


def test_many_cells_that_compress_well_are_refused_before_parsing(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "bomb.xlsx", [b"<row><c><v>1</v></c><c><v>2</v></c></row>" * 200_000])  # 400,000 cells: 8 MB of XML in 25 KB
    monkeypatch.setattr(excel, "MAX_CELLS", 100_000)
    parsed = []
    monkeypatch.setattr(openpyxl.worksheet._read_only.ReadOnlyWorksheet, "_get_row", lambda *a, **k: parsed.append(1))
    start = time.perf_counter()
    with pytest.raises(ResponseDataError, match="more than 100,000 cells") as info:
        load_responses(path)
    assert time.perf_counter() - start < 5
    assert not parsed  # refused from the compressed stream, before openpyxl parsed a row
    assert info.value.problems[0].where == "bomb.xlsx, sheet '答卷'"
    assert "xl/worksheets/sheet1.xml" in info.value.problems[0].what


def test_cells_far_apart_are_counted_as_openpyxl_fills_them_in(tmp_path):
    # one cell per row, in the last column: a few bytes of XML become 16,384 cells a row
    rows = (f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>'.encode() for r in range(2, 2002))
    path = _workbook(tmp_path / "wide.xlsx", rows)
    start = time.perf_counter()
    with pytest.raises(ResponseDataError, match="more than 1,000,000 cells") as info:
        excel.read_xlsx(path, max_cells=1_000_000)
    assert time.perf_counter() - start < 5
    assert info.value.problems[0].what.startswith("more than 1,000,000 cells by row 63")  # 2 + 62 × 16,384 > 1,000,000


def test_rows_far_apart_are_counted_too(tmp_path):
    path = _workbook(tmp_path / "tall.xlsx", [b'<row r="50000"><c r="A50000"><v>1</v></c></row>'])
    with pytest.raises(ResponseDataError, match="more than 10,000 cells"):
        excel.read_xlsx(path, max_cells=10_000)
    assert excel.read_xlsx(path, max_cells=50_001).records[0] == ["id", "q1"]


def test_a_shared_string_table_beyond_the_budget_is_refused(tmp_path):
    path = _workbook(tmp_path / "strings.xlsx", _dense(3), strings=["id", "q1", *(f"s{k}" for k in range(50_000))])
    with pytest.raises(ResponseDataError, match="shared-string table"):
        excel.read_xlsx(path, max_cells=10_000)


def test_a_sheet_broken_after_its_first_rows_is_a_named_error(tmp_path):
    path = _workbook(tmp_path / "broken.xlsx", [b'<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>', b'<row r="3"><c r="A3"><v>1</v></row>'])
    with pytest.raises(ResponseDataError, match="cannot read sheet") as info:
        load_responses(path)
    assert info.value.problems[0].where == "broken.xlsx, sheet '答卷' after row 2" and "ParseError" in info.value.problems[0].what
