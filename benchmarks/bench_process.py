"""Speed of sv.process against lavaan (not a test). Run: python benchmarks/bench_process.py

Target (issue 16): a PROCESS model with 5,000 bootstrap resamples on n = 1,000 in under 5 s.
Peer: the same model in lavaan (`sem(..., se = "bootstrap", bootstrap = 5000)`, products as observed
variables, the conditional indirect effects and the index as `:=` parameters), run through Rscript
on the same data and timed inside R (start-up and package loading excluded). lavaan refits the whole
model per resample and takes minutes, so it is run for model 7 only unless ``--all`` is given.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

import survey as sv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_psychometrics import r_time  # noqa: E402  (the one way the benchmarks time R)

N, N_BOOT = 1_000, 5_000

LAVAAN = {
    4: """m1 ~ a1*x
m2 ~ a2*x
y ~ cp*x + b1*m1 + b2*m2
m1 ~~ m2
ind1 := a1*b1
ind2 := a2*b2
total := ind1 + ind2""",
    7: """m1 ~ a1*x + w + a3*xw
y ~ cp*x + b*m1
imm := a3*b
lo := (a1 + a3*{w0})*b
mid := (a1 + a3*{w1})*b
hi := (a1 + a3*{w2})*b""",
    59: """m1 ~ a1*x + w + a3*xw
y ~ c1*x + b1*m1 + w + c3*xw + b3*m1w
lo := (a1 + a3*{w0})*(b1 + b3*{w0})
mid := (a1 + a3*{w1})*(b1 + b3*{w1})
hi := (a1 + a3*{w2})*(b1 + b3*{w2})""",
}


def data(seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({"x": rng.normal(size=N), "w": rng.normal(size=N)})
    d["m1"] = 0.5 * d.x + 0.3 * d.x * d.w + rng.normal(size=N)
    d["m2"] = 0.3 * d.x + rng.normal(size=N)
    d["y"] = 0.4 * d.m1 + 0.3 * d.m2 + 0.1 * d.x + 0.2 * d.m1 * d.w + rng.normal(size=N)
    d["xw"] = d.x * d.w
    d["m1w"] = d.m1 * d.w
    return d


def lavaan_seconds(path: Path, syntax: str) -> float | None:
    return r_time(
        f'suppressMessages(library(lavaan)); d <- read.csv("{path}"); set.seed(1); '
        f"st <- system.time(fit <- sem('{syntax}', data = d, se = 'bootstrap', bootstrap = {N_BOOT})); "
        'pe <- parameterEstimates(fit, boot.ci.type = "perc"); cat("ELAPSED", st[["elapsed"]], "\\n")'
    )


def main() -> None:
    d = data()
    tmp = Path(tempfile.mkdtemp()) / "process.csv"
    d.to_csv(tmp, index=False)
    w = np.percentile(d.w, [16, 50, 84])
    calls = {
        4: dict(model=4, x="x", m=["m1", "m2"], y="y"),
        7: dict(model=7, x="x", m=["m1"], y="y", w="w"),
        59: dict(model=59, x="x", m=["m1"], y="y", w="w"),
    }
    for model, kw in calls.items():
        sv.process(d, n_boot=200, seed=1, **kw)  # warm-up (imports)
        t = time.perf_counter()
        sv.process(d, n_boot=N_BOOT, seed=1, **kw)
        ours = time.perf_counter() - t
        peer = None
        if model == 7 or "--all" in sys.argv:
            peer = lavaan_seconds(tmp, LAVAAN[model].format(w0=repr(float(w[0])), w1=repr(float(w[1])), w2=repr(float(w[2]))))
        vs = f"lavaan {peer:.2f} s | ratio {peer / ours:.0f}x" if peer else "lavaan not timed"
        print(f"PROCESS model {model}, n = {N:,}, {N_BOOT:,} resamples: survey {ours:.2f} s | {vs} "
              f"| target < 5 s: {'ok' if ours < 5 else 'MISSED'}")


if __name__ == "__main__":
    main()
