"""What every bootstrap shares: the percentile interval over the resamples that could be computed,
and one rule for the ones that could not.

A resample fails when its statistic cannot be computed (a constant column, a singular matrix, an
empty band). Failed resamples are left out of the interval; how many failed is kept on the result
(``n_boot_failed``) and said in a warning, and when more than a tenth fail the interval would rest
on an unrepresentative subset, so the statistic refuses with a named error instead.
"""

from __future__ import annotations

import warnings

import numpy as np

from .errors import AnalysisError, SurveyWarning

__all__ = ["MAX_FAILED_SHARE", "percentile_ci", "failed_rows", "report_failures"]

MAX_FAILED_SHARE = 0.10


def percentile_ci(draws: np.ndarray, ci_level: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval over axis 0, leaving out failed (NaN) resamples."""
    alpha = (1.0 - ci_level) / 2.0
    low = np.nanquantile(draws, alpha, axis=0)
    high = np.nanquantile(draws, 1.0 - alpha, axis=0)
    return low, high


def failed_rows(draws: np.ndarray) -> int:
    """Resamples (rows) in which nothing could be computed."""
    draws = np.asarray(draws, dtype=float)
    if draws.ndim == 1:
        return int(np.isnan(draws).sum())
    return int(np.isnan(draws).all(axis=1).sum())


def report_failures(n_failed: int, n_boot: int, *, what: str, why: str, stacklevel: int = 3) -> None:
    """Warn when resamples failed; raise ``AnalysisError`` when more than ``MAX_FAILED_SHARE`` did."""
    if not n_failed:
        return
    if n_failed > MAX_FAILED_SHARE * n_boot:
        raise AnalysisError(f"{what}: {n_failed} of {n_boot} bootstrap resamples could not be computed ({why}); "
                            f"more than {MAX_FAILED_SHARE:.0%} failed, so no interval is given")
    warnings.warn(f"{what}: {n_failed} of {n_boot} bootstrap resamples could not be computed ({why}) "
                  "and were left out of the intervals", SurveyWarning, stacklevel=stacklevel)
