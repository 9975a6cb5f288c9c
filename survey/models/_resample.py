"""Bootstrap resampling through counts: respondents drawn with replacement become weights.

A resample's sufficient statistics (sums and cross-products) are the draw counts times the rows'
own products, so many resamples cost one matrix product; rows that are identical (same bands, same
scores) are pooled first. The draws are those of ``rng.integers(0, n, n)`` per resample, so a seed
gives the same resamples as drawing rows one by one.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


def distinct_rows(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``a`` and, for each row of ``a``, the index of its distinct row.

    Columns with few distinct values (dummies, Likert means) are combined into one integer key,
    which sorts much faster than rows; too many combinations fall back to sorting rows.
    """
    codes, sizes = [], []
    for col in a.T:
        _, code = np.unique(col, return_inverse=True)
        codes.append(code.ravel())
        sizes.append(int(code.max()) + 1)
    if float(np.prod(np.array(sizes, dtype=float))) < 2.0**62:
        key = np.zeros(len(a), dtype=np.int64)
        for code, size in zip(codes, sizes):
            key = key * size + code
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        return a[first], inverse.ravel()
    distinct, inverse = np.unique(a, axis=0, return_inverse=True)
    return distinct, inverse.ravel()



def resample_counts(inverse: np.ndarray, n_rows: int, n_boot: int, rng: np.random.Generator, *, chunk: int = 50) -> Iterator[np.ndarray]:
    """Blocks of draw counts per distinct row, ``chunk`` resamples at a time (shape chunk × n_rows)."""
    n = len(inverse)
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        w = np.empty((b, n_rows))
        for j in range(b):
            w[j] = np.bincount(inverse[rng.integers(0, n, n)], minlength=n_rows)
        yield w


def bootstrap_correlations(x: np.ndarray, n_boot: int, seed: int | None) -> Iterator[np.ndarray | None]:
    """The correlation matrix of each resample of the rows of ``x`` (None where a column is constant)."""
    rng = np.random.default_rng(seed)
    n, p = x.shape
    distinct, inverse = distinct_rows(x)
    iu, ju = np.triu_indices(p)
    products = distinct[:, iu] * distinct[:, ju]
    for w in resample_counts(inverse, len(distinct), n_boot, rng):
        means = (w @ distinct) / n
        cross = (w @ products) / n
        for m, c in zip(means, cross):
            cov = np.empty((p, p))
            cov[iu, ju] = c
            cov[ju, iu] = c
            cov -= np.outer(m, m)
            sd = np.sqrt(np.clip(np.diag(cov), 0, None))
            if np.any(sd <= 1e-12 * max(1.0, float(np.abs(m).max()))):
                yield None
                continue
            yield cov / np.outer(sd, sd)
