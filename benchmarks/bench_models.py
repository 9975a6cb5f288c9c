"""Speed of the models against their peers (not a test). Run: python benchmarks/bench_models.py

Targets (issue 5): penalty–reward with 1,000 bootstrap resamples on 10,000 respondents × 20
attributes under 10 s; PLS with 500 bootstrap resamples on n = 250 under 5 s.
Peers: a statsmodels OLS refit per resample (PRCA), and a data-matrix PLS iteration per resample
(the plspm approach; plspm itself is R and not installed here).
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

import survey as sv
from survey.errors import SurveyWarning


def bench_prca() -> None:
    rng = np.random.default_rng(0)
    n, k = 10_000, 20
    x = pd.DataFrame(rng.integers(1, 6, size=(n, k)), columns=[f"a{j}" for j in range(k)])
    x["overall"] = 3 - 0.5 * (x.a0 <= 2) + 0.5 * (x.a1 == 5) + rng.normal(0, 1, n)
    attrs = [f"a{j}" for j in range(k)]
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        sv.prca(x, "overall", attrs, n_boot=1000, seed=1)
    ours = time.perf_counter() - t
    # peer: statsmodels OLS on a resampled design, 50 resamples, scaled to 1,000
    d = np.column_stack([np.ones(n)] + [np.column_stack([(x[a] <= 2), (x[a] == 5)]) for a in attrs]).astype(float)
    y = x["overall"].to_numpy()
    t = time.perf_counter()
    for _ in range(50):
        idx = rng.integers(0, n, n)
        sm.OLS(y[idx], d[idx]).fit()
    peer = (time.perf_counter() - t) * 1000 / 50
    print(f"PRCA, 10,000 x 20, 1,000 resamples: survey {ours:.2f} s | statsmodels refit {peer:.2f} s (est.) "
          f"| ratio {peer / ours:.1f}x | target < 10 s: {'ok' if ours < 10 else 'MISSED'}")


def _pls_data_matrix(x: np.ndarray, blocks: list[np.ndarray], pred: np.ndarray) -> None:
    """Peer: the textbook iteration on the n x p data matrix (centroid, mode A)."""
    xs = (x - x.mean(0)) / x.std(0)
    w = [np.ones(len(b)) for b in blocks]
    adj = pred | pred.T
    for _ in range(300):
        y = np.column_stack([xs[:, b] @ wj for b, wj in zip(blocks, w)])
        y = (y - y.mean(0)) / y.std(0)
        z = y @ (np.sign(np.corrcoef(y, rowvar=False)) * adj)
        new = [xs[:, b].T @ z[:, j] / len(x) for j, b in enumerate(blocks)]
        new = [v / np.std(xs[:, b] @ v) for v, b in zip(new, blocks)]
        done = max(np.max(np.abs(a - b)) for a, b in zip(new, w)) < 1e-10
        w = new
        if done:
            break


def bench_pls(data: Path) -> None:
    d = pd.read_csv(data, index_col=0)
    model = """IMAG =~ imag1 + imag2 + imag3 + imag4 + imag5
EXPE =~ expe1 + expe2 + expe3 + expe4 + expe5
QUAL =~ qual1 + qual2 + qual3 + qual4 + qual5
VAL =~ val1 + val2 + val3 + val4
SAT =~ sat1 + sat2 + sat3 + sat4
LOY =~ loy1 + loy2 + loy3 + loy4
EXPE ~ IMAG
QUAL ~ EXPE
VAL ~ EXPE + QUAL
SAT ~ IMAG + EXPE + QUAL + VAL
LOY ~ IMAG + SAT"""
    t = time.perf_counter()
    sv.pls_path(d, model, n_boot=500, seed=1)
    ours = time.perf_counter() - t
    x = d.drop(columns="gender").to_numpy(dtype=float)
    sizes = [5, 5, 5, 4, 4, 4]
    starts = np.cumsum([0] + sizes)
    blocks = [np.arange(starts[i], starts[i + 1]) for i in range(6)]
    pred = np.zeros((6, 6), dtype=bool)
    for f, to in [(0, 1), (1, 2), (1, 3), (2, 3), (0, 4), (1, 4), (2, 4), (3, 4), (0, 5), (4, 5)]:
        pred[to, f] = True
    rng = np.random.default_rng(1)
    t = time.perf_counter()
    for _ in range(500):
        _pls_data_matrix(x[rng.integers(0, len(x), len(x))], blocks, pred)
    peer = time.perf_counter() - t
    print(f"PLS, ECSI n = 250, 500 resamples: survey {ours:.2f} s | data-matrix iteration (weights only) {peer:.2f} s "
          f"| ratio {peer / ours:.1f}x | target < 5 s: {'ok' if ours < 5 else 'MISSED'}")


if __name__ == "__main__":
    bench_prca()
    bench_pls(Path(__file__).resolve().parents[1] / "tests" / "data" / "ecsi_satisfaction.csv")
