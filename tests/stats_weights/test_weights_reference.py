"""Weights against R's survey package (tests/reference/weights/weights.R, survey 4.1-1).

Three designs of the same 300 respondents: ``base`` (the design weights w0,
``svydesign(ids = ~1, weights = ~w0)``), ``raked`` (``rake()`` to the category and sector margins:
the raking is part of the design, as in R) and ``fixed`` (the raked weights taken as fixed,
``svydesign(ids = ~1, weights = ~wr)``). Closed-form linearisation: agreement to 1e-8 (raking
converges to 1e-10 relative, so the raked weights themselves agree to 1e-8 relative).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.stats.weights import weighted_total

REF = Path(__file__).resolve().parents[1] / "reference" / "weights"
R = json.loads((REF / "weights.json").read_text(encoding="utf-8"))
MARGINS = {
    "category": {"A": 1200, "B": 1500, "C": 2300},
    "sector": {"enterprise": 2000, "government": 900, "hospital": 500, "university": 1600},
}
ITEMS = ["s1", "s2", "s3", "s4"]
TOL = 1e-8


def first(x) -> float:
    return float(np.ravel(x)[0])


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "weights_data.csv", dtype={"id": str}).set_index("id")


@pytest.fixture(scope="module")
def designs(data) -> dict:
    raked = sv.rake(data, MARGINS, design="w0")
    return {"base": data["w0"], "raked": raked, "fixed": pd.Series(raked.to_numpy(), index=data.index)}


def test_raked_weights_match_r(data, designs):
    np.testing.assert_allclose(designs["raked"].to_numpy(), R["weights_raked"], rtol=TOL)
    assert designs["raked"].attrs["raking"].columns.tolist() == ["category", "sector"]
    for var, targets in MARGINS.items():
        sums = designs["raked"].groupby(data[var]).sum()
        for level, total in targets.items():
            assert sums[level] == pytest.approx(total, rel=1e-10)


def test_weighting_reports_convergence_and_kish(data):
    res = sv.weighting(data, design="w0", rake=MARGINS)
    assert res.converged and 1 <= res.iterations < 100 and res.max_gap < 1e-10
    assert res.effective_n == pytest.approx(R["kish_n"]["raked"], rel=TOL)
    assert sv.effective_n(data["w0"]) == pytest.approx(R["kish_n"]["base"], rel=1e-12)
    assert res.design_effect == pytest.approx(len(data) / R["kish_n"]["raked"], rel=TOL)
    m = res.margins.set_index(["margin", "category"])
    assert m.loc[("sector", "hospital"), "achieved"] == pytest.approx(500, rel=1e-10)
    assert m["n"].groupby(level=0).sum().tolist() == [300, 300]
    assert "effective n" in res.describe()
    assert "effective sample size" in res.findings()[0] and "有效样本量" in res.findings("zh")[0]


@pytest.mark.parametrize("design", ["base", "raked", "fixed"])
def test_means_totals_proportions(data, designs, design):
    ref, w = R[design], designs[design]
    for k, var in enumerate(["y", "x1"]):
        res = sv.weighted_mean(data[var], w)
        assert res.raked == (design == "raked")
        assert res.estimate == pytest.approx(ref["mean"]["estimate"][k], abs=TOL)
        assert res.se == pytest.approx(ref["mean"]["se"][k], abs=TOL)
        assert res.table["deff"].iloc[0] == pytest.approx(ref["mean"]["deff"][k], abs=TOL)
    s2 = sv.weighted_mean(data["s2"], w)  # six missing answers: R's na.rm = TRUE
    assert s2.table["n"].iloc[0] == 294
    assert s2.estimate == pytest.approx(ref["mean_s2"]["estimate"], abs=TOL)
    assert s2.se == pytest.approx(first(ref["mean_s2"]["se"]), abs=TOL)
    assert s2.table["deff"].iloc[0] == pytest.approx(ref["mean_s2"]["deff"], abs=TOL)
    total, se = weighted_total(data["y"], w)
    assert total == pytest.approx(ref["total"]["estimate"], rel=TOL)
    assert se == pytest.approx(first(ref["total"]["se"]), rel=TOL)
    assert sv.weighted_mean(data["y"], w).table["sd"].iloc[0] ** 2 == pytest.approx(ref["var_y"], abs=TOL)
    p = sv.weighted_proportions(data["s1"], w).table
    np.testing.assert_allclose(p["estimate"], ref["prop_s1"]["estimate"], atol=TOL)
    np.testing.assert_allclose(p["se"], ref["prop_s1"]["se"], atol=TOL)
    np.testing.assert_allclose(p["deff"], ref["prop_s1"]["deff"], atol=TOL)


@pytest.mark.parametrize("design", ["base", "raked", "fixed"])
def test_group_means_are_domains(data, designs, design):
    ref = R[design]["by_region_y"]
    t = sv.weighted_mean(data["y"], designs[design], by=data["region"]).table.iloc[1:]
    assert t.index.tolist() == ref["group"]
    np.testing.assert_allclose(t["estimate"], ref["estimate"], atol=TOL)
    np.testing.assert_allclose(t["se"], ref["se"], atol=TOL)
    d = sv.descriptives(data, ["y"], by="region", weights=designs[design]).table
    np.testing.assert_allclose(d["mean"], ref["estimate"], atol=TOL)
    np.testing.assert_allclose(d["se"], ref["se"], atol=TOL)


@pytest.mark.parametrize("design", ["base", "raked", "fixed"])
def test_weighted_descriptives(data, designs, design):
    ref = R[design]
    t = sv.descriptives(data, ["y", "x1", "s2"], weights=designs[design]).table
    assert t.loc["y", "mean"] == pytest.approx(ref["mean"]["estimate"][0], abs=TOL)
    assert t.loc["x1", "se"] == pytest.approx(ref["mean"]["se"][1], abs=TOL)
    assert t.loc["y", "sd"] ** 2 == pytest.approx(ref["var_y"], abs=TOL)
    assert t.loc["s2", "se"] == pytest.approx(first(ref["mean_s2"]["se"]), abs=TOL)
    assert (t.loc["s2", "n"], t.loc["s2", "missing"]) == (294, 6)
    assert not t.isna().any().any()


@pytest.mark.parametrize("design", ["base", "raked", "fixed"])
def test_satisfaction_index(data, designs, design):
    ref = R[design]
    res = sv.satisfaction_index(data, ITEMS, weights=designs[design], by="region")
    t = res.table.set_index("group")
    assert res.weighted
    assert t.loc["overall", "estimate"] == pytest.approx(ref["index"]["estimate"], abs=TOL)
    assert t.loc["overall", "se"] == pytest.approx(first(ref["index"]["se"]), abs=TOL)
    assert t.loc["overall", "deff"] == pytest.approx(ref["index"]["deff"], abs=TOL)
    np.testing.assert_allclose(t.loc[ref["by_region_index"]["group"], "estimate"], ref["by_region_index"]["estimate"], atol=TOL)
    np.testing.assert_allclose(t.loc[ref["by_region_index"]["group"], "se"], ref["by_region_index"]["se"], atol=TOL)


@pytest.mark.parametrize("design", ["base", "raked", "fixed"])
def test_regression_is_svyglm(data, designs, design):
    ref = R[design]["glm"]
    res = sv.regression(data, "y", blocks=[["x1", "x2"], ["sector"]], categorical=["sector"], weights=designs[design])
    c = res.coefficients
    assert res.weighted
    np.testing.assert_allclose(c["estimate"], ref["estimate"], atol=TOL)
    np.testing.assert_allclose(c["se"], ref["se"], atol=TOL)
    np.testing.assert_allclose(c["p_value"], ref["p_value"], atol=TOL)
    last = res.steps.iloc[-1]
    assert last["df2"] == ref["df"]
    assert last["f"] == pytest.approx(first(ref["wald_all"]["f"]), rel=TOL)
    assert last["p_value"] == pytest.approx(first(ref["wald_all"]["p_value"]), abs=TOL)
    assert last["f_change"] == pytest.approx(first(ref["wald_sector"]["f"]), rel=TOL)
    assert last["p_change"] == pytest.approx(first(ref["wald_sector"]["p_value"]), abs=TOL)


def test_weight_column_name_and_array_agree(data):
    by_name = sv.regression(data, "y", ["x1", "x2"], weights="w0").coefficients
    by_array = sv.regression(data, "y", ["x1", "x2"], weights=data["w0"].to_numpy()).coefficients
    pd.testing.assert_frame_equal(by_name, by_array)
