"""RELIABILITY.md bad-input rows that concern loading."""

from __future__ import annotations

import hashlib
import zipfile

import numpy as np
import pandas as pd
import pytest

from survey.errors import ResponseDataError, SurveyWarning
from survey.io import load_responses
from survey.schema import questionnaire_from_dict

LABELS = {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}
Q = questionnaire_from_dict(
    {
        "id": "bad",
        "title": "bad input",
        "id_column": "id",
        "scales": {"sat": {"labels": LABELS, "missing": {9: "未回答", -3: "跳过"}}},
        "items": [
            {"id": "q1", "text": "满意度一", "scale": "sat"},
            {"id": "q2", "text": "满意度二", "scale": "sat"},
            {"id": "age", "type": "numeric", "min": 18, "max": 80, "text": "年龄"},
            {"id": "note", "type": "text", "text": "备注"},
        ],
    }
)
GOOD = "id,q1,q2,age,note\n00123,5,4,30,NA\n00124,3,3,41,None\n00125,1,2,55,\n"


def write(tmp_path, text: str, name: str = "data.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings_load_identically(tmp_path, encoding):
    text = GOOD.replace("NA", "非常好")
    reference = load_responses(write(tmp_path, text, "ref.csv"), Q)
    r = load_responses(write(tmp_path, text, encoding=encoding), Q)
    pd.testing.assert_frame_equal(r.data, reference.data)
    assert r.source.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    assert r.data.loc["00123", "note"] == "非常好"


def test_utf8_bytes_are_never_decoded_as_gbk_mojibake(tmp_path):
    path = write(tmp_path, "id,q1\n1,非常满意\n2,满意\n")
    r = load_responses(path, questionnaire_from_dict({"id": "m", "title": "m", "scales": {"s": {"labels": LABELS}}, "items": [{"id": "q1", "text": "q", "scale": "s"}]}))
    assert r.source.encoding == "utf-8" and r.data["q1"].tolist() == [5.0, 4.0]
    plain = load_responses(path)
    assert plain.data["q1"].tolist() == ["非常满意", "满意"]  # not "闈炲父婊℃剰"


def test_undecodable_file_is_an_error_not_latin1(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,q1\n1,\xff\xfe\xff\n")
    with pytest.raises(ResponseDataError, match="cannot decode"):
        load_responses(path)


def test_utf8_file_with_late_gbk_bytes_falls_back_to_gb18030(tmp_path):
    rows = "".join(f"{i},3,3,30,ok\n" for i in range(60_000))  # > 1 MiB of ASCII, then GBK
    path = tmp_path / "late.csv"
    path.write_bytes(("id,q1,q2,age,note\n" + rows + "x1,4,4,33,很好\n").encode("gbk"))
    r = load_responses(path, Q)
    assert r.source.encoding == "gb18030" and r.data.loc["x1", "note"] == "很好"


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_other_delimiters(tmp_path, sep):
    r = load_responses(write(tmp_path, GOOD.replace(",", sep)), Q)
    reference = load_responses(write(tmp_path, GOOD, "ref.csv"), Q)
    pd.testing.assert_frame_equal(r.data, reference.data)
    assert r.data.shape == (3, 4)


def test_comma_inside_quotes_and_semicolon_file(tmp_path):
    text = 'id;q1;note\n1;5;"a;b, c"\n2;4;"line\nbreak"\n'
    r = load_responses(write(tmp_path, text))
    assert r.data["note"].tolist() == ["a;b, c", "line\nbreak"]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("id,q1,q2,age,note\n1,5,4,30,x\n2,3,3\n3,1,2,55,y\n", ["line 3"]),
        ("id,q1,q2,age,note\n1,5,4,30,x,extra\n2,3,3,41,y\n", ["line 2"]),
        ("id,q1,q2,age,note\n1,5,4,30,x\n2,3,3,41\n3,1,2,55,y,z\n", ["line 3", "line 4"]),  # a short and a long row
        ('id,q1,q2,age,note\n1,5,4,30,"multi\nline"\n2,3,3\n', ["line 4"]),
    ],
)
def test_ragged_rows_are_an_error_naming_the_line(tmp_path, text, lines):
    with pytest.raises(ResponseDataError) as info:
        load_responses(write(tmp_path, text), Q)
    assert [p.where for p in info.value.problems] == lines
    assert "fields" in str(info.value)


def test_duplicated_column_names_are_kept_by_position_and_named(tmp_path):
    with pytest.warns(SurveyWarning, match=r"'q1'.*columns 2 and 3") as caught:
        r = load_responses(write(tmp_path, "id,q1,q1 ,q2\n1,5,4,3\n"))
    assert "'q1 (column 2)'" in str(caught[0].message) and "'q1 (column 3)'" in str(caught[0].message)
    assert list(r.data.columns) == ["q1 (column 2)", "q1 (column 3)", "q2"]
    assert r.data.iloc[0].tolist() == [5.0, 4.0, 3.0]


def test_duplicated_id_column_is_an_error(tmp_path):
    with pytest.raises(ResponseDataError, match="respondent id") as info, pytest.warns(SurveyWarning, match="'id'"):
        load_responses(write(tmp_path, "id,q1,id,q2\n1,5,2,3\n"), Q)
    assert info.value.problems[0].where.endswith("columns [1, 3]")


def test_two_columns_matching_one_item_are_an_error(tmp_path):
    with pytest.raises(ResponseDataError, match="more than one column"):
        load_responses(write(tmp_path, "id,q1,满意度一,q2,age,note\n1,5,4,3,30,x\n"), Q)


def test_duplicated_respondent_ids_load(tmp_path):
    r = load_responses(write(tmp_path, GOOD + "00123,2,2,20,x\n"), Q)
    assert r.data.index.tolist().count("00123") == 2  # flagged by the quality report, not here


def test_codes_outside_the_scale_list_every_cell(tmp_path):
    text = "id,q1,q2,age,note\n00123,0,4,30,x\n00124,6,3,41,x\n00125,3,99,120,x\n00126,不知道,3,,x\n"
    with pytest.raises(ResponseDataError) as info:
        load_responses(write(tmp_path, text), Q)
    cells = [(p.where, p.what) for p in info.value.problems]
    assert cells == [
        ("line 2 (respondent '00123'), column 'q1'", "value '0': code not in the scale"),
        ("line 3 (respondent '00124'), column 'q1'", "value '6': code not in the scale"),
        ("line 5 (respondent '00126'), column 'q1'", "value '不知道': unknown label"),
        ("line 4 (respondent '00125'), column 'q2'", "value '99': code not in the scale"),
        ("line 4 (respondent '00125'), column 'age'", "value '120': outside [18, 80]"),
    ]
    assert "codes [1, 2, 3, 4, 5]" in info.value.problems[0].expected and "missing codes [-3, 9]" in info.value.problems[0].expected


def test_flag_mode_sets_cells_missing_and_lists_them(tmp_path):
    text = "id,q1,q2,age,note\n00123,0,4,30,x\n00124,6,3,41,x\n00125,3,99,120,x\n00126,不知道,3,,x\n"
    r = load_responses(write(tmp_path, text), Q, on_invalid="flag")
    assert r.data["q1"].isna().tolist() == [True, True, False, True]
    assert r.data["q2"].isna().tolist() == [False, False, True, False] and np.isnan(r.data.loc["00125", "age"])
    assert len(r.invalid) == 5
    assert set(r.invalid[["row", "column", "value"]].itertuples(index=False, name=None)) == {
        ("00123", "q1", "0"),
        ("00124", "q1", "6"),
        ("00126", "q1", "不知道"),
        ("00125", "q2", "99"),
        ("00125", "age", "120"),
    }
    entry = [e for e in r.ledger if e.step == "invalid_cells"]
    assert entry and entry[0].n == 5 and set(entry[0].respondents) == {"00123", "00124", "00125", "00126"}
    assert r.quality.invalid is r.invalid or len(r.quality.invalid) == 5


def test_declared_missing_codes_are_counted(tmp_path):
    text = "id,q1,q2,age,note\n1,9,4,30,x\n2,9,-3,41,x\n3,未回答,跳过,55,x\n4,5,5,60,x\n"
    r = load_responses(write(tmp_path, text), Q)
    assert r.data["q1"].isna().tolist() == [True, True, True, False]
    assert r.data["q2"].isna().tolist() == [False, True, True, False]
    counted = {(row.column, row.code): row.count for row in r.declared_missing.itertuples()}
    assert counted == {("q1", 9): 3, ("q2", -3): 2}
    entry = [e for e in r.ledger if e.step == "missing_codes"][0]
    assert entry.n == 5 and "q1: 9×3" in entry.detail


@pytest.mark.parametrize("variant", ["非常满意", " 非常满意 ", "　非常满意　", "非常满意\u3000", "5", " 5", "５", "5.0", "very satisfied"])
def test_label_variants_map_to_the_same_code(tmp_path, variant):
    q = questionnaire_from_dict(
        {"id": "v", "title": "v", "scales": {"s": {"labels": {k: {"zh": v, "en": e} for (k, v), e in zip(LABELS.items(), ["very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"])}}}, "items": [{"id": "q1", "text": "q", "scale": "s"}]}
    )
    r = load_responses(write(tmp_path, f"id,q1\n1,{variant}\n2,满意\n", encoding="gbk"), q)
    assert r.data["q1"].tolist() == [5.0, 4.0]


def test_strings_are_kept_byte_exact(tmp_path):
    text = "id,phone,idcard,answer,code\n00123,13800138000,110101199003071234,NA,007\n00124,+86 139 0000 0000,11010119900307123X,None,1\n00125,,,null,2\n"
    path = write(tmp_path, text, encoding="gbk")
    r = load_responses(path)
    assert r.data.index.tolist() == ["00123", "00124", "00125"]
    assert r.data["phone"].tolist()[:2] == ["13800138000", "+86 139 0000 0000"]
    assert r.data["idcard"].tolist()[:2] == ["110101199003071234", "11010119900307123X"]
    assert r.data["answer"].tolist() == ["NA", "None", "null"]
    assert r.data["code"].tolist() == ["007", "1", "2"]  # a leading zero keeps the column text
    assert "phone" in r.personal


def test_numeric_looking_columns_without_leading_zeros_become_numbers(tmp_path):
    r = load_responses(write(tmp_path, "id,a,b,c\n1,1,0.5,x\n2,,-2,\n"))
    assert r.data["a"].dtype == np.float64 and np.isnan(r.data["a"].iloc[1])
    assert r.data["b"].tolist() == [0.5, -2.0]
    assert r.data.index.tolist() == ["1", "2"]


def test_no_id_column_gives_row_numbers(tmp_path):
    r = load_responses(write(tmp_path, "q1,q2\n5,4\n\n,\n3,3\n"))
    assert r.data.index.tolist() == [1, 3]  # the blank line is not a row; the empty row is skipped
    assert r.source.rows_read == 2


def test_empty_rows_and_unknown_columns_change_nothing(tmp_path):
    reference = load_responses(write(tmp_path, GOOD, "ref.csv"), Q)
    text = "id,q1,q2,age,note,extra\n" + "".join(line + ",?\n" for line in GOOD.splitlines()[1:]) + ",,,,,\n"
    with pytest.warns(SurveyWarning, match="extra"):
        r = load_responses(write(tmp_path, text), Q)
    pd.testing.assert_frame_equal(r.data, reference.data)
    assert r.source.unmatched_columns == ("extra",) and r.meta["extra"].tolist() == ["?"] * 3


def test_items_without_a_column_are_warned_about(tmp_path):
    with pytest.warns(SurveyWarning, match="no column"):
        r = load_responses(write(tmp_path, "id,q1\n1,5\n"), Q)
    assert r.data["q2"].isna().all() and list(r.data.columns) == ["q1", "q2", "age", "note"]


def test_input_file_is_not_modified(tmp_path):
    path = write(tmp_path, GOOD, encoding="gbk")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    r = load_responses(path, Q)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before == r.source.sha256


def test_xlsx_zip_bomb_is_rejected(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (30 << 20) + b"/>")  # 30 MiB -> ~30 KiB
    with pytest.raises(ResponseDataError, match="compressed"):
        load_responses(path)


def test_xlsx_billion_laughs_is_rejected(tmp_path):
    path = tmp_path / "laughs.xlsx"
    xml = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><worksheet>&lol2;</worksheet>'
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", xml)
    with pytest.raises(ResponseDataError, match="DTD"):
        load_responses(path)


def test_bad_arguments(tmp_path):
    path = write(tmp_path, GOOD)
    with pytest.raises(ResponseDataError, match="unknown format"):
        load_responses(path, format="json")
    with pytest.raises(ResponseDataError, match="on_invalid"):
        load_responses(path, on_invalid="ignore")
    with pytest.raises(ResponseDataError, match="no id column"):
        load_responses(path, id_column="uid")
    with pytest.raises(ResponseDataError, match="no file"):
        load_responses(tmp_path / "missing.csv")
    with pytest.raises(ResponseDataError, match="empty"):
        load_responses(write(tmp_path, "", "empty.csv"))


def test_labels_late_in_a_large_numeric_column(tmp_path):
    # pandas parses large files in chunks: the first chunks of q1 are numbers, the last has a label
    rows = "".join(f"{i},{i % 5 + 1},3,30,x\n" for i in range(150_000))
    path = write(tmp_path, "id,q1,q2,age,note\n" + rows + "last,满意,3,30,x\nbad,7,3,30,x\n")
    with pytest.raises(ResponseDataError) as info:
        load_responses(path, Q)
    assert [p.where for p in info.value.problems] == ["line 150003 (respondent 'bad'), column 'q1'"]
    r = load_responses(path, Q, on_invalid="flag")
    assert r.data.loc["last", "q1"] == 4.0 and np.isnan(r.data.loc["bad", "q1"])
    assert r.invalid[["row", "column", "value"]].values.tolist() == [["bad", "q1", "7"]]
    assert r.data["q1"].iloc[:5].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]


def test_xlsx_dtd_behind_a_long_comment_is_rejected(tmp_path):
    """The DTD check reads the whole part, not only its first kilobytes."""
    path = tmp_path / "late_dtd.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<!--" + "x" * 10_000 + '--><!DOCTYPE lolz [<!ENTITY lol "lol">]><workbook/>')
    with pytest.raises(ResponseDataError, match="declares a DTD"):
        load_responses(path)
