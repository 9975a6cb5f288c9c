"""Report sections that judge: no verdict on an inadmissible solution; group contrasts named."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import pandas as pd
import pytest

from survey.errors import SurveyWarning
from survey.report.context import Context
from survey.report.document import Document
from survey.report.plan import Validity
from survey.responses import Responses, Source
from survey.schema import questionnaire_from_dict
from tests.stats_psychometrics.conftest import heywood_likert

FIVE = {"labels": {k: str(k) for k in range(1, 6)}}


def _context(data: pd.DataFrame, spec: dict, analyses: SimpleNamespace, lang: str) -> Context:
    q = questionnaire_from_dict({"id": "t", "title": "t", **spec})
    r = Responses(data, pd.DataFrame(index=data.index), q, Source("memory", "test", "", len(data)))
    style = "gb" if lang == "zh" else "apa"
    return Context(plan=SimpleNamespace(analyses=analyses, seed=0), questionnaire=q, raw=r, clean=r, scores=r.scores(),
                   lang=lang, style=style, doc=Document(title="t", lang=lang, style=style))


def _text(ctx: Context) -> str:
    return " ".join(b.text for b in ctx.doc.blocks if type(b).__name__ == "Paragraph")


def _table(ctx: Context, key: str):
    return next(b for b in ctx.doc.blocks if getattr(b, "key", None) == key)


def _heywood_context(lang: str) -> Context:
    data = heywood_likert()
    spec = {
        "scales": {"five": FIVE},
        "items": [{"id": c, "text": c, "scale": "five"} for c in data.columns],
        "constructs": [
            {"id": "pay", "name": {"zh": "薪酬", "en": "Pay"}, "items": ["a1", "a2", "a3"], "role": "hygiene"},
            {"id": "growth", "name": {"zh": "发展", "en": "Growth"}, "items": ["b1", "b2", "b3"], "role": "motivator"},
        ],
    }
    return _context(data, spec, SimpleNamespace(validity=Validity(efa=False)), lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inadmissible_cfa_is_marked_and_not_judged(lang):
    from survey.report.sections import validity

    ctx = _heywood_context(lang)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        validity(ctx)
    text = _text(ctx)
    table = _table(ctx, "validity")
    assert table.raw["admissible"].tolist() == [False, False]
    if lang == "zh":
        assert "不可接受" in text and "收敛效度良好" not in text and "区分效度良好" not in text and "拟合" in text
        assert table.data["解可接受"].tolist() == ["否", "否"] and "不可接受" in table.note
        assert any("不可接受" in s for _, s in ctx.summary)
    else:
        assert "inadmissible" in text and "validity holds" not in text
        assert table.data["Admissible"].tolist() == ["no", "no"] and "inadmissible" in table.note
