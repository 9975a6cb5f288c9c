"""Engines: sufficient statistics computed where the data live (memory, DuckDB, Dask).

``scan`` gives a :class:`LazyResponses`; the statistics that reduce to moments (α, correlations,
EFA, OLS, group means and ANOVA, the satisfaction index) accept it. See docs/scale.md.
"""

from __future__ import annotations

from .base import Engine
from ..errors import RowsNeededError
from .lazy import LazyResponses, is_lazy, refuse_lazy, scan
from .memory import MemoryEngine
from .moments import Moments

__all__ = ["Engine", "LazyResponses", "MemoryEngine", "Moments", "RowsNeededError", "is_lazy", "refuse_lazy", "scan"]
