"""Importance–performance analysis: derived importance against R, quadrants, crosshairs, grid."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError

ATTRS = ["housing", "schooling", "platform", "career"]


@pytest.mark.parametrize("method", ["correlation", "beta", "partial"])
def test_derived_importance_against_r(prca_data, ref, method):
    exp = pd.read_csv(ref / "ipa_expected.csv").set_index("attribute").loc[ATTRS]
    res = sv.ipa(prca_data, importance=method, outcome="overall")
    np.testing.assert_allclose(res.table["importance"].to_numpy(), exp[method].to_numpy(), atol=1e-8)
    np.testing.assert_allclose(res.table["performance"].to_numpy(), exp["performance"].to_numpy(), atol=1e-12)


def test_relative_weights_importance_matches_drivers(prca_data):
    res = sv.ipa(prca_data, importance="relative_weights", outcome="overall")
    rw = sv.relative_weights(prca_data, "overall", ATTRS)
    np.testing.assert_allclose(res.table["importance"].to_numpy(), rw.raw.to_numpy(), atol=1e-14)
    assert res.importance_centre == "data"  # derived importance has no scale midpoint


def test_quadrants_and_labels():
    perf = pd.DataFrame({"a": [2, 2], "b": [4, 4], "c": [2, 1], "d": [5, 4]})
    res = sv.ipa(perf, importance={"a": 4, "b": 4, "c": 2, "d": 2}, centre="scale", scale=(1, 5))
    t = res.table
    assert t["quadrant"].tolist() == ["concentrate", "keep_up", "low_priority", "overkill"]
    assert t["quadrant_en"].tolist() == ["concentrate here", "keep up the good work", "low priority", "possible overkill"]
    assert t["quadrant_zh"].tolist() == ["重点改进", "继续保持", "低优先", "过度投入"]
    assert res.performance_cross == 3 and res.importance_cross == 3
    assert t.loc["a", "gap"] == -2
    data = sv.ipa(perf, importance={"a": 4, "b": 4, "c": 2, "d": 2}, centre="data")
    assert data.performance_cross == pytest.approx(t["performance"].mean())


def test_stated_vs_derived_grid(prca_data):
    stated = {"housing": 4.6, "schooling": 4.4, "platform": 3.0, "career": 3.5}
    res = sv.ipa(prca_data, importance=stated, outcome="overall", derived="correlation")
    t = res.table
    # derived r: housing .367, schooling .312, platform .281, career .397 (mean .339); stated mean 3.875
    assert t["grid_class"].tolist() == ["performance", "basic", "low_impact", "excitement"]
    assert any("hygiene-like" in s for s in res.findings())


def test_stated_importance_frame(prca_data):
    imp = prca_data[ATTRS].rsub(6)  # respondents' importance ratings
    res = sv.ipa(prca_data, importance=imp, outcome="overall")
    np.testing.assert_allclose(res.table["importance"].to_numpy(), imp.mean().to_numpy())


def test_bad_input(prca_data):
    with pytest.raises(AnalysisError, match="needs outcome"):
        sv.ipa(prca_data[ATTRS], importance="beta")
    with pytest.raises(AnalysisError, match="outside the scale"):
        sv.ipa(prca_data[ATTRS], importance={a: 3 for a in ATTRS}, scale=(0, 1))
    with pytest.raises(AnalysisError, match="no value for"):
        sv.ipa(prca_data[ATTRS], importance={"housing": 3})
    with pytest.raises(AnalysisError, match="constant.*'career'"):
        sv.ipa(prca_data.assign(career=3), importance="correlation", outcome="overall")
