from __future__ import annotations

import pandas as pd
import pytest

import survey as sv
from survey.errors import ResponseDataError


def test_load_folder_all_formats(transcript_dir):
    ts = sv.load_transcripts(transcript_dir)
    assert len(ts) == 4
    seg = ts.segments
    assert set(seg["file"]) == {"T01", "T02", "T03", "T04"}
    assert seg["segment_id"].is_unique
    # offsets point at the turn's text in the decoded transcript
    for t in ts.transcripts:
        for row in t.segments.itertuples():
            assert t.text[row.start:row.end] == row.text
    t1 = ts.transcripts[0]
    assert t1.preamble.startswith("高层次人才访谈记录")
    assert t1.segments["role"].tolist() == ["interviewer", "interviewee"] * 3
    # a line without a label continues the turn
    assert "领导对我们挺认可的" in t1.segments.iloc[3]["text"]
    assert t1.segments.iloc[1]["speaker"] == "受访者A"
    assert t1.segments.iloc[1]["line"] == 5


def test_encodings_and_md_docx(transcript_dir):
    t2 = sv.load_transcript(transcript_dir / "T02.txt")
    assert t2.encoding == "gb18030"
    assert t2.segments.iloc[1]["text"] == "政策吸引力不强，补贴比不上周边城市。"
    t3 = sv.load_transcript(transcript_dir / "T03.md")
    assert t3.segments["role"].tolist() == ["interviewer", "interviewee"] * 2
    assert t3.segments.iloc[1]["text"].startswith("The online platform")
    t4 = sv.load_transcript(transcript_dir / "T04.docx")
    assert t4.encoding == "docx"
    assert t4.segments["role"].tolist() == ["interviewer", "interviewee"] * 2
    bom = transcript_dir / "bom.txt"
    bom.write_bytes("\ufeff访谈者：你好\n受访者：你好".encode("utf-8"))
    assert sv.load_transcript(bom).segments.iloc[0]["text"] == "你好"


def test_ids_are_stable_and_detect_edits(transcript_dir):
    a = sv.load_transcripts(transcript_dir).segments["segment_id"].tolist()
    b = sv.load_transcripts(transcript_dir).segments["segment_id"].tolist()
    assert a == b
    p = transcript_dir / "T02.txt"
    p.write_text("访谈者：补充一句。\n" + p.read_bytes().decode("gb18030"), encoding="utf-8")
    c = sv.load_transcript(p).segments["segment_id"].tolist()
    assert not set(c) & {s for s in a if s.startswith("T02")}


def test_bad_transcripts(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ResponseDataError, match="empty.txt: the transcript is empty"):
        sv.load_transcript(empty)
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x81\x30\xff\xfe\x00\x81")
    with pytest.raises(ResponseDataError, match="junk.txt"):
        sv.load_transcript(junk)
    noturn = tmp_path / "noturn.txt"
    noturn.write_text("这是一段没有说话人标记的文字。\nAlso: not a speaker.", encoding="utf-8")
    with pytest.raises(ResponseDataError, match="no speaker turns") as err:
        sv.load_transcript(noturn)
    assert "noturn.txt line 1" in str(err.value)
    (tmp_path / "x.pdf").write_text("x", encoding="utf-8")
    with pytest.raises(ResponseDataError, match="unsupported"):
        sv.load_transcript(tmp_path / "x.pdf")
    with pytest.raises(ResponseDataError, match="named group"):
        sv.load_transcript(noturn, speaker_pattern=r"^(\w+):")


def test_custom_pattern(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text("【主持】你好\n【张三】你好\n", encoding="utf-8")
    t = sv.load_transcript(p, speaker_pattern=r"^【(?P<speaker>[^】]+)】", interviewer_labels=["主持"])
    assert t.segments["role"].tolist() == ["interviewer", "interviewee"]


def test_attributes(tmp_path, transcript_dir):
    csv = tmp_path / "people.csv"
    csv.write_text("受访者编号,人才类别,行业,来本市年限\nT01,A类,高校,3\nT02,C类,企业,007\nT03,B类,科研院所,5\nT04,D类,企业,1\n", encoding="utf-8")
    attrs = sv.load_attributes(csv)
    assert attrs.loc["T02", "来本市年限"] == "007"
    assert sv.check_attributes(attrs, sv.load_transcripts(transcript_dir)) == []
    xlsx = tmp_path / "people.xlsx"
    attrs.reset_index().to_excel(xlsx, index=False)
    assert sv.load_attributes(xlsx, id_column="interviewee").loc["T04", "行业"] == "企业"
    dup = tmp_path / "dup.csv"
    dup.write_text("interviewee,sector\nT01,a\nT01,b\n", encoding="utf-8")
    with pytest.raises(ResponseDataError, match="dup.csv line 3"):
        sv.load_attributes(dup)
    with pytest.raises(ResponseDataError, match="T04"):
        sv.check_attributes(attrs.drop(index="T04"), sv.load_transcripts(transcript_dir))


def _with_dtd(src, dst, part="word/document.xml"):
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                head, rest = data.split(b"?>", 1)
                data = head + b'?><!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + rest
            zout.writestr(info, data)
    return dst


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
def test_docx_with_a_dtd_is_refused_by_name(transcript_dir, tmp_path, part):
    bad = _with_dtd(transcript_dir / "T04.docx", tmp_path / "T09.docx", part)
    with pytest.raises(sv.ResponseDataError) as info:
        sv.load_transcript(bad)
    assert str(info.value).startswith("T09.docx:")
    assert any(p.where == f"T09.docx:{part}" and "DTD" in p.what for p in info.value.problems)


def test_docx_that_is_not_a_zip_is_a_named_error(tmp_path):
    bad = tmp_path / "T10.docx"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(sv.ResponseDataError, match="T10.docx: not a valid .docx file"):
        sv.load_transcript(bad)


def test_docx_with_broken_xml_is_a_named_error(transcript_dir, tmp_path):
    import zipfile

    bad = tmp_path / "T11.docx"
    with zipfile.ZipFile(transcript_dir / "T04.docx") as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data[:200] if info.filename == "word/document.xml" else data)
    with pytest.raises(sv.ResponseDataError, match="T11.docx: not a valid .docx file"):
        sv.load_transcript(bad)
