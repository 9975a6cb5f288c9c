"""Questionnaires derived from SPSS .sav metadata: the real field_saq.sav and synthetic files."""

from __future__ import annotations

import pandas as pd
import pyreadstat
import pytest

from survey import QuestionnaireError, SurveyWarning, load_questionnaire, questionnaire_from_sav
from survey.schema import sav_item_names


@pytest.fixture(scope="module")
def saq(real_data):
    return questionnaire_from_sav(real_data / "field_saq.sav")


def test_field_saq_items_and_labels(saq, real_data):
    meta = pyreadstat.read_sav(real_data / "field_saq.sav", metadataonly=True)[1]
    assert saq.item_ids == [f"Question_{n:02d}" for n in range(1, 24)]
    for item in saq.items:
        assert item.text.zh == item.text.en == meta.column_names_to_labels[item.id]
        assert item.type == "likert"
    assert saq.item("Question_01").text.en == "Statistics makes me cry"
    assert saq.item("Question_03").text.en == "Standard deviations excite me"


def test_field_saq_one_shared_scale_with_not_answered_missing(saq):
    # three label sets in the file (one with "9 Not answered", one without, one spelling
    # "Strongly Disagree"): the same answers and the same declared missing code, so one scale
    assert list(saq.scales) == ["scale1"]
    scale = saq.scales["scale1"]
    assert scale.codes == (1, 2, 3, 4, 5)
    assert [scale.labels[c].en for c in scale.codes] == ["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"]
    assert {c: t.en for c, t in scale.missing.items()} == {9: "Not answered"}
    assert scale.ordered
    assert {i.scale for i in saq.items} == {"scale1"}


def test_field_saq_through_load_questionnaire(saq, real_data):
    assert load_questionnaire(real_data / "field_saq.sav") == saq
    assert saq.id == "field_saq"
    assert sav_item_names(real_data / "field_saq.sav") == {i: i for i in saq.item_ids}


def _write(path, df, **kwargs):
    pyreadstat.write_sav(df, str(path), **kwargs)
    return path


@pytest.fixture()
def synthetic(tmp_path):
    df = pd.DataFrame(
        {
            "性别": [1.0, 2.0],
            "Q1.a": [1.0, 5.0],
            "Q1_a": [2.0, 3.0],
            "lvl#1": [3.0, 4.0],
            "age": [35.0, 99.0],
            "note": ["x", "y"],
            "region": [1.0, 2.0],
            "sat": [1.0, 8.0],
        }
    )
    agree = {1: "非常不同意", 2: "不同意", 3: "一般", 4: "同意", 5: "非常同意", 8: "拒答"}
    path = _write(
        tmp_path / "synthetic.sav",
        df,
        column_labels={"性别": "您的性别", "Q1.a": "我喜欢这里", "Q1_a": "我喜欢那里", "age": "年龄", "sat": "总体满意"},
        variable_value_labels={
            "性别": {1: "男", 2: "女"},
            "Q1.a": agree,
            "Q1_a": agree,
            "lvl#1": {1: "low", 2: "mid", 3: "high", -9: "don't know"},
            "age": {99: "refused"},
            "region": {1.5: "half", 2: "two"},
            "sat": agree,
        },
        missing_ranges={"Q1.a": [8], "Q1_a": [8], "age": [99], "lvl#1": [{"lo": -9, "hi": -1}]},
        variable_measure={"性别": "nominal", "Q1.a": "ordinal", "Q1_a": "scale", "lvl#1": "ordinal", "age": "scale"},
    )
    return path


def test_synthetic_types_ids_and_scales(synthetic):
    with pytest.warns(SurveyWarning) as caught:
        q = questionnaire_from_sav(synthetic)
    messages = " ".join(str(w.message) for w in caught)
    assert "region" in messages and "age" in messages  # dropped labels / unrepresentable missing, said aloud
    assert q.item_ids == ["v1", "Q1_a_2", "Q1_a", "lvl_1", "age", "note", "region", "sat"]
    assert sav_item_names(synthetic) == {
        "v1": "性别", "Q1_a_2": "Q1.a", "Q1_a": "Q1_a", "lvl_1": "lvl#1", "age": "age", "note": "note", "region": "region", "sat": "sat",
    }
    types = {i.id: i.type for i in q.items}
    assert types == {
        "v1": "single", "Q1_a": "likert", "Q1_a_2": "likert", "lvl_1": "likert",
        "age": "numeric", "note": "text", "region": "numeric", "sat": "likert",
    }
    assert q.item("v1").text.zh == "您的性别" and q.item("note").text.en == "note"
    gender = q.scale_of("v1")
    assert not gender.ordered and gender.labels[2].zh == "女"
    # the two agree items with 8 declared missing share a scale; "拒答" is its label
    assert q.item("Q1_a").scale == q.item("Q1_a_2").scale
    agree = q.scale_of("Q1_a")
    assert agree.codes == (1, 2, 3, 4, 5) and {c: t.zh for c, t in agree.missing.items()} == {8: "拒答"}
    # a range -9..-1 declared missing: the labelled -9 and every integer of the (short) range
    assert sorted(q.scale_of("lvl_1").missing) == list(range(-9, 0))
    assert q.scale_of("lvl_1").missing[-9].en == "don't know"
    assert q.scale_of("lvl_1").missing[-5].en == "missing (declared in the file)"
    # "拒答" not declared missing for sat: an answer code unless missing_labels=True
    assert 8 in q.scale_of("sat").labels and q.item("sat").scale != q.item("Q1_a").scale


def test_missing_labels_heuristic_on_request(synthetic):
    with pytest.warns(SurveyWarning):
        q = questionnaire_from_sav(synthetic, missing_labels=True)
    assert 8 in q.scale_of("sat").missing and 8 not in q.scale_of("sat").labels
    assert q.item("sat").scale == q.item("Q1_a").scale  # now the same scale


def test_unreadable_and_absent_files(tmp_path):
    bad = tmp_path / "bad.sav"
    bad.write_bytes(b"not an spss file")
    with pytest.raises(QuestionnaireError, match="cannot read the SPSS metadata") as info:
        load_questionnaire(bad)
    assert "encoding" in info.value.problems[0].expected
    with pytest.raises(QuestionnaireError, match="no SPSS file"):
        questionnaire_from_sav(tmp_path / "absent.sav")


# ---- ids, dates and times, strings, Qualtrics system variables, two-label variables --------------
from survey import load_responses, screen  # noqa: E402

from .sav_fixtures import generic_sav, qualtrics_sav  # noqa: E402


def test_id_dates_times_are_not_items_and_two_labels_are_nominal(tmp_path):
    q = questionnaire_from_sav(generic_sav(tmp_path / "generic.sav"))
    assert q.id_column == "id"
    assert q.item_ids == ["sex", "q1", "q2", "q3", "comment"]  # no id, dob, interviewed, start_time
    assert q.item("comment").type == "text"
    sex = q.item("sex")
    assert sex.type == "single" and not q.scale_of("sex").ordered  # two labels, no measure: nominal
    assert [q.item(i).type for i in ("q1", "q2", "q3")] == ["likert"] * 3


def test_generic_sav_loads_with_its_own_questionnaire_and_nobody_is_partial(tmp_path, recwarn):
    path = generic_sav(tmp_path / "generic.sav")
    q = questionnaire_from_sav(path)
    r = load_responses(path, q)
    assert not [w for w in recwarn if issubclass(w.category, SurveyWarning)]  # nothing unmatched
    assert r.data.index.tolist() == ["101", "102", "103", "104", "105", "106"]
    assert list(r.data.columns) == ["sex", "q1", "q2", "q3", "comment"]
    assert r.data["q1"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 1.0]
    assert r.meta.loc["101", "interviewed"] == pd.Timestamp("2024-03-01 09:10:00")
    assert str(r.meta.loc["102", "dob"]) == "1991-02-02" and str(r.meta.loc["103", "start_time"]) == "09:12:00"
    kept = screen(r, duplicate_answers=False, speeder=False, straightliner=False)
    assert len(kept) == 6


def test_qualtrics_sav_system_variables_are_metadata_or_personal(tmp_path, recwarn):
    path = qualtrics_sav(tmp_path / "qualtrics.sav")
    q = questionnaire_from_sav(path)
    assert q.id_column == "ResponseId"
    assert q.item_ids == ["Q1", "Q2", "Q3"]
    assert q.item("Q1").type == "likert" and q.item("Q2").type == "single" and q.item("Q3").type == "text"
    r = load_responses(path, q)
    assert not [w for w in recwarn if issubclass(w.category, SurveyWarning)]
    assert r.data.index.tolist()[:2] == ["R_axYz", "R_bxYz"]
    meta = r.meta.loc["R_axYz"]
    assert meta["started_at"] == pd.Timestamp("2024-05-01 10:00:00")
    assert meta["submitted_at"] == pd.Timestamp("2024-05-01 10:05:00")
    assert meta["recorded_at"] == pd.Timestamp("2024-05-01 10:05:01")
    assert meta["duration_s"] == 300.0 and meta["progress"] == 100.0 and bool(meta["finished"]) is True
    assert meta["ip"] == "192.0.2.10" and meta["location_latitude"] == pytest.approx(47.1151)
    assert meta["language"] == "EN" and meta["channel"] == "anonymous"
    assert {"ip", "location_latitude", "location_longitude"} <= set(r.personal)
    kept = screen(r, duplicate_answers=False, speeder=False, straightliner=False)
    assert kept.data.index.tolist() == ["R_axYz", "R_bxYz", "R_cxYz", "R_dxYz", "R_exYz"]  # R_f did not finish
