"""Sufficient statistics of numeric columns: count, means, centred cross-products, minima, maxima.

Moments of two disjoint sets of rows pool exactly (Chan, Golub & LeVeque 1979):
``M2 = M2_a + M2_b + (m_a − m_b)(m_a − m_b)ᵀ · n_a n_b / n``. Partial sums are always centred (on
a shift close to the mean, then corrected), so ten million ratings give the covariance matrix to
the precision of an in-memory ``numpy.cov``.

>>> import numpy as np
>>> x = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 4.0]])
>>> whole = Moments.of(x, ("a", "b"))
>>> parts = Moments.of(x[:1], ("a", "b")).pooled(Moments.of(x[1:], ("a", "b")))
>>> bool(np.allclose(whole.cov(), parts.cov())), parts.n
(True, 4)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from ..errors import AnalysisError

__all__ = ["Moments", "pool", "pool_groups", "from_shifted_sums"]


@dataclass(frozen=True)
class Moments:
    """``n`` complete rows of ``columns``: ``mean`` (k), ``m2`` (k × k, Σ(x − mean)(x − mean)ᵀ),
    ``minimum`` and ``maximum`` (k). ``n`` may be a sum of whole-number (bootstrap) weights."""

    columns: tuple[str, ...]
    n: int
    mean: np.ndarray
    m2: np.ndarray
    minimum: np.ndarray
    maximum: np.ndarray

    @classmethod
    def of(cls, x: np.ndarray, columns: Iterable[str], weights: np.ndarray | None = None) -> Moments:
        """Moments of the rows of a complete (n × k) array, each row counted ``weights`` times."""
        columns = tuple(columns)
        x = np.asarray(x, dtype=np.float64).reshape(-1, len(columns))
        if weights is not None:
            keep = weights > 0
            x, weights = x[keep], np.asarray(weights[keep], dtype=np.float64)
        n = int(len(x) if weights is None else weights.sum())
        k = len(columns)
        if n == 0:
            return cls.empty(columns)
        mean = x.mean(axis=0) if weights is None else weights @ x / n
        c = x - mean
        m2 = c.T @ c if weights is None else (c * weights[:, None]).T @ c
        return cls(columns, n, mean, m2.reshape(k, k), x.min(axis=0), x.max(axis=0))

    @classmethod
    def empty(cls, columns: Iterable[str]) -> Moments:
        columns = tuple(columns)
        k = len(columns)
        return cls(columns, 0, np.zeros(k), np.zeros((k, k)), np.full(k, np.inf), np.full(k, -np.inf))

    def pooled(self, other: Moments) -> Moments:
        """The moments of both sets of rows together."""
        if self.columns != other.columns:
            raise AnalysisError(f"moments of different columns cannot be pooled: {self.columns} and {other.columns}")
        if other.n == 0:
            return self
        if self.n == 0:
            return other
        n = self.n + other.n
        delta = other.mean - self.mean
        mean = self.mean + delta * (other.n / n)
        m2 = self.m2 + other.m2 + np.outer(delta, delta) * (self.n * other.n / n)
        return Moments(self.columns, n, mean, m2, np.minimum(self.minimum, other.minimum), np.maximum(self.maximum, other.maximum))

    def select(self, columns: Iterable[str]) -> Moments:
        """The moments of some of the columns (the rows stay those complete on all of them)."""
        idx = [self.columns.index(c) for c in columns]
        return Moments(tuple(self.columns[i] for i in idx), self.n, self.mean[idx], self.m2[np.ix_(idx, idx)],
                       self.minimum[idx], self.maximum[idx])

    def reversed(self, sums: Mapping[str, float]) -> Moments:
        """The moments after reverse-keying the columns in ``sums`` (x → low + high of the scale,
        given as ``{column: low + high}``): their means reflect, their cross-products change sign."""
        sign = np.array([-1.0 if c in sums else 1.0 for c in self.columns])
        shift = np.array([float(sums.get(c, 0.0)) for c in self.columns])
        flip = sign < 0
        lo = np.where(flip, shift - self.maximum, self.minimum)
        hi = np.where(flip, shift - self.minimum, self.maximum)
        return Moments(self.columns, self.n, shift + sign * self.mean, self.m2 * np.outer(sign, sign), lo, hi)

    def cov(self) -> np.ndarray:
        """Sample covariance matrix (n − 1 denominator), as ``numpy.cov``."""
        return self.m2 / (self.n - 1)

    def sd(self) -> np.ndarray:
        return np.sqrt(np.diag(self.cov()))

    def corr(self) -> np.ndarray:
        """Pearson correlation matrix, as ``numpy.corrcoef`` (unit diagonal)."""
        d = np.sqrt(np.diag(self.m2))
        r = self.m2 / np.outer(d, d)
        np.fill_diagonal(r, 1.0)
        return np.clip(r, -1.0, 1.0)


def from_shifted_sums(columns: Iterable[str], n: int, shift: np.ndarray, s1: np.ndarray, s2: np.ndarray,
                      minimum: np.ndarray, maximum: np.ndarray) -> Moments:
    """Moments from sums of shifted values: ``s1 = Σ(x − shift)``, ``s2 = Σ(x − shift)(x − shift)ᵀ``.

    The shift (a first pass's mean) keeps the sums small; the correction ``s1 s1ᵀ / n`` removes
    whatever distance is left between the shift and the mean.
    """
    columns = tuple(columns)
    if n == 0:
        return Moments.empty(columns)
    d = s1 / n
    return Moments(columns, int(n), shift + d, s2 - np.outer(s1, s1) / n, minimum, maximum)


def pool(parts: Iterable[Moments]) -> Moments:
    """Pool the moments of disjoint sets of rows (pairwise, as a tree, for accuracy)."""
    parts = list(parts)
    if not parts:
        raise AnalysisError("no moments to pool")
    while len(parts) > 1:
        parts = [parts[i].pooled(parts[i + 1]) if i + 1 < len(parts) else parts[i] for i in range(0, len(parts), 2)]
    return parts[0]


def pool_groups(a: Mapping, b: Mapping) -> dict:
    """Pool two ``{group: Moments}`` maps group by group."""
    out = dict(a)
    for key, m in b.items():
        out[key] = out[key].pooled(m) if key in out else m
    return out
