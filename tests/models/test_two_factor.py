"""Two-factor regression test against R (lm, anova, piecewise Wald, MASS::polr) and planted truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError

H = ["subsidy", "housing", "schooling"]
M = ["platform", "growth", "recognition"]


@pytest.fixture(scope="module")
def data(ref):
    return pd.read_csv(ref / "two_factor_synthetic.csv")


@pytest.fixture(scope="module")
def res(data):
    return sv.two_factor(data, ["overall", "sat1"], hygiene=H, motivator=M, midpoint=3)


def test_regression_hierarchy_piecewise_against_r(res, ref):
    exp = pd.read_csv(ref / "two_factor_expected.csv").set_index("outcome")
    for o in ("overall", "sat1"):
        e = exp.loc[o]
        c = res.coefficients[res.coefficients.outcome == o].set_index("term")
        for f in ("hygiene", "motivator"):
            assert c.loc[f, "b"] == pytest.approx(e[f"b_{f}"], abs=1e-8)
            assert c.loc[f, "se"] == pytest.approx(e[f"se_{f}"], abs=1e-8)
            assert c.loc[f, "beta"] == pytest.approx(e[f"beta_{f}"], abs=1e-8)
        assert res.fit.set_index("outcome").loc[o, "r2"] == pytest.approx(e["r2"], abs=1e-8)
        h = res.hierarchical[(res.hierarchical.outcome == o) & (res.hierarchical.step == 2)].set_index("added")
        for f in ("hygiene", "motivator"):
            assert h.loc[f, "delta_r2"] == pytest.approx(e[f"delta_r2_{f}_last"], abs=1e-8)
            assert h.loc[f, "f_change"] == pytest.approx(e[f"f_{f}_last"], rel=1e-8)
        a = res.asymmetry[res.asymmetry.outcome == o].set_index("factor")
        assert a.loc["hygiene", "beta_neg"] == pytest.approx(e["h_neg"], abs=1e-8)
        assert a.loc["hygiene", "beta_pos"] == pytest.approx(e["h_pos"], abs=1e-8)
        assert a.loc["motivator", "beta_neg"] == pytest.approx(e["m_neg"], abs=1e-8)
        assert a.loc["motivator", "beta_pos"] == pytest.approx(e["m_pos"], abs=1e-8)
        assert a.loc["hygiene", "statistic"] == pytest.approx(e["wald_h"], rel=1e-8)
        assert a.loc["motivator", "statistic"] == pytest.approx(e["wald_m"], rel=1e-8)


def test_ordinal_against_polr(res, ref):
    exp = pd.read_csv(ref / "two_factor_polr_expected.csv").set_index("term")
    o = res.ordinal[res.ordinal.outcome == "sat1"].set_index("term")
    assert list(o.index) == ["hygiene", "motivator", "1|2", "2|3", "3|4", "4|5"]
    # iterative fits (polr: optim BFGS): 1e-3 after aligning order
    np.testing.assert_allclose(o["estimate"].to_numpy(), exp.loc[o.index, "estimate"].to_numpy(), atol=1e-3)
    np.testing.assert_allclose(o["se"].to_numpy(), exp.loc[o.index, "se"].to_numpy(), atol=1e-3)
    assert res.levels["sat1"] == [1, 2, 3, 4, 5]


def test_text_outcome_needs_explicit_order(data):
    labels = {1: "很不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}
    d = data.assign(sat_text=data["sat1"].map(labels))
    with pytest.raises(AnalysisError, match="outcome_levels"):
        sv.two_factor(d, "sat_text", hygiene=H, motivator=M)
    res = sv.two_factor(d, "sat_text", hygiene=H, motivator=M, outcome_levels=list(labels.values()))
    numeric = sv.two_factor(data, "sat1", hygiene=H, motivator=M)
    np.testing.assert_allclose(res.ordinal["estimate"].to_numpy(), numeric.ordinal["estimate"].to_numpy(), atol=1e-6)
    assert res.levels["sat_text"] == list(labels.values())


def test_planted_asymmetry_recovered():
    s = sv.simulate_two_factor(2000, seed=11)
    res = sv.two_factor(s.data, "overall", hygiene=H, motivator=M, ordinal=False)
    assert res.asymmetry.set_index("factor")["pattern"].to_dict() == {"hygiene": "hygiene", "motivator": "motivator"}
    assert any("hygiene pattern" in f for f in res.findings())
    assert any("保健因素模式" in f for f in res.findings("zh"))


def test_bad_input(data):
    with pytest.raises(AnalysisError, match="perfectly collinear"):
        sv.two_factor(data.assign(copy=data["subsidy"]), "overall", hygiene=["subsidy"], motivator=["copy"])
    with pytest.raises(AnalysisError, match="constant.*'growth'"):
        sv.two_factor(data.assign(growth=4), "overall", hygiene=H, motivator=["growth"])
    with pytest.raises(AnalysisError, match="above the midpoint"):
        sv.two_factor(data, "overall", hygiene=H, motivator=M, midpoint=5, ordinal=False)
    with pytest.raises(AnalysisError, match="more than one role"):
        sv.two_factor(data, "overall", hygiene=H, motivator=H)
