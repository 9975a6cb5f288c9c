"""FIML cfa and sem against R lavaan ``missing = "fiml"`` (tests/reference/fiml/fiml.R) on the
Holzinger–Swineford data with 10% of the item cells missing completely at random."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError, SurveyWarning
from survey.stats.fiml import _objective, fit_fiml, missing_patterns, ram_model, saturated_moments
from survey.stats.model_syntax import parse_syntax

from .conftest import heywood_likert

FIML = Path(__file__).resolve().parents[1] / "reference" / "fiml"
ITEMS = [f"x{i}" for i in range(1, 10)]
FIT_NAMES = [("chisq", "chisq"), ("df", "df"), ("p_value", "pvalue"), ("cfi", "cfi"), ("tli", "tli"), ("rmsea", "rmsea"),
             ("rmsea_ci_low", "rmsea.ci.lower"), ("rmsea_ci_high", "rmsea.ci.upper"), ("srmr", "srmr"),
             ("loglik", "logl"), ("loglik_h1", "unrestricted.logl"), ("aic", "aic"), ("bic", "bic"),
             ("n_parameters", "npar"), ("chisq_baseline", "baseline.chisq"), ("df_baseline", "baseline.df")]


@pytest.fixture(scope="module")
def ref() -> dict:
    return json.loads((FIML / "fiml.json").read_text())


@pytest.fixture(scope="module")
def holes() -> pd.DataFrame:
    return pd.read_csv(FIML / "holzinger_mcar10.csv")


@pytest.fixture(scope="module")
def fitted(ref, holes):
    return {"cfa": sv.cfa(holes, ref["models"]["cfa"], nan_policy="fiml"),
            "sem": sv.sem(holes, ref["models"]["sem"], nan_policy="fiml"),
            "sem_x": sv.sem(holes, ref["models"]["sem_x"], nan_policy="fiml")}


def lavaan_table(ref: dict, case: str) -> pd.DataFrame:
    return pd.DataFrame(ref[case]["estimates"])


@pytest.mark.parametrize("case", ["cfa", "sem", "sem_x"])
def test_fit_matches_lavaan(case, ref, fitted):
    # both optimisers stop within ~1e-6 of the optimum; χ² and the indices built on it are flat
    # there (1e-7 relative); SRMR moves to first order with the estimates and the EM moments (1e-6)
    r, res = ref[case]["fit"], fitted[case]
    for ours, theirs in FIT_NAMES:
        assert res.fit[ours] == pytest.approx(r[theirs], rel=1e-7, abs=1e-6 if ours == "srmr" else 1e-9), ours
    assert res.n == ref[case]["nobs"] == 301
    assert res.nan_policy == "fiml" and res.n_excluded == 0
    if case == "cfa":
        assert res.missing_share == pytest.approx(ref["missing_cells"] / (ref["n_rows"] * len(ITEMS)), abs=1e-15)


def test_cfa_loadings_match_lavaan(ref, fitted):
    res = fitted["cfa"]
    lv = lavaan_table(ref, "cfa")
    loads = lv[lv.op == "=~"]
    assert res.std_loadings["item"].tolist() == loads.rhs.tolist()
    np.testing.assert_allclose(res.std_loadings["estimate"], loads.est_std, atol=1e-5)
    np.testing.assert_allclose(res.std_loadings["unstd"], loads.est, atol=1e-5)
    free = loads.se > 0
    np.testing.assert_allclose(res.std_loadings["se"][free.to_numpy()], loads.se[free], atol=1e-5)
    fcor = lv[(lv.op == "~~") & (lv.lhs != lv.rhs)]
    for a, b, v in zip(fcor.lhs, fcor.rhs, fcor.est_std):
        assert res.factor_correlations.loc[a, b] == pytest.approx(v, abs=1e-5)
    assert res.admissible and not res.issues


@pytest.mark.parametrize("case", ["sem", "sem_x"])  # sem_x: an observed predictor, lavaan's fixed.x = FALSE
def test_sem_estimates_match_lavaan(case, ref, fitted):
    ours = fitted[case].estimates
    lv = lavaan_table(ref, case)
    lv = lv[~((lv.op == "~1") & lv.lhs.isin(["visual", "textual", "speed"]))]  # latent means, fixed at 0
    merged = lv.merge(ours, on=["lhs", "op", "rhs"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    np.testing.assert_allclose(merged.estimate, merged.est, atol=1e-5)
    np.testing.assert_allclose(merged.se_x, merged.se_y, atol=1e-5)
    np.testing.assert_allclose(merged.std_estimate, merged.est_std, atol=1e-5)
    assert fitted[case].admissible and fitted[case].converged


def test_saturated_moments_match_lavaans_em(ref, holes):
    patterns = missing_patterns(holes[ITEMS].to_numpy(float), ITEMS, what="test")
    sigma, mu, _ = saturated_moments(patterns)
    # lavaan's EM stops at its own tolerance (em.h1.tol = 1e-5): its moments differ from ours by
    # up to 3e-6, and our log-likelihood is the higher one (by 3e-9), so ours is nearer the maximum
    np.testing.assert_allclose(sigma, np.array(ref["cfa"]["h1"]["cov"]), atol=1e-5)
    np.testing.assert_allclose(mu, ref["cfa"]["h1"]["mean"], atol=1e-5)


def test_analytic_gradient_agrees_with_finite_differences(ref, holes):
    spec = parse_syntax(ref["models"]["sem"], what="test")
    model = ram_model(spec, what="test")
    patterns = missing_patterns(holes[model.observed].to_numpy(float), model.observed, what="test")
    theta = np.random.default_rng(3).uniform(0.4, 1.2, len(model.free))
    _, grad = _objective(theta, model, patterns)
    numeric = np.array([(_objective(theta + e, model, patterns)[0] - _objective(theta - e, model, patterns)[0]) / 2e-6
                        for e in np.eye(len(theta)) * 1e-6])
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7)


def test_rows_with_every_item_missing_are_counted_not_used(ref, holes, fitted):
    padded = pd.concat([holes, pd.DataFrame({"id": [901, 902]})], ignore_index=True)
    res = sv.cfa(padded, ref["models"]["cfa"], nan_policy="fiml")
    assert res.n == 301 and res.n_excluded == 2
    assert res.fit["chisq"] == pytest.approx(fitted["cfa"].fit["chisq"], rel=1e-9)
    assert "2 with every item missing were excluded" in res.findings()[-1]
    assert "全信息最大似然法" in res.findings("zh")[-1]


def test_default_policy_is_listwise_and_says_so(ref, holes):
    res = sv.cfa(holes, ref["models"]["cfa"])
    assert res.nan_policy == "listwise" and res.n + res.n_excluded == len(holes)
    assert not any("FIML" in s for s in res.findings())
    assert sv.sem(holes, ref["models"]["sem"]).nan_policy == "listwise"
    with pytest.raises(AnalysisError, match="nan_policy"):
        sv.cfa(holes, ref["models"]["cfa"], nan_policy="mean")
    with pytest.raises(AnalysisError, match="nan_policy"):
        sv.sem(holes, ref["models"]["sem"], nan_policy="pairwise")


def test_an_item_with_no_value_is_a_named_error(ref, holes):
    empty = holes.assign(x5=np.nan)
    with pytest.raises(AnalysisError, match="x5"):
        sv.cfa(empty, ref["models"]["cfa"], nan_policy="fiml")
    with pytest.raises(AnalysisError, match="x5"):
        sv.sem(empty, ref["models"]["sem"], nan_policy="fiml")


def test_items_never_observed_together_are_a_named_error(ref, holes):
    split = holes.copy()
    split.loc[: 150, "x1"] = np.nan
    split.loc[151:, "x9"] = np.nan
    with pytest.raises(AnalysisError, match="never observed in the same row.*x9–x1"):
        sv.cfa(split, ref["models"]["cfa"], nan_policy="fiml")


def test_heywood_case_is_inadmissible_with_fiml():
    data = heywood_likert()
    data.iloc[::7, 4] = np.nan
    with pytest.warns(SurveyWarning, match="inadmissible"):
        res = sv.cfa(data, {"A": ["a1", "a2", "a3"], "B": ["b1", "b2", "b3"]}, nan_policy="fiml")
    assert not res.admissible and "Heywood" in " ".join(res.issues)
    assert not any("fit was" in s for s in res.findings())


def test_non_convergence_is_inadmissible(ref, holes, monkeypatch):
    from scipy import optimize

    import survey.stats.fiml as fiml

    real = optimize.minimize
    monkeypatch.setattr(fiml.optimize, "minimize", lambda *a, **k: real(*a, **{**k, "options": {"maxiter": 3}}))
    with pytest.warns(SurveyWarning, match="did not converge"):
        res = sv.cfa(holes, ref["models"]["cfa"], nan_policy="fiml")
    assert not res.admissible
    assert any("inadmissible" in s for s in res.findings())


def test_fit_fiml_reads_the_model_once(ref, holes):
    res = fit_fiml(holes, parse_syntax(ref["models"]["cfa"], what="cfa"), what="cfa")
    assert res.patterns.n == 301 and len(res.patterns.counts) == res.fit["n_patterns"]
    assert res.h1_cov.index.tolist() == ITEMS


def test_an_em_that_does_not_settle_is_a_non_convergence(ref, holes, monkeypatch):
    import survey.stats.fiml as fiml

    monkeypatch.setattr(fiml, "EM_MAX_ITER", 2)
    with pytest.warns(SurveyWarning, match="did not converge"):
        res = sv.cfa(holes, ref["models"]["cfa"], nan_policy="fiml")
    assert not res.admissible
