"""Kano: evaluation table, METHODS.md hand check, Fong test, bad codes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import ResponseDataError
from survey.models.kano import fong_test

# one (functional, dysfunctional) pair per category, from the evaluation table in METHODS.md
PAIR = {"A": (1, 3), "O": (1, 5), "M": (2, 5), "I": (3, 3), "R": (5, 1), "Q": (1, 1)}


def answers(counts: dict[str, int], name: str = "x") -> tuple[pd.DataFrame, pd.DataFrame]:
    pairs = [PAIR[k] for k, c in counts.items() for _ in range(c)]
    return pd.DataFrame({name: [p[0] for p in pairs]}), pd.DataFrame({name: [p[1] for p in pairs]})


def test_evaluation_table_matches_methods():
    rows = {1: "QAAAO", 2: "RIIIM", 3: "RIIIM", 4: "RIIIM", 5: "RRRRQ"}
    for f, text in rows.items():
        assert "".join(sv.KANO_TABLE.loc[f].tolist()) == text


def test_methods_hand_check():
    # METHODS.md: M9 O10 A1 I2 R3 Q0 -> Better .500, Worse -.864, Fong not significant, final M
    f, d = answers({"M": 9, "O": 10, "A": 1, "I": 2, "R": 3, "Q": 0})
    row = sv.kano(f, d).table.loc["x"]
    assert [row[k] for k in "AOMIRQ"] == [1, 10, 9, 2, 3, 0]
    assert row["better"] == pytest.approx(11 / 22, abs=1e-12)
    assert row["worse"] == pytest.approx(-19 / 22, abs=1e-12)
    assert round(row["worse"], 3) == -0.864
    assert not row["fong_significant"]
    assert row["fong_critical"] == pytest.approx(1.65 * np.sqrt(19 * 31 / 50), abs=1e-12)
    assert row["modal"] == "O" and row["category"] == "M" and row["mixed"]
    assert row["total_strength"] == pytest.approx(20 / 25)


def test_clear_winner_not_mixed_and_continuous_scores():
    f, d = answers({"A": 30, "I": 5, "O": 2})
    row = sv.kano(f, d).table.loc["x"]
    assert row["category"] == "A" and not row["mixed"] and row["fong_significant"]
    # DuMouchel: functional 1 -> 4, 3 -> 0; dysfunctional 3 -> 0, 5 -> 4
    assert row["functional_mean"] == pytest.approx((32 * 4 + 5 * 0) / 37)
    assert row["dysfunctional_mean"] == pytest.approx((2 * 4) / 37)


def test_questionable_respondents_dropped():
    f = pd.DataFrame({"a": [1, 1, 1, 2], "b": [1, 1, 3, 2]})
    d = pd.DataFrame({"a": [1, 5, 3, 5], "b": [1, 5, 3, 5]})
    res = sv.kano(f, d, max_questionable=1)
    assert res.n_dropped == 1
    assert res.table["Q"].sum() == 0 and res.table.loc["a", "n"] == 3


def test_out_of_range_codes_named():
    f = pd.DataFrame({"pay": [1, 6, 3], "school": [1, 2, 0]})
    d = pd.DataFrame({"pay": [1, 2, 3], "school": [1, 2, 3]})
    with pytest.raises(ResponseDataError) as info:
        sv.kano(f, d)
    text = str(info.value)
    assert "'pay'" in text and "6" in text and "'school'" in text and len(info.value.problems) == 2


def test_mismatched_columns():
    with pytest.raises(ResponseDataError, match="same attribute columns"):
        sv.kano(pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [1]}))


def test_findings_both_languages():
    f, d = answers({"M": 9, "O": 10, "A": 1, "I": 2, "R": 3})
    res = sv.kano(f, d)
    assert "must-be" in res.findings()[0] and "−.864" in res.findings()[0]
    assert "必备型" in res.findings("zh")[0] and "−0.864" in res.findings("zh")[0]


def test_fong_formula():
    diff, crit, sig = fong_test(30, 10, 50)
    assert diff == 20 and crit == pytest.approx(1.65 * np.sqrt(40 * 60 / 100)) and sig
