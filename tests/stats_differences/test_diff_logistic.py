"""ordinal_regression against MASS::polr, logistic_regression against glm (logistic.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from survey.errors import AnalysisError
from survey.stats.logistic import logistic_regression, ordinal_regression

from .diff_refdata import REF, load_expected

EXP = load_expected("logistic_expected.csv")
ITER = 1e-4  # iterative fits (polr BFGS with reltol 1e-15 vs statsmodels BFGS); SEs from numerical Hessians
UCLA_LEVELS = ["unlikely", "somewhat likely", "very likely"]


def x(case, q) -> float:
    return float(EXP[(case, q)])


@pytest.fixture(scope="module")
def ucla():
    return pd.read_csv(REF / "ologit_ucla.csv")


@pytest.fixture(scope="module")
def likert():
    return pd.read_csv(REF / "likert.csv")


def _check_ordinal(res, case):
    for term, row in res.coefficients.iterrows():
        assert row["estimate"] == pytest.approx(x(case, f"est:{term}"), abs=ITER)
        assert row["se"] == pytest.approx(x(case, f"se:{term}"), abs=ITER)
        assert row["odds_ratio"] == pytest.approx(np.exp(x(case, f"est:{term}")), rel=ITER)
    for name, row in res.thresholds.iterrows():
        assert row["estimate"] == pytest.approx(x(case, f"est:{name}"), abs=ITER)
        assert row["se"] == pytest.approx(x(case, f"se:{name}"), abs=ITER)
    assert res.llf == pytest.approx(x(case, "loglik"), abs=1e-6)
    assert res.llnull == pytest.approx(x(case, "loglik0"), abs=1e-6)
    assert res.mcfadden_r2 == pytest.approx(x(case, "mcfadden"), abs=1e-7)
    for term, row in res.brant.iterrows():
        assert row["statistic"] == pytest.approx(x(case, f"brant:{term}"), abs=1e-5)
        assert row["df"] == x(case, f"brant_df:{term}")


def test_ordinal_matches_polr_ucla(ucla):
    res = ordinal_regression(ucla, "apply", ["pared", "public", "gpa"], levels=UCLA_LEVELS)
    _check_ordinal(res, "ucla")
    # the values statsmodels ships from MASS::polr (R 3.4.4, default tolerance: 4 decimals agree)
    np.testing.assert_allclose(res.coefficients["estimate"], [1.04769011, -0.05878572, 0.61594057], atol=1e-3)
    np.testing.assert_allclose(res.thresholds["estimate"], [2.203915, 4.299363], atol=1e-3)
    # UCLA IDRE's published brant() output for this model: omnibus 4.34 (3), pared .13, public 3.44, gpa .18
    np.testing.assert_allclose(res.brant["statistic"], [4.34, 0.13, 3.44, 0.18], atol=0.005)


def test_ordinal_chinese_labels_use_explicit_order(likert):
    res = ordinal_regression(likert, "sat_label", ["hygiene", "motivator", "gender"], levels=["不满意", "一般", "满意"])
    _check_ordinal(res, "likert_label")
    assert list(res.thresholds.index) == ["不满意|一般", "一般|满意"]
    # the same data as an ordered Categorical give the same fit
    cat = likert.assign(sat_label=pd.Categorical(likert["sat_label"], categories=["不满意", "一般", "满意"], ordered=True))
    res2 = ordinal_regression(cat, "sat_label", ["hygiene", "motivator", "gender"])
    np.testing.assert_allclose(res2.coefficients["estimate"], res.coefficients["estimate"], atol=1e-8)
    zh = res.findings("zh")
    assert "（不满意 < 一般 < 满意）" in zh[0] and "hygiene对sat_label具有显著的正向影响" in zh[1]


def test_ordinal_numeric_codes(likert):
    _check_ordinal(ordinal_regression(likert, "os", ["hygiene", "motivator"]), "likert_os")


def test_ordinal_refuses_to_guess_order(likert):
    with pytest.raises(AnalysisError, match="never alphabetical"):
        ordinal_regression(likert, "sat_label", ["hygiene"])
    unordered = likert.assign(sat_label=pd.Categorical(likert["sat_label"]))
    with pytest.raises(AnalysisError, match="unordered Categorical"):
        ordinal_regression(unordered, "sat_label", ["hygiene"])
    with pytest.raises(AnalysisError, match=r"not in levels.*满意"):
        ordinal_regression(likert, "sat_label", ["hygiene"], levels=["不满意", "一般"])
    with pytest.raises(AnalysisError, match="empty"):
        ordinal_regression(likert, "sat_label", ["hygiene"], levels=["不满意", "一般", "满意", "非常满意"])
    with pytest.raises(AnalysisError, match="singular"):
        ordinal_regression(likert.assign(t=likert["hygiene"] * 2), "os", ["hygiene", "t"])


def test_logistic_matches_glm(likert):
    res = logistic_regression(likert, "leave", ["hygiene", "motivator", "gender"])
    for term, row in res.coefficients.iterrows():
        for ours, theirs in [("estimate", "est"), ("se", "se"), ("p_value", "p"), ("ci_low", "lo"), ("ci_high", "hi")]:
            assert row[ours] == pytest.approx(x("leave", f"{theirs}:{term}"), abs=1e-7), (term, ours)  # Newton vs IRLS
    assert -2 * res.llf == pytest.approx(x("leave", "deviance"), abs=1e-7)
    assert -2 * res.llnull == pytest.approx(x("leave", "null_deviance"), abs=1e-7)
    assert res.aic == pytest.approx(x("leave", "aic"), abs=1e-7)
    assert res.nagelkerke_r2 == pytest.approx(x("leave", "nagelkerke"), abs=1e-8)
    en = res.findings("en")
    assert en[0].startswith("A binary logistic regression of leave (= 1)")
    assert any("did not" in s or "not a significant" in s or "significantly decreased" in s for s in en[1:])


def test_logistic_bad_input(likert):
    with pytest.raises(AnalysisError, match="give positive"):
        logistic_regression(likert, "education", ["hygiene"])
    with pytest.raises(AnalysisError, match="exactly 2 values"):
        logistic_regression(likert, "education", ["hygiene"], positive="本科")
    sep = pd.DataFrame({"y": [0, 0, 0, 0, 1, 1, 1, 1], "x": [1.0, 2, 3, 4, 5, 6, 7, 8]})
    with pytest.raises(AnalysisError, match="separation"):
        logistic_regression(sep, "y", ["x"])
    labelled = likert.assign(leave_label=likert["leave"].map({0: "留", 1: "走"}))
    res = logistic_regression(labelled, "leave_label", ["hygiene"], positive="走")
    assert res.n_events == int(likert["leave"].sum())
