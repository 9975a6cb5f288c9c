"""Cells that do not fit the questionnaire (``on_invalid="flag"``) never reach a statistic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from survey.errors import ResponseDataError
from survey.io import load_responses
from survey.responses import Responses, Source
from survey.schema import questionnaire_from_dict
from survey.stats.reliability import reliability

from .helpers import SCALE5

Q = questionnaire_from_dict(
    {
        "id": "flagged",
        "title": "flagged cells",
        "id_column": "id",
        "scales": {"s5": {"labels": SCALE5, "missing": {9: "未回答"}}},
        "items": [
            *[{"id": f"q{i}", "text": f"题{i}", "scale": "s5"} for i in range(1, 4)],
            {"id": "q4", "text": "题4（反向）", "scale": "s5", "reverse": True},
            {"id": "age", "type": "numeric", "min": 18, "max": 80, "text": "年龄"},
        ],
        "constructs": [{"id": "S", "name": "S", "items": ["q1", "q2", "q3", "q4"]}],
    }
)
N = 250
ODD = "00137"  # the respondent with the undeclared code


def _export(tmp_path, q4_odd: str, name: str) -> object:
    rng = np.random.default_rng(12)
    trait = rng.normal(size=N)
    items = {f"q{i}": np.clip(np.round(3 + trait + rng.normal(scale=0.7, size=N)), 1, 5).astype(int) for i in range(1, 5)}
    items["q4"] = 6 - items["q4"]  # reverse-worded
    ages = rng.integers(20, 60, size=N)
    lines = ["id,q1,q2,q3,q4,age"]
    for k in range(N):
        rid = f"{k + 1:05d}"
        q4 = q4_odd if rid == ODD else str(items["q4"][k])
        lines.append(f"{rid},{items['q1'][k]},{items['q2'][k]},{items['q3'][k]},{q4},{ages[k]}")
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def flagged_and_blank(tmp_path):
    flagged = load_responses(_export(tmp_path, "99", "flagged.csv"), Q, on_invalid="flag")
    blank = load_responses(_export(tmp_path, "", "blank.csv"), Q)
    return flagged, blank


def test_flagged_cell_is_missing_in_the_data_and_kept_in_the_report(flagged_and_blank):
    r, _ = flagged_and_blank
    assert np.isnan(r.data.loc[ODD, "q4"])
    assert r.data["q4"].max() <= 5
    assert r.invalid[["row", "column", "value"]].values.tolist() == [[ODD, "q4", "99"]]  # the value as read
    assert r.quality.flags.index[r.quality.flags["invalid"]].tolist() == [ODD]
    assert not r.quality.flags["partial"].any()  # the cell was not left blank
    assert r.quality.invalid[["row", "column", "value"]].values.tolist() == [[ODD, "q4", "99"]]
    entry = [e for e in r.ledger if e.step == "invalid_cells"]
    assert len(entry) == 1 and entry[0].n == 1 and entry[0].respondents == (ODD,)
    assert "1 cell(s)" in entry[0].detail and "set missing" in entry[0].detail and "q4×1" in entry[0].detail


def test_alpha_scores_and_reverse_keys_ignore_the_flagged_cell(flagged_and_blank):
    r, blank = flagged_and_blank
    expected = reliability(blank).alphas["S"].alpha
    assert expected > 0.8
    assert reliability(r).alphas["S"].alpha == pytest.approx(expected, abs=1e-12)  # never screened
    screened = reliability(r.screen(invalid=False, partial=False)).alphas["S"].alpha  # screened with the rule off
    assert screened == pytest.approx(reliability(blank.screen(partial=False)).alphas["S"].alpha, abs=1e-12) and screened > 0.8
    scores = r.scores()["S"]
    pd.testing.assert_series_equal(scores, blank.scores()["S"])
    assert np.isnan(scores[ODD]) and scores.dropna().between(1, 5).all()
    three_items = r.scores(min_items=3)["S"]
    assert three_items[ODD] == pytest.approx(r.data.loc[ODD, ["q1", "q2", "q3"]].mean(), abs=1e-12)
    reversed_q4 = r.reverse_keyed().data["q4"]
    assert np.isnan(reversed_q4[ODD]) and reversed_q4.dropna().between(1, 5).all()
    assert (r.construct_items("S").dropna().to_numpy() >= 1).all()


def test_numeric_items_outside_min_max_are_missing_too(tmp_path):
    path = tmp_path / "ages.csv"
    path.write_text("id,q1,q2,q3,q4,age\n1,1,2,3,4,30\n2,2,3,4,5,120\n3,不知道,3,4,5,-1\n", encoding="utf-8")
    r = load_responses(path, Q, on_invalid="flag")
    assert r.data["age"].tolist()[0] == 30 and r.data["age"].isna().tolist() == [False, True, True]
    assert np.isnan(r.data.loc["3", "q1"])
    assert sorted(r.invalid["value"]) == ["-1", "120", "不知道"]
    assert "age×2" in [e for e in r.ledger if e.step == "invalid_cells"][0].detail


def test_responses_refuse_invalid_cells_that_still_hold_a_value():
    data = pd.DataFrame({"q1": [1.0, 99.0]}, index=pd.Index(["a", "b"], name="respondent"))
    invalid = pd.DataFrame({"row": ["b"], "column": ["q1"], "value": ["99"], "problem": ["code not in the scale"]})
    with pytest.raises(ResponseDataError, match=r"respondent 'b', column 'q1'"):
        Responses(data, pd.DataFrame(index=data.index), None, Source("memory", "test", "", 2), invalid=invalid)


MULTI = questionnaire_from_dict(
    {
        "id": "multi",
        "title": "multi",
        "scales": {"svc": {"labels": {1: "人才公寓", 2: "子女入学", 3: "其他"}}},
        "items": [{"id": "svc", "number": "6", "type": "multiple", "scale": "svc", "text": "您需要哪些服务"}],
    }
)


def test_invalid_option_cells_stay_missing(tmp_path):
    split = tmp_path / "split.csv"
    split.write_text("序号,第6题(人才公寓),第6题(子女入学),第6题(其他)\n1,1,,\n2,1,2,\n3,,,1\n", encoding="utf-8")
    r = load_responses(split, MULTI, on_invalid="flag")
    assert r.data.loc["1", ["svc_1", "svc_2", "svc_3"]].tolist() == [1.0, 0.0, 0.0]
    assert r.data.loc["2", "svc_1"] == 1.0 and np.isnan(r.data.loc["2", "svc_2"]) and r.data.loc["2", "svc_3"] == 0.0
    assert r.invalid[["row", "column", "value"]].values.tolist() == [["2", "svc_2", "2"]]
    joined = tmp_path / "joined.csv"
    joined.write_text("序号,6、您需要哪些服务\n1,人才公寓┋子女入学\n2,人才公寓┋游泳馆\n", encoding="utf-8")
    r = load_responses(joined, MULTI, on_invalid="flag")
    assert r.data.loc["1"].tolist() == [1.0, 1.0, 0.0] and r.data.loc["2"].isna().all()
    assert r.invalid[["row", "column", "value"]].values.tolist() == [["2", "svc", "人才公寓┋游泳馆"]]
