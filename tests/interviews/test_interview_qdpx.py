"""REFI-QDA exchange (.qdpx projects, .qdc codebooks).

The foreign projects below are built here, in the layout other programs write (see the notes in
docs/interviews.md on which programs' files the layouts follow): MAXQDA (upper-case GUIDs, codable
parent codes, ``internal://<GUID>.txt`` in ``sources/``), QualCoder (lower-case GUIDs, a ``Sources``
folder, UTF-8 with a byte-order mark, Windows line ends, a coding memo as the selection's
``Description``), a source with its text inline (``<PlainTextContent>``), and ATLAS.ti's count of
``\\r\\n`` as one character.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

import survey as sv
from survey.errors import ResponseDataError, SurveyWarning

from .conftest import EN_T03, ZH_T01

NS = "urn:QDA-XML:project:1.0"
U1, U2 = "5c94bc9e-db8c-4f1d-9cd6-e900c7440860", "F3EA8DA1-BB99-411F-8ED4-011170237B6C"
C_LIFE, C_HOUSING, C_SCHOOL = "C9E3D7E0-4DBF-46E2-96EF-14574ECD3B90", "c6c1be73-b4f4-4c2d-91f1-90b73bfc5c25", "E8B5FA57-E2EA-4588-BB48-9D0DE25A1BF1"
C_PROCESS, C_SLOW, C_RECOG = "5C7AE230-096A-4F7E-A632-3BE263BB9156", "088164C3-4BB6-4C84-8FCF-E550D479867D", "42969CC0-FED4-424B-BEBB-C4D3A833AA21"
NOTE = "0f758eeb-d61d-4e91-b250-79861c3869a6"
SRC_ZH, SRC_EN = "1C693BD8-FFE2-4398-AB33-0831971751F4", "eb84b1cd-7263-4ad1-82d3-b229b7ee734a"

CODEBOOK = f"""<CodeBook><Codes>
 <Code guid="{C_LIFE}" name="住房与生活" isCodable="true" color="#ef8256"><Description>个人生活方面的因素</Description>
  <Code guid="{C_HOUSING}" name="住房补贴" isCodable="true" color="#32BD59"/>
  <Code guid="{C_SCHOOL}" name="子女入学" isCodable="true" color="#ef8256"/>
 </Code>
 <Code guid="{C_PROCESS}" name="Process" isCodable="false">
  <Code guid="{C_SLOW}" name="Slow approval" isCodable="true" color="#3b82f6"><Description>Approval takes too long</Description></Code>
 </Code>
 <Code guid="{C_RECOG}" name="Recognition" isCodable="true"/>
</Codes></CodeBook>"""

# (source text, quoted substring, coder guid, code guids, memo): every selection the projects hold
SELECTIONS = [
    ("zh", "住房补贴申请太慢", U1, [C_HOUSING, C_SLOW], "申请流程"),
    ("zh", "住房补贴申请太慢，跑了好几趟", U2, [C_HOUSING], ""),
    ("zh", "很有成就感，单位也给了我更多的自主权。\r\n其实领导对我们挺认可的", U1, [C_RECOG], ""),
    ("zh", "孩子入学还是不知道找哪个部门", U2, [C_SCHOOL], ""),
    ("zh", "孩子入学", U1, [C_LIFE], ""),  # the codable parent code, used itself
    ("en", "submit the same documents again to three departments", U2, [C_SLOW], "three times"),
    ("en", "My promotion came through last year", U1, [C_RECOG], "note:promotion, not a new post"),  # memo as a linked Note
    # spans two turns (the interviewer's question and the answer)
    ("zh", "孩子上学的问题解决了吗？\r\n受访者A：孩子入学", U2, [C_SCHOOL], ""),
]


def _raw(kind: str) -> str:
    return ZH_T01.replace("\n", "\r\n") if kind == "zh" else EN_T03


def _selection_xml(kind: str, raw: str, *, crlf_as_one: bool = False, coders=(U1, U2), upper=False) -> str:
    counted = raw.replace("\r\n", "\n") if crlf_as_one else raw
    out = []
    for i, (k, quote, user, codes, memo) in enumerate(SELECTIONS):
        if k != kind or user not in coders:
            continue
        q = quote.replace("\r\n", "\n") if crlf_as_one else quote
        s = counted.index(q)
        guid = f"{i:08d}-aaaa-4bbb-8ccc-00000000000{i}"
        note = memo.startswith("note:")
        body = f"<Description>{memo}</Description>" if memo and not note else ""
        body += "".join(f'<Coding guid="{i:08d}-cccc-4ccc-8ccc-0000000000{j:02d}" creatingUser="{{{user}}}"><CodeRef targetGUID="{c.upper() if upper else c.lower()}"/></Coding>' for j, c in enumerate(codes))
        body += f'<NoteRef targetGUID="{NOTE}"/>' if note else ""
        out.append(f'<PlainTextSelection guid="{guid}" name="{quote[:10]}" startPosition="{s}" endPosition="{s + len(q)}" creatingUser="{user}" creationDateTime="2024-06-01T10:00:00Z">{body}</PlainTextSelection>')
    return "".join(out)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def foreign_project(path: Path, *, crlf_as_one: bool = False, coders=(U1, U2), upper=False, drop_source: bool = False, qde_prefix: str = "",
                    origin: str = "MAXQDA 24 (Release 24.7.0)") -> Path:
    """A project as another program writes it: GUIDs, codes nested, two users, a Chinese source as a
    file in ``Sources/`` (UTF-8 with BOM, Windows line ends), an English source inline, a PDF source."""
    zh, en = _raw("zh"), _raw("en")
    users = "".join(f'<User guid="{u}" name="{name}"/>' for u, name in ((U1, "李老师"), (U2, "coder_b")))
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?>\n{qde_prefix}<Project xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'name="人才访谈" origin="{origin}" modifiedDateTime="2025-07-14T18:42:34Z"><Users>{users}</Users>{CODEBOOK}<Sources>'
        f'<TextSource guid="{SRC_ZH}" name="T01" plainTextPath="internal://{SRC_ZH}.txt" creatingUser="{U2}">{_selection_xml("zh", zh, crlf_as_one=crlf_as_one, coders=coders, upper=upper)}</TextSource>'
        f'<TextSource guid="{SRC_EN}" name="T03"><PlainTextContent>{en}</PlainTextContent>{_selection_xml("en", en, crlf_as_one=crlf_as_one, coders=coders, upper=upper)}</TextSource>'
        f'<PDFSource guid="D0E5D04D-1288-4A85-A385-142EB46D612E" name="policy.pdf" path="internal://D0E5D04D-1288-4A85-A385-142EB46D612E.pdf"/>'
        f'</Sources><Notes><Note guid="{NOTE.upper()}" name="Annotation"><PlainTextContent>promotion, not a new post</PlainTextContent></Note></Notes></Project>'
    )
    members = {"project.qde": qde.encode("utf-8"), "Sources/D0E5D04D-1288-4A85-A385-142EB46D612E.pdf": b"%PDF-1.4"}
    if not drop_source:
        members[f"Sources/{SRC_ZH}.txt"] = b"\xef\xbb\xbf" + zh.encode("utf-8")
    return _zip(path, members)


def _read(path, **kw):
    with pytest.warns(SurveyWarning, match="non-text source"):
        return sv.read_qdpx(path, **kw)


def _expected(kind_names=None, coders=(U1, U2)) -> list[tuple[str, str, str]]:
    """(coder, code name, quoted text) of every coding, with line ends as the transcripts hold them."""
    names = {C_LIFE: "住房与生活", C_HOUSING: "住房补贴", C_SCHOOL: "子女入学", C_SLOW: "Slow approval", C_RECOG: "Recognition"}
    who = {U1: "李老师", U2: "coder_b"}
    return sorted((who[u], names[c], q.replace("\r\n", "\n")) for _, q, u, codes, _ in SELECTIONS if u in coders for c in codes)


def _found(project) -> list[tuple[str, str, str]]:
    cb = project.codebook
    sel = project.coding.drop_duplicates(["selection", "code"])
    return sorted((r.coder, cb.label(r.code, "zh" if cb.get(r.code).name.zh else "en"), r.text) for r in sel.itertuples())


# -- a project written by another program -------------------------------------------------------


def test_foreign_project_puts_every_coding_on_its_characters(tmp_path):
    project = _read(foreign_project(tmp_path / "maxqda.qdpx"))
    transcripts, codebook, coding = project  # unpacks
    assert project.origin.startswith("MAXQDA") and project.coders == ("李老师", "coder_b")
    assert project.findings() == ["The project written by MAXQDA 24 (Release 24.7.0) holds 2 transcripts, 5 codes and 8 coded selections by 2 coders."]
    assert project.findings("zh") == ["从MAXQDA 24 (Release 24.7.0)导出的项目读入访谈记录2份、编码5个、2位编码员的编码片段8个。"]
    assert [t.file for t in transcripts.transcripts] == ["T01.txt", "T03.txt"]
    # the Chinese source (file with BOM and \r\n) and the inline English one read as the originals
    assert transcripts.transcripts[0].text == ZH_T01 and transcripts.transcripts[1].text == EN_T03
    assert _found(project) == _expected()
    texts = {Path(t.file).stem: t.text for t in transcripts.transcripts}
    for r in coding.itertuples():
        assert texts[r.source][r.start : r.end] == r.text
    memo = coding.loc[coding["text"] == "住房补贴申请太慢", "memo"].unique().tolist()
    assert memo == ["申请流程"]  # the selection's Description
    assert coding.loc[coding["text"] == "My promotion came through last year", "memo"].tolist() == ["promotion, not a new post"]  # a linked Note
    # a selection over two turns is one row per turn, same characters
    span = coding.loc[coding["text"].str.startswith("孩子上学的问题")]
    assert span["segment_id"].tolist() == ["T01#t5@181-193", "T01#t6@199-222"]
    assert span["start"].nunique() == 1
    # every row is on the turn holding (part of) its characters
    seg = transcripts.segments.set_index("segment_id")
    for r in coding.itertuples():
        assert seg.at[r.segment_id, "start"] < r.end and seg.at[r.segment_id, "end"] > r.start


def test_foreign_code_tree_keeps_hierarchy_colours_and_descriptions(tmp_path):
    cb = _read(foreign_project(tmp_path / "p.qdpx")).codebook
    frame = cb.to_frame("zh")
    by_name = {cb.label(c, "zh"): c for c in cb.code_ids}
    assert set(by_name) == {"住房与生活", "住房补贴", "子女入学", "Slow approval", "Recognition"}
    themes = {t.name.get("en"): t for t in cb.themes}
    assert set(themes) == {"住房与生活", "Process"}
    assert themes["住房与生活"].color == "#ef8256" and themes["住房与生活"].definition.zh == "个人生活方面的因素"
    assert frame.at[by_name["住房补贴"], "theme"] == themes["住房与生活"].id
    assert frame.at[by_name["Slow approval"], "theme"] == themes["Process"].id
    assert cb.get(by_name["住房补贴"]).color == "#32BD59"
    assert cb.get(by_name["Slow approval"]).definition.en == "Approval takes too long"
    assert cb.get(by_name["住房与生活"]).id.endswith(".self")  # the codable parent, coded itself
    assert cb.get(by_name["Recognition"]).theme is None


def test_atlas_counts_crlf_as_one(tmp_path):
    atlas = foreign_project(tmp_path / "atlas.qdpx", crlf_as_one=True, origin="ATLAS.ti 23.2.1")
    assert _found(_read(atlas)) == _expected()  # known from its origin
    # read as stored, the same positions land on other characters: the quote check shows it
    assert _found(_read(atlas, crlf_as_one=False)) != _expected()
    # a project from elsewhere that counts so is read so on request
    other = foreign_project(tmp_path / "other.qdpx", crlf_as_one=True, origin="Some QDA 1.0")
    assert _found(_read(other, crlf_as_one=True)) == _expected()


def test_agreement_of_two_coders_from_two_programs(tmp_path):
    """Coder A's project as QualCoder writes it (lower-case GUIDs), coder B's as MAXQDA (upper-case);
    the same transcripts give the same segment ids, so their codings meet on the same units."""
    a = _read(foreign_project(tmp_path / "qualcoder.qdpx", coders=(U1,)))
    b = _read(foreign_project(tmp_path / "maxqda.qdpx", coders=(U2,), upper=True))
    assert a.transcripts.segments.equals(b.transcripts.segments)
    assert a.codebook == b.codebook
    both = pd.concat([a.coding, b.coding], ignore_index=True)
    result = sv.agreement(both, n_boot=0)
    # the same decisions written by hand on the speaker turns
    cid = {a.codebook.label(c, "zh" if a.codebook.get(c).name.zh else "en"): c for c in a.codebook.code_ids}
    hand = pd.DataFrame(
        [("T01#t2@70-102", "李老师", "住房补贴"), ("T01#t2@70-102", "李老师", "Slow approval"), ("T01#t2@70-102", "coder_b", "住房补贴"),
         ("T01#t4@126-176", "李老师", "Recognition"), ("T01#t6@199-222", "coder_b", "子女入学"), ("T01#t6@199-222", "李老师", "住房与生活"),
         ("T01#t5@181-193", "coder_b", "子女入学"), ("T03#t2@93-208", "coder_b", "Slow approval"), ("T03#t4@265-346", "李老师", "Recognition")],
        columns=["segment_id", "coder", "code"],
    )
    hand["code"] = hand["code"].map(cid)
    expected = sv.agreement(hand, n_boot=0)
    assert result.table.loc["overall", "alpha"] == pytest.approx(expected.table.loc["overall", "alpha"], abs=1e-12)
    assert result.table.loc["overall", "n_units"] == expected.table.loc["overall", "n_units"]
    assert result.coders == ("coder_b", "李老师")


# -- our own round trip -------------------------------------------------------------------------

OWN_CODEBOOK = {
    "id": "talent",
    "name": {"zh": "人才服务", "en": "Talent services"},
    "themes": [
        {"id": "problems", "name": {"zh": "问题", "en": "Problems"}, "color": "#E53935"},
        {"id": "process", "name": {"zh": "流程", "en": "Process"}, "parent": "problems", "color": "#FB8C00"},
    ],
    "codes": [
        {"id": "slow_approval", "name": {"zh": "审批慢", "en": "Slow approval"}, "theme": "process", "color": "#3B82F6",
         "definition": {"en": "Approval takes too long"}},
        {"id": "school", "name": {"zh": "子女入学", "en": "Schooling"}, "theme": "problems"},
        {"id": "recognition", "name": {"zh": "认可", "en": "Recognition"}, "color": "#0F0"},
    ],
}


@pytest.fixture()
def own(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "T01.txt").write_text(ZH_T01, encoding="utf-8")
    (folder / "T03.md").write_text(EN_T03, encoding="utf-8")
    ts = sv.load_transcripts(folder, interviewees={"T01": "P01"})
    coding = pd.DataFrame(
        [("T01#t2@70-102", "A", "slow_approval", "太慢"), ("T01#t2@70-102", "B", "slow_approval", ""), ("T01#t4@126-176", "A", "recognition", ""),
         ("T01#t6@199-222", "A", "school", ""), ("T01#t6@199-222", "B", "school", ""), ("T03#t2@93-208", "B", "slow_approval", ""),
         ("T03#t4@265-346", "A", "recognition", "promotion")],
        columns=["segment_id", "coder", "code", "memo"],
    )
    return ts, sv.load_codebook(OWN_CODEBOOK), coding


def test_round_trip_is_lossless(tmp_path, own):
    ts, cb, coding = own
    path = sv.write_qdpx(tmp_path / "own.qdpx", ts, coding=coding, codebook=cb)
    back = sv.read_qdpx(path)
    assert [t.text for t in back.transcripts.transcripts] == [t.text for t in ts.transcripts]
    assert [t.interviewee for t in back.transcripts.transcripts] == ["P01", "T03"]
    pd.testing.assert_frame_equal(back.transcripts.segments, ts.segments)
    assert back.codebook == cb
    got = back.coding[["segment_id", "coder", "code", "memo"]].sort_values(["segment_id", "coder", "code"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, coding.sort_values(["segment_id", "coder", "code"]).reset_index(drop=True))
    # every selection covers exactly its turn
    seg = ts.segments.set_index("segment_id")
    assert (back.coding["text"].to_numpy() == seg.loc[back.coding["segment_id"], "text"].to_numpy()).all()
    # agreement is the same on the exported and re-imported coding
    a, b = sv.agreement(coding, n_boot=0), sv.agreement(back.coding, n_boot=0)
    pd.testing.assert_frame_equal(a.table.sort_index(), b.table.sort_index())
    # the same input gives the same bytes; writing the re-imported project again too
    again = sv.write_qdpx(tmp_path / "again.qdpx", back.transcripts, coding=back.coding, codebook=back.codebook)
    assert again.read_bytes() == path.read_bytes()


def test_round_trip_through_the_code_tree_alone(tmp_path, own):
    """Another program keeps project.qde and the sources but not our side file: names, colours,
    hierarchy and codings come back from the REFI-QDA code tree."""
    ts, cb, coding = own
    path = sv.write_qdpx(tmp_path / "own.qdpx", ts, coding=coding, codebook=cb)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist() if not n.startswith("survey/")}
    stripped = _zip(tmp_path / "stripped.qdpx", members)
    back = sv.read_qdpx(stripped)
    tree = back.codebook
    assert [tree.label(c) for c in tree.code_ids] == ["Slow approval", "Schooling", "Recognition"]
    assert [(t.name.get("en"), t.color) for t in tree.themes] == [("Problems", "#E53935"), ("Process", "#FB8C00")]
    assert tree.themes[1].parent == tree.themes[0].id
    assert [tree.get(c).color for c in tree.code_ids] == ["#3B82F6", None, "#0F0"]
    named = back.coding.assign(code=back.coding["code"].map(lambda c: tree.label(c)))
    expected = coding.assign(code=coding["code"].map(lambda c: cb.label(c)))
    key = ["segment_id", "coder", "code"]
    assert sorted(map(tuple, named[key].to_numpy())) == sorted(map(tuple, expected[key].to_numpy()))
    # with our codebook passed, the codes map back to its ids by our GUIDs
    again = sv.read_qdpx(stripped, codebook=cb)
    assert sorted(map(tuple, again.coding[key].to_numpy())) == sorted(map(tuple, coding[key].to_numpy()))


def test_selection_ranges_survive_a_round_trip(tmp_path):
    project = _read(foreign_project(tmp_path / "f.qdpx"))
    out = sv.write_qdpx(tmp_path / "out.qdpx", project.transcripts, coding=project.coding, codebook=project.codebook)
    back = sv.read_qdpx(out)
    assert _found(back) == _found(project)
    assert back.codebook == project.codebook


def test_qdc_codebook_round_trip(tmp_path):
    cb = sv.load_codebook(OWN_CODEBOOK)
    path = sv.write_qdc(tmp_path / "talent.qdc", cb, lang="zh")
    back = sv.read_qdc(path)
    assert [back.label(c, "zh") for c in back.code_ids] == ["审批慢", "子女入学", "认可"]
    assert [t.color for t in back.themes] == ["#E53935", "#FB8C00"] and back.themes[1].parent == back.themes[0].id
    # a codebook as another program writes it
    foreign = tmp_path / "foreign.qdc"
    foreign.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo 14">{CODEBOOK[10:]}', encoding="utf-8")
    cb2 = sv.read_qdc(foreign)
    assert {cb2.label(c, "zh") for c in cb2.code_ids} == {"住房与生活", "住房补贴", "子女入学", "Slow approval", "Recognition"}


# -- bad input ---------------------------------------------------------------------------------


def test_missing_source_file_is_named(tmp_path):
    with pytest.raises(ResponseDataError, match=rf"source 'T01'.*{SRC_ZH}\.txt.*missing"):
        _read(foreign_project(tmp_path / "p.qdpx", drop_source=True))


def test_selection_out_of_range_is_named(tmp_path):
    path = foreign_project(tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["project.qde"] = members["project.qde"].replace(b'startPosition="', b'startPosition="9', 1).replace(b'endPosition="', b'endPosition="99', 1)
    with pytest.raises(ResponseDataError, match="cannot be placed") as err:
        _read(_zip(tmp_path / "bad.qdpx", members))
    assert "outside the text" in err.value.problems[0].what


def test_dtd_is_refused(tmp_path):
    bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n'
    with pytest.raises(ResponseDataError, match="DTD or entities"):
        sv.read_qdpx(foreign_project(tmp_path / "p.qdpx", qde_prefix=bomb))
    qdc = tmp_path / "bomb.qdc"
    qdc.write_text(f'<?xml version="1.0"?>\n{bomb}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', encoding="utf-8")
    with pytest.raises(ResponseDataError, match="DTD or entities"):
        sv.read_qdc(qdc)


def test_other_bad_archives(tmp_path):
    not_zip = tmp_path / "x.qdpx"
    not_zip.write_bytes(b"not a zip")
    with pytest.raises(ResponseDataError, match="not a zip archive"):
        sv.read_qdpx(not_zip)
    with pytest.raises(ResponseDataError, match="no project.qde"):
        sv.read_qdpx(_zip(tmp_path / "empty.qdpx", {"sources/a.txt": b"x"}))
    with pytest.raises(ResponseDataError, match="not a REFI-QDA Project"):
        sv.read_qdpx(_zip(tmp_path / "other.qdpx", {"project.qde": b"<Project/>"}))
    big = _zip(tmp_path / "big.qdpx", {"project.qde": b"<Project/>", "sources/big.txt": b"0" * 2_000_000})
    with pytest.raises(ResponseDataError, match="above the cap"):
        sv.read_qdpx(big, max_bytes=1_000_000)


def test_write_refuses_unknown_segments_and_codes(tmp_path, own):
    ts, cb, coding = own
    with pytest.raises(ResponseDataError, match="not in codebook"):
        sv.write_qdpx(tmp_path / "x.qdpx", ts, coding=coding.assign(code="nope"), codebook=cb)
    with pytest.raises(ResponseDataError, match="cannot be written") as err:
        sv.write_qdpx(tmp_path / "x.qdpx", ts, coding=coding.assign(segment_id="T09#t1@0-5"), codebook=cb)
    assert "T09#t1@0-5" in err.value.problems[0].what
    assert not (tmp_path / "x.qdpx").exists()


def test_positions_count_code_points_not_bytes_or_utf16_units(tmp_path):
    """A character outside the Basic Multilingual Plane (𠮷, two UTF-16 units, four UTF-8 bytes) before
    the selection: code-point positions put it on the right characters."""
    text = "访谈者：您贵姓？\n受访者：我姓𠮷，住房补贴申请太慢。\n"
    quote = "住房补贴申请太慢"
    s = text.index(quote)
    assert len(text[:s].encode("utf-8")) != s and len(text[:s].encode("utf-16-le")) // 2 == s + 1
    qde = (f'<Project xmlns="{NS}"><Users><User guid="{U1}" name="A"/></Users>{CODEBOOK}<Sources>'
           f'<TextSource guid="{SRC_EN}" name="P9"><PlainTextContent>{text}</PlainTextContent>'
           f'<PlainTextSelection guid="{SRC_ZH}" startPosition="{s}" endPosition="{s + len(quote)}" creatingUser="{U1}">'
           f'<Coding guid="{C_SLOW}" creatingUser="{U1}"><CodeRef targetGUID="{C_HOUSING}"/></Coding></PlainTextSelection></TextSource></Sources></Project>')
    project = sv.read_qdpx(_zip(tmp_path / "p.qdpx", {"project.qde": qde.encode("utf-8")}))
    assert project.coding["text"].tolist() == [quote]
    assert project.coding["segment_id"].tolist() == ["P9#t2@13-26"]
    # the imported coding passes the ordinary checks against its transcripts and codebook
    checked = sv.load_coding(project.coding, segments=project.transcripts, codebook=project.codebook)
    assert checked["code"].map(project.codebook.label).tolist() == ["住房补贴"]


def test_source_without_speaker_labels_and_odd_colours(tmp_path):
    text = "第一段：背景介绍。\n\n住房补贴申请太慢。\nThe platform is hard to use.\n"
    quote = "住房补贴申请太慢"
    s = text.index(quote)
    codes = f'<CodeBook><Codes><Code guid="{C_HOUSING}" name="住房补贴" isCodable="true" color="#FF32BD59"/></Codes></CodeBook>'
    qde = (f'<Project xmlns="{NS}" name="x">{codes}<Sources><TextSource guid="{SRC_EN}" name="notes"><PlainTextContent>{text}</PlainTextContent>'
           f'<PlainTextSelection guid="{SRC_ZH}" startPosition="{s}" endPosition="{s + len(quote)}" creatingUser="{U1}">'
           f'<Coding guid="{C_SLOW}"><CodeRef targetGUID="{C_HOUSING}"/></Coding></PlainTextSelection></TextSource></Sources></Project>')
    with pytest.warns(SurveyWarning) as caught:
        project = sv.read_qdpx(_zip(tmp_path / "p.qdpx", {"project.qde": qde.encode("utf-8")}))
    said = " ".join(str(w.message) for w in caught)
    assert "no speaker labels" in said and "#FF32BD59" in said and "name no user" not in said
    assert project.transcripts.segments["text"].tolist() == ["第一段：背景介绍。", "住房补贴申请太慢。", "The platform is hard to use."]
    assert project.coding[["segment_id", "text", "coder"]].to_numpy().tolist() == [["notes#t2@11-20", quote, U1.upper()]]
    assert project.codebook.codes[0].color is None
