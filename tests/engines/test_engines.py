"""The DuckDB and Dask engines give the reference engine's statistics on the same rows."""

from __future__ import annotations

import numpy as np
import pytest

from survey.engines import MemoryEngine, Moments
from survey.errors import AnalysisError

from .conftest import ITEMS

# closed-form statistics of 30,000 rows agree to 1e-9 (relative, on sums of that size)
TOL = 1e-9


def test_moments_equal_numpy(lazy, ratings):
    m = lazy.moments(ITEMS)
    complete = ratings[ITEMS].dropna().to_numpy()
    assert m.n == len(complete) == len(ratings) - 65
    np.testing.assert_allclose(m.mean, complete.mean(axis=0), rtol=0, atol=TOL)
    np.testing.assert_allclose(m.cov(), np.cov(complete, rowvar=False), rtol=0, atol=TOL)
    np.testing.assert_allclose(m.corr(), np.corrcoef(complete, rowvar=False), rtol=0, atol=TOL)
    assert m.minimum.tolist() == [1.0] * 6 and m.maximum.tolist() == [5.0] * 6


def test_grouped_moments_keep_the_missing_group(lazy, ratings):
    got = lazy.moments(["q1", "overall"], by="region")
    ref = MemoryEngine(ratings).moments(["q1", "overall"], by="region")
    assert set(got) == set(ref) == {"east", "west", "north", None}
    for key, m in ref.items():
        assert got[key].n == m.n
        np.testing.assert_allclose(got[key].cov(), m.cov(), rtol=0, atol=TOL)
        np.testing.assert_allclose(got[key].mean, m.mean, rtol=0, atol=TOL)


def test_counts(lazy, ratings):
    got = lazy.counts(["channel", "q1"])
    ref = ratings.dropna(subset=["q1"]).groupby(["channel", "q1"]).size()
    assert got.index.tolist() == ref.index.tolist()
    assert got.tolist() == ref.tolist()


def test_poisson_bootstrap_is_seeded_and_identical(lazy, ratings):
    got = lazy.engine.bootstrap_moments(["q1", "q2"], n_boot=3, seed=11)
    ref = MemoryEngine(ratings).bootstrap_moments(["q1", "q2"], n_boot=3, seed=11)
    assert [m.n for m in got] == [m.n for m in ref]
    assert len({m.n for m in ref}) == 3  # the replicates differ
    assert all(abs(m.n - len(ratings)) < 5 * np.sqrt(len(ratings)) for m in ref)
    for a, b in zip(got, ref):
        np.testing.assert_allclose(a.cov(), b.cov(), rtol=0, atol=TOL)


def test_sample_is_the_same_rows_on_every_engine(lazy, ratings):
    got = lazy[ITEMS].sample(50, seed=3)
    ref = MemoryEngine(ratings).sample(50, seed=3, columns=ITEMS)
    assert got.index.tolist() == ref.index.tolist()
    assert list(got.columns) == ITEMS
    np.testing.assert_array_equal(got.to_numpy(), ratings.loc[ref.index, ITEMS].to_numpy())


def test_pooling_is_exact_on_shifted_data():
    rng = np.random.default_rng(1)
    x = 1e6 + rng.normal(size=(10_000, 3))
    parts = [Moments.of(x[i : i + 997], "abc") for i in range(0, len(x), 997)]
    pooled = parts[0]
    for p in parts[1:]:
        pooled = pooled.pooled(p)
    # values near 1e6 carry 1e-10 of rounding each: the pooled covariances agree to that
    np.testing.assert_allclose(pooled.cov(), np.cov(x, rowvar=False), rtol=0, atol=1e-9)


def test_unknown_or_text_columns_are_named(lazy):
    with pytest.raises(AnalysisError, match="nope"):
        lazy.moments(["q1", "nope"])
    with pytest.raises(AnalysisError, match="not numeric.*channel"):
        lazy.moments(["q1", "channel"])
