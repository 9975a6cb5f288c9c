"""One BLAS thread for the many small matrix products of the psychometric fits."""

from __future__ import annotations


def single_thread():
    """Context limiting BLAS to one thread: small (k × k) eigen-problems run 10–20× faster so,
    and a shared machine's threads do not fight (threadpoolctl comes with scikit-learn/pingouin)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        from contextlib import nullcontext

        return nullcontext()
    return threadpool_limits(1)
