"""Completeness: a declared missing code ("no opinion", "never tried", 不适用, a platform's skip
code) is an answer; only blank cells make a respondent a partial complete."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from survey.errors import QuestionnaireError
from survey.io import load_responses
from survey.schema import questionnaire_from_dict

OPINION = {1: "Strongly disagree", 2: "Disagree", 3: "Neutral", 4: "Agree", 5: "Strongly agree"}
Q = questionnaire_from_dict(
    {
        "id": "complete",
        "title": "completeness",
        "id_column": "ResponseId",
        "scales": {
            "agree": {"labels": OPINION, "missing": {-1: "No opinion", -2: "Never tried"}},
            "sat": {"labels": {1: "不满意", 2: "一般", 3: "满意"}, "missing": {8: "不适用", -2: "跳过", -3: "未显示"}},
        },
        "items": [
            *[{"id": f"A{i}", "text": f"A{i}", "scale": "agree"} for i in range(1, 5)],
            *[{"id": f"S{i}", "text": f"S{i}", "scale": "sat"} for i in range(1, 4)],
            {"id": "kids", "type": "numeric", "min": 0, "max": 20, "text": "子女人数", "missing": {-2: "不适用", 99: "拒答"}},
        ],
    }
)

# 15 respondents who answered every question, many with a declared missing or skip code, and one
# who left A3 blank: only R16 is a partial complete
ROWS = [
    "R01,4,4,5,-1,3,3,2,1",
    "R02,-1,-2,4,4,不适用,满意,(跳过),0",
    "R03,No opinion,Never tried,3,4,-2,-3,未显示,2",
    "R04,-2,-2,-2,-2,8,8,8,-2",
    "R05,2,2,-1,3,2,2,2,99",
    "R06,5,-1,5,5,3,跳过,3,拒答",
    "R07,-1,-1,-1,-1,-3,-3,-3,不适用",
    "R08,3,3,3,-2,1,2,3,4",
    "R09,4,-1,4,4,3,3,-2,1",
    "R10,1,2,-2,2,1,(跳过),1,0",
    "R11,Agree,Agree,No opinion,Neutral,满意,满意,-3,3",
    "R12,5,5,5,-1,3,3,3,1",
    "R13,-1,3,3,3,2,2,不适用,2",
    "R14,2,-2,2,2,1,-2,1,0",
    "R15,4,4,4,4,3,3,3,-2",
    "R16,4,4,,4,3,3,3,1",
]


@pytest.fixture
def responses(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("ResponseId,A1,A2,A3,A4,S1,S2,S3,kids\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    return load_responses(path, Q)


def test_declared_and_skip_codes_count_as_answered(responses):
    flags = responses.quality.flags
    assert flags.index[flags["partial"]].tolist() == ["R16"]
    assert flags.loc["R04", "answered_share"] == 1.0 and flags.loc["R16", "answered_share"] == pytest.approx(7 / 8)
    assert "declared missing codes count as answers" in responses.quality.rules["partial"]
    # the codes are still missing values in the data, and counted
    assert responses.data.loc["R04"].isna().all() and responses.quality.missing_by_respondent["R04"] == 8
    assert responses.missing_codes.loc["R03", "A1"] == -1 and responses.missing_codes.loc["R03", "S2"] == -3
    assert np.isnan(responses.missing_codes.loc["R16", "A3"])


def test_screen_removes_only_the_blank_respondent_and_says_by_which_rule(responses):
    clean = responses.screen()
    excluded = {e.rule: e.respondents for e in clean.ledger if e.step == "exclude"}
    assert excluded == {"partial": ("R16",)}
    assert len(clean) == 15 and clean.missing_codes.index.equals(clean.data.index)
    assert clean.quality.flags["partial"].sum() == 0
    assert clean.ledger[-1].detail.startswith("16 in, 15 used, 1 excluded")
    assert [e.detail for e in clean.ledger if e.rule == "partial"] == [responses.quality.rules["partial"]]


def test_completeness_survives_exclusion_by_hand_and_duplicated_ids(responses):
    fewer = responses.exclude(["R01"], reason="withdrew consent")
    assert fewer.missing_codes.index.equals(fewer.data.index)
    assert fewer.quality.flags.index[fewer.quality.flags["partial"]].tolist() == ["R16"]


def test_numeric_items_take_declared_missing_codes(responses):
    kids = responses.data["kids"]
    assert kids.notna().sum() == 11 and kids.max() == 4  # 99 "拒答" is never averaged in
    assert kids.mean() == pytest.approx((1 + 0 + 2 + 4 + 1 + 0 + 3 + 1 + 2 + 0 + 1) / 11)
    counted = {row.code: row.count for row in responses.declared_missing.itertuples() if row.column == "kids"}
    assert counted == {-2: 3, 99: 2}
    assert responses.invalid.empty  # 99 lies outside max 20 but is a declared code


def test_numeric_missing_codes_from_a_column_of_numbers(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("ResponseId,kids\nR1,2\nR2,-2\nR3,99\nR4,3\nR5,25\n", encoding="utf-8")
    r = load_responses(path, Q, on_invalid="flag")
    assert r.data["kids"].isna().tolist() == [False, True, True, False, True]
    assert r.missing_codes["kids"].tolist()[1:3] == [-2.0, 99.0]
    assert r.invalid["value"].tolist() == ["25"]


def test_missing_codes_belong_to_the_scale_for_other_items():
    with pytest.raises(QuestionnaireError, match="missing codes from its scale"):
        questionnaire_from_dict(
            {"id": "x", "title": "x", "scales": {"s": {"labels": {1: "a", 2: "b"}}},
             "items": [{"id": "q", "text": "q", "scale": "s", "missing": {9: "n/a"}}]}
        )


def test_wenjuanxing_export_skip_codes_and_blanks(tmp_path):
    from tests.io.wjx_fixtures import make_export, small_questionnaire, write_delimited

    q = small_questionnaire()
    cells, expected, missing = make_export(q, 60, seed=5, kind="text", missing_share=0.2)
    assert sum(missing.values()) > 10  # "未显示" in many rows
    blank_header = next(c for c in cells.columns if c.startswith("3、(子女教育)"))
    cells.loc[[4, 9], blank_header] = ""
    r = load_responses(write_delimited(cells, tmp_path / "wjx.csv", encoding="gbk"), q)
    flags = r.quality.flags
    assert flags.index[flags["partial"]].tolist() == ["5", "10"]
    # text, "please specify" and split option columns sit among the items: counts stay on their own item
    pd.testing.assert_series_equal(r.quality.missing_by_item, r.data.isna().sum().rename("missing").astype("int64"))
    assert r.quality.missing_by_item["S2"] == missing[("S2", -3)] + 2  # the "未显示" codes and the two blanks


def test_spss_user_missing_values_count_as_answered(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"id": ["1", "2", "3", "4"], "q1": [1.0, 9.0, 5.0, np.nan], "q2": [2.0, 3.0, 8.0, 4.0]})
    path = tmp_path / "user_missing.sav"
    pyreadstat.write_sav(frame, str(path), missing_ranges={"q1": [9.0], "q2": [{"lo": 8.0, "hi": 9.0}]})
    q = questionnaire_from_dict(
        {"id": "sav", "title": "sav", "id_column": "id", "scales": {"s5": {"labels": OPINION}},
         "items": [{"id": "q1", "text": "q1", "scale": "s5"}, {"id": "q2", "text": "q2", "scale": "s5"}]}
    )
    r = load_responses(path, q)
    assert np.isnan(r.data.loc["2", "q1"]) and r.missing_codes.loc["2", "q1"] == 9
    assert r.missing_codes.loc["3", "q2"] == 8
    assert r.quality.flags.index[r.quality.flags["partial"]].tolist() == ["4"]  # only the system-missing (blank) cell
