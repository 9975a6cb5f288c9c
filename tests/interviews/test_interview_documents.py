"""Policy documents: reading .txt/.docx/.pdf and splitting into numbered clauses on realistic layouts."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from survey.errors import NoTextLayerError, PdfToolMissingError, ResponseDataError, SurveyWarning
from survey.interviews import load_documents, propose_codes
from survey.interviews.documents import cn_number, parse_file_name, split_clauses, strip_page_furniture

REGULATION = """某市高层次人才引进培育办法
（2024年3月1日某市人民政府第12次常务会议通过）

为深入实施人才强市战略，根据有关规定，结合本市实际，制定本办法。

第一章　总　则

第一条　为加快集聚高层次人才，制定本办法。
第二条　本办法适用于本市行政区域内的
用人单位和各类高层次人才。

第二章　支持措施

第三条　对引进的人才给予下列支持：
（一）安家补贴。A类人才给予200万元，
B类人才给予100万元；
（二）住房保障。具体包括：
1. 提供人才公寓；
2. 按照每月3000元标准发放租房补贴，最长
3年；
（三）子女入学。
第四条　用人单位引进人才的，按下列标准给予奖励：
(1) 引进A类人才的，每人奖励50万元；
(2) 引进B类人才的，每人奖励20万元。
第五条　本办法自发布之日起施行。
第六条
第七条　人才服务专员制度。
第八条　年度评价。
第九条　考核激励。
第十条　容错纠错。
第十一条　本办法由市人才工作领导小组办公室负责解释。
"""


def test_cn_numbers():
    assert [cn_number(x) for x in ("一", "十", "十一", "二十", "二十三", "一百零五", "12", "１２", "⑤")] == [1, 10, 11, 20, 23, 105, 12, 12, 5]


def test_regulation_articles_items_points_and_preamble():
    clauses, preamble = split_clauses(REGULATION, "D03")
    ids = clauses["clause_id"].tolist()
    assert ids[:3] == ["D03-第一条", "D03-第二条", "D03-第三条"]
    assert "D03-第三条-（二）-2" in ids and "D03-第四条-(2)" in ids and ids[-1] == "D03-第十一条"
    assert len([i for i in ids if i.count("-") == 1]) == 11  # 第一条 … 第十一条
    row = clauses.set_index("clause_id").loc["D03-第三条-（二）-2"]
    assert (row["level"], row["parent"], row["kind"]) == (3, "D03-第三条-（二）", "point")
    # the clause spans two lines; "3年" on the next line is not a point
    assert row["text"] == "2. 按照每月3000元标准发放租房补贴，最长3年；"
    assert REGULATION[row["start"]:row["end"]] == "2. 按照每月3000元标准发放租房补贴，最长\n3年；"
    art = clauses.set_index("clause_id").loc["D03-第三条"]
    assert REGULATION[art["start"]:art["end"]] == "第三条　对引进的人才给予下列支持："
    assert REGULATION[art["start"]:art["block_end"]].endswith("（三）子女入学。")
    assert clauses.set_index("clause_id").loc["D03-第二条", "text"] == "第二条　本办法适用于本市行政区域内的用人单位和各类高层次人才。"
    # chapter headings start no clause, are not in the previous clause, and are kept
    assert clauses.set_index("clause_id").loc["D03-第二条", "chapter"] == "第一章　总　则"
    assert clauses.set_index("clause_id").loc["D03-第三条", "chapter"] == "第二章　支持措施"
    assert preamble.startswith("某市高层次人才引进培育办法") and preamble.endswith("制定本办法。")
    assert clauses.set_index("clause_id").loc["D03-第六条", "text"] == "第六条"


def test_opinion_layout_with_sections_and_half_width_brackets():
    text = ("关于进一步加强青年人才工作的若干意见\n各区人民政府，市政府各部门：\n"
            "一、总体要求\n(一) 指导思想。坚持党管人才。\n（二）主要目标。到2027年，\n新增青年人才5万人。\n"
            "二、重点任务\n（一）强化培养。\n1．实施青年英才计划；\n2、建设博士后工作站；\n（二）优化服务。\n① 建立服务专员；\n② 开通绿色通道。\n"
            "三、保障措施\n各区要加强组织领导。\n")
    clauses, preamble = split_clauses(text, "D01")
    assert clauses["clause_id"].tolist() == [
        "D01-一", "D01-一-（一）", "D01-一-（二）", "D01-二", "D01-二-（一）", "D01-二-（一）-1", "D01-二-（一）-2",
        "D01-二-（二）", "D01-二-（二）-①", "D01-二-（二）-②", "D01-三",
    ]
    assert clauses["level"].tolist() == [1, 2, 2, 1, 2, 3, 3, 2, 3, 3, 1]
    assert clauses.set_index("clause_id").loc["D01-一-（二）", "text"] == "（二）主要目标。到2027年，新增青年人才5万人。"
    assert clauses.set_index("clause_id").loc["D01-三", "text"] == "三、保障措施 各区要加强组织领导。"  # a heading line stays apart
    assert preamble == "关于进一步加强青年人才工作的若干意见\n各区人民政府，市政府各部门："


def test_out_of_sequence_number_is_text_and_warned():
    text = "第一条　总则。\n第二条　支持措施，\n第五条 规定的补贴按年度发放。\n第三条　附则。"
    with pytest.warns(SurveyWarning, match=r"line 3: '第五条' is out of sequence \(number 3 expected\)"):
        clauses, _ = split_clauses(text, "D02")
    assert clauses["clause_id"].tolist() == ["D02-第一条", "D02-第二条", "D02-第三条"]
    assert clauses.loc[1, "text"] == "第二条　支持措施，第五条 规定的补贴按年度发放。"


PDF_TEXT = (
    "                         某市人民政府文件\n\n"
    "          关于印发人才安居办法的通知\n\n"
    "第一条   为做好人才安居工作，制定本办法。\n"
    "第二条   人才安居采取以下方式：\n"
    "    （一）配租人才公寓；\n"
    "    （二）发放租房补贴，标准为每月\n\n"
    "                              - 1 -\n"
    "\f                         某市人民政府文件\n\n"
    "    2000 元；\n"
    "第三条   本办法自 2024 年 1 月 1 日起施行。\n\n"
    "                           第 2 页 共 2 页\n"
    "\f"
)


def test_pdftotext_page_numbers_and_running_headers_are_removed_and_listed():
    text, removed = strip_page_furniture(PDF_TEXT)
    assert removed == ((1, "某市人民政府文件"), (1, "- 1 -"), (2, "某市人民政府文件"), (2, "第 2 页 共 2 页"))
    assert "某市人民政府文件" not in text and "- 1 -" not in text
    clauses, preamble = split_clauses(text, "D04")
    assert preamble == "关于印发人才安居办法的通知"
    row = clauses.set_index("clause_id").loc["D04-第二条-（二）"]
    assert row["text"] == "（二）发放租房补贴，标准为每月2000 元；"  # across the page break
    assert clauses["clause_id"].tolist() == ["D04-第一条", "D04-第二条", "D04-第二条-（一）", "D04-第二条-（二）", "D04-第三条"]


def test_file_name_parsing():
    assert parse_file_name("D03_某市人才工作领导小组_2023年5月10日_关于加强人才引进的若干措施") == {
        "doc_id": "D03", "issuer": "某市人才工作领导小组", "date": "2023-05-10", "title": "关于加强人才引进的若干措施"}
    assert parse_file_name("人才新政") == {"doc_id": "", "issuer": "", "date": "", "title": "人才新政"}


def test_load_folder_gbk_docx_metadata(tmp_path):
    import docx

    (tmp_path / "A1.txt").write_bytes("某市人才安居办法\n第一条　总则。\n第二条　补贴。".encode("gbk"))
    d = docx.Document()
    for line in ("关于支持青年人才的意见", "一、加强培养", "（一）设立专项资金。", "二、优化评价"):
        d.add_paragraph(line)
    d.save(tmp_path / "X9.docx")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")  # not a document type: ignored in a folder
    meta = pd.DataFrame({"文件名": ["X9.docx"], "编号": ["P7"], "发文机关": ["某市委组织部"], "发布日期": ["2022.6.30"]})
    docs = load_documents(tmp_path, metadata=meta)
    frame = docs.to_frame()
    assert frame[["doc_id", "title", "issuer", "date", "source", "n_clauses"]].to_numpy().tolist() == [
        ["A1", "某市人才安居办法", "", "", "txt", 2],  # title: the first line before the clauses
        ["P7", "关于支持青年人才的意见", "某市委组织部", "2022-06-30", "docx", 3],
    ]
    assert docs.documents[0].encoding == "gb18030"
    assert docs.clauses["clause_id"].tolist() == ["A1-第一条", "A1-第二条", "P7-一", "P7-一-（一）", "P7-二"]
    assert docs.segments.loc[2, ["segment_id", "interviewee"]].tolist() == ["P7-一", "P7"]
    assert len(docs) == 2 and docs.findings("zh") == ["共收集政策文件2份，拆分为5个编号条款作为分析单元。"]


def test_bad_inputs_are_named(tmp_path):
    (tmp_path / "D01_x.txt").write_text("第一条　甲。", encoding="utf-8")
    (tmp_path / "D01_y.txt").write_text("第一条　乙。", encoding="utf-8")
    with pytest.raises(ResponseDataError, match=r"share an id.*D01"):
        load_documents(tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text("这是一段没有编号的文字。", encoding="utf-8")
    with pytest.raises(ResponseDataError, match="no numbered clauses"):
        load_documents([plain])
    with pytest.raises(ResponseDataError, match="not read"):
        load_documents([plain], metadata=pd.DataFrame({"file": ["other.txt"]}))
    with pytest.raises(ResponseDataError, match="unsupported document type"):
        load_documents([tmp_path / "D01_x.txt", _touch(tmp_path / "x.rtf")])


def _touch(path):
    path.write_text("x", encoding="utf-8")
    return path


def test_pdf_without_pdftotext_is_a_named_error(tmp_path, monkeypatch):
    pdf = tmp_path / "D01.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(PdfToolMissingError, match="pdftotext"):
        load_documents([pdf])


def _pdf(path, pages):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from survey.figures.style import cjk_font

    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for lines in pages:
            fig = plt.figure(figsize=(8.27, 11.69))
            for i, line in enumerate(lines):
                fig.text(0.1, 0.92 - i * 0.04, line, family=cjk_font() or "sans-serif", fontsize=11)
            pdf.savefig(fig)
            plt.close(fig)
    return path


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")


@needs_pdftotext
def test_pdf_round_trip(tmp_path):
    pdf = _pdf(tmp_path / "D05_某市人才办_2024-01-15_人才评价办法.pdf", [
        ["某市人才办文件", "人才评价办法", "第一条　为完善人才评价机制，制定本办法。", "第二条　评价方式包括：", "（一）同行评议；", "- 1 -"],
        ["某市人才办文件", "（二）业绩评价。", "第三条　本办法自发布之日起施行。", "- 2 -"],
    ])
    docs = load_documents([pdf])
    doc = docs.documents[0]
    assert (doc.source, doc.doc_id, doc.issuer, doc.date, doc.title) == ("pdf", "D05", "某市人才办", "2024-01-15", "人才评价办法")
    assert doc.clauses["clause_id"].tolist() == ["D05-第一条", "D05-第二条", "D05-第二条-（一）", "D05-第二条-（二）", "D05-第三条"]
    assert [line for _, line in doc.removed_lines] == ["某市人才办文件", "-1-", "某市人才办文件", "-2-"]


@needs_pdftotext
def test_scanned_pdf_without_text_layer(tmp_path):
    pdf = _pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(NoTextLayerError, match="no text layer"):
        load_documents([pdf])


def test_keyword_proposals_on_clauses():
    clauses, _ = split_clauses(REGULATION, "D03")
    seg = clauses.rename(columns={"clause_id": "segment_id"}).assign(interviewee="D03")
    table = propose_codes(seg, "talent_services", role=None).table
    assert "D03-第三条-（一）" in set(table["segment_id"])
    assert set(table["status"]) == {"proposed"}


def test_article_number_run_on_into_its_text():
    text = "第一条为加强人才工作，制定本办法。\n第二条本办法适用于全市，依照\n第五条规定的程序办理。\n第三条本办法自发布之日起施行。"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a run-on reference is text, without a warning
        clauses, _ = split_clauses(text, "D06")
    assert clauses["clause_id"].tolist() == ["D06-第一条", "D06-第二条", "D06-第三条"]
    assert clauses.loc[1, "text"] == "第二条本办法适用于全市，依照第五条规定的程序办理。"


def test_docx_without_typed_numbers_names_automatic_numbering(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("为加强人才工作，制定本办法。")
    d.save(tmp_path / "D01.docx")
    with pytest.raises(ResponseDataError, match="no numbered clauses") as err:
        load_documents([tmp_path / "D01.docx"])
    assert "automatic numbering" in str(err.value)
