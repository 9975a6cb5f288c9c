"""Speed of the interview layer (not a test): python benchmarks/bench_interviews.py

1. Keyword proposals over 200 transcripts of 10,000 characters (target: under 30 s), against
   plain jieba segmentation of the same text (the floor).
2. Krippendorff's alpha (nominal, 5 coders x 5,000 units, 10% missing) side by side with the
   `krippendorff` package (best of 7 after a warm-up call; ratio ours/package, target <= 1), and
   its 1,000-replicate bootstrap.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure this checkout, not an installed copy


CHAT = ["嗯，对。", "我是前年过来的。", "这个我想想。", "当时我们在开会，那段时间比较忙。", "我觉得总体上还行吧。", "后来就慢慢习惯了。",
        "我们组一共七八个人。", "周末一般在家。", "说实话我也没太关注。", "Well, I think it was fine overall. "]


def corpus(n_files: int = 200, chars: int = 10_000, seed: int = 1, dense: bool = True) -> pd.DataFrame:
    """Synthetic transcripts; ``dense``: every clause holds keywords, else two thirds is chat."""
    rng = random.Random(seed)
    phrases = ["住房补贴申请太慢，跑了好几趟。", "孩子入学不知道找哪个部门。", "政策吸引力不强，比不上周边城市。", "实验室条件不错，科研经费充足。",
               "领导很认可我们的工作，很有成就感。", "线上平台不好用，信息分散。", "我们希望简化流程，减少材料。", "工作本身很有挑战，也有发展空间。",
               "The online platform is hard to use and we submit the same documents again. "]
    rows = []
    for f in range(n_files):
        text, turn = [], 0
        while sum(map(len, text)) < chars:
            turn += 1
            t = "".join(rng.choice(phrases if dense or rng.random() < 1 / 3 else CHAT) for _ in range(rng.randint(3, 12)))
            text.append(t)
            rows.append({"segment_id": f"F{f:03d}#t{turn}", "interviewee": f"F{f:03d}", "role": "interviewee", "text": t})
    return pd.DataFrame(rows)


def main() -> None:
    import jieba

    import survey as sv

    sv.propose_codes(corpus(1).head(5), "talent_services")  # load jieba's dictionary once (cached afterwards)
    tk = jieba.Tokenizer()
    tk.initialize()
    for dense in (True, False):
        seg = corpus(dense=dense)
        n_chars = int(seg["text"].str.len().sum())
        t0 = time.perf_counter()
        props = sv.propose_codes(seg, "talent_services")
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        for text in seg["text"]:
            tk.lcut(text, HMM=False)
        floor = time.perf_counter() - t0
        kind = "keyword-dense" if dense else "one third keywords"
        print(f"propose_codes ({kind}): {len(seg)} segments, {n_chars:,} characters in 200 transcripts: {ours:.2f} s "
              f"({len(props.table):,} proposals); segmenting everything with jieba alone {floor:.2f} s; ratio {ours / floor:.2f}")

    import krippendorff

    rng = np.random.default_rng(0)
    truth = rng.integers(0, 6, 5000)
    data = np.where(rng.random((5, 5000)) < 0.8, truth, rng.integers(0, 6, (5, 5000))).astype(float)
    data[rng.random(data.shape) < 0.1] = np.nan
    labels = np.where(np.isnan(data), None, np.array(["a", "b", "c", "d", "e", "f"], dtype=object)[np.nan_to_num(data).astype(int)])
    a = sv.krippendorff_alpha(data, n_boot=0).estimate  # warm both up (imports, first-call caches)
    b = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    t_ours = best_of(lambda: sv.krippendorff_alpha(data, n_boot=0))
    t_labels = best_of(lambda: sv.krippendorff_alpha(labels, n_boot=0))
    t_pkg = best_of(lambda: krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    t0 = time.perf_counter()
    sv.krippendorff_alpha(data, n_boot=1000, seed=0)
    t_boot = time.perf_counter() - t0
    print(f"krippendorff_alpha nominal 5 x 5,000 (best of 7): ours {t_ours * 1000:.2f} ms (labels as strings {t_labels * 1000:.2f} ms), "
          f"krippendorff package {t_pkg * 1000:.2f} ms; ratio ours/package {t_ours / t_pkg:.2f} (target <= 1); |diff| = {abs(a - b):.1e}; "
          f"with 1,000 bootstrap replicates {t_boot:.2f} s")


def best_of(call, repeat: int = 7) -> float:
    """The fastest of ``repeat`` timed calls (the least disturbed by other load on the machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return min(times)

if __name__ == "__main__":
    main()
