"""The plan's `missing` option of the validity section: listwise ML or FIML in the CFA, and the report's sentence."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from survey.errors import SurveyWarning
from survey.report.plan import Validity
from tests.report.test_sections_verdicts import FIVE, _context, _text

ITEMS = ["a1", "a2", "a3", "b1", "b2", "b3"]
SPEC = {
    "scales": {"five": FIVE},
    "items": [{"id": c, "text": c, "scale": "five"} for c in ITEMS],
    "constructs": [
        {"id": "pay", "name": {"zh": "薪酬", "en": "Pay"}, "items": ITEMS[:3], "role": "hygiene"},
        {"id": "growth", "name": {"zh": "发展", "en": "Growth"}, "items": ITEMS[3:], "role": "motivator"},
    ],
}


def likert_with_holes(n: int = 300, seed: int = 5) -> pd.DataFrame:
    """Two correlated 3-item factors on 1–5, 10% of the cells missing at random, one row all missing."""
    rng = np.random.default_rng(seed)
    corr = np.full((6, 6), 0.25)
    corr[:3, :3] = corr[3:, 3:] = 0.55
    np.fill_diagonal(corr, 1)
    z = rng.multivariate_normal(np.zeros(6), corr, size=n)
    data = pd.DataFrame(np.digitize(z, [-1.3, -0.4, 0.4, 1.3]) + 1.0, columns=ITEMS)
    data = data.mask(rng.uniform(size=data.shape) < 0.10)
    data.iloc[7] = np.nan
    return data


def _run(missing: str, lang: str):
    from survey.report.sections import validity

    data = likert_with_holes()
    ctx = _context(data, SPEC, SimpleNamespace(validity=Validity(efa=False, missing=missing)), lang)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        validity(ctx)
    return ctx, data


@pytest.mark.parametrize("lang,words", [("en", "handled by full-information maximum likelihood (FIML)"), ("zh", "全信息最大似然法（FIML）")])
def test_fiml_plan_fits_every_row_with_an_answer_and_says_so(lang, words):
    ctx, data = _run("fiml", lang)
    res = ctx.results["validity"].cfa
    assert res.nan_policy == "fiml"
    assert res.n == int(data.notna().any(axis=1).sum()) == len(data) - 1 and res.n_excluded == 1
    assert res.missing_share == pytest.approx(data.isna().to_numpy().mean(), abs=1e-15)
    assert words in _text(ctx)


def test_listwise_is_the_default_and_named():
    assert Validity().missing == "listwise"
    ctx, data = _run("listwise", "en")
    res = ctx.results["validity"].cfa
    assert res.nan_policy == "listwise" and res.n == len(data.dropna())
    assert f"maximum likelihood (ML) on the {res.n} respondents who answered every item; {len(data) - res.n} with a missing answer were left out" in _text(ctx)


@pytest.mark.parametrize("lang,words", [("en", "the CFA was estimated by diagonally weighted least squares (DWLS) on polychoric correlations"),
                                        ("zh", "采用对角加权最小二乘法（DWLS）估计")])
def test_polychoric_plan_makes_the_cfa_ordinal_and_says_so(lang, words):
    from survey.report.sections import validity

    data = likert_with_holes()
    ctx = _context(data, SPEC, SimpleNamespace(validity=Validity(efa=False, correlation="polychoric")), lang)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        validity(ctx)
    res = ctx.results["validity"].cfa
    assert res.estimator == "dwls" and res.n == len(data.dropna())
    assert words in _text(ctx)


def test_fiml_with_an_ordinal_cfa_is_a_plan_error():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="choose one"):
        Validity(missing="fiml", correlation="polychoric")
    assert Validity(missing="fiml", correlation="polychoric", cfa=False).missing == "fiml"
