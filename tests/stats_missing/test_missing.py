"""Little's MCAR test by hand, the pattern table, the figure, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import survey as sv
from survey.errors import AnalysisError
from survey.stats.missing import em_normal


def test_em_has_the_closed_form_of_one_incomplete_variable():
    # x complete, y missing in some rows: the ML estimates are those of x and of the regression of
    # y on x in the complete rows (Anderson 1957), so EM must reach them
    rng = np.random.default_rng(5)
    x = rng.normal(size=60)
    y = 1 + 0.7 * x + rng.normal(scale=0.6, size=60)
    y[rng.random(60) < 0.3] = np.nan
    mu, sigma, _ = em_normal(np.column_stack([x, y]))
    cc = ~np.isnan(y)
    b1 = np.cov(x[cc], y[cc], bias=True)[0, 1] / np.var(x[cc])
    b0 = y[cc].mean() - b1 * x[cc].mean()
    s2 = np.var(y[cc] - b0 - b1 * x[cc])
    sxx = np.var(x)
    assert mu == pytest.approx([x.mean(), b0 + b1 * x.mean()], abs=1e-9)
    np.testing.assert_allclose(sigma, [[sxx, b1 * sxx], [b1 * sxx, s2 + b1**2 * sxx]], atol=1e-9)


def test_little_statistic_by_hand():
    df = pd.DataFrame({"a": [1, 2, 3, np.nan, 5, 4, 2, np.nan], "b": [2, 1, np.nan, 3, 4, 5, 3, 2], "c": [1, 3, 2, 4, np.nan, 5, 4, 3]})
    res = sv.little_mcar(df)
    mu, sigma = res.mean.to_numpy(), res.covariance.to_numpy()
    d2, kj = 0.0, 0
    for _, rows in df.groupby(df.notna().apply(tuple, axis=1)):
        o = rows.columns[rows.notna().iloc[0]]
        idx = [df.columns.get_loc(c) for c in o]
        diff = rows[o].mean().to_numpy() - mu[idx]
        d2 += len(rows) * diff @ np.linalg.inv(sigma[np.ix_(idx, idx)]) @ diff
        kj += len(o)
    assert res.statistic == pytest.approx(d2, rel=1e-12)
    assert res.df == kj - 3 == 6
    assert res.p_value == pytest.approx(stats.chi2.sf(d2, 6), rel=1e-12)
    assert res.n_patterns == 4


def test_little_leaves_out_empty_rows_and_says_so():
    df = pd.DataFrame({"a": [1.0, 2, 3, np.nan, 5, 4, 2, 3, np.nan], "b": [2.0, 1, 4, 3, 4, 5, 3, 2, np.nan]})
    res = sv.little_mcar(df)
    assert res.n == 8 and res.n_empty == 1
    assert "Little's MCAR test" in res.findings()[0]


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"a": [1.0, 2, 3], "b": [np.nan] * 3}), r"every value is missing in \['b'\]"),
        (pd.DataFrame({"a": [1.0, 2, 3], "b": [1.0, 2, 3]}), "no missing value"),
        (pd.DataFrame({"a": [1.0, 2, np.nan], "b": [4.0, 4, 4]}), r"constant columns \['b'\]"),
        (pd.DataFrame({"a": [1.0, 2, np.nan], "t": ["x", "y", "z"]}), r"text columns \['t'\]"),
    ],
)
def test_little_bad_input(frame, message):
    with pytest.raises(AnalysisError, match=message):
        sv.little_mcar(frame)


def test_pattern_table_and_figure():
    df = pd.DataFrame({"a": [1, 2, np.nan, 4, 5], "b": [1, np.nan, np.nan, 3, 2], "c": [1, 2, 3, 4, 5]})
    res = sv.missing_patterns(df)
    assert res.columns == ["c", "a", "b"]
    assert res.patterns.values.tolist() == [[1, 1, 1, 3, 0], [1, 1, 0, 1, 1], [1, 0, 0, 1, 2]]
    assert res.missing["n_missing"].tolist() == [0, 1, 2]
    assert res.n_complete == 3
    assert "3 of 15 values" in res.findings()[0]
    ax = sv.plot_missing_patterns(res, lang="zh")
    assert ax.get_images()[0].get_array().tolist() == [[1, 1, 1], [1, 1, 0], [1, 0, 0]]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["3", "1", "1"]
