"""p-value adjustment across a family, against R's p.adjust (tests/reference/differences/p_adjust.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv

REF = pd.read_csv(__import__("pathlib").Path(__file__).resolve().parents[1] / "reference" / "differences" / "p_adjust.csv", comment="#")


@pytest.mark.parametrize("ours, r", [("holm", "holm"), ("bonferroni", "bonferroni"), ("hochberg", "hochberg"), ("fdr_bh", "BH"), ("fdr_by", "BY")])
def test_adjust_p_matches_r(ours, r):
    got = sv.adjust_p(REF["p"], method=ours)
    np.testing.assert_allclose(got.to_numpy(), REF[r].to_numpy(), rtol=0, atol=1e-12)


def test_adjust_p_rejects_bad_input():
    with pytest.raises(sv.AnalysisError, match="not known"):
        sv.adjust_p([0.1], method="tukey")
    with pytest.raises(sv.AnalysisError, match=r"\[0, 1\]"):
        sv.adjust_p([0.1, 1.5])
