"""Relative weights and general dominance against METHODS.md (mtcars) and R hand computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError

X = ["cyl", "disp", "hp", "wt"]


def test_relative_weights_methods_values(mtcars):
    res = sv.relative_weights(mtcars, "mpg", X)
    # METHODS.md (published to 7 digits)
    np.testing.assert_allclose(res.raw.to_numpy(), [0.2096904, 0.1883043, 0.1799590, 0.2706812], atol=5e-8)
    assert res.r2 == pytest.approx(0.8486348, abs=5e-8)


def test_relative_weights_and_dominance_against_r(mtcars, ref):
    exp = pd.read_csv(ref / "drivers_mtcars_expected.csv").set_index("predictor").loc[X]
    rw = sv.relative_weights(mtcars, "mpg", X)
    np.testing.assert_allclose(rw.raw.to_numpy(), exp["raw"].to_numpy(), atol=1e-8)
    np.testing.assert_allclose(rw.rescaled.to_numpy(), exp["rescaled"].to_numpy(), atol=1e-8)
    dom = sv.dominance(mtcars, "mpg", X)
    np.testing.assert_allclose(dom.general.to_numpy(), exp["general"].to_numpy(), atol=1e-8)
    assert dom.general.sum() == pytest.approx(rw.r2, abs=1e-12)
    np.testing.assert_allclose(dom.conditional.mean(axis=1).to_numpy(), dom.general.to_numpy(), atol=1e-14)


def test_bootstrap_reproducible(mtcars):
    a = sv.relative_weights(mtcars, "mpg", X, n_boot=100, seed=3).table
    b = sv.relative_weights(mtcars, "mpg", X, n_boot=100, seed=3).table
    pd.testing.assert_frame_equal(a, b)
    assert ((a["ci_low"] <= a["raw"]) & (a["raw"] <= a["ci_high"])).all()
    d = sv.dominance(mtcars, "mpg", X, n_boot=30, seed=3).table
    assert ((d["ci_low"] <= d["ci_high"])).all()


def test_collinear_named(mtcars):
    d = mtcars.assign(wt2=2 * mtcars["wt"] + 1)
    with pytest.raises(AnalysisError, match="singular.*wt"):
        sv.relative_weights(d, "mpg", ["wt", "wt2", "hp"])
    with pytest.raises(AnalysisError, match="constant"):
        sv.dominance(mtcars.assign(vs=1), "mpg", ["vs", "hp"])
