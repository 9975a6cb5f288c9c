"""correlations, correlation_table and regression against R (corr_regression.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from .diff_refdata import REF, load_expected
from survey.errors import AnalysisError
from survey.report.tables import correlation_table
from survey.stats.correlation import correlations
from survey.stats.regression import regression

CLOSED = 1e-8
EXP = load_expected("corr_regression_expected.csv")


def x(case, q) -> float:
    return float(EXP[(case, q)])


@pytest.fixture(scope="module")
def mtcars():
    return pd.read_csv(REF / "mtcars.csv")


@pytest.fixture(scope="module")
def likert():
    return pd.read_csv(REF / "likert.csv")


@pytest.fixture(scope="module")
def airquality():
    return pd.read_csv(REF / "airquality.csv")


@pytest.mark.parametrize("case, method", [("mtcars_pearson", "pearson"), ("mtcars_spearman", "spearman")])
def test_correlations_match_cor_test(case, method, mtcars):
    res = correlations(mtcars, ["mpg", "wt", "hp", "qsec"], method=method)
    checked = 0
    for row in res.to_frame().itertuples(index=False):
        key = f"{row.y}|{row.x}"
        assert row.estimate == pytest.approx(x(case, f"r:{key}"), abs=CLOSED)
        assert row.p_value == pytest.approx(x(case, f"p:{key}"), abs=CLOSED)
        assert row.n == x(case, f"n:{key}")
        if (case, f"lo:{key}") in EXP:
            assert row.ci_low == pytest.approx(x(case, f"lo:{key}"), abs=CLOSED)
            assert row.ci_high == pytest.approx(x(case, f"hi:{key}"), abs=CLOSED)
            checked += 1
    assert checked >= 1
    assert (res.ci_low.to_numpy() <= res.r.to_numpy() + 1e-15).all() and (res.r.to_numpy() <= res.ci_high.to_numpy() + 1e-15).all()


def test_pairwise_missing_matches_r_and_listwise_counts(airquality):
    cols = ["Ozone", "Solar.R", "Wind", "Temp"]
    res = correlations(airquality, cols, nan_policy="pairwise")
    for row in res.to_frame().itertuples(index=False):
        key = f"{row.y}|{row.x}"
        assert row.estimate == pytest.approx(x("airq_pairwise", f"r:{key}"), abs=CLOSED)
        assert row.p_value == pytest.approx(x("airq_pairwise", f"p:{key}"), abs=CLOSED)
        assert row.n == x("airq_pairwise", f"n:{key}")
        assert row.ci_low == pytest.approx(x("airq_pairwise", f"lo:{key}"), abs=CLOSED)
    lw = correlations(airquality, cols)
    assert lw.n_excluded == 42 and (lw.n.to_numpy() == 111).all()


def test_correlation_table_apa(mtcars):
    t = correlation_table(mtcars, ["mpg", "wt", "hp"], alphas={"mpg": 0.873})
    assert list(t.columns) == ["M", "SD", "1", "2", "3"]
    assert t.iloc[0]["1"] == "(.87)" and t.iloc[1]["2"] == "—"
    assert t.iloc[1]["1"] == "−.87***"  # r(mpg, wt) = -.868, p < .001
    assert t.iloc[0]["M"] == "20.09" and not t.attrs
    zh = correlation_table(mtcars, ["mpg", "wt"], style="gb", digits=3)
    assert zh.iloc[1]["1"] == "−0.868***"
    with pytest.raises(AnalysisError, match="alphas given for columns not in the table"):
        correlation_table(mtcars, ["mpg", "wt"], alphas={"zz": 0.8})


def test_correlation_findings(mtcars):
    res = correlations(mtcars, ["mpg", "wt", "qsec"])
    en = res.findings("en")
    assert any("significantly negatively correlated, r = −.87" in s for s in en)
    assert any(s.startswith("The correlation between wt and qsec was not significant") for s in en)
    assert any("存在显著的负相关" in s for s in res.findings("zh"))


@pytest.mark.parametrize(
    "case, y, blocks",
    [
        ("mtcars", "mpg", [["wt"], ["hp", "qsec"], ["am"]]),
        ("likert", "os", [["gender"], ["hygiene"], ["motivator"]]),
        ("airq", "Ozone", [["Solar.R", "Wind", "Temp"]]),
    ],
)
def test_regression_matches_lm(case, y, blocks, mtcars, likert, airquality):
    data = {"mtcars": mtcars, "likert": likert, "airq": airquality}[case]
    res = regression(data, y, blocks=blocks)
    for s, row in res.steps.iterrows():
        assert row["r2"] == pytest.approx(x(case, f"r2:{s}"), abs=CLOSED)
        assert row["adj_r2"] == pytest.approx(x(case, f"adjr2:{s}"), abs=CLOSED)
        assert row["f"] == pytest.approx(x(case, f"F:{s}"), abs=1e-7)
        assert (row["df1"], row["df2"]) == (x(case, f"df1:{s}"), x(case, f"df2:{s}"))
        assert row["p_value"] == pytest.approx(x(case, f"Fp:{s}"), abs=CLOSED)
        assert row["n"] == x(case, f"n:{s}")
        if s > 1:
            assert row["f_change"] == pytest.approx(x(case, f"Fchange:{s}"), abs=1e-7)
            assert row["p_change"] == pytest.approx(x(case, f"pchange:{s}"), abs=CLOSED)
            assert row["df1_change"] == x(case, f"dfchange:{s}")
    for (term, c) in res.step_coefficients.reset_index().set_index("term").iterrows():
        key = f"{int(c['step'])}:{term}"
        for ours, theirs in [("estimate", "B"), ("se", "SE"), ("statistic", "t"), ("p_value", "p"), ("ci_low", "lo"), ("ci_high", "hi")]:
            assert c[ours] == pytest.approx(x(case, f"{theirs}:{key}"), abs=CLOSED, rel=1e-10), (key, ours)
        if term != "(Intercept)":
            assert c["beta"] == pytest.approx(x(case, f"beta:{key}"), abs=CLOSED)
            assert c["vif"] == pytest.approx(x(case, f"vif:{key}"), abs=CLOSED)
    if case == "airq":
        assert res.n_excluded == 42


def test_regression_findings_and_frame(likert):
    res = regression(likert, "os", blocks=[["gender"], ["hygiene"], ["motivator"]], labels={"os": "overall satisfaction"})
    en = res.findings("en")
    assert en[0].startswith("The regression model predicting overall satisfaction was significant, F(3, 296)")
    assert any("Adding motivator in step 3 significantly increased" in s for s in en)
    zh = res.findings("zh")
    assert any("对overall satisfaction具有显著的正向影响" in s for s in zh)
    assert set(res.to_frame()["step"]) == {1, 2, 3}
    assert res.coefficients.loc["(Intercept)", "beta"] == 0.0


@pytest.mark.parametrize(
    "frame, kwargs, message",
    [
        (pd.DataFrame({"y": [1.0, 2, 3, 4, 5], "a": [1.0, 2, 3, 4, 6], "b": [2.0, 4, 6, 8, 12]}), {"predictors": ["a", "b"]}, "singular"),
        (pd.DataFrame({"y": [1.0, 2, 3, 4, 5], "a": [1.0, 1, 1, 1, 1]}), {"predictors": ["a"]}, "constant"),
        (pd.DataFrame({"y": ["a", "b", "c", "d", "e"], "a": [1.0, 2, 3, 4, 5]}), {"predictors": ["a"]}, "not numeric"),
        (pd.DataFrame({"y": [1.0, 2, 3, 4, 5], "a": [1.0, 2, 3, 5, 4]}), {"predictors": ["a", "a"]}, "more than once"),
        (pd.DataFrame({"y": [1.0, 2, np.nan, 4], "a": [1.0, np.nan, 3, 5]}), {"predictors": ["a"]}, "complete rows"),
        (pd.DataFrame({"y": [1.0, 2, 3, 4], "a": [1.0, 2, 3, 5]}), {}, "give predictors"),
    ],
)
def test_regression_bad_input(frame, kwargs, message):
    with pytest.raises(AnalysisError, match=message):
        regression(frame, "y", **kwargs)


def test_total_plus_parts_is_named_collinear(likert):
    df = likert.assign(total=likert["hygiene"] + likert["motivator"])
    with pytest.raises(AnalysisError, match=r"singular.*hygiene.*motivator.*total"):
        regression(df, "os", predictors=["hygiene", "motivator", "total"])


def test_correlation_bad_input():
    with pytest.raises(AnalysisError, match="method must be"):
        correlations(pd.DataFrame({"a": [1, 2, 3], "b": [1, 3, 2]}), method="kendall")
    with pytest.raises(AnalysisError, match="constant"):
        correlations(pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 1, 1, 1]}))
    with pytest.raises(AnalysisError, match="at least 2 columns"):
        correlations(pd.DataFrame({"a": [1, 2, 3, 4]}))
