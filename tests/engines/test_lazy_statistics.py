"""Every statistic that reduces to moments gives, on a scanned table, the in-memory result to 1e-9."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError, RowsNeededError

from .conftest import ITEMS

TOL = 1e-9


def close(a, b):
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=TOL, atol=TOL)


def test_alpha(lazy, ratings):
    got, ref = sv.cronbach_alpha(lazy[ITEMS]), sv.cronbach_alpha(ratings[ITEMS])
    assert (got.n, got.k) == (ref.n, ref.k) == (len(ratings) - 65, 6)
    close([got.alpha, got.std_alpha, got.ci_low, got.ci_high, got.average_r], [ref.alpha, ref.std_alpha, ref.ci_low, ref.ci_high, ref.average_r])
    pd.testing.assert_index_equal(got.item_stats.index, ref.item_stats.index)
    close(got.item_stats.to_numpy(), ref.item_stats.to_numpy())


def test_correlations_and_efa(lazy, ratings):
    cols = [*ITEMS, "overall"]
    got, ref = sv.correlations(lazy, cols), sv.correlations(ratings, cols)
    for table in ("r", "p_value", "ci_low", "ci_high", "n"):
        close(getattr(got, table), getattr(ref, table))
    assert got.n_excluded == ref.n_excluded == 65
    got, ref = sv.efa(lazy[ITEMS], n_factors=2, rotation="promax"), sv.efa(ratings[ITEMS], n_factors=2, rotation="promax")
    assert got.n == ref.n
    close(got.eigenvalues, ref.eigenvalues)
    # the same matrix enters the same iterative fit: the loadings agree far beyond the 1e-3 of iterative fits
    np.testing.assert_allclose(got.loadings.to_numpy(), ref.loadings.to_numpy(), atol=1e-8)


def test_hierarchical_regression(lazy, ratings):
    blocks = [["q1", "q2"], ["q3", "q4", "q5"]]
    got, ref = sv.regression(lazy, "overall", blocks=blocks), sv.regression(ratings, "overall", blocks=blocks)
    assert (got.n, got.n_excluded) == (ref.n, ref.n_excluded)
    close(got.steps.drop(columns="added").to_numpy(), ref.steps.drop(columns="added").to_numpy())
    close(got.step_coefficients.fillna(0).to_numpy(), ref.step_coefficients.fillna(0).to_numpy())


@pytest.mark.parametrize("test", ["auto", "student", "anova"])
def test_compare_groups(lazy, ratings, test):
    by = "channel" if test == "student" else "region"
    got = sv.compare_groups(lazy, dv="overall", by=by, test=test)
    ref = sv.compare_groups(ratings, dv="overall", by=by, test={"auto": "welch_anova"}.get(test, test))
    assert got.test == ref.test and got.group_order == ref.group_order == "appearance"
    close([got.statistic, got.df, got.df2 or 0, got.p_value], [ref.statistic, ref.df, ref.df2 or 0, ref.p_value])
    close(got.effects.fillna(0).to_numpy(), ref.effects.fillna(0).to_numpy())
    cols = ["n", "mean", "sd", "se", "ci_low", "ci_high", "min", "max"]
    assert got.groups.index.tolist() == ref.groups.index.tolist()
    close(got.groups[cols].to_numpy(), ref.groups[cols].to_numpy())
    assert (got.n, got.n_excluded) == (ref.n, ref.n_excluded)


def test_satisfaction_index(lazy, ratings):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = sv.satisfaction_index(lazy, ITEMS, by="region")
        ref = sv.satisfaction_index(ratings, ITEMS, by="region")
    assert sum("no 'region'" in str(w.message) for w in caught) == 2
    assert got.table["group"].tolist() == ref.table["group"].tolist() == ["overall", "east", "north", "west"]
    close(got.table.drop(columns="group").to_numpy(), ref.table.drop(columns="group").to_numpy())
    assert got.scores.empty


def test_what_needs_rows_names_the_sample(lazy):
    for call in (lambda: sv.compare_groups(lazy, dv="overall", by="region", test="kruskal"),
                 lambda: sv.correlations(lazy, ITEMS, method="spearman"),
                 lambda: sv.cfa(lazy, {"f": ITEMS}),
                 lambda: sv.item_analysis(lazy[ITEMS]),
                 lambda: sv.cronbach_alpha(lazy[ITEMS], n_boot=100)):
        with pytest.raises(RowsNeededError, match=r"\.sample\(n, seed=\.\.\.\)"):
            call()
    assert issubclass(RowsNeededError, AnalysisError)


def test_bad_input_is_named_as_in_memory(lazy):
    with pytest.raises(AnalysisError, match="not numeric.*channel"):
        sv.cronbach_alpha(lazy[["q1", "channel"]])
    with pytest.raises(AnalysisError, match="columns not in the data"):
        sv.regression(lazy, "overall", ["q1", "nope"])
    with pytest.raises(AnalysisError, match="values outside the scale"):
        sv.satisfaction_index(lazy, ITEMS, scale=(1, 4))


def test_sample_runs_what_needs_rows(lazy, ratings):
    sample = lazy[[*ITEMS, "region"]].sample(2_000, seed=7)
    res = sv.compare_groups(sample, dv="q1", by="region", test="kruskal")
    assert res.n == sample[["q1", "region"]].dropna().shape[0]


def test_kmo_bartlett_omega_from_the_same_matrix(lazy, ratings):
    got, ref = sv.kmo(lazy[ITEMS]), sv.kmo(ratings[ITEMS])
    close([got.overall, *got.per_item], [ref.overall, *ref.per_item])
    got, ref = sv.bartlett(lazy[ITEMS]), sv.bartlett(ratings[ITEMS])
    close([got.statistic, got.p_value, got.df], [ref.statistic, ref.p_value, ref.df])
    got, ref = sv.omega(lazy[ITEMS]), sv.omega(ratings[ITEMS])
    np.testing.assert_allclose(got.omega_total, ref.omega_total, atol=1e-8)  # an iterative fit of the same matrix
