"""cronbach_alpha against R psych::alpha (alpha.R), pingouin's reference data and hand algebra."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey.stats.psychometrics as sv
from survey.errors import AnalysisError, SurveyWarning

from .conftest import BFI_SCALES, SAQ_SCALES, keyed

CASES = [f"bfi_cc_{s}" for s in "ACENO"] + [f"saq_{s}" for s in SAQ_SCALES]


def _data(case, bfi_cc, bfi_raw, saq_keyed):
    if case.startswith("bfi_cc_"):
        return keyed(bfi_cc[BFI_SCALES[case[-1]]])
    if case.startswith("bfi_pairwise_"):
        return keyed(bfi_raw[BFI_SCALES[case[-1]]])
    return saq_keyed[SAQ_SCALES[case[4:]]]


@pytest.mark.parametrize("case", CASES + ["bfi_pairwise_A", "bfi_pairwise_C"])
def test_alpha_matches_psych(case, ref, bfi_cc, bfi_raw, saq_keyed):
    r = ref("alpha")[case]
    policy = "pairwise" if "pairwise" in case else "listwise"
    res = sv.cronbach_alpha(_data(case, bfi_cc, bfi_raw, saq_keyed), nan_policy=policy)
    tol = 1e-8  # closed form
    assert res.n == r["n_rows"] and res.k == len(r["items"])
    assert res.alpha == pytest.approx(r["raw_alpha"], abs=tol)
    assert res.std_alpha == pytest.approx(r["std_alpha"], abs=tol)
    assert res.average_r == pytest.approx(r["average_r"], abs=tol)
    assert res.ci_low == pytest.approx(r["feldt_low"], abs=tol)
    assert res.ci_high == pytest.approx(r["feldt_high"], abs=tol)
    st = res.item_stats
    assert list(st.index) == r["items"]
    for ours, theirs in [("mean", "mean"), ("sd", "sd"), ("raw_r", "raw_r"), ("r_drop", "r_drop"),
                         ("alpha_if_deleted", "alpha_if_deleted"), ("std_alpha_if_deleted", "std_alpha_if_deleted"), ("n", "n")]:
        np.testing.assert_allclose(st[ours].to_numpy(float), r[theirs], atol=tol, err_msg=ours)


def test_field_saq_subscale_alphas(saq_keyed, ref):
    """A. Field, Discovering Statistics Using SPSS (ch. 17): .823, .821, .819, .570 (Q03 reversed)."""
    book = ref("field_saq_textbook")["alphas"]
    for scale, value in book.items():
        assert round(sv.cronbach_alpha(saq_keyed[SAQ_SCALES[scale]]).alpha, 3) == value


def test_field_saq_unreversed_item_is_warned(saq):
    with pytest.warns(SurveyWarning, match="Question_03"):
        res = sv.cronbach_alpha(saq[SAQ_SCALES["statistics"]])
    assert res.issues and res.item_stats.loc["Question_03", "r_drop"] < 0


def test_pingouin_reference_dataset():
    """pingouin ships cronbach_alpha.csv with alpha = .5917, Feldt 95% CI [.195, .840] (its docs)."""
    pg = pytest.importorskip("pingouin")
    path = Path(pg.__file__).parent / "datasets" / "cronbach_alpha.csv"
    wide = pd.read_csv(path).pivot(index="Subj", columns="Items", values="Scores")
    with pytest.warns(SurveyWarning, match="Q5"):  # two items of that data set correlate negatively
        res = sv.cronbach_alpha(wide)
    assert round(res.alpha, 4) == 0.5917
    assert (round(res.ci_low, 3), round(res.ci_high, 3)) == (0.195, 0.840)


def test_bootstrap_is_seeded_and_matches_a_plain_loop(bfi_cc):
    x = keyed(bfi_cc[BFI_SCALES["C"]]).iloc[:300]
    a = sv.cronbach_alpha(x, n_boot=200, seed=7)
    b = sv.cronbach_alpha(x, n_boot=200, seed=7)
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high) and a.ci_method == "bootstrap"
    # the vectorised resampling equals resampling rows one by one with the same index draws
    rng = np.random.default_rng(7)
    vals = x.to_numpy()
    boots = []
    for _ in range(200):
        idx = rng.integers(0, len(vals), size=len(vals))
        c = np.cov(vals[idx], rowvar=False)
        boots.append(5 / 4 * (1 - np.trace(c) / c.sum()))
    lo, hi = np.quantile(boots, [0.025, 0.975])
    assert a.ci_low == pytest.approx(lo, abs=1e-10) and a.ci_high == pytest.approx(hi, abs=1e-10)
    assert a.ci_low < a.alpha < a.ci_high
    assert a.feldt_ci[0] < a.alpha < a.feldt_ci[1]


def test_invariances(bfi_cc):
    x = keyed(bfi_cc[BFI_SCALES["E"]])
    base = sv.cronbach_alpha(x).alpha
    assert sv.cronbach_alpha(x.sample(frac=1, random_state=1)).alpha == pytest.approx(base, abs=1e-12)
    assert sv.cronbach_alpha(x[x.columns[::-1]]).alpha == pytest.approx(base, abs=1e-12)
    assert sv.cronbach_alpha(2 * x + 3).alpha == pytest.approx(base, abs=1e-12)


def test_findings_both_languages(saq_keyed):
    res = sv.cronbach_alpha(saq_keyed[SAQ_SCALES["computers"]], name="Fear of computers")
    en = " ".join(res.findings())
    zh = " ".join(res.findings(lang="zh"))
    assert "α = .82" in en and "95% CI [.81, .83]" in en and "good" in en
    assert "Cronbach's α系数为0.823" in zh and "大于0.8" in zh
    assert res.to_frame().shape[0] == 7 and res.summary().loc["Fear of computers", "k"] == 7


@pytest.mark.parametrize(
    "frame, match",
    [
        (pd.DataFrame({"a": [1.0, 2, 3], "b": [2.0, 1, 3], "c": [1.0, 1, 2], "d": [3.0, 2, 2]}), "fewer respondents"),
        (pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 2, 2, 2], "c": [1.0, 3, 2, 4]}), r"constant.*\['b'\]"),
        (pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [1.0, 2, 3, 4], "c": [1.0, 3, 2, 4]}), "duplicated items.*a = b"),
        (pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [np.nan] * 4, "c": [1.0, 3, 2, 4]}), r"no values.*\['b'\]"),
        (pd.DataFrame({"a": [1.0, 2, np.nan, 4], "b": [2.0, 1, 3, 4], "c": [1.0, 3, 2, 4]}), "missing values"),
        (pd.DataFrame({"a": ["x", "y", "z", "w"], "b": [2.0, 1, 3, 4]}), "not numeric"),
    ],
)
def test_bad_input(frame, match):
    with pytest.raises(AnalysisError, match=match):
        sv.cronbach_alpha(frame, nan_policy="raise" if "missing" in match else "listwise")


def test_two_items_alpha_if_deleted_explained():
    df = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "b": [2.0, 1, 3, 5, 4]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = sv.cronbach_alpha(df)
    assert res.k == 2 and any("two items" in i for i in res.issues)
