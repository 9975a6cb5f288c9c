"""multiple_response against R (tests/reference/multiple_response/multiple_response.R): counts,
percentages, chisq.test(correct = FALSE) per option with p.adjust("holm"), and Cochran's Q by hand."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import survey as sv
from survey.errors import AnalysisError

from ..conftest import REFERENCE

HERE = REFERENCE / "multiple_response"
REF = json.loads((HERE / "multiple_response.json").read_text())
OPTIONS = [f"services_{j}" for j in range(1, 6)]


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(HERE / "mr.csv", keep_default_na=False, na_values=[""]).astype({"services_other": "object"})


@pytest.fixture(scope="module")
def res(data):
    return sv.multiple_response(data, item="services", by="group")


def test_counts_and_percentages_match_r(res):
    assert res.n_cases == REF["n_cases"] and res.n_missing == REF["n_missing"] and res.n_no_choice == REF["n_no_choice"]
    assert res.n_responses == REF["n_responses"]
    assert list(res.table.index) == OPTIONS
    for col in ("counts", "response_percent", "case_percent"):
        got = res.table["n" if col == "counts" else col]
        assert np.allclose(got, [REF[col][o] for o in OPTIONS], atol=1e-10), col
    assert res.table["response_percent"].sum() == pytest.approx(100)
    total = res.to_frame().loc["total"]
    assert total["n"] == REF["n_responses"] and total["case_percent"] == pytest.approx(100 * REF["n_responses"] / REF["n_cases"])


def test_cochran_q_by_hand(res, data):
    x = data[OPTIONS].dropna()
    x = x[x.sum(axis=1) > 0].to_numpy()
    k, col, row, total = x.shape[1], x.sum(axis=0), x.sum(axis=1), x.sum()
    q = (k - 1) * (k * (col**2).sum() - total**2) / (k * total - (row**2).sum())
    assert res.cochran_q == pytest.approx(q, abs=1e-10)
    assert res.cochran_q == pytest.approx(REF["cochran"]["q"], abs=1e-9)
    assert res.cochran_df == 4
    assert res.cochran_p_value == pytest.approx(stats.chi2.sf(q, 4), rel=1e-12)


def test_per_option_chi_square_is_r_chisq_test_uncorrected_with_holm(res):
    # scipy's chi2_contingency(correction=False) is R's chisq.test(correct = FALSE); with three
    # groups (2 × 3 tables) no continuity correction applies in either
    t = res.group_tests
    for o in OPTIONS:
        assert t.loc[o, "statistic"] == pytest.approx(REF["tests"][o]["statistic"], abs=1e-10)
        assert t.loc[o, "df"] == REF["tests"][o]["df"]
        assert t.loc[o, "p_value"] == pytest.approx(REF["tests"][o]["p_value"], abs=1e-12)
        assert t.loc[o, "p_adjusted"] == pytest.approx(REF["p_holm"][o], abs=1e-12)
    wide = res.by_group.pivot(index="option", columns="group", values="case_percent")
    for g, values in REF["group_case_percent"].items():
        assert np.allclose(wide[float(g)].reindex(OPTIONS), [values[o] for o in OPTIONS], atol=1e-10)


def test_two_groups_match_uncorrected_chi_square_by_hand(data):
    d = data[data["group"] != 3]
    res = sv.multiple_response(d, item="services", by="group")
    cases = d.dropna(subset=OPTIONS)
    cases = cases[cases[OPTIONS].sum(axis=1) > 0]
    a = pd.crosstab(cases["services_2"], cases["group"]).to_numpy().astype(float)
    e = a.sum(axis=1, keepdims=True) * a.sum(axis=0, keepdims=True) / a.sum()
    assert res.group_tests.loc["services_2", "statistic"] == pytest.approx(((a - e) ** 2 / e).sum(), abs=1e-10)
    # 2 x 2 tables: scipy's chi2_contingency(correction=False) is R's chisq.test(correct = FALSE),
    # not R's default (Yates), which the reference stores beside it
    for o in OPTIONS:
        ref = REF["tests_two_groups"][o]
        assert res.group_tests.loc[o, "statistic"] == pytest.approx(ref["statistic"], abs=1e-10)
        assert res.group_tests.loc[o, "p_value"] == pytest.approx(ref["p_value"], abs=1e-12)
    assert abs(res.group_tests.loc["services_2", "statistic"] - REF["tests_two_groups"]["services_2"]["yates_statistic"]) > 0.5


def test_other_texts_listed_trimmed(res):
    assert res.other_texts == ("人才公寓", "子女入学", "户籍办理")


def test_findings_and_plot(res):
    zh = res.findings("zh")
    assert zh[0].startswith(f"“services”为多选题，有效个案{REF['n_cases']}人，共选择{REF['n_responses']}项")
    assert "“services_1”（134次，占个案的67.3%）" in zh[0]
    assert "Cochran's Q检验表明，各选项被选择的比例存在显著差异" in zh[1]
    assert "不同group的人选择以下选项的比例存在显著差异：“services_2”" in zh[3]
    en = res.findings("en")
    assert "Holm-adjusted" in en[-1]
    ax = res.plot()
    assert len(ax.patches) == 5


def test_labels_from_the_questionnaire():
    q = sv.questionnaire_from_dict({
        "id": "mr", "title": "t",
        "scales": {"svc": {"ordered": False, "labels": {1: {"zh": "住房", "en": "Housing"}, 2: {"zh": "子女教育", "en": "Schooling"}, 3: {"zh": "医疗", "en": "Health care"}}},
                   "sex": {"ordered": False, "labels": {1: {"zh": "男", "en": "Male"}, 2: {"zh": "女", "en": "Female"}}}},
        "items": [{"id": "used", "text": {"zh": "您使用过哪些服务", "en": "Services used"}, "type": "multiple", "scale": "svc"},
                  {"id": "gender", "text": {"zh": "性别", "en": "Gender"}, "type": "single", "scale": "sex", "role": "demographic"}],
    })
    data = pd.DataFrame({"used_1": [1, 1, 0, 1, 0, 1], "used_2": [0, 1, 1, 0, 1, 1], "used_3": [0, 0, 1, 1, 0, 0],
                         "gender": [1, 2, 1, 2, 1, 2]}, dtype=float)
    r = sv.Responses(data, pd.DataFrame(index=data.index), q, sv.Source("memory", "test", "", len(data)))
    res = sv.multiple_response(r, item="used", by="gender")
    assert res.label("used_2", "zh") == "子女教育" and res.label(2.0, "en") == "Female"
    assert res.findings("zh")[0].startswith("“您使用过哪些服务”为多选题")
    assert list(res.crosstab_frame("zh").columns[:2]) == ["男", "女"]
    with pytest.raises(AnalysisError, match="not a multiple-choice item"):
        sv.multiple_response(r, item="gender")


def test_bad_input_is_a_named_error():
    with pytest.raises(AnalysisError, match="no respondent chose any option"):
        sv.multiple_response(pd.DataFrame({"u_1": [0, 0, np.nan], "u_2": [0, 0, np.nan]}), item="u")
    with pytest.raises(AnalysisError, match="at least 2 option columns"):
        sv.multiple_response(pd.DataFrame({"u_1": [1, 0]}), item="u")
    with pytest.raises(AnalysisError, match="0 \\(not chosen\\) or 1"):
        sv.multiple_response(pd.DataFrame({"u_1": [1, 2], "u_2": [0, 1]}), item="u")
    with pytest.raises(AnalysisError, match="at least 2 cases"):
        sv.multiple_response(pd.DataFrame({"u_1": [1, 0], "u_2": [0, 0]}), item="u")
    with pytest.raises(AnalysisError, match="at least 2 groups"):
        sv.multiple_response(pd.DataFrame({"u_1": [1, 0, 1], "u_2": [0, 1, 1], "g": [1, 1, 1]}), item="u", by="g")
    with pytest.raises(AnalysisError, match="needs item="):
        sv.multiple_response(pd.DataFrame({"u_1": [1, 0]}))


def test_an_option_everyone_chose_is_not_tested_and_left_out_of_the_adjustment():
    df = pd.DataFrame({"u_1": [1] * 8, "u_2": [1, 0, 1, 0, 1, 1, 0, 0], "u_3": [0, 1, 0, 1, 1, 0, 0, 1], "g": [1, 1, 1, 1, 2, 2, 2, 2]})
    res = sv.multiple_response(df, item="u", by="g")
    t = res.group_tests
    assert np.isnan(t.loc["u_1", "p_value"]) and np.isnan(t.loc["u_1", "p_adjusted"])
    p = t.loc[["u_2", "u_3"], "p_value"].to_numpy()
    assert np.allclose(t.loc[["u_2", "u_3"], "p_adjusted"], sv.adjust_p(p).to_numpy())


def test_permuting_respondents_changes_nothing(data, res):
    again = sv.multiple_response(data.sample(frac=1, random_state=5), item="services", by="group")
    pd.testing.assert_frame_equal(again.table, res.table)
    pd.testing.assert_frame_equal(again.group_tests, res.group_tests, atol=1e-12, rtol=0)
    assert again.cochran_q == pytest.approx(res.cochran_q, abs=1e-10)
