"""Psychometrics speed, side by side with R psych and pingouin (not a test).

    python benchmarks/bench_psychometrics.py

1. cronbach_alpha(n_boot=1000) on 10,000 × 40 vs R psych::alpha(n.iter = 1000) (timed inside R
   with system.time, reading the data excluded) and pingouin.cronbach_alpha (no bootstrap).
2. 4-factor minres + varimax EFA on 100,000 × 40 vs R psych::fa (timed inside R).
3. reliability(responses) for all 10 constructs of a 100,000 × 60 survey (target < 2 s), with the
   peak extra memory measured by tracemalloc against the size of the data.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import survey.stats.psychometrics as sv  # noqa: E402
from survey.responses import Responses, Source  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_io import best_of  # noqa: E402  (the same timing helpers)
from bench_pipeline import make_frame, make_questionnaire  # noqa: E402  (10 constructs of 6 items, one reverse-keyed in each)


def likert(n: int, k: int, n_factors: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    f = rng.normal(size=(n, n_factors))
    which = np.arange(k) % n_factors
    x = 0.7 * f[:, which] + 0.7 * rng.normal(size=(n, k))
    codes = np.clip(np.round(3 + 1.2 * x), 1, 5)
    return pd.DataFrame(codes, columns=[f"q{i + 1:02d}" for i in range(k)])


def r_time(script: str) -> float | None:
    if not shutil.which("Rscript"):
        return None
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=False)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("ELAPSED")]
    if not lines:
        print(out.stderr[-2000:])
        return None
    return float(lines[-1].split()[1])


def main() -> None:
    rows = []
    tmp = Path(tempfile.mkdtemp())

    # 1. alpha with bootstrap
    d1 = likert(10_000, 40, 1, seed=1)
    p1 = tmp / "alpha.csv"
    d1.to_csv(p1, index=False)
    ours = best_of(lambda: sv.cronbach_alpha(d1, n_boot=1000, seed=1), 3)
    r = r_time(
        f'suppressMessages(library(psych)); x <- read.csv("{p1}"); '
        'st <- system.time(a <- psych::alpha(x, n.iter = 1000, warnings = FALSE)); cat("ELAPSED", st[["elapsed"]], "\\n")'
    )
    try:
        import pingouin as pg

        pg_t = best_of(lambda: pg.cronbach_alpha(d1), 3)
    except ImportError:  # pragma: no cover
        pg_t = None
    rows.append(("alpha 10k×40, 1000 bootstrap", ours, r, pg_t))

    # 2. EFA
    d2 = likert(100_000, 40, 4, seed=2)
    p2 = tmp / "efa.csv"
    d2.to_csv(p2, index=False)
    ours = best_of(lambda: sv.efa(d2, n_factors=4, method="minres", rotation="varimax"), 3)
    r = r_time(
        f'suppressMessages(library(psych)); x <- read.csv("{p2}"); '
        'st <- system.time(f <- psych::fa(x, nfactors = 4, fm = "minres", rotate = "varimax")); cat("ELAPSED", st[["elapsed"]], "\\n")'
    )
    rows.append(("EFA 100k×40, 4 factors minres varimax", ours, r, None))

    # 3. reliability of a whole survey
    answers = make_frame(100_000, 60, seed=3).set_index("id")
    d3 = answers.drop(columns="duration_s").astype(float)
    resp = Responses(d3, answers[["duration_s"]], make_questionnaire(60), Source("memory", "bench", "", len(d3)))
    ours = best_of(lambda: sv.reliability(resp), 3)
    tracemalloc.start()
    sv.reliability(resp)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(("reliability() 100k×60, 10 constructs", ours, None, None))

    print(f"{'task':42s} {'ours (s)':>9s} {'R (s)':>9s} {'R/ours':>8s} {'pingouin (s)':>13s}")
    for name, o, rt, pt in rows:
        ratio = f"{rt / o:8.1f}" if rt else "       —"
        print(f"{name:42s} {o:9.3f} {rt if rt else float('nan'):9.3f} {ratio} {pt if pt else float('nan'):13.3f}")
    print(f"reliability() peak extra memory: {peak / 2**20:.1f} MiB = {peak / d3.memory_usage().sum():.2f} × the data "
          f"({d3.memory_usage().sum() / 2**20:.1f} MiB)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
