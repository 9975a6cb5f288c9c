"""item_analysis against R t.test on the same extreme groups and psych::alpha r.drop (item_analysis.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey.stats.psychometrics as sv
from survey.errors import AnalysisError, SurveyWarning

from .conftest import BFI_SCALES, SAQ_SCALES, keyed


@pytest.mark.parametrize("case", ["saq_statistics", "bfi_cc_C"])
@pytest.mark.parametrize("equal_var", [True, False])
def test_matches_r(case, equal_var, ref, bfi_cc, saq_keyed):
    r = ref("item_analysis")[case]
    x = saq_keyed[SAQ_SCALES["statistics"]] if case.startswith("saq") else keyed(bfi_cc[BFI_SCALES["C"]])
    res = sv.item_analysis(x, equal_var=equal_var)
    t = res.table
    assert (res.n_low, res.n_high, res.cut_low, res.cut_high) == (r["n_low"], r["n_high"], r["cut_low"], r["cut_high"])
    pre = "" if equal_var else "welch_"
    np.testing.assert_allclose(t["statistic"], r[pre + "t"], atol=1e-8)
    np.testing.assert_allclose(t["df"], r[pre + "df"], atol=1e-8)
    np.testing.assert_allclose(t["p_value"], r[pre + "p"], atol=1e-12)
    np.testing.assert_allclose(t["citc"], r["citc"], atol=1e-10)


def test_flags_and_findings(saq):
    # Question_03 not reversed: negative CITC, it must be flagged and named
    with pytest.warns(SurveyWarning, match="Question_03"):
        res = sv.item_analysis(saq[SAQ_SCALES["statistics"]])
    assert "Question_03" in res.flagged
    assert not res.table.loc["Question_01", "flag_cr"]
    assert "Question_03" in res.findings()[1] and "Question_03" in res.findings(lang="zh")[1]
    assert "决断值" in res.findings(lang="zh")[0]


def test_bad_input():
    with pytest.raises(AnalysisError, match="overlap"):
        sv.item_analysis(
            pd.DataFrame(
                {"a": [1.0, 2, 3, 1, 2, 3, 2, 2], "b": [2.0, 3, 1, 3, 1, 2, 2, 2],
                 "c": [3.0, 1, 2, 2, 3, 1, 2, 2], "d": [1.0, 1, 1, 1, 1, 1, 1, 2]}
            )
        )
    with pytest.raises(AnalysisError, match="listwise"):
        sv.item_analysis(pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 1, 4, 3]}), nan_policy="pairwise")
