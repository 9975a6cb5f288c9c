from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError

SEG = pd.DataFrame(
    {
        "segment_id": ["a1", "a2", "a3", "b1", "b2", "c1", "q1"],
        "interviewee": ["a", "a", "a", "b", "b", "c", "a"],
        "role": ["interviewee"] * 6 + ["interviewer"],
        "text": ["x"] * 7,
    }
)
CODING = pd.DataFrame(
    {
        "segment_id": ["a1", "a1", "a2", "b1", "b1", "b2", "c1", "a1", "b2"],
        "coder": ["A"] * 7 + ["B", "B"],
        "code": ["salary", "personal_life", "salary", "salary", "achievement", "personal_life", "achievement", "salary", "growth"],
    }
)
ATTR = pd.DataFrame({"sector": ["高校", "企业", "高校"]}, index=pd.Index(["a", "b", "c"], name="interviewee"))


def test_frequencies_by_hand():
    r = sv.code_frequencies(CODING, SEG, codebook="herzberg16", coder="A")
    t = r.table
    # codebook order: achievement, salary, personal_life
    assert list(t.index) == ["achievement", "salary", "personal_life"]
    assert t.loc["salary", "n_segments"] == 3 and t.loc["salary", "n_interviewees"] == 2
    assert t.loc["salary", "pct_segments"] == pytest.approx(50.0)  # 3 of 6 interviewee segments
    assert t.loc["achievement", "pct_interviewees"] == pytest.approx(200 / 3)
    assert r.by_interviewee.loc["a", "salary"] == 2 and r.by_interviewee.loc["c", "salary"] == 0
    assert r.by_theme.loc["hygiene", "n_segments"] == 4  # a1, a2, b1, b2 (a1 counted once)
    assert r.by_theme.loc["motivators", "n_interviewees"] == 2
    assert t.loc["salary", "role"] == "hygiene"
    assert "Salary" in r.findings()[0] and "薪酬" in sv.code_frequencies(CODING, SEG, codebook="herzberg16", coder="A", lang="zh").findings("zh")[0]
    assert isinstance(r.plot(), plt.Axes)


def test_coders_are_never_mixed_silently():
    with pytest.raises(AnalysisError, match="2 coders"):
        sv.code_frequencies(CODING, SEG)
    union = sv.code_frequencies(CODING, SEG, merge="union").table
    both = sv.code_frequencies(CODING, SEG, merge="all").table
    assert "growth" in union.index and list(both.index) == ["salary"]
    with pytest.raises(AnalysisError, match="coder 'Z'"):
        sv.code_frequencies(CODING, SEG, coder="Z")


def test_cooccurrence():
    r = sv.cooccurrence(CODING, coder="A")
    c = r.counts
    assert c.loc["salary", "personal_life"] == 1 and c.loc["salary", "achievement"] == 1
    assert c.loc["salary", "salary"] == 3
    assert r.jaccard.loc["salary", "achievement"] == pytest.approx(1 / 4)
    p = sv.cooccurrence(CODING, SEG, unit="interviewee", coder="A")
    assert p.counts.loc["salary", "personal_life"] == 2 and p.n_units == 3
    assert r.findings()[0].startswith("The codes co-occurring most often")
    assert isinstance(r.plot(), plt.Axes)


def test_code_by_attribute():
    r = sv.code_by_attribute(CODING, SEG, ATTR, "sector", coder="A")
    assert r.counts.loc["achievement", "企业"] == 1 and r.counts.loc["achievement", "高校"] == 1
    assert r.group_sizes["高校"] == 2
    assert r.pct.loc["salary", "高校"] == pytest.approx(50.0)
    s = sv.code_by_attribute(CODING, SEG, ATTR, "sector", count="segments", coder="A")
    assert s.counts.loc["salary", "高校"] == 2
    with pytest.raises(AnalysisError, match="not a column"):
        sv.code_by_attribute(CODING, SEG, ATTR, "age", coder="A")
    with pytest.raises(AnalysisError, match="attribute table"):
        sv.code_by_attribute(CODING, SEG, ATTR.drop(index="c"), "sector", coder="A")
