"""The loader's warnings carry a key and values; one catalogue says them in English (the warning's
message) and in Chinese."""

from __future__ import annotations

import warnings

import pytest

from survey.errors import SurveyWarning
from survey.io import load_responses
from survey.io.load import ColumnMatchWarning
from survey.io.messages import TEMPLATES, LoaderMessage, render
from survey.schema import questionnaire_from_dict

Q = questionnaire_from_dict(
    {
        "id": "msg",
        "title": "messages",
        "scales": {"sat": {"labels": {1: "不满意", 2: "一般", 3: "满意"}}},
        "items": [{"id": f"q{k}", "text": f"满意度{k}", "scale": "sat"} for k in (1, 2, 3)],
    }
)


def _caught(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SurveyWarning)
        load_responses(path, Q)
    return [w.message for w in caught if issubclass(w.category, SurveyWarning)]


def test_every_key_has_an_english_and_a_chinese_template():
    assert set(TEMPLATES["en"]) == set(TEMPLATES["zh"])


def test_columns_and_items_that_do_not_meet_are_keyed_warnings_said_in_both_languages(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,q1,q2,extra\n1,1,2,a\n2,3,1,b\n", encoding="utf-8")
    messages = {m.key: m for m in _caught(path)}
    unmatched, absent = messages["columns_unmatched"], messages["items_absent"]
    assert isinstance(unmatched, ColumnMatchWarning) and isinstance(absent, ColumnMatchWarning)
    assert str(unmatched) == "export.csv: 1 column(s) match no item of questionnaire 'msg' and are kept in meta: ['extra']"
    assert str(absent) == "export.csv: 1 item(s) of questionnaire 'msg' have no column in the file (of its 3) and are all missing: ['q3']"
    assert render(unmatched.key, unmatched.values, "zh") == "export.csv：1 列与问卷 'msg' 的任何题目都不匹配，保留在元数据（meta）中：['extra']"
    assert render(absent.key, absent.values, "zh") == "export.csv：问卷 'msg' 的 3 个题目中有 1 个在文件中没有对应的列，全部记为缺失：['q3']"


@pytest.mark.parametrize("lang, expected", [
    ("en", "export.csv: 25 column(s) match no item of questionnaire 'msg' and are kept in meta: ['c0', 'c1'] and 23 more"),
    ("zh", "export.csv：25 列与问卷 'msg' 的任何题目都不匹配，保留在元数据（meta）中：['c0', 'c1'] 等，另有 23 列"),
])
def test_a_long_list_is_cut_and_the_rest_counted(lang, expected):
    message = LoaderMessage("columns_unmatched", {"where": "export.csv", "n": 25, "questionnaire": "msg", "shown": ["c0", "c1"], "more": 23})
    assert message.text(lang) == expected


def test_a_warning_without_a_key_is_its_message():
    plain = SurveyWarning("something")
    assert plain.key is None and plain.values == {} and str(plain) == "something"
