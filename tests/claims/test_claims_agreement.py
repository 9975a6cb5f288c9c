"""Inter-coder agreement: a code below .60 is flagged and the pooled value is never called good."""

from __future__ import annotations

import pandas as pd
import pytest

import survey as sv


def _coding() -> pd.DataFrame:
    """32 segments: pay agreed on 20, home on 10 (+2 disagreements), team applied by one coder each on 2."""
    rows = []
    for i in range(20):
        rows += [(f"s{i}", "A", "pay"), (f"s{i}", "B", "pay")]
    for i in range(20, 30):
        rows += [(f"s{i}", "A", "home"), (f"s{i}", "B", "home")]
    rows += [("s30", "A", "team"), ("s31", "B", "team"), ("s30", "B", "home"), ("s31", "A", "home")]
    return pd.DataFrame(rows, columns=["segment_id", "coder", "code"])


@pytest.fixture(scope="module")
def result():
    return sv.agreement(_coding(), n_boot=200, seed=1)


def test_values(result):
    t = result.table
    # team over 32 units: A = 1 on s30 only, B = 1 on s31 only; by hand with the binary formula
    team = sv.krippendorff_alpha([[1 if i == 30 else 0 for i in range(32)], [1 if i == 31 else 0 for i in range(32)]], n_boot=0).estimate
    assert t.loc["team", "alpha"] == pytest.approx(team, abs=1e-14) == pytest.approx(1 - 63 * 2 / (62 * 2), abs=1e-12)  # 1 − (n − 1)·o₀₁/(n₀·n₁)
    assert t.loc["overall", "alpha"] > 0.80 and t.loc["pay", "alpha"] == 1.0
    assert result.flagged == ("team",)


def test_pooled_alpha_is_not_called_good_beside_a_flagged_code(result):
    zh = result.findings("zh")
    assert "编码信度良好" not in "".join(zh)
    assert "但有1个编码的一致性低于0.60，总体系数不能代表这些编码" in zh[0]
    assert "一致性低于0.60的编码：team（α = −0.016，κ = −0.032）" in zh[2]
    en = result.findings("en", names={"team": "Teamwork"})
    assert "reliable (" not in en[0] and "1 code(s) fall below .60" in en[0]
    assert "Teamwork (α = −.016, κ = −.032)" in en[2]


def test_without_flagged_codes_the_verdict_stands():
    coding = _coding()
    coding = coding[coding["code"] != "team"]
    r = sv.agreement(coding, n_boot=50, seed=1)
    assert r.flagged == () and "编码信度良好" in r.findings("zh")[0]
    assert "Krippendorff's α为" in sv.agreement(coding, n_boot=0).findings("zh")[0]   # no interval, no KeyError
