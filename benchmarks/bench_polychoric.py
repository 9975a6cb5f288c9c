"""Polychoric matrix speed, side by side with R psych::polychoric (not a test).

    python benchmarks/bench_polychoric.py [n] [k]

A 40-item × 100,000-respondent matrix of 6-point answers (two correlated factors, uneven
thresholds, 1 % of answers missing) — target: under 10 s. psych::polychoric runs on the same data
through Rscript, timed inside R with system.time (reading the CSV excluded; psych's pairs run
through mcmapply with R's default cores). Prints both times, their ratio, and the largest
difference between the two matrices.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from survey.stats.polychoric import polychoric  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_io import best_of  # noqa: E402  (the same timing helpers)
from bench_psychometrics import r_time  # noqa: E402


def ordinal(n: int, k: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    f = rng.multivariate_normal([0, 0], [[1, 0.3], [0.3, 1]], size=n)
    load = rng.uniform(0.4, 0.8, k)
    z = f[:, np.arange(k) % 2] * load + rng.normal(size=(n, k)) * np.sqrt(1 - load**2)
    codes = np.digitize(z, [-1.6, -0.8, -0.1, 0.6, 1.4]) + 1.0
    codes[rng.random((n, k)) < 0.01] = np.nan
    return pd.DataFrame(codes, columns=[f"q{i + 1:02d}" for i in range(k)])


def r_polychoric(path: Path, out: Path) -> float | None:
    return r_time(
        f'suppressMessages(library(psych)); library(jsonlite); x <- read.csv("{path}"); '
        "st <- system.time(p <- psych::polychoric(x)); "
        f'writeLines(toJSON(unname(p$rho), digits = NA), "{out}"); cat("ELAPSED", st[["elapsed"]], "\\n")'
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    data = ordinal(n, k, seed=17)
    ours = best_of(lambda: polychoric(data), 3)
    mine = polychoric(data).matrix.to_numpy()
    tmp = Path(tempfile.mkdtemp())
    path, out = tmp / "poly.csv", tmp / "rho.json"
    data.to_csv(path, index=False, na_rep="NA")
    r = r_polychoric(path, out)
    print(f"{'task':44s} {'ours (s)':>9s} {'R (s)':>9s} {'R/ours':>8s} {'max |Δρ|':>10s}")
    diff = float(np.abs(mine - np.array(json.loads(out.read_text()))).max()) if r else float("nan")
    ratio = f"{r / ours:8.1f}" if r else "       —"
    print(f"{f'polychoric {n:,} × {k}':44s} {ours:9.3f} {r if r else float('nan'):9.3f} {ratio} {diff:10.2e}")
    print("target: under 10 s:", "met" if ours < 10 else "NOT met")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
