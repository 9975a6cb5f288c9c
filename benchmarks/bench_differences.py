"""Speed of the 'differences' battery on 100,000 respondents (not a test; run by hand).

The whole battery: every construct × 6 demographics (compare_groups, test="auto"), the correlation
table, a 3-block hierarchical regression and an ordinal model (with its Brant test). Side by side,
the same group tests through pingouin (welch_anova / anova / kruskal) for a ratio.

    python benchmarks/bench_differences.py
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from survey.stats.differences import compare_groups, correlation_table, ordinal_regression, regression

N = 100_000
CONSTRUCTS = ["policy", "pay", "housing", "schooling", "platform", "career", "hygiene", "motivator", "overall"]
DEMOGRAPHICS = {"gender": 2, "age": 4, "education": 4, "category": 5, "years": 5, "sector": 6}


def make_data(n: int = N, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = {k: rng.integers(1, lv + 1, n) for k, lv in DEMOGRAPHICS.items()}
    base = rng.normal(size=n)
    for c in CONSTRUCTS:
        d[c] = np.clip(np.round((3 + 0.6 * base + rng.normal(size=n) + 0.05 * d["education"]) * 4) / 4, 1, 5)
    d["os"] = np.clip(np.round(3 + 0.5 * base + rng.normal(size=n)), 1, 5).astype(int)
    return pd.DataFrame(d)


def timed(label, fn):
    t = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t
    print(f"{label:<48s}{dt:8.2f} s")
    return dt, out


def battery(df):
    for c in CONSTRUCTS:
        for g in DEMOGRAPHICS:
            compare_groups(df, dv=c, by=g)
    correlation_table(df, CONSTRUCTS)
    regression(df, "overall", blocks=[["gender", "age"], ["policy", "pay", "housing"], ["platform", "career"]])
    ordinal_regression(df, "os", ["hygiene", "motivator", "gender"])


def pingouin_groups(df):
    import pingouin as pg

    for c in CONSTRUCTS:
        for g in DEMOGRAPHICS:
            pg.homoscedasticity(df, dv=c, group=g, center="median")
            pg.anova(df, dv=c, between=g)


def main():
    df = make_data()
    print(f"n = {len(df):,}, {len(CONSTRUCTS)} constructs × {len(DEMOGRAPHICS)} demographics")
    t_groups, _ = timed("compare_groups (auto) × 54", lambda: [compare_groups(df, dv=c, by=g) for c in CONSTRUCTS for g in DEMOGRAPHICS])
    t_pg, _ = timed("pingouin levene + anova × 54", lambda: pingouin_groups(df))
    timed("correlation_table (9 constructs)", lambda: correlation_table(df, CONSTRUCTS))
    timed("regression, 3 blocks", lambda: regression(df, "overall", blocks=[["gender", "age"], ["policy", "pay", "housing"], ["platform", "career"]]))
    timed("ordinal_regression (3 predictors, 5 levels)", lambda: ordinal_regression(df, "os", ["hygiene", "motivator", "gender"]))
    t_all, _ = timed("whole battery", lambda: battery(df))
    print(f"ratio compare_groups / pingouin (which does less: no effect-size CIs, no checks): {t_groups / t_pg:.2f}")
    print(f"target: whole battery < 10 s -> {'met' if t_all < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
