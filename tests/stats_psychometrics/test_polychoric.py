"""Polychoric / polyserial correlations and cor="polychoric" against R psych and polycor (polychoric.R)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import survey as sv
from survey.errors import AnalysisError, SurveyWarning
from survey.stats.polychoric import bvn_cdf

from .conftest import BFI_SCALES, keyed

HERE = Path(__file__).resolve().parents[1] / "reference" / "polychoric"
REF = json.loads((HERE / "polychoric.json").read_text())
REF_ML = json.loads((HERE / "polychoric_ml.json").read_text())  # polycor's ML restarted until it settles
# psych's polychoric and polycor's two-step fit rho with R's optimize (tol = eps^.25 ≈ 1.2e-4), and
# psych's rectangle probabilities come from mnormt::sadmvn (abseps 1e-6): 1e-4 is what R itself
# guarantees; our Newton fit is converged to 1e-10.
TOL = 1e-4


def _ordinal(n: int, rho: float, cuts_x, cuts_y, seed: int) -> pd.DataFrame:
    z = np.random.default_rng(seed).multivariate_normal([0, 0], [[1, rho], [rho, 1]], size=n)
    return pd.DataFrame({"x": np.digitize(z[:, 0], cuts_x) + 1.0, "y": np.digitize(z[:, 1], cuts_y) + 1.0})


def test_bvn_cdf_matches_scipy():
    rng = np.random.default_rng(0)
    h, k = rng.normal(size=200) * 1.5, rng.normal(size=200) * 1.5
    r = np.concatenate([rng.uniform(-0.92, 0.92, 150), rng.choice([-1, 1], 50) * rng.uniform(0.925, 0.9999, 50)])
    ref = [stats.multivariate_normal([0, 0], [[1, c], [c, 1]]).cdf([a, b]) for a, b, c in zip(h, k, r)]
    np.testing.assert_allclose(bvn_cdf(h, k, r), ref, atol=1e-12)
    assert bvn_cdf(np.inf, 0.3, 0.5) == pytest.approx(stats.norm.cdf(0.3), abs=1e-15)
    assert bvn_cdf(-np.inf, 0.3, 0.5) == 0.0


def test_matrix_matches_psych_polychoric(bfi_cc):
    res = sv.polychoric(bfi_cc)
    r = REF["bfi_cc"]
    assert list(res.matrix.index) == r["items"]
    np.testing.assert_allclose(res.matrix.to_numpy(), r["rho"], atol=TOL)
    np.testing.assert_allclose(res.thresholds.to_numpy(), r["tau"], atol=1e-10)  # closed form
    assert res.n == r["n"] and not res.smoothed and res.thresholds_rule == "global"
    assert res.se.notna().to_numpy()[np.triu_indices(25, 1)].all()
    assert len(res.tests) == 300 and res.tests["df"].eq(6 * 6 - 6 - 6).all()
    assert ((res.tests["p_value"] >= 0) & (res.tests["p_value"] <= 1)).all()


def test_pairwise_missing_global_thresholds(bfi_raw):
    res = sv.polychoric(bfi_raw[BFI_SCALES["A"]])
    np.testing.assert_allclose(res.matrix.to_numpy(), REF["bfi_raw_A"]["rho"], atol=TOL)
    np.testing.assert_allclose(res.thresholds.to_numpy(), REF["bfi_raw_A"]["tau"], atol=1e-10)
    assert res.n_pairs.loc["A1", "A2"] == int(bfi_raw[["A1", "A2"]].notna().all(axis=1).sum())


def test_unequal_categories_pairwise_thresholds_with_correction(bfi_cc):
    x = bfi_cc[BFI_SCALES["C"]].copy()
    x["C1"] = np.array([1, 1, 2, 2, 3, 3])[x["C1"].astype(int) - 1]
    res = sv.polychoric(x, thresholds="pairwise")  # what psych switches to for unequal categories
    np.testing.assert_allclose(res.matrix.to_numpy(), REF["unequal_C"]["rho"], atol=TOL)
    assert res.correct == 0.5


@pytest.mark.parametrize("case", [k for k in REF if k.startswith("pair_")])
@pytest.mark.parametrize("estimator,key", [("two-step", "two_step"), ("ml", "ml")])
def test_pair_matches_polycor(case, estimator, key, bfi_cc):
    r = REF[case]
    res = sv.polychoric_pair(bfi_cc[r["x"]], bfi_cc[r["y"]], estimator=estimator)
    want = r[key] if estimator == "two-step" else REF_ML[case]
    assert res.estimate == pytest.approx(want["rho"], abs=TOL)
    assert res.se == pytest.approx(want["se"], abs=TOL)
    np.testing.assert_allclose(res.row_thresholds, want["row_cuts"], atol=TOL)
    np.testing.assert_allclose(res.col_thresholds, want["col_cuts"], atol=TOL)
    # polycor adds 1e-6 to every cell inside the log of its saturated term: 1e-4 relative
    assert res.statistic == pytest.approx(want["chisq"], rel=TOL)
    assert res.df == want["df"] and 0 <= res.p_value <= 1
    assert res.findings()[0].startswith("The polychoric correlation was")


@pytest.mark.parametrize("item", ["A2", "C1"])
@pytest.mark.parametrize("estimator,key", [("two-step", "two_step"), ("ml", "ml")])
def test_polyserial_matches_polycor(item, estimator, key, bfi_cc):
    x = np.array(REF["polyserial_data"]["x"])
    res = sv.polyserial(x, bfi_cc[item].to_numpy(), estimator=estimator)
    want = REF[f"polyserial_{item}"][key]
    assert res.estimate == pytest.approx(want["rho"], abs=TOL)
    assert res.se == pytest.approx(want["se"], abs=TOL)
    np.testing.assert_allclose(res.col_thresholds, want["cuts"], atol=TOL)
    assert res.df == 4 * 6 - 6 - 1 and 0 <= res.p_value <= 1


@pytest.mark.parametrize("rotation", ["varimax", "oblimin"])
def test_efa_polychoric_matches_psych_fa_poly(rotation, bfi_cc):
    want = REF[f"fa_poly_minres_{rotation}"]
    res = sv.efa(bfi_cc, n_factors=5, method="minres", rotation=rotation, cor="polychoric")
    assert res.correlation == "polychoric"
    got = res.loadings.to_numpy()
    ref = np.array(want["loadings"])
    # align factor order and sign with psych's (ordering rules agree; signs by the sum)
    order = [int(np.argmax(np.abs(got.T @ ref[:, j]))) for j in range(5)]
    got = got[:, order] * np.sign(np.sum(got[:, order] * ref, axis=0))
    np.testing.assert_allclose(got, ref, atol=1e-3)  # iterative fit on a matrix agreeing to 2e-5
    np.testing.assert_allclose(res.communalities.to_numpy(), want["communality"], atol=1e-3)
    assert "polychoric" in res.findings()[0]


def test_efa_pearson_default_unchanged(bfi_cc):
    x = bfi_cc[BFI_SCALES["A"] + BFI_SCALES["C"]]
    a = sv.efa(x, n_factors=2)
    b = sv.efa(x, n_factors=2, cor="pearson")
    pd.testing.assert_frame_equal(a.loadings, b.loadings)
    assert a.correlation == "pearson"


def test_parallel_polychoric_observed_values_match_psych(bfi_cc):
    res = sv.parallel_analysis(bfi_cc, cor="polychoric", seed=1)
    np.testing.assert_allclose(res.table["observed"].to_numpy(), REF["parallel_poly"]["fa_values"], atol=1e-3)
    assert res.correlation == "polychoric"
    assert res.n_suggested == REF["parallel_poly"]["nfact"]


@pytest.mark.parametrize("scale", list(BFI_SCALES))
def test_ordinal_alpha_and_omega_match_psych(scale, bfi_cc):
    want = REF[f"ordinal_{scale}"]
    x = keyed(bfi_cc[BFI_SCALES[scale]])
    res = sv.cronbach_alpha(x, cor="polychoric")
    assert res.alpha == pytest.approx(want["alpha"], abs=TOL)
    assert res.average_r == pytest.approx(want["average_r"], abs=TOL)
    np.testing.assert_allclose(res.item_stats["r_drop"], want["r_drop"], atol=TOL)
    np.testing.assert_allclose(res.item_stats["alpha_if_deleted"], want["alpha_if_deleted"], atol=TOL)
    np.testing.assert_allclose(res.item_stats["sd"], x.std().to_numpy(), atol=1e-12)  # the answers' sd
    assert "ordinal α" in res.findings()[0]
    om = sv.omega(x, n_group_factors=None, cor="polychoric")
    assert om.omega_total == pytest.approx(want["omega_total"], abs=TOL)
    assert om.findings()[0].startswith("Ordinal McDonald")


def test_pearson_alpha_unchanged_and_bad_cor(bfi_cc):
    x = keyed(bfi_cc[BFI_SCALES["A"]])
    assert sv.cronbach_alpha(x).alpha == sv.cronbach_alpha(x, cor="pearson").alpha
    with pytest.raises(AnalysisError, match="cor must be one of"):
        sv.cronbach_alpha(x, cor="spearman")
    with pytest.raises(AnalysisError, match="bootstrap"):
        sv.cronbach_alpha(x, cor="polychoric", n_boot=100)


def test_constant_item_is_named():
    df = _ordinal(300, 0.5, [-0.5, 0.5], [0], seed=3)
    df["z"] = 2.0
    with pytest.raises(AnalysisError, match=r"constant.*\['z'\]"):
        sv.polychoric(df)


def test_single_category_within_pair_is_named():
    df = _ordinal(300, 0.5, [-0.5, 0.5], [0, 1], seed=4)
    df["w"] = np.where(np.arange(300) < 150, 1.0, 2.0)
    df.loc[df.index >= 150, "x"] = np.nan  # x answered only where w is 1
    with pytest.raises(AnalysisError, match="x × w"):
        sv.polychoric(df)


def test_too_many_categories_is_named():
    df = pd.DataFrame({"a": np.arange(200) % 11, "b": np.arange(200) % 3})
    with pytest.raises(AnalysisError, match=r"more than 10 categories.*a \(11\)"):
        sv.polychoric(df)


def test_unused_code_is_not_a_category():
    df = _ordinal(1000, 0.4, [-0.5, 0.5], [-0.3, 0.6], seed=5)
    gap = df.assign(x=df["x"].map({1.0: 1.0, 2.0: 2.0, 3.0: 4.0}))  # code 3 never chosen
    a, b = sv.polychoric(df), sv.polychoric(gap)
    assert a.matrix.loc["x", "y"] == pytest.approx(b.matrix.loc["x", "y"], abs=1e-12)


def test_empty_cells_give_finite_estimates():
    df = _ordinal(400, 0.9, [-1, 0, 1], [-1, 0, 1], seed=6)  # strong correlation: empty corner cells
    res = sv.polychoric(df)
    assert np.isfinite(res.matrix.to_numpy()).all() and np.isfinite(res.se.loc["x", "y"])
    pair = sv.polychoric_pair(df["x"], df["y"])
    assert pair.estimate == pytest.approx(res.matrix.loc["x", "y"], abs=1e-10)  # complete data: same thresholds


def test_not_positive_definite_is_smoothed_with_warning():
    rng = np.random.default_rng(7)
    n = 60
    a = rng.integers(1, 4, n).astype(float)
    b = np.where(rng.random(n) < 0.9, a, rng.integers(1, 4, n)).astype(float)
    c = np.where(rng.random(n) < 0.9, a, 4 - a).astype(float)
    df = pd.DataFrame({"a": a, "b": b, "c": c, "d": np.where(np.arange(n) < 30, b, 4 - c)})
    df.loc[:20, "c"] = np.nan
    df.loc[40:, "b"] = np.nan
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = sv.polychoric(df)
    assert res.smoothed and any("smoothed" in i for i in res.issues)
    assert any(issubclass(w.category, SurveyWarning) for w in caught)
    assert np.linalg.eigvalsh(res.matrix.to_numpy()).min() > 0
    assert "smoothed" in res.findings()[-1]
    assert np.allclose(np.diag(res.matrix), 1)


def test_permutation_invariance_and_bounds(bfi_cc):
    x = bfi_cc[BFI_SCALES["N"]]
    a = sv.polychoric(x).matrix
    b = sv.polychoric(x.sample(frac=1, random_state=0)[x.columns[::-1]]).matrix
    pd.testing.assert_frame_equal(a, b.loc[a.index, a.columns], atol=1e-10, check_names=False)
    assert (a.abs().to_numpy() <= 1).all()


def test_findings_zh_and_en(bfi_cc):
    res = sv.polychoric(bfi_cc[BFI_SCALES["E"]])
    assert "Polychoric correlations among the 5 ordinal items" in res.findings()[0]
    assert "多分格" in res.findings("zh")[0]
    assert "多分格" in sv.polychoric_pair(bfi_cc["E1"], bfi_cc["E2"]).findings("zh")[0]


def test_no_interior_maximum_is_named():
    x = np.repeat([1.0, 2.0, 3.0], 50)
    df = pd.DataFrame({"a": x, "b": x, "c": np.tile([1.0, 2.0, 3.0], 50)})
    with pytest.warns(SurveyWarning, match=r"no maximum inside.*a × b"):
        res = sv.polychoric(df)
    assert res.matrix.loc["a", "b"] == pytest.approx(0.9999) and "a × b" in res.issues[0]


def test_pair_of_unequal_categories_agrees_with_matrix():
    df = _ordinal(2000, 0.5, [-1, 0, 1], [0], seed=8)  # a 4 × 2 table
    pair = sv.polychoric_pair(df["x"], df["y"])
    assert pair.estimate == pytest.approx(sv.polychoric(df).matrix.loc["x", "y"], abs=1e-10)
    assert pair.df == 4 * 2 - 4 - 2 and len(pair.row_thresholds) == 3 and len(pair.col_thresholds) == 1
    ml = sv.polychoric_pair(df["x"], df["y"], estimator="ml")
    assert ml.estimate == pytest.approx(pair.estimate, abs=0.02) and ml.statistic <= pair.statistic + 1e-9


def test_polyserial_refuses_bad_bins_and_unequal_lengths():
    from survey.stats.polychoric import polyserial

    x, y = np.arange(20.0), np.tile([1, 2, 3, 4], 5)
    with pytest.raises(AnalysisError, match="bins must be a whole number"):
        polyserial(x, y, bins=1)
    with pytest.raises(AnalysisError, match="x has 20 values and y has 19"):
        polyserial(x, y[:19])
