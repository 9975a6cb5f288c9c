"""Small questionnaires and response sets built in memory for prep tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from survey.responses import Responses, Source
from survey.schema import questionnaire_from_dict

SCALE5 = {i: {"zh": z, "en": e} for i, z, e in zip(range(1, 6), ["非常不满意", "不满意", "一般", "满意", "非常满意"], ["very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"])}


def small_questionnaire():
    return questionnaire_from_dict(
        {
            "id": "small",
            "title": {"zh": "小问卷", "en": "Small"},
            "scales": {"s5": {"labels": SCALE5, "missing": {9: "未回答"}}},
            "items": [
                *[{"id": f"A{i}", "text": f"A{i}", "scale": "s5", "number": "1", "row": f"a{i}"} for i in range(1, 4)],
                {"id": "A4", "text": "A4 (reversed)", "scale": "s5", "reverse": True, "number": "1", "row": "a4"},
                *[{"id": f"B{i}", "text": f"B{i}", "scale": "s5", "number": "2", "row": f"b{i}"} for i in range(1, 4)],
                {"id": "AC", "text": "choose 4", "scale": "s5", "role": "attention_check"},
            ],
            "constructs": [
                {"id": "A", "name": {"zh": "甲", "en": "A"}, "items": ["A1", "A2", "A3", "A4"], "role": "hygiene"},
                {"id": "B", "name": {"zh": "乙", "en": "B"}, "items": ["B1", "B2", "B3"], "role": "motivator"},
            ],
            "attention_checks": [{"item": "AC", "expected": 4}],
        }
    )


def make_responses(n: int = 50, seed: int = 1, *, durations=True) -> Responses:
    """Correlated Likert answers (A4 reverse-worded), an attention check, durations."""
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 2))
    cols = {}
    for i in range(1, 5):
        x = trait[:, 0] + rng.normal(scale=0.8, size=n)
        if i == 4:
            x = -x
        cols[f"A{i}"] = np.clip(np.round(3 + x), 1, 5)
    for i in range(1, 4):
        cols[f"B{i}"] = np.clip(np.round(3 + trait[:, 1] + rng.normal(scale=0.8, size=n)), 1, 5)
    cols["AC"] = np.full(n, 4.0)
    index = pd.Index([f"r{i:03d}" for i in range(1, n + 1)], name="respondent")
    data = pd.DataFrame(cols, index=index)
    meta = pd.DataFrame(index=index)
    if durations:
        meta["duration_s"] = rng.uniform(200, 400, size=n)
    return Responses(data, meta, small_questionnaire(), Source("memory", "test", "", n))
