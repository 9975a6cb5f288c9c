"""Ordinal CFA (DWLS on polychoric correlations) against R lavaan ``cfa(ordered = TRUE, estimator =
"WLSMV")`` (tests/reference/dwls/dwls.R) on 500 simulated 5-point answers to two 4-item factors."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError, SurveyWarning
from survey.stats.dwls import ordinal_moments

from .conftest import heywood_likert

DWLS = Path(__file__).resolve().parents[1] / "reference" / "dwls"
# estimates agree to ~1e-7 (both optimisers converge tightly); χ² and the indices built on it are
# flat at the optimum: 1e-7 relative
FIT_NAMES = [("chisq", "chisq"), ("df", "df"), ("p_value", "pvalue"), ("cfi", "cfi"), ("tli", "tli"), ("rmsea", "rmsea"),
             ("rmsea_ci_low", "rmsea.ci.lower"), ("rmsea_ci_high", "rmsea.ci.upper"), ("srmr", "srmr"),
             ("chisq_baseline", "baseline.chisq"), ("df_baseline", "baseline.df"), ("n_parameters", "npar"),
             ("chisq_scaled", "chisq.scaled"), ("df_scaled", "df.scaled"), ("p_value_scaled", "pvalue.scaled"),
             ("scaling_factor", "chisq.scaling.factor")]


@pytest.fixture(scope="module")
def ref() -> dict:
    return json.loads((DWLS / "dwls.json").read_text())


@pytest.fixture(scope="module")
def likert() -> pd.DataFrame:
    return pd.read_csv(DWLS / "likert5.csv")


@pytest.fixture(scope="module")
def fitted(ref, likert):
    return sv.cfa(likert, ref["model"], estimator="dwls")


def test_fit_matches_lavaan_wlsmv(ref, fitted):
    for ours, theirs in FIT_NAMES:
        # the RMSEA interval's limits are roots found by R's uniroot, to about 1e-8
        assert fitted.fit[ours] == pytest.approx(ref["fit"][theirs], rel=1e-7, abs=1e-7 if "ci" in ours else 1e-12), ours
    assert fitted.n == ref["nobs"] == 500 and fitted.estimator == "dwls" and fitted.nan_policy == "listwise"


def test_loadings_and_factor_correlation_match_lavaan(ref, fitted):
    lv = pd.DataFrame(ref["estimates"])
    loads = lv[lv.op == "=~"]
    assert fitted.std_loadings["item"].tolist() == loads.rhs.tolist()
    np.testing.assert_allclose(fitted.std_loadings["estimate"], loads.est_std, atol=1e-5)
    np.testing.assert_allclose(fitted.std_loadings["unstd"], loads.est, atol=1e-5)
    free = (loads.se > 0).to_numpy()
    np.testing.assert_allclose(fitted.std_loadings["se"][free], loads.se[free], atol=1e-5)
    r = lv[(lv.op == "~~") & (lv.lhs == "A") & (lv.rhs == "B")].est_std.item()
    assert fitted.factor_correlations.loc["A", "B"] == pytest.approx(r, abs=1e-5)
    assert fitted.admissible and not fitted.issues


def test_thresholds_polychorics_and_their_asymptotic_covariance(ref, likert):
    m = ordinal_moments(likert, what="test")
    np.testing.assert_allclose(np.concatenate(m.thresholds), list(ref["thresholds"].values()), atol=1e-12)
    # lavaan's polychorics stop at its optimiser's tolerance (~4e-9 from ours)
    np.testing.assert_allclose(m.correlations.to_numpy(), np.array(ref["polychoric"]), atol=1e-7)
    np.testing.assert_allclose(m.gamma, np.array(ref["gamma"]), atol=1e-7)


def test_findings_name_the_estimator_and_the_robust_test(fitted):
    text = " ".join(fitted.findings())
    assert "diagonally weighted least squares (DWLS" in text and "scaled-shifted" in text and "χ²(19) = 126.63" in text
    assert "对角加权最小二乘法（DWLS" in " ".join(fitted.findings("zh"))
    assert fitted.fit["chisq"] < fitted.fit["chisq_scaled"]


def test_ml_stays_the_default(ref, likert):
    res = sv.cfa(likert, ref["model"])
    assert res.estimator == "ml" and not any("DWLS" in s for s in res.findings())


def test_bad_estimator_options_are_named_errors(ref, likert):
    with pytest.raises(AnalysisError, match="estimator must be"):
        sv.cfa(likert, ref["model"], estimator="wlsmv")
    with pytest.raises(AnalysisError, match="complete rows"):
        sv.cfa(likert, ref["model"], estimator="dwls", nan_policy="fiml")
    with pytest.raises(AnalysisError, match="more than 10 categories"):
        sv.cfa(likert.assign(a1=np.arange(len(likert)) % 12), ref["model"], estimator="dwls")


def test_incomplete_rows_are_left_out_and_counted(ref, likert):
    holes = likert.copy()
    holes.loc[:9, "a2"] = np.nan
    res = sv.cfa(holes, ref["model"], estimator="dwls")
    assert res.n == 490 and res.n_excluded == 10


def test_heywood_case_is_inadmissible_with_dwls():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        res = sv.cfa(heywood_likert(), {"A": ["a1", "a2", "a3"], "B": ["b1", "b2", "b3"]}, estimator="dwls")
    assert not res.admissible and "Heywood" in " ".join(res.issues)
    assert not any("fit was" in s for s in res.findings())
