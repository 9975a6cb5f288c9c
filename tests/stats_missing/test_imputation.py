"""Chained equations: reproducible, on the scale, observed cells untouched, recorded, and bad input
refused with a named error; pooling refuses what it cannot pool."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError
from survey.errors import ImputationWarning
from survey.stats.imputation import _rhat, impute
from survey.stats.pooling import pool, pool_f, pool_scalar
from tests.prep.helpers import make_responses


@pytest.fixture
def likert() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    n = 120
    f = rng.normal(size=n)
    frame = pd.DataFrame({f"q{i}": np.clip(np.round(3 + f + rng.normal(scale=0.8, size=n)), 1, 5) for i in range(5)})
    frame.iloc[rng.random((n, 5)) < 0.15] = np.nan
    return frame


def test_same_seed_same_values_other_seed_other_values(likert):
    a, b, c = impute(likert, m=4, seed=11), impute(likert, m=4, seed=11), impute(likert, m=4, seed=12)
    assert all(np.array_equal(a.imputed[col], b.imputed[col]) for col in a.columns)
    assert a.chain_mean.equals(b.chain_mean)
    assert any(not np.array_equal(a.imputed[col], c.imputed[col]) for col in a.columns)


def test_likert_stays_on_scale_and_observed_cells_are_untouched(likert):
    before = likert.copy()
    res = impute(likert, m=5, seed=1)
    pd.testing.assert_frame_equal(likert, before)  # the input is never changed
    for i in range(res.m):
        done = res.complete(i)
        assert not done.isna().any().any()
        observed = likert.notna()
        pd.testing.assert_frame_equal(done[observed], likert[observed])
        assert set(np.unique(done.to_numpy())) <= {1.0, 2.0, 3.0, 4.0, 5.0}
    assert res.n_missing.to_dict() == likert.isna().sum().to_dict()
    assert res.imputed["q0"].shape == (5, likert["q0"].isna().sum())


def test_imputation_recovers_a_mean_that_complete_cases_miss():
    # y is missing where x is high (MAR): the complete cases understate the mean of y; PMM recovers it
    rng = np.random.default_rng(3)
    n = 2000
    x = rng.normal(size=n)
    y = x + rng.normal(scale=0.5, size=n)
    frame = pd.DataFrame({"x": x, "y": np.where(x > 0.5, np.nan, y)})
    res = impute(frame, m=5, seed=2)
    means = [res.complete(i)["y"].mean() for i in range(5)]
    assert abs(np.mean(means) - y.mean()) < abs(frame["y"].mean() - y.mean()) / 2


def test_ledger_records_the_imputation_of_responses():
    r = make_responses(60, seed=2)
    data = r.data.copy()
    data.iloc[[1, 5, 9], 0] = np.nan
    data.iloc[[3], 4] = np.nan
    r = r.replace(data=data)
    res = sv.impute(r, m=3, seed=5)
    assert "AC" in res.columns and "A1" in res.columns
    done = res.complete(2)
    assert isinstance(done, sv.Responses)
    entry = done.ledger[-1]
    assert entry.step == "impute" and entry.n == 4 and "4 missing cells" in entry.detail and "seed 5" in entry.detail
    assert set(entry.respondents) == {data.index[i] for i in (1, 5, 9, 3)}
    assert not done.data[list(res.columns)].isna().any().any()
    assert r.ledger == make_responses(60, seed=2).ledger  # the source keeps its own ledger


def test_all_missing_column_is_a_named_error(likert):
    likert["empty"] = np.nan
    with pytest.raises(AnalysisError, match=r"every value is missing in \['empty'\]"):
        impute(likert, m=2, seed=1)


def test_text_and_identifier_columns_are_refused(likert):
    with pytest.raises(AnalysisError, match=r"text columns \['name'\] cannot be used"):
        impute(likert.assign(name=["x"] * len(likert)), m=2, seed=1)
    with pytest.raises(AnalysisError, match=r"identifier or personal-data columns are never imputed: \['rid'\]"):
        impute(likert.assign(rid=np.arange(1000, 1000 + len(likert))), m=2, seed=1)
    r = make_responses(40)
    r = r.replace(personal=("B1",))
    with pytest.raises(AnalysisError, match=r"personal-data columns are never imputed: \['B1'\]"):
        impute(r, columns=["A1", "B1"], m=2, seed=1)


@pytest.mark.parametrize("option", [{"m": 0}, {"maxit": 0}, {"donors": 1.5}, {"method": "norm"}])
def test_bad_options_are_named(likert, option):
    with pytest.raises(AnalysisError, match="impute"):
        impute(likert, **option)


def test_chains_that_do_not_move_are_flagged_not_passed():
    # x and y are the same variable, missing together: each chain keeps its random start for ever
    rng = np.random.default_rng(0)
    x = rng.integers(1, 6, size=300).astype(float)
    frame = pd.DataFrame({"x": x, "y": x.copy(), "z": rng.normal(size=300)})
    frame.loc[:99, ["x", "y"]] = np.nan
    with pytest.warns(ImputationWarning, match="did not mix"):
        res = impute(frame, m=6, seed=1, maxit=6)
    assert not res.converged and res.issues
    assert "did not mix" in res.findings()[-1]


def test_rhat_of_identical_and_separated_chains():
    assert _rhat(np.ones((4, 3))) == 1.0
    assert _rhat(np.array([[0.0, 0.1, 0.0], [5.0, 5.1, 5.0]])) > 10


def test_pool_refuses_what_it_cannot_pool(likert):
    res = impute(likert.assign(g=np.tile([1, 2], len(likert) // 2)), m=3, seed=1)
    with pytest.raises(AnalysisError, match="rank tests"):
        res.pool(lambda d: sv.compare_groups(d, dv="q0", by="g", test="mann_whitney"))
    with pytest.raises(AnalysisError, match="at least two imputations"):
        pool([sv.regression(res.complete(0), "q0", ["q1"])])
    with pytest.raises(AnalysisError, match="no pooling rule"):
        pool([sv.descriptives(res.complete(i), ["q0"]) for i in range(3)])


def test_pool_f_by_hand():
    f = np.array([5.0, 6.0, 4.5, 5.5])
    m, k = 4, 2
    d = k * f
    r = (1 + 1 / m) * np.var(np.sqrt(d), ddof=1)
    expected = (d.mean() / k - (m + 1) / (m - 1) * r) / (1 + r)
    out = pool_f(f, k)
    assert out["statistic"] == pytest.approx(expected, rel=1e-12)
    assert out["df2"] == pytest.approx(k ** (-3 / m) * (m - 1) * (1 + 1 / r) ** 2, rel=1e-12)


def test_pooled_anova_by_d2(likert):
    res = impute(likert.assign(g=np.tile([1, 2, 3], len(likert) // 3)), m=4, seed=1)
    pooled = res.pool(lambda d: sv.compare_groups(d, dv="q0", by="g", test="anova"))
    fs = [sv.compare_groups(d, dv="q0", by="g", test="anova").statistic for d in res.datasets()]
    assert pooled.model["f"] == pytest.approx(pool_f(fs, 2)["statistic"], rel=1e-12)
    assert list(pooled.table.index) == [1, 2, 3]
    assert np.all(np.isfinite(pooled.table[["estimate", "se", "df", "p_value"]].to_numpy()))


def test_invalid_cells_can_be_imputed_and_the_ledger_says_so():
    r = make_responses(40, seed=3)
    data = r.data.copy()
    data.loc["r002", "A2"] = np.nan
    invalid = pd.DataFrame({"row": ["r002"], "column": ["A2"], "value": ["99"], "problem": ["out of range"]})
    r = r.replace(data=data, invalid=invalid)
    res = sv.impute(r, m=2, seed=1)
    done = res.complete(1)
    assert not np.isnan(done.data.loc["r002", "A2"]) and len(done.invalid) == 0
    assert "1 of them invalid when loaded" in done.ledger[-1].detail
    assert len(r.invalid) == 1  # the source keeps its record


def test_imputed_grouping_pools_with_each_imputations_group_sizes():
    rng = np.random.default_rng(8)
    n = 80
    g = np.tile([1.0, 2.0], n // 2)
    y = g + rng.normal(size=n)
    frame = pd.DataFrame({"g": g, "y": y, "x": y + rng.normal(size=n)})
    frame.loc[rng.random(n) < 0.2, "g"] = np.nan
    res = impute(frame, m=4, seed=2)
    results = [sv.compare_groups(d, dv="y", by="g", test="student") for d in res.datasets()]
    pooled = pool(results)
    q = [r.groups["mean"].iloc[0] - r.groups["mean"].iloc[1] for r in results]
    u = []
    for r in results:
        n1, n2 = r.groups["n"]
        s1, s2 = r.groups["sd"] ** 2
        u.append(((n1 - 1) * s1 + (n2 - 1) * s2) / (n1 + n2 - 2) * (1 / n1 + 1 / n2))
    expected = pool_scalar(q, u, dfcom=n - 2)
    assert pooled.table["estimate"].iloc[0] == pytest.approx(expected["estimate"], rel=1e-12)
    assert pooled.table["se"].iloc[0] == pytest.approx(expected["se"], rel=1e-12)


def test_an_analysis_failing_in_one_imputation_names_it(likert):
    res = impute(likert, m=3, seed=1)
    with pytest.raises(AnalysisError, match=r"imputation 1 of 3: regression\('q0'\): the outcome 'q0' is also a predictor"):
        res.pool(lambda d: sv.regression(d, "q0", ["q0"]))


def test_imputing_a_nominal_item_says_the_model_treats_its_codes_as_numbers():
    from survey.schema import questionnaire_from_dict
    from tests.prep.helpers import SCALE5

    q = questionnaire_from_dict({
        "id": "nominal", "title": "nominal",
        "scales": {"s5": {"labels": SCALE5}, "sector": {"labels": {1: "university", 2: "hospital", 3: "firm"}, "ordered": False}},
        "items": [*[{"id": f"A{i}", "text": f"A{i}", "scale": "s5"} for i in range(1, 4)], {"id": "sector", "text": "sector", "scale": "sector"}],
    })
    r = make_responses(60, seed=2)
    data = r.data[["A1", "A2", "A3"]].assign(sector=np.tile([1.0, 2.0, 3.0], 20))
    data.iloc[[2, 7], 3] = np.nan
    r = sv.Responses(data, r.meta, q, r.source)
    with pytest.warns(ImputationWarning, match=r"\['sector'\] are nominal") as caught:
        res = sv.impute(r, m=2, seed=1)
    assert [w.message.key for w in caught if isinstance(w.message, ImputationWarning)] == ["imputation_nominal_as_numeric"]
    assert any("nominal" in issue for issue in res.issues)
    assert set(np.unique(res.imputed["sector"])) <= {1.0, 2.0, 3.0}
    with warnings.catch_warnings():
        warnings.simplefilter("error", ImputationWarning)
        sv.impute(r, m=2, seed=1, columns=["A1", "A2", "A3"])  # leaving it out says nothing
