"""Real exports in tests/data: Qualtrics (current and legacy layouts) and SPSS (field_saq.sav)."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from survey.errors import SurveyWarning
from survey.io import load_responses
from survey.schema import questionnaire_from_dict

QUALTRICS_Q = {
    "id": "qualtrics_sample",
    "title": "Qualtrics sample",
    "scales": {"choice": {"labels": {1: "Eins", 2: "Zwei", 3: "Drei"}}},
    "items": [
        {"id": "Q1", "type": "single", "scale": "choice", "text": "This is a multiple choice question."},
        {"id": "Q2", "type": "text", "text": "This is a free text question."},
    ],
}


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("name", "fmt", "encoding"), [("qualtrics_export_sample.csv", "qualtrics", "utf-8"), ("qualtrics_export_legacy_sample.csv", "qualtrics_legacy", "utf-8-sig")])
def test_qualtrics_without_questionnaire(real_data, name, fmt, encoding):
    path = real_data / name
    before = _sha(path)
    r = load_responses(path)
    assert r.source.format == fmt and r.source.encoding == encoding and r.source.rows_read == 1
    assert r.source.sha256 == before == _sha(path)
    assert r.data.index.tolist() == ["R_2YPOQ602ER1jkf1"] and r.data.index.name == "respondent"
    assert r.data.loc["R_2YPOQ602ER1jkf1", "Q1"] == 2.0
    assert r.data.loc["R_2YPOQ602ER1jkf1", "Q2"] == "Hello World!"
    meta = r.meta.loc["R_2YPOQ602ER1jkf1"]
    assert meta["ip"] == "130.92.34.66"
    assert meta["started_at"] == pd.Timestamp("2017-07-18 08:28:09")
    assert meta["submitted_at"] == pd.Timestamp("2017-07-18 08:28:48")
    assert bool(meta["finished"]) is True
    assert meta["location_latitude"] == pytest.approx(47.115097045898)
    assert meta["location_longitude"] == pytest.approx(7.2315979003906)
    assert {"ip", "location_latitude", "location_longitude", "email"} <= set(r.personal)
    assert "ip" not in r.public_meta().columns
    if fmt == "qualtrics":
        assert meta["duration_s"] == 38.0 and meta["progress"] == 100.0 and meta["language"] == "DE"
        assert meta["recorded_at"] == pd.Timestamp("2017-07-18 08:28:48")
    else:
        assert "respondent_name" in r.personal  # "Name" column of the legacy layout


@pytest.mark.parametrize("name", ["qualtrics_export_sample.csv", "qualtrics_export_legacy_sample.csv"])
def test_qualtrics_with_questionnaire(real_data, name):
    q = questionnaire_from_dict(QUALTRICS_Q)
    if name == "qualtrics_export_sample.csv":
        with pytest.warns(SurveyWarning, match="Q2 - Topics"):
            r = load_responses(real_data / name, q)
    else:
        r = load_responses(real_data / name, q)
    assert list(r.data.columns) == ["Q1", "Q2"]
    assert r.data.iloc[0]["Q1"] == 2.0 and r.data.iloc[0]["Q2"] == "Hello World!"
    if name == "qualtrics_export_sample.csv":
        assert r.source.unmatched_columns == ("Q2 - Topics",)  # listed, kept in meta, not guessed
        assert "Q2 - Topics" in r.meta


def test_field_saq_sav(real_data):
    path = real_data / "field_saq.sav"
    before = _sha(path)
    r = load_responses(path)
    assert r.data.shape == (2571, 23) and r.source.format == "sav" and r.source.rows_read == 2571
    assert r.source.sha256 == before == _sha(path)
    assert (r.data.dtypes == np.float64).all()
    assert r.data.attrs["variable_labels"]["Question_01"] == "Statistics makes me cry"
    assert r.data.attrs["value_labels"]["Question_01"][9.0] == "Not answered"
    # the file declares 9 as user-missing (a missing range 9..9) for all 23 variables; no case has it
    entry = [e for e in r.ledger if e.step == "missing_codes"]
    assert len(entry) == 1 and entry[0].n == 0 and "23 variable(s)" in entry[0].detail
    assert r.declared_missing.empty
    assert r.data.stack().isin([1, 2, 3, 4, 5]).all()
    # Field's descriptive statistics table gives Question_01 mean 2.37 (N = 2571)
    assert r.data["Question_01"].mean() == pytest.approx(2.374, abs=1e-3)


def test_sav_user_missing_values_are_counted(tmp_path):
    import pyreadstat

    frame = pd.DataFrame({"id": ["00123", "00124", "00125", "00126"], "q1": [1.0, 9.0, 5.0, 9.0], "q2": [2.0, 3.0, 8.0, 4.0]})
    path = tmp_path / "missing.sav"
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={"q1": "第一题", "q2": "第二题"},
        variable_value_labels={"q1": {1.0: "非常不满意", 5.0: "非常满意", 9.0: "未回答"}},
        missing_ranges={"q1": [9.0], "q2": [{"lo": 8.0, "hi": 9.0}]},
    )
    r = load_responses(path)
    assert r.data.index.tolist() == ["00123", "00124", "00125", "00126"]
    assert r.data["q1"].tolist()[0] == 1.0 and np.isnan(r.data["q1"].tolist()[1])
    assert np.isnan(r.data.loc["00125", "q2"])
    counted = {(row.column, row.code): row.count for row in r.declared_missing.itertuples()}
    assert counted == {("q1", 9): 2, ("q2", 8): 1}
    assert [e.n for e in r.ledger if e.step == "missing_codes"] == [3]
    assert r.data.attrs["variable_labels"]["q1"] == "第一题"


def test_generated_qualtrics_multiple_choice_layouts(tmp_path):
    q = questionnaire_from_dict(
        {
            "id": "qx",
            "title": "qx",
            "scales": {
                "sat": {"labels": {1: "Unzufrieden", 2: "Neutral", 3: "Zufrieden"}, "missing": {-99: "Keine Angabe"}},
                "svc": {"labels": {1: "Housing", 2: "Schools", 3: "Other"}},
            },
            "items": [
                {"id": "Q1", "scale": "sat", "text": "Zufriedenheit"},
                {"id": "Q3", "type": "multiple", "scale": "svc", "text": "Services (joined)"},
                {"id": "Q4", "type": "multiple", "scale": "svc", "text": "Services (split)"},
            ],
        }
    )
    header = [
        "StartDate,EndDate,ResponseId,Duration (in seconds),Q1,Q3,Q3_3_TEXT,Q4_1,Q4_2,Q4_3",
        "Start,End,Response ID,Duration,Zufriedenheit,Services (joined),Services (joined) - Other - Text,Services (split) - Housing,Services (split) - Schools,Services (split) - Other",
        ",".join(f'"{{""ImportId"":""{x}""}}"' for x in ["startDate", "endDate", "_recordId", "duration", "QID1", "QID3", "QID3_3_TEXT", "QID4_1", "QID4_2", "QID4_3"]),
    ]
    rows = [
        '2024-01-01 10:00:00,2024-01-01 10:05:00,R_a,300,Zufrieden,"1,3",Parking,1,,1',
        "2024-01-01 11:00:00,2024-01-01 11:01:00,R_b,60,-99,2,,,1,",
        "2024-01-01 12:00:00,2024-01-01 12:02:00,R_c,120,Neutral,,,,,",
    ]
    path = tmp_path / "qx.csv"
    path.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    r = load_responses(path, q)
    assert r.source.format == "qualtrics" and r.data.index.tolist() == ["R_a", "R_b", "R_c"]
    assert r.data["Q1"].tolist()[0] == 3.0 and np.isnan(r.data["Q1"].iloc[1]) and r.data["Q1"].iloc[2] == 2.0
    assert r.data.loc["R_a", ["Q3_1", "Q3_2", "Q3_3"]].tolist() == [1.0, 0.0, 1.0]
    assert r.data.loc["R_b", ["Q3_1", "Q3_2", "Q3_3"]].tolist() == [0.0, 1.0, 0.0]
    assert r.data.loc["R_c", ["Q3_1", "Q3_2", "Q3_3"]].isna().all()  # not answered
    assert r.data.loc["R_a", ["Q4_1", "Q4_2", "Q4_3"]].tolist() == [1.0, 0.0, 1.0]  # empty = not chosen
    assert r.data.loc["R_c", ["Q4_1", "Q4_2", "Q4_3"]].isna().all()
    assert r.data.loc["R_a", "Q3_other"] == "Parking"
    assert r.meta["duration_s"].tolist() == [300.0, 60.0, 120.0]
    assert r.declared_missing.to_dict("records") == [{"column": "Q1", "code": -99, "count": 1}]
