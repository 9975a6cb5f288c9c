from __future__ import annotations

import pandas as pd
import pytest

import survey as sv
from survey.errors import ResponseDataError, SurveyWarning


@pytest.fixture()
def segments(transcript_dir):
    return sv.load_transcripts(transcript_dir)


def _ids(segments, file):
    seg = segments.segments
    return seg.loc[(seg["file"] == file) & (seg["role"] == "interviewee"), "segment_id"].tolist()


def test_import_export_roundtrip(tmp_path, segments):
    t01 = _ids(segments, "T01")
    coding = pd.DataFrame(
        {"segment_id": [t01[0], t01[0], t01[1]], "coder": ["=cmd|' /C calc'!A0", "B", "B"], "code": ["policy_administration", "salary", "achievement"], "memo": ["-5 分", "", "@老师"]}
    )
    for suffix in (".csv", ".xlsx"):
        path = sv.save_coding(coding, tmp_path / f"coding{suffix}")
        back = sv.load_coding(path, codebook="herzberg16", segments=segments)
        pd.testing.assert_frame_equal(back, coding, check_dtype=False)
    raw = (tmp_path / "coding.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd" in raw and "'-5 分" in raw and "'@老师" in raw  # guarded in the file, exact after re-import
    from openpyxl import load_workbook

    cell = load_workbook(tmp_path / "coding.xlsx").active["B2"]
    assert cell.data_type == "s"


def test_bad_coding_files(tmp_path, segments):
    t01 = _ids(segments, "T01")
    p = tmp_path / "bad.csv"
    p.write_text(
        "segment_id,coder,code\n"
        f"{t01[0]},A,salary\n"
        f"{t01[0]},A,money\n"  # unknown code: line 3
        "T01#t2@1-5,A,salary\n"  # stale id of an existing turn: line 4
        "T09#t1@0-3,A,salary\n"  # no such segment: line 5
        f"{t01[1]},,salary\n",  # empty coder: line 6
        encoding="utf-8",
    )
    with pytest.raises(ResponseDataError) as err:
        sv.load_coding(p, codebook="herzberg16", segments=segments)
    text = str(err.value)
    assert "bad.csv line 3: unknown code 'money'" in text
    assert "bad.csv line 4" in text and "transcript changed since coding" in text
    assert "bad.csv line 5: segment 'T09#t1@0-3' does not exist" in text
    assert "bad.csv line 6: empty coder" in text
    q = tmp_path / "nocol.csv"
    q.write_text("seg,who,what\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ResponseDataError, match="lacks a 'segment_id' column"):
        sv.load_coding(q)
    d = tmp_path / "dup.csv"
    d.write_text(f"段落编号,编码员,代码\n{t01[0]},A,salary\n{t01[0]},A,salary\n", encoding="utf-8")
    with pytest.warns(SurveyWarning, match="duplicate"):
        assert len(sv.load_coding(d)) == 1


def test_proposals_are_marked_and_refused_until_confirmed(tmp_path, segments):
    props = sv.propose_codes(segments, "talent_services")
    table = props.table
    assert (table["status"] == "proposed").all()
    t01 = _ids(segments, "T01")
    got = set(table.loc[table["segment_id"] == t01[0], "code"])
    assert "p_poor_implementation" in got  # 跑了好几趟 / 材料太多 / 太慢
    assert "p_unclear_responsibilities" in set(table.loc[table["segment_id"] == t01[2], "code"])  # 找哪个部门 / 互相推
    t03 = _ids(segments, "T03")
    assert {"p_platform_level", "p_weak_sharing"} <= set(table.loc[table["segment_id"] == t03[0], "code"])
    assert "proposals for a human coder to confirm" in props.findings()[0]
    assert "非最终编码" in props.findings("zh")[0]
    sheet = props.template("A")
    path = sv.save_coding(sheet, tmp_path / "to_confirm.csv")
    with pytest.raises(ResponseDataError, match="not yet confirmed"):
        sv.load_coding(path)
    sheet["status"] = "confirmed"
    sv.save_coding(sheet, path)
    assert len(sv.load_coding(path, codebook="talent_services", segments=segments)) == len(sheet)


def test_proposals_herzberg_zh_en(segments):
    table = sv.propose_codes(segments, "herzberg16").table
    t01 = _ids(segments, "T01")
    second = set(table.loc[table["segment_id"] == t01[1], "code"])
    assert {"recognition", "achievement", "responsibility"} <= second  # 表彰/认可, 成就感, 自主权
    t03 = _ids(segments, "T03")
    assert {"advancement", "responsibility"} <= set(table.loc[table["segment_id"] == t03[1], "code"])
    # interviewer turns are not proposed by default
    assert not table["segment_id"].isin(segments.segments.loc[segments.segments["role"] == "interviewer", "segment_id"]).any()


def test_clause_prefilter_equals_whole_text_segmentation(segments):
    from survey.interviews.text_stats import jieba_tokenizer

    cb = sv.load_codebook("herzberg16")
    zh = {w: c.id for c in cb.codes for w in c.keywords.zh}
    tk = jieba_tokenizer(tuple(sorted({w for c in cb.codes for w in c.keywords.zh})))
    got = sv.propose_codes(segments, cb, role=None).table
    for sid, text in zip(segments.segments["segment_id"], segments.segments["text"]):
        naive = {zh[t] for t in tk.lcut(text, HMM=False) if t in zh}
        mine = set(got.loc[got["segment_id"] == sid, "code"])
        assert naive <= mine  # English keywords may add codes
