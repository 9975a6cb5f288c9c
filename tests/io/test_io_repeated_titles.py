"""Repeated column titles: 金数据 repeats a title two questions share, Qualtrics' legacy layout repeats
export tags. Every column is kept under a name with its position, a warning names them, and a
questionnaire binds an item to one by position or by header text and occurrence."""

from __future__ import annotations

import openpyxl
import pytest

from survey.errors import QuestionnaireError, ResponseDataError, SurveyWarning
from survey.io import load_responses
from survey.schema import questionnaire_from_dict

TITLE = "您对该项服务的满意度"
SAT = {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}


def jinshuju_export(path):
    """A 金数据 xlsx export: 序号, two questions titled alike, then the submission columns."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(["序号", "您的年龄", TITLE, "您最常使用的服务", TITLE, "提交人", "提交时间"])
    ws.append([1, 34, "满意", "住房", "一般", "访客", "2024-06-01 10:00:00"])
    ws.append([2, 45, "非常满意", "学校", "不满意", "访客", "2024-06-01 11:00:00"])
    ws.append([3, 29, "一般", "住房", "满意", "访客", "2024-06-02 09:30:00"])
    book.save(path)
    return path


def questionnaire(housing: dict | int | str | None, school: dict | int | str | None):
    items = [
        {"id": "age", "type": "numeric", "text": "您的年龄"},
        {"id": "sat_housing", "scale": "sat", "text": "您对住房服务的满意度"},
        {"id": "sat_school", "scale": "sat", "text": "您对子女入学服务的满意度"},
    ]
    for item, binding in zip(items[1:], (housing, school)):
        if binding is not None:
            item["column"] = binding
    return questionnaire_from_dict({"id": "jsj", "title": "金数据", "id_column": "序号", "scales": {"sat": {"labels": SAT}}, "items": items})


def test_repeated_titles_are_kept_with_their_positions(tmp_path):
    with pytest.warns(SurveyWarning) as caught:
        r = load_responses(jinshuju_export(tmp_path / "jsj.xlsx"))
    (message,) = [str(w.message) for w in caught if TITLE in str(w.message)]
    assert "columns 3 and 5" in message and f"'{TITLE} (column 3)'" in message and f"'{TITLE} (column 5)'" in message
    assert r.data.index.tolist() == ["1", "2", "3"]
    assert r.data[f"{TITLE} (column 3)"].tolist() == ["满意", "非常满意", "一般"]
    assert r.data[f"{TITLE} (column 5)"].tolist() == ["一般", "不满意", "满意"]


@pytest.mark.parametrize(
    ("housing", "school"),
    [
        ({"header": TITLE, "occurrence": 1}, {"header": TITLE, "occurrence": 2}),
        ({"position": 3}, {"position": 5}),
        (3, 5),  # shorthand: a position
    ],
    ids=["header+occurrence", "position", "shorthand"],
)
def test_items_bound_to_repeated_columns(tmp_path, housing, school, recwarn):
    q = questionnaire(housing, school)
    r = load_responses(jinshuju_export(tmp_path / "jsj.xlsx"), q)
    assert r.data["sat_housing"].tolist() == [4.0, 5.0, 3.0]
    assert r.data["sat_school"].tolist() == [3.0, 2.0, 4.0]
    assert r.data["age"].tolist() == [34.0, 45.0, 29.0]
    assert "您最常使用的服务" in r.source.unmatched_columns and not any(TITLE in c for c in r.source.unmatched_columns)
    messages = [str(w.message) for w in recwarn if issubclass(w.category, SurveyWarning)]
    assert any(TITLE in m and "columns 3 and 5" in m for m in messages)  # still said aloud


def test_repeated_columns_without_a_binding_match_no_item(tmp_path):
    q = questionnaire(None, {"header": TITLE, "occurrence": 2})
    with pytest.warns(SurveyWarning):
        r = load_responses(jinshuju_export(tmp_path / "jsj.xlsx"), q)
    assert r.data["sat_school"].tolist() == [3.0, 2.0, 4.0]
    assert f"{TITLE} (column 3)" in r.source.unmatched_columns  # not guessed: kept in meta, listed
    assert r.meta[f"{TITLE} (column 3)"].tolist() == ["满意", "非常满意", "一般"]


@pytest.mark.parametrize(
    ("binding", "what"),
    [
        ({"header": TITLE, "occurrence": 3}, f"3rd column titled '{TITLE}', but the file has 2"),
        ({"position": 12}, "column 12, but the file has 7 columns"),
        ({"header": "没有这一列"}, "1st column titled '没有这一列', but the file has 0"),
        ({"position": 1}, "the respondent id column"),
    ],
)
def test_a_binding_the_file_cannot_meet_is_an_error(tmp_path, binding, what):
    with pytest.raises(ResponseDataError) as info, pytest.warns(SurveyWarning, match="more than one column"):
        load_responses(jinshuju_export(tmp_path / "jsj.xlsx"), questionnaire(binding, {"position": 5}))
    (problem,) = info.value.problems
    assert problem.where == "item 'sat_housing'" and what in problem.what


def test_two_items_bound_to_one_column_is_an_error(tmp_path):
    with pytest.raises(ResponseDataError, match="bound to column 5") as info, pytest.warns(SurveyWarning, match="more than one column"):
        load_responses(jinshuju_export(tmp_path / "jsj.xlsx"), questionnaire({"position": 5}, {"header": TITLE, "occurrence": 2}))
    assert "sat_housing" in info.value.problems[0].what and "sat_school" in info.value.problems[0].what


def test_binding_schema_is_strict():
    bound = questionnaire(TITLE, 5)  # shorthand: a header (its first column), a position
    assert bound.item("sat_housing").column.header == TITLE and bound.item("sat_housing").column.occurrence == 1
    assert bound.item("sat_school").column.position == 5 and bound.item("sat_school").column.header is None
    with pytest.raises(QuestionnaireError, match="column"):
        questionnaire({"position": 3, "header": TITLE}, None)
    with pytest.raises(QuestionnaireError, match="column"):
        questionnaire({"position": 0}, None)
    with pytest.raises(QuestionnaireError, match="column"):
        questionnaire({"position": 3, "occurrence": 2}, None)


def test_qualtrics_legacy_repeated_export_tags(tmp_path):
    rows = [
        "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q1,Q2",
        "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished,"
        "How satisfied are you?,How likely are you to come back?,Comments",
        "R_a,Default Response Set,Anonymous,,,192.0.2.1,0,2024-01-01 10:00:00,2024-01-01 10:05:00,1,4,2,fine",
        "R_b,Default Response Set,Anonymous,,,192.0.2.2,0,2024-01-01 11:00:00,2024-01-01 11:04:00,1,5,1,",
    ]
    path = tmp_path / "legacy.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8-sig"))
    q = questionnaire_from_dict(
        {
            "id": "legacy",
            "title": "legacy",
            "scales": {"five": {"labels": {1: "1", 2: "2", 3: "3", 4: "4", 5: "5"}}},
            "items": [
                {"id": "sat", "scale": "five", "text": "How satisfied are you?", "column": {"header": "Q1", "occurrence": 1}},
                {"id": "back", "scale": "five", "text": "How likely are you to come back?", "column": {"header": "Q1", "occurrence": 2}},
                {"id": "Q2", "type": "text", "text": "Comments"},
            ],
        }
    )
    with pytest.warns(SurveyWarning, match=r"'Q1'.*columns 11 and 12"):
        r = load_responses(path, q)
    assert r.source.format == "qualtrics_legacy" and r.data.index.tolist() == ["R_a", "R_b"]
    assert r.data["sat"].tolist() == [4.0, 5.0] and r.data["back"].tolist() == [2.0, 1.0]
    assert r.data["Q2"].tolist()[0] == "fine"
