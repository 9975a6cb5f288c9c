"""The generated interviews: loadable transcripts, valid coding, planted personal data, agreement."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from survey.datasets import talent_services_files
from survey.datasets._interviews import resident_id

TRUTH = yaml.safe_load((Path(__file__).resolve().parents[2] / "analysis" / "talent_services" / "truth.yaml").read_text(encoding="utf-8"))["interviews"]
FILES = talent_services_files()


def test_resident_id_check_digit():
    # GB 11643-1999 worked example
    assert resident_id("110105", "19491231", 2) == "11010519491231002X"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    for ids in TRUTH["personal_data"].values():
        for rid in ids["resident_ids"]:
            assert len(rid) == 18 and rid[-1] == "10X98765432"[sum(int(a) * w for a, w in zip(rid[:17], weights)) % 11]


def test_planted_personal_data_is_in_the_transcripts():
    kinds = set()
    for stem, pii in TRUTH["personal_data"].items():
        text = (FILES["interviews"] / f"{stem}.txt").read_text(encoding="utf-8")
        for kind, values in pii.items():
            for v in values:
                assert v in text, (stem, kind, v)
                kinds.add(kind)
    assert kinds == {"names", "phones", "emails", "resident_ids", "employers"}
    phones = [p for pii in TRUTH["personal_data"].values() for p in pii["phones"]]
    assert any(" " in p for p in phones) and any(re.search("[０-９]", p) for p in phones)


def test_herzberg_proportions():
    assert TRUTH["n_sequences"]["high"] >= 20 and TRUTH["n_sequences"]["low"] >= 20
    assert TRUTH["herzberg_proportions"]["high_motivator_share_of_factor_mentions"] > 0.7
    assert TRUTH["herzberg_proportions"]["low_hygiene_share_of_factor_mentions"] > 0.6


def _kappa(frame: pd.DataFrame) -> float:
    a = frame[frame["coder"] == "A"]
    b = frame[frame["coder"] == "B"]
    segs = sorted(set(frame["segment_id"]))
    codes = sorted(set(frame["code"]))
    sa, sb = set(zip(a["segment_id"], a["code"])), set(zip(b["segment_id"], b["code"]))
    x = np.array([(s, c) in sa for s in segs for c in codes])
    y = np.array([(s, c) in sb for s in segs for c in codes])
    po = (x == y).mean()
    pe = x.mean() * y.mean() + (1 - x.mean()) * (1 - y.mean())
    return (po - pe) / (1 - pe)


@pytest.mark.parametrize("name", ["herzberg16", "talent_services"])
def test_coding_files_agreement(name):
    frame = pd.read_csv(FILES[f"coding_{name}"], dtype=str)
    assert set(frame["coder"]) == {"A", "B"}
    kappa = _kappa(frame)
    assert 0.72 <= kappa <= 0.88
    assert kappa == pytest.approx(TRUTH["coding"][f"kappa_{name}"], abs=5e-5)


def test_coding_incidents_match_sequences():
    frame = pd.read_csv(FILES["coding_herzberg16"], dtype=str)
    ref = frame[frame["coder"] == "A"]
    for seq in TRUTH["sequences"]:
        rows = ref[ref["sequence_id"] == seq["sequence"]]
        assert sorted(rows["code"]) == sorted(seq["factors"])
        assert set(rows["valence"]) == {seq["valence"]} and set(rows["range"]) == {seq["range"]}
        assert set(rows["segment_id"]) == {seq["segments"][0]}


def test_transcripts_and_coding_load_with_the_interviews_module():
    interviews = pytest.importorskip("survey.interviews.transcripts")
    coding = pytest.importorskip("survey.interviews.coding")
    attributes = pytest.importorskip("survey.interviews.attributes")
    t = interviews.load_transcripts(FILES["interviews"])
    assert len(t) == 14
    seg = t.segments.set_index("segment_id")
    for seq in TRUTH["sequences"]:
        story, follow_up = seq["segments"]
        assert seg.loc[story, "role"] == "interviewee" and seg.loc[follow_up, "role"] == "interviewee"
    for name in ("herzberg16", "talent_services"):
        c = coding.load_coding(FILES[f"coding_{name}"], codebook=name, segments=t)
        assert len(c) == len(pd.read_csv(FILES[f"coding_{name}"]))
    attrs = attributes.load_attributes(FILES["interviewees"])
    assert attributes.check_attributes(attrs, t) == []
    assert set(attrs.columns) >= {"talent_category", "sector", "years_in_city"}
