"""Multiple imputation and Rubin's rules against R's mice 3.15.0 (tests/reference/mi/mi.R).

Two kinds of check:

* Rubin's rules exactly (1e-10): fed the very estimates and variances of R's own 50 imputations,
  our pooling gives what ``mice::pool`` and ``mice::pool.scalar`` give.
* The whole procedure within Monte-Carlo error: our chained equations (PMM, 50 imputations,
  10 iterations) on the same data, pooled, against ``mice`` + ``pool`` on the same model. The two
  use different random numbers, so each pooled estimate is an independent draw of the same
  Monte-Carlo estimator; their difference has variance ≈ B/m + B/m (B the between-imputation
  variance, m = 50). The tolerance is 4 standard deviations of that difference, 4·√(2B/m): a
  correct implementation fails it about once in 15,000 comparisons, while an error in the
  imputation model (a missing predictor, a wrong draw) shifts estimates by several of them.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from survey.stats import compare_groups, cronbach_alpha, regression
from survey.stats.imputation import impute
from survey.stats.missing import little_mcar, missing_patterns
from survey.stats.pooling import pool_scalar, pool_table

HERE = Path(__file__).resolve().parents[1] / "reference" / "mi"
REF = json.loads((HERE / "mi.json").read_text())
M = REF["m"]


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(HERE / "mi_data.csv")


@pytest.fixture(scope="module")
def imputed(data):
    return impute(data, m=M, maxit=REF["maxit"], seed=7)


def test_rubin_rules_exactly_on_r_estimates():
    per = REF["per_imputation"]
    q, u = np.array(per["estimate"]), np.array(per["variance"])
    table = pool_table(q, u, per["terms"], dfcom=REF["regression"]["dfcom"], ci_level=0.95)
    ref = REF["regression"]
    for ours, theirs in [("estimate", "estimate"), ("se", "std.error"), ("statistic", "statistic"), ("df", "df"),
                         ("p_value", "p.value"), ("ci_low", "conf.low"), ("ci_high", "conf.high"), ("riv", "riv"),
                         ("lambda", "lambda"), ("fmi", "fmi"), ("ubar", "ubar"), ("b", "b"), ("t", "t")]:
        np.testing.assert_allclose(table[ours].to_numpy(), ref[theirs], rtol=1e-10, atol=1e-14, err_msg=ours)


def test_pool_scalar_exactly():
    ref = REF["pool_scalar"]
    out = pool_scalar(ref["Q"], ref["U"], dfcom=ref["n"] - ref["k"])
    for ours, theirs in [("estimate", "qbar"), ("ubar", "ubar"), ("b", "b"), ("t", "t"), ("df", "df"), ("riv", "r"), ("fmi", "fmi")]:
        assert out[ours] == pytest.approx(ref[theirs], rel=1e-10), ours


def test_pooled_r2_exactly_on_r_estimates():
    from survey.stats.pooling import _fisher_mean

    assert _fisher_mean(REF["per_imputation"]["r2"]) == pytest.approx(REF["r2"], rel=1e-10)


def _tolerance(b: np.ndarray) -> np.ndarray:
    return 4 * np.sqrt(2 * np.asarray(b) / M)


def test_pooled_regression_within_monte_carlo_error(imputed):
    res = imputed.pool(lambda d: regression(d, "y", ["x1", "x2", "a1"]))
    ref = REF["regression"]
    assert list(res.table.index) == ref["term"]
    b = np.array(ref["b"])
    assert np.all(np.abs(res.table["estimate"].to_numpy() - ref["estimate"]) < _tolerance(b))
    # se = √T with T = Ū + (1 + 1/m)B; Ū barely varies between runs, B has relative SD √(2/(m − 1)),
    # so √T has SD ≈ (1 + 1/m)·B·√(2/(m − 1)) / (2√T); 4 SDs of the difference of two runs, plus
    # 0.1 % of √T for Ū, the mean of m within-imputation variances, which moves slightly between runs:
    t = np.array(ref["t"])
    sd_se = (1 + 1 / M) * b * math.sqrt(2 / (M - 1)) / (2 * np.sqrt(t))
    assert np.all(np.abs(res.table["se"].to_numpy() - ref["std.error"]) < 4 * math.sqrt(2) * sd_se + 1e-3 * np.sqrt(t))
    # λ ∝ B, so its relative SD is that of B, √(2/(m − 1)) (0.20 at m = 50): 4 SDs of a difference
    lam = np.array(ref["lambda"])
    assert np.all(np.abs(res.table["lambda"].to_numpy() - lam) < 4 * math.sqrt(2) * lam * math.sqrt(2 / (M - 1)))
    assert (res.table["df"] > 100).all() and (res.table["df"] < ref["dfcom"]).all()


def test_pooled_mean_difference_within_monte_carlo_error(imputed):
    res = imputed.pool(lambda d: compare_groups(d, dv="y", by="g", test="student"))
    ref = REF["group"]
    # R's lm(y ~ factor(g)) coefficient is mean(2) − mean(1); ours is first − second
    assert -res.table["estimate"].iloc[0] == pytest.approx(ref["estimate"][1], abs=float(_tolerance(ref["b"][1])))
    t = ref["ubar"][1] + (1 + 1 / M) * ref["b"][1]
    sd_se = (1 + 1 / M) * ref["b"][1] * math.sqrt(2 / (M - 1)) / (2 * math.sqrt(t))
    assert res.table["se"].iloc[0] == pytest.approx(ref["std.error"][1], abs=4 * math.sqrt(2) * sd_se + 1e-3 * math.sqrt(t))


def test_pooled_alpha_is_the_mean_over_imputations(imputed):
    res = imputed.pool(lambda d: cronbach_alpha(d[["a1", "a2", "a3", "a4"]]))
    per = [cronbach_alpha(imputed.complete(i)[["a1", "a2", "a3", "a4"]]).alpha for i in range(M)]
    assert res.table["alpha"].iloc[0] == pytest.approx(np.mean(per), rel=1e-12)
    # against mice: the mean of m alphas has SD ≈ sd(alpha)/√m in each run; 4 SDs of the difference
    sd = REF["alpha"]["sd"]
    assert res.table["alpha"].iloc[0] == pytest.approx(REF["alpha"]["mean"], abs=4 * math.sqrt(2) * sd / math.sqrt(M))


def test_little_mcar_against_r_formula(data):
    ref = REF["little"]
    res = little_mcar(data[ref["columns"]])
    assert res.df == ref["df"]
    # EM converged to a change below 1e-10 in both implementations; d² then agrees to 1e-8
    assert res.statistic == pytest.approx(ref["statistic"], rel=1e-8)
    assert res.p_value == pytest.approx(ref["p_value"], rel=1e-6)
    np.testing.assert_allclose(res.covariance.to_numpy(), ref["sigma"], atol=1e-8)
    np.testing.assert_allclose(res.mean.to_numpy(), ref["mu"], atol=1e-8)


def test_little_mcar_tiny_against_r_formula():
    ref = REF["little_tiny"]
    res = little_mcar(pd.read_csv(HERE / "little_tiny.csv"))
    assert res.df == ref["df"]
    assert res.statistic == pytest.approx(ref["statistic"], rel=1e-8)
    np.testing.assert_allclose(res.covariance.to_numpy(), ref["sigma"], atol=1e-8)


def test_missing_patterns_match_md_pattern(data):
    ref = REF["md_pattern"]
    res = missing_patterns(data)
    assert sorted(res.patterns["n"].tolist()) == sorted(ref["counts"])
    assert dict(zip(ref["variables"], ref["missing_per_variable"])) == res.missing["n_missing"].to_dict()
    assert res.n_complete == 267
