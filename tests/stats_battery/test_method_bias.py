"""common_method_bias against R psych and lavaan (tests/reference/method_bias/method_bias.R) and a
hand computation of Lindell & Whitney's marker correction."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import survey as sv
from survey.errors import AnalysisError, SurveyWarning

from ..conftest import REFERENCE

REF = json.loads((REFERENCE / "method_bias" / "method_bias.json").read_text())
PSY = REFERENCE / "psychometrics"


def _sim():
    return pd.read_csv(REFERENCE / "method_bias" / "sim.csv"), {s: [f"{s}{i}" for i in range(1, 5)] for s in "PQR"}


def _hs():
    return pd.read_csv(PSY / "holzinger.csv"), {"visual": ["x1", "x2", "x3"], "textual": ["x4", "x5", "x6"], "speed": ["x7", "x8", "x9"]}


def _bfi():
    scales = {s: [f"{s}{i}" for i in range(1, 6)] for s in "ACE"}
    d = pd.read_csv(PSY / "bfi.csv")[[*sum(scales.values(), []), "age"]].dropna()
    for v in ("A1", "C4", "C5", "E1", "E2"):
        d[v] = 7 - d[v]
    return d, scales


CASES = {"sim": _sim, "hs": _hs, "bfi": _bfi}


def _run(name: str, **kw):
    data, model = CASES[name]()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        return sv.common_method_bias(data, model=model, **kw)


@pytest.fixture(scope="module")
def results():
    return {name: _run(name) for name in CASES}


@pytest.mark.parametrize("name", list(CASES))
def test_harman_shares_match_psych(results, name):
    res, ref = results[name], REF[name]["harman"]
    # principal(nfactors = 1, rotate = "none")$values[1] / k: closed form
    assert res.harman.loc["pca", "first_share"] == pytest.approx(ref["pca_share"], abs=1e-10)
    assert res.harman.loc["pca", "first_variance"] == pytest.approx(ref["pca_first"], abs=1e-9)
    assert res.n_eigen_over_1 == ref["n_eigen_over_1"]
    # fa(nfactors = 1, rotate = "none") minres: iterative, psych stops at its own tolerance
    assert res.harman.loc["fa", "first_share"] == pytest.approx(ref["fa_share"], abs=1e-6)
    assert res.n == REF[name]["n"]


@pytest.mark.parametrize("name", list(CASES))
def test_one_factor_cfa_against_the_measurement_model_matches_lavaan(results, name):
    res, ref = results[name], REF[name]
    for model in ("one_factor", "measurement"):
        for key in ("chisq", "df", "cfi", "tli", "rmsea", "srmr"):
            assert res.models.loc[model, key] == pytest.approx(ref["fit"][model][key], abs=1e-3), (model, key)
    c = res.comparisons.loc["one_factor"]
    assert c["delta_chisq"] == pytest.approx(ref["anova_one"]["delta_chisq"], abs=1e-3)
    assert c["delta_df"] == ref["anova_one"]["delta_df"]
    assert c["delta_cfi"] == pytest.approx(ref["fit"]["measurement"]["cfi"] - ref["fit"]["one_factor"]["cfi"], abs=1e-4)


def test_ulmc_matches_lavaan_on_an_admissible_solution(results):
    res, ref = results["sim"], REF["sim"]
    assert ref["ulmc_admissible"] and res.ulmc_admissible and not res.issues
    for key in ("chisq", "df", "cfi", "tli", "rmsea", "srmr"):
        assert res.models.loc["ulmc", key] == pytest.approx(ref["fit"]["ulmc"][key], abs=1e-4), key
    c = res.comparisons.loc["ulmc"]
    assert c["delta_chisq"] == pytest.approx(ref["anova_ulmc"]["delta_chisq"], abs=1e-4)
    assert c["delta_df"] == ref["anova_ulmc"]["delta_df"]
    assert c["p_value"] == pytest.approx(ref["anova_ulmc"]["p_value"], abs=1e-5)
    lam = pd.DataFrame(ref["loadings_ulmc"])
    method = lam[lam["lhs"] == "M"].set_index("rhs")["est.std"]
    trait = lam[lam["lhs"] != "M"].set_index("rhs")["est.std"]
    meas = pd.DataFrame(ref["loadings_measurement"]).set_index("rhs")["est.std"]
    table = res.ulmc_loadings
    # iterative fits, signs aligned (each factor's loadings sum positive in both)
    assert np.allclose(table["method_loading"], method.reindex(table.index) * np.sign(method.sum()), atol=1e-4)
    assert np.allclose(table["ulmc_trait_loading"], trait.reindex(table.index), atol=1e-4)
    assert np.allclose(table["trait_loading"], meas.reindex(table.index), atol=1e-3)
    assert np.allclose(table["change"], table["trait_loading"] - table["ulmc_trait_loading"])
    assert res.method_variance == pytest.approx(float(np.mean(method**2)), abs=1e-4)


def test_inadmissible_ulmc_is_flagged_not_reported_as_fine(results):
    # Holzinger–Swineford: lavaan's ULMC has a negative residual variance (std.lv) or a negative
    # latent variance (marker identification); ours has the same Heywood case and says so
    res, ref = results["hs"], REF["hs"]
    assert not ref["ulmc_admissible"] and ref["ulmc_std_lv"]["min_theta"] < 0
    assert res.ulmc_admissible is False
    assert any("Heywood" in i for i in res.issues)
    assert res.models.loc["ulmc", "chisq"] == pytest.approx(ref["ulmc_std_lv"]["chisq"], abs=1e-4)
    zh = " ".join(res.findings("zh"))
    assert "不可接受" in zh and "ΔCFI = 0.057" not in zh
    data, model = _hs()
    with pytest.warns(SurveyWarning, match="inadmissible ULMC"):
        sv.common_method_bias(data, model=model)


def test_ulmc_with_several_optima_keeps_the_better_one(results):
    # bfi (A, C, E): lavaan with marker identification does not converge; with std.lv it stops at
    # χ² = 986.6. Our two starts reach a lower minimum of the same ML discrepancy, still admissible.
    res, ref = results["bfi"], REF["bfi"]
    assert not ref["ulmc_converged"] and ref["ulmc_std_lv"]["converged"]
    assert res.ulmc_admissible
    assert res.models.loc["ulmc", "chisq"] < ref["ulmc_std_lv"]["chisq"]


def test_marker_correction_by_hand():
    data, model = _sim()
    res = _run("sim", marker="marker")
    comp = pd.DataFrame({f: data[v].mean(axis=1) for f, v in model.items()})
    r_marker = comp.corrwith(data["marker"])
    r_m = r_marker.iloc[np.argmin(np.abs(r_marker.to_numpy()))]  # smallest in absolute value
    assert res.marker_r == pytest.approx(r_m, abs=1e-12)
    n = len(data)
    row = res.marker_table.set_index(["var1", "var2"]).loc[("P", "Q")]
    r = np.corrcoef(comp["P"], comp["Q"])[0, 1]
    r_a = (r - r_m) / (1 - r_m)
    t = r_a / np.sqrt((1 - r_a**2) / (n - 3))
    assert row["r"] == pytest.approx(r, abs=1e-12)
    assert row["r_adjusted"] == pytest.approx(r_a, abs=1e-12)
    assert row["statistic"] == pytest.approx(t, abs=1e-10)
    assert row["df"] == n - 3
    assert row["p_value"] == pytest.approx(2 * stats.t.sf(abs(t), n - 3), abs=1e-14)
    assert len(res.marker_table) == 3


def test_thesis_wording():
    res = _run("sim")
    zh = res.findings("zh")
    share = f"{100 * REF['sim']['harman']['pca_share']:.2f}%"
    assert f"第一个因子解释的变异量为{share}，超过40%的临界标准" in zh[0]
    assert "低于Podsakoff等（2003）提出的50%标准" in zh[0]
    en = res.findings("en")
    assert "above the 40% criterion" in en[0] and "below the 50% criterion" in en[0]
    assert "显著差于测量模型" in zh[1]
    assert "ΔCFI = 0.000" in zh[2]
    low = _run("bfi")
    assert "低于40%的临界标准（亦低于Podsakoff等（2003）提出的50%标准），不存在严重的共同方法偏差" in low.findings("zh")[0]


def test_harman_only_without_a_model():
    data, model = _sim()
    res = sv.common_method_bias(data, items=sum(model.values(), []))
    assert res.models is None and res.ulmc_loadings is None
    assert res.first_share == pytest.approx(REF["sim"]["harman"]["pca_share"], abs=1e-10)
    assert len(res.findings("zh")) == 1


def test_bad_input_is_a_named_error():
    data, model = _sim()
    const = data.assign(P1=3)
    with pytest.raises(AnalysisError, match="constant"):
        sv.common_method_bias(const, model=model)
    with pytest.raises(AnalysisError, match="at least 3 complete rows"):
        sv.common_method_bias(data.head(2), model=model)
    with pytest.raises(AnalysisError, match="fewer respondents"):
        sv.common_method_bias(data.iloc[::37], model=model)  # 11 rows, 12 items
    with pytest.raises(AnalysisError, match="not in the data"):
        sv.common_method_bias(data, model={"P": ["P1", "P2", "nope"]})
    with pytest.raises(AnalysisError, match="marker"):
        sv.common_method_bias(data, model=model, marker="P1")
    with pytest.raises(AnalysisError, match="threshold"):
        sv.common_method_bias(data, model=model, threshold=40)


def test_one_factor_model_gets_no_ulmc():
    data, _ = _sim()
    res = sv.common_method_bias(data, model={"P": ["P1", "P2", "P3", "P4"]})
    assert "ulmc" not in res.comparisons.index
    assert any("at least two factors" in i for i in res.issues)


def test_permuting_respondents_or_items_changes_nothing():
    data, model = _sim()
    base = sv.common_method_bias(data, model=model, ulmc=False)
    shuffled = data.sample(frac=1, random_state=3)[list(reversed(data.columns))]
    res = sv.common_method_bias(shuffled, model=model, ulmc=False)
    pd.testing.assert_frame_equal(res.harman, base.harman, atol=1e-9, rtol=0)
    pd.testing.assert_frame_equal(res.models, base.models, atol=1e-6, rtol=0)
