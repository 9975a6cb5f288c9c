"""Past one machine's memory: the same analysis per engine on a Parquet rating log (not a test).

    python benchmarks/bench_scale.py                 # 1 million events × 40 items
    python benchmarks/bench_scale.py --rows 10000000 # and 10 million (writes ~0.5 GB of Parquet)
    python benchmarks/bench_scale.py --rows 1000000 10000000   # both, with the 1M → 10M ratio

The analysis: Cronbach's α of the 40 items, their correlation matrix and a 4-factor EFA, the mean
overall rating by region (Welch ANOVA) and a regression of ``overall`` on 8 items. Each engine runs
in its own process, so its peak resident memory (``ru_maxrss``) is its own: in-memory pandas
(the whole frame read, then the usual functions), DuckDB and Dask (a local 2-worker cluster).
Every statistic is checked against the in-memory run where that one is run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ITEMS = [f"q{i}" for i in range(1, 41)]
PREDICTORS = ["q1", "q2", "q11", "q12", "q21", "q22", "q31", "q32"]


def analyse(data) -> dict:
    import survey as sv

    out, times = {}, {}
    t = time.perf_counter()
    out["alpha"] = sv.cronbach_alpha(data[ITEMS]).alpha
    times["alpha"] = time.perf_counter() - t
    t = time.perf_counter()
    out["r_q1_q2"] = float(sv.correlations(data, ITEMS).r.loc["q1", "q2"])
    out["efa_loading_q1"] = float(sv.efa(data[ITEMS], n_factors=4).loadings.abs().max(axis=1).loc["q1"])
    times["correlations + efa"] = time.perf_counter() - t
    t = time.perf_counter()
    out["region_F"] = sv.compare_groups(data, dv="overall", by="region", test="welch_anova").statistic
    times["group means (region)"] = time.perf_counter() - t
    t = time.perf_counter()
    out["r2"] = sv.regression(data, "overall", PREDICTORS).r2
    times["regression (8 predictors)"] = time.perf_counter() - t
    return {"values": out, "times": times}


def worker(engine: str, path: str) -> None:
    t = time.perf_counter()
    if engine == "pandas":
        import pandas as pd

        data = pd.read_parquet(path)
        data["region"] = data["region"].astype(str)
        cluster = None
    else:
        import survey as sv

        cluster = None
        scheduler = None
        if engine == "dask":
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
            scheduler = cluster.scheduler_address
        data = sv.scan(path, engine=engine, scheduler=scheduler)
    load = time.perf_counter() - t
    result = analyse(data)
    result["times"] = {"load": load, **result["times"]}
    result["total"] = time.perf_counter() - t
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if cluster is not None:
        data.engine.close()
        cluster.close()
        result["peak_mb"] += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def run(engine: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", engine, str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--engines", nargs="+", default=["pandas", "duckdb", "dask"])
    parser.add_argument("--worker", nargs=2)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    from survey.datasets import write_rating_log

    totals: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            files = max(1, rows // 1_000_000)
            path = write_rating_log(Path(tmp) / (f"log{rows}" if files > 1 else f"log{rows}.parquet"), rows, n_files=files, seed=1)
            size = sum(f.stat().st_size for f in ([path] if path.is_file() else path.rglob("*.parquet")))
            print(f"\n{rows:,} events × 40 items ({size / 1e6:.0f} MB of Parquet in {files} file(s))")
            results = {e: run(e, path) for e in args.engines}
            steps = list(next(iter(results.values()))["times"])
            print(f"{'step':28s}" + "".join(f"{e:>10s}" for e in results))
            for step in steps:
                print(f"{step:28s}" + "".join(f"{r['times'][step]:10.2f}" for r in results.values()))
            print(f"{'total (s)':28s}" + "".join(f"{r['total']:10.2f}" for r in results.values()))
            print(f"{'peak memory (MB)':28s}" + "".join(f"{r['peak_mb']:10.0f}" for r in results.values()))
            if "pandas" in results:
                base = results["pandas"]
                print("time vs pandas: " + ", ".join(f"{e} {r['total'] / base['total']:.2f}×" for e, r in results.items() if e != "pandas"))
                for k in base["values"]:
                    diff = max(abs(r["values"][k] - base["values"][k]) / max(abs(base["values"][k]), 1.0) for r in results.values())
                    print(f"{k}: in memory {base['values'][k]:.6g}, largest relative difference of an engine {diff:.1e}")
            for e, r in results.items():
                totals.setdefault(e, {})[rows] = r["total"]
    if len(args.rows) > 1:
        lo, hi = min(args.rows), max(args.rows)
        print(f"\ntime {lo:,} → {hi:,} rows ({hi / lo:.0f}× the rows): " + ", ".join(f"{e} {t[hi] / t[lo]:.1f}×" for e, t in totals.items() if lo in t and hi in t))


if __name__ == "__main__":
    main()
