"""crosstab, descriptives, likert_distribution, sample_profile against R (crosstab_descriptives.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from survey.errors import AnalysisError
from survey.stats.crosstabs import crosstab
from survey.stats.descriptives import descriptives, likert_distribution, sample_profile

from .diff_refdata import REF, load_expected

CLOSED = 1e-8
EXP = load_expected("crosstab_descriptives_expected.csv")


def x(case, q) -> float:
    return float(EXP[(case, q)])


@pytest.mark.parametrize(
    "case, data, row, col",
    [
        ("gender_edu", "likert", "gender", "education"),
        ("gender_leave", "likert", "gender", "leave"),
        ("edu_leave", "likert", "education", "leave"),
        ("cyl_gear", "mtcars", "cyl", "gear"),
        ("am_vs", "mtcars", "am", "vs"),
        ("am_vs_small", "mtcars_small", "am", "vs"),
    ],
)
def test_crosstab_matches_chisq_test(case, data, row, col, likert, mtcars):
    df = {"likert": likert, "mtcars": mtcars, "mtcars_small": mtcars[mtcars["cyl"] != 8]}[data]
    res = crosstab(df, row, col)
    assert res.chi2 == pytest.approx(x(case, "chi2"), abs=CLOSED)
    assert res.df == x(case, "df")
    assert res.chi2_p_value == pytest.approx(x(case, "p"), abs=CLOSED)
    assert res.cramers_v == pytest.approx(x(case, "V"), abs=CLOSED)
    assert res.min_expected == pytest.approx(x(case, "min_expected"), abs=CLOSED)
    if (case, "fisher_p") in EXP:
        assert res.fisher_p_value == pytest.approx(x(case, "fisher_p"), abs=CLOSED)
        yates = crosstab(df, row, col, correction=True)
        if yates.test == "chi_square":
            assert yates.statistic == pytest.approx(x(case, "chi2_yates"), abs=CLOSED)
            assert yates.p_value == pytest.approx(x(case, "p_yates"), abs=CLOSED)
    assert res.counts.to_numpy().sum() == res.n
    np.testing.assert_allclose(res.row_percent.sum(axis=1), 100)


def test_small_2x2_uses_fisher_and_large_tables_warn(mtcars):
    small = crosstab(mtcars[mtcars["cyl"] != 8], "am", "vs")
    assert small.test == "fisher" and small.p_value == pytest.approx(x("am_vs_small", "fisher_p"), abs=CLOSED)
    assert "Fisher's exact test" in small.findings()[0] and "No significant association" in small.findings()[0]
    big = crosstab(mtcars, "cyl", "gear")
    assert big.test == "chi_square" and big.warning and "below 5" in big.warning
    assert "期望频数小于5" in big.findings("zh")[1]
    assert "存在显著关联（χ² = 18.04，df = 4" in big.findings("zh")[0]


def test_crosstab_bad_input(likert):
    with pytest.raises(AnalysisError, match="at least 2 levels"):
        crosstab(likert.assign(one=1), "one", "gender")
    with pytest.raises(AnalysisError, match="no cases"):
        crosstab(likert, "gender", "education", col_levels=["本科", "硕士", "博士", "博士后"])
    with pytest.raises(AnalysisError, match="not in the data"):
        crosstab(likert, "gender", "nope")


@pytest.mark.parametrize("case, data, col", [("mpg", "mtcars", "mpg"), ("hp", "mtcars", "hp"), ("hygiene", "likert", "hygiene"), ("h1", "likert", "h1")])
def test_descriptives_match_spss_formulas(case, data, col, likert, mtcars):
    df = {"likert": likert, "mtcars": mtcars}[data]
    row = descriptives(df, [col]).table.loc[col]
    for q in ["n", "mean", "sd", "median", "skew", "skew_se", "kurtosis", "kurtosis_se"]:
        assert row[q] == pytest.approx(x(case, q), abs=CLOSED), q


def test_descriptives_missing_and_by(likert):
    air = pd.read_csv(REF / "airquality.csv")
    row = descriptives(air, ["Ozone"]).table.loc["Ozone"]
    assert row["n"] == x("Ozone", "n") and row["missing"] == 37
    assert row["skew"] == pytest.approx(x("Ozone", "skew"), abs=CLOSED)
    by = descriptives(likert, ["hygiene"], by="gender").table
    for g in (1, 2):
        assert by.loc[(g, "hygiene"), "mean"] == pytest.approx(x(f"hygiene_g{g}", "mean"), abs=CLOSED)
        assert by.loc[(g, "hygiene"), "kurtosis"] == pytest.approx(x(f"hygiene_g{g}", "kurtosis"), abs=CLOSED)
    with pytest.raises(AnalysisError, match="not numeric"):
        descriptives(likert, ["education"])
    with pytest.raises(AnalysisError, match="constant"):
        descriptives(likert.assign(k=3), ["k"])


def test_likert_distribution_counts(likert):
    res = likert_distribution(likert, ["h1", "m1"])
    for it in ["h1", "m1"]:
        vc = likert[it].value_counts()
        assert res.counts.loc[it].tolist() == [int(vc.get(c, 0)) for c in range(1, 6)]
    np.testing.assert_allclose(res.percent.sum(axis=1), 100)
    seven = likert_distribution(likert, ["h1"], codes=range(1, 8))
    assert seven.counts.loc["h1", 6] == 0 and seven.counts.loc["h1", 7] == 0
    bad = likert.assign(h1=likert["h1"].replace({5: 99}))
    with pytest.raises(AnalysisError, match=r"outside codes.*h1.*99"):
        likert_distribution(bad, ["h1"])


def test_sample_profile_and_suppression(likert):
    res = sample_profile(likert, ["gender", "age"], labels={"gender": {1: "男", 2: "女"}, "age": "年龄"})
    g = res.table[res.table["variable"] == "gender"]
    assert g["category"].tolist() == ["男", "女"] and g["n"].sum() == 300
    assert float(g["valid_percent"].sum()) == pytest.approx(100)
    sup = sample_profile(likert, ["age"], suppress_below=25).table
    # 50+ has 20 (< 25) -> suppressed, and the next smallest (40-49, 76) too, so 20 cannot be recovered
    assert sup["suppressed"].sum() == 2
    assert sup.loc[sup["suppressed"], "n"].isna().all()
    assert "人数少于25的单元格不予显示" in sample_profile(likert, ["age"], suppress_below=25).findings("zh")[-1]
    miss = likert.copy()
    miss.loc[:9, "gender"] = np.nan
    t = sample_profile(miss, ["gender"]).table
    assert t.iloc[-1]["category"] == "(missing)" and t.iloc[-1]["n"] == 10
    with pytest.raises(AnalysisError, match="without a label"):
        sample_profile(likert, ["gender"], labels={"gender": {1: "男"}})
