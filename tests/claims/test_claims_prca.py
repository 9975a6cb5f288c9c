"""Impact asymmetry: a value or an interval outside [−1, 1] is an anomaly, not the index."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from survey.errors import SurveyWarning
from survey.models import prca
from survey.models.prca import ia_class, role_match


def _data(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.integers(1, 6, size=(300, 3)), columns=["pay", "growth", "flat"])
    x["overall"] = 3 - 1.0 * (x.pay <= 2) + 1.0 * (x.growth == 5) - 0.3 * (x.flat <= 2) + rng.normal(0, 0.5, 300)
    return x


def _fit(seed: int):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        return prca(_data(seed), "overall", ["pay", "growth", "flat"], roles={"pay": "hygiene", "growth": "motivator", "flat": "hygiene"},
                    n_boot=200, seed=1)


def test_ia_outside_its_range_gets_no_class():
    assert ia_class(-1.13) == "undefined" and ia_class(1.0) == "excitement" and ia_class(-1.0) == "basic"
    assert role_match("hygiene", "undefined") == "undetermined"


def test_point_estimate_outside_the_range_is_reported_as_an_anomaly():
    res = _fit(3)
    row = res.table.loc["flat"]
    # reward −0.024, penalty −0.386: IA = (r − |p|)/(r + |p|) = −0.410/0.362 = −1.13, outside [−1, 1]
    assert row["reward"] < 0
    assert row["ia"] == pytest.approx((row["reward"] - abs(row["penalty"])) / (row["reward"] + abs(row["penalty"])))
    assert row["ia"] == pytest.approx(-1.134, abs=5e-4)
    assert row["class"] == "undefined" and row["match"] == "undetermined"
    zh = res.findings("zh")[2]
    assert zh.startswith("flat的奖励系数为负") and "超出其定义范围[−1, 1]，属于异常结果" in zh and "基本型" not in zh
    assert "anomaly, not an asymmetry" in res.findings("en")[2]


def test_interval_reaching_outside_the_range_is_not_reported_as_the_index_interval():
    res = _fit(4)
    row = res.table.loc["flat"]
    assert -1 <= row["ia"] <= 1 and row["ia_ci_low"] < -1            # point in range, percentile interval not
    assert not res.ia_ci_reportable()["flat"] and res.ia_ci_reportable()["pay"]
    assert 0.025 < row["ia_out_of_range"] < 1
    zh = res.findings("zh")[2]
    assert "95% CI" not in zh and "置信区间不报告" in zh
    assert f"{100 * row['ia_out_of_range']:.1f}%的自助样本奖励系数为负" in zh
    assert "95%置信区间 [" in res.findings("zh")[0]                      # pay's interval is inside the range, in Chinese words
