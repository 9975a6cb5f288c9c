"""Quality checks over tables that mix codes and text: missing counts per item and duplicate submissions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.prep.quality import _duplicated_rows, _Numeric
from survey.responses import Responses, Source
from survey.schema import questionnaire_from_dict

from .helpers import SCALE5


def _responses(data: pd.DataFrame, q=None) -> Responses:
    return Responses(data, pd.DataFrame(index=data.index), q, Source("memory", "test", "", len(data)))


@st.composite
def mixed_tables(draw):
    n = draw(st.integers(1, 40))
    kinds = draw(st.lists(st.sampled_from(["code", "text"]), min_size=1, max_size=12))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    columns = {}
    for j, kind in enumerate(kinds):
        blank = rng.random(n) < rng.random()
        if kind == "code":
            values = rng.integers(1, 6, size=n).astype(float)
            values[blank] = np.nan
            columns[f"c{j}"] = values
        else:
            words = np.array(["是", "no", "138 0000 0000", "None", "NA"], dtype=object)[rng.integers(0, 5, size=n)]
            words[blank] = None
            columns[f"t{j}"] = pd.Series(words, dtype="str")
    index = pd.Index([f"r{i}" for i in range(n)], name="respondent")
    return pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in columns.items()}, index=index).astype(
        {k: "str" for k in columns if k.startswith("t")}
    )


@settings(max_examples=60, deadline=None)
@given(mixed_tables())
def test_missing_by_item_is_the_datas_own_count_for_any_column_order(data):
    report = _responses(data).quality
    pd.testing.assert_series_equal(report.missing_by_item, data.isna().sum().rename("missing").astype("int64"))


def test_missing_by_item_with_text_and_other_columns_between_items():
    data = pd.DataFrame(
        {
            "Q1": [1.0, 2.0, 3.0, 4.0],
            "Q1_other": pd.array([None, None, None, "自填"], dtype="str"),
            "Q2": [np.nan, 2.0, 3.0, 4.0],
            "Q3": pd.array(["a", None, "c", "d"], dtype="str"),
            "Q4": [1.0, 2.0, 3.0, 5.0],
        },
        index=pd.Index(["a", "b", "c", "d"], name="respondent"),
    )
    assert _responses(data).quality.missing_by_item.to_dict() == {"Q1": 0, "Q1_other": 3, "Q2": 1, "Q3": 1, "Q4": 0}


def _phone_questionnaire():
    return questionnaire_from_dict(
        {
            "id": "phones",
            "title": "phones",
            "scales": {"s5": {"labels": SCALE5}},
            "items": [
                {"id": "Q1", "text": "Q1", "scale": "s5"},
                {"id": "Q2", "text": "Q2", "scale": "s5"},
                {"id": "phone", "text": "手机号码", "type": "text", "personal": True},
                {"id": "remark", "text": "建议", "type": "text", "required": False},
            ],
        }
    )


def test_duplicate_answers_consider_text_and_personal_answers():
    # 250 respondents, answers on two 5-point items coincide often; phone numbers all differ
    rng = np.random.default_rng(3)
    n = 250
    index = pd.Index([f"{i:05d}" for i in range(1, n + 1)], name="respondent")
    data = pd.DataFrame(
        {
            "Q1": rng.integers(1, 6, n).astype(float),
            "Q2": rng.integers(1, 6, n).astype(float),
            "phone": pd.Series([f"139{i:08d}" for i in range(n)], dtype="str").to_numpy(),
            "remark": pd.Series([None] * n, dtype="str").to_numpy(),
        },
        index=index,
    ).astype({"phone": "str", "remark": "str"})
    r = _responses(data, _phone_questionnaire())
    assert not r.quality.flags["duplicate_answers"].any()
    assert len(r.screen(speeder=False)) == n
    # a true resubmission repeats the phone number too; a different submit time does not matter
    repeat = pd.concat([data, data.iloc[[7]].set_axis(pd.Index(["99999"], name="respondent"))])
    meta = pd.DataFrame({"submitted_at": pd.date_range("2026-01-01", periods=n + 1, freq="min")}, index=repeat.index)
    r2 = Responses(repeat, meta, _phone_questionnaire(), Source("memory", "test", "", n + 1))
    assert r2.quality.flags.index[r2.quality.flags["duplicate_answers"]].tolist() == ["99999"]
    # the same answers with a different remark are not a duplicate
    changed = repeat.copy()
    changed.loc["99999", "remark"] = "另一个建议"
    assert not _responses(changed, _phone_questionnaire()).quality.flags["duplicate_answers"].any()


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 200),
    k=st.integers(1, 30),
    t=st.integers(0, 3),
    levels=st.integers(1, 3),
    seed=st.integers(0, 2**32 - 1),
)
def test_duplicate_answers_agree_with_pandas_text_included(n, k, t, levels, seed):
    rng = np.random.default_rng(seed)
    values = rng.integers(0, levels + 1, size=(n, k)).astype(float)
    values[values == 0] = np.nan
    frame = pd.DataFrame(values, columns=[f"q{j}" for j in range(k)])
    for j in range(t):  # text columns at random places, few distinct texts (and blanks)
        texts = np.array([None, "甲", "乙 "], dtype=object)[rng.integers(0, min(levels + 1, 3), size=n)]
        frame.insert(int(rng.integers(0, frame.shape[1] + 1)), f"t{j}", pd.Series(texts, dtype="str"))
    expected = frame.duplicated(keep="first").to_numpy()
    assert (_duplicated_rows(frame, _Numeric(frame)) == expected).all()
