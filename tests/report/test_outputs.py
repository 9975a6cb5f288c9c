"""Manifest, reproducible bytes, and the Word file's structure (three-line tables, fonts, captions)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from survey.errors import SurveyError, SurveyWarning
from survey.report import DocxOptions, write_document
from survey.report.figures_io import figure_bytes
from survey.report.manifest import folder_files, load_manifest, verify_manifest

from .demo import apa_document, gb_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def gb_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("gb") / "report"
    res = write_document(gb_document(), out, seed=7, plan={"analyses": ["alpha"], "seed": 7},
                         ledger=[{"respondent": "00123", "reason": "speeder", "step": "screen"}])
    plt.close("all")
    return res


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_lists_exactly_the_folder_files(gb_out):
    out = gb_out.out_dir
    m = load_manifest(out)
    listed = [f["path"] for f in m["files"]]
    assert listed == folder_files(out) == sorted(gb_out.files)
    for f in m["files"]:
        assert f["sha256"] == _sha(out / f["path"]) and f["bytes"] == (out / f["path"]).stat().st_size
    assert m["seed"] == 7 and m["ledger"] == [{"respondent": "00123", "reason": "speeder", "step": "screen"}]
    canonical = json.dumps({"analyses": ["alpha"], "seed": 7}, sort_keys=True, separators=(",", ":"))
    assert m["plan"]["sha256"] == hashlib.sha256(canonical.encode()).hexdigest()
    assert {"python", "pandas", "matplotlib", "python-docx", "openpyxl"} <= set(m["packages"])
    assert verify_manifest(out) == []


def test_manifest_hashes_inputs_and_detects_changes(tmp_path):
    data = tmp_path / "data.csv"
    data.write_bytes("id,q1\n00123,5\n".encode())
    res = write_document(gb_document(), tmp_path / "out", formats=("md",), inputs=[data], plan=data)
    m = load_manifest(res.out_dir)
    assert m["inputs"] == [{"path": str(data), "name": "data.csv", "sha256": _sha(data), "bytes": data.stat().st_size}]
    assert m["plan"]["sha256"] == _sha(data)
    (res.out_dir / "report.md").write_text("tampered")
    (res.out_dir / "extra.txt").write_text("x")
    problems = {(p.where, p.what) for p in verify_manifest(res.out_dir)}
    assert problems == {("report.md", "content differs from the manifest's sha256"),
                        ("extra.txt", "in the folder but not in the manifest")}


def test_rerun_replaces_previous_outputs(tmp_path):
    out = tmp_path / "out"
    first = write_document(gb_document(), out)
    assert "figures/means.png" in first.files
    doc = gb_document()
    doc.blocks = [b for b in doc.blocks if type(b).__name__ != "Figure"]
    doc.blocks = [b for b in doc.blocks if "{@means}" not in getattr(b, "text", "")]
    second = write_document(doc, out)
    assert not (out / "figures").exists()  # the stale figure went with the old manifest
    assert [f["path"] for f in load_manifest(out)["files"]] == folder_files(out) == sorted(second.files)
    (out / "mine.txt").write_text("user file")
    with pytest.warns(SurveyWarning, match="did not write"):
        third = write_document(doc, out)
    m = load_manifest(out)
    assert [f["path"] for f in m["kept"]] == ["mine.txt"] and "mine.txt" not in [f["path"] for f in m["files"]]
    assert third.kept == ("mine.txt",) and third.manifest is not None and verify_manifest(out) == []
    with pytest.warns(SurveyWarning, match="did not write"):
        write_document(doc, out)
    assert (out / "mine.txt").read_text() == "user file"


def test_files_the_user_keeps_in_the_folder_are_never_removed(tmp_path):
    out = tmp_path / "out"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "draft.docx").write_bytes(b"my chapter")
    (out / "figures").mkdir()
    (out / "figures" / "photo.png").write_bytes(b"png")
    (out / "empty").mkdir()
    for _ in range(3):  # first run, rerun, rerun with nothing to draw
        with pytest.warns(SurveyWarning, match="2 file\\(s\\) survey did not write"):
            write_document(gb_document(), out, formats=("md",))
    doc = gb_document()
    doc.blocks = [b for b in doc.blocks if type(b).__name__ != "Figure"]
    doc.blocks = [b for b in doc.blocks if "{@means}" not in getattr(b, "text", "")]
    with pytest.warns(SurveyWarning):
        write_document(doc, out, formats=("md",))
    assert (out / "notes" / "draft.docx").read_bytes() == b"my chapter" and (out / "figures" / "photo.png").read_bytes() == b"png"
    assert (out / "empty").is_dir()
    assert [f["path"] for f in load_manifest(out)["kept"]] == ["figures/photo.png", "notes/draft.docx"]
    assert [f["path"] for f in load_manifest(out)["files"]] == ["report.md"]


def test_a_file_survey_did_not_write_is_never_replaced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("the user's own report")
    with pytest.raises(SurveyError, match=r"already holds \['report.md'\], which survey did not write"):
        write_document(gb_document(), out, formats=("md", "html"))
    assert sorted(p.name for p in out.iterdir()) == ["report.md"] and (out / "report.md").read_text() == "the user's own report"


def test_an_output_edited_after_the_run_is_not_overwritten(tmp_path):
    out = tmp_path / "out"
    write_document(gb_document(), out, formats=("md", "html"))
    (out / "report.md").write_text("edited by hand")
    before = (out / "report.html").read_bytes()
    with pytest.raises(SurveyError, match="report.md"):
        write_document(gb_document(), out, formats=("md", "html"))
    assert (out / "report.md").read_text() == "edited by hand" and (out / "report.html").read_bytes() == before
    # written without a manifest, nothing is recorded as survey's: a rerun refuses too
    bare = tmp_path / "bare"
    write_document(gb_document(), bare, formats=("md",), manifest=False)
    with pytest.raises(SurveyError, match="report.md"):
        write_document(gb_document(), bare, formats=("md",))


def test_same_input_gives_byte_identical_outputs(tmp_path):
    a = write_document(gb_document(), tmp_path / "a", seed=1)
    b = write_document(gb_document(), tmp_path / "b", seed=1)
    plt.close("all")
    assert a.files == b.files
    assert {"report.md", "report.html", "report.docx", "report.tex", "tables/tables.xlsx", "tables/reliability.csv",
            "figures/means.png", "figures/means.svg", } <= set(a.files)
    for rel in a.files + ("manifest.json",):
        assert (a.out_dir / rel).read_bytes() == (b.out_dir / rel).read_bytes(), rel


def test_figure_bytes_carry_no_date():
    fig, ax = plt.subplots()
    ax.set_title("满意度")
    svg = figure_bytes(fig, "svg").decode()
    png = figure_bytes(fig, "png")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"tEXtSoftware" not in png and b"tIME" not in png
    assert "满意度" in svg  # text kept as text (svg.fonttype = none)


def _docx_xml(path, part="word/document.xml"):
    import lxml.etree as ET

    return ET.fromstring(zipfile.ZipFile(path).read(part))


def test_docx_three_line_tables_and_fonts(gb_out):
    path = gb_out.out_dir / "report.docx"
    doc = _docx_xml(path)
    tbl = doc.find(f".//{W}tbl")
    borders = {el.tag.replace(W, ""): el.get(f"{W}val") + ":" + (el.get(f"{W}sz") or "") for el in tbl.find(f"{W}tblPr/{W}tblBorders")}
    assert borders == {"top": "single:12", "left": "nil:", "bottom": "single:12", "right": "nil:", "insideH": "nil:", "insideV": "nil:"}
    rows = tbl.findall(f"{W}tr")
    head_bottoms = [tc.find(f"{W}tcPr/{W}tcBorders/{W}bottom") for tc in rows[0].findall(f"{W}tc")]
    assert all(b is not None and b.get(f"{W}sz") == "6" and b.get(f"{W}val") == "single" for b in head_bottoms)
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f".//{W}tcBorders") is None for r in rows[1:])  # no vertical or inner lines
    styles = _docx_xml(path, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "宋体" and defaults.get(f"{W}ascii") == "Times New Roman"
    assert defaults.get(f"{W}asciiTheme") is None

    def style(name):
        for s in styles.findall(f"{W}style"):
            if s.find(f"{W}name").get(f"{W}val").lower() == name.lower():
                return s
        raise KeyError(name)

    assert style("Caption").find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "黑体"
    assert style("Normal").find(f"{W}rPr/{W}sz").get(f"{W}val") == "24"  # 小四 12 pt
    assert style("Table Text").find(f"{W}rPr/{W}sz").get(f"{W}val") == "21"  # 五号 10.5 pt
    assert style("Normal").find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    text = "".join(t.text or "" for t in doc.iter(f"{W}t"))
    assert "表4-1 量表信度分析结果" in text and "图4-1 各维度满意度均值" in text
    assert text.index("表4-1 量表信度分析结果") < text.index("保健因素")  # caption above the table
    assert text.index("图4-1") > text.index("由表4-1可知")
    core = zipfile.ZipFile(path).read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
    assert {i.date_time for i in zipfile.ZipFile(path).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_docx_rule_widths_are_configurable(tmp_path):
    res = write_document(apa_document(), tmp_path / "o", formats=("docx", "html"),
                         docx_options=DocxOptions(rule_outer_pt=2.25, rule_header_pt=0.5))
    doc = _docx_xml(res.out_dir / "report.docx")
    top = doc.find(f".//{W}tblBorders/{W}top")
    head = doc.find(f".//{W}tcBorders/{W}bottom")
    assert (top.get(f"{W}sz"), head.get(f"{W}sz")) == ("18", "4")
    html = (res.out_dir / "report.html").read_text()
    assert "border-top: 2.25pt solid" in html and "border-bottom: 0.5pt solid" in html
    text = "".join(t.text or "" for t in doc.iter(f"{W}t"))
    assert text.index("Table 1") < text.index("Reliability and Descriptive") < text.index("Hygiene factors")
    assert text.index("Figure 1") < text.index("Mean Satisfaction by Dimension")


def test_docx_into_user_template(tmp_path):
    import docx

    template = docx.Document()
    template.sections[0].left_margin = docx.shared.Cm(4)
    template.add_paragraph("placeholder body text")
    tpath = tmp_path / "school.docx"
    template.save(tpath)
    res = write_document(gb_document(), tmp_path / "o", formats=("docx",), docx_options=DocxOptions(template=tpath))
    out = docx.Document(res.out_dir / "report.docx")
    assert abs(out.sections[0].left_margin.cm - 4) < 0.01
    assert "placeholder body text" not in [p.text for p in out.paragraphs]
    assert any(p.text.startswith("表4-1") for p in out.paragraphs)


def test_html_is_self_contained(gb_out):
    html = (gb_out.out_dir / "report.html").read_text()
    assert "data:image/png;base64," in html
    assert not re.search(r'(src|href)="(?!data:)', html)
    assert "表4-1 量表信度分析结果" in html and "图4-1 各维度满意度均值" in html
    assert html.index('<div class="caption">图4-1') > html.index("<img")  # gb: figure caption below


def test_latex_uses_booktabs(gb_out):
    tex = (gb_out.out_dir / "report.tex").read_text()
    assert "\\documentclass[12pt,a4paper]{ctexart}" in tex
    assert tex.count("\\toprule") == tex.count("\\midrule") == tex.count("\\bottomrule") == 1
    assert "\\caption*{表4-1\\quad 量表信度分析结果}" in tex
    assert "\\textit{$\\alpha$}" in tex and "figures/means.png" in tex


def test_raw_values_are_exported_beside_the_formatted_table(tmp_path):
    from survey.report import Document
    from survey.report.csvsafe import read_csv

    raw = pd.DataFrame({"alpha": [0.8712345678901234, 0.70001]}, index=pd.Index(["A", "=B"], name="scale"))
    doc = Document(lang="en", style="apa")
    doc.add_table(pd.DataFrame({"Scale": ["A", "=B"], "*α*": [".87", ".70"]}), "Alpha", key="alpha", raw=raw)
    res = write_document(doc, tmp_path / "o", formats=("csv",))
    assert res.files == ("tables/alpha.csv", "tables/alpha_values.csv")
    values = read_csv(res.out_dir / "tables" / "alpha_values.csv")
    assert values["scale"].tolist() == ["A", "=B"] and values["alpha"].tolist() == raw["alpha"].tolist()
    assert read_csv(res.out_dir / "tables" / "alpha.csv")["α"].tolist() == [".87", ".70"]


def test_two_languages_share_one_folder(tmp_path):
    out = tmp_path / "o"
    for k, (lang, build) in enumerate((("zh", gb_document), ("en", apa_document))):
        write_document(build(), out, basename=f"report.{lang}", tables_dir=f"tables/{lang}", figures_dir=f"figures/{lang}",
                       clean=k == 0, formats=("md", "xlsx", "csv"))
    files = folder_files(out)
    assert files == ["figures/en/means.png", "figures/en/means.svg", "figures/zh/means.png", "figures/zh/means.svg",
                     "report.en.md", "report.zh.md", "tables/en/reliability.csv", "tables/en/tables.xlsx",
                     "tables/zh/reliability.csv", "tables/zh/tables.xlsx"]
    assert "](figures/zh/means.png)" in (out / "report.zh.md").read_text()
    assert verify_manifest(out) == []
    # a rerun with a smaller output removes the old files and the folders they leave empty
    write_document(apa_document(), out, formats=("md",))
    assert folder_files(out) == ["figures/means.png", "figures/means.svg", "report.md"]
    assert sorted(p.name for p in out.iterdir()) == ["figures", "manifest.json", "report.md"]


def test_only_temporary_files_of_a_crashed_run_are_swept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".tmp-k3j_9x0a.md").write_text("half")  # the shape atomic writes use
    (out / ".tmp-my-notes.txt").write_text("mine")
    with pytest.warns(SurveyWarning, match="1 file"):
        res = write_document(gb_document(), out, formats=("md",))
    assert not (out / ".tmp-k3j_9x0a.md").exists() and (out / ".tmp-my-notes.txt").read_text() == "mine"
    assert res.kept == (".tmp-my-notes.txt",)


def test_tables_xlsx_holds_numbers_as_numbers(tmp_path):
    """A cell the report shows as a number is a number in tables.xlsx, formatted to look the same;
    p-value text and other text stay text."""
    from openpyxl import load_workbook

    res = write_document(gb_document(), tmp_path / "out", formats=("xlsx",))
    wb = load_workbook(res.out_dir / "tables" / "tables.xlsx")
    cells = [c for ws in wb.worksheets[1:] for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    numeric = [c for c in cells if isinstance(c.value, (int, float))]
    assert numeric, "no numeric cell in the report's tables"
    assert all(c.data_type == "n" for c in numeric)
    assert not [c.value for c in cells if isinstance(c.value, str) and re.fullmatch(r"[-−]?\d+\.\d+", c.value)]
    assert any(c.number_format not in ("General",) for c in numeric)


def test_displayed_number_keeps_what_is_not_a_number():
    from survey.report.xlsx import displayed_number

    assert displayed_number("0.820") == (0.82, "0.000")
    assert displayed_number("45.2%") == (pytest.approx(0.452), "0.0%")
    for text in ("p < .001", "00123", "3.5 (0.8)", "1,234", "", ".", "−", "1e5"):
        assert displayed_number(text) is None, text


@pytest.mark.parametrize(("document", "identifier"), [(gb_document, "表"), (apa_document, "Table")])
def test_captions_are_numbered_by_seq_fields(tmp_path, document, identifier):
    """Word builds its list of tables (图表目录) and cross-references from SEQ fields; the caption
    still reads as before where fields are not updated."""
    import docx

    res = write_document(document(), tmp_path / "out", formats=("docx",))
    d = docx.Document(res.out_dir / "report.docx")
    xml = d.element.xml
    assert f" SEQ {identifier} \\* ARABIC " in xml
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    first = "表4-1" if identifier == "表" else "Table 1"
    assert any(c.startswith(first) for c in captions), captions
