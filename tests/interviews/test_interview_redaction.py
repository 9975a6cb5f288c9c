from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import survey as sv
from survey.interviews.redaction import id_check_digit, is_valid_resident_id

KEY = "a-test-key-never-in-output-9f3b"


def _valid_id(digits17: str) -> str:
    return digits17 + id_check_digit(digits17)


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) - 0x30 + 0xFF10) if c.isdigit() else c for c in s)


phone_core = st.builds(lambda a, rest: "1" + a + rest, st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9))


@st.composite
def phone(draw):
    core = draw(phone_core)
    style = draw(st.sampled_from(["plain", "spaced", "hyphen", "digits", "fullwidth", "plus86"]))
    if style == "spaced":
        s = f"{core[:3]} {core[3:7]} {core[7:]}"
    elif style == "hyphen":
        s = f"{core[:3]}-{core[3:7]}-{core[7:]}"
    elif style == "digits":
        s = " ".join(core)
    elif style == "fullwidth":
        s = _fullwidth(core)
    elif style == "plus86":
        s = "+86 " + core
    else:
        s = core
    return core, s


resident_id = st.builds(lambda region, date, seq: _valid_id(region + date + seq),
                        st.sampled_from(["110105", "310104", "440305", "510107"]),
                        st.dates().map(lambda d: f"{d.year:04d}{d.month:02d}{d.day:02d}"),
                        st.text("0123456789", min_size=3, max_size=3))
email = st.builds(lambda u, d, t: f"{u}@{d}.{t}", st.from_regex(r"[a-z0-9][a-z0-9._+\-]{0,12}", fullmatch=True),
                  st.from_regex(r"[a-z0-9]([a-z0-9\-]{0,8}[a-z0-9])?", fullmatch=True), st.sampled_from(["com", "cn", "edu.cn", "org"]))
name = st.sampled_from(["张伟", "王芳", "李娜", "刘洋", "欧阳明", "Zhang Wei"])
filler = st.sampled_from(["我觉得住房补贴太慢了，", "他说：", "电话是", "，邮箱", "。后来", " and then ", "身份证号", "（", "）", "\n"])


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(phone(), resident_id, email, name, filler), min_size=1, max_size=12))
def test_redaction_complete_and_idempotent(parts):
    names = ["张伟", "王芳", "李娜", "刘洋", "欧阳明", "Zhang Wei"]
    text, secrets = "", []
    for p in parts:
        if isinstance(p, tuple):
            core, shown = p
            text += shown
            secrets += [core, shown]
        else:
            text += p
            if p not in ("我觉得住房补贴太慢了，", "他说：", "电话是", "，邮箱", "。后来", " and then ", "身份证号", "（", "）", "\n"):
                secrets.append(p)
        text += "。"  # separate items as punctuation would
    out = sv.redact(text, names=names, key=KEY)
    for s in secrets:
        assert s not in out, (s, out)
    assert sv.redact(out, names=names, key=KEY) == out
    assert KEY not in out and KEY not in out.mapping.to_csv()


def test_same_person_same_pseudonym_across_files():
    r = sv.Redactor(key=KEY, names={"张伟": ["张伟", "张老师", "Zhang Wei"]})
    a = r.redact("张伟：我的电话是13812345678。")
    b = r.redact("第二次访谈。Zhang Wei and 张老师 said the same; call 138-1234-5678.")
    token = a.split("：")[0]
    assert token.startswith("[PERSON:") and b.count(token) == 2
    assert a.split("是")[1][:-1] == b.split("call ")[1][:-1]  # same phone, different formatting
    # another Redactor with the same key agrees; with another key it does not
    assert sv.redact("张伟", names=["张伟"], key=KEY) == token
    assert sv.redact("张伟", names=["张伟"], key=KEY + "x") != token
    assert KEY not in repr(r) and set(r.mapping["kind"]) == {"PERSON", "PHONE"}


def test_resident_ids_valid_and_unchecked():
    valid = "11010519491231002X"
    assert is_valid_resident_id(valid) and not is_valid_resident_id("110105194912310021")
    out = sv.redact(f"证件号{valid}，另一个110105194912310021，还有１１０１０５１９４９１２３１００２Ｘ。", key=KEY)
    assert out.count("[IDNUM:") == 2 and out.count("[IDNUM-UNCHECKED:") == 1
    assert out.split("证件号")[1][:16] == out.split("还有")[1][:16]  # full-width form -> same pseudonym
    kinds = out.mapping.set_index("original")["kind"].to_dict()
    assert kinds[valid] == "IDNUM" and kinds["110105194912310021"] == "IDNUM-UNCHECKED"
    # 17 or 19 digits are not resident IDs (left for the phone/other rules)
    assert "1101051949123100" in sv.redact("编号1101051949123100。", key=KEY)


def test_forms_of_address_addresses_employers():
    text = "王主任和小李说每周总结一次，刘总同意了，任何老师都可以。Dr. Smith agreed. 我住在人民路12号3栋402室，在星海科技有限公司上班。小时候用老方法。"
    out = sv.redact(text, key=KEY, employers=["星海科技有限公司"])
    for s in ("王主任", "小李", "刘总", "Smith", "人民路12号", "星海科技"):
        assert s not in out
    for s in ("每周总结", "任何老师", "小时候", "老方法"):
        assert s in out
    assert "[EMPLOYER:" in out and "[ADDRESS:" in out


def test_key_never_in_outputs_and_scan(tmp_path):
    r = sv.Redactor(key=KEY, names=["张伟"])
    seeded = ["张伟", "13912345678", "zw@example.com", "11010519491231002X"]
    text = "张伟，电话13912345678，邮箱zw@example.com，身份证11010519491231002X。"
    clean = r.redact(text)
    (tmp_path / "report.md").write_text(clean, encoding="utf-8")
    import docx

    d = docx.Document()
    d.add_paragraph(clean)
    d.save(str(tmp_path / "report.docx"))
    r.redact_segments(__import__("pandas").DataFrame({"text": [text]})).to_csv(tmp_path / "segments.csv")
    assert sv.scan_for_identifiers(tmp_path, seeded + [KEY]).empty
    (tmp_path / "leak.txt").write_text("oops 张伟", encoding="gb18030")
    hits = sv.scan_for_identifiers(tmp_path, seeded)
    assert hits["identifier"].tolist() == ["张伟"]
    import pickle

    assert pickle.loads(pickle.dumps(clean)) == str(clean)


def test_no_key_warns_and_bad_key():
    with pytest.warns(sv.SurveyWarning, match="random key"):
        a = sv.redact("张伟", names=["张伟"])
    with pytest.warns(sv.SurveyWarning):
        assert sv.redact("张伟", names=["张伟"]) == a  # stable within the session
    with pytest.raises(sv.SurveyError, match="at least 8"):
        sv.redact("x", key="short")
    with pytest.raises(sv.SurveyError, match="not one string"):
        sv.redact("x", names="张伟", key=KEY)
