from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from scipy import stats

import survey as sv
from survey.errors import AnalysisError, ResponseDataError

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "interviews"


def test_two_proportion_test_against_prop_test():
    ref = pd.read_csv(REFERENCE / "prop_test_reference.csv")
    for row in ref.itertuples():
        r = sv.two_proportion_test(int(row.x1), int(row.n1), int(row.x2), int(row.n2))
        assert r["statistic"] == pytest.approx(row.statistic, abs=1e-8)
        assert r["p_value"] == pytest.approx(row.p_value, rel=1e-8)
        assert r["ci_low"] == pytest.approx(row.ci_low, abs=1e-8)
        assert r["ci_high"] == pytest.approx(row.ci_high, abs=1e-8)


def _sequences():
    # 10 high, 8 low sequences; wide format with mixed id / zh / en factor labels
    rows = [
        (1, "high", "long", "achievement;recognition"), (2, "high", "short", "成就"), (3, "高", "long", "work_itself, responsibility"),
        (4, "high", "long", "recognition、salary"), (5, "high", "short", "achievement"), (6, "high", "long", "Advancement"),
        (7, "high", "short", "growth;achievement"), (8, "high", "long", "recognition"), (9, "high", "short", "work_itself"),
        (10, "high", "long", "achievement"),
        (11, "low", "long", "policy_administration;salary"), (12, "low", "short", "政策与管理"), (13, "低", "long", "working_conditions"),
        (14, "low", "short", "salary;personal_life"), (15, "low", "long", "personal_life"), (16, "low", "short", "achievement"),
        (17, "low", "long", "relations_superior;policy_administration"), (18, "low", "short", "job_security"),
    ]
    return pd.DataFrame(rows, columns=["sequence_id", "valence", "range", "factor"])


def test_critical_incident_table():
    r = sv.critical_incidents(_sequences())
    t = r.table
    assert r.n_high == 10 and r.n_low == 8
    assert t.loc["achievement", "n_high"] == 5 and t.loc["achievement", "n_low"] == 1
    assert t.loc["achievement", "pct_high"] == pytest.approx(50.0) and t.loc["achievement", "pct_low"] == pytest.approx(12.5)
    # expected count of "mentioned in low" is 6 * 8 / 18 = 2.67 < 5: Fisher's exact test, as R fisher.test
    # (scipy's fisher_exact is the same computation for a 2 x 2 table)
    assert t.loc["achievement", "test"] == "fisher"
    assert t.loc["achievement", "p_value"] == pytest.approx(stats.fisher_exact([[5, 5], [1, 7]]).pvalue, abs=1e-15)
    # motivators above hygiene
    roles = t["role"].tolist()
    assert roles == sorted(roles, key=lambda x: x != "motivator")
    assert "status" in r.untestable and "status" not in t.index
    # shares over factor mentions: high has 14 mentions, 13 motivators; low has 11 mentions, 10 hygiene
    assert r.shares.loc["high", "n_mentions"] == 14 and r.shares.loc["high", "n_motivator"] == 13
    assert r.shares.loc["low", "pct_hygiene"] == pytest.approx(100 * 10 / 11)
    # 6 long-range high sequences (1, 3, 4, 6, 8, 10); achievement in 2 of them
    assert r.by_range.loc["achievement", ("high", "long")] == pytest.approx(100 * 2 / 6)
    assert "81%" in r.findings()[0] and "81%" in r.findings("zh")[0]
    assert not t.drop(columns=["name", "role", "statistic", "df"]).isna().any().any()
    assert t.loc[t["test"] == "chi2", "statistic"].notna().all() and t.loc[t["test"] == "fisher", "statistic"].isna().all()
    adj = sv.critical_incidents(_sequences(), p_adjust="holm").table
    assert (adj["p_adjusted"] >= adj["p_value"]).all()


def test_butterfly_chart():
    r = sv.critical_incidents(_sequences(), lang="zh")
    ax = r.plot(lang="zh")
    assert isinstance(ax, plt.Axes)
    bars = ax.patches
    n = len(r.table)
    lows = [b.get_width() for b in bars[:n]]
    highs = [b.get_width() for b in bars[n : 2 * n]]
    assert all(w <= 0 for w in lows) and all(w >= 0 for w in highs)  # low left, high right
    ys = [b.get_y() for b in bars[:n]]
    assert ys == sorted(ys, reverse=True)  # first rows (motivators) on top
    labels = [t.get_text() for t in ax.get_yticklabels()]
    top = labels[int(ax.get_yticks().argmax())]
    assert top == r.table["name"].iloc[0] == "成就"


def test_bad_sequences():
    bad = _sequences()
    bad.loc[0, "factor"] = "happiness"
    bad.loc[1, "valence"] = "meh"
    with pytest.raises(ResponseDataError) as err:
        sv.critical_incidents(bad)
    assert "row 1" in str(err.value) and "happiness" in str(err.value) and "row 2" in str(err.value)
    with pytest.raises(AnalysisError, match="both high and low"):
        sv.critical_incidents(_sequences().iloc[:10])
    long = pd.DataFrame({"sequence_id": [1, 1, 2], "valence": ["high", "low", "low"], "factor": ["salary", "growth", "salary"]})
    with pytest.raises(ResponseDataError, match="both high and low"):
        sv.critical_incidents(long)
