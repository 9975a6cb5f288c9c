"""Benchmark: `survey run` on the flagship study at 10,000 and 100,000 respondents.

Budget: 100,000 respondents in under 60 s wall-clock and 2 GB peak memory on a 2-core machine,
with time growing linearly (10,000 → 100,000 at most 12× the time). Each size runs in a fresh
process (so peak RSS is that run's); the data are the flagship model's Wenjuanxing numeric export
(survey.datasets.build.simulate_wjx_frame) written as CSV, analysed with the flagship plan.
Not a test: ``python benchmarks/bench_report.py [--sizes 10000 100000]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

CHILD = textwrap.dedent(
    """
    import json, resource, sys, time, warnings
    warnings.simplefilter("ignore")
    from pathlib import Path
    from survey.datasets import talent_services_dir
    from survey.datasets.build import simulate_wjx_frame
    from survey.report.plan import load_plan
    from survey.report.runner import run_plan
    n, tmp = int(sys.argv[1]), Path(sys.argv[2])
    data = tmp / f"wjx_{n}.csv"
    simulate_wjx_frame(n, kind="numeric").to_csv(data, index=False)
    plan = load_plan(talent_services_dir() / "plan.yaml", overrides={"data": str(data), "format": "wjx_numeric"})
    steps = {}
    last = [time.perf_counter()]
    def progress(message):
        now = time.perf_counter()
        steps[message] = now - last[0]
        last[0] = now
    start = time.perf_counter()
    run_plan(plan, tmp / f"out_{n}", progress=progress)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": n, "seconds": elapsed, "peak_mb": peak, "steps": steps}))
    """
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            out = subprocess.run([sys.executable, "-c", CHILD, str(n), tmp], capture_output=True, text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for r in results:
        slow = sorted(r["steps"].items(), key=lambda kv: -kv[1])[:4]
        print(f"{r['n']:>8,} respondents: {r['seconds']:6.1f} s, peak RSS {r['peak_mb']:6.0f} MB; slowest steps: "
              + ", ".join(f"{k.strip()} {v:.1f} s" for k, v in slow))
    if len(results) >= 2:
        a, b = results[0], results[-1]
        print(f"time ratio {b['n'] // a['n']}× respondents → {b['seconds'] / a['seconds']:.1f}× time (budget 12× for 10×)")


if __name__ == "__main__":
    main()
