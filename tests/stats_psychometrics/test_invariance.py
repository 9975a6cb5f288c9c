"""Multi-group CFA and measurement invariance against R lavaan (tests/reference/invariance/invariance.R).

lavaan calls: cfa(model, data, group = g, meanstructure = TRUE, group.equal = EQ) with EQ none,
"loadings", c("loadings", "intercepts"), c("loadings", "intercepts", "residuals"); fitMeasures;
lavTestLRT(previous, current); standardizedSolution. lavaan 0.6.14.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError, SurveyWarning
from survey.stats.invariance import InvarianceResult

REF = Path(__file__).resolve().parents[1] / "reference" / "invariance"
DATA = Path(__file__).resolve().parents[1] / "data"
EXPECTED = json.loads((REF / "invariance.json").read_text())["invariance"]
CASES = {"hs": ("holzinger_swineford_1939.csv", "school"), "ecsi": ("ecsi_satisfaction.csv", "gender")}
FIT = [("chisq", "chisq"), ("df", "df"), ("p_value", "pvalue"), ("cfi", "cfi"), ("tli", "tli"), ("rmsea", "rmsea"),
       ("rmsea_ci_low", "rmsea.ci.lower"), ("rmsea_ci_high", "rmsea.ci.upper"), ("srmr", "srmr"), ("loglik", "logl"),
       ("aic", "aic"), ("bic", "bic"), ("n_parameters", "npar")]


@pytest.fixture(scope="module")
def fitted():
    out = {}
    for case, (file, group) in CASES.items():
        out[case] = sv.cfa(pd.read_csv(DATA / file), EXPECTED[case]["model"], group=group, invariance=True)
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_each_level_matches_lavaan(case, fitted):
    r, res = EXPECTED[case], fitted[case]
    assert isinstance(res, InvarianceResult)
    assert list(res.table.index) == ["configural", "metric", "scalar", "strict"]
    assert res.n.to_dict() == r["n"]  # groups in order of first appearance, as lavaan
    for level, expected in r["steps"].items():
        fit = res.models[level].fit
        for ours, theirs in FIT:
            # χ² and the indices built on it depend on F_min, flat at the optimum (they agree to ~1e-9),
            # the RMSEA CI on lavaan's root finder (~1e-7): 1e-6 relative, as test_cfa; SRMR moves to
            # first order with the estimates, where lavaan's nlminb stops ~1e-7 short: 1e-5 relative
            rel = 1e-5 if ours == "srmr" else 1e-6
            assert fit[ours] == pytest.approx(expected["fit"][theirs], rel=rel, abs=1e-9), (level, ours)
        for col in ("chisq", "df", "cfi", "tli", "rmsea", "srmr"):
            assert res.table.loc[level, col] == fit[col]
        if "lrt" in expected:
            lrt = expected["lrt"]
            assert res.table.loc[level, "delta_chisq"] == pytest.approx(lrt["chisq_diff"], rel=1e-6)
            assert res.table.loc[level, "delta_df"] == lrt["df_diff"]
            assert res.table.loc[level, "delta_p_value"] == pytest.approx(lrt["pvalue"], rel=1e-5)
        loadings = res.models[level].estimates.query("op == '=~'")
        exp = pd.DataFrame(expected["loadings"])
        assert loadings["group"].tolist() == exp["group"].tolist() and loadings["rhs"].tolist() == exp["item"].tolist()
        np.testing.assert_allclose(loadings["std_estimate"], exp["est_std"], atol=1e-5)
        # lavaan's nlminb stops where estimates still move by ~1e-5 (its χ² is ~1e-8 above ours): 1e-4 relative
        np.testing.assert_allclose(loadings["estimate"], exp["est"], rtol=1e-4)
        free = exp["se"] > 0  # lavaan gives a fixed loading se 0, we give none
        np.testing.assert_allclose(loadings.loc[free.to_numpy(), "se"], exp.loc[free, "se"], rtol=1e-4)
        assert loadings.loc[~free.to_numpy(), "se"].isna().all()
    assert res.admissible


def test_decisions_follow_chen_2007(fitted):
    hs = fitted["hs"].table
    # configural: RMSEA .097 and TLI .885 miss the acceptable-fit criteria
    assert hs["supported"].tolist() == [False, True, False, True]
    assert hs.loc["metric", "delta_cfi"] == pytest.approx(0.920923 - 0.923398, abs=1e-6)
    # scalar: ΔCFI = −.038 with ΔSRMR = .0108 ≥ .010 (ΔRMSEA = .0145 alone would not reach .015)
    assert hs.loc["scalar", "delta_rmsea"] < 0.015 and hs.loc["scalar", "delta_srmr"] >= 0.010
    assert fitted["hs"].holds == ()
    ecsi = fitted["ecsi"]
    assert ecsi.table["supported"].all() and ecsi.holds == ("configural", "metric", "scalar", "strict")
    assert np.isnan(ecsi.table.loc["configural", "delta_chisq"])


def test_findings(fitted):
    en, zh = fitted["ecsi"].findings(), fitted["ecsi"].findings("zh")
    assert "metric invariance held (ΔCFI = −.005, ΔRMSEA = .001, ΔSRMR = .019)" in en[1]
    assert en[-1] == "The measurement model thus shows configural, metric, scalar and strict invariance across the groups."
    assert "度量（弱）不变性成立（ΔCFI = −0.005，ΔRMSEA = 0.001，ΔSRMR = 0.019）" in zh[1]
    assert zh[-1] == "综上，测量模型在各组间具有形态、度量（弱）、标量（强）、严格不变性。"
    hs = " ".join(fitted["hs"].findings())
    assert "scalar invariance did not hold (ΔCFI = −.038" in hs and "strict invariance is not interpreted" in hs


def test_group_alone_fits_the_configural_model(fitted):
    hs = pd.read_csv(DATA / "holzinger_swineford_1939.csv")
    res = sv.cfa(hs, EXPECTED["hs"]["model"], group="school")
    assert list(res.table.index) == ["configural"]
    assert res.table.loc["configural", "chisq"] == pytest.approx(EXPECTED["hs"]["steps"]["configural"]["fit"]["chisq"], rel=1e-7)
    assert res.loadings().columns.tolist() == ["Pasteur", "Grant-White"]
    assert len(res.findings()) == 2


def test_input_is_not_modified():
    hs = pd.read_csv(DATA / "holzinger_swineford_1939.csv")
    before = hs.copy()
    sv.cfa(hs, EXPECTED["hs"]["model"], group="school", invariance=True)
    pd.testing.assert_frame_equal(hs, before)


@pytest.fixture()
def hs():
    return pd.read_csv(DATA / "holzinger_swineford_1939.csv")


def test_missing_group_column_is_named(hs):
    with pytest.raises(AnalysisError, match="group column 'campus' is not in the data"):
        sv.cfa(hs, EXPECTED["hs"]["model"], group="campus", invariance=True)


def test_one_level_is_named(hs):
    with pytest.raises(AnalysisError, match="'school' has 1 level.*two or more groups"):
        sv.cfa(hs[hs["school"] == "Pasteur"], EXPECTED["hs"]["model"], group="school")


def test_small_group_is_named(hs):
    small = pd.concat([hs[hs["school"] == "Pasteur"], hs[hs["school"] == "Grant-White"].head(25)])
    with pytest.raises(AnalysisError, match="group 'Grant-White' of 'school' has 25 complete case.*30 free parameters"):
        sv.cfa(small, EXPECTED["hs"]["model"], group="school", invariance=True)


def test_missing_group_value_is_named(hs):
    hs.loc[[3, 7], "school"] = None
    with pytest.raises(AnalysisError, match="2 row.* no value in the group column 'school'"):
        sv.cfa(hs, EXPECTED["hs"]["model"], group="school")


def test_constant_item_within_a_group_is_named(hs):
    hs.loc[hs["school"] == "Pasteur", "x2"] = 5.0
    with pytest.raises(AnalysisError, match="group 'Pasteur'.*x2"):
        sv.cfa(hs, EXPECTED["hs"]["model"], group="school")


def test_invariance_needs_a_group(hs):
    with pytest.raises(AnalysisError, match="invariance=True needs group="):
        sv.cfa(hs, EXPECTED["hs"]["model"], invariance=True)


def test_second_order_across_groups_is_refused(hs):
    model = EXPECTED["hs"]["model"] + "\nability =~ visual + textual + speed"
    with pytest.raises(AnalysisError, match="multi-group model with second-order factors"):
        sv.cfa(hs, model, group="school")


def test_levels_out_of_order_are_refused(hs):
    from survey.stats.invariance import multigroup_cfa

    with pytest.raises(AnalysisError, match="must start with 'configural'"):
        multigroup_cfa(hs, EXPECTED["hs"]["model"], group="school", levels=["metric", "configural"])
    res = multigroup_cfa(hs, EXPECTED["hs"]["model"], group="school", levels=["configural", "scalar"])
    assert res.table.loc["scalar", "delta_df"] == 12


def _heywood_groups() -> pd.DataFrame:
    """Two groups of six items; in the second, b1 is its factor almost without error (a Heywood case)."""
    def group(seed: int) -> pd.DataFrame:
        rng = np.random.default_rng(seed)
        n = 200
        f = rng.normal(size=(n, 2))
        return pd.DataFrame({
            "a1": f[:, 0] + 0.6 * rng.normal(size=n), "a2": f[:, 0] + 0.6 * rng.normal(size=n), "a3": f[:, 0] + 0.6 * rng.normal(size=n),
            "b1": f[:, 1] + 0.02 * rng.normal(size=n), "b2": 0.3 * f[:, 1] + rng.normal(size=n), "b3": 0.3 * f[:, 1] + rng.normal(size=n),
        })
    return pd.concat([group(1).assign(g="x"), group(14).assign(g="y")], ignore_index=True)


def test_heywood_case_in_a_group_is_inadmissible():
    with pytest.warns(SurveyWarning, match="inadmissible multi-group solution"):
        res = sv.cfa(_heywood_groups(), "A =~ a1 + a2 + a3\nB =~ b1 + b2 + b3", group="g", invariance=True)
    assert not res.admissible and res.table["supported"].isna().all() and res.holds == ()
    assert "configural: group y: negative residual variances (Heywood case): ['b1']" in res.issues
    en, zh = res.findings(), res.findings("zh")
    assert len(en) == 1 and "inadmissible" in en[0] and "no judgement of measurement invariance" in en[0]
    assert "不可接受" in zh[0]
