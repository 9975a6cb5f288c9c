"""PLS path modelling against R plspm's published ECSI results and an independent R implementation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError

from .conftest import ECSI_MODEL

MODEL = ECSI_MODEL
# plspm stops when the squared change of its weights is below 1e-6, so its published values sit
# within ~1e-6 of the fixed point; the METHODS tolerance for iterative fits is 1e-3, we use 1e-5.
TOL = 1e-5



@pytest.mark.parametrize("scheme", ["centroid", "factorial", "path"])
def test_outer_model_against_plspm(ecsi, ref, scheme):
    res = sv.pls_path(ecsi, MODEL, scheme=scheme, scaled=False)
    exp = pd.read_csv(ref / "plspm_satisfaction" / f"outer_{scheme}.csv").set_index("name")
    got = res.outer.set_index("item").loc[exp.index]
    for col in ("weight", "loading", "communality"):
        np.testing.assert_allclose(got[col].to_numpy(), exp[col].to_numpy(), atol=TOL, err_msg=col)


def test_inner_model_r2_ave_gof_against_plspm(ecsi, ref):
    res = sv.pls_path(ecsi, MODEL, scheme="centroid", scaled=False)
    d = ref / "plspm_satisfaction"
    summ = pd.read_csv(d / "inner_summary_centroid.csv").set_index("lv")
    np.testing.assert_allclose(res.quality.loc[summ.index, "r2"].to_numpy(), summ["r_squared"].to_numpy(), atol=TOL)
    np.testing.assert_allclose(res.quality.loc[summ.index, "ave"].to_numpy(), summ["ave"].to_numpy(), atol=TOL)
    paths = pd.read_csv(d / "paths_centroid.csv")
    got = res.paths.set_index(["from", "to"]).loc[list(zip(paths["from"], paths["to"])), "estimate"].to_numpy()
    # six-decimal values from the README are rounded: allow half a unit in the last place plus TOL
    atol = np.where(paths["digits"] == 6, 5e-7 + TOL, TOL)
    assert np.all(np.abs(got - paths["estimate"].to_numpy()) <= atol)
    assert res.gof == pytest.approx(float((d / "gof_centroid.txt").read_text()), abs=TOL)
    # issue 5's quoted values
    assert round(res.r2["SAT"], 6) == 0.707321 and round(res.r2["QUAL"], 6) == 0.719688 and round(res.r2["LOY"], 6) == 0.509923


@pytest.mark.parametrize("scaled", [True, False])
@pytest.mark.parametrize("scheme", ["centroid", "factorial", "path"])
def test_against_independent_r_implementation(ecsi, ref, scheme, scaled):
    tag = f"{scheme}_{'scaled' if scaled else 'raw'}"
    res = sv.pls_path(ecsi, MODEL, scheme=scheme, scaled=scaled)
    outer = pd.read_csv(ref / f"pls_hand_outer_{tag}.csv").set_index("item")
    got = res.outer.set_index("item").loc[outer.index]
    # both iterate to 1e-10/1e-12: closed-form-level agreement
    np.testing.assert_allclose(got["weight"].to_numpy(), outer["weight"].to_numpy(), atol=1e-8)
    np.testing.assert_allclose(got["loading"].to_numpy(), outer["loading"].to_numpy(), atol=1e-8)
    paths = pd.read_csv(ref / f"pls_hand_paths_{tag}.csv")
    g = res.paths.set_index(["from", "to"]).loc[list(zip(paths["from"], paths["to"])), "estimate"].to_numpy()
    np.testing.assert_allclose(g, paths["estimate"].to_numpy(), atol=1e-8)
    r2 = pd.read_csv(ref / f"pls_hand_r2_{tag}.csv").set_index("lv")["r2"]
    np.testing.assert_allclose(res.quality.loc[r2.index, "r2"].to_numpy(), r2.to_numpy(), atol=1e-8)


def test_bootstrap_seeded(ecsi):
    a = sv.pls_path(ecsi, MODEL, n_boot=40, seed=5)
    b = sv.pls_path(ecsi, MODEL, n_boot=40, seed=5)
    pd.testing.assert_frame_equal(a.paths, b.paths)
    assert (a.paths["se"] > 0).all() and (a.outer["loading_se"] > 0).all()
    assert ((a.paths["ci_low"] <= a.paths["ci_high"])).all()


def test_quality_and_extras(ecsi):
    res = sv.pls_path(ecsi, MODEL)
    lam = res.outer.loc[res.outer.lv == "SAT", "loading"].to_numpy()
    assert res.quality.loc["SAT", "cr"] == pytest.approx(lam.sum() ** 2 / (lam.sum() ** 2 + (1 - lam**2).sum()))
    eff = res.effects.set_index(["from", "to"])
    # IMAG -> LOY total = direct + via SAT ...
    assert eff.loc[("IMAG", "LOY"), "total"] == pytest.approx(eff.loc[("IMAG", "LOY"), "direct"] + eff.loc[("IMAG", "LOY"), "indirect"])
    assert res.htmt.shape == (6, 6) and set(res.inner_vif["to"]) == {"EXPE", "QUAL", "VAL", "SAT", "LOY"}
    w = res.index_weights("SAT")
    assert w.sum() == pytest.approx(1.0) and (w > 0).all()
    assert any("GoF" in f for f in res.findings()) and any("路径系数" in f for f in res.findings("zh"))


def test_bad_models(ecsi):
    with pytest.raises(AnalysisError, match="cannot read"):
        sv.pls_path(ecsi, "SAT = sat1 + sat2")
    with pytest.raises(AnalysisError, match="without a measurement block"):
        sv.pls_path(ecsi, "SAT =~ sat1 + sat2\nSAT ~ FOO")
    with pytest.raises(AnalysisError, match="cycle"):
        sv.pls_path(ecsi, "A =~ sat1 + sat2\nB =~ loy1 + loy2\nA ~ B\nB ~ A")
    with pytest.raises(AnalysisError, match="constant"):
        sv.pls_path(ecsi.assign(sat1=5), MODEL)
    with pytest.raises(AnalysisError, match="scheme"):
        sv.pls_path(ecsi, MODEL, scheme="mode_b")
