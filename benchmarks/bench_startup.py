"""Benchmark: how long the ``survey`` command takes to show its help, against ``python -c "import pandas"``.

A researcher types ``survey --help`` first; the budget is under 1 s wall. Both run as fresh
processes taking turns in each round. Not a test: ``python benchmarks/bench_startup.py [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_io import ratios, side_by_side  # noqa: E402  (the same timing helpers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    survey_cmd = shutil.which("survey") or sys.exit("the survey command is not installed (pip install -e .)")

    def run(cmd):
        return lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    times = side_by_side(
        {
            "survey --help": run([survey_cmd, "--help"]),
            "import survey": run([sys.executable, "-c", "import survey"]),
            "import pandas": run([sys.executable, "-c", "import pandas"]),
        },
        args.repeat,
    )
    for name, t in times.items():
        print(f"{name:<16} best {min(t):.3f} s  median {sorted(t)[len(t) // 2]:.3f} s")
    best, median = ratios(times, "survey --help", "import pandas")
    print(f"survey --help / import pandas: {best:.2f}× best-to-best, {median:.2f}× median of rounds")


if __name__ == "__main__":
    main()
