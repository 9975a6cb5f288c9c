"""The codebook: Markdown and Excel, in Chinese and English, texts kept as text."""

from __future__ import annotations

import io

import openpyxl
import pytest

from survey import codebook_tables, load_questionnaire, questionnaire_from_dict, write_codebook


@pytest.fixture(scope="module")
def q():
    return load_questionnaire("talent_service")


def test_markdown_zh(tmp_path, q):
    path = tmp_path / "codebook.md"
    write_codebook(q, path)  # zh, format from the suffix
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 编码手册：高层次人才服务满意度调查问卷")
    for expected in ("## 题目", "## 选项量表", "## 维度", "## Kano 题对", "## 重要性题目", "## 注意力检验题",
                     "| 17 | ST3 | 考虑离开 | 我经常考虑离开这座城市 | 李克特量表 | agreement | intention_stay |  | 是 | 是 |",
                     "| satisfaction | -2 | 跳过 | 是 | 是 |", "ST1, ST2, ST3 (R)", "| ATTN | 本题请选择“满意” | 4 满意 |"):
        assert expected in text, expected
    for item in q.items:
        assert f"| {item.id} |" in text
    assert not list(tmp_path.glob(".*tmp"))  # atomic write leaves no temporary file


def test_markdown_en_to_buffers(q):
    text_buffer = io.StringIO()
    write_codebook(q, text_buffer, lang="en", format="md")
    binary = io.BytesIO()
    write_codebook(q, binary, lang="en", format="md")
    assert binary.getvalue().decode("utf-8") == text_buffer.getvalue()
    text = text_buffer.getvalue()
    assert "| housing_subsidy | housing subsidy | KF_HOUSE | KD_HOUSE |" in text
    assert "| IM_SH | subsidy_housing | pay, subsidies and housing |" in text
    assert "(R) marks a reverse-keyed item." in text


def test_xlsx(tmp_path, q):
    path = tmp_path / "codebook.xlsx"
    write_codebook(q, path, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Items", "Response scales", "Constructs", "Kano pairs", "Importance items", "Attention checks"]
    items = list(book["Items"].values)
    assert items[0][:3] == ("No.", "Item", "Row")
    assert len(items) == len(q.items) + 1
    tables = codebook_tables(q, lang="en")
    rows = [["" if v is None else v for v in r] for r in book["Constructs"].iter_rows(min_row=2, values_only=True)]
    assert rows == tables["constructs"].values.tolist()


def test_formula_like_text_stays_text(tmp_path):
    q = questionnaire_from_dict({
        "id": "f", "title": "t",
        "scales": {"s": {"labels": {1: "=1+1", 2: "@SUM(A1)"}}},
        "items": [{"id": "A", "text": "=HYPERLINK(\"http://x\")", "scale": "s"}],
    })
    path = tmp_path / "f.xlsx"
    write_codebook(q, path, format="xlsx")
    book = openpyxl.load_workbook(path)
    cell = book["题目"]["D2"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
    assert [c.data_type for c in book["选项量表"]["C"]] == ["s", "s", "s"]


def test_markdown_escapes_pipes():
    q = questionnaire_from_dict({"id": "p", "title": "t", "items": [{"id": "A", "text": "a | b", "type": "text"}]})
    buf = io.StringIO()
    write_codebook(q, buf, lang="en", format="md")
    assert "a \\| b" in buf.getvalue()


def test_bad_arguments(q):
    with pytest.raises(ValueError, match="format"):
        write_codebook(q, io.StringIO(), format="pdf")
    with pytest.raises(ValueError, match="lang"):
        codebook_tables(q, lang="fr")


def test_numeric_items_missing_codes_are_in_the_codebook():
    q = questionnaire_from_dict(
        {"id": "n", "title": "n", "items": [{"id": "kids", "type": "numeric", "min": 0, "text": "子女人数",
                                            "missing": {-2: {"zh": "不适用", "en": "not applicable"}, 99: "拒答"}}]}
    )
    scales = codebook_tables(q, lang="en")["scales"]
    assert scales.values.tolist() == [["kids", "-2", "not applicable", "yes", ""], ["kids", "99", "拒答", "yes", ""]]
