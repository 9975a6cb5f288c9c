"""Weights: bad input gets a named error, trimming, small cells, Responses.weight and the ledger,
and results unchanged without weights."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError, SurveyError

MARGINS = {"sector": {"uni": 60, "firm": 40}, "category": {"A": 30, "B": 70}}


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 40
    return pd.DataFrame(
        {
            "sector": ["uni"] * 25 + ["firm"] * 15,
            "category": (["A", "B"] * 20),
            "w0": rng.uniform(1, 3, n),
            "y": rng.normal(3, 1, n),
            "x": rng.normal(0, 1, n),
            "g": ["p"] * 37 + ["q"] * 3,
        },
        index=pd.Index([f"r{i:02d}" for i in range(n)], name="respondent"),
    )


def test_rake_meets_every_margin(df):
    w = sv.rake(df, MARGINS, design="w0")
    assert w.sum() == pytest.approx(100)
    assert w.groupby(df["sector"]).sum().to_dict() == pytest.approx({"uni": 60, "firm": 40})
    assert w.groupby(df["category"]).sum().to_dict() == pytest.approx({"A": 30, "B": 70})


@pytest.mark.parametrize(
    "margins, message",
    [
        ({"sector": {"uni": 60, "firm": 40}, "category": {"A": 30, "B": 60}}, "do not sum to the same population"),
        ({"sector": {"uni": 60, "firm": 30, "hospital": 10}}, r"\['hospital'\] are in the margins but not in the data"),
        ({"sector": {"uni": 100}}, r"\['firm'\] are in the data but not in the margins"),
        ({"region": {"n": 100}}, "'region' is not a column"),
        ({"sector": {"uni": 100, "firm": 0}}, "must be > 0"),
        ({}, "margins must be a mapping"),
    ],
)
def test_bad_margins(df, margins, message):
    with pytest.raises(AnalysisError, match=message):
        sv.rake(df, margins)


def test_bad_margins_are_all_listed(df):
    bad = {"sector": {"uni": 60, "firm": 30, "hospital": 10}, "category": {"A": 100}}
    with pytest.raises(AnalysisError) as info:
        sv.rake(df, bad)
    assert "hospital" in str(info.value) and "['B'] are in the data" in str(info.value)


def test_missing_margin_value(df):
    d = df.copy()
    d.loc["r03", "sector"] = None
    with pytest.raises(AnalysisError, match=r"1 respondent\(s\) have no value \(rows \['r03'\]\)"):
        sv.rake(d, MARGINS)


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan, np.inf])
def test_non_positive_design_weights(df, bad):
    d = df.copy()
    d.loc["r05", "w0"] = bad
    with pytest.raises(AnalysisError, match=r"weights must be finite and > 0; 1 are not, at respondents \['r05'\]"):
        sv.rake(d, MARGINS, design="w0")
    with pytest.raises(AnalysisError, match="r05"):
        sv.weighted_mean(d["y"], d["w0"])
    with pytest.raises(AnalysisError, match="r05"):
        sv.descriptives(d, ["y"], weights="w0")
    with pytest.raises(AnalysisError, match="r05"):
        sv.regression(d, "y", ["x"], weights="w0")


def test_non_convergence_is_an_error(df):
    with pytest.raises(AnalysisError, match="raking did not converge in 2 iterations"):
        sv.rake(df, MARGINS, design="w0", max_iter=2, tol=1e-14)


def test_weights_must_cover_rows(df):
    with pytest.raises(AnalysisError, match="no weight for respondents"):
        sv.weighted_mean(df["y"], df["w0"].iloc[:-1])
    with pytest.raises(AnalysisError, match="39 weights for 40 rows"):
        sv.weighted_mean(df["y"], df["w0"].to_numpy()[:-1])


def test_trimming_caps_and_keeps_margins(df):
    plain = sv.weighting(df, design="w0", rake=MARGINS)
    cap = 1.6  # the cells of category B need 1.4 × the mean weight on average: 1.6 is feasible
    res = sv.weighting(df, design="w0", rake=MARGINS, trim=cap)
    assert res.trimmed > 0
    assert res.weights.max() <= cap * res.weights.mean() * (1 + 1e-9)
    assert plain.weights.max() > cap * plain.weights.mean()
    assert res.weights.groupby(df["sector"]).sum().to_dict() == pytest.approx({"uni": 60, "firm": 40}, rel=1e-9)
    assert res.effective_n > plain.effective_n
    assert "trimmed at 1.6" in res.describe()
    with pytest.raises(AnalysisError, match="did not converge .* or the trimming bound too tight"):
        sv.weighting(df, design="w0", rake=MARGINS, trim=1.2)
    with pytest.raises(AnalysisError, match="trim must be"):
        sv.weighting(df, rake=MARGINS, trim=0.5)


def test_kish_on_equal_weights(df):
    res = sv.weighting(df)
    assert res.effective_n == pytest.approx(40) and res.design_effect == pytest.approx(1)
    assert sv.effective_n([1, 3]) == pytest.approx(16 / 10)


def test_equal_weights_give_the_textbook_se(df):
    res = sv.weighted_mean(df["y"], np.ones(len(df)))
    assert res.estimate == pytest.approx(df["y"].mean(), abs=1e-12)
    assert res.se == pytest.approx(df["y"].std(ddof=1) / np.sqrt(len(df)), abs=1e-12)
    assert res.table["deff"].iloc[0] == pytest.approx(1.0, abs=1e-12)


def test_small_cells_are_suppressed(df):
    res = sv.weighted_mean(df["y"], df["w0"], by=df["g"], suppress_below=5)
    t = res.table
    assert t["suppressed"].tolist() == [False, False, True]
    assert t.loc["q"].drop("suppressed").isna().all()
    assert t.loc["p", "n"] == 37
    assert len(res.findings()) == 2
    p = sv.weighted_proportions(df["g"], df["w0"], suppress_below=5).table
    assert p["suppressed"].all()  # one small category would be revealed by the other: both hidden
    d = sv.descriptives(df, ["y"], by="g", weights="w0", suppress_below=5).table
    assert d["suppressed"].tolist() == [False, True]
    idx = sv.satisfaction_index(df.assign(s=np.clip(np.round(df["y"]), 1, 5)), ["s"], by="g", weights="w0", suppress_below=5)
    assert idx.table["suppressed"].tolist() == [False, False, True]
    assert "q" not in idx.findings()[1]


def test_results_unchanged_without_weights(df):
    before = sv.regression(df, "y", ["x"])
    assert not before.weighted
    pd.testing.assert_frame_equal(before.coefficients, sv.regression(df, "y", ["x"], weights=None).coefficients)
    assert "deff" not in sv.descriptives(df, ["y"]).table
    assert not sv.satisfaction_index(df.assign(s=np.clip(np.round(df["y"]), 1, 5)), ["s"]).weighted


def test_item_weights_keyword_and_old_spelling(df):
    d = df.assign(s1=np.clip(np.round(df["y"]), 1, 5), s2=np.clip(np.round(df["y"] + df["x"]), 1, 5))
    new = sv.satisfaction_index(d, ["s1", "s2"], item_weights={"s1": 3, "s2": 1})
    with pytest.warns(FutureWarning, match="item_weights="):
        old = sv.satisfaction_index(d, ["s1", "s2"], weights={"s1": 3, "s2": 1})
    assert old.estimate == new.estimate and not old.weighted


def _responses(df: pd.DataFrame) -> sv.Responses:
    source = sv.Source(path="fixture.csv", format="csv", sha256="0" * 64, rows_read=len(df))
    return sv.Responses(data=df[["y", "x", "category"]], meta=df[["sector", "w0"]], questionnaire=None, source=source)


def test_responses_weight_carries_weights_and_ledger(df):
    r = _responses(df)
    weighted = r.weight(design="w0", rake=MARGINS)
    assert r.weights is None
    pd.testing.assert_series_equal(weighted.weights, sv.rake(df, MARGINS, design="w0"))
    entry = weighted.ledger[-1]
    assert (entry.step, entry.rule, entry.n) == ("weight", "raking", 40)
    assert "raked to sector × category" in entry.detail and "effective n" in entry.detail
    assert weighted.weighting.converged
    kept = weighted.exclude(["r00", "r01"], reason="test")
    assert kept.weights.index.equals(kept.data.index) and len(kept.weights) == 38
    res = sv.descriptives(kept.data, ["y"], weights=kept.weights)
    assert res.weighted and res.table.loc["y", "n"] == 38


def test_responses_weight_unknown_column(df):
    with pytest.raises(AnalysisError, match="'region' is neither an item nor a metadata column"):
        _responses(df).weight(rake={"region": {"n": 1}})


def test_responses_refuse_misaligned_weights(df):
    with pytest.raises(SurveyError, match="weights must have the rows of data"):
        _responses(df).replace(weights=df["w0"].iloc[::-1])


def test_no_warning_for_moderate_weights(df):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sv.rake(df, MARGINS, design="w0")


def test_array_values_take_the_weights_order(df):
    w = sv.rake(df, MARGINS, design="w0")
    assert sv.weighted_mean(df["y"].to_numpy(), w).se == sv.weighted_mean(df["y"], w).se
    assert sv.weighted_mean(df["y"], w).raked


def test_weighted_regression_says_so(df):
    res = sv.regression(df, "y", ["x"], weights="w0")
    assert any("design-based" in f for f in res.findings()) and any("Wald" in f for f in res.findings("zh"))
    assert not any("design-based" in f for f in sv.regression(df, "y", ["x"]).findings())


def test_weights_that_are_not_numbers(df):
    with pytest.raises(AnalysisError, match="weight column 'wt' is not in the data"):
        sv.satisfaction_index(df.assign(s=3.0, t=np.r_[4.0, [3.0] * 39]), ["s", "t"], weights="wt")
    with pytest.raises(AnalysisError, match="columns not in the data: \\['wt'\\]"):
        sv.descriptives(df, ["y"], weights="wt")
    with pytest.raises(AnalysisError, match="weights must be numbers"):
        sv.weighted_mean(df["y"], ["a"] * 40)


def test_dropping_the_raking_record_gives_fixed_weight_ses(df):
    raked = sv.rake(df, MARGINS, design="w0")
    fixed = raked.copy()
    fixed.attrs.clear()
    a, b = sv.weighted_mean(df["y"], raked), sv.weighted_mean(df["y"], fixed)
    assert a.estimate == b.estimate and a.raked and not b.raked and a.se != b.se


@pytest.mark.parametrize("bad", [[], [1.0, 0.0], [1.0, np.nan]])
def test_kish_refuses_bad_weights(bad):
    with pytest.raises(AnalysisError, match="finite and > 0"):
        sv.effective_n(bad)
    with pytest.raises(AnalysisError, match="finite and > 0"):
        sv.design_effect(bad)


def test_weighted_mean_checks_its_confidence_level():
    with pytest.raises(AnalysisError, match="ci_level"):
        sv.weighted_mean([1, 2, 3, 4], [1, 1, 2, 2], ci_level=95)


def test_non_numeric_population_counts_are_listed_not_a_traceback():
    df = pd.DataFrame({"g": ["a", "b"] * 10})
    with pytest.raises(AnalysisError, match="population counts must be numbers"):
        sv.rake(df, {"g": {"a": "fifty", "b": 50}})
