"""Benchmark: load + validate + screen + score a 100,000 × 60 survey, against pandas reading the file.

The foundation's budget: the whole pipeline in at most 3× the time ``pandas.read_csv`` takes on the
same file, with peak memory at most 3× the in-memory table. pandas and the pipeline are timed in
this process taking turns (best of ``--repeat`` rounds), so a shared machine's slow spells fall on
both alike; peak memory is the traced peak (tracemalloc) of one run. Both use the cores they may:
pandas (≥ 3.1) reads a large file from a path in threads, and so does ``load_responses``. Not a
test: ``python benchmarks/bench_pipeline.py [--n 100000] [--k 60] [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from survey import SurveyWarning, load_responses
from survey.schema import questionnaire_from_dict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_io import peak_mb, ratios, side_by_side  # noqa: E402  (the same timing helpers)


def make_questionnaire(k: int, per_construct: int = 6):
    labels = {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}
    items = [{"id": f"q{j + 1}", "text": f"question {j + 1}", "scale": "sat", "reverse": j % per_construct == per_construct - 1} for j in range(k)]
    constructs = [
        {"id": f"c{c + 1}", "name": f"construct {c + 1}", "items": [f"q{j + 1}" for j in range(c * per_construct, (c + 1) * per_construct)]}
        for c in range(k // per_construct)
    ]
    return questionnaire_from_dict(
        {"id": "bench", "title": "bench", "id_column": "id", "scales": {"sat": {"labels": labels}}, "items": items, "constructs": constructs}
    )


def make_csv(path: Path, n: int, k: int, per_construct: int = 6, seed: int = 0) -> None:
    make_frame(n, k, per_construct, seed).to_csv(path, index=False)


def make_frame(n: int, k: int, per_construct: int = 6, seed: int = 0) -> pd.DataFrame:
    """Answers fitting :func:`make_questionnaire`: an id, ``k`` correlated items, a duration."""
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, k // per_construct))
    noise = rng.normal(scale=0.9, size=(n, k))
    latent = np.repeat(trait, per_construct, axis=1) + noise
    latent[:, per_construct - 1 :: per_construct] *= -1  # reverse-worded items
    codes = np.clip(np.round(3 + latent), 1, 5).astype(int)
    frame = pd.DataFrame(codes, columns=[f"q{j + 1}" for j in range(k)])
    frame.insert(0, "id", [f"{i:07d}" for i in range(n)])
    frame["duration_s"] = rng.integers(60, 900, size=n)
    return frame


def pipeline(path: Path, q):
    r = load_responses(path, q)
    _ = r.quality
    clean = r.screen()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        return clean.scores()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    q = make_questionnaire(args.k)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.csv"
        make_csv(path, args.n, args.k)
        table_mb = pd.read_csv(path).memory_usage(deep=True).sum() / 2**20
        times = side_by_side({"pandas": lambda: pd.read_csv(path), "pipeline": lambda: pipeline(path, q), "load": lambda: load_responses(path, q)}, args.repeat)
        t_pandas, t_ours, t_load = (min(times[name]) for name in ("pandas", "pipeline", "load"))
        best_ratio, median_ratio = ratios(times, "pipeline", "pandas")
        m_pandas = peak_mb(lambda: pd.read_csv(path))
        m_ours = peak_mb(lambda: pipeline(path, q))
    print(f"{args.n:,} respondents × {args.k} items; in-memory table {table_mb:.0f} MB")
    print(f"pandas.read_csv                      {t_pandas:7.2f} s   peak {m_pandas:6.0f} MB")
    print(f"load_responses                       {t_load:7.2f} s")
    print(f"load + quality + screen + scores     {t_ours:7.2f} s   peak {m_ours:6.0f} MB")
    print(f"time ratio (ours / pandas): {best_ratio:.2f}× best to best, {median_ratio:.2f}× median of {args.repeat} rounds (budget 3×)")
    print(f"peak memory / in-memory table: {m_ours / table_mb:.2f}× (budget 3×)")


if __name__ == "__main__":
    main()
