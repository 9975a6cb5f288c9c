"""efa against R psych::fa / psych::principal (efa.R), parallel analysis against psych::fa.parallel
(parallel.R, structure only), and A. Field's SAQ tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey.stats.psychometrics as sv
from survey.errors import AnalysisError, SurveyWarning

from .conftest import BFI_ITEMS, BFI_SCALES, SAQ_SCALES

FA_CASES = [f"bfi_{m}_{r}" for m in ("minres", "pa", "ml") for r in ("none", "varimax", "promax", "oblimin", "quartimax")]
PC_CASES = [f"bfi_pc_{r}" for r in ("none", "varimax", "promax", "oblimin")]


def _tol(method):
    # pa and pc are closed-form iterations replicated step by step (1e-8); minres and ml are
    # optimisations stopped by different optimisers (R optim vs scipy): 1e-4, tighter than the 1e-3 norm
    return 1e-8 if method in ("pa", "pc") else 1e-4


@pytest.mark.parametrize("case", FA_CASES + PC_CASES + ["saq_pc_varimax", "saq_minres_oblimin", "bfi_minres_1"])
def test_matches_psych(case, ref, bfi_cc, saq):
    r = ref("efa")[case]
    if case == "bfi_minres_1":
        data, method, rotation = bfi_cc[BFI_SCALES["C"]], "minres", "none"
    else:
        _, method, rotation = case.split("_")
        data = saq if case.startswith("saq") else bfi_cc
    factors = [r["factors"]] if isinstance(r["factors"], str) else r["factors"]  # auto_unbox of one name
    res = sv.efa(data, n_factors=len(factors), method=method, rotation=rotation)
    tol = _tol(method)
    # psych's sign and order conventions are reproduced, so no alignment is needed
    np.testing.assert_allclose(res.loadings.to_numpy(), np.array(r["loadings"]).reshape(-1, len(factors)), atol=tol)
    np.testing.assert_allclose(res.communalities.to_numpy(), r["communality"], atol=tol)
    np.testing.assert_allclose(res.uniquenesses.to_numpy(), r["uniquenesses"], atol=tol)
    np.testing.assert_allclose(res.eigenvalues.to_numpy(), r["e_values"], atol=1e-10)
    np.testing.assert_allclose(res.variance["ss_loadings"].to_numpy(), r["ss_loadings"], atol=10 * tol)
    np.testing.assert_allclose(res.variance["proportion"].to_numpy(), r["proportion"], atol=tol)
    if r.get("Phi"):  # R NULL is written as {}
        np.testing.assert_allclose(res.phi.to_numpy(), np.array(r["Phi"]), atol=tol)
    else:
        assert res.phi is None
    assert res.admissible and res.converged
    assert list(res.loadings.index) == r["items"]


def test_field_saq_total_variance_explained(saq, ref):
    """Field (ch. 17, SPSS principal components + varimax), the "Total Variance Explained" table."""
    book = ref("field_saq_textbook")
    res = sv.efa(saq, n_factors=4, method="pc", rotation="varimax")
    vt = res.variance_table
    assert np.round(vt["initial_eigenvalue"].iloc[:4], 3).tolist() == book["initial_eigenvalues_4"]
    assert np.round(vt["initial_pct"].iloc[:4], 3).tolist() == book["initial_pct_4"]
    assert round(vt["extraction_cum_pct"].iloc[3], 3) == book["cumulative_pct_4"]
    assert round(vt["rotation_cum_pct"].iloc[3], 3) == book["cumulative_pct_4"]
    # SPSS stops varimax on its own convergence rule, R/psych (and we) iterate stats::varimax to
    # eps = 1e-5, so the rotated sums of squares agree to 2 decimals only (see the JSON's note).
    assert np.round(vt["rotation_ss"].iloc[:4], 2).tolist() == np.round(book["rotation_ss_4"], 2).tolist()


def test_field_saq_four_factor_structure(saq, ref):
    """Each item's largest rotated loading falls on its subscale's component, as in Field's table."""
    res = sv.efa(saq, n_factors=4, method="pc", rotation="varimax")
    primary = res.primary_factor(min_loading=0.0)
    for items in ref("field_saq_textbook")["subscales"].values():
        assert primary[items].nunique() == 1, items
    assert primary[[v[0] for v in SAQ_SCALES.values()]].nunique() == 4
    assert res.loadings.loc["Question_03"].min() < -0.4  # the reverse-worded item loads negatively


def test_kaiser_rule_and_parallel(saq, bfi_cc, ref):
    assert sv.efa(saq, n_factors="kaiser", method="pc").n_factors == 4
    par = ref("parallel")
    # psych::fa.parallel (set.seed(1), 20 iterations): bfi 6 factors / 5 components; SAQ 4 components.
    assert sv.parallel_analysis(bfi_cc, kind="fa", seed=0).n_suggested == par["bfi_cc"]["nfact"]
    assert sv.parallel_analysis(bfi_cc, kind="pc", seed=0).n_suggested == par["bfi_cc"]["ncomp"]
    res = sv.efa(saq, method="pc", rotation="varimax", seed=0)
    assert res.n_factors_rule == "parallel" and res.n_factors == par["saq"]["ncomp"]
    # observed eigenvalues are not random: equal to psych's
    p = sv.parallel_analysis(bfi_cc, kind="fa", seed=0)
    np.testing.assert_allclose(p.table["observed"], par["bfi_cc"]["fa_values"], atol=1e-4)
    again = sv.parallel_analysis(bfi_cc, kind="fa", seed=0)
    assert p.table.equals(again.table)


def test_heywood_case_is_flagged():
    rng = np.random.default_rng(3)
    corr = np.array([[1, 0.8, 0.8], [0.8, 1, 0.45], [0.8, 0.45, 1]])  # one factor needs λ_a² = 1.42
    x = pd.DataFrame(rng.multivariate_normal(np.zeros(3), corr, size=500), columns=["a", "b", "c"])
    res = sv.efa(x, n_factors=1, method="minres")
    assert not res.admissible and "Heywood" in res.issues[0] and "a" in res.issues[0]
    assert "inadmissible" in " ".join(res.findings())


@pytest.mark.parametrize("method", ["minres", "ml", "pa"])
def test_iteration_limit_is_used_and_reported(bfi_cc, method):
    full = sv.efa(bfi_cc, n_factors=5, method=method, rotation="none")
    assert full.converged and full.admissible and not full.issues
    with pytest.warns(SurveyWarning, match="did not converge in 2 iterations"):
        cut = sv.efa(bfi_cc, n_factors=5, method=method, rotation="none", max_iter=2)
    assert not cut.converged and not cut.admissible
    assert cut.issues == ("the extraction did not converge in 2 iterations",)
    assert np.abs(cut.loadings.to_numpy() - full.loadings.to_numpy()).max() > 1e-3  # the limit took effect
    assert "did not converge in 2 iterations" in " ".join(cut.findings())
    assert "未收敛" in " ".join(cut.findings(lang="zh"))


def test_findings_and_tables(bfi_cc):
    res = sv.efa(bfi_cc, n_factors=5, rotation="oblimin")
    assert res.structure.shape == (25, 5) and res.variance.columns.tolist() == ["ss_loadings", "proportion", "cumulative"]
    assert "oblimin" in res.rotation_note and "GPArotation" in res.rotation_note
    assert "retained 5 factors" in res.findings()[0]
    assert "累计方差解释率" in res.findings(lang="zh")[0]
    assert res.to_frame().shape == (25, 7)
    assert not res.variance_table.isna().all(axis=None)


def test_bad_input(bfi_cc):
    with pytest.raises(AnalysisError, match="n_factors"):
        sv.efa(bfi_cc[BFI_SCALES["A"]], n_factors=5)
    with pytest.raises(AnalysisError, match="method"):
        sv.efa(bfi_cc, n_factors=2, method="alpha")
    with pytest.raises(AnalysisError, match="max_iter must be a positive"):
        sv.efa(bfi_cc, n_factors=2, max_iter=0)
    x = bfi_cc[BFI_ITEMS[:6]].copy()
    x["dup"] = x["A1"]
    with pytest.raises(AnalysisError, match="A1 = dup"):
        sv.efa(x, n_factors=2)
