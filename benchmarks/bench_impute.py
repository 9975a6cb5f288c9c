"""Speed of sv.impute against R's mice (not a test). Run: python benchmarks/bench_impute.py

Target (issue 17): 60 Likert items × 5,000 respondents, m = 20 imputations (mice's defaults:
predictive mean matching, 5 iterations) in under 60 s. Peer: ``mice(x, m = 20, method = "pmm")`` on
the same data through Rscript, timed inside R (start-up and package loading excluded). Prints both
times and the ratio R / ours.
"""

from __future__ import annotations

import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

import survey as sv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_psychometrics import r_time  # noqa: E402  (the one way the benchmarks time R)

N, K, M, SHARE = 5_000, 60, 20, 0.10
TARGET_S = 60.0


def likert_with_holes(n: int, k: int, share: float, seed: int) -> pd.DataFrame:
    """Correlated 5-point answers (one common factor) with ``share`` of the cells missing at random."""
    rng = np.random.default_rng(seed)
    f = rng.normal(size=(n, 1))
    x = np.clip(np.round(3 + 0.9 * f + rng.normal(size=(n, k))), 1, 5)
    x[rng.random((n, k)) < share] = np.nan
    return pd.DataFrame(x, columns=[f"q{i + 1}" for i in range(k)])


def main() -> None:
    data = likert_with_holes(N, K, SHARE, seed=1)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sv.ImputationWarning)
        sv.impute(data, m=M, seed=1)
    ours = time.perf_counter() - start
    path = Path(tempfile.mkdtemp()) / "impute.csv"
    data.to_csv(path, index=False)
    r = r_time(
        f'suppressMessages(library(mice)); x <- read.csv("{path}"); '
        f'st <- system.time(imp <- mice(x, m = {M}, method = "pmm", seed = 1, printFlag = FALSE)); cat("ELAPSED", st[["elapsed"]], "\\n")'
    )
    print(f"impute {K} items × {N:,} respondents, {SHARE:.0%} missing, m = {M}, 5 iterations")
    print(f"  ours   {ours:8.2f} s   (target < {TARGET_S:.0f} s: {'met' if ours < TARGET_S else 'NOT met'})")
    if r is None:
        print("  mice   (Rscript or mice not available)")
    else:
        print(f"  mice   {r:8.2f} s")
        print(f"  ratio  mice / ours = {r / ours:.1f}")


if __name__ == "__main__":
    main()
