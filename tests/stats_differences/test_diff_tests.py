"""One public function per test, each equal to compare_groups with that test (R names in docstrings)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError


@pytest.fixture(scope="module")
def three():
    rng = np.random.default_rng(7)
    return pd.DataFrame({"y": np.r_[rng.normal(0, 1, 30), rng.normal(0.5, 1, 30), rng.normal(1, 2, 30)],
                         "g": ["a"] * 30 + ["b"] * 30 + ["c"] * 30})


@pytest.mark.parametrize(
    ("fn", "test", "groups"),
    [(sv.t_test, "student", 2), (sv.welch_t_test, "welch", 2), (sv.mann_whitney, "mann_whitney", 2),
     (sv.anova, "anova", 3), (sv.welch_anova, "welch_anova", 3), (sv.kruskal, "kruskal", 3)],
)
def test_each_test_is_compare_groups_with_that_test(three, fn, test, groups):
    data = three if groups == 3 else three[three["g"] != "c"]
    a, b = fn(data, dv="y", by="g"), sv.compare_groups(data, dv="y", by="g", test=test)
    assert a.test == test
    assert (a.statistic, a.df, a.df2, a.p_value, a.effect_size) == (b.statistic, b.df, b.df2, b.p_value, b.effect_size)


def test_post_hoc_alone_equals_the_table_after_the_omnibus_test(three):
    alone = sv.post_hoc(three, dv="y", by="g", method="games_howell")
    after = sv.welch_anova(three, dv="y", by="g", post_hoc="games_howell").post_hoc
    pd.testing.assert_frame_equal(alone, after)
    with pytest.raises(AnalysisError, match="method must be one of"):
        sv.post_hoc(three, dv="y", by="g", method="auto")


def test_two_group_test_on_three_groups_is_an_error(three):
    with pytest.raises(AnalysisError, match="needs exactly 2 groups"):
        sv.t_test(three, dv="y", by="g")


def test_chinese_sentences_list_names_with_the_enumeration_comma():
    """In Chinese text a list of names is joined with 、, not an ASCII comma."""
    rng = np.random.default_rng(3)
    n = 300
    df = pd.DataFrame({c: rng.normal(size=n) for c in ("a", "b", "c", "d")})
    df["y"] = df[["a", "b", "c", "d"]].sum(axis=1) + rng.normal(size=n)
    res = sv.regression(df, "y", blocks=[["a"], ["b", "c", "d"]])
    zh = " ".join(res.findings(lang="zh"))
    assert "第2层加入b、c、d后" in zh
    assert "加入b, c" not in zh
    en = " ".join(res.findings(lang="en"))
    assert "Adding b, c, d in step 2" in en
