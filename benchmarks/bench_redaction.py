"""Redaction quality and speed (not a test): python benchmarks/bench_redaction.py [seed]

1. Recall per identifier kind and precision overall on the seeded labelled set
   (survey.datasets.redaction_corpus: 1,000 identifiers of every kind, 1,000 identifier-free
   sentences with look-alikes); targets: recall >= 99% for structured identifiers, >= 95% for names
   and addresses, precision >= 90%.
2. Time per 10,000 characters on the flagship's 14 transcripts, with every detector and with the
   detectors that need no list switched off (redaction as it was before them), after loading jieba
   once (its one-off loading time is printed apart).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure this checkout, not an installed copy

from bench_interviews import best_of  # noqa: E402


def main(seed: int = 2026) -> None:
    import survey as sv
    from survey.datasets import talent_services_dir
    from survey.datasets.redaction_corpus import redaction_corpus, score_redaction
    from survey.interviews.detection import DETECTORS

    folder = talent_services_dir()
    lists = sv.interviews.load_redaction_lists(folder / "redaction.yaml")
    key = (folder / "redaction.key").read_bytes().strip()
    t0 = time.perf_counter()
    sv.Redactor(key=key).redact("李明华主任")
    print(f"first call (loads jieba's dictionary and tagger once per process): {time.perf_counter() - t0:.2f} s")

    corpus = redaction_corpus(seed)
    n_chars = sum(len(s.text) for s in corpus)
    t0 = time.perf_counter()
    score = score_redaction(corpus, sv.Redactor(key=key).find)
    took = time.perf_counter() - t0
    print(f"\nseeded set (seed {seed}): {len(corpus):,} sentences, {n_chars:,} characters")
    for row in score.table.itertuples():
        print(f"  {row.kind:8s} recall {row.recall:7.2%}  ({row.found}/{row.n})")
    print(f"  precision {score.precision:.2%} of {score.n_redacted:,} redactions; {took / n_chars * 10_000 * 1000:.1f} ms per 10k characters")

    texts = [p.read_text(encoding="utf-8") for p in sorted((folder / "interviews").glob("*.txt"))]
    n_chars = sum(map(len, texts))
    for label, skip in (("every detector", ()), ("lists, numbers and forms of address only", DETECTORS)):
        red = sv.Redactor(key=key, names=lists.names, employers=lists.employers, skip=skip)
        t = best_of(lambda: [red.redact(t) for t in texts], repeat=5)
        print(f"\nflagship, {len(texts)} transcripts ({n_chars:,} characters), {label}: {t * 1000:.0f} ms, {t / n_chars * 10_000 * 1000:.1f} ms per 10k characters")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
