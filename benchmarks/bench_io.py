"""Benchmark: ``load_responses`` (read + match + code + validate) against ``pandas.read_csv``.

Generates a 100,000 × 60 Likert CSV (plus a respondent id column) in a temporary folder, then
times both readers side by side (taking turns; best of ``--repeat`` rounds) and measures peak traced memory
(tracemalloc) of one run of each. Not a test; run ``python benchmarks/bench_io.py``.

``--mode plain`` times the first look at an export, without a questionnaire (what ``survey
inspect`` and ``survey init`` do first): ``load_responses(path)`` against ``pandas.read_csv``
(budget 3×). ``--mode draft`` times ``draft_questionnaire`` and the whole of ``survey init``
(draft, write, load with the draft) against that load (budget for ``init``: 3× the load).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from survey.errors import SurveyWarning
from survey.io import load_responses
from survey.schema import questionnaire_from_dict


def make_questionnaire(k: int):
    labels = {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}
    return questionnaire_from_dict(
        {
            "id": "bench",
            "title": "bench",
            "id_column": "id",
            "scales": {"sat": {"labels": labels, "missing": {-2: "跳过", -3: "未显示"}}},
            "items": [{"id": f"q{j + 1}", "text": f"question {j + 1}", "scale": "sat"} for j in range(k)],
        }
    )


def make_csv(path: Path, n: int, k: int, *, labels: bool = False, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    codes = rng.integers(1, 6, size=(n, k))
    frame = pd.DataFrame(codes, columns=[f"q{j + 1}" for j in range(k)])
    if labels:  # one third of the columns as label text
        names = np.array(["", "非常不满意", "不满意", "一般", "满意", "非常满意"], dtype=object)
        for j in range(0, k, 3):
            frame[f"q{j + 1}"] = names[codes[:, j]]
    frame.insert(0, "id", [f"{i:07d}" for i in range(n)])
    frame.to_csv(path, index=False)


def best_of(fn, repeat: int) -> float:
    return min(side_by_side({"fn": fn}, repeat)["fn"])


def side_by_side(fns: dict, repeat: int) -> dict[str, list[float]]:
    """Times of each function in ``repeat`` rounds, the functions taking turns within a round, so
    that a shared machine's slow spells fall on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def ratios(times: dict[str, list[float]], ours: str, theirs: str) -> tuple[float, float]:
    """(best / best, median of the rounds' ratios): the second is steadier on a noisy machine."""
    per_round = sorted(a / b for a, b in zip(times[ours], times[theirs]))
    return min(times[ours]) / min(times[theirs]), per_round[len(per_round) // 2]


def peak_mb(fn) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def init(path: Path, folder: Path) -> None:
    """What ``survey init`` does: draft, write the YAML, load the export with the written draft."""
    from survey.draft import draft_questionnaire
    from survey.schema import load_questionnaire

    out = folder / "questionnaire.yaml"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        out.write_text(draft_questionnaire(path).to_yaml(data=path.name), encoding="utf-8")
        load_responses(path, load_questionnaire(out), on_invalid="flag")


def first_look(args) -> None:
    """The no-questionnaire load against pandas; with ``--mode draft``, the drafter and init against that load."""
    from survey.draft import draft_questionnaire

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_pipeline import make_csv as make_survey  # an id, correlated items, a duration

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        make_survey(path, args.rows, args.items)

        def plain():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SurveyWarning)
                return load_responses(path)

        fns = {"pandas": lambda: pd.read_csv(path), "load": plain}
        if args.mode == "draft":
            fns |= {"draft": lambda: draft_questionnaire(path), "init": lambda: init(path, Path(folder))}
        times = side_by_side(fns, args.repeat)
    print(f"{args.rows:,} x {args.items} CSV (an id, Likert codes, a duration), no questionnaire; median of {args.repeat} rounds' ratios")
    print(f"  pandas.read_csv        {min(times['pandas']):7.3f} s (best)")
    print(f"  load_responses(path)   {min(times['load']):7.3f} s (best)   {ratios(times, 'load', 'pandas')[1]:.2f}x pandas (budget 3x)")
    for name, what in (("draft", "draft_questionnaire   "), ("init", "survey init           ")):
        if name in times:
            print(f"  {what} {min(times[name]):7.3f} s (best)   {ratios(times, name, 'pandas')[1]:.2f}x pandas, "
                  f"{ratios(times, name, 'load')[1]:.2f}x the load" + (" (budget 3x)" if name == "init" else ""))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--mode", choices=("questionnaire", "plain", "draft"), default="questionnaire")
    args = parser.parse_args()
    if args.mode != "questionnaire":
        first_look(args)
        return
    q = make_questionnaire(args.items)
    with tempfile.TemporaryDirectory() as folder:
        for labels in (False, True):
            path = Path(folder) / f"bench_{'labels' if labels else 'codes'}.csv"
            make_csv(path, args.rows, args.items, labels=labels)
            size = path.stat().st_size / 2**20
            times = side_by_side({"pandas": lambda: pd.read_csv(path), "ours": lambda: load_responses(path, q)}, args.repeat)
            t_pd, t_ours = min(times["pandas"]), min(times["ours"])
            _, median_ratio = ratios(times, "ours", "pandas")
            m_pd = peak_mb(lambda: pd.read_csv(path))
            m_ours = peak_mb(lambda: load_responses(path, q))
            r = load_responses(path, q)
            table_mb = (r.data.memory_usage(deep=True).sum() + r.meta.memory_usage(deep=True).sum()) / 2**20
            kind = "codes + 1/3 label columns" if labels else "numeric codes"
            print(f"{args.rows:,} x {args.items} CSV ({kind}), {size:.1f} MB on disk")
            print(f"  pandas.read_csv      {t_pd:7.3f} s   peak {m_pd:7.1f} MB")
            print(f"  load_responses       {t_ours:7.3f} s   peak {m_ours:7.1f} MB   (ratio {t_ours / t_pd:.2f}x time, median of rounds {median_ratio:.2f}x; {m_ours / m_pd:.2f}x memory)")
            print(f"  in-memory Responses  {table_mb:7.1f} MB   (peak / table {m_ours / table_mb:.2f}x)")


if __name__ == "__main__":
    main()
