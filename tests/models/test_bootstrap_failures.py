"""Failed bootstrap resamples are counted, warned about and, past a tenth, refused, the same way in
every statistic that bootstraps (survey/_bootstrap.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey._bootstrap import MAX_FAILED_SHARE, failed_rows, report_failures
from survey.errors import AnalysisError, SurveyWarning


def _data(rare: int, n: int = 200, seed: int = 3) -> pd.DataFrame:
    """y on x1, x2 and a predictor that is 0 except in ``rare`` rows: a resample missing all of
    them has a constant column, so its weights cannot be computed (chance about e^−rare)."""
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    x3 = np.zeros(n)
    x3[:rare] = 1.0
    return pd.DataFrame({"y": x1 + x2 + x3 + rng.normal(size=n), "x1": x1, "x2": x2, "x3": x3})


@pytest.mark.parametrize("fn", [sv.relative_weights, sv.dominance])
def test_a_few_failures_are_counted_and_warned(fn):
    with pytest.warns(SurveyWarning, match=r"of 400 bootstrap resamples could not be computed"):
        res = fn(_data(rare=4), "y", ["x1", "x2", "x3"], n_boot=400, seed=1)
    assert 0 < res.n_boot_failed <= MAX_FAILED_SHARE * 400
    assert np.isfinite(res.table["ci_low"]).all()


@pytest.mark.parametrize("fn", [sv.relative_weights, sv.dominance])
def test_too_many_failures_is_an_error(fn):
    with pytest.raises(AnalysisError, match=r"more than 10% failed"):
        fn(_data(rare=1), "y", ["x1", "x2", "x3"], n_boot=400, seed=1)


def test_no_failure_no_warning(recwarn):
    res = sv.relative_weights(_data(rare=100), "y", ["x1", "x2", "x3"], n_boot=200, seed=1)
    assert res.n_boot_failed == 0
    assert not [w for w in recwarn if issubclass(w.category, SurveyWarning)]


def test_the_rule_itself():
    draws = np.array([[1.0, 2.0], [np.nan, np.nan], [3.0, np.nan]])
    assert failed_rows(draws) == 1
    report_failures(0, 100, what="x", why="y")  # silent
    with pytest.warns(SurveyWarning, match="x: 10 of 100"):
        report_failures(10, 100, what="x", why="y")
    with pytest.raises(AnalysisError, match="x: 11 of 100"):
        report_failures(11, 100, what="x", why="y")
