"""Quality checks, screening and its ledger, reverse keys and construct scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey import SurveyWarning
from survey.prep import reverse_codes

from .helpers import make_responses


def plant_problems(r):
    data, meta = r.data.copy(), r.meta.copy()
    data.loc["r002"] = 3.0  # straight-liner (every block identical); attention check fails too
    data.loc["r003", "AC"] = 2.0  # failed attention check
    meta.loc["r004", "duration_s"] = 20.0  # speeder
    data.loc["r005", "B1"] = np.nan  # partial
    data.loc["r006"] = data.loc["r007"]  # duplicate submission of r007 (r006 comes first: r007 excluded)
    return r.replace(data=data, meta=meta)


def test_quality_finds_each_planted_problem():
    q = plant_problems(make_responses()).quality
    flags = q.flags
    assert flags.index[flags["speeder"]].tolist() == ["r004"]
    assert flags.index[flags["straightliner"]].tolist() == ["r002"]
    assert flags.index[flags["attention_failed"]].tolist() == ["r002", "r003"]
    assert flags.index[flags["partial"]].tolist() == ["r005"]
    assert flags.index[flags["duplicate_answers"]].tolist() == ["r007"]
    assert q.missing_by_item["B1"] == 1
    assert "median" in q.rules["speeder"]
    assert set(q.to_frame()["check"]) >= {"speeder", "partial"}
    assert any("Speeders: 1" in s for s in q.findings("en"))
    assert any("答题时间过短：1份" in s for s in q.findings("zh"))


def test_screen_excludes_by_rule_and_ledger_balances():
    r = plant_problems(make_responses())
    clean = r.screen()
    excluded = {e.rule: e.respondents for e in clean.ledger if e.step == "exclude"}
    assert excluded == {
        "duplicate_answers": ("r007",),
        "partial": ("r005",),
        "attention_failed": ("r002", "r003"),
        "speeder": ("r004",),
    }
    assert len(r) == len(clean) + sum(len(v) for v in excluded.values())
    assert len(r) == 50  # the input object is unchanged
    assert clean.ledger[-1].step == "screen"


def test_screen_rules_can_be_turned_off():
    r = plant_problems(make_responses())
    clean = r.screen(speeder=False, attention_failed=False, straightliner=False)
    rules = [e.rule for e in clean.ledger if e.step == "exclude"]
    assert rules == ["duplicate_answers", "partial"]
    assert "r004" in clean.data.index


def test_duplicate_ids_keep_first():
    r = make_responses(10)
    data = r.data.copy()
    data.index = pd.Index(["a", "b", "a", "c", "d", "e", "f", "g", "h", "i"], name="respondent")
    meta = r.meta.set_axis(data.index)
    r = r.replace(data=data, meta=meta)
    assert r.quality.duplicate_ids.to_dict("records") == [{"respondent": "a", "count": 2}]
    clean = r.screen()
    assert list(clean.data.index).count("a") == 1
    assert clean.data.loc["a"].equals(r.data.iloc[0])


def test_scores_reverse_only_schema_items():
    r = make_responses(200)
    scores = r.scores()
    a = r.data[["A1", "A2", "A3"]].copy()
    a["A4"] = 6 - r.data["A4"]
    np.testing.assert_allclose(scores["A"], a.mean(axis=1), rtol=0, atol=1e-12)
    np.testing.assert_allclose(scores["B"], r.data[["B1", "B2", "B3"]].mean(axis=1), rtol=0, atol=1e-12)
    assert list(scores.columns) == ["A", "B"]


def test_scores_warn_about_unreversed_item_by_name():
    r = make_responses(200)
    data = r.data.copy()
    data["A4"] = 6 - data["A4"]  # the data are already reversed, the schema reverses again
    with pytest.warns(SurveyWarning, match="A4"):
        r.replace(data=data).scores()


def test_scores_min_items_and_sum():
    r = make_responses(20)
    data = r.data.copy()
    data.loc["r001", "A1"] = np.nan
    r = r.replace(data=data)
    assert np.isnan(r.scores()["A"]["r001"])
    assert not np.isnan(r.scores(min_items=3)["A"]["r001"])
    assert np.isnan(r.scores(method="sum")["A"]["r001"])


def test_reverse_keyed_is_recorded_and_not_doubled():
    r = make_responses(30)
    rk = r.reverse_keyed()
    assert rk.reversed_items == ("A4",)
    assert rk.ledger[-1].step == "reverse"
    pd.testing.assert_frame_equal(rk.scores(), r.scores())
    assert rk.reverse_keyed() is rk


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=30))
def test_reversing_twice_is_identity(codes):
    x = pd.Series(codes, dtype="float64")
    pd.testing.assert_series_equal(reverse_codes(reverse_codes(x, 1, 5), 1, 5), x)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(5, 40),
    speed=st.lists(st.integers(0, 39), max_size=5),
    fail=st.lists(st.integers(0, 39), max_size=5),
    blank=st.lists(st.integers(0, 39), max_size=5),
)
def test_ledger_always_balances(seed, n, speed, fail, blank):
    r = make_responses(n, seed)
    data, meta = r.data.copy(), r.meta.copy()
    for i in speed:
        meta.iloc[i % n, 0] = 1.0
    for i in fail:
        data.iloc[i % n, data.columns.get_loc("AC")] = 1.0
    for i in blank:
        data.iloc[i % n, 0] = np.nan
    r = r.replace(data=data, meta=meta)
    clean = r.screen()
    excluded = sum(e.n for e in clean.ledger if e.step == "exclude")
    assert len(r) == len(clean) + excluded
    ids = [x for e in clean.ledger if e.step == "exclude" for x in e.respondents]
    assert len(ids) == len(set(ids)) and not set(ids) & set(clean.data.index)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 300),
    k=st.integers(1, 50),
    levels=st.integers(1, 3),
    seed=st.integers(0, 2**32 - 1),
)
def test_duplicate_answers_agree_with_pandas(n, k, levels, seed):
    # few levels, missing cells and many columns: hashes collide often, and rows agreeing on the
    # first hashed columns differ elsewhere; the result must still be exactly pandas' own
    from survey.prep.quality import _duplicated_rows, _Numeric

    rng = np.random.default_rng(seed)
    values = rng.integers(0, levels + 1, size=(n, k)).astype(float)
    values[values == 0] = np.nan
    frame = pd.DataFrame(values, columns=[f"q{j}" for j in range(k)])
    expected = frame.duplicated(keep="first").to_numpy()
    assert (_duplicated_rows(frame, _Numeric(frame)) == expected).all()


def test_rows_alike_on_the_first_hashed_columns_are_checked_in_full():
    from survey.prep.quality import _duplicated_rows, _Numeric

    rng = np.random.default_rng(5)
    values = rng.integers(1, 6, size=(5000, 48)).astype(float)
    values[:, ::3] = 1.0  # every third column (the spread hashed first) is the same for everyone
    values[4999] = values[17]  # one true duplicate
    frame = pd.DataFrame(values)
    assert np.flatnonzero(_duplicated_rows(frame, _Numeric(frame))).tolist() == np.flatnonzero(frame.duplicated().to_numpy()).tolist()
    assert 4999 in np.flatnonzero(_duplicated_rows(frame, _Numeric(frame)))
