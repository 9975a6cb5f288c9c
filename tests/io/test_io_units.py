"""Pieces of the loaders: header splitting, column matching, delimiter and encoding sniffing, durations."""

from __future__ import annotations

import codecs

import numpy as np
import pandas as pd
import pytest

from survey.errors import ResponseDataError
from survey.io import decode_bytes, looks_personal, parse_duration, split_header
from survey.io.delimited import sniff_delimiter
from survey.io.matching import Target, match_columns
from survey.schema import questionnaire_from_dict

Q = questionnaire_from_dict(
    {
        "id": "m",
        "title": "m",
        "scales": {"sat": {"labels": {1: "不满意", 2: "一般", 3: "满意"}}, "svc": {"labels": {1: "人才公寓", 2: "子女入学", 3: "其他"}}},
        "items": [
            {"id": "gender", "number": "1", "type": "text", "text": {"zh": "您的性别", "en": "Your gender"}},
            {"id": "H1", "number": "5", "scale": "sat", "text": "您对以下服务的满意度", "row": {"zh": "住房保障", "en": "Housing"}},
            {"id": "H2", "number": "5", "scale": "sat", "text": "您对以下服务的满意度", "row": {"zh": "子女教育", "en": "Schooling"}},
            {"id": "svc", "number": "6", "type": "multiple", "scale": "svc", "text": "您需要哪些服务"},
            {"id": "overall", "scale": "sat", "text": {"zh": "总体而言，您对人才服务满意吗？", "en": "Overall, are you satisfied?"}},
        ],
    }
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("3、性别", ("3", "性别", None)),
        ("3：性别   ", ("3", "性别", None)),
        ("３．性别", ("3", "性别", None)),
        ("5、(住房保障)", ("5", "", "住房保障")),
        ("5、（住房保障）", ("5", "", "住房保障")),
        ("第6题(人才公寓)", ("6", "", "人才公寓")),
        ("2、请输入您的收货地址：—收货人姓名：", ("2", "请输入您的收货地址", "收货人姓名")),
        ("Q1", (None, "Q1", None)),
        ("第8题(ACG文化(动漫、游戏等))", ("8", "", "ACG文化(动漫、游戏等)")),
        ("第8题（其他（请注明））", ("8", "", "其他(请注明)")),
        ("5、(住房保障(含公寓))", ("5", "", "住房保障(含公寓)")),
        ("8、您常用的社交媒体(如微信、微博)", ("8", "您常用的社交媒体", "如微信、微博")),
        ("13、您对本产品的评价—外观(颜色)", ("13", "您对本产品的评价", "外观(颜色)")),
        ("8、不闭合的括号(如微信", ("8", "不闭合的括号(如微信", None)),
    ],
)
def test_split_header(header, expected):
    assert split_header(header) == expected


def test_match_columns_by_id_number_row_option_and_text():
    names = ["gender", "5、(住房保障)", "5、(子女教育) ", "第6题(人才公寓)", "第6题(子女入学)", "第6题(其他)", "6、其他(请注明)", "总体而言,您对人才服务满意吗?", "unknown"]
    matched, unmatched, warnings = match_columns(names, names, Q)
    assert matched["gender"] == Target("gender")
    assert matched["5、(住房保障)"] == Target("H1", how="number")
    assert matched["5、(子女教育) "] == Target("H2", how="number")
    assert matched["第6题(人才公寓)"] == Target("svc", "option", 1, how="number")
    assert matched["第6题(其他)"] == Target("svc", "option", 3, how="number")
    assert matched["总体而言,您对人才服务满意吗?"] == Target("overall", how="text")
    assert matched["6、其他(请注明)"] == Target("svc", "other", how="number")
    assert unmatched == ["unknown"]
    assert warnings == []


def test_match_by_english_text_and_qualtrics_row():
    matched, unmatched, _ = match_columns(["QID9", "QID10"], ["Overall, are you satisfied?", "您对以下服务的满意度 - Housing"], Q)
    assert matched == {"QID9": Target("overall", how="text"), "QID10": Target("H1", how="text")}


def test_number_match_with_other_text_is_warned():
    matched, _, warnings = match_columns(["1、您的年龄"], ["1、您的年龄"], Q)
    assert matched["1、您的年龄"].item == "gender"
    assert warnings and "text differs" in str(warnings[0])


def test_duplicate_match_is_an_error():
    with pytest.raises(ResponseDataError, match="H1"):
        match_columns(["H1", "5、(住房保障)"], ["H1", "5、(住房保障)"], Q)


@pytest.mark.parametrize(("sample", "delim"), [("a,b,c\n1,2,3\n", ","), ("a;b;c\n1;2,5;3\n", ";"), ("a\tb\n1,2\t3\n", "\t"), ("a|b\n1|2\n", "|"), ("only\n1\n", ",")])
def test_sniff_delimiter(sample, delim):
    assert sniff_delimiter(sample) == delim


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("满意".encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + "满意".encode("utf-8"), "utf-8-sig"),
        ("满意,ok".encode("utf-16"), "utf-16"),
        ("id,ok\n".encode("utf-16-le"), "utf-16-le"),
        ("非常满意".encode("gbk"), "gb18030"),
        ("𠀀".encode("gb18030"), "gb18030"),
    ],
)
def test_decode_bytes(raw, encoding):
    decoded = decode_bytes(raw)
    assert decoded.encoding == encoding
    assert decoded.data.decode("utf-8") == raw.decode(encoding).removeprefix("\ufeff")


def test_decode_bytes_with_a_wrong_explicit_encoding():
    with pytest.raises(ResponseDataError, match="not valid utf-8"):
        decode_bytes("满意".encode("gbk"), encoding="utf-8")
    with pytest.raises(ResponseDataError, match="unknown encoding"):
        decode_bytes(b"x", encoding="no-such-codec")


def test_parse_duration():
    values = pd.Series(["379秒", "2分31秒", "1小时2分3秒", "45", "", "很久"])
    with pytest.warns(UserWarning, match="not durations"):
        out = parse_duration(values, column="所用时间")
    assert out.iloc[:4].tolist() == [379.0, 151.0, 3723.0, 45.0]
    assert np.isnan(out.iloc[4]) and np.isnan(out.iloc[5])


@pytest.mark.parametrize("header", ["姓名", "您的手机号码", "联系电话", "电子邮箱", "微信号", "Name", "E-mail", "phone", "IP地址", "RecipientFirstName"])
def test_personal_headers(header):
    assert looks_personal(header)


@pytest.mark.parametrize("header", ["Q1", "满意度", "description", "zip_code_region", "您对政策的满意度"])
def test_not_personal_headers(header):
    assert not looks_personal(header)


@pytest.mark.parametrize(("sheet", "shape"), [("iris", (150, 5)), ("mtcars", (32, 11)), ("chickwts", (71, 2)), ("quakes", (1000, 5))])
def test_xls_and_xlsx_of_the_same_workbook_agree(real_data, sheet, shape):
    """readxl's example workbooks (the R data sets, saved as BIFF .xls and as .xlsx; tests/data)."""
    from survey.io import load_responses

    xls, xlsx = real_data / "datasets.xls", real_data / "datasets.xlsx"
    a = load_responses(xlsx, sheet=sheet)
    b = load_responses(xls, sheet=sheet)
    assert (a.source.format, b.source.format, a.source.sheet) == ("xlsx", "xls", sheet)
    assert a.data.shape == shape
    pd.testing.assert_frame_equal(a.data, b.data)
    if sheet == "mtcars":
        assert a.data["mpg"].iloc[0] == 21.0 and a.data["wt"].iloc[0] == 2.62
