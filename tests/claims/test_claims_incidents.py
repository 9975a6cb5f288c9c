"""Critical incidents: small expected counts switch the test to Fisher's exact test."""

from __future__ import annotations

from math import comb

import pandas as pd
import pytest
from scipy import stats

from survey.interviews import critical_incidents
from survey.interviews.incidents import incident_test


def _sequences() -> pd.DataFrame:
    """27 high and 28 low sequences, as in the flagship study: work itself in 4 high and 0 low,
    growth in 6 high and 0 low, policy in 0 high and 9 low, recognition in 14 high and 13 low."""
    rows = []
    for i in range(27):
        f = ["recognition"] if i < 14 else ["achievement"]
        f += ["work_itself"] if i < 4 else []
        f += ["growth"] if 4 <= i < 10 else []
        rows.append((f"H{i}", "high", ";".join(f)))
    for i in range(28):
        f = ["recognition"] if i < 13 else ["salary"]
        f += ["policy_administration"] if i < 9 else []
        rows.append((f"L{i}", "low", ";".join(f)))
    return pd.DataFrame(rows, columns=["sequence_id", "valence", "factor"])


def test_fisher_p_by_hand():
    # 4 mentions among 55 sequences, all 4 in the 27 high ones: P(X = 4) = C(27,4)/C(55,4); the other
    # tail, P(X = 0) = C(28,4)/C(55,4) = .0600, is larger, so the two-sided p is P(X = 4) alone.
    hand = comb(27, 4) / comb(55, 4)
    assert hand == pytest.approx(0.0514579759862779, abs=1e-15)
    r = incident_test(4, 27, 0, 28)
    assert r["test"] == "fisher" and r["p_value"] == pytest.approx(hand, abs=1e-14)
    assert r["min_expected"] == pytest.approx(4 * 27 / 55)             # mentioned × high


def test_small_expected_counts_are_not_called_significant_on_chi2():
    res = critical_incidents(_sequences(), lang="zh")
    t = res.table
    # χ² without correction gave p = .034 for work itself (the flagship report called it significant)
    assert stats.chi2.sf(t.loc["work_itself", "estimate"] ** 2 / (4 / 55 * 51 / 55 * (1 / 27 + 1 / 28)), 1) == pytest.approx(0.034, abs=5e-4)
    assert t.loc["work_itself", "test"] == "fisher" and t.loc["work_itself", "p_value"] == pytest.approx(comb(27, 4) / comb(55, 4))
    # scipy's fisher_exact is R's fisher.test p for a 2 x 2 table
    assert t.loc["growth", "p_value"] == pytest.approx(stats.fisher_exact([[6, 21], [0, 28]]).pvalue, abs=1e-15)
    assert t.loc["recognition", "test"] == "chi2"              # expected counts all >= 5
    zh = "\n".join(res.findings("zh"))
    assert "工作本身" not in zh
    assert "成长的可能性（Fisher精确检验，p = 0.010）" in zh
    assert "政策与管理（Fisher精确检验，p = 0.002）" in zh
    en = "\n".join(critical_incidents(_sequences()).findings("en"))
    assert "(Fisher's exact test, p = .010)" in en and "Salary (χ² test, p < .001)" in en


def test_adjusted_family_decides_the_sentence():
    res = critical_incidents(_sequences(), p_adjust="bonferroni", lang="zh")
    t = res.table
    zh = "\n".join(res.findings("zh"))
    assert t.loc["growth", "p_value"] < 0.05 <= t.loc["growth", "p_adjusted"]   # .010 raw, .061 after Bonferroni over 6 factors
    assert "成长的可能性" not in zh
    assert f"政策与管理（Fisher精确检验，校正后p = {t.loc['policy_administration', 'p_adjusted']:.3f}）" in zh
