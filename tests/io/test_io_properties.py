"""Property test (hypothesis): label-coded and number-coded files load identically."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.io import load_responses
from survey.schema import questionnaire_from_dict

ZH = {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}
EN = {1: "very dissatisfied", 2: "dissatisfied", 3: "neutral", 4: "satisfied", 5: "very satisfied"}
MISSING = {-3: {"zh": "跳过", "en": "skipped"}, 9: {"zh": "未回答", "en": "not answered"}}
K = 4
Q = questionnaire_from_dict(
    {
        "id": "prop",
        "title": "prop",
        "scales": {"sat": {"labels": {c: {"zh": ZH[c], "en": EN[c]} for c in ZH}, "missing": MISSING}},
        "items": [{"id": f"i{j}", "number": str(j + 1), "text": f"第{j + 1}题", "scale": "sat"} for j in range(K)],
    }
)
PADDING = ["", " ", "\u3000", "  "]

cell = st.one_of(st.sampled_from([1, 2, 3, 4, 5, -3, 9]), st.none())
rows = st.lists(st.tuples(*[cell] * K), min_size=1, max_size=25)


def label_of(code, lang: str, pad: str) -> str:
    if code is None:
        return ""
    text = (MISSING[code][lang] if code in MISSING else (ZH if lang == "zh" else EN)[code])
    return f"{pad}{text}{pad}"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows, langs=st.lists(st.sampled_from(["zh", "en"]), min_size=K, max_size=K), pad=st.sampled_from(PADDING), encoding=st.sampled_from(["utf-8", "gbk"]))
def test_labels_and_codes_load_identically(rows, langs, pad, encoding):
    header_codes = ",".join(f"i{j}" for j in range(K))
    header_wjx = ",".join(f"{j + 1}、第{j + 1}题  " for j in range(K))  # matched by question number
    codes_text = "\n".join(",".join("" if v is None else str(v) for v in row) for row in rows)
    labels_text = "\n".join(",".join(label_of(v, langs[j], pad) for j, v in enumerate(row)) for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        a_path, b_path = Path(folder) / "codes.csv", Path(folder) / "labels.csv"
        a_path.write_bytes(f"{header_codes}\n{codes_text}\n".encode("utf-8"))
        b_path.write_bytes(f"{header_wjx}\n{labels_text}\n".encode(encoding))
        a = load_responses(a_path, Q)
        b = load_responses(b_path, Q)
    pd.testing.assert_frame_equal(a.data, b.data)
    pd.testing.assert_frame_equal(
        a.declared_missing.sort_values(["column", "code"]).reset_index(drop=True),
        b.declared_missing.sort_values(["column", "code"]).reset_index(drop=True),
    )
    assert sum(e.n for e in a.ledger if e.step == "missing_codes") == sum(v in MISSING for row in rows for v in row)
