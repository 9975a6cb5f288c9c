"""omega against a hand computation from psych::fa loadings and psych::omega (omega.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey.stats.psychometrics as sv
from survey.errors import AnalysisError, SurveyWarning

from .conftest import BFI_ITEMS, BFI_SCALES, SAQ_SCALES, keyed


@pytest.mark.parametrize("case", [f"bfi_cc_{s}" for s in "ACENO"] + [f"saq_{s}" for s in SAQ_SCALES])
def test_one_factor_omega_total(case, ref, bfi_cc, saq_keyed):
    r = ref("omega")[case]
    x = keyed(bfi_cc[BFI_SCALES[case[-1]]]) if case.startswith("bfi") else saq_keyed[SAQ_SCALES[case[4:]]]
    res = sv.omega(x, n_group_factors=None)
    # minres is an optimisation (R optim vs scipy): 1e-4 on loadings; omega is smooth in them
    np.testing.assert_allclose(res.loadings.to_numpy(), r["loadings"], atol=1e-4)
    assert res.omega_total == pytest.approx(r["omega_total"], abs=1e-5)
    assert res.omega_hierarchical is None


@pytest.mark.parametrize("case, g", [("sl_bfi_5", 5), ("sl_bfi_3", 3), ("sl_saq_4", 4), ("sl_saq_unkeyed_4", 4)])
def test_schmid_leiman_matches_psych_omega(case, g, ref, bfi_cc, saq, saq_keyed):
    r = ref("omega")[case]
    x = {"sl_bfi_5": keyed(bfi_cc), "sl_bfi_3": keyed(bfi_cc), "sl_saq_4": saq_keyed, "sl_saq_unkeyed_4": saq}[case]
    flips = [c for c, k in zip(x.columns, r["key"]) if k < 0]
    with pytest.warns(SurveyWarning, match="reversed"):
        res = sv.omega(x, n_group_factors=g)
    assert res.omega_hierarchical == pytest.approx(r["omega_h"], abs=1e-4)  # iterative (minres + oblimin)
    assert res.omega_total_sl == pytest.approx(r["omega_tot"], abs=1e-4)
    np.testing.assert_allclose(res.schmid_leiman["g"], r["g_loadings"], atol=1e-4)
    np.testing.assert_allclose(res.schmid_leiman["u2"], r["u2"], atol=1e-4)
    assert all(f in " ".join(res.issues) for f in flips)


def test_not_defined_cases_are_explained(bfi_cc):
    x = keyed(bfi_cc[BFI_SCALES["C"]])
    assert "at least 3 group factors" in sv.omega(x, n_group_factors=2).issues[0]
    res = sv.omega(x, n_group_factors=3)
    assert res.omega_hierarchical is None and "at least 9 items" in res.issues[0]
    assert "McDonald's ω_total" in res.findings()[0] and "ω系数" in res.findings(lang="zh")[0]


def test_invariance_and_bad_input(bfi_cc):
    x = keyed(bfi_cc[BFI_SCALES["O"]])
    base = sv.omega(x, n_group_factors=None).omega_total
    assert sv.omega(x[x.columns[::-1]], n_group_factors=None).omega_total == pytest.approx(base, abs=1e-8)
    with pytest.raises(AnalysisError, match="at least 3 columns"):
        sv.omega(x.iloc[:, :2])
    y = x.copy()
    y["O6"] = y["O1"] + y["O3"]
    with pytest.raises(AnalysisError, match="singular"):
        sv.omega(y)
