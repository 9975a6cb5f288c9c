"""What every engine computes, and the seeded per-row draws all engines share.

An engine answers four questions about the rows of a table, each restricted to the rows complete
on the columns asked about (listwise, as the in-memory statistics do): the moments of some numeric
columns (optionally per group of another column), the counts of each combination of some
columns' values, the moments in Poisson-bootstrap replicates, and a seeded sample of rows.

The bootstrap and the sample need a random number per row that does not depend on how the rows are
split into partitions or threads: it is a counter-based draw, a fixed integer mix of
(row position, replicate, seed) computed modulo the prime 2³¹ − 1, written once in numpy and once as
SQL so that every engine draws the same numbers. Row positions are the rows' order in the source
(files in name order). Poisson(1) weights come from the draw by inverting the cumulative
distribution at integer thresholds.

>>> import numpy as np
>>> draws(np.arange(3), 0, 7).tolist() == draws(np.arange(3), 0, 7).tolist()
True
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .moments import Moments

__all__ = ["Engine", "draws", "sql_draws", "poisson_weights", "sql_poisson_weights", "MODULUS", "SAMPLE_STREAM"]

MODULUS = 2_147_483_647  # 2³¹ − 1: products with the multipliers below stay inside 64-bit integers
_MIX = (48271, 69621, 16807)
#: replicate number used for the draws of ``sample`` (replicates of the bootstrap are 0, 1, …)
SAMPLE_STREAM = 1_000_003
#: P(Poisson(1) ≤ k) · (2³¹ − 1), rounded up: a draw at or above threshold k gives weight > k
_THRESHOLDS = tuple(
    math.ceil(sum(math.exp(-1) / math.factorial(j) for j in range(k + 1)) * MODULUS) for k in range(12)
)


def draws(rows: np.ndarray, replicate: int, seed: int) -> np.ndarray:
    """The draw (0 ≤ d < 2³¹ − 1) of each row position for one replicate and seed."""
    x = (np.asarray(rows, dtype=np.int64) % MODULUS + 1) % MODULUS
    x = (x * _MIX[0] + (replicate % MODULUS) + 1) % MODULUS
    x = (x * _MIX[1] + (seed % MODULUS)) % MODULUS
    x = x ^ (x >> 11)
    x = (x * _MIX[2]) % MODULUS
    x = x ^ (x >> 7)
    return (x * _MIX[0]) % MODULUS


def sql_draws(row: str, replicate: str, seed: int) -> str:
    """The same draw as :func:`draws`, as a SQL expression on BIGINT ``row`` and ``replicate``."""
    m = MODULUS
    x = f"(((({row}) % {m}) + 1) % {m})"
    x = f"(({x} * {_MIX[0]} + (({replicate}) % {m}) + 1) % {m})"
    x = f"(({x} * {_MIX[1]} + {seed % m}) % {m})"
    x = f"xor({x}, {x} >> 11)"
    x = f"(({x} * {_MIX[2]}) % {m})"
    x = f"xor({x}, {x} >> 7)"
    return f"(({x} * {_MIX[0]}) % {m})"


def poisson_weights(d: np.ndarray) -> np.ndarray:
    """Poisson(1) counts (0, 1, 2, …) from draws."""
    return sum((d >= t).astype(np.int64) for t in _THRESHOLDS)


def sql_poisson_weights(d: str) -> str:
    return "(" + " + ".join(f"CAST({d} >= {t} AS BIGINT)" for t in _THRESHOLDS) + ")"


class Engine(ABC):
    """Sufficient statistics of one table; see the module docstring."""

    name: str = "engine"

    @property
    @abstractmethod
    def columns(self) -> tuple[str, ...]:
        """The table's column names."""

    @abstractmethod
    def numeric_columns(self) -> tuple[str, ...]:
        """The columns that hold numbers (integers, floats, booleans)."""

    @abstractmethod
    def n_rows(self) -> int:
        """Rows in the table."""

    @abstractmethod
    def moments(self, columns: Sequence[str], *, by: str | None = None) -> Moments | dict:
        """Moments of ``columns`` over the rows complete on them; with ``by``, a ``{group: Moments}``
        map in which rows with no group are under ``None``."""

    @abstractmethod
    def counts(self, columns: Sequence[str]) -> pd.Series:
        """How many rows hold each combination of the columns' values (rows complete on them),
        sorted by the values."""

    @abstractmethod
    def bootstrap_moments(self, columns: Sequence[str], *, n_boot: int, seed: int) -> list[Moments]:
        """Moments of ``columns`` in ``n_boot`` Poisson-bootstrap replicates (rows complete on them)."""

    @abstractmethod
    def sample(self, n: int, *, seed: int, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """``n`` rows chosen by the seeded draw (the smallest draws), in source order, indexed by
        their row position."""

    @abstractmethod
    def first_seen(self, column: str) -> list:
        """The column's distinct values (missing left out) in the order of their first row."""

    def close(self) -> None:
        """Release what the engine holds open (connections, clients)."""

    @abstractmethod
    def count_rows(self, condition: str) -> int:
        """Rows for which the SQL boolean ``condition`` holds (NULL counts as false)."""
