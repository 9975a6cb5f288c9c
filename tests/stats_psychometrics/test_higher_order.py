"""Second-order CFA against R lavaan (tests/reference/invariance/invariance.R).

lavaan calls: cfa(model, data) (ML, first loading fixed to 1 at both levels); fitMeasures;
standardizedSolution (std.all); parameterEstimates (unstandardized loadings, se, p); CR and AVE by
hand from the std.all loadings at each level. lavaan 0.6.14.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError
from survey.stats.higher_order import HigherOrderCFAResult

REF = Path(__file__).resolve().parents[1] / "reference" / "invariance"
DATA = Path(__file__).resolve().parents[1] / "data"
EXPECTED = json.loads((REF / "invariance.json").read_text())["higher_order"]
FILES = {"hs": "holzinger_swineford_1939.csv", "ecsi": "ecsi_satisfaction.csv"}
FIT = [("chisq", "chisq"), ("df", "df"), ("p_value", "pvalue"), ("cfi", "cfi"), ("tli", "tli"), ("rmsea", "rmsea"),
       ("rmsea_ci_low", "rmsea.ci.lower"), ("rmsea_ci_high", "rmsea.ci.upper"), ("srmr", "srmr"), ("loglik", "logl"),
       ("aic", "aic"), ("bic", "bic"), ("n_parameters", "npar")]


@pytest.fixture(scope="module")
def fitted():
    return {case: sv.cfa(pd.read_csv(DATA / file), EXPECTED[case]["model"]) for case, file in FILES.items()}


@pytest.mark.parametrize("case", list(FILES))
def test_matches_lavaan(case, fitted):
    r, res = EXPECTED[case], fitted[case]
    assert isinstance(res, HigherOrderCFAResult) and res.admissible and not res.issues
    # semopy (SLSQP, ftol 1e-12) and lavaan stop at slightly different points, as in test_cfa:
    # fit indices 1e-6 relative (SRMR 1e-5), standardized loadings and CR/AVE 1e-5
    for ours, theirs in FIT:
        assert res.fit[ours] == pytest.approx(r["fit"][theirs], rel=1e-5 if ours == "srmr" else 1e-6, abs=1e-8), ours
    assert res.n == r["n"]
    table = res.to_frame()
    assert table["factor"].tolist() == r["loadings"]["factor"] and table["item"].tolist() == r["loadings"]["item"]
    np.testing.assert_allclose(table["estimate"], r["loadings"]["est_std"], atol=1e-5)
    np.testing.assert_allclose(table["unstd"], r["loadings"]["est"], atol=1e-5)
    free = [se is not None and se > 0 for se in r["loadings"]["se"]]
    # standard errors from the information matrix at slightly different optima: 1e-4 relative
    np.testing.assert_allclose(table.loc[free, "se"].astype(float), np.array(r["loadings"]["se"], dtype=float)[free], rtol=1e-4)
    assert table.loc[[not f for f in free], "se"].isna().all()  # the marker loadings are fixed
    for f, expected in r["cr_ave"].items():
        cr = res.cr.get(f, res.second_order_cr.get(f))
        ave = res.ave.get(f, res.second_order_ave.get(f))
        assert cr == pytest.approx(expected["cr"], abs=1e-5) and ave == pytest.approx(expected["ave"], abs=1e-5), f
    assert set(table.loc[table["level"] == 2, "factor"]) == set(res.second_order_cr.index)


def test_three_factor_second_order_is_just_identified(fitted):
    # the second-order part with three first-order factors has no df: fit equals the first-order model
    first = EXPECTED["hs_first_order"]
    res = fitted["hs"]
    assert res.fit["chisq"] == pytest.approx(first["chisq"], rel=1e-6) and res.fit["df"] == first["df"]
    assert res.just_identified() == ["ability"] and fitted["ecsi"].just_identified() == []
    assert "just-identified" in res.findings()[-1] and "恰好识别" in res.findings("zh")[-1]


def test_tables_and_findings(fitted):
    res = fitted["ecsi"]
    v = res.validity_table()
    assert list(v.index) == ["image", "quality", "satisfaction", "loyalty"]
    s = res.second_order_table()
    assert list(s.index) == ["csi"] and s.loc["csi", "k"] == 4 and s.loc["csi", "cr_ok"]
    # the implied first-order correlations are products of standardized second-order loadings
    ld = res.second_order_loadings.set_index("item")["estimate"]
    assert res.factor_correlations.loc["image", "loyalty"] == pytest.approx(ld["image"] * ld["loyalty"], abs=1e-10)
    en, zh = res.findings()[-1], res.findings("zh")[-1]
    assert en.startswith("The second-order factor csi loaded on image, quality, satisfaction, loyalty with standardized loadings from .79 to .92")
    assert "CR = .92, AVE = .73" in en
    assert "二阶因子csi" in zh and "CR = 0.916" in zh


@pytest.mark.parametrize(("extra", "message"), [
    ("\ng =~ visual + textual", "needs three or more"),
    ("\ng =~ visual + textual + x1", "measured by factors and by items"),
    ("\ng =~ visual + textual + speed\nh =~ g + visual + speed", "above the second order"),
])
def test_unsupported_structures_are_named(extra, message):
    hs = pd.read_csv(DATA / "holzinger_swineford_1939.csv")
    model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9" + extra
    with pytest.raises(AnalysisError, match=message):
        sv.cfa(hs, model)
