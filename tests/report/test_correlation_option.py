"""The plan's `correlation` option of the reliability and validity sections, and the report's sentence."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import pytest

from survey.errors import SurveyWarning
from survey.report.plan import Reliability, Validity
from survey.stats import cronbach_alpha
from tests.report.test_sections_verdicts import FIVE, _context, _text
from tests.stats_psychometrics.conftest import heywood_likert

SPEC = {
    "scales": {"five": FIVE},
    "items": [{"id": c, "text": c, "scale": "five"} for c in ["a1", "a2", "a3", "b1", "b2", "b3"]],
    "constructs": [
        {"id": "pay", "name": {"zh": "薪酬", "en": "Pay"}, "items": ["a1", "a2", "a3"], "role": "hygiene"},
        {"id": "growth", "name": {"zh": "发展", "en": "Growth"}, "items": ["b1", "b2", "b3"], "role": "motivator"},
    ],
}


def _run(correlation: str, lang: str):
    from survey.report.sections import reliability, validity

    analyses = SimpleNamespace(reliability=Reliability(item_analysis=False, correlation=correlation),
                               validity=Validity(cfa=False, correlation=correlation))
    ctx = _context(heywood_likert(), SPEC, analyses, lang)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        reliability(ctx)
        validity(ctx)
    return ctx


@pytest.mark.parametrize("lang,words", [("en", "ordinal *α* and *ω* computed from polychoric correlations"), ("zh", "多分格（polychoric）相关矩阵计算有序")])
def test_polychoric_plan_says_which_and_why(lang, words):
    ctx = _run("polychoric", lang)
    text = _text(ctx)
    assert words in text
    assert ("treats the items as ordinal" in text) if lang == "en" else ("题项视为有序变量" in text)
    rel = ctx.results["reliability"]
    assert rel.correlation == "polychoric"
    factor_analyses = [v for k, v in ctx.results.items() if k.startswith(("efa", "parallel"))]
    assert factor_analyses and all(v.correlation == "polychoric" for v in factor_analyses)
    items = ctx.clean.construct_items("pay")
    assert rel.table.loc["pay", "alpha"] == pytest.approx(cronbach_alpha(items, cor="polychoric").alpha, abs=1e-12)
    assert rel.table.loc["pay", "alpha"] != pytest.approx(cronbach_alpha(items).alpha, abs=1e-3)


def test_pearson_is_the_default_and_named():
    assert Reliability().correlation == "pearson" and Validity().correlation == "pearson"
    ctx = _run("pearson", "en")
    assert "Cronbach's *α* from Pearson covariances" in _text(ctx)
    assert ctx.results["reliability"].correlation == "pearson"
