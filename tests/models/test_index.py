"""Satisfaction index (0–100, ACSI formula) against the hand formula."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import survey as sv
from survey.errors import AnalysisError

ITEMS = ["sat1", "sat2", "sat3", "sat4"]



def hand(d: pd.DataFrame, w: np.ndarray, lo: float, hi: float) -> float:
    w = w / w.sum()
    xbar = d[ITEMS].mean().to_numpy()
    return 100 * (w @ xbar - w.sum() * lo) / (w.sum() * hi - w.sum() * lo)


def test_equal_and_model_weights_match_formula(ecsi):
    res = sv.satisfaction_index(ecsi, ITEMS, scale=(0, 10))
    assert res.estimate == pytest.approx(hand(ecsi, np.ones(4), 0, 10), abs=1e-10)
    w = {"sat1": 0.4, "sat2": 0.3, "sat3": 0.2, "sat4": 0.1}
    res_w = sv.satisfaction_index(ecsi, ITEMS, item_weights=w, scale=(0, 10))
    assert res_w.estimate == pytest.approx(hand(ecsi, np.array([0.4, 0.3, 0.2, 0.1]), 0, 10), abs=1e-10)
    assert res_w.weights.sum() == pytest.approx(1.0)


def test_ci_is_t_interval_of_respondent_scores(ecsi):
    res = sv.satisfaction_index(ecsi, ITEMS, scale=(0, 10), ci_level=0.9)
    s = ecsi[ITEMS].mean(axis=1) * 10
    n = len(s)
    half = stats.t.ppf(0.95, n - 1) * s.std(ddof=1) / np.sqrt(n)
    row = res.table.iloc[0]
    assert row["ci_low"] == pytest.approx(s.mean() - half, abs=1e-10)
    assert row["ci_high"] == pytest.approx(s.mean() + half, abs=1e-10)


def test_by_group(ecsi):
    res = sv.satisfaction_index(ecsi, ITEMS, scale=(0, 10), by="gender")
    t = res.table.set_index("group")
    for g in ("female", "male"):
        assert t.loc[g, "estimate"] == pytest.approx(hand(ecsi[ecsi.gender == g], np.ones(4), 0, 10), abs=1e-10)
        assert t.loc[g, "n"] == (ecsi.gender == g).sum()
    assert "By gender" in res.findings()[1] and "按gender分组" in res.findings("zh")[1]


def test_bad_input(ecsi):
    with pytest.raises(AnalysisError, match="outside the scale"):
        sv.satisfaction_index(ecsi, ITEMS, scale=(1, 5))
    with pytest.raises(AnalysisError, match=">= 0"):
        sv.satisfaction_index(ecsi, ITEMS, item_weights={"sat1": -1, "sat2": 1, "sat3": 1, "sat4": 1}, scale=(0, 10))
    with pytest.raises(AnalysisError, match="constant"):
        sv.satisfaction_index(ecsi.assign(sat4=5), ITEMS, scale=(0, 10))
